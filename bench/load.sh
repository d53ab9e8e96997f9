#!/usr/bin/env bash
# Load test: CLIENTS concurrent clients (several users) for SECONDS mixing REST and GraphQL reads and writes
# against one API instance with Redis, first on SQLite, then on a throwaway PostgreSQL cluster. Afterwards
# every acknowledged write is read back. Prints requests, errors, p50/p99, lost writes and resident memory,
# and writes bench/load-results.md. Exits non-zero on any error or lost write.
#   bench/load.sh                      # 50 clients, 60 s, 5 users, both databases
#   CLIENTS=20 SECONDS_PER_RUN=30 DATABASES=sqlite bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS="${CLIENTS:-50}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-60}"
USERS="${USERS:-5}"
DATABASES="${DATABASES:-sqlite postgres}"
RESULTS="${RESULTS:-bench/load-results.md}"

source bench/lib.sh
bench_install redis-server curl python3
bench_build bench/TaskGraph.Bench.Load

work=$(mktemp -d /tmp/taskgraph-load.XXXXXX)
pg_dir=""
cleanup() {
  bench_stop_all
  [[ -z "$pg_dir" ]] || bench_stop_postgres "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
bench_start_redis "$work"; redis_url=$BENCH_REDIS_URL

rows=()
failed=0
for database in $DATABASES; do
  case "$database" in
    sqlite) url="Data Source=$work/load.db" ;;
    postgres) pg_dir=$(mktemp -d /tmp/taskgraph-load-pg.XXXXXX); url=$(bench_start_postgres "$pg_dir") ;;
    *) echo "unknown database: $database" >&2; exit 2 ;;
  esac
  port=$(bench_free_port)
  bench_start_api "$work" "load-$database" "$port" "$url" "$redis_url"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  set +e
  out=$(dotnet bench/TaskGraph.Bench.Load/bin/Release/net10.0/TaskGraph.Bench.Load.dll \
    --url "http://127.0.0.1:$port" --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" --users "$USERS")
  status=$?
  set -e
  rss=$(bench_rss_mb "$BENCH_API_PID")
  printf '\n== %s (load average before: %s)\n%s\nresident memory after the load: %s MB (peak %s MB)\n' "$database" "$load_before" "$out" "${rss% *}" "${rss#* }"
  ((status == 0)) || failed=1
  rows+=("$database|$out|$rss|$load_before")
  bench_stop_all
  bench_start_redis "$work"; redis_url=$BENCH_REDIS_URL
done

python3 - "$RESULTS" "$CLIENTS" "$SECONDS_PER_RUN" "$USERS" "${rows[@]}" <<'PY'
import re, sys, datetime
out, clients, seconds, users, *rows = sys.argv[1:]
lines = ["# Load test results", "",
         f"Written by `bench/load.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC: {clients} clients, "
         f"{users} users, {seconds} s per database, REST and GraphQL reads and writes mixed; Redis on; Release build.", "",
         "| database | requests | req/s | errors | p50 ms | p99 ms | acknowledged writes | lost or wrong | RSS after MB | peak MB | load before |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
for row in rows:
    database, text, rss, load = row.split("|")
    v = dict(re.findall(r"(\w+)=([\d.]+)", text))
    now, peak = rss.split()
    lines.append(f"| {database} | {v.get('requests','?')} | {v.get('rps','?')} | {v.get('errors','?')} | {v.get('p50_ms','?')} | {v.get('p99_ms','?')} | "
                 f"{v.get('acknowledged_writes','?')} | {v.get('lost_or_wrong','?')} | {now} | {peak} | {load} |")
open(out, "w").write("\n".join(lines) + "\n")
PY
echo "written: $RESULTS"
exit "$failed"
