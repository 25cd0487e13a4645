#!/usr/bin/env bash
# Supply-chain checks of the workspace (issue 12), offline:
#
#   deny     cargo deny --offline check advisories bans licenses sources   (deny.toml)
#   audit    cargo audit --no-fetch --db DB   (exceptions with reasons in .cargo/audit.toml)
#   secrets  gitleaks over the git history and the uncommitted changes (.github/gitleaks.toml)
#
#   bash scripts/supply-chain.sh               all three
#   bash scripts/supply-chain.sh deny audit    some of them (CI runs each as its own job)
#
# Each checker must also reject a known-bad input, or the run fails:
#   deny, audit  tests/supply-chain/bad/: a crate whose Cargo.lock pins smallvec 1.6.0
#                (RUSTSEC-2021-0003); it is checked from a copy under target/supply-chain/
#   secrets      a file with a fake AWS access key, generated at run time under
#                target/supply-chain/ (the repository itself holds none)
#
# Advisories come from a local RustSec database: RUSTSEC_DB, by default the snapshot
# ../shared/rustsec-advisory-db next to the repository (CI clones today's database and sets
# RUSTSEC_DB). cargo-audit reads a copy of it; cargo-deny needs a git repository at
# deny.toml's db-path, so the copy under target/supply-chain/advisory-dbs/ is made one.
#
# Installs cargo-deny 0.20.2 and cargo-audit 0.22.2 with `cargo install --locked` when missing
# (about 6 and 9 minutes on 2 cores; skipped when present), and gitleaks, pinned by hash
# (scripts/ci-tools-requirements.txt), into target/tools/ci/venv. The known-bad crate's one
# dependency (smallvec 1.6.0, 30 kB) is fetched from crates.io once if it is not in Cargo's
# cache; without it (and no registry to fetch it from) cargo-deny cannot read the fixture, and
# the deny checker fails rather than pass unproven.
# One line per checker, then `supply-chain: N passed, N failed`; exit 1 on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/supply-chain"
tools="$root/target/tools/ci"
deny_version="0.20.2"
audit_version="0.22.2"
db_src="${RUSTSEC_DB:-$root/../shared/rustsec-advisory-db}"
# The folder name cargo-deny derives from the default advisory URL (db-urls in deny.toml).
deny_db_name="advisory-db-3157b0e258782691"
bad_crate="$root/tests/supply-chain/bad"
bad_advisory="RUSTSEC-2021-0003"

