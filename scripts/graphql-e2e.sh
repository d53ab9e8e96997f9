#!/usr/bin/env bash
# End-to-end checks of /graphql against the built API (run scripts/test.sh or
# `dotnet build -c Release` first; built here when missing):
#   1. the graphql-http server audits: any failing MUST fails this script;
#   2. the GraphiQL IDE in headless Chromium: renders, runs { me { username } } with a token typed into its Headers pane,
#      then a taskChanged subscription over its WebSocket, and saves TestResults/graphiql.png;
#   3. the REST docs page (/docs) in headless Chromium: renders offline, saves TestResults/docs.png;
#   4. the OpenAPI document: Redocly's recommended lint with no error and no warning, then a client
#      generated from it (openapi-typescript + openapi-fetch, compiled with tsc) runs the README's REST flow;
#   5. subscriptions with the graphql-ws (WebSocket) and graphql-sse (Server-Sent Events) npm clients, unchanged.
# Installs what it needs when missing (Debian chromium, npm ci in tests/graphql-e2e). Starts the API
# on a free loopback port with a throwaway SQLite database and always stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT="$(pwd)"
E2E="$ROOT/tests/graphql-e2e"
API_DLL="$ROOT/src/TaskGraph.Api/bin/Release/net10.0/TaskGraph.Api.dll"
SCREENSHOT="${GRAPHIQL_SCREENSHOT:-$ROOT/TestResults/graphiql.png}"

log() { printf '\n== %s\n' "$*"; }

log "graphql e2e: dependencies"
if [[ ! -x /usr/bin/chromium ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -d "$E2E/node_modules" || "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]]; then
  (cd "$E2E" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
if [[ ! -f "$API_DLL" ]]; then
  dotnet build src/TaskGraph.Api -c Release
fi

WORK="$(mktemp -d)"
PORT="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_server EXIT

log "graphql e2e: starting the API at $BASE"
# High rate limits: the audits send dozens of requests to /graphql from one client, and the checks sign several users up. No joke
# upstream (there is no internet here). Request logging off, so the log shown on failure is the app's.
env ASPNETCORE_ENVIRONMENT=Development \
  DATABASE_URL="Data Source=$WORK/taskgraph-e2e.db" \
  RATE_LIMIT=100000 RATE_PERIOD=60 RateLimiting__Auth__Limit=1000 \
  JOKE_API_URL="http://127.0.0.1:9" \
  Logging__LogLevel__Microsoft.AspNetCore=Warning \
  dotnet "$API_DLL" --urls "$BASE" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  # Any HTTP answer means Kestrel is listening (start-up migrations run before that).
  if node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$BASE/graphql"; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "The API did not start; its log:" >&2
  cat "$WORK/server.log" >&2
  exit 1
fi

status=0
log "graphql e2e: graphql-http server audits"
node "$E2E/audit.mjs" "$BASE/graphql" || status=1

log "graphql e2e: GraphiQL in headless Chromium"
node "$E2E/graphiql-check.mjs" "$BASE" "$SCREENSHOT" || status=1

log "e2e: REST docs page in headless Chromium"
node "$E2E/docs-check.mjs" "$BASE" "$(dirname "$SCREENSHOT")/docs.png" || status=1

log "e2e: OpenAPI document linted, and a client generated from it runs the REST flow"
if curl -sf "$BASE/openapi/v1.json" -o "$WORK/openapi.json"; then
  node "$E2E/lint-openapi.mjs" "$WORK/openapi.json" || status=1
  (cd "$E2E" \
    && npx --no-install openapi-typescript "$WORK/openapi.json" -o openapi-client/generated/schema.d.ts \
    && npx --no-install tsc -p openapi-client/tsconfig.json \
    && node openapi-client/generated/flow.js "$BASE") || status=1
else
  echo "GET /openapi/v1.json failed" >&2
  status=1
fi

log "e2e: subscriptions with the graphql-ws and graphql-sse clients"
node "$E2E/subscription-check.mjs" "$BASE" || status=1

if [[ $status -ne 0 ]]; then
  echo "graphql e2e FAILED; the API's log follows." >&2
  tail -n 100 "$WORK/server.log" >&2
fi
exit $status
