#!/usr/bin/env bash
# Static checks of the monitoring configuration of issue 12 (deploy/monitoring/), offline:
#
#   promtool-rules   `promtool check rules` on prometheus/rules/*.yml
#   promtool-tests   `promtool test rules` on prometheus/tests/*.yml (every alert unit-tested)
#   promtool-config  `promtool check config` on prometheus/prometheus.yml
#   rule-lint        every alert: severity page or ticket, summary, description, runbook_url
#                    docs/operations/on-call.md#<alert name in lower case> (and, once that file
#                    exists, a heading there with that anchor), and a unit test that expects it
#   amtool-config    `amtool check-config` on alertmanager/alertmanager.yml
#   amtool-routes    `amtool config routes test`: page -> pagerduty-page, ticket and anything
#                    else -> pagerduty-ticket
#   yamllint         every YAML file under prometheus/, alertmanager/, loki/ and tests/bad/
#   metric-names     every metric the rules and the Grafana dashboards (grafana/dashboards/*.json,
#                    when present) name is registered by the gateway, by a list generated from
#                    the source (prometheus/promql_names.py; scripts/monitoring-live.sh checks the
#                    same against a running gateway's /metrics)
#   loki-schema      loki/loki.yml and loki/promtail.yml against the JSON Schemas of loki/schema/
#                    (promtail's labels: only level, route, status, hotel, tenant and the pod's
#                    coordinates; never guest data)
#   logql            the LogQL of loki/rules/*.yml parsed by @grafana/lezer-logql (npm)
#
# Each checker is also run on a known-bad input (deploy/monitoring/tests/bad/) and must reject
# it: a checker that accepts everything fails the run. One line per checker, then
# `monitoring-check: N passed, N failed`; exit 1 on any failure.
#
# Installs Debian's `prometheus` and `prometheus-alertmanager` (promtool, amtool) with apt-get
# when missing, the Python tools of scripts/helm-requirements.txt (yamllint, check-jsonschema,
# PyYAML) into target/tools/helm, and @grafana/lezer-logql 0.4.2 into target/tools/logql.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mon=deploy/monitoring
bad=$mon/tests/bad
work=target/monitoring-check
rm -rf "$work"
mkdir -p "$work"

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
if ((${#missing[@]})); then
    echo "monitoring-check: installing ${missing[*]} (apt-get)" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"
pinned_venv "$root/scripts/helm-requirements.txt" "$root/target/tools/helm" yamllint --version
bin="$root/target/tools/helm/venv/bin"
py="$bin/python"
names=$mon/prometheus/promql_names.py

shopt -s nullglob
rules=("$mon"/prometheus/rules/*.yml)
tests=("$mon"/prometheus/tests/*.yml)
dashboards=("$mon"/grafana/dashboards/*.json)
loki_rules=("$mon"/loki/rules/*.yml)
shopt -u nullglob

passed=0 failed=0
# check NAME GOOD_COMMAND BAD_COMMAND: GOOD must succeed, BAD must fail. Output in $work/NAME.*.
check() {
    local name="$1" good="$2" badcmd="$3" verdict
    if bash -c "$good" >"$work/$name.good.log" 2>&1; then
        if bash -c "$badcmd" >"$work/$name.bad.log" 2>&1; then
            verdict="FAIL (accepted its known-bad input; see $work/$name.bad.log)"
        else
            verdict="ok"
        fi
    else
        verdict="FAIL:"$'\n'"$(sed 's/^/    /' "$work/$name.good.log" | tail -n 30)"
    fi
    if [[ "$verdict" == ok ]]; then
        passed=$((passed + 1))
        printf '%-16s ok (and rejects its known-bad input)\n' "$name"
    else
        failed=$((failed + 1))
        printf '%-16s %s\n' "$name" "$verdict"
    fi
}

export py names mon bad work
check promtool-rules \
    "promtool check rules ${rules[*]}" \
    "promtool check rules $bad/broken-promql.yml"
check promtool-tests \
    "promtool test rules ${tests[*]}" \
    "promtool test rules $bad/rules-test-fails.yml"
# A copy of prometheus.yml beside a broken rule file is the known-bad config.
mkdir -p "$work/bad-config/rules"
cp "$mon/prometheus/prometheus.yml" "$work/bad-config/"
cp "$bad/broken-promql.yml" "$work/bad-config/rules/broken.yml"
check promtool-config \
    "promtool check config $mon/prometheus/prometheus.yml" \
    "promtool check config $work/bad-config/prometheus.yml"

# rule-lint: the conventions promtool does not know.
cat >"$work/rule_lint.py" <<'EOF'
import re, sys
from pathlib import Path
import yaml

rule_files, test_files = [], []
for arg in sys.argv[1:]:
    (test_files if "/tests/" in arg and "/bad/" not in arg else rule_files).append(arg)
tested = set()
for path in test_files:
    doc = yaml.safe_load(Path(path).read_text())
    for test in doc.get("tests", []):
        for case in test.get("alert_rule_test", []):
            if case.get("exp_alerts"):
                tested.add(case["alertname"])
runbook = Path("docs/operations/on-call.md")
anchors = None
if runbook.exists():
    anchors = set()
    for line in runbook.read_text().splitlines():
        m = re.match(r"#+\s+(.*?)\s*$", line)
        if m:
            anchors.add(re.sub(r"[^a-z0-9 _-]", "", m.group(1).lower()).replace(" ", "-"))
        for a in re.findall(r'<a\s+(?:name|id)="([^"]+)"', line):
            anchors.add(a)
problems = []
for path in rule_files:
    doc = yaml.safe_load(Path(path).read_text())
    for group in doc.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert")
            if not name:
                continue
            where = f"{path}: {name}"
            if rule.get("labels", {}).get("severity") not in ("page", "ticket"):
                problems.append(f"{where}: severity must be page or ticket")
            ann = rule.get("annotations", {})
            for key in ("summary", "description"):
                if not str(ann.get(key, "")).strip():
                    problems.append(f"{where}: no {key} annotation")
            want = f"docs/operations/on-call.md#{name.lower()}"
            if ann.get("runbook_url") != want:
                problems.append(f"{where}: runbook_url must be {want}")
            if anchors is not None and name.lower() not in anchors:
                problems.append(f"{where}: docs/operations/on-call.md has no section #{name.lower()}")
            if name not in tested:
                problems.append(f"{where}: no unit test expects it to fire")
for p in problems:
    print(p)
print(f"{len(problems)} problem(s); runbook anchors {'checked' if anchors is not None else 'not checked (docs/operations/on-call.md absent)'}")
sys.exit(1 if problems else 0)
EOF
check rule-lint \
    "\$py $work/rule_lint.py ${rules[*]} ${tests[*]}" \
    "\$py $work/rule_lint.py $bad/rule-unknown-metric.yml ${tests[*]}"

check amtool-config \
    "amtool check-config $mon/alertmanager/alertmanager.yml" \
    "amtool check-config $bad/alertmanager-no-routing-key.yml"
am="--config.file=$mon/alertmanager/alertmanager.yml"
check amtool-routes \
    "set -e
     amtool config routes test $am --verify.receivers=pagerduty-page severity=page alertname=VoiceHivePmsCircuitOpen job=voicehive-gateway vendor=apaleo
     amtool config routes test $am --verify.receivers=pagerduty-ticket severity=ticket alertname=VoiceHivePmsLatencyHigh job=voicehive-gateway vendor=apaleo
     amtool config routes test $am --verify.receivers=pagerduty-page severity=page alertname=VoiceHiveTokenRefreshFailures job=voicehive-gateway vendor=apaleo result=rejected
     amtool config routes test $am --verify.receivers=pagerduty-ticket severity=ticket alertname=VoiceHivePmsRateLimitWaits job=voicehive-gateway vendor=apaleo
     amtool config routes test $am --verify.receivers=pagerduty-ticket alertname=SomethingWithoutSeverity" \
    "amtool config routes test $am --verify.receivers=pagerduty-page severity=ticket alertname=VoiceHivePmsLatencyHigh"

cat >"$work/yamllint.yml" <<'EOF'
extends: default
rules:
  line-length:
    max: 240
  document-start: disable
  comments:
    min-spaces-from-content: 1
  truthy:
    allowed-values: ["true", "false"]
    check-keys: false
  indentation:
    spaces: 2
    indent-sequences: whatever
EOF
export bin
mapfile -t yaml_files < <(find "$mon/prometheus" "$mon/alertmanager" "$mon/loki" "$bad" \
    -name '*.yml' ! -name 'yaml-duplicate-key.yml' | sort)
check yamllint \
    "\"\$bin/yamllint\" -s -c $work/yamllint.yml ${yaml_files[*]}" \
    "\"\$bin/yamllint\" -s -c $work/yamllint.yml $bad/yaml-duplicate-key.yml"

"$py" "$names" source . >"$work/exported-from-source.txt"
check metric-names \
    "\$py \$names check $work/exported-from-source.txt ${rules[*]} ${dashboards[*]}" \
    "\$py \$names check $work/exported-from-source.txt $bad/rule-unknown-metric.yml || \$py \$names check $work/exported-from-source.txt $bad/dashboard-unknown-metric.json"

check loki-schema \
    "set -e
     \"\$bin/check-jsonschema\" --schemafile $mon/loki/schema/loki.schema.json $mon/loki/loki.yml
     \"\$bin/check-jsonschema\" --schemafile $mon/loki/schema/promtail.schema.json $mon/loki/promtail.yml" \
    "\"\$bin/check-jsonschema\" --schemafile $mon/loki/schema/promtail.schema.json $bad/promtail-guest-label.yml"

if command -v npm >/dev/null 2>&1; then
    logql_tools="$root/target/tools/logql"
    if [[ ! -d "$logql_tools/node_modules/@grafana/lezer-logql" ]]; then
        npm install --silent --no-audit --no-fund --prefix "$logql_tools" @grafana/lezer-logql@0.4.2 >&2
    fi
    cat >"$work/logql.mjs" <<'EOF'
// Parses LogQL (one query a line on stdin) with Grafana's Lezer grammar; exit 1 on any error node.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(process.argv[2] + "/");
const { parser } = require("@grafana/lezer-logql");
let bad = 0;
for (const query of readFileSync(0, "utf8").split("\n").filter((q) => q.trim())) {
  let errors = 0;
  parser.parse(query).iterate({ enter: (node) => { if (node.type.isError) errors++; } });
  if (errors) { bad++; console.log(`invalid (${errors} error nodes): ${query}`); }
}
console.log(`${bad} invalid LogQL quer${bad === 1 ? "y" : "ies"}`);
process.exit(bad ? 1 : 0);
EOF
    "$py" -c '
import sys, yaml
for path in sys.argv[1:]:
    for group in yaml.safe_load(open(path))["groups"]:
        for rule in group["rules"]:
            print(" ".join(str(rule["expr"]).split()))
' "${loki_rules[@]}" >"$work/logql-good.txt"
    export logql_tools
    check logql \
        "test -s $work/logql-good.txt && node $work/logql.mjs \"\$logql_tools/node_modules\" <$work/logql-good.txt" \
        "node $work/logql.mjs \"\$logql_tools/node_modules\" <$bad/broken.logql"
else
    failed=$((failed + 1))
    printf '%-16s FAIL: npm is needed for @grafana/lezer-logql\n' logql
fi

echo "monitoring-check: $passed passed, $failed failed"
((failed == 0))
