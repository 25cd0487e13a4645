#!/usr/bin/env bash
# The monitoring of issue 12, proven live on loopback: the repository's alert rules and
# Alertmanager configuration against a real gateway whose PMS is broken on purpose.
#
#   PMS       `voicehive sandbox apaleo` (its /_sandbox/faults API injects the faults)
#   gateway   `voicehive serve` configured on the sandbox (hotel BER, SQLite under
#             target/monitoring-live/, health probes every second)
#   Prometheus  Debian's, scraping the gateway every second, with the rules of
#             deploy/monitoring/prometheus/rules/ rendered for the test: every `for:` becomes 5s
#             and every range of 5m or 10m becomes 20s (so that alerts fire and resolve in
#             seconds); the expressions are otherwise the repository's
#   Alertmanager  Debian's, with deploy/monitoring/alertmanager/alertmanager.yml rendered for the
#             test: the PagerDuty URL points at a local receiver, routing_key_file at generated
#             test keys, group_wait 1s and group_interval 2s; routes, receivers and inhibitions are
#             the repository's
#   receiver  a small Python HTTP server that logs every PagerDuty v2 event as a JSON line
#
# Then, with offers and bookings going through the gateway all along:
#   1. error rate: 503 bursts (one call in four fails after its retries) until
#      VoiceHivePmsErrorRate fires; asserts a `trigger` event at the page receiver (its routing
#      key, PagerDuty severity `critical`), then that it resolves once the faults stop;
#   2. circuit: a burst of 503s until the breaker of account apaleo:live-BER opens;
#      asserts VoiceHivePmsCircuitOpen's `trigger` (page, critical), that Alertmanager inhibits
#      VoiceHivePmsErrorRate meanwhile, then its `resolve` once the breaker closed again (30 s
#      open, then the probes' trial calls); every event's routing key matches its severity;
#   3. token refreshes: the sandbox's token endpoint rejects the client credentials and the
#      tokens are revoked (every call gets a 401, its re-authorization a rejected refresh) until
#      VoiceHiveTokenRefreshFailures reaches the page receiver; asserts that Alertmanager
#      inhibits VoiceHivePmsAuthenticationFailures meanwhile, then its `resolve` once the faults
#      are cleared and a refresh succeeds;
#   4. dashboards: every targets[].expr of deploy/monitoring/grafana/dashboards/*.json (if any)
#      returns data through Prometheus's HTTP API over the run ($__rate_interval, $__interval
#      -> 1m, template variables -> .*);
#   5. metric names: every metric the rules and dashboards name is on the gateway's real
#      /metrics; deploy/monitoring/tests/bad/dashboard-unknown-metric.json must be rejected;
#   6. promtail: the json/labels stages of deploy/monitoring/loki/promtail.yml applied to the
#      run's gateway log lines (promtail itself is not installable): the labels are set and hold
#      no guest data, and the log holds none either.
# VoiceHivePmsRateLimitWaits is not fired here: the sandbox hotel gets Apaleo's live-account quota
# (100 requests/s, bursts of 200), more than this machine drives through a debug build; the rate
# limiter's wait histogram is observed on every attempt (0 when a token is free), so its panels
# have data, and the alert has its promtool unit test.
# Prints the runtime (about 100 s on the 2-core machine). Everything is killed on exit.
#
# Installs Debian's `prometheus` and `prometheus-alertmanager` with apt-get when missing, the
# Python tools of scripts/helm-requirements.txt (PyYAML) into target/tools/helm, and builds
# target/debug/voicehive when missing (VOICEHIVE_BIN overrides it).
set -euo pipefail

started=$SECONDS
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mon="$root/deploy/monitoring"
work="$root/target/monitoring-live"

log() { printf '[%3ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() {
    log "FAIL: $*"
    exit 1
}

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"
pinned_venv "$root/scripts/helm-requirements.txt" "$root/target/tools/helm" yamllint --version
py="$root/target/tools/helm/venv/bin/python"
names="$mon/prometheus/promql_names.py"
voicehive="${VOICEHIVE_BIN:-$root/target/debug/voicehive}"
if [[ ! -x "$voicehive" ]]; then
    log "building voicehive"
    cargo build --quiet -p voicehive
    voicehive="$root/target/debug/voicehive"
