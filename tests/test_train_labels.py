"""How People's Daily 1998 tokens become NER labels (train/prepare_ner.py).

Token lists are written by hand in the corpus's format (word, PKU tag); the expected entities
are worked out by hand from pd_ner.dev's conventions, which the training labels must follow.
"""

from __future__ import annotations

import pytest

from train.prepare_ner import (org_lexicon, pd_sentence_spans, persons_inside_doctrine,
                                        split_person_run)


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
    # labels v4
    ("an abbreviated organisation tagged j", "政协/j 委员/n 说/v",
     [("政协", "ORG")]),
    ("a newspaper tagged nz", "人民日报/nz 评论员/n 文章/n",
     [("人民日报", "ORG")]),
    ("abbreviated games are not organisations (奥 of 奥运 is a place)", "奥运会/j 开幕/v",
     [("奥", "LOC")]),
    ("a generic abbreviation with an org ending", "高校/j 学生/n",
     []),
    ("the party and its congress are one organisation", "中共/j 十五大/j 召开/v",
     [("中共十五大", "ORG")]),
    ("a named party tagged n", "共产党/n 领导/v",
     [("共产党", "ORG")]),
    ("a generic party word", "全党/n 同志/n",
     []),
    ("the ministry inside a minister word", "外交部长/n 唐/nr 家璇/nr 说/v",
     [("外交部", "ORG"), ("唐家璇", "PER")]),
    ("a country and the ministry inside a minister word", "美国/ns 财政部长/n 鲁宾/nr",
     [("美国财政部", "ORG"), ("鲁宾", "PER")]),
    ("a vice-minister word is not split", "财政部/nt 副部长/n",
     [("财政部", "ORG")]),
    ("a standalone organisation word starts a compound organisation", "解放军/n 总/b 医院/n",
     [("解放军总医院", "ORG")]),
    ("the consultative conference is an organisation",
     "中国/ns 人民/n 政治/n 协商/vn 会议/n 第九/m 届/q",
     [("中国人民政治协商会议", "ORG")]),
    ("a place and its special region are one place", "香港/ns 特区/n 政府/n",
     [("香港特区", "LOC")]),
    ("a place, an ethnic name and 自治区 are one place", "新疆/ns 维吾尔/nz 自治区/n 人民/n 政府/n",
     [("新疆维吾尔自治区", "LOC")]),
    ("an organisation of the region stays one organisation",
     "西藏/ns 自治区/n 人民/n 委员会/n 成立/v",
     [("西藏自治区人民委员会", "ORG")]),
    ("adjacent places stay separate before a place suffix", "北京/ns 天安门/ns 广场/n",
     [("北京", "LOC"), ("天安门广场", "LOC")]),
    ("a named museum is a place", "中国/ns 美术馆/n 展出/v",
     [("中国美术馆", "LOC")]),
    ("人民大会堂 is a place", "在/p 人民/n 大会堂/n 举行/v",
     [("人民大会堂", "LOC")]),
    ("中华 of 中华民族 is a place", "中华/nz 民族/n",
     [("中华", "LOC")]),
    ("a region word tagged s", "东北/s 地区/n",
     [("东北", "LOC")]),
    ("a surname missing from the list before a given name", "傅/nr 全有/nr 说/v",
     [("傅全有", "PER")]),
    ("the 电 of a dateline before a one-word organisation", "电/n 政协/j 委员/n",
     [("政协", "ORG")]),
    ("an organisation of 'the city'", "市/n 政府/n 新闻处/n 说/v",
     [("市政府新闻处", "ORG")]),
    ("an organisation of 'the village'", "村/n 党支部/n 书记/n",
     [("村党支部", "ORG")]),
    ("a newspaper named by a common word", "光明/n 日报/n 记者/n",
     [("光明日报", "ORG")]),
    ("the 电 of a dateline before a newspaper", "电/n 光明/n 日报/n",
     [("光明日报", "ORG")]),
    ("a household is not an organisation", "职工/n 家庭/n",
     []),
    ("a national team", "中国/ns 女排/n 获胜/v",
     [("中国女排", "ORG")]),
    # one-character place abbreviations inside a word
    ("a visit to China", "李/nr 鹏/nr 访华/v",
     [("李鹏", "PER"), ("华", "LOC")]),
    ("the Chinese side", "中方/n 表示/v",
     [("中", "LOC")]),
    ("Beijing opera", "京剧/n 演员/n",
     [("京", "LOC")]),
    ("an army named by a country abbreviation is the country", "以军/j 撤出/v",
     [("以", "LOC")]),
    ("two abbreviations in one word", "青藏/j 高原/n",
     [("青", "LOC"), ("藏", "LOC")]),
    ("common words are not abbreviations", "亚军/n 留意/v",
     []),
    ("adjacent places before a museum stay separate", "上海/ns 虹口/ns 体育馆/n",
     [("上海", "LOC"), ("虹口体育馆", "LOC")]),
    # labels v5
    ("a country's team of one sport", "阿根廷/ns 足球队/n 获胜/v",
     [("阿根廷足球队", "ORG")]),
    ("a team of one sport with a qualifier", "德国/ns 男子/n 网球队/n",
     [("德国男子网球队", "ORG")]),
    ("teams counted are no organisation", "八/m 支/q 球队/n",
     []),
]


