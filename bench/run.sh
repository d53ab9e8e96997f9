#!/usr/bin/env bash
# Cost per request, side by side in ONE run: a bare Kestrel app returning the same 20 task-shaped rows
# (bench/TaskGraph.Bench.Bare, the stack's ceiling) and TaskGraph's main paths, each as req/s, p50/p99
# and its ratio to the bare app measured minutes before on the same machine. Writes bench/results.md.
#   bench/run.sh                      # a warm-up pass, then 10 s per scenario after a 3 s warm-up, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/run.sh
# Everything runs on loopback: Release builds, a redis-server and a SQLite file of its own, all removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"   # per scenario, right before it is measured
# A first, unmeasured pass over every read: tiered compilation takes tens of seconds on 2 loaded cores to
# reach optimized code (an uncached list measured after 3 s ran at half its later rate), and the
# figures are meant to be steady-state ones.
WARMUP_PASS="${WARMUP_PASS:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SEED_TASKS="${SEED_TASKS:-1000}"
RESULTS="${RESULTS:-bench/results.md}"

source bench/lib.sh
bench_install wrk redis-server curl python3
bench_build bench/TaskGraph.Bench.Bare

work=$(mktemp -d /tmp/taskgraph-bench.XXXXXX)
trap 'bench_stop_all; rm -rf "$work"' EXIT
bench_start_redis "$work"; redis_url=$BENCH_REDIS_URL

bare=$(bench_free_port)
ASPNETCORE_URLS="http://127.0.0.1:$bare" dotnet bench/TaskGraph.Bench.Bare/bin/Release/net10.0/TaskGraph.Bench.Bare.dll >"$work/bare.log" 2>&1 &
bench_track $!
bench_wait_healthy "http://127.0.0.1:$bare"

# Two API processes on one SQLite file and one Redis: the list cache on (the default) and off.
cached=$(bench_free_port); uncached=$(bench_free_port)
bench_start_api "$work" cached "$cached" "Data Source=$work/bench.db" "$redis_url"
cached_pid=$BENCH_API_PID
bench_start_api "$work" uncached "$uncached" "Data Source=$work/bench.db" "$redis_url" Caching__Enabled=false

api="http://127.0.0.1:$cached"
token=$(bench_user_token "$api" bench)
auth="Authorization: Bearer $token"
bench_seed_tasks "$api" "$token" "$SEED_TASKS"

lua() { python3 bench/wrk.py script "$@"; }
task_fields="id title description completed priority dueDate createdAt updatedAt ownerId version"
lua post "$work/post.lua" '{"title":"bench write","priority":"medium"}'
lua post "$work/login.lua" '{"username":"bench","password":"bench-password"}'
lua graphql "$work/gql-page.lua" "{ tasks(first: 20) { totalCount nodes { $task_fields } } }"
lua graphql "$work/gql-create.lua" 'mutation { createTask(input: {title: "bench write", priority: MEDIUM}) { id version } }'

# name | base URL | path | extra wrk arguments
scenarios=(
  "bare Kestrel: 20 rows|http://127.0.0.1:$bare|/v1/tasks|"
  "GET /health|$api|/health|"
  "GET /health with a valid token|$api|/health|-H|$auth"
  "GET /v1/tasks/{id}|$api|/v1/tasks/1|-H|$auth"
  "REST list, cache hit|$api|/v1/tasks?limit=20|-H|$auth"
  "REST list, cache off|http://127.0.0.1:$uncached|/v1/tasks?limit=20|-H|$auth"
  "REST filtered + sorted, cache off|http://127.0.0.1:$uncached|/v1/tasks?limit=20&completed=false&priority=high&sort=-priority,title|-H|$auth"
  "REST q= search, cache off|http://127.0.0.1:$uncached|/v1/tasks?limit=20&q=task%2099|-H|$auth"
  "GraphQL tasks(first: 20), cache hit|$api|/graphql|-H|$auth|-s|$work/gql-page.lua"
  "GraphQL tasks(first: 20), cache off|http://127.0.0.1:$uncached|/graphql|-H|$auth|-s|$work/gql-page.lua"
  "POST /v1/auth/login (bcrypt)|$api|/v1/auth/login|-s|$work/login.lua"
  # Writes last: the tasks they add would make every later read slower than the ones before.
  "GraphQL createTask mutation|$api|/graphql|-H|$auth|-s|$work/gql-create.lua"
  "POST /v1/tasks|$api|/v1/tasks|-H|$auth|-s|$work/post.lua"
)

for scenario in "${scenarios[@]}"; do
  IFS='|' read -r -a parts <<<"$scenario"
  case "${parts[0]}" in POST*|*mutation) continue ;; esac  # writes would grow the table the reads measure
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP_PASS" --timeout 10s "${parts[@]:3}" "${parts[1]}${parts[2]}" >/dev/null
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$work/rows.tsv"
printf '\n%-38s %10s %9s %9s %7s %s\n' scenario req/s "p50 ms" "p99 ms" ratio errors
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r -a parts <<<"$scenario"
  name="${parts[0]}"; url="${parts[1]}${parts[2]}"; extra=("${parts[@]:3}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s "${extra[@]}" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "${extra[@]}" "$url" >"$work/wrk.out"
  python3 bench/wrk.py row "$name" <"$work/wrk.out" >>"$work/rows.tsv"
  python3 bench/wrk.py print "$work/rows.tsv"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss=$(bench_rss_mb "$cached_pid")

python3 bench/wrk.py results "$work/rows.tsv" "$RESULTS" date="$(date -u '+%Y-%m-%d %H:%M UTC')" \
  duration="$DURATION" connections="$CONNECTIONS" threads="$THREADS" seed="$SEED_TASKS" \
  load-before="$load_before" load-after="$load_after" rss="$rss"
printf '\nresident memory of the cached API after the run: %s MB (peak %s MB)\n' "${rss% *}" "${rss#* }"
printf 'load average before / after: %s / %s\nwritten: %s\n' "$load_before" "$load_after" "$RESULTS"
