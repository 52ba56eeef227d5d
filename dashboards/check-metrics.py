#!/usr/bin/env python3
"""Check that every metric a Grafana dashboard queries is one the service really exposes.

    python3 dashboards/check-metrics.py METRICS_TXT DASHBOARDS_DIR [--declared Metrics.java]

METRICS_TXT is a scrape of the service (curl -s localhost:8080/metrics > metrics.txt). Every PromQL
expression in DASHBOARDS_DIR/*.json (panel targets and template variable queries) is scanned for
metric names; a name that is not in the scrape fails the check.

A counter only shows up in the scrape once it has been incremented, so a quiet instance may not have
e.g. mw_emails_failed_total yet. --declared names the Java source of the service's meters
(src/main/java/com/mandatewatch/ops/Metrics.java): names declared there (counter "x" exported as
x_total, gauge "x" as x) are accepted when absent from the scrape and listed as "declared, not yet
seen". Standard library only.
"""
import argparse
import json
import pathlib
import re
import sys

PROMQL_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
    "and", "or", "unless", "atan2", "inf", "nan", "start", "end",
}
IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def scraped_names(text):
    """Sample names in Prometheus text format (summary _count/_sum/_max samples included)."""
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = IDENT.match(line)
        if m:
            names.add(m.group(0))
    return names


def declared_names(java_source):
    names = set()
    for kind, name in re.findall(r'\b(counter|gauge)\(\s*"([A-Za-z_:][A-Za-z0-9_:]*)"', java_source):
        names.add(name + "_total" if kind == "counter" else name)
    return names


def metric_names(expr):
    """Metric names referenced by one PromQL expression (Grafana variables allowed)."""
    m = re.fullmatch(r"\s*label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{[^}]*\})?\s*,\s*\w+\s*\)\s*", expr)
    if m:
        return {m.group(1)}
    s = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', " ", expr)  # string literals
    s = re.sub(r"\{[^}]*\}", " ", s)              # label matchers
    s = re.sub(r"\[[^\]]*\]", " ", s)             # range and subquery selectors
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)  # label lists
    s = re.sub(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*", " ", s)  # Grafana variables
    s = re.sub(r"\boffset\s+-?[0-9a-z]+", " ", s)
    found = set()
    for m in IDENT.finditer(s):
        word = m.group(0)
        if word.lower() in PROMQL_KEYWORDS:
            continue
        if s[m.end():].lstrip().startswith("("):
            continue                               # a function call
        if m.start() > 0 and (s[m.start() - 1].isdigit() or s[m.start() - 1] == "."):
            continue                               # exponent or unit of a number, e.g. 1e3
        found.add(word)
    return found


def expressions(node, where, panel=None):
    """(where, expr) for panel targets and template variable queries, recursively."""
    if isinstance(node, dict):
        if "gridPos" in node and isinstance(node.get("title"), str):
            panel = node["title"]
        if isinstance(node.get("expr"), str):
            yield f"{where} / {panel}", node["expr"]
        if node.get("type") == "query" and "datasource" in node and "name" in node:
            q = node.get("query")
            if isinstance(q, dict):
                q = q.get("query")
            if isinstance(q, str) and q.strip():
                yield f"{where} / variable {node['name']}", q
        for key, value in node.items():
            if key not in ("expr", "query"):
                yield from expressions(value, where, panel)
    elif isinstance(node, list):
        for item in node:
            yield from expressions(item, where, panel)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("metrics", type=pathlib.Path, help="scraped /metrics text")
    ap.add_argument("dashboards", type=pathlib.Path, help="directory of dashboard *.json files")
    ap.add_argument("--declared", type=pathlib.Path, help="ops/Metrics.java: meters that may not have fired yet")
    args = ap.parse_args()

    scraped = scraped_names(args.metrics.read_text(encoding="utf-8"))
    if not scraped:
        sys.exit(f"{args.metrics}: no samples found; is it a /metrics scrape?")
    declared = declared_names(args.declared.read_text(encoding="utf-8")) if args.declared else set()

    files = sorted(args.dashboards.glob("*.json"))
    if not files:
        sys.exit(f"{args.dashboards}: no dashboard *.json files")
    missing, unseen, used, uids = {}, set(), set(), {}
    count = 0
    for f in files:
        try:
            board = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            sys.exit(f"{f}: invalid JSON: {e}")
        uid = board.get("uid")
        if not uid or uid in uids:
            sys.exit(f"{f}: dashboard uid missing or already used by {uids.get(uid)}")
        uids[uid] = f.name
        for where, expr in expressions(board, f.name):
            count += 1
            names = metric_names(expr)
            if not names:
                missing.setdefault(f"{where}: no metric name in {expr!r}", set())
            for name in names:
                used.add(name)
                if name in scraped:
                    continue
                if name in declared:
                    unseen.add(name)
                    continue
                missing.setdefault(f"{where}: {expr}", set()).add(name)

    print(f"{len(files)} dashboards, {count} expressions, {len(used)} metric names")
    for name in sorted(used):
        state = "ok" if name in scraped else "declared, not yet seen" if name in unseen else "MISSING"
        print(f"  {state:24} {name}")
    if missing:
        print("\nexpressions naming metrics absent from " + str(args.metrics) + ":", file=sys.stderr)
        for where, names in missing.items():
            print(f"  {where}" + (f"  -> {', '.join(sorted(names))}" if names else ""), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