fi

# --- processes ---------------------------------------------------------------------------------
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work"/{data,secrets,prometheus/rules,prometheus/tsdb,alertmanager/data}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
sandbox_port=$(free_port)
gateway_port=$(free_port)
prom_port=$(free_port)
am_port=$(free_port)
receiver_port=$(free_port)
sandbox="127.0.0.1:$sandbox_port"
gateway="127.0.0.1:$gateway_port"
prom="http://127.0.0.1:$prom_port"
am="http://127.0.0.1:$am_port"

wait_for() { # DESCRIPTION SECONDS COMMAND...: polls COMMAND every second
    local what="$1" limit="$2" deadline
    shift 2
    deadline=$((SECONDS + limit))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "timed out after ${limit}s waiting for $what"
        sleep 1
    done
    log "ok: $what"
}

# The PagerDuty stand-in: every POST body (a PagerDuty v2 event) as one JSON line.
cat >"$work/receiver.py" <<'EOF'
import json, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

out = open(sys.argv[2], "a", buffering=1)

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            event = json.loads(body)
        except ValueError:
            event = {"unparsed": body.decode("utf-8", "replace")}
        out.write(json.dumps({"at": time.time(), "path": self.path, "event": event}) + "\n")
        reply = b'{"status":"success","message":"Event processed"}'
        self.send_response(202)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
events="$work/pagerduty-events.jsonl"
: >"$events"
python3 "$work/receiver.py" "$receiver_port" "$events" 2>"$work/receiver.log" &
pids+=($!)

"$voicehive" sandbox apaleo --addr "$sandbox" >"$work/sandbox.log" 2>&1 &
pids+=($!)
wait_for "sandbox on $sandbox" 30 curl -sf "http://$sandbox/_sandbox/faults"

printf 'voicehive-sandbox' >"$work/secrets/client_id"
printf 'sandbox-secret' >"$work/secrets/client_secret"
export VOICEHIVE_MONITORING_KEY="vh_monitoring_live_0123456789abcdef01"
key="$VOICEHIVE_MONITORING_KEY"
cat >"$work/voicehive.toml" <<EOF
[server]
data_dir = "$work/data"
reconcile_interval_secs = 1
reconcile_after_secs = 2
pms_probe_interval_secs = 1
rate_limit_per_second = 0

[[hotels]]
id = "BER"
vendor = "apaleo"
property = "BER"
account = "live-BER"
live = false
endpoints = { api = "http://$sandbox", identity = "http://$sandbox" }
credentials = { client_id = "file:$work/secrets/client_id", client_secret = "file:$work/secrets/client_secret" }

[[tenants]]
id = "monitoring"
name = "Monitoring live test"
hotels = ["BER"]
[[tenants.keys]]
key_env = "VOICEHIVE_MONITORING_KEY"
scopes = ["pms:read", "pms:write", "ops:read"]
hotels = ["BER"]
EOF
VOICEHIVE_LOG=info "$voicehive" serve --config "$work/voicehive.toml" --addr "$gateway" \
    >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_for "gateway ready on $gateway" 60 curl -sf "http://$gateway/readyz"

# --- Prometheus and Alertmanager, rendered from the repository's files -------------------------
page_key="live-test-page-routing-key-0000000001"
ticket_key="live-test-ticket-routing-key-000000002"
printf '%s' "$page_key" >"$work/secrets/pagerduty-page"
printf '%s' "$ticket_key" >"$work/secrets/pagerduty-ticket"

"$py" - "$mon" "$work" "$gateway" "$am_port" "$receiver_port" <<'EOF'
import re, sys
from pathlib import Path
import yaml

mon, work, gateway, am_port, receiver_port = sys.argv[1:]
mon, work = Path(mon), Path(work)

