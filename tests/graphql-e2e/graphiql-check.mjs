#!/usr/bin/env node
// Opens the GraphiQL IDE of a running TaskGraph.Api in headless Chromium (Debian's, never a
// downloaded one), puts a fresh user's bearer token in the Headers pane, runs `{ me { username } }`
// through the UI (it needs the token), then a taskChanged subscription (over GraphiQL's WebSocket,
// the token from the same Headers pane) that must show a task created meanwhile, and saves a screenshot.
//
//   node graphiql-check.mjs http://127.0.0.1:5000 [../../TestResults/graphiql.png]
//
// Fails when the page is not the IDE, the editor or result pane is missing, the page asks any other
// host for anything (the IDE must work offline), logs an error, or the query does not return data.
// Set GRAPHIQL_QUERY for another query, GRAPHIQL_ALLOW_ERRORS=1 to accept a result without data
// (a server that has no GraphQL endpoint yet), CHROMIUM for another browser binary.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? process.env.API_URL;
const screenshot = resolve(process.argv[3] ?? 'graphiql.png');
const query = process.env.GRAPHIQL_QUERY ?? '{ me { username } }';
const allowErrors = process.env.GRAPHIQL_ALLOW_ERRORS === '1';
if (!base) {
  console.error('usage: node graphiql-check.mjs <api base url> [screenshot.png]');
  process.exit(2);
}
const origin = new URL(base).origin;
const problems = [];

// A user of our own, registered and logged in over /graphql, whose token goes in the Headers pane.
const username = `ide_${Date.now().toString(36)}`;
const token = await signUp(username);

let page;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    // Chromium logs every failed fetch as well; those are reported with their URL below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.request().method()} ${r.url()} -> ${r.status()}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    problems.push(`request to another host: ${url}`);
    return route.abort();
  });

  // A real navigation: Chromium sends its own Accept (text/html first), as a person's browser does.
  const response = await page.goto(`${origin}/graphql`, { waitUntil: 'load' });
  const contentType = response?.headers()['content-type'] ?? '';
  console.log(`GET /graphql -> ${response?.status()} ${contentType}`);
  if (response?.status() !== 200 || !contentType.startsWith('text/html')) {
    throw new Error('GET /graphql from a browser did not return the HTML page');
  }

  // GraphiQL creates its CodeMirror editors asynchronously: wait for both before touching anything.
  const editor = page.locator('.graphiql-query-editor .CodeMirror');
  const result = page.locator('.graphiql-response .CodeMirror');
  await editor.waitFor({ state: 'visible', timeout: 20_000 });
  await result.waitFor({ state: 'attached', timeout: 20_000 });
  await page.getByRole('button', { name: 'Headers', exact: true }).waitFor({ timeout: 5_000 });
  console.log('GraphiQL rendered: query editor, headers tab and result pane present');

  // CodeMirror 5 keeps its instance on the element; setting the text is what typing ends in.
  await page.getByRole('button', { name: 'Headers', exact: true }).click();
  const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
  await headers.waitFor({ state: 'visible', timeout: 5_000 });
  await headers.evaluate((element, text) => element.CodeMirror.setValue(text), JSON.stringify({ Authorization: `Bearer ${token}` }));
  console.log('bearer token set in the Headers pane');
  await editor.evaluate((element, text) => element.CodeMirror.setValue(text), query);
  // The default document has two operations, which makes Run a menu; GraphiQL re-parses the
  // editor after a debounce, and only then is Run a plain button for our single operation.
  const run = page.locator('.graphiql-execute-button:not([aria-haspopup])');
  await run.waitFor({ timeout: 10_000 });
  await run.click();
  console.log(`ran ${query}`);
  await page.waitForFunction(
    () => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue().trim().length > 0,
    undefined,
    { timeout: 20_000 },
  );
  const output = await result.evaluate((element) => element.CodeMirror.getValue());
  console.log(`result pane:\n${output.split('\n').map((line) => `  ${line}`).join('\n')}`);

  if (!allowErrors && !hasData(output)) {
    problems.push('the result pane shows no GraphQL data (is the /graphql endpoint mapped?)');
  }
  if (!process.env.GRAPHIQL_QUERY && !output.includes(username)) {
    problems.push(`the result does not show ${username}: the Headers pane's token did not reach the server`);
  }

  if (!process.env.GRAPHIQL_QUERY) {
    // A live subscription through the IDE: GraphiQL opens its WebSocket when this runs.
    await editor.evaluate((element, text) => element.CodeMirror.setValue(text), 'subscription { taskChanged { type task { title } } }');
    await page.waitForTimeout(500); // the editor's parse debounce, before Run reads the document
    await run.click();
    const title = `made while GraphiQL listens ${Date.now()}`;
    // The subscription goes live asynchronously: keep changing until an event shows up.
    for (let attempt = 0; attempt < 20; attempt++) {
      await fetch(`${origin}/v1/tasks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `${title} #${attempt}` }),
      });
      const shown = await page.waitForFunction(
        (expected) => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue().includes(expected),
        title,
        { timeout: 1_000 },
      ).then(() => true, () => false);
      if (shown) break;
    }
    const live = await result.evaluate((element) => element.CodeMirror.getValue());
    console.log(`subscription result pane:\n${live.split('\n').map((line) => `  ${line}`).join('\n')}`);
    if (!live.includes(title) || !live.includes('CREATED')) {
      problems.push('the subscription did not show the task created while it ran');
    }
  }
} catch (error) {
  problems.push(error.message);
} finally {
  if (page) {
    // Also on failure: the picture is the quickest diagnosis.
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
  }
  await browser.close();
}

if (problems.length > 0) {
  console.error(`\nGraphiQL check FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nGraphiQL check passed.');

async function signUp(name) {
  const call = async (query, variables) => {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`sign-up failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const password = 'graphiql-password';
  await call('mutation($input: RegisterInput!) { register(input: $input) { id } }', { input: { username: name, email: `${name}@example.com`, password } });
  const login = await call('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: name, password } });
  return login.login.accessToken;
}

function hasData(text) {
  try {
    const body = JSON.parse(text);
    return body !== null && typeof body.data === 'object' && body.data !== null;
  } catch {
    return false;
  }
}
