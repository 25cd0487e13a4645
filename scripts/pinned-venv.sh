# shellcheck shell=bash
# Sourced by scripts that need Python tools: `pinned_venv REQUIREMENTS DIR PROGRAM [ARGS...]`
# makes DIR/venv hold exactly what REQUIREMENTS pins (by version and hash, wheels only, no other
# dependencies), unless DIR/.installed records that it already does and DIR/venv/bin/PROGRAM is
# there. After an install it runs PROGRAM ARGS (e.g. `--version`) as a check. Messages go to
# stderr. Needs python3 with the venv module, and PyPI on first run.

pinned_venv() {
    local requirements="$1" dir="$2" program="$3"
    shift 3
    local venv="$dir/venv" stamp="$dir/.installed" want
    want="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [[ -x "$venv/bin/$program" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || {
        echo "pinned_venv: python3 is needed (Debian: apt-get install python3 python3-venv)" >&2
        return 1
    }
    echo "pinned_venv: installing $(basename "$requirements") into $venv" >&2
    mkdir -p "$dir"
    rm -f "$stamp"
    if [[ ! -x "$venv/bin/python" ]]; then
        python3 -m venv "$venv" >&2 || {
            echo "pinned_venv: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
            return 1
        }
    fi
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install \
        --quiet --require-hashes --no-deps --only-binary=:all: -r "$requirements" >&2
    "$venv/bin/$program" "$@" >&2
    echo "$want" >"$stamp"
}
