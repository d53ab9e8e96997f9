# Shared by bench/run.sh and bench/load.sh: installs, builds, and starts/stops the processes a run needs.
# Every process started here is tracked and stopped by bench_stop_all (the callers' EXIT trap).

BENCH_PIDS=()
SECRET="benchmark-signing-key-benchmark-signing-key"

bench_install() {  # command names; installs the Debian packages of the missing ones
  local missing=() cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

bench_build() {  # the API plus the given projects, Release
  local project
  for project in src/TaskGraph.Api "$@"; do
    dotnet build "$project" -c Release -v quiet -nologo >/dev/null
  done
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

bench_track() { BENCH_PIDS+=("$1"); }

bench_stop_all() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
}

bench_start_redis() {  # work dir → sets BENCH_REDIS_URL (not printed: a $(…) subshell would lose the tracked pid and leave the server running)
  local port
  port=$(bench_free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$1/redis.log" 2>&1 &
  bench_track $!
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  BENCH_REDIS_URL="redis://127.0.0.1:$port/0"
}

bench_wait_healthy() {
  for _ in $(seq 1 300); do curl -sf "$1/health" >/dev/null && return; sleep 0.2; done
  echo "no answer from $1/health" >&2
  return 1
}

# work dir, name, port, DATABASE_URL, REDIS_URL, extra VAR=value settings → sets BENCH_API_PID.
# Production settings: logging at its default (Information, one line per request, to a file here).
bench_start_api() {
  local work=$1 name=$2 port=$3 database=$4 redis=$5
  shift 5
  env ASPNETCORE_ENVIRONMENT=Production SECRET_KEY="$SECRET" DATABASE_URL="$database" REDIS_URL="$redis" \
    RATE_LIMIT=1000000 RATE_PERIOD=1 RateLimiting__Auth__Limit=1000000 RateLimiting__Auth__PeriodSeconds=1 \
    GRAPHQL_COST_LIMIT=100000000 "$@" \
    dotnet src/TaskGraph.Api/bin/Release/net10.0/TaskGraph.Api.dll --urls "http://127.0.0.1:$port" >"$work/api-$name.log" 2>&1 &
  BENCH_API_PID=$!
  bench_track "$BENCH_API_PID"
  bench_wait_healthy "http://127.0.0.1:$port"
}

bench_user_token() {  # base URL, username → registers (if new), logs in, prints the access token
  curl -s -o /dev/null -X POST "$1/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"email\":\"$2@example.com\",\"password\":\"bench-password\"}"
  curl -sf -X POST "$1/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"bench-password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

bench_seed_tasks() {  # base URL, token, count
  local i
  for i in $(seq 1 "$3"); do
    printf '{"title":"task %d","priority":"%s","completed":%s}\n' "$i" "$([ $((i % 3)) = 0 ] && echo high || echo low)" "$([ $((i % 2)) = 0 ] && echo true || echo false)"
  done | xargs -d '\n' -P 8 -I{} curl -sf -o /dev/null -X POST "$1/v1/tasks" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d '{}'
}

bench_rss_mb() {  # pid → "resident peak" in MB
  awk '/^VmRSS/ {rss=$2} /^VmHWM/ {hwm=$2} END {printf "%.0f %.0f", rss/1024, hwm/1024}' "/proc/$1/status"
}

pg_bin() {  # on PATH, else the newest /usr/lib/postgresql/<ver>/bin (Debian keeps the server tools off PATH)
  command -v "$1" 2>/dev/null && return
  ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true
}

as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bench_start_postgres() {  # empty dir → prints the DATABASE_URL of a fresh cluster in it (as scripts/test.sh makes one)
  local dir=$1 port
  if [[ -z "$(pg_bin initdb)" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    chown postgres "$dir"
  fi
  port=$(bench_free_port)
  as_postgres "$(pg_bin initdb)" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$(pg_bin pg_ctl)" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=200" start >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

bench_stop_postgres() {
  as_postgres "$(pg_bin pg_ctl)" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$1"
}
