#!/usr/bin/env bash
# The gateway against a bare axum server, side by side, under the same external load generator.
#
#   bash bench/gateway/run.sh
#
# Builds the release binaries (`voicehive` and the baseline, the gateway crate's `bare`
# example), starts `voicehive serve` as a user runs it (sandbox mode: the embedded Apaleo
# sandbox, SQLite in a fresh data directory, the demo key, default logging through the real
# subscriber to $GATEWAY_LOG, the per-key rate limit on but above the offered load) and the
# baseline serving the bytes captured from the gateway behind a bearer check. wrk drives both at
# each connection count, alternately, for several rounds; prints a table of req/s, p50, p99 and
# the ratio to the baseline with the spread over the rounds, and writes it into
# docs/benchmarks.md (between the markers; the rest of the file is kept).
#
# Settings (environment):
#   ROUNDS=3           rounds per scenario and connection count (each: gateway, then bare,
#                      the order swapped every other round)
#   DURATION=4         seconds per wrk run
#   CONNECTIONS="4 16 64"
#   THREADS=2          wrk threads (the machine's cores are shared with the servers)
#   SCENARIOS="offers hotels uncached book read"
#   GATEWAY_LOG=/dev/null   where the gateway's JSON log lines go (a file to keep them)
#   SKIP_BUILD=1       use the binaries already built
#   WRITE_DOC=0        print only, leave docs/benchmarks.md alone
#   GATEWAY_LOG_FILTER=...  VOICEHIVE_LOG for the gateway (default: unset, i.e. `info`), e.g.
#                      `info,voicehive::access=off` to see what the access line costs
#   GATEWAY_PORT=18080 BARE_PORT=18081
#   BENCH_COMMIT=...   the commit to name when the tree is not a git checkout
# Needs: cargo, curl, wrk (installed with apt-get if missing).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/gateway"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-4}
CONNECTIONS=${CONNECTIONS:-"4 16 64"}
THREADS=${THREADS:-2}
SCENARIOS=${SCENARIOS:-"offers hotels uncached book read"}
GATEWAY_LOG=${GATEWAY_LOG:-/dev/null}
GATEWAY_PORT=${GATEWAY_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
WRITE_DOC=${WRITE_DOC:-1}
DOC="$ROOT/docs/benchmarks.md"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
KEY=vh_bench_demo_key_0123456789abcdef0123
STARTED=$(date +%s)

say() { printf '%s\n' "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")
GATEWAY_PID=""
BARE_PID=""
cleanup() {
    local pid
    for pid in "$GATEWAY_PID" "$BARE_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Tools -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    say "installing wrk (Debian package)"
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
    "${SUDO[@]}" apt-get install -y wrk >/dev/null 2>&1 ||
        { "${SUDO[@]}" apt-get update >/dev/null && "${SUDO[@]}" apt-get install -y wrk >/dev/null; }
fi
command -v curl >/dev/null || { say "curl is required"; exit 1; }

# --- Build -------------------------------------------------------------------------------
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    say "building release binaries (cargo build --release -p voicehive; the bare example)"
    (cd "$ROOT" && cargo build --release --quiet -p voicehive)
    # Separately: the example's dev-dependencies must not change voicehive's features.
    (cd "$ROOT" && cargo build --release --quiet -p gateway --example bare)
fi
VOICEHIVE="$TARGET/release/voicehive"
BARE="$TARGET/release/examples/bare"
for bin in "$VOICEHIVE" "$BARE"; do
    [[ -x "$bin" ]] || { say "missing $bin (build first, or unset SKIP_BUILD)"; exit 1; }
done

# --- Servers -----------------------------------------------------------------------------
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
BASE="http://127.0.0.1:$BARE_PORT"

wait_up() {
    local url=$1 pid=$2 i
    for i in $(seq 1 200); do
        if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then return 0; fi
        kill -0 "$pid" 2>/dev/null || { say "server at $url exited"; return 1; }
        sleep 0.1
        : "$i"
    done
    say "server at $url did not come up"
    return 1
}

say "starting voicehive serve (sandbox mode) on $GATEWAY"
mkdir -p "$WORK/data" "$WORK/bodies"
LOG_ENV=()
if [[ -n "${GATEWAY_LOG_FILTER:-}" ]]; then LOG_ENV=("VOICEHIVE_LOG=$GATEWAY_LOG_FILTER"); fi
env -u VOICEHIVE_LOG -u VOICEHIVE_CONFIG -u VOICEHIVE_DATABASE_URL -u VOICEHIVE_REDIS_URL \
    VOICEHIVE_DEMO_KEY="$KEY" \
    VOICEHIVE_ADDR="127.0.0.1:$GATEWAY_PORT" \
    VOICEHIVE_DATA_DIR="$WORK/data" \
    VOICEHIVE_RATE_LIMIT_PER_SECOND=1000000 \
    VOICEHIVE_RATE_LIMIT_BURST=1000000 \
    "${LOG_ENV[@]}" \
    "$VOICEHIVE" serve >"$WORK/gateway.out" 2>"$GATEWAY_LOG" &
GATEWAY_PID=$!
wait_up "$GATEWAY" "$GATEWAY_PID"

AUTH=(-H "Authorization: Bearer $KEY")
ARRIVAL=$(date -u -d '+30 days' +%F)
DEPARTURE=$(date -u -d '+32 days' +%F)
# Two adults: every room type that fits, about 2.6 kB of JSON (with children 4,9 only the
# family room fits: one offer, 0.9 kB).
OFFERS_PATH="/v1/hotels/BER/offers?arrival=$ARRIVAL&departure=$DEPARTURE&adults=2"

# The bodies the baseline serves, captured from the gateway.
curl -fsS "${AUTH[@]}" "$GATEWAY/v1/hotels" -o "$WORK/bodies/hotels.json"
curl -fsS "${AUTH[@]}" "$GATEWAY$OFFERS_PATH" -o "$WORK/bodies/offers.json"
# A stay beyond the nights the booking scenario uses (1..701 days ahead).
BOOK_ARRIVAL=$(date -u -d '+900 days' +%F)
BOOK_DEPARTURE=$(date -u -d '+902 days' +%F)
curl -fsS "${AUTH[@]}" -H "Idempotency-Key: bench-setup-$$" -H 'Content-Type: application/json' \
    -X POST "$GATEWAY/v1/hotels/BER/reservations" -o "$WORK/bodies/booking.json" \
    -d '{"arrival":"'"$BOOK_ARRIVAL"'","departure":"'"$BOOK_DEPARTURE"'","adults":2,"room_type":"BER-DBL","rate_plan":"BER-FLEX-DBL","guest":{"first_name":"Bench","last_name":"Guest","email":"bench@example.com"}}'
RESERVATION_ID=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$WORK/bodies/booking.json")
if [[ -z "$RESERVATION_ID" ]]; then
    RESERVATION_ID=$(grep -o '"id":"[^"]*"' "$WORK/bodies/booking.json" | head -n 1 | cut -d'"' -f4)
fi
[[ -n "$RESERVATION_ID" ]] || { say "the setup booking failed: $(cat "$WORK/bodies/booking.json")"; exit 1; }
RESERVATION_PATH="/v1/hotels/BER/reservations/$RESERVATION_ID"
curl -fsS "${AUTH[@]}" "$GATEWAY$RESERVATION_PATH" -o "$WORK/bodies/reservation.json"

say "starting the bare axum baseline on $BASE"
"$BARE" "127.0.0.1:$BARE_PORT" "$KEY" "$WORK/bodies" >/dev/null 2>"$WORK/bare.err" &
BARE_PID=$!
wait_up "$BASE" "$BARE_PID"
for body in hotels offers booking reservation; do
    say "  $body: $(wc -c <"$WORK/bodies/$body.json") bytes"
done

# --- Measurement -------------------------------------------------------------------------
# Sums of the gateway's vendor metrics: HTTP attempt seconds, attempts, limiter wait seconds.
vendor_metrics() {
    curl -fsS "$GATEWAY/metrics" | awk '
        /^voicehive_pms_http_attempt_duration_seconds_sum/ { s += $NF }
        /^voicehive_pms_http_attempt_duration_seconds_count/ { c += $NF }
        /^voicehive_pms_rate_limit_wait_seconds_sum/ { w += $NF }
        END { printf "%.6f %d %.6f\n", s, c, w }'
}

RESULTS="$WORK/results"
: >"$RESULTS"
OFFSET=0
RUN_TAG="$(date +%s)-$$"

# One wrk run: scenario, server (gateway|bare), connections, round.
measure() {
    local scenario=$1 server=$2 conns=$3 round=$4 url mode path out line before after
    if [[ $server == gateway ]]; then url=$GATEWAY; else url=$BASE; fi
    case $scenario in
        offers) mode="get"; path=$OFFERS_PATH ;;
        hotels) mode="get"; path=/v1/hotels ;;
        uncached) mode=uncached; path=- ;;
        book) mode=book; path=- ;;
        read) mode="get"; path=$RESERVATION_PATH ;;
        *) say "unknown scenario $scenario"; exit 1 ;;
    esac
    local first=$path
    if [[ $path == - ]]; then first=/; fi
    if [[ $server == gateway ]]; then before=$(vendor_metrics); fi
    out=$(wrk -t "$THREADS" -c "$conns" -d "${DURATION}s" --timeout 10s -s "$HERE/wrk.lua" \
        "$url$first" -- "$mode" "$KEY" "$OFFSET" "$path" "$RUN_TAG" "$THREADS")
    line=$(grep '^RESULT ' <<<"$out" | tail -n 1)
    [[ -n $line ]] || { say "wrk gave no result: $out"; exit 1; }
    # shellcheck disable=SC2086
    set -- $line
    local requests=$2 rps=$4 p50=$5 p99=$6 errors=$7 pms=0 wait=0
    if [[ $server == gateway ]]; then
        after=$(vendor_metrics)
        read -r pms wait < <(awk -v b="$before" -v a="$after" -v n="$requests" 'BEGIN {
            split(b, x, " "); split(a, y, " ");
            if (n < 1) n = 1;
            printf "%.3f %.3f\n", (y[1] - x[1]) * 1000 / n, (y[3] - x[3]) * 1000 / n }')
    fi
    # Stays and idempotency keys never repeat within a gateway's life.
    OFFSET=$((OFFSET + requests + conns + 16))
    printf '%s %s %s %s %s %s %s %s %s %s\n' \
        "$scenario" "$conns" "$round" "$server" "$rps" "$p50" "$p99" "$errors" "$pms" "$wait" >>"$RESULTS"
    say "$(printf '  %-8s c=%-3s round %s %-7s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %s' \
        "$scenario" "$conns" "$round" "$server" "$rps" "$p50" "$p99" "$errors")"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "measuring: scenarios [$SCENARIOS], connections [$CONNECTIONS], $ROUNDS rounds of ${DURATION}s"
