"""DocBins for the NER's word-and-POS head: People's Daily 1998 sentences, one token per
character, each character's ``B|I|E|S-pos`` tag (``prepare_ner.seg_pos_tags``) in ``token.tag_``.

python -m train.prepare_words [--out /work/data/words]

train.spacy: the paragraphs the NER trains on (every 20th held out, the 47 that contain a
pd_ner.dev sentence dropped, as in ``prepare_ner``); dev.spacy: the held-out paragraphs (the
segmenter's test lines, which neither model sees).
"""
import argparse
import os

import spacy
from spacy.tokens import DocBin

from .common import HOLDOUT_EVERY, PD_DEV, contaminated_paragraphs, read_jsonl, read_pd_corpus, split_sentences
from .prepare_ner import seg_pos_tags


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/work/data/words")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    nlp = spacy.blank("zh")  # one token per character
    paras = list(read_pd_corpus())
    bad = contaminated_paragraphs(["".join(w for w, _ in p) for p in paras],
                                  [d["text"] for d in read_jsonl(PD_DEV)])
    train, dev = DocBin(store_user_data=False), DocBin(store_user_data=False)
    counts = [0, 0]
    for i, p in enumerate(paras):
        held = i % HOLDOUT_EVERY == 0
        if not p or (i in bad and not held):
            continue
        for s in split_sentences(p):
            doc = nlp.make_doc("".join(w for w, _ in s))
            tags = seg_pos_tags(s)
            assert len(tags) == len(doc)
            for token, tag in zip(doc, tags):
                token.tag_ = tag
            (dev if held else train).add(doc)
            counts[held] += 1
    train.to_disk(os.path.join(args.out, "train.spacy"))
    dev.to_disk(os.path.join(args.out, "dev.spacy"))
    print(f"train sentences {counts[0]}, dev (held-out) sentences {counts[1]}")


if __name__ == "__main__":
    main()
