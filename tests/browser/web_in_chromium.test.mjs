// The web app in headless Chromium: a generated company imported and served
// by `rearview serve`, used as a rep would — sign in, open a deal, fold out
// an e-mail, tick a milestone on a phone, watch a posted e-mail arrive — with
// markup in what outsiders wrote never running, and axe-core's accessibility
// check on each page.
//
//   REARVIEW_BIN=build/apps/rearview/rearview REARVIEW_CONFIG=examples/demo.toml \
//     node --test tests/browser/web_in_chromium.test.mjs
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { failOnCiWhenSkipped, launch, reasonToSkip, screenshotFolder } from './chromium.mjs';

const binary = process.env.REARVIEW_BIN;
const config = process.env.REARVIEW_CONFIG;
const password = 'a demo password';

function setupMissing() {
  if (!binary || !fs.existsSync(binary)) return 'REARVIEW_BIN does not name the rearview program';
  if (!config || !fs.existsSync(config)) return 'REARVIEW_CONFIG does not name a rearview.toml';
  return false;
}

const skip = reasonToSkip(setupMissing());
failOnCiWhenSkipped(skip);
const state = { consoleErrors: [] };

function rearview(...args) {
  return execFileSync(binary, ['--config', config, ...args], {
    cwd: state.folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// Starts the server on a free port; resolves with its address.
function serve() {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['--config', config, 'serve', '--db', 'r.db', '--listen',
                                  '127.0.0.1:0'], { cwd: state.folder });
    state.server = server;
    state.serverLog = '';
    server.stderr.on('data', (chunk) => { state.serverLog += chunk; });
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/on (http:\/\/[^/]+)\//);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`rearview serve exited (${code}): ${state.serverLog}`)));
  });
}

