#!/usr/bin/env bash
# Checks the Grafana dashboards and provisioning of deploy/monitoring/grafana (issue 12):
#
#   json        every dashboard parses as JSON
#   schema      check-jsonschema against deploy/monitoring/grafana/tests/dashboard.schema.json
#               (uid, title, schemaVersion, the `datasource` variable of type prometheus, every
#               panel and target on `${datasource}`, label_values() variables, grid positions)
#   queries     tests/check_dashboards.py: unique panel ids and uids; every targets[].expr,
#               Grafana macros replaced ($__rate_interval, $__interval, $__range -> 5m;
#               $vendor, ${route}, ... -> .*), written as recording rules into a temporary file
#   promtool    `promtool check rules` on those rules: the PromQL of every query parses
#   metrics     every metric a query or a variable names is in
#               deploy/monitoring/grafana/exported-metrics.txt (the names a running gateway
#               really exports; `up` is Prometheus's own), and every name of that list is still
#               defined in crates/*/src (a renamed metric makes the list stale)
#   yamllint    the provisioning files (deploy/monitoring/grafana/.yamllint.yml, --strict)
#
# Each checker also runs on a known-bad input (deploy/monitoring/grafana/tests/bad/) and must
# reject it: broken-promql.json (promtool), unexported-metric.json (metrics),
# fixed-datasource.json (schema), provisioning-duplicate-key.yaml (yamllint). One summary line
# per checker, then `dashboards-check: N passed, N failed`; exit 1 on any failure.
#
#   bash scripts/dashboards-check.sh               check
#   bash scripts/dashboards-check.sh --regenerate  rewrite exported-metrics.txt first, from the
#                                                  /metrics of a gateway this script runs
#
# --regenerate needs a built voicehive (VOICEHIVE_BIN, or target/{release,debug}/voicehive) and
# curl. It starts `voicehive sandbox apaleo` and `voicehive serve` configured with one hotel on
# that sandbox (SQLite, loopback ports, everything under target/dashboards-check/), books,
# replays a booking, injects PMS faults (503s, revoked tokens and a rejected token refresh, a
# commit-then-timeout whose caller hangs up, 500s until the circuit opens) so that the counters
# that only appear after their first event do, waits for the reconciler, scrapes /metrics and
# writes the metric names (histograms with _bucket, _sum, _count). Metrics that the run cannot
# provoke are then missing from the list, and dashboards may not use them.
#
# Installs check-jsonschema and yamllint pinned by hash
# (deploy/monitoring/grafana/tests/requirements.txt) into target/tools/dashboards/venv, and
# Debian's `prometheus` (for promtool) with apt-get when promtool is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
grafana="$root/deploy/monitoring/grafana"
bad="$grafana/tests/bad"
list="$grafana/exported-metrics.txt"
checker="$grafana/tests/check_dashboards.py"
tools="$root/target/tools/dashboards"
venv="$tools/venv"
py="$venv/bin/python"

regenerate=""
case "${1:-}" in
    "") ;;
    --regenerate) regenerate=1 ;;
    *)
        echo "usage: $0 [--regenerate]" >&2
        exit 2
        ;;
esac

log() { printf 'dashboards-check.sh: %s\n' "$*" >&2; }
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"

# --- Tools -------------------------------------------------------------------------------------
pinned_venv "$grafana/tests/requirements.txt" "$tools" check-jsonschema --version
export PATH="$venv/bin:$PATH"
if ! command -v promtool >/dev/null 2>&1; then
    if [[ "$(id -u)" != 0 ]]; then
        log "promtool is needed: apt-get install prometheus (as root)"
        exit 1
    fi
    log "installing Debian's prometheus package for promtool"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends prometheus >/dev/null
    }
fi

