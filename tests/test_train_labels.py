"""How People's Daily 1998 tokens become NER labels (pipeline/train/prepare_ner.py).

Token lists are written by hand in the corpus's format (word, PKU tag); the expected entities
are worked out by hand from pd_ner.dev's conventions, which the training labels must follow.
"""

from __future__ import annotations

import pytest

from pipeline.train.prepare_ner import pd_sentence_spans, persons_inside_doctrine, split_person_run


def tok(line: str) -> list[tuple[str, str]]:
    return [tuple(item.rsplit("/", 1)) for item in line.split()]


def ents(line: str, known=frozenset()) -> list[tuple[str, str]]:
    text, spans, _ = pd_sentence_spans(tok(line), "org", known)
    return [(text[s:e], label) for s, e, label in spans]


def missing(line: str) -> list[str]:
    text, _, miss = pd_sentence_spans(tok(line), "org")
    return [text[s:e] for s, e in miss]


CASES = [
    # (what it shows, tokens, entities)
    ("leaders listed without separator are separate persons",
     "江/nr 泽民/nr 李/nr 鹏/nr 乔/nr 石/nr 出席/v",
     [("江泽民", "PER"), ("李鹏", "PER"), ("乔石", "PER")]),
    ("a foreign name is one word and one person", "克林顿/nr 总统/n",
     [("克林顿", "PER")]),
    ("surname before an honorific is the person", "胡/nr 老/k 说/v",
     [("胡", "PER")]),
    ("compound organisation starting with a place", "郑州/ns 公安局/n 破获/v",
     [("郑州公安局", "ORG")]),
    ("compound organisation starting with 世界", "世界/n 银行/n 贷款/n",
     [("世界银行", "ORG")]),
    ("X政府 is a place and a common noun in pd_ner", "中国/ns 政府/n 决定/v",
     [("中国", "LOC")]),
    ("a meeting is not an organisation", "北京/ns 国际/n 博览会/n 开幕/v",
     [("北京", "LOC")]),
    ("one-word organisation tagged n", "市委/n 书记/n",
     [("市委", "ORG")]),
    ("one-character place abbreviations", "中/j 美/j 关系/n",
     [("中", "LOC"), ("美", "LOC")]),
    ("the 电 of a dateline is not part of the organisation", "电/n 国务院/nt 办公厅/n 通知/v",
     [("国务院办公厅", "ORG")]),
]


@pytest.mark.parametrize("what,line,expected", CASES, ids=[c[0] for c in CASES])
def test_pd_labels(what, line, expected):
    assert ents(line) == expected


def test_generic_runs_are_missing_not_outside():
    assert ents("保险/n 公司/n 增加/v") == []
    assert missing("保险/n 公司/n 增加/v") == ["保险公司"]


def test_person_inside_a_doctrine_word():
    known = frozenset({"邓小平", "马克思", "列宁"})
    assert ents("学习/v 邓小平理论/n", known) == [("邓小平", "PER")]
    assert persons_inside_doctrine("马克思列宁主义", known) == [(0, 3), (3, 5)]
    assert persons_inside_doctrine("社会主义", known) == []


def test_split_person_run_double_surname():
    assert split_person_run(["欧阳", "予倩", "叶利钦"]) == [(0, 1), (2, 2)]
