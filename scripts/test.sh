#!/usr/bin/env bash
# Runs every test of the workspace, as on a fresh machine: installs the pinned test tools
# (the `bao` Vault-compatible dev server, see scripts/tools.sh; Debian's sqlite3 shell for the
# audit-tampering tests), makes sure the local Redis
# (distributed rate limits) and PostgreSQL (gateway storage, database `test`) are running,
# then `cargo test --workspace`.
# Extra arguments go to cargo test (e.g. `bash scripts/test.sh golden`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VOICEHIVE_BAO="$(bash scripts/tools.sh | tail -n 1)"
export VOICEHIVE_BAO

# The audit-tampering tests edit SQLite files as a database user would, with the sqlite3 shell.
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "test.sh: installing sqlite3 (Debian package)" >&2
    apt-get install -y -q sqlite3 >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q sqlite3 >/dev/null; }
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "test.sh: starting Redis on 127.0.0.1:6379" >&2
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    for _ in $(seq 50); do
        redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
        sleep 0.1
    done
fi

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    echo "test.sh: starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 50); do
        pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && break
        sleep 0.1
    done
fi
psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres test

exec cargo test --workspace "$@"
