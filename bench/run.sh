#!/usr/bin/env bash
# Throughput of the main read/write paths, as ratios to a baseline measured in the same run
# (GET /health: the full middleware pipeline with no database work), so machines and runs compare.
#   bench/run.sh            # 10 s per scenario, 2 threads, 16 connections
#   DURATION=30s bench/run.sh
# Starts its own Release build of the API on a free loopback port with a throwaway SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"   # per scenario, not measured: JIT and caches (GraphQL documents, EF queries) warm up first
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
SEED_TASKS="${SEED_TASKS:-1000}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build src/TaskGraph.Api -c Release -v quiet -nologo >/dev/null

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production \
SECRET_KEY="benchmark-signing-key-benchmark-signing-key" \
DATABASE_URL="Data Source=$work/bench.db" \
RATE_LIMIT=1000000 RATE_PERIOD=60 \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/TaskGraph.Api/bin/Release/net10.0/TaskGraph.Api.dll --urls "$base" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; [ -z "${KEEP_LOG:-}" ] || cp "$work/api.log" "$KEEP_LOG"; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

curl -sf -X POST "$base/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"username":"bench","email":"bench@example.com","password":"bench-password"}' >/dev/null
token=$(curl -sf -X POST "$base/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
auth="Authorization: Bearer $token"
for i in $(seq 1 "$SEED_TASKS"); do
  printf '{"title":"task %d","priority":"%s","completed":%s}\n' "$i" "$([ $((i % 3)) = 0 ] && echo high || echo low)" "$([ $((i % 2)) = 0 ] && echo true || echo false)"
done | xargs -d '\n' -P 8 -I{} curl -sf -o /dev/null -X POST "$base/v1/tasks" -H "$auth" -H 'Content-Type: application/json' -d '{}'

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"title":"bench write","priority":"medium"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# GraphQL: the same reads as the REST list, through /graphql (parse/validate cached after the first).
graphql_lua() {
  python3 - "$1" "$work/$2" <<'PY'
import json, sys
query, path = sys.argv[1], sys.argv[2]
with open(path, "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write("wrk.body = " + json.dumps(json.dumps({"query": query})) + "\n")
    f.write('wrk.headers["Content-Type"] = "application/json"\n')
PY
}
graphql_lua "{ tasks(first: 20) { totalCount nodes { id title completed priority dueDate createdAt } } }" gql-list.lua
graphql_lua "{ tasks(first: 20) { nodes { id title owner { id username } } } }" gql-owner.lua
graphql_lua "{ tasks(first: 20, where: {completed: {eq: false}, priority: {eq: HIGH}}, order: [{priority: DESC}, {title: ASC}]) { nodes { id title } pageInfo { endCursor hasNextPage } } }" gql-filtered.lua

# name | path | extra wrk args
scenarios=(
  "baseline: GET /health|/health|"
  "GET /v1/tasks/{id}|/v1/tasks/1|-H|$auth"
  "GET /v1/tasks (20 newest)|/v1/tasks?limit=20|-H|$auth"
  "GET /v1/tasks filtered+sorted|/v1/tasks?limit=20&completed=false&priority=high&sort=-priority,title|-H|$auth"
  "GET /v1/tasks q= text search|/v1/tasks?limit=20&q=task%2099|-H|$auth"
  "GraphQL tasks(first: 20)|/graphql|-H|$auth|-s|$work/gql-list.lua"
  "GraphQL tasks(first: 20) + owner|/graphql|-H|$auth|-s|$work/gql-owner.lua"
  "GraphQL tasks filtered+sorted|/graphql|-H|$auth|-s|$work/gql-filtered.lua"
  # Last: it adds thousands of tasks, which would make every later read slower than the ones before.
  "POST /v1/tasks|/v1/tasks|-H|$auth|-s|$work/post.lua"
)

printf '\n%-36s %12s %10s %10s\n' "scenario" "req/s" "p99 ms" "ratio"
baseline=""
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r -a parts <<<"$scenario"
  name="${parts[0]}"; path="${parts[1]}"; extra=("${parts[@]:2}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${extra[@]}" "$base$path" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${extra[@]}" "$base$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -n "$baseline" ] || baseline="$rps"
  ratio=$(python3 -c "print(f'{$rps/$baseline:.2f}')")
  printf '%-36s %12s %10s %10s%s\n' "$name" "$rps" "$p99" "$ratio" "${non2xx:+  (non-2xx: $non2xx)}"
done