# Rules: `for:` -> 5s, ranges of 5m/10m -> 20s. Nothing else changes.
for path in sorted((mon / "prometheus/rules").glob("*.yml")):
    doc = yaml.safe_load(path.read_text())
    for group in doc["groups"]:
        for rule in group["rules"]:
            if "for" in rule:
                rule["for"] = "5s"
            rule["expr"] = re.sub(r"\[(5m|10m)\]", "[20s]", rule["expr"])
    (work / "prometheus/rules" / path.name).write_text(yaml.safe_dump(doc, sort_keys=False))

prom = yaml.safe_load((mon / "prometheus/prometheus.yml").read_text())
prom["global"] = {"scrape_interval": "1s", "scrape_timeout": "1s", "evaluation_interval": "1s"}
prom["rule_files"] = [str(work / "prometheus/rules/*.yml")]
prom["alerting"] = {"alertmanagers": [{"static_configs": [{"targets": [f"127.0.0.1:{am_port}"]}]}]}
assert [j["job_name"] for j in prom["scrape_configs"]] == ["voicehive-gateway"]
prom["scrape_configs"] = [{"job_name": "voicehive-gateway", "metrics_path": "/metrics",
                           "static_configs": [{"targets": [gateway]}]}]
(work / "prometheus/prometheus.yml").write_text(yaml.safe_dump(prom, sort_keys=False))

am = yaml.safe_load((mon / "alertmanager/alertmanager.yml").read_text())
am["global"]["pagerduty_url"] = f"http://127.0.0.1:{receiver_port}/v2/enqueue"
def fast(route):
    route["group_wait"], route["group_interval"], route["repeat_interval"] = "1s", "2s", "1h"
    for child in route.get("routes", []):
        fast(child)
fast(am["route"])
for receiver in am["receivers"]:
    for pd in receiver.get("pagerduty_configs", []):
        kind = "page" if receiver["name"].endswith("page") else "ticket"
        pd["routing_key_file"] = str(work / "secrets" / f"pagerduty-{kind}")
(work / "alertmanager/alertmanager.yml").write_text(yaml.safe_dump(am, sort_keys=False))
EOF
promtool check config "$work/prometheus/prometheus.yml" >/dev/null || fail "rendered prometheus.yml"
amtool check-config "$work/alertmanager/alertmanager.yml" >/dev/null || fail "rendered alertmanager.yml"

prometheus-alertmanager --config.file="$work/alertmanager/alertmanager.yml" \
    --storage.path="$work/alertmanager/data" --web.listen-address="127.0.0.1:$am_port" \
    --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)
prometheus --config.file="$work/prometheus/prometheus.yml" \
    --storage.tsdb.path="$work/prometheus/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
    --rules.alert.resend-delay=1s >"$work/prometheus.log" 2>&1 &
pids+=($!)
wait_for "alertmanager on :$am_port" 30 curl -sf "$am/-/ready"
wait_for "prometheus on :$prom_port" 60 curl -sf "$prom/-/ready"

query() { # PROMQL -> the JSON result list of an instant query
    curl -sf "$prom/api/v1/query" --data-urlencode "query=$1" | jq -c '.data.result'
}
has_data() { [[ "$(query "$1")" != "[]" ]]; }
no_data() { [[ "$(query "$1")" == "[]" ]]; }
wait_for "prometheus scrapes the gateway (up == 1)" 30 has_data 'up{job="voicehive-gateway"} == 1'
wait_for "prometheus loaded the rules" 10 \
    bash -c "curl -sf '$prom/api/v1/rules' | jq -e '[.data.groups[].rules[]] | length > 5'"

