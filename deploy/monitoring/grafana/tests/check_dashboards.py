#!/usr/bin/env python3
"""Checks of the Grafana dashboards that JSON Schema cannot express (scripts/dashboards-check.sh).

    check_dashboards.py list SCRAPE...
        Prints the metric names of Prometheus exposition texts (`curl /metrics` output): one
        name a line, sorted, histograms and summaries with their _bucket/_sum/_count series.

    check_dashboards.py check --metrics LIST --rules OUT DASHBOARD...
        For each dashboard: variables as label_values() of exported metrics, unique panel ids, every panel on the `${datasource}` variable, every
        target with a non-empty `expr`; each expr, Grafana macros replaced, is written as a
        recording rule to OUT (for `promtool check rules`), and each metric name it uses must
        be in LIST (exported-metrics.txt) or be one Prometheus makes itself (`up`).
        Prints one line per problem; exit status 1 when there is any.

Standard library only.
"""

import json
import re
import sys

# Series Prometheus adds to every scrape target itself: not in the service's /metrics.
PROMETHEUS_SYNTHETIC = {"up"}

# Grafana's interval macros, as the check replaces them.
MACROS = {
    "$__rate_interval": "5m",
    "${__rate_interval}": "5m",
    "$__interval": "5m",
    "${__interval}": "5m",
    "$__range": "5m",
    "${__range}": "5m",
}

KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "inf", "nan", "atan2",
}


def metric_names_of_scrape(text):
    names = set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "#" and parts[1] == "TYPE":
            name, kind = parts[2], parts[3]
            if kind == "histogram":
                names.update({name + "_bucket", name + "_sum", name + "_count"})
            elif kind == "summary":
                names.update({name, name + "_sum", name + "_count"})
            else:
                names.add(name)
        elif line and not line.startswith("#"):
            match = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line)
            if match:
                names.add(match.group(0))
    return names


def substitute(expr):
    """The expr with Grafana's macros and template variables replaced (variables: `.*`)."""
    for macro, value in MACROS.items():
        expr = expr.replace(macro, value)
    expr = re.sub(r"\$\{([A-Za-z0-9_]+)(:[a-z]+)?\}", ".*", expr)
    expr = re.sub(r"\$[A-Za-z_][A-Za-z0-9_]*", ".*", expr)
    return expr


def metric_names_of_expr(expr):
    """The metric names a PromQL expression selects (identifiers not functions, keywords,
    label names or durations)."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)  # string literals
    text = re.sub(r"'(?:\\.|[^'\\])*'", "''", text)
    text = re.sub(r"\{[^{}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\[\]]*\]", " ", text)  # ranges and subqueries
    text = re.sub(
        r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", text
    )
    names = set()
    for match in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", text):
        word, call = match.group(1), match.group(2)
        if call or word.lower() in KEYWORDS:
            continue
        names.add(word)
    return names


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # collapsed rows


def check(metrics_path, rules_path, dashboards):
    exported = set()
    with open(metrics_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                exported.add(line)
    problems = []
    rules = []
    uids = {}
    for path in dashboards:
        try:
            with open(path, encoding="utf-8") as f:
                dashboard = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{path}: not JSON: {e}")
            continue
        uid = dashboard.get("uid")
        if uid in uids:
            problems.append(f"{path}: uid {uid!r} is also the uid of {uids[uid]}")
        uids[uid] = path
        for variable in (dashboard.get("templating") or {}).get("list", []):
            if variable.get("type") != "query":
                continue
            query = variable.get("query")
            query = query.get("query", "") if isinstance(query, dict) else str(query or "")
            match = re.fullmatch(r"\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*", query)
            if not match:
                problems.append(f"{path}: variable {variable.get('name')}: not label_values(SELECTOR, LABEL): {query!r}")
                continue
            for name in sorted(metric_names_of_expr(substitute(match.group(1)))):
                if name not in exported:
                    problems.append(
                        f"{path}: variable {variable.get('name')}: metric {name} is not exported "
                        f"by the gateway (not in exported-metrics.txt): {query}"
                    )
        ids = set()
        for panel in panels_of(dashboard):
            where = f"{path}: panel {panel.get('id')} ({panel.get('title', '')!r})"
            if panel.get("id") in ids:
                problems.append(f"{where}: duplicate panel id")
            ids.add(panel.get("id"))
            if panel.get("type") in ("row", "text"):
                continue
            source = panel.get("datasource") or {}
            if source.get("uid") != "${datasource}":
                problems.append(f"{where}: datasource is not the ${{datasource}} variable")
            targets = panel.get("targets") or []
            if not targets:
                problems.append(f"{where}: no targets")
            for target in targets:
                expr = (target.get("expr") or "").strip()
                if not expr:
                    problems.append(f"{where}: target {target.get('refId')} has no expr")
                    continue
                plain = substitute(expr)
                rules.append(
                    {
                        "record": "dashboard:{}_panel_{}:{}".format(
                            re.sub(r"[^A-Za-z0-9_]", "_", str(uid)),
                            panel.get("id"),
                            str(target.get("refId", "X")).lower(),
                        ),
                        "expr": plain,
                        "labels": {"dashboard": str(uid)},
                    }
                )
                for name in sorted(metric_names_of_expr(plain)):
                    if name not in exported and name not in PROMETHEUS_SYNTHETIC:
                        problems.append(
                            f"{where}: metric {name} is not exported by the gateway "
                            f"(not in exported-metrics.txt): {expr}"
                        )
    groups = {"groups": [{"name": "dashboards", "rules": rules}]}
    with open(rules_path, "w", encoding="utf-8") as f:
        json.dump(groups, f, indent=1)  # JSON is YAML: promtool reads it
    for problem in problems:
        print(problem)
    print(f"{len(rules)} queries in {len(dashboards)} dashboards", file=sys.stderr)
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "list":
        names = set()
        for path in argv[1:]:
            with open(path, encoding="utf-8") as f:
                names |= metric_names_of_scrape(f.read())
        for name in sorted(names):
            print(name)
        return 0
    if len(argv) >= 6 and argv[0] == "check" and argv[1] == "--metrics" and argv[3] == "--rules":
        return check(argv[2], argv[4], argv[5:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
