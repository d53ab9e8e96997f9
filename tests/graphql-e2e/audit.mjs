#!/usr/bin/env node
// Runs the graphql-http server audits (GraphQL over HTTP spec conformance) against a running server.
//
//   node audit.mjs http://127.0.0.1:5000/graphql
//
// Prints every audit that did not pass and a summary by requirement level; exits 1 when any MUST
// audit fails (graphql-http reports those as 'error'), 2 when the audits could not run at all.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const levels = ['MUST', 'SHOULD', 'MAY'];
const statuses = ['ok', 'notice', 'warn', 'error'];
const counts = Object.fromEntries(levels.map((level) => [level, Object.fromEntries(statuses.map((s) => [s, 0]))]));

console.log(`graphql-http server audits against ${url}`);
for (const audit of serverAudits({ url })) {
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    console.error(`audit ${audit.id} could not run: ${error?.cause?.message ?? error?.message ?? error}`);
    process.exit(2);
  }
  const level = levels.find((l) => audit.name.startsWith(l));
  counts[level][result.status] += 1;
  if (result.status !== 'ok') {
    const body = await describe(result.response);
    console.log(`  [${result.status}] ${audit.id} ${audit.name}\n      ${result.reason}${body}`);
  }
}

console.log('\nsummary (requirement: ok / notice / warn / error)');
for (const level of levels) {
  const c = counts[level];
  console.log(`  ${level.padEnd(6)} ${c.ok} ok, ${c.notice} notice, ${c.warn} warn, ${c.error} error`);
}
const failures = counts.MUST.error;
console.log(failures === 0 ? '\nAll MUST audits pass.' : `\n${failures} MUST audit(s) fail.`);
process.exit(failures === 0 ? 0 : 1);

/** The status, content type and start of the body of a failing audit's response. */
async function describe(response) {
  if (!response) return '';
  let text = '';
  try {
    text = (await response.clone().text()).replace(/\s+/g, ' ').slice(0, 200);
  } catch {
    // body already consumed by the audit
  }
  return `\n      -> ${response.status} ${response.headers.get('content-type') ?? '(no content-type)'} ${text}`;
}
