#!/usr/bin/env bash
# The audit-log benchmark (see README.md): starts PostgreSQL if it is not answering, builds
# the release example and runs it. Parameters via the environment:
#   APPENDS=50000 WRITERS=16 BASELINE_APPENDS=2000 VERIFY_ENTRIES=1000000 FILL_WRITERS=256
#   VERIFY_ROUNDS=3 PROFILE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
# Prints the machine, then a Markdown results table; exits non-zero if a check fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export APPENDS="${APPENDS:-50000}"
export WRITERS="${WRITERS:-16}"
export BASELINE_APPENDS="${BASELINE_APPENDS:-2000}"
export VERIFY_ENTRIES="${VERIFY_ENTRIES:-1000000}"
export FILL_WRITERS="${FILL_WRITERS:-256}"
export VERIFY_ROUNDS="${VERIFY_ROUNDS:-3}"
export PROFILE="${PROFILE:-1}"

pg_up() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -d "$DATABASE_URL"
    elif command -v psql >/dev/null 2>&1; then
        psql "$DATABASE_URL" -Atqc 'SELECT 1' >/dev/null 2>&1
    else
        return 1
    fi
}

if ! pg_up; then
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        for version in /etc/postgresql/*; do
            [ -d "$version" ] || continue
            echo "starting PostgreSQL $(basename "$version") ..." >&2
            pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
        done
    fi
    for _ in $(seq 1 30); do
        pg_up && break
        sleep 1
    done
    pg_up || { echo "PostgreSQL does not answer at $DATABASE_URL" >&2; exit 1; }
fi

cargo build --release --example audit_bench -p gateway >&2

cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
pg_version="$(psql "$DATABASE_URL" -Atqc 'SHOW server_version' 2>/dev/null || echo unknown)"
pg_settings="$(psql "$DATABASE_URL" -Atqc \
    "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
     WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method', 'commit_delay')" \
    2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}; PostgreSQL ${pg_version} (${pg_settings})"
read -r load1 _ < /proc/loadavg || load1=unknown
echo "load average (1 min) before the run: ${load1}"
if awk -v l="$load1" -v n="$(nproc)" 'BEGIN { exit !(l + 0 > n / 2) }'; then
    echo "WARNING: the machine is busy (load ${load1} on $(nproc) cores): every figure below will be low" >&2
fi
echo "parameters: APPENDS=$APPENDS WRITERS=$WRITERS BASELINE_APPENDS=$BASELINE_APPENDS VERIFY_ENTRIES=$VERIFY_ENTRIES FILL_WRITERS=$FILL_WRITERS VERIFY_ROUNDS=$VERIFY_ROUNDS"
echo

target_dir="${CARGO_TARGET_DIR:-target}"
"$target_dir/release/examples/audit_bench"
