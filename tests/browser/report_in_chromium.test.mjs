// Opens a generated HTML report in headless Chromium (the system's, never a
// downloaded one) and checks what only a browser can tell: nothing injected
// runs, nothing is fetched, the chart shows, and evidence links land.
//
//   REARVIEW_REPORT_HTML=/path/report.html node --test tests/browser/
//
// REARVIEW_CHROMIUM overrides /usr/bin/chromium (chromium.mjs); REARVIEW_SCREENSHOT_DIR
// keeps the screenshots somewhere known (default: a fresh temporary folder).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { failOnCiWhenSkipped, launch, reasonToSkip, screenshotFolder } from './chromium.mjs';

const reportPath = process.env.REARVIEW_REPORT_HTML;

function reportMissing() {
  if (!reportPath) return 'REARVIEW_REPORT_HTML is not set';
  if (!fs.existsSync(reportPath)) return `${reportPath} does not exist`;
  return false;
}

const skip = reasonToSkip(reportMissing());
failOnCiWhenSkipped(skip);
const reportUrl = reportPath ? pathToFileURL(path.resolve(reportPath)).href : '';
const state = { requests: [], consoleErrors: [] };

before(async () => {
  if (skip) return;
  state.browser = await launch();
  state.context = state.browser.context;
  state.page = state.context.pages()[0] ?? (await state.context.newPage());
  state.page.on('request', (request) => state.requests.push(request.url()));
  state.page.on('console', (message) => {
    if (message.type() === 'error') state.consoleErrors.push(message.text());
  });
  state.page.on('pageerror', (error) => state.consoleErrors.push(error.message));
  await state.page.goto(reportUrl, { waitUntil: 'load' });
});

after(async () => {
  await state.browser?.close();
});

test('fetches nothing but the report file itself', { skip }, () => {
  assert.deepEqual(state.requests, [reportUrl]);
});

test('logs no console errors', { skip }, () => {
  assert.deepEqual(state.consoleErrors, []);
});

test('never runs the script injected into an e-mail body', { skip }, async () => {
  const page = state.page;
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
  // The body is shown as the text it is.
  const bodies = await page.locator('.timeline .body').allTextContents();
  assert.ok(bodies.some((body) => body.includes("<script>window.__xss = 'script'</script>")));
});

test('shows the health chart', { skip }, async () => {
  const chart = state.page.locator('svg.health-chart');
  assert.ok(await chart.isVisible());
  const box = await chart.boundingBox();
  assert.ok(box.width > 600 && box.height > 150, `chart is ${box.width}x${box.height}`);
  assert.ok((await chart.locator('path.line').count()) === 1);
  assert.ok((await chart.locator('path.tell-mark').count()) > 0);
});

test('keeps timeline items whole when printed', { skip }, async () => {
  const page = state.page;
  await page.emulateMedia({ media: 'print' });
  try {
    const breakInside = await page.locator('.timeline > li').first()
      .evaluate((item) => getComputedStyle(item).breakInside);
    assert.equal(breakInside, 'avoid');
    assert.equal(await page.locator('nav.toc').isVisible(), false);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

test('takes screenshots for people to look at', { skip }, async (context) => {
  const folder = screenshotFolder('report');
  const desktop = path.join(folder, 'report-desktop.png');
  await state.page.screenshot({ path: desktop, fullPage: true });
  const phone = path.join(folder, 'report-phone.png');
  await state.page.setViewportSize({ width: 390, height: 844 });
  await state.page.screenshot({ path: phone, fullPage: true });
  await state.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(fs.statSync(desktop).size > 10000);
  context.diagnostic(`screenshots: ${desktop} ${phone}`);
});

test("a tell's evidence link opens the timeline item", { skip }, async () => {
  const page = state.page;
  const link = page.locator('#tells a[href^="#item-"]').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction((expected) => location.hash === expected, href);
  const target = await page.evaluate(() => {
    const element = document.querySelector(':target');
    const box = element?.getBoundingClientRect();
    return element && { id: element.id, top: box.top, height: window.innerHeight };
  });
  assert.equal(`#${target.id}`, href);
  assert.ok(target.top >= 0 && target.top < target.height, `item is at ${target.top}px`);
  assert.ok(state.requests.every((url) => url.startsWith(reportUrl)), state.requests.join('\n'));
});
