#!/usr/bin/env python3
"""Validates set.jsonl and prints its counts.

Checks: every document has id/lang/kind/text/spans/extra_spans; ids are unique; every span lies inside
its text, is non-empty and has no leading/trailing whitespace; span labels come from the known sets
(`spans`: the scorer's types; `extra_spans`: labels the scorer does not know); no two spans (of
either list) overlap; PII-free documents (kind nonpii) carry no span at all.

Usage: python3 check.py [set.jsonl]
"""
import json
import os
import sys
from collections import Counter

SCORER = {"PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DATE_OF_BIRTH", "PASSPORT", "NATIONAL_ID"}
EXTRA = {"ADDRESS", "LICENSE_PLATE", "CVV"}
LANGS = {"en", "de", "fr", "it", "es", "nl", "pl"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "set.jsonl")
    errors, seen = [], set()
    by_lang, by_kind, by_label, by_lang_kind = Counter(), Counter(), Counter(), Counter()
    n_docs = n_neg = n_chars = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            where = f"line {ln} ({d.get('id')})"
            for key in ("id", "lang", "kind", "text", "spans", "extra_spans"):
                if key not in d:
                    errors.append(f"{where}: missing {key}")
            if d["id"] in seen:
                errors.append(f"{where}: duplicate id")
            seen.add(d["id"])
            if d["lang"] not in LANGS:
                errors.append(f"{where}: unknown lang {d['lang']}")
            text = d["text"]
            all_spans = []
            for field, allowed in (("spans", SCORER), ("extra_spans", EXTRA)):
                for s in d[field]:
                    if s["type"] not in allowed:
                        errors.append(f"{where}: {field} label {s['type']} not in {sorted(allowed)}")
                    if not (0 <= s["start"] < s["end"] <= len(text)):
                        errors.append(f"{where}: span {s} outside text of length {len(text)}")
                        continue
                    val = text[s["start"]:s["end"]]
                    if val != val.strip():
                        errors.append(f"{where}: span {s} has surrounding whitespace: {val!r}")
                    all_spans.append(s)
                    by_label[s["type"]] += 1
            all_spans.sort(key=lambda s: (s["start"], s["end"]))
            for a, b in zip(all_spans, all_spans[1:]):
                if b["start"] < a["end"]:
                    errors.append(f"{where}: overlapping spans {a} and {b}")
            if d["kind"] == "nonpii" and all_spans:
                errors.append(f"{where}: nonpii document has spans")
            if not d["spans"] and d["extra_spans"]:
                errors.append(f"{where}: only extra spans (the scorer would count it as PII-free)")
            n_docs += 1
            n_chars += len(text)
            n_neg += not all_spans
            by_lang[d["lang"]] += 1
            by_kind[d["kind"]] += 1
            by_lang_kind[(d["lang"], d["kind"])] += 1
    print(f"{n_docs} documents, {n_chars} characters, {sum(by_label.values())} spans, "
          f"{n_neg} documents without PII ({100 * n_neg / max(n_docs, 1):.1f} %)")
    langs = sorted(by_lang)
    kinds = sorted(by_kind)
    print("\n| kind | " + " | ".join(langs) + " | all |")
    print("|" + " --- |" * (len(langs) + 2))
    for k in kinds:
        print(f"| {k} | " + " | ".join(str(by_lang_kind[(l, k)]) for l in langs) + f" | {by_kind[k]} |")
    print("| all | " + " | ".join(str(by_lang[l]) for l in langs) + f" | {n_docs} |")
    print("\n| label | in scorer | spans |")
    print("| --- | --- | --- |")
    for lab, n in sorted(by_label.items(), key=lambda kv: -kv[1]):
        print(f"| {lab} | {'yes' if lab in SCORER else 'no (extra_spans)'} | {n} |")
    if errors:
        print(f"\n{len(errors)} errors:", file=sys.stderr)
        for e in errors[:50]:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
