#!/usr/bin/env bash
# Where the gateway's time goes under the cached-offers load: perf with DWARF call graphs on
# `voicehive serve` (sandbox mode, default logging, rate limit above the load) while wrk drives
# cached `GET /v1/hotels/BER/offers` at 16 connections.
#
#   bash bench/gateway/profile.sh
#
# Builds a release `voicehive` with line tables (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only,
# into target/profiling so that the benchmark's binaries stay as they are; SKIP_BUILD=1 reuses
# it), installs perf (Debian's linux-perf) if missing, records SECONDS (default 8) of samples
# and prints (1) the share of samples whose stack passes through each part of the request
# path (inclusive, so parts nest: SHA-256 is inside authentication) and (2) the hottest
# symbols. Settings: RECORD_SECONDS=8 CONNECTIONS=16 THREADS=2 FREQ=499 GATEWAY_PORT=18082
# GATEWAY_LOG=/dev/null KEEP=DIR (keep perf.data and the folded stacks there);
# VOICEHIVE_BIN=PATH profiles that binary instead (e.g. target/release/voicehive, which has
# symbols but no line tables: no build); PROFILE_PATH=hotels drives `GET /v1/hotels` instead.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/gateway"
SECS=${RECORD_SECONDS:-8}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
FREQ=${FREQ:-499}
GATEWAY_PORT=${GATEWAY_PORT:-18082}
GATEWAY_LOG=${GATEWAY_LOG:-/dev/null}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/profiling
KEY=vh_bench_demo_key_0123456789abcdef0123

