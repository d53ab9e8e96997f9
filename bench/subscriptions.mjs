#!/usr/bin/env node
// Opens SUBSCRIPTIONS graphql-ws connections (one taskChanged subscription each, as admins, so every
// event goes to every subscriber) against a running API, reports the server's resident memory per
// connection, then writes tasks at rising rates and reports, per rate, the deliveries per second,
// the commit-to-receipt latency and any connection the server closed.
//
//   node subscriptions.mjs <base url> <server pid>     (bench/subscriptions.sh starts the server)
import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [base, pid] = process.argv.slice(2);
const SUBSCRIPTIONS = Number(process.env.SUBSCRIPTIONS ?? 1000);
const USERS = Number(process.env.USERS ?? 10);
const RATES = (process.env.RATES ?? '5,10,20,40,80').split(',').map(Number);
const SECONDS = Number(process.env.SECONDS_PER_RATE ?? 5);
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function rest(path, { token, body, method } = {}) {
  const response = await fetch(base + path, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}
const login = async (username, password) => (await rest('/v1/auth/login', { body: { username, password } })).access_token;

const admin = await login(ADMIN.username, ADMIN.password);
const tokens = [];
for (let i = 0; i < USERS; i++) {
  const username = `bench_${i}_${Date.now().toString(36)}`;
  const user = await rest('/v1/auth/register', { body: { username, email: `${username}@example.com`, password: 'bench-password' } });
  await rest(`/v1/users/${user.id}/role`, { token: admin, method: 'PATCH', body: { role: 'admin' } });
  tokens.push(await login(username, 'bench-password'));
}

await sleep(2000);
const baseline = rssMiB();
const received = new Map(); // event id -> receipt times
let closed = 0;
const clients = [];
let live = 0;
for (let i = 0; i < SUBSCRIPTIONS; i++) {
  const client = createClient({
    url: base.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${tokens[i % USERS]}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => { closed += 1; },
    on: { closed: (event) => { if (event?.code !== 1000) closed += 1; } },
  });
  client.subscribe({ query: 'subscription { taskChanged { id type occurredAt task { id title } } }' }, {
    next: ({ data }) => {
      const now = Date.now();
      const { id, occurredAt } = data.taskChanged;
      if (!received.has(id)) received.set(id, { occurredAt: Date.parse(occurredAt), times: [] });
      received.get(id).times.push(now);
    },
    error: () => {},
    complete: () => {},
  });
  clients.push(client);
  if (i % 100 === 99) await sleep(200); // do not trip over our own connect storm
}
// Live when a marker event reaches every subscription.
for (let attempt = 0; attempt < 60; attempt++) {
  await rest('/v1/tasks', { token: admin, body: { title: `marker ${attempt}` } });
  await sleep(1000);
  live = [...received.values()].reduce((max, r) => Math.max(max, r.times.length), 0);
  if (live >= SUBSCRIPTIONS) break;
}
await sleep(2000);
const withConnections = rssMiB();
console.log(`subscriptions live: ${live} of ${SUBSCRIPTIONS} (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
console.log(`server RSS: ${baseline.toFixed(1)} MiB before, ${withConnections.toFixed(1)} MiB with ${SUBSCRIPTIONS} open -> ${((withConnections - baseline) * 1024 / SUBSCRIPTIONS).toFixed(1)} KiB per connection`);

console.log('\nrate (events/s) | committed | deliveries | deliveries/s | latency p50 ms | p99 ms | max ms | closed');
for (const rate of RATES) {
  received.clear();
  const start = Date.now();
  let committed = 0;
  while (Date.now() - start < SECONDS * 1000) {
    const due = start + (committed * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    rest('/v1/tasks', { token: admin, body: { title: `load ${rate}/s #${committed}` } }).catch(() => {});
    committed += 1;
  }
  const expected = committed * SUBSCRIPTIONS;
  const deadline = Date.now() + 15000;
  const count = () => [...received.values()].reduce((n, r) => n + r.times.length, 0);
  while (count() < expected && Date.now() < deadline) await sleep(200);
  const latencies = [...received.values()].flatMap((r) => r.times.map((t) => t - r.occurredAt)).sort((a, b) => a - b);
  const last = [...received.values()].reduce((max, r) => r.times.reduce((m, t) => Math.max(m, t), max), start);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  const deliveries = latencies.length;
  console.log(`${String(rate).padStart(15)} | ${String(committed).padStart(9)} | ${String(deliveries).padStart(10)} | ${String(Math.round(deliveries / ((last - start) / 1000))).padStart(12)} | ${String(pct(0.5)).padStart(14)} | ${String(pct(0.99)).padStart(6)} | ${String(latencies.at(-1)).padStart(6)} | ${closed}`);
  if (deliveries < expected || closed > 0) {
    console.log(`stopping: ${expected - deliveries} deliveries missing, ${closed} connections closed`);
    break;
  }
}
await Promise.all(clients.map((c) => c.dispose()));
process.exit(0);