# Temporary files live under target/ (the rules promtool reads, the logs).
mkdir -p "$root/target"
work="$(mktemp -d "$root/target/dashboards-check.XXXXXX")"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# --- --regenerate: exported-metrics.txt from a running gateway -----------------------------------
free_port() {
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_http URL: until URL answers (any status), up to 30 s.
wait_http() {
    local i
    for i in $(seq 1 60); do
        if curl -s -o /dev/null "$1"; then
            return 0
        fi
        sleep 0.5
    done
    log "no answer from $1"
    return 1
}

regenerate_list() {
    local bin="${VOICEHIVE_BIN:-}" candidate
    if [[ -z "$bin" ]]; then
        for candidate in "${CARGO_TARGET_DIR:-$root/target}"/{release,debug}/voicehive; do
            if [[ -x "$candidate" ]]; then
                bin="$candidate"
                break
            fi
        done
    fi
    if [[ -z "$bin" ]]; then
        log "--regenerate needs a voicehive binary (cargo build -p voicehive, or set VOICEHIVE_BIN)"
        exit 1
    fi
    local dir="$root/target/dashboards-check"
    rm -rf "$dir"
    mkdir -p "$dir/data"
    local pms_port api_port key="vh_dashboards_check_key_0123456789abcdef"
    pms_port="$(free_port)"
    api_port="$(free_port)"
    printf 'voicehive-sandbox' >"$dir/client_id"
    printf 'sandbox-secret' >"$dir/client_secret"
    printf 'dashboards-check-pseudonym-key-0123456789' >"$dir/pseudonym.key"
    printf '42%.0s' $(seq 32) >"$dir/audit-signing.key"
    cat >"$dir/voicehive.toml" <<EOF
[server]
request_timeout_secs = 12
reconcile_interval_secs = 1
reconcile_after_secs = 2
pms_probe_interval_secs = 1

[privacy]
pseudonym_key = "file:$dir/pseudonym.key"
audit_signing_key = "file:$dir/audit-signing.key"

[[hotels]]
id = "BER"
vendor = "apaleo"
property = "BER"
live = false
endpoints = { api = "http://127.0.0.1:$pms_port", identity = "http://127.0.0.1:$pms_port" }
credentials = { client_id = "file:$dir/client_id", client_secret = "file:$dir/client_secret" }

[[tenants]]
id = "dashboards"
name = "Dashboards check"
hotels = ["BER"]
[[tenants.keys]]
key_env = "DASHBOARDS_CHECK_KEY"
scopes = ["pms:read", "pms:write", "ops:read"]
hotels = ["BER"]
EOF
    log "regenerating exported-metrics.txt: sandbox on $pms_port, gateway on $api_port (logs in target/dashboards-check/)"
    "$bin" sandbox apaleo --addr "127.0.0.1:$pms_port" >"$dir/sandbox.log" 2>&1 &
    pids+=("$!")
    wait_http "http://127.0.0.1:$pms_port/_sandbox/faults"
    DASHBOARDS_CHECK_KEY="$key" "$bin" serve --config "$dir/voicehive.toml" \
        --addr "127.0.0.1:$api_port" --data-dir "$dir/data" >"$dir/serve.log" 2>&1 &
    pids+=("$!")
    wait_http "http://127.0.0.1:$api_port/metrics"

    local api="http://127.0.0.1:$api_port/v1" sandbox="http://127.0.0.1:$pms_port"
    local arr dep
    arr="$(date -d '+30 days' +%F)"
    dep="$(date -d '+32 days' +%F)"
    get() { curl -s -m 20 -o /dev/null -H "Authorization: Bearer $key" "$api$1" || true; }
    # book IDEMPOTENCY-KEY LAST-NAME [CURL-OPTIONS...]
    book() {
        local idem="$1" name="$2"
        shift 2
        curl -s -m 20 -o /dev/null "$@" -H "Authorization: Bearer $key" \
            -H "Idempotency-Key: $idem" -H 'Content-Type: application/json' \
            -X POST "$api/hotels/BER/reservations" -d '{"arrival": "'"$arr"'", "departure": "'"$dep"'",
            "adults": 2, "room_type": "BER-DBL", "rate_plan": "BER-FLEX-DBL",
            "guest": {"first_name": "Ada", "last_name": "'"$name"'", "email": "ada@example.com"}}' || true
    }
    fault() {
        curl -s -o /dev/null -X POST "$sandbox/_sandbox/faults" -H 'Content-Type: application/json' -d "$1"
    }
    get /hotels
    get /hotels/BER
    get "/hotels/BER/offers?arrival=$arr&departure=$dep&adults=2"
    get "/hotels/BER/offers?arrival=$arr&departure=$dep&adults=2"
    book check-1 Lovelace
    book check-1 Lovelace # the replay
    get "/hotels/BER/reservations?last_name=Lovelace&arrival=$arr"
    get /status
    curl -s -o /dev/null -H "Authorization: Bearer not_a_key_of_this_gateway_0123456789" "$api/hotels" || true
    fault '{"type":"Status","status":503,"times":3}' # retries
    book check-2 Hopper
    fault '{"type":"RevokeTokens"}' # a 401, a re-authorization with a fresh token
    get "/hotels/BER/offers?arrival=$arr&departure=$(date -d '+31 days' +%F)&adults=2"
    fault '{"type":"RejectClient"}' # a 401 whose token refresh is rejected
    fault '{"type":"RevokeTokens"}'
    get "/hotels/BER/offers?arrival=$arr&departure=$(date -d '+33 days' +%F)&adults=2"
    curl -s -o /dev/null -X DELETE "$sandbox/_sandbox/faults"
    sleep 2 # the refresh's back-off ends; the next call gets a token again
    fault '{"type":"CommitThenTimeout"}' # an unknown outcome: the reconciler's business
    book check-3 Byron -m 1
    sleep 6
    fault '{"type":"Status","status":500,"times":40}' # the circuit opens, calls are refused
    local i
    for i in 1 2 3 4 5 6 7 8; do
        get "/hotels/BER/offers?arrival=$arr&departure=$(date -d "+$((32 + i)) days" +%F)&adults=2"
    done
    curl -s -o /dev/null -X DELETE "$sandbox/_sandbox/faults"
    curl -s "http://127.0.0.1:$api_port/metrics" >"$dir/metrics.txt"
    {
        echo "# Metric names the gateway (voicehive serve) exports at /metrics, one a line: the names"
        echo "# dashboards may query (scripts/dashboards-check.sh checks them). Generated from a real"
        echo "# scrape, never edited by hand; regenerate with"
        echo "#   cargo build -p voicehive && bash scripts/dashboards-check.sh --regenerate"
        "$py" "$checker" list "$dir/metrics.txt"
    } >"$list.new"
    mv "$list.new" "$list"
    log "wrote deploy/monitoring/grafana/exported-metrics.txt ($(grep -vc '^#' "$list") names)"
    for i in "${pids[@]}"; do
        kill "$i" 2>/dev/null || true
    done
    pids=()
}
if [[ -n "$regenerate" ]]; then
    regenerate_list