# --- traffic -----------------------------------------------------------------------------------
api="http://$gateway/v1/hotels/BER"
auth="Authorization: Bearer $key"
offers() { # DAYS_AHEAD: offers for one night, DAYS_AHEAD days from now (distinct: not cached)
    local arrival departure
    arrival=$(date -d "+$1 days" +%F)
    departure=$(date -d "+$(($1 + 1)) days" +%F)
    curl -s -o /dev/null -m 20 -w '%{http_code}\n' -H "$auth" \
        "$api/offers?arrival=$arrival&departure=$departure&adults=1" >>"$work/traffic.log" || true
}
book() { # N: a booking with its own Idempotency-Key
    local arrival departure
    arrival=$(date -d "+$((100 + $1 % 200)) days" +%F)
    departure=$(date -d "+$((101 + $1 % 200)) days" +%F)
    curl -s -o /dev/null -m 20 -w '%{http_code}\n' -H "$auth" -H "Idempotency-Key: live-$1" \
        -H 'Content-Type: application/json' -X POST "$api/reservations" -d "{
        \"arrival\": \"$arrival\", \"departure\": \"$departure\", \"adults\": 1,
        \"room_type\": \"BER-DBL\", \"rate_plan\": \"BER-FLEX-DBL\",
        \"guest\": {\"first_name\": \"Live\", \"last_name\": \"Monitoring$1\",
                   \"email\": \"live.monitoring$1@example.org\"}}" >>"$work/traffic.log" || true
}
traffic() { # background: offers (new, and a cached repeat) and a booking every second
    local n=0
    while :; do
        n=$((n + 1))
        offers $((20 + n % 300))
        offers 20
        if ((n % 2 == 0)); then book "$n"; fi
        sleep 0.5
    done
}
fault() { curl -sf -X POST "http://$sandbox/_sandbox/faults" -d "$1" >/dev/null; }
clear_faults() { curl -sf -X DELETE "http://$sandbox/_sandbox/faults" >/dev/null; }

traffic &
pids+=($!)

# --- receiver checks ---------------------------------------------------------------------------
event() { # ALERTNAME ACTION: a PagerDuty event of the alert with that action arrived
    jq -e --arg name "$1" --arg action "$2" -s \
        'map(.event | select(.payload.class == $name and .event_action == $action)) | length > 0' \
        "$events" >/dev/null
}
assert_page() { # ALERTNAME: its trigger went to the page receiver, PagerDuty severity critical
    jq -e --arg name "$1" --arg key "$page_key" -s '
        map(.event | select(.payload.class == $name and .event_action == "trigger"))
        | length > 0 and all(.routing_key == $key and .payload.severity == "critical"
                             and (.payload.custom_details.runbook | endswith("#" + ($name | ascii_downcase))))' \
        "$events" >/dev/null || fail "$1: trigger not routed as page/critical: $(jq -c --arg name "$1" \
        'select(.event.payload.class == $name) | .event | {routing_key, event_action, severity: .payload.severity}' "$events")"
    log "ok: $1 reached the page receiver with routing key of the page service, severity critical"
}
# inhibited ALERTNAME: Alertmanager holds the alert and every instance of it is suppressed by
# an inhibition.
inhibited() {
    curl -sf "$am/api/v2/alerts?filter=alertname%3D%22$1%22" |
        jq -e 'length > 0 and all(.status.state == "suppressed" and (.status.inhibitedBy | length > 0))'
}

# Before the first scrape, VoiceHiveGatewayDown (absent `up`, `for` 5s here) may fire; it
# inhibits every other alert of the job, so the phases start once it is gone.
wait_for "VoiceHiveGatewayDown not firing" 30 no_data 'ALERTS{alertname="VoiceHiveGatewayDown"}'

# 1. Error rate: every second, three 503s (one offers call fails after its three attempts) and
#    four calls: about one call in four fails, too few for the breaker (50 % of 10 calls).
log "phase 1: 503 bursts for the error rate"
deadline=$((SECONDS + 60))
until event VoiceHivePmsErrorRate trigger; do
    ((SECONDS < deadline)) || fail "VoiceHivePmsErrorRate did not reach the receiver in 60s"
    fault '{"type":"Status","status":503,"times":3}'
    for d in 1 2 3 4; do offers $((400 + RANDOM % 300 + d)); done
    sleep 0.5
done
clear_faults
log "ok: VoiceHivePmsErrorRate fired"
assert_page VoiceHivePmsErrorRate
wait_for "VoiceHivePmsErrorRate resolved at the receiver" 60 event VoiceHivePmsErrorRate resolve

