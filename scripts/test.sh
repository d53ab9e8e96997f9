#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET SDK: installs what the tests need (python3,
# redis-server, Node/npm), builds with warnings as errors, runs every test project with coverage, fails
# below 80% line coverage of src/, then checks /graphql end to end (graphql-http audits, GraphiQL in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

MIN_COVERAGE="${MIN_COVERAGE:-80}"
RESULTS="$(pwd)/TestResults"

log() { printf '\n== %s\n' "$*"; }

log "dependencies"
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
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

log "GraphQL over HTTP audits and GraphiQL in a browser, against the built API"
scripts/graphql-e2e.sh