checks=("$@")
((${#checks[@]} > 0)) || checks=(deny audit secrets)
for c in "${checks[@]}"; do
    case "$c" in
    deny | audit | secrets) ;;
    *)
        echo "usage: scripts/supply-chain.sh [deny] [audit] [secrets]" >&2
        exit 2
        ;;
    esac
done
wants() {
    local c
    for c in "${checks[@]}"; do [[ "$c" == "$1" ]] && return 0; done
    return 1
}

log() { printf 'supply-chain: %s\n' "$*" >&2; }
passed=0
failed=0
record() { # record NAME ok|FAILED DETAIL
    printf '%-8s %-6s %s\n' "$1" "$2" "$3"
    if [[ "$2" == ok ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

cd "$root"
mkdir -p "$out"

# cargo_tool NAME VERSION: installs cargo-NAME VERSION unless a cargo-NAME is on PATH.
cargo_tool() {
    command -v "cargo-$1" >/dev/null 2>&1 && return 0
    log "installing cargo-$1 $2 (cargo install --locked; several minutes)"
    cargo install --locked "cargo-$1" --version "$2" >&2
}

# The RustSec database: a plain copy for cargo-audit, and the same as a git repository for
# cargo-deny. Refreshed when the source changes (its SNAPSHOT.txt or, for a clone, its HEAD).
advisory_db() {
    [[ -d "$db_src/crates" ]] || {
        log "no RustSec advisory database at $db_src (set RUSTSEC_DB)"
        return 1
    }
    local stamp want
    want="$(cat "$db_src/SNAPSHOT.txt" 2>/dev/null || git -C "$db_src" rev-parse HEAD 2>/dev/null || echo unknown)"
    stamp="$out/advisory-dbs/.source"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$out/advisory-dbs/$deny_db_name/.git" ]]; then
        return 0
    fi
    rm -rf "$out/advisory-dbs"
    mkdir -p "$out/advisory-dbs/$deny_db_name"
    (cd "$db_src" && tar --exclude=.git -cf - .) | tar -xf - -C "$out/advisory-dbs/$deny_db_name"
    git -C "$out/advisory-dbs/$deny_db_name" init -q
    git -C "$out/advisory-dbs/$deny_db_name" add -A
    git -C "$out/advisory-dbs/$deny_db_name" -c user.name=supply-chain -c user.email=supply-chain@localhost \
        -c commit.gpgsign=false commit -q -m "RustSec advisory database: $want"
    echo "$want" >"$stamp"
}

# The known-bad crate, copied under target/ so that cargo writes nothing into tests/.
bad_copy="$out/bad-crate"
prepare_bad_crate() {
    rm -rf "$bad_copy"
    mkdir -p "$bad_copy"
    cp -R "$bad_crate/." "$bad_copy/"
}

# expect_advisory NAME LOG RC: the run on the known-bad crate failed and named the advisory.
expect_advisory() {
    if (($3 == 0)); then
        echo "accepted tests/supply-chain/bad (smallvec 1.6.0)"
        return 1
    fi
    if ! grep -q "$bad_advisory" "$2"; then
        echo "failed on tests/supply-chain/bad without naming $bad_advisory (see ${2#"$root"/})"
        return 1
    fi
    echo "rejects tests/supply-chain/bad ($bad_advisory)"
}

db_ready=""
if wants deny || wants audit; then
    advisory_db && db_ready=1
    prepare_bad_crate
fi

# --- deny -----------------------------------------------------------------------------------
if wants deny; then
    if ! cargo_tool deny "$deny_version"; then
        record deny FAILED "cargo-deny could not be installed"
    elif [[ -z "$db_ready" ]]; then
        record deny FAILED "no advisory database"
    else
        rc=0
        # `cargo metadata` (which cargo-deny runs) needs every crate's source: from Cargo's
        # cache, else downloaded once (a fresh CI runner). The check itself stays offline.
        cargo fetch --locked --offline >"$out/fetch.log" 2>&1 || cargo fetch --locked >>"$out/fetch.log" 2>&1 || {
            log "cargo fetch failed (see target/supply-chain/fetch.log)"
            rc=1
        }
        cargo deny --offline --locked --color never --config "$root/deny.toml" check \
            advisories bans licenses sources >"$out/deny.log" 2>&1 || rc=$?
        summary="$(grep -E '^(advisories|bans|licenses|sources) ' "$out/deny.log" | tail -n 1 || true)"
        # cargo-deny reads the fixture's graph with `cargo metadata`, which needs the source of
        # its one dependency: from Cargo's cache, else fetched once.
        fixture_ok=1
        cargo fetch --locked --offline --manifest-path "$bad_copy/Cargo.toml" >"$out/bad-fetch.log" 2>&1 \
            || cargo fetch --locked --manifest-path "$bad_copy/Cargo.toml" >>"$out/bad-fetch.log" 2>&1 \
            || fixture_ok=""
        if [[ -z "$fixture_ok" ]]; then
            # A checker not shown to reject its known-bad input does not pass.
            reject="known-bad crate NOT checked: smallvec 1.6.0 is neither in Cargo's cache nor fetchable from crates.io (target/supply-chain/bad-fetch.log)"
            rc=1
        else
            bad_rc=0
            cargo deny --offline --locked --color never --manifest-path "$bad_copy/Cargo.toml" \
                --config "$root/deny.toml" check advisories >"$out/bad-deny.log" 2>&1 || bad_rc=$?
            reject="$(expect_advisory deny "$out/bad-deny.log" "$bad_rc")" || rc=1
        fi
        if ((rc == 0)); then
            record deny ok "${summary:-ok}; $reject"
        else
            grep -E '^(error|warning)\[' -A 12 "$out/deny.log" | grep -v '^warning\[duplicate\]' | head -n 60 || true
            record deny FAILED "${summary:-see target/supply-chain/deny.log}; ${reject:-}"
        fi
    fi
fi

# --- audit ----------------------------------------------------------------------------------
if wants audit; then
    if ! cargo_tool audit "$audit_version"; then
        record audit FAILED "cargo-audit could not be installed"
    elif [[ -z "$db_ready" ]]; then
        record audit FAILED "no advisory database"
    else
        db="$out/advisory-dbs/$deny_db_name"
        # .cargo/audit.toml (its ignore list, with reasons) is read from the current directory.
        rc=0
        cargo audit --no-fetch --db "$db" --color never --deny warnings >"$out/audit.log" 2>&1 || rc=$?
        summary="$(grep -E 'Loaded|Scanning' "$out/audit.log" | sed -E "s/^ +//; s|$root/||g" | paste -sd ';' || true)"
        bad_rc=0
        (cd "$out" && cargo audit --no-fetch --db "$db" --color never --file "$bad_copy/Cargo.lock") \
            >"$out/bad-audit.log" 2>&1 || bad_rc=$?
        reject="$(expect_advisory audit "$out/bad-audit.log" "$bad_rc")" || rc=1
        if ((rc == 0)); then
            record audit ok "$summary; $reject"
        else
            cat "$out/audit.log"
            record audit FAILED "see target/supply-chain/audit.log; $reject"
        fi
    fi
fi

# --- secrets --------------------------------------------------------------------------------
if wants secrets; then
    # shellcheck source=scripts/pinned-venv.sh
    source "$root/scripts/pinned-venv.sh"
    pinned_venv "$root/scripts/ci-tools-requirements.txt" "$tools" gitleaks version
    gitleaks="$tools/venv/bin/gitleaks"
    config="$root/.github/gitleaks.toml"
    rc=0
    commits="$(git rev-list --all --count 2>/dev/null || echo 0)"
    "$gitleaks" git "$root" --no-banner --no-color --redact --config "$config" \
        --report-format json --report-path "$out/gitleaks-history.json" >"$out/gitleaks.log" 2>&1 || rc=$?
    # Changes not committed yet (a local run; CI checks out commits only).
    "$gitleaks" git "$root" --pre-commit --no-banner --no-color --redact --config "$config" \
        >>"$out/gitleaks.log" 2>&1 || rc=$?
    # Known-bad: a fake AWS access key pair, made now (base32 characters as AWS uses) so that
    # the repository holds none.
    bad_dir="$out/secrets-bad"
    rm -rf "$bad_dir"
    mkdir -p "$bad_dir"
    key_id="$(python3 -c 'import secrets; print("AKIA" + "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)))')"
    secret="$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(30)).decode())')"
    printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$key_id" "$secret" \
        >"$bad_dir/credentials"
    bad_rc=0
    "$gitleaks" dir "$bad_dir" --no-banner --no-color --redact --config "$config" \
        --report-format json --report-path "$out/gitleaks-bad.json" >"$out/bad-gitleaks.log" 2>&1 || bad_rc=$?
    if ((bad_rc == 0)) || ! grep -q '"RuleID": *"aws-access-token"' "$out/gitleaks-bad.json"; then
        reject="accepted a fake AWS access key"
        rc=1
    else
        reject="rejects a generated fake AWS access key (aws-access-token)"
    fi
    if ((rc == 0)); then
        record secrets ok "gitleaks: $commits commits and the uncommitted changes clean; $reject"
    else
        grep -E 'leaks found|Finding|RuleID|File' "$out/gitleaks.log" | head -n 40 || true
        record secrets FAILED "see target/supply-chain/gitleaks.log and gitleaks-history.json; $reject"
    fi
fi

echo "supply-chain: $passed passed, $failed failed"
((failed == 0))
