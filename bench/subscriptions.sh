#!/usr/bin/env bash
# Subscription load check: 1,000 graphql-ws connections with one taskChanged subscription each on
# one Release instance (SQLite, in-process fan-out), memory per connection, and deliveries per
# second at rising write rates (see bench/README.md).
#   bench/subscriptions.sh                  # SUBSCRIPTIONS=2000 RATES=10,20 bench/subscriptions.sh
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/TaskGraph.Api -c Release -v quiet -nologo >/dev/null
(cd bench && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # one descriptor per connection on each side

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production \
SECRET_KEY="benchmark-signing-key-benchmark-signing-key" \
DATABASE_URL="Data Source=$work/bench.db" \
ADMIN_USERNAME=bench-admin ADMIN_PASSWORD=bench-admin-password \
RATE_LIMIT=1000000 RATE_PERIOD=60 RateLimiting__Auth__Limit=1000 \
Subscriptions__MaxSubscriptionsPerUser=1000 \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/TaskGraph.Api/bin/Release/net10.0/TaskGraph.Api.dll --urls "$base" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; [ -z "${KEEP_LOG:-}" ] || cp "$work/api.log" "$KEEP_LOG"; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

node bench/subscriptions.mjs "$base" "$api"
