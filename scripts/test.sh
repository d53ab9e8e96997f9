#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET SDK: installs what the tests need (python3,
# redis-server, Node/npm), builds with warnings as errors, runs every test project with coverage, fails
# below 80% line coverage of src/, runs the suite again on PostgreSQL, then the end-to-end checks (graphql-http
# audits, GraphiQL and /docs in Chromium, OpenAPI lint and a generated client) and the README examples.
set -euo pipefail
cd "$(dirname "$0")/.."

MIN_COVERAGE="${MIN_COVERAGE:-80}"
RESULTS="$(pwd)/TestResults"

log() { printf '\n== %s\n' "$*"; }

log "dependencies"
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# curl: the README examples (scripts/readme-examples.sh) and the e2e script use it, as a reader would.
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The Redis tests start (and kill, and restart) their own redis-server on a free port: no service needed.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# npm: the build installs the GraphiQL bundles; the GraphQL end-to-end checks run on Node.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "restore and build (warnings are errors)"
dotnet restore TaskGraph.sln
dotnet build TaskGraph.sln --no-restore -c Release

log "tests with coverage"
rm -rf "$RESULTS"
dotnet test TaskGraph.sln --no-build -c Release \
  --settings coverage.runsettings \
  --collect:"XPlat Code Coverage" \
  --results-directory "$RESULTS" \
  --logger "console;verbosity=normal"

log "coverage gate"
python3 scripts/coverage-gate.py "$MIN_COVERAGE" "$RESULTS/**/coverage.cobertura.xml"

# ---- PostgreSQL: the same suite again against a throwaway local cluster ---------------------------
# TASKGRAPH_TEST_POSTGRES (an admin connection string) makes every test factory create its own
# database there and drop it afterwards. The cluster lives in a temp dir and is always removed.
log "tests on PostgreSQL"
pg_bin() {  # on PATH, else the newest /usr/lib/postgresql/<ver>/bin (Debian keeps the server tools off PATH)
  command -v "$1" 2>/dev/null && return
  ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true
}
if [[ -z "$(pg_bin initdb)" || -z "$(pg_bin pg_ctl)" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
INITDB="$(pg_bin initdb)"
PG_CTL="$(pg_bin pg_ctl)"
[[ -x "$INITDB" && -x "$PG_CTL" ]] || { echo "initdb/pg_ctl not found, even after installing postgresql" >&2; exit 1; }
PG_DIR="$(mktemp -d /tmp/taskgraph-pg.XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# initdb refuses to run as root: the cluster belongs to the postgres user (the package creates it).
as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  chown postgres "$PG_DIR"
fi
stop_pg() {
  as_postgres "$PG_CTL" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
# UTF-8 with a Unicode-aware ctype: lower() must fold "É" as .NET does (the app compares the result
# with the "C" collation, so ordering does not depend on the locale). Trust auth, loopback only.
as_postgres "$INITDB" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$PG_DIR' -c max_connections=300 -c fsync=off" \
  start >/dev/null || { cat "$PG_DIR/postgres.log" >&2; exit 1; }
TASKGRAPH_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
  dotnet test TaskGraph.sln --no-build -c Release --logger "console;verbosity=minimal"
stop_pg
trap - EXIT
# ---- end of PostgreSQL block ------------------------------------------------------------------------

log "GraphQL over HTTP audits and GraphiQL in a browser, against the built API"
scripts/graphql-e2e.sh

log "README examples, top to bottom, against a fresh instance with the default limits"
scripts/readme-examples.sh
