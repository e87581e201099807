"""Words and parts of speech from the NER's ``words`` head, on the held-out People's Daily lines.

python -m train.evaluate_words MODEL_DIR [--pkuseg pipeline/models/pkuseg] [--limit N]

The held-out part is every 20th paragraph of People's Daily Jan 1998 (``HOLDOUT_EVERY``), the
lines ``prepare_pkuseg`` writes to test.txt and neither model trained on. Scores: word P/R/F1
(exact character spans), and word+POS F1 (span and the head's POS both right; the gold POS folded
as in ``prepare_ner.seg_pos_tags``). With ``--pkuseg DIR`` the pkuseg model is scored on the same
lines, words only, in the same run (``user_dict=None``, as ``pipeline.segment`` loads it).
"""
from __future__ import annotations

import argparse
import time

from .common import HOLDOUT_EVERY, read_pd_corpus, split_sentences
from .prepare_ner import seg_pos_tags


def held_out_sentences():
    for i, p in enumerate(read_pd_corpus()):
        if p and i % HOLDOUT_EVERY == 0:
            yield from split_sentences(p)


def words_of_tags(tags):
    """``[(start, end, pos)]`` from per-character ``B|I|E|S-pos`` tags; a word starts at B or S
    (or after an E or S) and takes the POS of its first character."""
    from .words_head import words_from_tags
    return words_from_tags(tags)


def prf(tp, npred, ngold):
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--pkuseg", default=None)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    import spacy

    from . import code  # noqa: F401  (registers our factories and the head's architecture)

    nlp = spacy.load(args.model, exclude=["ner"])
    sentences = list(held_out_sentences())
    if args.limit:
        sentences = sentences[:args.limit]
    gold_spans, gold_pos = [], []
    for s in sentences:
        tags = seg_pos_tags(s)
        spans = words_of_tags(tags)
        gold_spans.append({(a, b) for a, b, _ in spans})
        gold_pos.append(set(spans))
    texts = ["".join(w for w, _ in s) for s in sentences]
    nchars = sum(map(len, texts))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    dt = time.perf_counter() - t0
    tp = tpp = npred = ngold = 0
    for doc, g, gp in zip(docs, gold_spans, gold_pos):
        pred = set(words_of_tags([t.tag_ for t in doc]))
        tp += len(g & {(a, b) for a, b, _ in pred})
        tpp += len(gp & pred)
        npred += len(pred)
        ngold += len(g)
    p, r, f = prf(tp, npred, ngold)
    print(f"words head: {len(texts)} sentences, {nchars} chars, {ngold} words: "
          f"P={p:.4f} R={r:.4f} F1={f:.4f}; word+POS F1={prf(tpp, npred, ngold)[2]:.4f} "
          f"({nchars / dt:.0f} chars/s, tok2vec + head)")
    if args.pkuseg:
        import spacy_pkuseg
        seg = spacy_pkuseg.pkuseg(args.pkuseg, user_dict=None)
        tp = npred = 0
        t0 = time.perf_counter()
        for text, g in zip(texts, gold_spans):
            pos, pred = 0, set()
            for w in seg.cut(text):
                pred.add((pos, pos + len(w)))
                pos += len(w)
            tp += len(g & pred)
            npred += len(pred)
        dt = time.perf_counter() - t0
        p, r, f = prf(tp, npred, ngold)
        print(f"pkuseg {args.pkuseg}: P={p:.4f} R={r:.4f} F1={f:.4f} ({nchars / dt:.0f} chars/s)")


if __name__ == "__main__":
    main()
