#!/usr/bin/env node
// Subscriptions end to end, with the clients a frontend would use, unchanged:
//   - graphql-ws (graphql-transport-ws over WebSocket): own events in order, another user's never,
//     a query over the socket, 4401 without a token;
//   - graphql-sse (Server-Sent Events, distinct connections): the same subscription over HTTP.
//
//   node subscription-check.mjs http://127.0.0.1:5000
//
// Exits 1 on the first failed check (every wait is bounded), 0 when all pass.
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';

const base = process.argv[2] ?? process.env.API_URL;
if (!base) {
  console.error('usage: node subscription-check.mjs <api base url>');
  process.exit(2);
}
const wsUrl = base.replace(/^http/, 'ws') + '/graphql';
const TIMEOUT_MS = 15000;

const check = (condition, message) => {
  if (!condition) {
    throw new Error(message);
  }
  console.log(`  ok: ${message}`);
};

const within = (promise, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS))]);

async function rest(path, { token, body, method } = {}) {
  const response = await fetch(base + path, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return response.status === 204 ? null : response.json();
}

async function signUp(name) {
  const username = `${name}_${Date.now().toString(36)}`;
  await rest('/v1/auth/register', { body: { username, email: `${username}@example.com`, password: 'e2e-password-1' } });
  const { access_token } = await rest('/v1/auth/login', { body: { username, password: 'e2e-password-1' } });
  return { username, token: access_token };
}

/** Collects the results of one operation until `count` arrive (or it completes). */
function collect(client, payload, count) {
  const results = [];
  let unsubscribe = () => {};
  const done = new Promise((resolve, reject) => {
    unsubscribe = client.subscribe(payload, {
      next: (result) => {
        results.push(result);
        if (results.length === count) {
          resolve(results);
        }
      },
      error: reject,
      complete: () => resolve(results),
    });
  });
  return { done, unsubscribe: () => unsubscribe() };
}

const taskChanged = 'subscription($after: ID) { taskChanged(after: $after) { id type taskId task { title } } }';

async function main() {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  // Where the log is now: the subscriptions replay from here, so nothing races their start.
  const [latest] = (await rest('/v1/events?limit=100', { token: alice.token })).slice(-1);
  const after = String(latest?.id ?? 0);

  console.log('graphql-ws client (graphql-transport-ws)');
  const ws = createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${alice.token}` },
    retryAttempts: 0,
  });
  const events = collect(ws, { query: taskChanged, variables: { after } }, 2);

  const created = await rest('/v1/tasks', { token: alice.token, body: { title: 'alice via e2e' } });
  await rest('/v1/tasks', { token: bob.token, body: { title: "bob's, never alice's" } });
  await rest(`/v1/tasks/${created.id}`, { token: alice.token, method: 'PATCH', body: { completed: true } });

  const received = (await within(events.done, 'two taskChanged events over graphql-ws')).map((r) => r.data.taskChanged);
  events.unsubscribe();
  check(received.map((e) => e.type).join(',') === 'CREATED,UPDATED', 'own events arrive in order (CREATED, UPDATED)');
  check(received.every((e) => e.task.title === 'alice via e2e'), "another user's event never arrives");
  check(Number(received[0].id) < Number(received[1].id), 'event ids increase');

  const me = await within(collect(ws, { query: '{ me { username } }' }, 1).done, 'a query over the socket');
  check(me[0].data.me.username === alice.username, 'a query runs over the same socket');
  await ws.dispose();

  const anonymous = createWsClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  const refused = await within(
    collect(anonymous, { query: taskChanged }, 1).done.then(() => null, (error) => error),
    'the anonymous socket to close',
  );
  check(refused?.code === 4401, `no token: the socket is closed with 4401 (got ${refused?.code})`);
  await anonymous.dispose();

  console.log('graphql-sse client (Server-Sent Events, distinct connections)');
  const sse = createSseClient({ url: `${base}/graphql`, headers: { Authorization: `Bearer ${alice.token}` }, retryAttempts: 0 });
  const streamed = collect(sse, { query: taskChanged, variables: { after: received[1].id } }, 1);
  await rest(`/v1/tasks/${created.id}`, { token: alice.token, method: 'DELETE' });
  const [deleted] = (await within(streamed.done, 'a taskChanged event over SSE')).map((r) => r.data.taskChanged);
  streamed.unsubscribe();
  sse.dispose();
  check(deleted.type === 'DELETED' && deleted.task === null && deleted.taskId === String(created.id), 'the deletion arrives over SSE, with no task');
}

try {
  await main();
  console.log('subscription checks passed');
  process.exit(0);
} catch (error) {
  console.error(`subscription check FAILED: ${error?.stack ?? error}`);
  process.exit(1);
}