@pytest.mark.parametrize("what,line,expected", CASES, ids=[c[0] for c in CASES])
def test_pd_labels(what, line, expected):
    assert ents(line) == expected


def test_a_word_the_corpus_tags_nt_elsewhere_is_an_organisation():
    known_orgs = org_lexicon([tok("外交部/nt 发言人/n"), tok("国防部/nt 表示/v"), tok("外交部/nt 今天/t"),
                              tok("外交部/nt 举行/v"), tok("外交部/n 吹风会/n")])
    assert known_orgs == {"外交部"}  # 国防部 is tagged nt once: below the count of three
    text, spans, _ = pd_sentence_spans(tok("外交部/n 发言人/n 说/v"), "org", known_orgs=known_orgs)
    assert [(text[s:e], label) for s, e, label in spans] == [("外交部", "ORG")]
    assert ents("外交部/n 发言人/n 说/v") == []  # without the lexicon: outside
    # and it opens a compound organisation as a named word does
    text, spans, _ = pd_sentence_spans(tok("外交部/n 新闻司/n 司长/n"), "org", known_orgs=known_orgs)
    assert [(text[s:e], label) for s, e, label in spans] == [("外交部新闻司", "ORG")]


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


def test_generic_run_after_a_common_word_is_still_missing():
    assert missing("城市/n 建设/vn 公司/n") == ["城市建设公司"]


def test_embassy_is_still_missing():
    assert ents("美国/ns 驻/v 华/j 大使馆/n") == [("美国", "LOC")]
    assert missing("美国/ns 驻/v 华/j 大使馆/n") == ["华大使馆"]


def test_split_person_run_two_words_without_known_surname():
    assert split_person_run(["傅", "全有"]) == [(0, 1)]
    # longer runs still need a known surname to pair words
    assert split_person_run(["江", "泽民", "李", "鹏"]) == [(0, 1), (2, 3)]


# CLUENER's addresses read as People's Daily tags places (prepare_ner --cluener-address); the
# addresses are CLUENER train's kind, the expected places worked out by hand from the division table
ADDRESSES = [
    ("江苏省靖江市", ["江苏省", "靖江市"], ""),           # a chain of two divisions
    ("郑州市中原区须水镇西岗村", ["郑州市", "中原区"], "须水镇西岗村"),  # the rest: no table place
    ("上海市南京东路的世纪广场", ["上海市"], "南京东路的世纪广场"),  # 南京 names the road here
    ("北四环西路58号", [], "北四环西路58号"),
]


@pytest.mark.parametrize("address, places, rest", ADDRESSES)
def test_cluener_address_places(address, places, rest):
    from pipeline.grammars.names.rules import rules
    from train.prepare_ner import address_places, map_cluener

    found, rest_start = address_places(address, rules().gazetteer)
    assert [address[a:b] for a, b in found] == places and address[rest_start:] == rest
    record = {"text": "地址：" + address + "。", "entities": [[3, 3 + len(address), "address"]]}
    _, ents, missing_spans = map_cluener(record, "split", rules().gazetteer)
    assert [record["text"][s:e] for s, e, _ in ents] == places
    assert [record["text"][s:e] for s, e in missing_spans] == ([rest] if rest else [])
    _, ents, _ = map_cluener(record)  # the default keeps CLUENER's span
    assert [(record["text"][s:e], label) for s, e, label in ents] == [(address, "LOC")]


def test_pretraining_text_is_cut_below_the_corpus_reader_limit():
    from train.prepare_pretrain import pieces

    text = "甲" * 700 + "。乙丙。"
    assert all(len(p) < 500 for p in pieces(text, 500)) and "".join(pieces(text, 500)) == text
    assert pieces("一句。两句！三句", 5) == ["一句。", "两句！", "三句"]


@pytest.mark.parametrize("text, max_chars, expected", [
    ("一二三\n四五\n六七八九十", 7, ["一二三\n四五\n", "六七八九十"]),  # a stretch ends after its last line
    ("一二三\n四五\n六七八九十", 6, ["一二三\n", "四五\n", "六七八九十"]),
    ("一二三\n四五\n六七八九十", 100, ["一二三\n四五\n六七八九十"]),
    ("一二三四五六七八\n九", 4, ["一二三四五六七八\n", "九"]),  # a line longer than the limit stands alone
    ("甲\n\n\n乙", 2, ["甲\n", "乙"]),  # blank stretches are dropped
])
def test_page_stretches(text, max_chars, expected):
    from train.add_pages import stretches
    assert [text[a:b] for a, b in stretches(text, max_chars)] == expected


def test_page_examples_required_optional_and_cut_mentions():
    from train.add_pages import page_examples
    text = "记者李明报道\n市委书记王强在ＡＢＣ公司调研\n"
    mentions = [(2, 4, "PER", False),   # 李明, required: an entity
                (7, 9, "ORG", True),    # 市委, optional: missing (either reading is right)
                (11, 13, "PER", False),  # 王强
                (4, 9, "LOC", False)]   # across the two stretches: missing on both sides
    (t1, e1, m1), (t2, e2, m2) = page_examples(text, mentions, max_chars=8)
    assert t1 == "记者李明报道\n" and t2 == "市委书记王强在ABC公司调研\n"  # full-width folded
    assert e1 == [(2, 4, "PER")] and m1 == [(4, 7)]
    assert e2 == [(4, 6, "PER")] and m2 == [(0, 2), (0, 2)]
