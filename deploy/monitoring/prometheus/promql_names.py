#!/usr/bin/env python3
"""Metric names in PromQL, and whether the gateway exports them (issue 12).

Used by scripts/monitoring-check.sh (against a list generated from the source) and
scripts/monitoring-live.sh (against a running gateway's /metrics). Needs PyYAML.

  promql_names.py source ROOT              names the gateway registers, from the Rust source
  promql_names.py scraped METRICS_TEXT     names in a /metrics text (its # TYPE lines)
  promql_names.py check KNOWN FILE...      every metric named by the rules (YAML) and dashboards
                                           (JSON, targets[].expr) of FILE... is in KNOWN (one name
                                           a line); exit 1 listing the others
  promql_names.py exprs FILE...            the dashboards' targets[].expr as JSON lines
                                           {"file", "title", "expr"}, Grafana variables replaced
                                           ($__rate_interval, $__interval, $__range -> 1m; other
                                           variables -> .* as a regex match)
"""

import json
import re
import sys
from pathlib import Path

# The registries the gateway builds: crates/gateway/src/lib.rs registers pms-resilience's
# ResilienceMetrics, pms-http's HttpMetrics and credentials' CredentialMetrics; app.rs its HTTP
# metrics, the worker's and the privacy metrics.
SOURCE_DIRS = ["crates/gateway/src", "crates/pms-resilience/src", "crates/pms-http/src",
               "crates/credentials/src"]
DEFINE = re.compile(
    r"\b(Histogram|Opts|HistogramOpts|IntGauge|IntCounter|Gauge|Counter)::new\(\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\""
)
# Series every Prometheus target has, and what Prometheus itself makes.
BUILTIN = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
           "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS",
           "ALERTS_FOR_STATE"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN", "start", "end"}


def from_source(root):
    names = set(BUILTIN)
    for d in SOURCE_DIRS:
        for path in sorted((Path(root) / d).rglob("*.rs")):
            for kind, name in DEFINE.findall(path.read_text()):
                names.add(name)
                if kind.startswith("Histogram"):
                    names.update(name + s for s in HISTOGRAM_SUFFIXES)
    return names


def from_scrape(text):
    names = set(BUILTIN)
    for line in text.splitlines():
        m = re.match(r"# TYPE (\S+) (\S+)", line)
        if m:
            names.add(m.group(1))
            if m.group(2) in ("histogram", "summary"):
                names.update(m.group(1) + s for s in HISTOGRAM_SUFFIXES)
    return names


def metric_names(expr):
    """Metric names of a PromQL expression (no full parser: strings, label matchers, grouping
    lists, ranges and function calls are removed, what is left are metric names)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    names = set()
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    e = re.sub(r"\$\{?\w+\}?", " ", e)
    for m in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", e):
        name, call = m.group(1), m.group(2)
        if call or name in KEYWORDS or re.fullmatch(r"\d+[smhdwy]?", name):
            continue
        names.add(name)
    return names


def grafana_targets(node, title=""):
    if isinstance(node, dict):
        title = node.get("title", title)
        for t in node.get("targets", []) or []:
            if isinstance(t, dict) and isinstance(t.get("expr"), str) and t["expr"].strip():
                yield title, t["expr"]
        for k, v in node.items():
            if k != "targets":
                yield from grafana_targets(v, title)
    elif isinstance(node, list):
        for v in node:
            yield from grafana_targets(v, title)


def substitute(expr):
    e = re.sub(r"\$\{?__(rate_interval|interval|range)\}?", "1m", expr)
    e = re.sub(r"(\w+)\s*(=|=~)\s*\"\$\{?(\w+)(:\w+)?\}?\"", r'\1=~".*"', e)
    e = re.sub(r"(\w+)\s*(!=|!~)\s*\"\$\{?(\w+)(:\w+)?\}?\"", r'\1!~".+"', e)
    return re.sub(r"\$\{?\w+(:\w+)?\}?|\[\[\w+\]\]", ".*", e)


def exprs_of(path):
    if path.endswith(".json"):
        doc = json.loads(Path(path).read_text())
        return [(title, substitute(expr)) for title, expr in grafana_targets(doc)]
    import yaml
    doc = yaml.safe_load(Path(path).read_text()) or {}
    out = []
    for group in doc.get("groups", []) or []:
        for rule in group.get("rules", []) or []:
            out.append((rule.get("alert") or rule.get("record", ""), str(rule.get("expr", ""))))
    return out


def main(argv):
    if len(argv) == 3 and argv[1] == "source":
        print("\n".join(sorted(from_source(argv[2]))))
    elif len(argv) == 3 and argv[1] == "scraped":
        print("\n".join(sorted(from_scrape(Path(argv[2]).read_text()))))
    elif len(argv) >= 3 and argv[1] == "exprs":
        for path in argv[2:]:
            for title, expr in exprs_of(path):
                print(json.dumps({"file": path, "title": title, "expr": expr}))
    elif len(argv) >= 4 and argv[1] == "check":
        known = set(Path(argv[2]).read_text().split())
        unknown, checked = [], 0
        for path in argv[3:]:
            for title, expr in exprs_of(path):
                for name in sorted(metric_names(expr)):
                    checked += 1
                    if name not in known:
                        unknown.append(f"{path}: {title}: {name}")
        for line in unknown:
            print(f"unknown metric: {line}", file=sys.stderr)
        print(f"{checked} metric references in {len(argv) - 3} file(s), {len(unknown)} unknown",
              file=sys.stderr)
        return 1 if unknown else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
