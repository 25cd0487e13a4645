#!/usr/bin/env python3
"""Scores PII predictions against the labelled set and prints the comparison table.

Usage: score.py GOLD.jsonl NAME=PRED.jsonl[:TIMING.json] ... [--json OUT.json]

Classes (our types and Presidio's mapped onto them): EMAIL, PHONE, CREDIT_CARD, IBAN,
IP_ADDRESS, DATE_OF_BIRTH, ID_DOCUMENT (passport + national ID), PERSON. A prediction matches a
gold span of the same class when they overlap by at least 50 % of the shorter span (the rule of
presidio-research); TP counts gold spans found, FP counts predictions that match no gold span of
their class. F2 weighs recall 4× (beta = 2, as Presidio's evaluator).

Leak: share of gold PII characters not covered by any prediction of any type (what a redactor
replacing every prediction would leave in its output), overall, per class and per document
kind. FP/1k: predictions per 1,000 characters in documents that contain no PII at all
("negative" documents: booking codes, prices, dates, UUIDs, loopback addresses, ...).
"""

import json
import sys
from collections import defaultdict

CLASSES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DATE_OF_BIRTH", "ID_DOCUMENT", "PERSON"]

MAP = {
    # ours
    "EMAIL": "EMAIL", "PHONE": "PHONE", "CREDIT_CARD": "CREDIT_CARD", "IBAN": "IBAN", "IP_ADDRESS": "IP_ADDRESS",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH", "PASSPORT": "ID_DOCUMENT", "NATIONAL_ID": "ID_DOCUMENT", "PERSON": "PERSON",
    # Presidio
    "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IBAN_CODE": "IBAN", "DATE_TIME": "DATE_OF_BIRTH",
    "US_PASSPORT": "ID_DOCUMENT", "US_SSN": "ID_DOCUMENT", "US_ITIN": "ID_DOCUMENT", "US_DRIVER_LICENSE": "ID_DOCUMENT",
    "UK_NHS": "ID_DOCUMENT", "UK_NINO": "ID_DOCUMENT", "UK_PASSPORT": "ID_DOCUMENT", "ES_NIF": "ID_DOCUMENT", "ES_NIE": "ID_DOCUMENT",
    "ES_PASSPORT": "ID_DOCUMENT", "IT_FISCAL_CODE": "ID_DOCUMENT", "IT_PASSPORT": "ID_DOCUMENT", "IT_IDENTITY_CARD": "ID_DOCUMENT",
    "IT_DRIVER_LICENSE": "ID_DOCUMENT", "DE_ID_CARD": "ID_DOCUMENT", "DE_PASSPORT": "ID_DOCUMENT", "DE_TAX_ID": "ID_DOCUMENT",
    "NL_BSN": "ID_DOCUMENT",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in (json.loads(line) for line in f if line.strip())}


def overlap_ok(a, b):
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return inter > 0 and inter * 2 >= shorter


def fbeta(p, r, beta=2.0):
    if p + r == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)


def score(gold, pred):
    tp = defaultdict(int)
    fn = defaultdict(int)
    fp = defaultdict(int)
    other = defaultdict(int)  # predictions of types outside the classes
    gold_chars = defaultdict(int)
    leaked = defaultdict(int)
    kind_chars = defaultdict(int)
    kind_leaked = defaultdict(int)
    neg_chars = 0
    neg_preds = 0
    for doc_id, g in gold.items():
        spans = [dict(s, cls=MAP[s["type"]]) for s in g["spans"]]
        preds = []
        for s in pred.get(doc_id, {}).get("spans", []):
            cls = MAP.get(s["type"])
            if cls is None:
                other[s["type"]] += 1
            preds.append(dict(s, cls=cls))
        for s in spans:
            if any(p["cls"] == s["cls"] and overlap_ok(s, p) for p in preds):
                tp[s["cls"]] += 1
            else:
                fn[s["cls"]] += 1
        for p in preds:
            if p["cls"] is None:
                continue
            if not any(p["cls"] == s["cls"] and overlap_ok(s, p) for s in spans):
                fp[p["cls"]] += 1
        covered = [False] * len(g["text"])
        for p in preds:
            for i in range(max(0, p["start"]), min(len(covered), p["end"])):
                covered[i] = True
        for s in spans:
            n = s["end"] - s["start"]
            lk = sum(1 for i in range(s["start"], s["end"]) if not covered[i])
            gold_chars[s["cls"]] += n
            leaked[s["cls"]] += lk
            kind_chars[g["kind"]] += n
            kind_leaked[g["kind"]] += lk
        if not spans:
            neg_chars += len(g["text"])
            neg_preds += len(preds)
    rows = {}
    for c in CLASSES:
        n_pred = tp[c] + fp[c]
        p = tp[c] / n_pred if n_pred else 0.0
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        rows[c] = {"tp": tp[c], "fp": fp[c], "fn": fn[c], "precision": p, "recall": r, "f2": fbeta(p, r),
                   "leak": leaked[c] / gold_chars[c] if gold_chars[c] else 0.0}
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    P = T / (T + F) if T + F else 0.0
    R = T / (T + N) if T + N else 0.0
    total_chars = sum(gold_chars.values())
    rows["ALL"] = {"tp": T, "fp": F, "fn": N, "precision": P, "recall": R, "f2": fbeta(P, R),
                   "leak": sum(leaked.values()) / total_chars if total_chars else 0.0}
    return {
        "classes": rows,
        "leak_by_kind": {k: kind_leaked[k] / kind_chars[k] for k in sorted(kind_chars)},
        "fp_per_1k_negative": 1000.0 * neg_preds / neg_chars if neg_chars else 0.0,
        "other_types": dict(other),
    }