# 2. Circuit: a long burst of 503s and a quick series of calls until the breaker opens.
log "phase 2: 503s until the circuit breaker opens"
fault '{"type":"Status","status":503,"times":200}'
deadline=$((SECONDS + 40))
until has_data 'voicehive_pms_circuit_state{job="voicehive-gateway"} == 1'; do
    ((SECONDS < deadline)) || fail "the circuit breaker did not open in 40s"
    for d in 1 2 3 4; do offers $((700 + RANDOM % 300 + d)); done
done
clear_faults
log "ok: the breaker of account apaleo:live-BER is open"
wait_for "VoiceHivePmsCircuitOpen at the receiver" 30 event VoiceHivePmsCircuitOpen trigger
assert_page VoiceHivePmsCircuitOpen
# While the breaker is open its refused calls keep the error rate up: Alertmanager must hold
# VoiceHivePmsErrorRate back (inhibited by VoiceHivePmsCircuitOpen, same job and vendor).
wait_for "VoiceHivePmsErrorRate inhibited by the open circuit in Alertmanager" 20 \
    inhibited VoiceHivePmsErrorRate
wait_for "VoiceHivePmsCircuitOpen resolved at the receiver (breaker closed again)" 90 \
    event VoiceHivePmsCircuitOpen resolve

# 3. Token refreshes: the token endpoint rejects the client credentials and every token is
#    revoked, so each call gets a 401 and its re-authorization a rejected refresh (the broker backs
#    off 1 s, 2 s, 4 s, ... between refreshes; the traffic and the health probes keep asking).
log "phase 3: token refreshes rejected (client credentials refused, tokens revoked)"
fault '{"type":"RejectClient"}'
fault '{"type":"RevokeTokens"}'
wait_for "VoiceHiveTokenRefreshFailures at the receiver" 60 event VoiceHiveTokenRefreshFailures trigger
assert_page VoiceHiveTokenRefreshFailures
# The calls fail as authentication meanwhile: the refresh failure explains them.
wait_for "VoiceHivePmsAuthenticationFailures inhibited by the token refresh failures in Alertmanager" 30 \
    inhibited VoiceHivePmsAuthenticationFailures
clear_faults
wait_for "VoiceHiveTokenRefreshFailures resolved at the receiver (a refresh succeeded)" 90 \
    event VoiceHiveTokenRefreshFailures resolve

# A series the dashboards show that the phases above do not make (no alert is asserted on it):
# a 429 whose Retry-After is longer than the gateway waits (outcome rate_limited).
log "extra: a 429"
fault '{"type":"Status","status":429,"retryAfter":3,"times":1}'
offers 7
clear_faults
# A booking whose answer the sandbox holds back after committing it: an unknown outcome the
# reconciler settles (gateway_booking_reconciliations_total, for the dashboards).
log "extra: a booking with an unknown outcome"
fault '{"type":"CommitThenTimeout"}'
book 0
wait_for "the reconciler looked the held-back booking up" 30 has_data 'gateway_booking_reconciliations_total'
sleep 4

