// The README's REST flow (register, log in, create, list, update, delete) through a client generated
// from the running API's OpenAPI document: openapi-typescript writes generated/schema.d.ts, openapi-fetch
// calls the API, tsc checks every path, body and response type against the document.
//
//   node generated/flow.js http://127.0.0.1:5000   (scripts/graphql-e2e.sh generates, compiles and runs it)
import createClient from 'openapi-fetch';
import type { paths } from './generated/schema.js';

// The two pieces of Node used here, declared instead of pulling in @types/node.
declare const process: { argv: string[]; exit(code: number): never };

const base = process.argv[2];
if (!base) {
  console.error('usage: node generated/flow.js <api base url>');
  process.exit(2);
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const api = createClient<paths>({ baseUrl: base });
const username = `client_${Date.now().toString(36)}`;
const password = 'generated-client-1';

const registered = await api.POST('/v1/auth/register', { body: { username, email: `${username}@example.com`, password } });
expect(registered.response.status === 201 && registered.data?.username === username, `register: ${registered.response.status}`);

const login = await api.POST('/v1/auth/login', { body: { username, password } });
expect(login.response.status === 200 && login.data, `login: ${login.response.status}`);
const auth = { headers: { Authorization: `Bearer ${login.data.access_token}` } };

const created = await api.POST('/v1/tasks', { ...auth, body: { title: 'Generated client task', priority: 'high', due_date: '2026-12-01T17:00:00Z' } });
expect(created.response.status === 201 && created.data, `create: ${created.response.status}`);
const id = created.data.id;

const listed = await api.GET('/v1/tasks', { ...auth, params: { query: { completed: 'false', sort: '-created_at' } } });
expect(listed.response.status === 200 && listed.data?.some((task) => task.id === id), `list: ${listed.response.status}`);
expect(listed.response.headers.get('X-Total-Count') === '1', 'list: X-Total-Count');

const updated = await api.PATCH('/v1/tasks/{id}', {
  ...auth,
  params: { path: { id } },
  headers: { ...auth.headers, 'If-Match': `"${created.data.version}"` },
  body: { completed: true },
});
expect(updated.response.status === 200 && updated.data?.completed === true && updated.data.version === 2, `update: ${updated.response.status}`);

const deleted = await api.DELETE('/v1/tasks/{id}', { ...auth, params: { path: { id } } });
expect(deleted.response.status === 204, `delete: ${deleted.response.status}`);
const gone = await api.GET('/v1/tasks/{id}', { ...auth, params: { path: { id } } });
expect(gone.response.status === 404 && gone.error?.status === 404, `read after delete: ${gone.response.status}`);

console.log(`generated client: register, login, create #${id}, list, update (v2), delete, 404 afterwards`);