say() { printf '%s\n' "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gateway-profile.XXXXXX")
GATEWAY_PID=""
cleanup() {
    if [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
        kill "$GATEWAY_PID" 2>/dev/null || true
        wait "$GATEWAY_PID" 2>/dev/null || true
    fi
    if [[ -n "${KEEP:-}" ]]; then
        mkdir -p "$KEEP"
        cp "$WORK"/perf.data "$WORK"/stacks "$KEEP"/ 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
for tool in wrk perf; do
    if ! command -v "$tool" >/dev/null; then
        package=$tool
        if [[ $tool == perf ]]; then package=linux-perf; fi
        say "installing $package (Debian package)"
        "${SUDO[@]}" apt-get install -y "$package" >/dev/null 2>&1 ||
            { "${SUDO[@]}" apt-get update >/dev/null && "${SUDO[@]}" apt-get install -y "$package" >/dev/null; }
    fi
done

if [[ -n "${VOICEHIVE_BIN:-}" ]]; then
    VOICEHIVE=$VOICEHIVE_BIN
elif [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    say "building voicehive (release with line tables) into $TARGET"
    (cd "$ROOT" && CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
        cargo build --release --quiet -p voicehive --target-dir "$TARGET")
fi
VOICEHIVE=${VOICEHIVE:-$TARGET/release/voicehive}
[[ -x "$VOICEHIVE" ]] || { say "missing $VOICEHIVE"; exit 1; }

mkdir -p "$WORK/data"
env -u VOICEHIVE_LOG -u VOICEHIVE_CONFIG -u VOICEHIVE_DATABASE_URL -u VOICEHIVE_REDIS_URL \
    VOICEHIVE_DEMO_KEY="$KEY" \
    VOICEHIVE_ADDR="127.0.0.1:$GATEWAY_PORT" \
    VOICEHIVE_DATA_DIR="$WORK/data" \
    VOICEHIVE_RATE_LIMIT_PER_SECOND=1000000 \
    VOICEHIVE_RATE_LIMIT_BURST=1000000 \
    "$VOICEHIVE" serve >"$WORK/gateway.out" 2>"$GATEWAY_LOG" &
GATEWAY_PID=$!
URL="http://127.0.0.1:$GATEWAY_PORT"
for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
    kill -0 "$GATEWAY_PID" 2>/dev/null || { say "the gateway exited"; exit 1; }
    sleep 0.1
done
ARRIVAL=$(date -u -d '+30 days' +%F)
DEPARTURE=$(date -u -d '+32 days' +%F)
OFFERS_PATH="/v1/hotels/BER/offers?arrival=$ARRIVAL&departure=$DEPARTURE&adults=2"
if [[ "${PROFILE_PATH:-offers}" == hotels ]]; then OFFERS_PATH=/v1/hotels; fi
curl -fsS -H "Authorization: Bearer $KEY" "$URL$OFFERS_PATH" -o /dev/null

say "recording ${SECS}s of the gateway under GET $OFFERS_PATH at $CONNECTIONS connections"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$((SECS + 3))s" -s "$HERE/wrk.lua" "$URL$OFFERS_PATH" \
    -- get "$KEY" 0 "$OFFERS_PATH" profile "$THREADS" >"$WORK/wrk.out" &
WRK_PID=$!
sleep 1
perf record -q -o "$WORK/perf.data" -F "$FREQ" --call-graph dwarf,16384 -p "$GATEWAY_PID" \
    -- sleep "$SECS" 2>/dev/null
wait "$WRK_PID" || true
say "$(grep '^RESULT' "$WORK/wrk.out" | awk '{ printf "load during the recording: %.0f req/s, p50 %.2f ms, p99 %.2f ms", $4, $5, $6 }')"

# One line per sample: thread name, then the frames from leaf to root, joined by ';'.
perf script -i "$WORK/perf.data" -F comm,ip,sym --no-inline 2>/dev/null | awk '
    /^[^ \t]/ { if (line != "") print line; line = $1; next }
    NF >= 2 { $1 = ""; sub(/^ +/, ""); line = line ";" $0 }
    END { if (line != "") print line }' >"$WORK/stacks"

TOTAL=$(wc -l <"$WORK/stacks")
say "samples: $TOTAL"

# Exclusive shares: each sample goes to the first part matching a frame, walking from the leaf
# to the root (so kernel and allocator time goes to the code that asked for it); samples on the
# SQLite worker threads are the key lookup's.
classify() {
    awk -F';' '
        BEGIN {
            n = 0
            p[++n] = "pii::logging::trusted";                   c[n] = "request log line: JSON formatting, writing"
            p[++n] = "pii::logging::scope";                     c[n] = "gateway: handlers, observe (rest)"
            p[++n] = "pii::";                                   c[n] = "request log line: pii redactor"
            p[++n] = "tracing_subscriber|tracing_core|tracing::"; c[n] = "request log line: JSON formatting, writing"
            p[++n] = "sha2::";                                  c[n] = "authentication: SHA-256"
            p[++n] = "sqlx";                                    c[n] = "authentication: key lookup, tokio side (sqlx pool, channel)"
            p[++n] = "KeyLimiter|TokenBucket|UnknownKeys|unknown_keys"; c[n] = "authentication: limiter, unknown-key cache"
            p[++n] = "Principal";                               c[n] = "authentication: rest of the extractor"
            p[++n] = "serde_json";                              c[n] = "JSON serialisation (serde_json)"
            p[++n] = "pms_resilience|pms_factory|pms_contract|pms_apaleo|pms_http"; c[n] = "resilient stack (cache hit, guard)"
            p[++n] = "prometheus";                              c[n] = "observe: metrics"
            p[++n] = "getrandom|request_id";                    c[n] = "observe: request id"
            p[++n] = "gateway::";                               c[n] = "gateway: handlers, observe (rest)"
            p[++n] = "matchit|path_router|url_params|serde_urlencoded|axum::extract|RawQuery|Query"; c[n] = "axum: routing, path and query extraction"
            p[++n] = "axum";                                    c[n] = "axum: middleware and service plumbing"
            p[++n] = "hyper";                                   c[n] = "hyper: HTTP/1 parsing, encoding, connection I/O"
            p[++n] = "tokio";                                   c[n] = "tokio: scheduler, I/O driver"
        }
        {
            total++
            if ($1 ~ /^sqlx-sqlite/) { hit["authentication: key lookup, SQLite worker thread (incl. its wake-ups)"]++; next }
            cat = ""
            for (i = 2; i <= NF && cat == ""; i++)
                for (j = 1; j <= n; j++) if ($i ~ p[j]) { cat = c[j]; break }
            if (cat == "") cat = "other (kernel or runtime with no frame of ours)"
            hit[cat]++
        }
        END {
            print "| part of the request path (exclusive) | share of the gateway process samples |"
            print "|---|---|"
            for (k in hit) printf "| %s | %.1f %% |\n", k, 100 * hit[k] / total | "sort -t\"|\" -k3 -rn"
        }' "$WORK/stacks"
}
classify | tee "$WORK/shares.md"
inclusive() {
    local n
    n=$(grep -cE -- "$2" "$WORK/stacks" || true)
    awk -v l="$1" -v n="$n" -v t="$TOTAL" 'BEGIN { printf "%s: %.1f %% of samples (inclusive)\n", l, (t > 0 ? 100 * n / t : 0) }'
}
echo
inclusive "the request log event (tracing dispatch, formatting, redaction, write)" 'Event::dispatch'
inclusive "the Principal extractor on the tokio threads" 'Principal'
inclusive "SQLite worker threads" '^sqlx-sqlite'
inclusive "kernel scheduler (context switches, wake-ups)" 'finish_task_switch|try_to_wake_up|__schedule|futex'

echo
echo "Hottest symbols (self time):"
perf report -i "$WORK/perf.data" --stdio --no-children --sort sym -g none --percent-limit 1.2 2>/dev/null |
    grep -E '^ +[0-9]' | head -n 30
