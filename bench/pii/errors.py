#!/usr/bin/env python3
"""Lists a system's misses and false positives with context, for tuning.

Usage: errors.py GOLD.jsonl PRED.jsonl [CLASS] [--fp|--fn] [--limit N]
"""

import sys

from score import MAP, load, overlap_ok


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    limit = 40
    if "--limit" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--limit") + 1])
        args = [a for a in args if a != str(limit)]
    gold, pred = load(args[0]), load(args[1])
    cls = args[2] if len(args) > 2 else None
    show_fp = "--fn" not in flags
    show_fn = "--fp" not in flags
    n = 0
    for doc_id, g in gold.items():
        text = g["text"]
        spans = [dict(s, cls=MAP[s["type"]]) for s in g["spans"]]
        preds = [dict(s, cls=MAP.get(s["type"], s["type"])) for s in pred.get(doc_id, {}).get("spans", [])]
        ctx = lambda s: (text[max(0, s["start"] - 50) : s["start"]] + "[[" + text[s["start"] : s["end"]] + "]]" + text[s["end"] : s["end"] + 30]).replace("\n", "⏎")
        if show_fn:
            for s in spans:
                if cls and s["cls"] != cls:
                    continue
                if not any(p["cls"] == s["cls"] and overlap_ok(s, p) for p in preds):
                    got = [p["type"] for p in preds if overlap_ok(s, p)]
                    print(f"FN {s['cls']:<13} {g['kind']:<10} {g['lang']} {got} {ctx(s)}")
                    n += 1
        if show_fp:
            for p in preds:
                if cls and p["cls"] != cls:
                    continue
                if not any(p["cls"] == s["cls"] and overlap_ok(s, p) for s in spans):
                    gs = [s["type"] for s in spans if overlap_ok(s, p)]
                    print(f"FP {p['cls']:<13} {g['kind']:<10} {g['lang']} {gs} {ctx(p)}")
                    n += 1
        if n >= limit:
            break


if __name__ == "__main__":
    main()
