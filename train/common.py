"""Shared helpers for the training scripts (not imported by the runtime package)."""
import bisect
import json
import os
import re

PD_CORPUS = os.environ.get("PD_CORPUS", "/work/data/199801.txt")
PD_DEV = os.environ.get("PD_DEV", "/work/shared/data/pd_ner.dev.jsonl")
CLUENER_TRAIN = os.environ.get("CLUENER_TRAIN", "/work/shared/data/cluener.train.jsonl")
CLUENER_DEV = os.environ.get("CLUENER_DEV", "/work/shared/data/cluener.dev.jsonl")

HOLDOUT_EVERY = 20  # every 20th paragraph (index % 20 == 0) is the held-out segmentation test


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (U+FF01-FF5E) -> half-width; U+3000 -> ASCII space.

    Mirrors the runtime normalisation applied before tokenizing."""
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        elif o == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def dedupe_key(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text))


def read_pd_corpus(path=PD_CORPUS):
    """Yield paragraphs as lists of (word, tag); words normalised to half-width, spaces dropped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            toks = []
            for item in line.strip().split("  "):
                item = item.strip()
                if not item:
                    continue
                word, _, tag = item.rpartition("/")
                if not word:
                    word, tag = item, "x"
                word = re.sub(r"\s+", "", to_halfwidth(word))
                if word:
                    toks.append((word, tag))
            yield toks


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def contaminated_paragraphs(paragraph_texts, dev_texts):
    """Indices of paragraphs whose normalised text contains a normalised dev sentence."""
    keys = [dedupe_key(t) for t in paragraph_texts]
    big = "\n".join(keys)
    starts = []
    pos = 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    bad = set()
    for t in set(dedupe_key(t) for t in dev_texts):
        if not t:
            continue
        i = big.find(t)
        while i != -1:
            bad.add(bisect.bisect_right(starts, i) - 1)
            i = big.find(t, i + 1)
    return bad


def split_sentences(tokens, enders=("。", "!", "?", "！", "？")):
    """Split a paragraph token list into sentences after sentence-final punctuation."""
    sent = []
    for tok in tokens:
        sent.append(tok)
        if tok[0] in enders:
            yield sent
            sent = []
    if sent:
        yield sent