fi

# --- Helpers -----------------------------------------------------------------------------------
passed=0
failed=0
summary=()
# result NAME ok|FAILED DETAIL
result() {
    summary+=("$(printf 'dashboards-check: %-9s %-7s %s' "$1" "$2" "$3")")
    case "$2" in
        ok) passed=$((passed + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
}
# runs "$@" quietly, its output in $work/logs/NAME.log; shows the log when it fails.
quiet() {
    local name="$1"
    shift
    mkdir -p "$work/logs"
    if "$@" >"$work/logs/$name.log" 2>&1; then
        return 0
    fi
    log "$name failed: $*"
    sed 's/^/    /' "$work/logs/$name.log" >&2
    return 1
}
# must_reject NAME PATTERN CMD...: CMD must fail on a known-bad input, and its output must
# contain PATTERN (an extended regular expression; "" for any).
must_reject() {
    local name="$1" pattern="$2"
    shift 2
    mkdir -p "$work/logs"
    if "$@" >"$work/logs/bad-$name.log" 2>&1; then
        log "$name: the known-bad input was accepted: $*"
        return 1
    fi
    if [[ -n "$pattern" ]] && ! grep -Eq -- "$pattern" "$work/logs/bad-$name.log"; then
        log "$name: rejected, but without /$pattern/ in its output:"
        sed 's/^/    /' "$work/logs/bad-$name.log" >&2
        return 1
    fi
}

shopt -s nullglob
dashboards=("$grafana"/dashboards/*.json)
shopt -u nullglob
if [[ ${#dashboards[@]} -eq 0 ]]; then
    log "no dashboards in deploy/monitoring/grafana/dashboards/"
    exit 1
fi
if [[ ! -f "$list" ]]; then
    log "deploy/monitoring/grafana/exported-metrics.txt is missing (bash $0 --regenerate)"
    exit 1
fi

# --- json --------------------------------------------------------------------------------------
json_ok=1
for dashboard in "${dashboards[@]}"; do
    quiet "json-$(basename "$dashboard")" "$py" -m json.tool "$dashboard" || json_ok=""
done
printf '{"panels": [' >"$work/truncated.json"
must_reject json "Expecting" "$py" -m json.tool "$work/truncated.json" || json_ok=""
if [[ -n "$json_ok" ]]; then
    result json ok "${#dashboards[@]} dashboards parse; a truncated file is rejected"
else
    result json FAILED "see above"
fi

# --- schema ------------------------------------------------------------------------------------
schema_ok=1
quiet schema check-jsonschema --schemafile "$grafana/tests/dashboard.schema.json" "${dashboards[@]}" \
    || schema_ok=""
must_reject schema "datasource" check-jsonschema \
    --schemafile "$grafana/tests/dashboard.schema.json" "$bad/fixed-datasource.json" || schema_ok=""
if [[ -n "$schema_ok" ]]; then
    result schema ok "dashboard.schema.json; rejects tests/bad/fixed-datasource.json"
else
    result schema FAILED "see above"
fi

# --- queries + metrics: extraction and the exported-metrics list -------------------------------
queries_ok=1
metrics_ok=1
if ! quiet queries "$py" "$checker" check --metrics "$list" --rules "$work/rules.yaml" \
    "${dashboards[@]}"; then
    if grep -q 'not exported' "$work/logs/queries.log"; then
        metrics_ok=""
    fi
    if grep -v 'not exported' "$work/logs/queries.log" | grep -qv '^[0-9]* queries in'; then
        queries_ok=""
    fi
fi
count="$(grep -Eo '^[0-9]+ queries' "$work/logs/queries.log" | grep -Eo '[0-9]+' || echo 0)"
must_reject metrics "voicehive_pms_nonexistent_seconds_bucket is not exported" \
    "$py" "$checker" check --metrics "$list" --rules "$work/bad-metric-rules.yaml" \
    "$bad/unexported-metric.json" || metrics_ok=""
# The list itself: each name still defined in the gateway's crates.
while read -r name; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    base="$name"
    [[ "$name" == "up" ]] && continue
    for suffix in _bucket _sum _count; do
        base="${base%"$suffix"}"
    done
    if ! grep -rqF --include='*.rs' "\"$base\"" "$root"/crates/*/src; then
        log "exported-metrics.txt: $name is not defined in crates/*/src any more (bash $0 --regenerate)"
        metrics_ok=""
    fi
done <"$list"
if [[ -n "$queries_ok" ]]; then
    result queries ok "$count queries extracted (macros replaced); panel ids, uids, variables"
else
    result queries FAILED "see above"
fi
if [[ -n "$metrics_ok" ]]; then
    result metrics ok "every metric queried is in exported-metrics.txt ($(grep -vc '^#' "$list") names, all defined in crates/); rejects tests/bad/unexported-metric.json"
else
    result metrics FAILED "see above"
fi

# --- promtool ----------------------------------------------------------------------------------
pt_ok=1
if [[ -f "$work/rules.yaml" ]]; then
    quiet promtool promtool check rules "$work/rules.yaml" || pt_ok=""
else
    pt_ok=""
fi
"$py" "$checker" check --metrics "$list" --rules "$work/bad-promql-rules.yaml" \
    "$bad/broken-promql.json" >/dev/null 2>&1 || true
must_reject promtool "unclosed left parenthesis" promtool check rules "$work/bad-promql-rules.yaml" \
    || pt_ok=""
if [[ -n "$pt_ok" ]]; then
    rules="$(grep -Eo 'SUCCESS: [0-9]+ rules' "$work/logs/promtool.log" | grep -Eo '[0-9]+')"
    result promtool ok "$rules queries parse as PromQL; rejects tests/bad/broken-promql.json"
else
    result promtool FAILED "see above"
fi

# --- yamllint ----------------------------------------------------------------------------------
yl_ok=1
(cd "$grafana" && quiet yamllint yamllint --strict -c .yamllint.yml provisioning) || yl_ok=""
must_reject yamllint "key-duplicates" yamllint -c "$grafana/.yamllint.yml" \
    "$bad/provisioning-duplicate-key.yaml" || yl_ok=""
if [[ -n "$yl_ok" ]]; then
    result yamllint ok "provisioning/{dashboards,datasources}; rejects tests/bad/provisioning-duplicate-key.yaml"
else
    result yamllint FAILED "see above"
fi

printf '%s\n' "${summary[@]}"
echo "dashboards-check: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