def main():
    args = sys.argv[1:]
    out_json = None
    if "--json" in args:
        i = args.index("--json")
        out_json = args[i + 1]
        del args[i : i + 2]
    gold = load(args[0])
    results = {}
    for spec in args[1:]:
        name, rest = spec.split("=", 1)
        pred_path, _, timing_path = rest.partition(":")
        res = score(gold, load(pred_path))
        if timing_path:
            with open(timing_path) as f:
                res["timing"] = json.load(f)
        results[name] = res
    names = list(results)
    n_docs = len(gold)
    n_spans = sum(len(g["spans"]) for g in gold.values())
    print(f"\n{n_docs} documents, {n_spans} gold PII spans, {sum(len(g['text']) for g in gold.values())} characters\n")
    head = "| entity | gold |" + "".join(f" {n} P | {n} R | {n} F2 |" for n in names)
    print(head)
    print("|" + " --- |" * (2 + 3 * len(names)))
    for c in CLASSES + ["ALL"]:
        g = results[names[0]]["classes"][c]
        line = f"| {c} | {g['tp'] + g['fn']} |"
        for n in names:
            r = results[n]["classes"][c]
            line += f" {r['precision']:.3f} | {r['recall']:.3f} | {r['f2']:.3f} |"
        print(line)
    print()
    print("| leaked PII characters | " + " | ".join(names) + " |")
    print("|" + " --- |" * (1 + len(names)))
    print("| all | " + " | ".join(f"{100 * results[n]['classes']['ALL']['leak']:.2f} %" for n in names) + " |")
    for c in CLASSES:
        print(f"| {c} | " + " | ".join(f"{100 * results[n]['classes'][c]['leak']:.2f} %" for n in names) + " |")
    kinds = sorted(results[names[0]]["leak_by_kind"])
    for k in kinds:
        print(f"| kind={k} | " + " | ".join(f"{100 * results[n]['leak_by_kind'][k]:.2f} %" for n in names) + " |")
    print()
    print("| system | FP per 1k chars (no-PII docs) | MB/s (1 core) | chars/s | ms/doc p50 | p95 | p99 | other types predicted |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in names:
        r = results[n]
        t = r.get("timing", {})
        other = ", ".join(f"{k} {v}" for k, v in sorted(r["other_types"].items(), key=lambda kv: -kv[1])[:6]) or "-"
        mbs = f"{t['mb_per_s']:.3f}" if t else "-"
        cps = f"{t['chars_per_s']:,.0f}" if t else "-"
        p = lambda k: f"{t[k]:.3f}" if t and k in t else "-"
        print(f"| {n} | {r['fp_per_1k_negative']:.3f} | {mbs} | {cps} | {p('ms_per_doc_p50')} | {p('ms_per_doc_p95')} | {p('ms_per_doc_p99')} | {other} |")
    timed = [n for n in names if "timing" in results[n]]
    if len(timed) > 1:
        base = timed[0]
        for n in timed[1:]:
            ratio = results[base]["timing"]["mb_per_s"] / results[n]["timing"]["mb_per_s"]
            print(f"\n{base} is {ratio:.1f}x faster than {n} (single core)")
    if out_json:
        with open(out_json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
