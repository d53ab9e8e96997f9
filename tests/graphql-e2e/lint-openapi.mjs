#!/usr/bin/env node
// Lints an OpenAPI document with Redocly's recommended rules and fails on any error *or warning*
// (`redocly lint` itself only fails on errors).
//
//   node lint-openapi.mjs openapi.json
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const file = process.argv[2];
if (!file) {
  console.error('usage: node lint-openapi.mjs <openapi.json>');
  process.exit(2);
}
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const run = (format) => spawnSync(process.execPath, [cli, 'lint', file, '--extends=recommended', `--format=${format}`], { encoding: 'utf8' });

const json = run('json');
let totals;
try {
  totals = JSON.parse(json.stdout).totals;
} catch {
  console.error(json.stdout, json.stderr);
  throw new Error('redocly lint gave no JSON report');
}
console.log(`redocly lint (recommended): ${totals.errors} errors, ${totals.warnings} warnings`);
if (totals.errors > 0 || totals.warnings > 0) {
  console.error(run('stylish').stdout);
  process.exit(1);
}
