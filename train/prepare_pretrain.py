"""Raw text for ``spacy pretrain`` (issue 21: the encoder pretrained as a masked character model).

The text is exactly the NER's training text and nothing held out: the documents of a training
DocBin (People's Daily 1998 sentences and CLUENER train, as ``prepare_ner`` wrote them, without
pd_ner.dev, so that neither fold's held-out half is read) plus, optionally, text files such as our
own ``corpus/`` pages, one line a document. ``spacy.JsonlCorpus.v1`` skips documents of
``max_length`` characters or more, so longer lines are cut at sentence ends (or hard, at worst)::

    python -m train.prepare_pretrain /work/data/ner5/train.spacy corpus/*.txt \\
        --out /work/data/v13/raw.jsonl
"""
import argparse
import json

import regex
import spacy
from spacy.tokens import DocBin

from pipeline.core.decoding import decode

#: a sentence: anything up to and including its end mark (or the end of the text)
SENTENCE = regex.compile(r"[^。！？!?]*(?:[。！？!?]+|$)")


def pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into stretches shorter than ``limit`` characters, at sentence ends where it can.

    >>> pieces("甲乙。丙丁。", 4)
    ['甲乙。', '丙丁。']
    >>> pieces("甲乙丙丁戊", 3)
    ['甲乙', '丙丁', '戊']
    """
    out, current = [], ""
    for sentence in (s for s in SENTENCE.findall(text) if s):
        if len(current) + len(sentence) < limit:
            current += sentence
            continue
        if current:
            out.append(current)
        while len(sentence) >= limit:
            out.append(sentence[:limit - 1])
            sentence = sentence[limit - 1:]
        current = sentence
    if current:
        out.append(current)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docbin", help="a training DocBin (the NER's own training text)")
    ap.add_argument("texts", nargs="*", help="text files, one document a line")
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-length", type=int, default=500)
    args = ap.parse_args()
    nlp = spacy.blank("zh")
    texts = [doc.text for doc in DocBin().from_disk(args.docbin).get_docs(nlp.vocab)]
    for path in args.texts:
        with open(path, "rb") as f:  # corpus pages are UTF-8 or GB18030, as found
            texts.extend(decode(f.read(), name=path).text.splitlines())
    n = chars = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for text in texts:
            for piece in pieces(text.strip(), args.max_length):
                if piece.strip():
                    out.write(json.dumps({"text": piece}, ensure_ascii=False) + "\n")
                    n += 1
                    chars += len(piece)
    print(f"{n} documents, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
