#!/usr/bin/env node
// Opens the REST docs page (/docs, Scalar) of a running TaskGraph.Api in headless Chromium and
// saves a screenshot. Fails when the page asks any other host for anything (it must work offline),
// a request fails, the operations of the OpenAPI document do not show, or the Authorize form does
// not point at the login endpoint.
//
//   node docs-check.mjs http://127.0.0.1:5000 [../../TestResults/docs.png]
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2];
const screenshot = resolve(process.argv[3] ?? 'docs.png');
if (!base) {
  console.error('usage: node docs-check.mjs <api base url> [screenshot.png]');
  process.exit(2);
}
const origin = new URL(base).origin;
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:')) {
      problems.push(`external request: ${request.url()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
  await page.getByText('TaskGraph REST API').first().waitFor({ timeout: 15000 });
  for (const text of ['Tasks', 'Auth', 'Users', '/v1/auth/login']) {
    if ((await page.getByText(text).count()) === 0) {
      problems.push(`the page does not show "${text}"`);
    }
  }
  await mkdir(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
} catch (error) {
  problems.push(`check failed: ${error.message}`);
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(`docs check FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs check passed: /docs rendered offline with its operations and the password flow; screenshot ${screenshot}`);
