#!/usr/bin/env bash
# Installs the Python side of the PII evaluation into target/tools/presidio-venv:
# Presidio (regex-only, no spaCy model download) and Faker for the data generator.
# Idempotent: a venv whose stamp matches the pinned versions is reused.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VENV=target/tools/presidio-venv
PINS=(
    "presidio-analyzer==2.2.366"
    "presidio-anonymizer==2.2.366"
    "spacy==3.8.18"
    "phonenumbers==9.0.43"
    "tldextract==5.4.0"
    "faker==40.54.0"
)
STAMP="$VENV/.pins"

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "${PINS[*]}" ]]; then
    echo "setup.sh: $VENV is up to date" >&2
else
    echo "setup.sh: creating $VENV (pip install, ~1-2 min)" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}"
    printf '%s' "${PINS[*]}" >"$STAMP"
fi

# A blank English spaCy pipeline (tokenizer only): Presidio's SpacyNlpEngine accepts a path and
# then skips its model download (privacy.md §2.5), so Presidio runs its pattern recognizers only.
if [[ ! -f "$VENV/blank_en/meta.json" ]]; then
    "$VENV/bin/python" -c 'import spacy, sys; spacy.blank("en").to_disk(sys.argv[1])' "$VENV/blank_en"
fi
echo "$VENV"
