"""Convert the PD 1998 corpus into spacy-pkuseg training files.

python -m train.prepare_pkuseg [--out /work/data/pkuseg]
Writes train.txt / test.txt (space-separated words, one sentence a line).
Every 20th paragraph is held out as test; paragraphs containing a pd_ner.dev
sentence are dropped from train.
"""
import argparse
import os

from .common import (HOLDOUT_EVERY, PD_DEV, contaminated_paragraphs, read_jsonl,
                     read_pd_corpus, split_sentences)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/work/data/pkuseg")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    paras = list(read_pd_corpus())
    texts = ["".join(w for w, _ in p) for p in paras]
    bad = contaminated_paragraphs(texts, [d["text"] for d in read_jsonl(PD_DEV)])
    n_tr = n_te = n_ch_tr = n_ch_te = 0
    with open(os.path.join(args.out, "train.txt"), "w", encoding="utf-8") as ftr, \
            open(os.path.join(args.out, "test.txt"), "w", encoding="utf-8") as fte:
        for i, p in enumerate(paras):
            if not p:
                continue
            test = i % HOLDOUT_EVERY == 0
            if not test and i in bad:
                continue
            for s in split_sentences(p):
                line = " ".join(w for w, _ in s)
                nch = sum(len(w) for w, _ in s)
                if test:
                    fte.write(line + "\n"); n_te += 1; n_ch_te += nch
                else:
                    ftr.write(line + "\n"); n_tr += 1; n_ch_tr += nch
    print(f"paragraphs={len(paras)} dropped_as_dev_overlap={len(bad)}")
    print(f"train sentences={n_tr} chars={n_ch_tr}; test sentences={n_te} chars={n_ch_te}")


if __name__ == "__main__":
    main()