for scenario in $SCENARIOS; do
    # Warm both (connections, caches, the vendor token).
    for server in gateway bare; do
        if [[ $server == gateway ]]; then url=$GATEWAY; else url=$BASE; fi
        wrk -t 1 -c 2 -d 1s -s "$HERE/wrk.lua" "$url/" -- get "$KEY" 0 "$OFFERS_PATH" warm 1 >/dev/null
    done
    for conns in $CONNECTIONS; do
        for round in $(seq 1 "$ROUNDS"); do
            if ((round % 2 == 1)); then
                measure "$scenario" gateway "$conns" "$round"
                measure "$scenario" bare "$conns" "$round"
            else
                measure "$scenario" bare "$conns" "$round"
                measure "$scenario" gateway "$conns" "$round"
            fi
        done
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(($(date +%s) - STARTED))

# --- Report ------------------------------------------------------------------------------
# Medians over the rounds, min-max in brackets; the ratio is per round (gateway/bare of the
# same round), so a noisy moment hits both sides of it.
TABLE=$(awk -v scenarios="$SCENARIOS" -v connections="$CONNECTIONS" '
    function sortlist(s, a,   n, i, j, t) {
        n = split(s, a, " ")
        for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n
    }
    function med(s,   a, n) { n = sortlist(s, a); if (n == 0) return 0; return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function lo(s,   a, n) { n = sortlist(s, a); return a[1] }
    function hi(s,   a, n) { n = sortlist(s, a); return a[n] }
    function span(s, fmt) { return sprintf(fmt " (" fmt "–" fmt ")", med(s), lo(s), hi(s)) }
    {
        k = $1 SUBSEP $2 SUBSEP $4
        rps[k] = rps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7
        err[k] += $8; pms[k] = pms[k] " " $9; wait[k] = wait[k] " " $10
        r[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = $5
        rounds[$1 SUBSEP $2 SUBSEP $3] = 1
    }
    END {
        name["offers"] = "cached offers"; name["hotels"] = "/v1/hotels"
        name["uncached"] = "uncached offers"; name["book"] = "booking create"; name["read"] = "reservation read"
        print "| scenario | conns | gateway req/s | gateway p50 ms | gateway p99 ms | bare req/s | bare p50 ms | bare p99 ms | ratio | PMS ms/req | limiter wait ms/req | errors gw/bare |"
        print "|---|---|---|---|---|---|---|---|---|---|---|---|"
        ns = split(scenarios, S, " "); nc = split(connections, C, " ")
        for (i = 1; i <= ns; i++) for (j = 1; j <= nc; j++) {
            g = S[i] SUBSEP C[j] SUBSEP "gateway"; b = S[i] SUBSEP C[j] SUBSEP "bare"
            if (!(g in rps)) continue
            ratios = ""
            for (key in rounds) {
                split(key, q, SUBSEP)
                if (q[1] == S[i] && q[2] == C[j]) {
                    gr = r[S[i] SUBSEP C[j] SUBSEP q[3] SUBSEP "gateway"]; br = r[S[i] SUBSEP C[j] SUBSEP q[3] SUBSEP "bare"]
                    if (br > 0) ratios = ratios " " gr / br
                }
            }
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %d/%d |\n", name[S[i]], C[j],
                span(rps[g], "%.0f"), span(p50[g], "%.2f"), span(p99[g], "%.2f"),
                span(rps[b], "%.0f"), span(p50[b], "%.2f"), span(p99[b], "%.2f"),
                span(ratios, "%.3f"), med(pms[g]), med(wait[g]), err[g], err[b]
        }
    }' "$RESULTS")

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
COMMIT=${BENCH_COMMIT:-$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [[ -z "${BENCH_COMMIT:-}" && -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
    COMMIT="$COMMIT (with uncommitted changes)"
fi
SECTION=$(cat <<EOF
Run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT, $(nproc) cores ($CPU), load average
$LOAD_BEFORE before and $LOAD_AFTER after (1, 5, 15 min), $(uname -sr), $(rustc --version 2>/dev/null || echo rustc),
$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2) with $THREADS threads on the same cores, $ROUNDS rounds of ${DURATION} s per
scenario and connection count (gateway and bare alternately), $ELAPSED s for the measurement.
Cells: median over the rounds (min–max). Ratio: gateway/bare req/s of the same round. PMS
ms/req: the gateway's vendor HTTP time (\`voicehive_pms_http_attempt_duration_seconds\`) per
request; limiter wait: time in the Apaleo account's rate limiter per request. Bodies: hotels
$(wc -c <"$WORK/bodies/hotels.json") B, offers $(wc -c <"$WORK/bodies/offers.json") B, booking $(wc -c <"$WORK/bodies/booking.json") B, reservation $(wc -c <"$WORK/bodies/reservation.json") B.

$TABLE
EOF
)

printf '\n%s\n' "$SECTION"

if [[ "$WRITE_DOC" == 1 ]]; then
    BEGIN_MARK='<!-- bench/gateway/run.sh: begin -->'
    END_MARK='<!-- bench/gateway/run.sh: end -->'
    if [[ ! -f "$DOC" ]] || ! grep -qF "$BEGIN_MARK" "$DOC"; then
        printf '# Benchmarks\n\n## Gateway against a bare axum server\n\n%s\n%s\n' "$BEGIN_MARK" "$END_MARK" >>"$DOC"
    fi
    printf '%s\n' "$SECTION" >"$WORK/section"
    awk -v begin="$BEGIN_MARK" -v end="$END_MARK" -v file="$WORK/section" '
        $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
        $0 == end { skip = 0 }
        !skip { print }' "$DOC" >"$WORK/doc" && cat "$WORK/doc" >"$DOC"
    say "wrote $DOC"
fi
say "done in $(($(date +%s) - STARTED)) s"
