#!/usr/bin/env python3
"""wrk helpers for bench/run.sh: request scripts, one TSV row per wrk run, the printed and Markdown tables.

  wrk.py script post|graphql FILE BODY    a wrk Lua script POSTing BODY (graphql: BODY is the query)
  wrk.py row NAME < wrk-output            name, req/s, p50 ms, p99 ms, errors (tab-separated)
  wrk.py print ROWS.tsv                   the last row as the console table prints it (ratio to the first row)
  wrk.py results ROWS.tsv OUT.md k=v...   bench/results.md
"""
import json, os, platform, re, sys

def ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

def script(kind, path, body):
    if kind == "graphql":
        body = json.dumps({"query": body})
    with open(path, "w") as f:
        f.write('wrk.method = "POST"\n')
        f.write("wrk.body = " + json.dumps(body) + "\n")
        f.write('wrk.headers["Content-Type"] = "application/json"\n')

def row(name, text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        errors += sum(int(g) for g in m.groups())
    return f"{name}\t{rps:.0f}\t{p50:.2f}\t{p99:.2f}\t{errors}"

def printed(rows_path):
    rows = [l.rstrip("\n").split("\t") for l in open(rows_path) if l.strip()]
    base = float(rows[0][1])
    name, rps, p50, p99, errors = rows[-1]
    return f"{name:<38} {int(rps):>10,} {p50:>9} {p99:>9} {float(rps) / base:>7.2f} {errors}"

def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    memory = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}"

def results(rows_path, out, settings):
    rows = [l.rstrip("\n").split("\t") for l in open(rows_path) if l.strip()]
    base = float(rows[0][1])
    rss, peak = settings["rss"].split()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.sh` on {settings['date']}. Machine: {machine()}.",
        f"wrk: {settings['threads']} threads, {settings['connections']} connections, {settings['duration']} per scenario after a warm-up; "
        f"{settings['seed']} seeded tasks; SQLite (WAL) and Redis on loopback; Release build; logging at its default level.",
        f"Load average (1, 5, 15 min) before the first scenario: {settings['load-before']}; after the last: {settings['load-after']}.",
        "Ratios are to the bare Kestrel app measured in the same run.",
        "",
        "| scenario | req/s | p50 ms | p99 ms | × bare | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, rps, p50, p99, errors in rows:
        lines.append(f"| {name} | {int(rps):,} | {p50} | {p99} | {float(rps) / base:.2f} | {errors} |")
    lines += ["", f"Resident memory of the cached API process after the run: {rss} MB (peak {peak} MB).", ""]
    with open(out, "w") as f:
        f.write("\n".join(lines))

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "script":
        script(*sys.argv[2:5])
    elif command == "row":
        print(row(sys.argv[2], sys.stdin.read()))
    elif command == "print":
        print(printed(sys.argv[2]))
    elif command == "results":
        settings = dict(arg.split("=", 1) for arg in sys.argv[4:])
        results(sys.argv[2], sys.argv[3], settings)
