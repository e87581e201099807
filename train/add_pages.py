"""Add pages with page gold (``NAME.txt`` + ``NAME.gold.json``: the real pages, our corpus) to a
training DocBin, as stretches of lines.

Why: People's Daily 1998 and CLUENER are news of other decades and sources; the pages the
pipeline is for (county news sites, government portals, e-paper pages) name their bodies, zones
and projects in ways neither shows. Page gold is annotated in OUTPUT.md's conventions, which the
rules after the model follow too.

What the model is trained on is the text it sees at run time: the page as the extractor
normalizes it (``DocumentResult.text``), full-width ASCII folded as in ``prepare_ner``. Each gold
mention is found in it as the evaluator finds it (``locate_gold``); a required PER, ORG or LOC is
an entity, an optional one is missing (either reading is right), everything else is outside.
The text is cut at line ends into stretches of at most ``--max-chars`` characters (a line
longer than that is one stretch alone).

Pages are split in halves by their sorted index, as pd_ner.dev by sentence (``add_pd_dev``):
``A`` trains on the even pages and holds out the odd ones, ``B`` the other way round::

    python -m train.add_pages /work/data/ner5/with_dev.train.spacy ../shared/data/pages --half A \\
        --copies 4 --out /work/data/v14/pgA
    #  -> pgA.train.spacy, pgA.held.txt (the held-out pages' names, one a line)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from .add_pd_dev import split
from .common import to_halfwidth
from .prepare_ner import make_doc

NER_LABELS = ("PER", "ORG", "LOC")


def page_files(directory: str | Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs of a directory, sorted by name."""
    out = []
    for gold in sorted(Path(directory).glob("*.gold.json")):
        text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if text.exists():
            out.append((text, gold))
    return out


def stretches(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` at line ends into stretches of at most ``max_chars`` (a longer line stands
    alone); blank stretches are dropped.

    >>> t = "一二三\\n四五\\n六七八九十"
    >>> [t[a:b] for a, b in stretches(t, 7)]
    ['一二三\\n四五\\n', '六七八九十']
    """
    out: list[tuple[int, int]] = []
    start = pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl + 1
        if line_end - start > max_chars and pos > start:
            out.append((start, pos))
            start = pos
        pos = line_end
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def page_examples(text: str, mentions: list[tuple[int, int, str, bool]], max_chars: int
                  ) -> list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]:
    """(stretch text, entities, missing) for each stretch of a page; ``mentions`` are
    (start, end, label, optional) in ``text``. A mention across a stretch's edge is dropped with
    its stretch's labels kept: it cannot be one entity of either."""
    out = []
    for a, b in stretches(text, max_chars):
        ents, missing = [], []
        for s, e, label, optional in mentions:
            if a <= s and e <= b:
                (missing.append((s - a, e - a)) if optional else ents.append((s - a, e - a, label)))
            elif s < b and e > a:
                missing.append((max(s, a) - a, min(e, b) - a))
        out.append((to_halfwidth(text[a:b]), ents, missing))
    return out


def located_mentions(result_text: str, gold) -> list[tuple[int, int, str, bool]]:
    """A page's PER, ORG and LOC gold mentions where the evaluator finds them."""
    from pipeline.tools.evaluate.scoring import locate_gold, page_gold_entities

    entities = page_gold_entities(gold)
    spans = locate_gold(entities, result_text)
    return [(span[0], span[1], ent.label, bool(ent.optional)) for ent, span in zip(entities, spans)
            if span is not None and ent.label in NER_LABELS]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", help="training DocBin to add to")
    ap.add_argument("pages", nargs="+", help="directories of NAME.txt + NAME.gold.json")
    ap.add_argument("--half", choices=["A", "B", "all"], default="all")
    ap.add_argument("--copies", type=int, default=4, help="times each stretch is added (default 4)")
    ap.add_argument("--max-chars", type=int, default=400)
    ap.add_argument("--out", required=True, help="output prefix: OUT.train.spacy [, OUT.held.txt]")
    args = ap.parse_args(argv)

    from pipeline.run.extractor import Extractor
    from pipeline.tools.gold import load_gold

    nlp = spacy.blank("zh")
    docs = list(DocBin().from_disk(args.train).get_docs(nlp.vocab))
    files = [f for d in args.pages for f in page_files(d)]
    used, held = split(len(files), args.half)
    extractor = Extractor(use_model=False)  # the text only: the same with or without the model
    added = []
    n_ents = 0
    for i in used:
        text_path, gold_path = files[i]
        gold = load_gold(gold_path)
        result = extractor.extract(text_path.read_bytes(), pub_date=gold.pub_date, doc_id=text_path.stem)
        for text, ents, missing in page_examples(result.text, located_mentions(result.text, gold), args.max_chars):
            added.append(make_doc(nlp, text, ents, missing))
            n_ents += len(ents)
    DocBin(docs=docs + added * args.copies, store_user_data=False).to_disk(f"{args.out}.train.spacy")
    if held:
        Path(f"{args.out}.held.txt").write_text("".join(files[i][0].stem + "\n" for i in held), encoding="utf-8")
    print(f"pages used {len(used)}, held out {len(held)}; stretches {len(added)} ×{args.copies}, "
          f"entities {n_ents}; training docs {len(docs) + len(added) * args.copies}")


if __name__ == "__main__":
    main()
