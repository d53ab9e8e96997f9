#!/usr/bin/env bash
# Runs the README's shell examples top to bottom against a fresh instance, as a newcomer would:
#   - the API is the built one, started with the settings of the README's run command (the
#     `... dotnet run --project src/TaskGraph.Api` line) and nothing else: default rate limits, a
#     fresh SQLite file, the Development environment that `dotnet run` uses;
#   - every ```bash block runs in order in one shell, except a block right after a line
#     `<!-- not run: reason -->` (the run command itself, Docker, the test commands);
#   - curl is wrapped: any 4xx/5xx, a GraphQL response with "errors", or a failed connection fails
#     this script, naming the command.
# There is no internet here, so a local stand-in answers the joke API the README calls.
# Usage: scripts/readme-examples.sh (after `dotnet build -c Release`; scripts/test.sh runs it).
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT="$(pwd)"
README="${README:-$ROOT/README.md}"  # another file for a check of this script itself
API_DLL="$ROOT/src/TaskGraph.Api/bin/Release/net10.0/TaskGraph.Api.dll"
[[ -f "$API_DLL" ]] || dotnet build src/TaskGraph.Api -c Release

WORK="$(mktemp -d)"
SERVER_PID=""
JOKES_PID=""
cleanup() {
  for pid in "$SERVER_PID" "$JOKES_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The README's run command: `VAR=value ... dotnet run --project src/TaskGraph.Api`; its assignments are the settings.
run_line="$(grep -E '^([A-Z_]+=[^ ]+ )*dotnet run --project src/TaskGraph.Api$' "$README" | head -n 1)"
[[ -n "$run_line" ]] || { echo "README.md has no 'dotnet run --project src/TaskGraph.Api' run command" >&2; exit 1; }
read -r -a settings <<<"${run_line% dotnet run --project src/TaskGraph.Api}"
[[ "${settings[0]}" == dotnet ]] && settings=()

# The examples, in order, into one script.
awk '
  /^<!-- not run:/ { skip = 1; next }
  /^```bash$/ { inside = 1; if (!skip) { printf "\n# --- README block at line %d\n", NR }; next }
  /^```$/ && inside { inside = 0; skip = 0; next }
  inside && !skip { print }
  !inside && NF { skip = skip && /^<!--/ }
' "$README" >"$WORK/examples.sh"
blocks="$(grep -c '^# --- README block' "$WORK/examples.sh" || true)"
(( blocks > 0 )) || { echo "no runnable bash blocks found in README.md" >&2; exit 1; }

# The joke API stand-in (GET /random_joke).
JOKES_PORT="$(free_port)"
node -e '
  require("http").createServer((req, res) => {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ id: 1, type: "general", setup: "Why did the README run?", punchline: "Because a test made it." }));
  }).listen(Number(process.argv[1]), "127.0.0.1");
' "$JOKES_PORT" &
JOKES_PID=$!

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
echo "== README examples: $blocks blocks against $BASE (settings: ${settings[*]:-none})"
env ASPNETCORE_ENVIRONMENT=Development DATABASE_URL="Data Source=$WORK/readme.db" JOKE_API_URL="http://127.0.0.1:$JOKES_PORT" \
  "${settings[@]}" dotnet "$API_DLL" --urls "$BASE" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 240); do
  curl -sf "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done

# Every request the examples make is checked; the README's localhost:8000 is this instance.
cat >"$WORK/run.sh" <<EOF
CHECKS="$WORK/checks.log"
curl() {
  local out status
  out="\$(command curl -sS -w '\n%{http_code}' "\$@")" || { echo "FAIL (no answer): curl \$*" >>"\$CHECKS"; return 1; }
  status="\${out##*\$'\n'}"
  out="\${out%\$'\n'*}"
  printf '%s\n' "\$out"
  if (( status >= 400 )); then
    echo "FAIL (HTTP \$status): curl \$* -> \$out" >>"\$CHECKS"
  elif [[ "\$*" == *"/graphql"* && "\$out" == *'"errors"'* ]]; then
    echo "FAIL (GraphQL errors): curl \$* -> \$out" >>"\$CHECKS"
  else
    echo "ok \$status: curl \$*" >>"\$CHECKS"
  fi
}
EOF
sed "s#http://localhost:8000#$BASE#g" "$WORK/examples.sh" >>"$WORK/run.sh"
touch "$WORK/checks.log"
bash "$WORK/run.sh" >"$WORK/output.log" 2>&1 || echo "FAIL: the examples exited with $?" >>"$WORK/checks.log"

requests="$(grep -c '' "$WORK/checks.log" || true)"
failures="$(grep -c '^FAIL' "$WORK/checks.log" || true)"
sed -E "s/Bearer [^ ]+/Bearer …/" "$WORK/checks.log" | cut -c1-160
if (( failures > 0 || requests < 10 )); then
  echo "README examples FAILED: $failures failing of $requests requests (at least 10 expected). Their output:" >&2
  cat "$WORK/output.log" >&2
  echo "The API's log:" >&2
  tail -n 40 "$WORK/server.log" >&2
  exit 1
fi
echo "README examples: $requests requests in $blocks blocks, all answered without error"
