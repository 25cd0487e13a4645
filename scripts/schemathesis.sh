#!/usr/bin/env bash
# Tests the gateway's HTTP API against its own OpenAPI document with schemathesis (issue 9):
# every check (`--checks all`) and every phase (examples, coverage, fuzzing, stateful), against
# `voicehive serve` in sandbox mode, as a new user would run it:
#
#   schemathesis run http://127.0.0.1:PORT/openapi.json -H 'Authorization: Bearer KEY' --checks all
#
# plus a fixed seed, a bounded number of examples and schemathesis.toml at the repository root
# (the rules JSON Schema cannot state; the plain command above, run from the repository, finds
# it too), to which this run adds a bookable stay (step 3) so that generated bookings succeed
# and the stateful phase follows the links from a booking to its reservation. Exits non-zero
# on any failure.
#
# Steps: installs schemathesis, pinned by version and hash (scripts/schemathesis-requirements.txt),
# into target/tools/schemathesis/venv; builds `voicehive` (debug); starts it on a free port of
# 127.0.0.1 (sandbox mode keeps its database in memory); waits for /readyz; runs schemathesis;
# stops the server. Writes target/schemathesis/: run.log (the console output), server.log,
# schemathesis.toml (the run's configuration), report/ (JUnit XML and NDJSON events).
#
# Environment: SCHEMATHESIS_MAX_EXAMPLES (test cases per operation and phase, default 500: about
# four minutes of testing on the 2-core machine when nothing fails, well under a minute when
# failures stop the phases early), SCHEMATHESIS_SEED (default 9). Needs python3 with the venv
# module, curl, and PyPI on first run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$root/scripts/schemathesis-requirements.txt"
config="$root/schemathesis.toml"
tools="$root/target/tools/schemathesis"
st="$tools/venv/bin/schemathesis"
out="$root/target/schemathesis"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-500}"
seed="${SCHEMATHESIS_SEED:-9}"
# A fixed demo key (40 characters of A-Z a-z 0-9 _ -) for a sandbox that lives only for this run.
key="vh_schemathesis_sandbox_key_0123456789ab"

log() { printf 'schemathesis.sh: %s\n' "$*" >&2; }
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"

for tool in python3 curl; do
    command -v "$tool" >/dev/null 2>&1 || {
        log "$tool is needed (Debian: apt-get install python3 python3-venv curl)"
        exit 1
    }
done

# 1. schemathesis, pinned (idempotent: skipped when the venv holds what the file pins).
pinned_venv "$requirements" "$tools" schemathesis --version
"$st" --version

# 2. The gateway.
cd "$root"
cargo build --locked -p voicehive
target_dir="${CARGO_TARGET_DIR:-target}"
[[ "$target_dir" == /* ]] || target_dir="$root/$target_dir"
bin="$target_dir/debug/voicehive"

rm -rf "$out"
mkdir -p "$out/work" "$out/report"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

server=""
stop_server() {
    if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# Sandbox mode: no configuration file, no hotels, in-memory database. The caller's VOICEHIVE_*
# variables are dropped so that nothing turns the run into a configured gateway. The per-key rate
# limit is raised far above what schemathesis sends, so it never answers 429 `rate_limited`
# and the run does not depend on the machine's speed (the limiter still runs on every request;
# 429 stays documented, and crates/gateway/tests/it/faults.rs tests it).
(
    while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^VOICEHIVE_' || true)
    export VOICEHIVE_DEMO_KEY="$key"
    export VOICEHIVE_RATE_LIMIT_PER_SECOND=100000
    export VOICEHIVE_RATE_LIMIT_BURST=100000
    exec "$bin" serve --addr "127.0.0.1:$port"
) >"$out/server.log" 2>&1 &
server=$!

log "waiting for $base/readyz (server log: $out/server.log)"
ready=""
for _ in $(seq 300); do
    if ! kill -0 "$server" 2>/dev/null; then
        log "the gateway exited during start-up:"
        tail -n 20 "$out/server.log" >&2
        exit 1
    fi
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then
        ready=1
        break
    fi
    sleep 0.1
done
[[ -n "$ready" ]] || {
    log "the gateway was not ready after 30 s"
    exit 1
}

# 3. A bookable stay. The rules a booking must pass that the document cannot state (a stay that
# has not started, the hotel's room types and rate plans, its occupancy) make generated bookings
# fail with 422, so the stateful phase would never follow the links from a booking to its
# reservation. The run's configuration is schemathesis.toml plus dictionaries that give most
# generated bookings (each field with probability 0.9) the sandbox hotel BER, a double room
# with its flexible rate for two adults, and a stay 30 days from today; the other cases stay
# fully generated. A plain `schemathesis run` finds schemathesis.toml alone.
arrival="$(python3 -c 'import datetime as d; print(d.date.today() + d.timedelta(days=30))')"
departure="$(python3 -c 'import datetime as d; print(d.date.today() + d.timedelta(days=32))')"
run_config="$out/schemathesis.toml"
{
    cat "$config"
    cat <<TOML

# Written by scripts/schemathesis.sh for this run.
[dictionaries.vh_hotel]
values = ["BER"]
[dictionaries.vh_arrival]
values = ["$arrival"]
[dictionaries.vh_departure]
values = ["$departure"]
[dictionaries.vh_room_type]
values = ["BER-DBL"]
[dictionaries.vh_rate_plan]
values = ["BER-FLEX-DBL"]
[dictionaries.vh_adults]
values = [2]

[[operations]]
include-name = "POST /v1/hotels/{hotel}/reservations"
parameters = { "path.hotel" = { dictionary = "vh_hotel", probability = 0.9 }, "body.arrival" = { dictionary = "vh_arrival", probability = 0.9 }, "body.departure" = { dictionary = "vh_departure", probability = 0.9 }, "body.room_type" = { dictionary = "vh_room_type", probability = 0.9 }, "body.rate_plan" = { dictionary = "vh_rate_plan", probability = 0.9 }, "body.adults" = { dictionary = "vh_adults", probability = 0.9 } }
TOML
} >"$run_config"

# 4. schemathesis. It runs in target/schemathesis/work, a fresh directory each run, so its
# example database (.hypothesis) and crash cache (.schemathesis) neither leave files in the
# repository nor replay an earlier run's cases. With the same seed, settings and code a run
# draws the same cases, up to what depends on the server's answers (the ids it hands out in the
# stateful phase, today's date in the sandbox's inventory).
cmd=(
    "$st" --config-file "$run_config" run "$base/openapi.json"
    --header "Authorization: Bearer $key"
    --checks all
    --phases "examples,coverage,fuzzing,stateful"
    --max-examples "$max_examples"
    --seed "$seed"
    --generation-database none
    --workers 1
    --request-timeout 20
    --no-color
    --report "junit,ndjson"
    --report-dir "$out/report"
)
log "running: ${cmd[*]}"
status=0
(cd "$out/work" && "${cmd[@]}") 2>&1 | tee "$out/run.log" || status=$?
if ((status != 0)); then
    log "schemathesis found failures (exit $status); see $out/run.log and $out/report/"
    exit "$status"
fi
log "no failures"
