#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET SDK: installs what the tests need, builds
# with warnings as errors, runs every test project with coverage and fails below 80% line coverage of src/,
# then checks /graphql end to end (graphql-http audits, GraphiQL in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

MIN_COVERAGE="${MIN_COVERAGE:-80}"
RESULTS="$(pwd)/TestResults"

log() { printf '\n== %s\n' "$*"; }

log "dependencies"
if ! command -v python3 >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 >/dev/null
fi
# npm: the build installs the GraphiQL bundles; the GraphQL end-to-end checks run on Node.
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
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
