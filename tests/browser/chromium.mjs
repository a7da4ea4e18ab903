// What the browser tests share: the system's Chromium through playwright-core,
// and the rule that on CI a browser tier never skips quietly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

export const chromiumPath = process.env.REARVIEW_CHROMIUM ?? '/usr/bin/chromium';
export const launchArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return undefined;
  }
}

export const chromium = await loadPlaywright();

// Why the tests cannot run here (`own` is the test's own reason), or false.
export function reasonToSkip(own) {
  if (own) return own;
  if (!chromium) return 'playwright-core is not installed: run `npm ci` in tests/browser';
  if (!fs.existsSync(chromiumPath)) return `no Chromium at ${chromiumPath}`;
  return false;
}

// On CI a tier must never vanish quietly: what would be a skip elsewhere fails.
export function failOnCiWhenSkipped(skip) {
  if (skip && process.env.CI === 'true') {
    test('the browser tier can run on CI', () => {
      assert.fail(`${skip}: CI must run the browser tests (scripts/install-deps.sh installs Chromium)`);
    });
  }
}

// A fresh profile in a temporary folder; close() removes it.
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rearview-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: launchArgs,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotFolder(name) {
  const folder = process.env.REARVIEW_SCREENSHOT_DIR
    ?? fs.mkdtempSync(path.join(os.tmpdir(), `rearview-${name}-screenshots-`));
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}
