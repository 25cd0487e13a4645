#!/usr/bin/env python3
"""Runs Microsoft Presidio's analyzer in regex-only mode (no NER model, offline) over the set.

Usage: presidio_run.py --config default|eu INPUT.jsonl --out PRED.jsonl --timing TIMING.json

- default: every predefined recognizer Presidio loads for "en" (18), blank spaCy pipeline, so
  its SpacyRecognizer returns nothing (privacy.md §2.5); phone regions US, GB, DE, FR, IL, IN, CA, BR.
- eu: the same plus phone regions of the EU/EEA, UK and CH, and the DE/ES/IT/UK national-ID and
  passport recognizers re-registered for "en" (privacy.md §7.2 "Presidio-regex-EU").

Score threshold 0 (every result counts), as in privacy.md §2.3. Offsets are code points.
Throughput: one pass over all documents after a warm-up on the first 20, single thread.
"""

import argparse
import json
import logging
import os
import sys
import time

logging.getLogger("tldextract").setLevel(logging.CRITICAL)
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

import tldextract  # noqa: E402

# Presidio's e-mail recognizer calls tldextract.extract, which tries to download the public
# suffix list; offline that is a logged exception per process. Use the bundled snapshot directly.
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), fallback_to_snapshot=True)

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402
from presidio_analyzer import predefined_recognizers as pr  # noqa: E402

EU_REGIONS = ["GB", "DE", "FR", "IT", "ES", "NL", "BE", "AT", "CH", "PT", "IE", "LU", "PL", "SE", "DK", "FI", "NO", "GR", "CZ", "SK", "HU", "RO", "BG", "HR", "SI", "LT", "LV", "EE", "CY", "MT", "IS", "LI", "MC", "US"]


def build(config, blank_path):
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": blank_path}])
    nlp.load()
    reg = RecognizerRegistry()
    reg.load_predefined_recognizers(nlp_engine=nlp)
    if config == "eu":
        reg.remove_recognizer("PhoneRecognizer")
        reg.add_recognizer(pr.PhoneRecognizer(supported_regions=EU_REGIONS))
        for cls in [pr.DeIdCardRecognizer, pr.DePassportRecognizer, pr.DeTaxIdRecognizer, pr.EsNifRecognizer, pr.EsNieRecognizer,
                    pr.EsPassportRecognizer, pr.ItFiscalCodeRecognizer, pr.ItIdentityCardRecognizer, pr.ItPassportRecognizer,
                    pr.UkNinoRecognizer, pr.UkPassportRecognizer]:
            reg.add_recognizer(cls(supported_language="en"))
    return AnalyzerEngine(nlp_engine=nlp, registry=reg, supported_languages=["en"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--config", choices=["default", "eu"], default="default")
    ap.add_argument("--out", required=True)
    ap.add_argument("--timing", required=True)
    ap.add_argument("--blank", default=os.path.join(os.path.dirname(sys.executable), "..", "blank_en"))
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(args.input, encoding="utf-8") if line.strip()]
    analyzer = build(args.config, os.path.abspath(args.blank))
    for d in docs[:20]:
        analyzer.analyze(d["text"], language="en")
    results = []
    per_doc = []
    t0 = time.perf_counter()
    for d in docs:
        t = time.perf_counter()
        res = analyzer.analyze(d["text"], language="en")
        per_doc.append(time.perf_counter() - t)
        results.append((d["id"], res))
    secs = time.perf_counter() - t0
    with open(args.out, "w", encoding="utf-8") as f:
        for doc_id, res in results:
            spans = [{"type": r.entity_type, "start": r.start, "end": r.end, "score": r.score} for r in res]
            f.write(json.dumps({"id": doc_id, "spans": spans}) + "\n")
    nbytes = sum(len(d["text"].encode("utf-8")) for d in docs)
    nchars = sum(len(d["text"]) for d in docs)
    per_doc.sort()
    pct = lambda p: per_doc[round((len(per_doc) - 1) * p)] * 1e3
    timing = {"system": f"presidio-{args.config}", "documents": len(docs), "bytes": nbytes, "chars": nchars, "seconds_per_pass": secs,
              "mb_per_s": nbytes / secs / 1e6, "chars_per_s": nchars / secs, "ms_per_doc_p50": pct(0.5), "ms_per_doc_p95": pct(0.95), "ms_per_doc_p99": pct(0.99)}
    with open(args.timing, "w") as f:
        json.dump(timing, f)
    print(json.dumps(timing), file=sys.stderr)


if __name__ == "__main__":
    main()