async function api(method, target, body, type = 'application/json') {
  const response = await fetch(state.base + target, {
    method,
    headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': type },
    body,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${target}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// An open deal whose owner has an account and whose timeline has an e-mail
// with the buyer: the rep to sign in as, and the buyer's address to write from.
async function chooseDeal(reps) {
  const list = await api('GET', '/api/v1/opportunities?outcome=open&limit=500');
  for (const deal of list.opportunities) {
    const rep = reps.get(deal.owner_id);
    if (!rep) continue;
    const report = await api('GET', `/api/v1/opportunities/${deal.id}`);
    for (const item of report.timeline) {
      if (item.kind !== 'email' || !item.body) continue;
      // "Name <address> (role)"
      const buyer = item.participants.map((who) => who.match(/<([^>]+)> \((?:from|to|cc)\)$/)?.[1])
        .find((address) => address && address !== rep);
      if (buyer) return { deal, email: rep, buyer, subject: item.subject };
    }
  }
  throw new Error('no open deal with an e-mail from or to the buyer');
}

before(async () => {
  if (skip) return;
  state.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rearview-web-'));
  rearview('generate', '--opportunities', '60', '--seed', '11', '--out', 'crm');
  rearview('import', 'salesforce', 'crm', '--db', 'r.db');
  fs.writeFileSync(path.join(state.folder, 'pw'), `${password}\n`);
  rearview('user', 'add', '--role', 'admin', '--name', 'Ada Admin', '--email', 'ada@example.test',
           '--password-file', 'pw', '--db', 'r.db');
  const accounts = rearview('user', 'import-crm', '--password-file', 'pw', '--db', 'r.db');
  const reps = new Map();
  for (const line of accounts.split('\n')) {
    const found = line.match(/<([^>]+)>: rep, CRM user (\S+)/);
    if (found) reps.set(found[2], found[1]);
  }
  state.token = rearview('token', 'create', '--user', 'ada@example.test', '--db', 'r.db').split('\n')[0];
  state.base = await serve();
  state.choice = await chooseDeal(reps);
  state.browser = await launch({ hasTouch: true });
  state.page = state.browser.context.pages()[0] ?? (await state.browser.context.newPage());
  state.page.on('console', (message) => {
    if (message.type() === 'error') state.consoleErrors.push(message.text());
  });
  state.page.on('pageerror', (error) => state.consoleErrors.push(error.message));
  state.screenshots = screenshotFolder('web');
});

after(async () => {
  await state.browser?.close();
  if (state.server) {
    state.server.removeAllListeners('exit');
    state.server.kill('SIGTERM');
  }
  if (state.folder) fs.rmSync(state.folder, { recursive: true, force: true });
});

async function checkAccessibility(page, what) {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated through the DevTools protocol, which the page's policy does not
  // govern: the page itself still may not run inline script.
  await page.evaluate(fs.readFileSync(axe, 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
                   [], `${what}: accessibility`);
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(state.screenshots, `${name}.png`), fullPage: true });
}

test('a rep signs in and sees their open deal at home', { skip }, async () => {
  const page = state.page;
  await page.goto(`${state.base}/`);
  assert.match(page.url(), /\/login$/);
  await checkAccessibility(page, 'login');
  await page.fill('#email', state.choice.email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${state.base}/`), page.click('button[type=submit]')]);
  const row = page.locator(`a[href="/opportunities/${state.choice.deal.id}"]`);
  assert.equal(await row.count(), 1);
  await checkAccessibility(page, 'home');
  await shoot(page, 'home');
});

test('an e-mail in the timeline folds out to its whole text', { skip }, async () => {
  const page = state.page;
  await page.goto(`${state.base}/opportunities/${state.choice.deal.id}`);
  const item = page.locator('.timeline li.kind-email').filter({ has: page.locator('details.fold') }).first();
  const body = item.locator('details.fold .body');
  assert.equal(await body.isVisible(), false);
  await item.locator('details.fold summary').click();
  assert.ok(await body.isVisible());
  assert.ok((await body.textContent()).length > 20);
  await checkAccessibility(page, 'deal');
  await shoot(page, 'deal');
});

test('a milestone is ticked with one tap on a phone', { skip }, async () => {
  const page = state.page;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(`${state.base}/opportunities/${state.choice.deal.id}/milestones`);
    const button = page.locator('.milestone button[aria-pressed="false"]').first();
    const milestone = await button.evaluate((b) => b.closest('.milestone').id);
    const box = await button.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `a tap target of ${box.width}x${box.height}`);
    await Promise.all([page.waitForLoadState('load'), button.tap()]);
    await page.waitForSelector(`#${milestone} button[aria-pressed="true"]`);
    assert.ok(await page.locator(`#${milestone} .attained`).isVisible());
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide on a 390px phone`);
    await checkAccessibility(page, 'milestones');
    await shoot(page, 'milestones-phone');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('an e-mail posted to the API shows on the open deal page, its markup as text', { skip }, async (t) => {
  const page = state.page;
  await page.goto(`${state.base}/opportunities/${state.choice.deal.id}`);
  await page.waitForFunction(() => document.getElementById('main').dataset.version);
  const subject = `Re: ${state.choice.subject} <img src=x onerror="window.__pwned=1">`;
  const started = Date.now();
  const posted = await api('POST', '/api/v1/interactions', JSON.stringify({
    kind: 'email',
    message_id: `<live-${Date.now()}@buyer.test>`,
    date: new Date(Date.now() - 60_000).toISOString(),
    from: state.choice.buyer,
    to: [state.choice.email],
    subject,
    text: 'We are in. <script>window.__pwned = 2</script> Send the order form.',
  }));
  const answered = Date.now();
  assert.deepEqual(posted.interactions[0].opportunities, [state.choice.deal.id],
                   JSON.stringify(posted));
  await page.locator('.timeline h3.subject', { hasText: 'onerror' }).waitFor({ timeout: 15_000 });
  t.diagnostic(`the post was answered after ${answered - started} ms; the page showed it ` +
               `${Date.now() - answered} ms later`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#main img').count(), 0);
  assert.equal(await page.locator('#main script').count(), 0);
  await shoot(page, 'deal-after-post');
});

test('someone other than the owner records the buyer interview of a lost deal', { skip }, async () => {
  const page = state.page;
  const lost = (await api('GET', '/api/v1/opportunities?outcome=lost&limit=1')).opportunities[0];
  await page.context().clearCookies();
  await page.goto(`${state.base}/login`);
  await page.fill('#email', 'ada@example.test');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${state.base}/`), page.click('button[type=submit]')]);
  await page.goto(`${state.base}/opportunities/${lost.id}/interview`);
  assert.match(page.url(), /\/interview$/, await page.content());
  await page.fill('#value', 'It would have paid back within a year.');
  await page.fill('#inside', 'Dana Smith, CFO');
  await page.fill('#factors', 'A partner they already trusted <b>bold</b>');
  await page.check('input[name=driver][value=competitor]');
  await page.fill('#competitor', 'Globex');
  await page.check('input[name=reason][value="Timing"]');
  await page.fill('#quotes', 'We liked you, but <img src=x onerror="window.__pwned=3"> Globex was there first.');
  await Promise.all([page.waitForNavigation(), page.click('form.interview button[type=submit]')]);
  assert.match(await page.locator('main').textContent(), /Recorded by Ada Admin/);
  await checkAccessibility(page, 'interview');
  await shoot(page, 'interview');
  await page.goto(`${state.base}/opportunities/${lost.id}`);
  const section = page.locator('#interview');
  assert.match(await section.textContent(), /Globex was there first/);
  assert.match(await section.textContent(), /beside|CRM/i);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await section.locator('img, b').count(), 0);
});

test('no page logged an error or broke its policy', { skip }, () => {
  assert.deepEqual(state.consoleErrors, []);
});
