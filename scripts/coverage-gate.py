#!/usr/bin/env python3
"""Merges the cobertura reports of every test project and fails when src/ line coverage is below the bar.

A line counts as covered if any test project hit it, so each project may cover a different part of src/.
"""
import glob
import sys
import xml.etree.ElementTree as ET

def main() -> int:
    minimum = float(sys.argv[1])
    reports = glob.glob(sys.argv[2], recursive=True)
    if not reports:
        print("coverage: no cobertura reports found", file=sys.stderr)
        return 1
    lines: dict[tuple[str, int], int] = {}
    per_file: dict[str, set[int]] = {}
    for report in reports:
        root = ET.parse(report).getroot()
        sources = [s.text or "" for s in root.iter("source")]
        for cls in root.iter("class"):
            filename = cls.get("filename", "")
            path = next((f"{s.rstrip('/')}/{filename}" for s in sources if not filename.startswith("/")), filename)
            if "/src/" not in path.replace("\\", "/"):
                continue
            for line in cls.iter("line"):
                key = (path, int(line.get("number", "0")))
                lines[key] = max(lines.get(key, 0), int(line.get("hits", "0")))
    total = len(lines)
    covered = sum(1 for hits in lines.values() if hits > 0)
    rate = 100.0 * covered / total if total else 0.0
    files: dict[str, list[int]] = {}
    for (path, _), hits in lines.items():
        entry = files.setdefault(path, [0, 0])
        entry[0] += 1
        entry[1] += hits > 0
    worst = sorted(files.items(), key=lambda kv: kv[1][1] / kv[1][0])[:8]
    print("coverage: least-covered files:")
    for path, (n, c) in worst:
        print(f"  {100.0 * c / n:5.1f}%  {path.split('/src/', 1)[-1]}")
    print(f"coverage: {covered}/{total} lines of src/ = {rate:.1f}% (minimum {minimum:.0f}%) from {len(reports)} report(s)")
    return 0 if rate >= minimum else 1

if __name__ == "__main__":
    sys.exit(main())
