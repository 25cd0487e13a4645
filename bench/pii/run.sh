#!/usr/bin/env bash
# The PII evaluation in one command: generates the labelled set, runs our detector and Presidio
# (regex-only, two configurations) on it, one core each, and prints precision / recall / F2 per
# entity, the share of PII characters left unredacted, false positives on PII-free documents and
# single-core throughput.
#
#   bash bench/pii/run.sh                 # 1,500 documents, seed 7
#   N=3000 SEED=11 bash bench/pii/run.sh  # another (held-out) draw
#   PRESIDIO=0 bash bench/pii/run.sh      # ours only (no Python venv needed beyond Faker)
#   EVAL=bench/pii/independent/set.jsonl KNOWN=0 bash bench/pii/run.sh   # the independent set
#   KNOWN=0 bash bench/pii/run.sh         # skip the run with known guest values
#
# Outputs land in target/pii-bench/ (eval.jsonl, predictions, timings, results.json), or in $OUT;
# the binary is built in $CARGO_TARGET_DIR when set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

N="${N:-1500}"
SEED="${SEED:-7}"
PRESIDIO="${PRESIDIO:-1}"
OUT="${OUT:-target/pii-bench}"
BIN="${CARGO_TARGET_DIR:-target}/release/examples/pii_eval"
mkdir -p "$OUT"

VENV="$(bash bench/pii/setup.sh | tail -n 1)"
PY="$VENV/bin/python"
PIN=()
if command -v taskset >/dev/null 2>&1; then
    PIN=(taskset -c 0)
fi

if [[ -n "${EVAL:-}" ]]; then
    # A set written elsewhere, e.g. the independent one: EVAL=bench/pii/independent/set.jsonl
    echo "==> using $EVAL instead of a generated set" >&2
    cp "$EVAL" "$OUT/eval.jsonl"
else
    echo "==> generating $N documents (seed $SEED)" >&2
    "$PY" bench/pii/gen.py --n "$N" --seed "$SEED" >"$OUT/eval.jsonl"
fi

echo "==> building and running the Rust detector (release, one core)" >&2
cargo build --release --quiet -p pii --example pii_eval
"${PIN[@]}" "$BIN" "$OUT/eval.jsonl" --timing "$OUT/ours.timing.json" >"$OUT/ours.jsonl"

SYSTEMS=("voicehive=$OUT/ours.jsonl:$OUT/ours.timing.json")
if [[ "${KNOWN:-1}" == "1" ]]; then
    # The same detector plus a per-document RedactionContext that knows the guest's name,
    # e-mail and phone from the booking (gen.py's "known" field).
    echo "==> running the detector with known values (one core)" >&2
    "${PIN[@]}" "$BIN" "$OUT/eval.jsonl" --known --timing "$OUT/known.timing.json" >"$OUT/known.jsonl"
    SYSTEMS+=("voicehive+known=$OUT/known.jsonl:$OUT/known.timing.json")
fi
if [[ "$PRESIDIO" == "1" ]]; then
    for cfg in default eu; do
        echo "==> running Presidio regex-only ($cfg), one core" >&2
        "${PIN[@]}" "$PY" bench/pii/presidio_run.py --config "$cfg" "$OUT/eval.jsonl" \
            --out "$OUT/presidio-$cfg.jsonl" --timing "$OUT/presidio-$cfg.timing.json"
        SYSTEMS+=("presidio-$cfg=$OUT/presidio-$cfg.jsonl:$OUT/presidio-$cfg.timing.json")
    done
fi

python3 bench/pii/score.py "$OUT/eval.jsonl" "${SYSTEMS[@]}" --json "$OUT/results.json"
