"""Word-segmentation P/R/F1 of a spacy-pkuseg model on the held-out PD lines.

python -m train.evaluate_pkuseg MODEL_DIR [--test /work/data/pkuseg/test.txt] [--user-dict default|none]
"""
import argparse
import os
import time

import spacy_pkuseg


def spans(words):
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def ner_align(seg):
    """Share of gold entities (pd_ner.dev, cluener.dev mapped) not aligned to pkuseg words:
    a ceiling on recall for an NER that works on pkuseg tokens."""
    from .common import CLUENER_DEV, PD_DEV, read_jsonl
    from .prepare_ner import map_dev
    for path in (PD_DEV, CLUENER_DEV):
        bad = tot = 0
        for rec in read_jsonl(path):
            text, ents = map_dev(rec)
            bounds = {0}
            pos = 0
            for w in seg.cut(text):
                pos = text.index(w, pos) + len(w) if w else pos
                bounds.add(pos)
                bounds.add(pos - len(w))
            for s, e, _ in ents:
                tot += 1
                bad += not (s in bounds and e in bounds)
        print(f"{os.path.basename(path)}: {bad}/{tot} = {bad / tot:.1%} entities cut across pkuseg words")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--test", default="/work/data/pkuseg/test.txt")
    ap.add_argument("--user-dict", default="default", help="'default' (what spaCy uses) or 'none'")
    ap.add_argument("--ner-align", action="store_true",
                    help="also count dev entities whose edges fall inside a pkuseg word")
    args = ap.parse_args()
    seg = spacy_pkuseg.pkuseg(model_name=args.model,
                              user_dict=None if args.user_dict == "none" else "default")
    if args.ner_align:
        ner_align(seg)
    tp = npred = ngold = nchars = 0
    t0 = time.perf_counter()
    with open(args.test, encoding="utf-8") as f:
        for line in f:
            gold = line.split()
            if not gold:
                continue
            text = "".join(gold)
            nchars += len(text)
            pred = seg.cut(text)
            g, p = spans(gold), spans(pred)
            tp += len(g & p); npred += len(p); ngold += len(g)
    dt = time.perf_counter() - t0
    P, R = tp / npred, tp / ngold
    print(f"words gold={ngold} pred={npred} P={P:.4f} R={R:.4f} F1={2 * P * R / (P + R):.4f} "
          f"({nchars / dt:.0f} chars/s)")


if __name__ == "__main__":
    main()