# --- 4. dashboards -----------------------------------------------------------------------------
shopt -s nullglob
dashboards=("$mon"/grafana/dashboards/*.json)
shopt -u nullglob
if ((${#dashboards[@]})); then
    empty=0 total=0
    while IFS= read -r line; do
        total=$((total + 1))
        expr=$(jq -r .expr <<<"$line")
        now=$(date +%s)
        result=$(curl -sf "$prom/api/v1/query_range" --data-urlencode "query=$expr" \
            --data-urlencode "start=$((now - (SECONDS - started)))" --data-urlencode "end=$now" \
            --data-urlencode "step=2" | jq -c '.data.result | length') || result="error"
        if [[ "$result" == "0" || "$result" == "error" ]]; then
            empty=$((empty + 1))
            log "no data ($result): $(jq -r '"\(.file | split("/") | last): \(.title)"' <<<"$line"): $expr"
        fi
    done < <("$py" "$names" exprs "${dashboards[@]}")
    ((empty == 0)) || fail "$empty of $total dashboard queries returned no data"
    log "ok: all $total dashboard queries of ${#dashboards[@]} dashboard(s) returned data"
else
    log "no dashboards under deploy/monitoring/grafana/dashboards: query check skipped"
fi

# --- 5. metric names against the real /metrics ------------------------------------------------
curl -sf "http://$gateway/metrics" >"$work/metrics.txt"
"$py" "$names" scraped "$work/metrics.txt" >"$work/exported.txt"
"$py" "$names" check "$work/exported.txt" "$mon"/prometheus/rules/*.yml "${dashboards[@]}" ||
    fail "rules or dashboards name metrics the gateway does not export"
if "$py" "$names" check "$work/exported.txt" "$mon/tests/bad/dashboard-unknown-metric.json" 2>/dev/null; then
    fail "the metric-name check accepted tests/bad/dashboard-unknown-metric.json"
fi
log "ok: every metric of the rules and dashboards is on the gateway's /metrics (and the bad fixture is rejected)"

# --- 6. the promtail pipeline on the gateway's real log lines -----------------------------------
# promtail cannot run here: its json and labels stages (deploy/monitoring/loki/promtail.yml) are
# applied to this run's gateway log by the same rules (JMESPath-like dotted paths, empty values
# set no label). Asserts: request lines get level, route, status (and hotel, tenant on /v1), and
# no label value holds a guest's name or e-mail address (the guests of this run are "Live
# Monitoring<N>" at example.org).
"$py" - "$mon/loki/promtail.yml" "$work/gateway.log" <<'EOF' || fail "the promtail pipeline on the gateway's log lines"
import json, re, sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
stages = config["scrape_configs"][0]["pipeline_stages"]
expressions = next(s["json"]["expressions"] for s in stages if "json" in s)
label_names = next(list(s["labels"]) for s in stages if "labels" in s)
allowed = next(s["labelallow"] for s in stages if "labelallow" in s)
lines = requests = 0
seen = set()
for raw in open(sys.argv[2]):
    try:
        line = json.loads(raw)
    except ValueError:
        continue
    lines += 1
    extracted = {}
    for name, path in expressions.items():
        value = line
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, ""):
            extracted[name] = str(value)
    labels = {k: v for k, v in extracted.items() if k in label_names and k in allowed}
    seen.update(labels)
    for value in labels.values():
        low = value.lower()
        assert "@" not in value and not re.search(r"monitoring[0-9]", low) and "example.org" not in low, labels
    if line.get("fields", {}).get("message") == "request":
        requests += 1
        assert {"level", "route", "status"} <= set(labels), (labels, raw)
        if labels["route"].startswith("/v1/"):
            assert labels.get("tenant") == "monitoring" and labels.get("hotel") == "BER", labels
assert requests > 100, requests
text = open(sys.argv[2]).read().lower()
assert "example.org" not in text and not re.search(r"monitoring[0-9]", text), "guest data in the gateway log"
print(f"promtail pipeline: {lines} JSON lines, {requests} request lines, labels seen: {sorted(seen)}")
EOF
log "ok: the promtail pipeline's labels on the gateway's real log lines hold no guest data"

# Every event went to the service of its severity: critical with the page key, warning with the
# ticket key.
jq -e -s --arg page "$page_key" --arg ticket "$ticket_key" 'all(.[].event;
    (.payload.severity == "critical" and .routing_key == $page)
    or (.payload.severity == "warning" and .routing_key == $ticket))' "$events" >/dev/null ||
    fail "an event went to the wrong PagerDuty service for its severity"
log "ok: every event's routing key matches its severity (critical: page service, warning: ticket service)"

printf '%s\n' "PagerDuty events received (alert, action, severity, receiver):"
jq -r --arg page "$page_key" '.event | [.payload.class // "-", .event_action,
    .payload.severity // "-", (if .routing_key == $page then "page" else "ticket" end)] | @tsv' \
    "$events" | sort | uniq -c
log "monitoring-live: passed in $((SECONDS - started)) s"
