"""The scorer of ``cli.py evaluate`` on hand-made cases whose right figures are worked out by hand.

No spaCy here: results are built as ``DocumentResult`` objects and the pipeline is replaced by
fake extractors.
"""

from __future__ import annotations

import argparse
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.tools import evaluate as ev
from pipeline.tools.gold import GoldArticle, GoldEntity, GoldEvent, GoldPage
from pipeline.schema import Arg, Article, Dateline, DocumentResult, Entity, Event, Offsets, Trigger

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


# ----------------------------------------------------------------------------- builders


def at(text: str, sub: str, nth: int = 0) -> int:
    """Offset of the ``nth`` occurrence of ``sub`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(sub, pos + 1)
    return pos


_ids = iter(range(10**6))


def ent(text: str, label: str, sub: str, nth: int = 0, value=None) -> Entity:
    s = at(text, sub, nth)
    return Entity(id=f"e{next(_ids)}", label=label, text=sub, start=s, end=s + len(sub),
                  raw_start=s, raw_end=s + len(sub), value=value, source="rule")


def event(text: str, etype: str, trigger: str, nth: int = 0, date=None, **args: list[str]) -> Event:
    s = at(text, trigger, nth)
    return Event(
        id=f"v{next(_ids)}", type=etype, trigger=Trigger(text=trigger, start=s, end=s + len(trigger)),
        date=date, sentence=Offsets(start=0, end=len(text)),
        args={role: [Arg(text=t, start=0, end=len(t)) for t in texts] for role, texts in args.items()},
    )


def result(text: str, entities=(), events=(), articles=None, doc_id="d") -> DocumentResult:
    if articles is None:
        articles = [Article(index=0, start=0, end=len(text), entities=list(entities), events=list(events))]
    return DocumentResult(doc_id=doc_id, text=text, articles=articles)


def gent(label: str, text: str, **kw) -> GoldEntity:
    return GoldEntity(label=label, text=text, **kw)


def page(entities=(), events=(), articles=None) -> GoldPage:
    if articles is None:
        articles = [GoldArticle(index=0, entities=list(entities), events=list(events))]
    return GoldPage(source="x.txt", articles=articles)


def figs_of(gold: GoldPage, res: DocumentResult) -> dict:
    return ev.figures(ev.score_page(gold, res))


# ----------------------------------------------------------------------------- entities

DATES = "1月1日开会。2月2日调研。3月3日开工。4月4日至5日验收。6月6日完工。"


def test_dates_exact_overlap_spurious():
    gold = page([gent("DATE", d) for d in ("1月1日", "2月2日", "3月3日", "4月4日至5日")])
    pred = [ent(DATES, "DATE", d) for d in ("1月1日", "2月2日", "3月3日")]
    pred += [ent(DATES, "DATE", "4月4日"),   # overlaps 4月4日至5日
             ent(DATES, "DATE", "6月6日")]   # spurious
    f = figs_of(gold, result(DATES, pred))
    # exact: tp 3 (three dates), fp 2 (4月4日, 6月6日), fn 1 (4月4日至5日)
    # P = 3/5, R = 3/4, F1 = 2*3/(2*3+2+1) = 6/9
    assert (f["entities.DATE.exact.tp"], f["entities.DATE.exact.fp"], f["entities.DATE.exact.fn"]) == (3, 2, 1)
    assert f["entities.DATE.exact.precision"] == pytest.approx(0.6)
    assert f["entities.DATE.exact.recall"] == pytest.approx(0.75)
    assert f["entities.DATE.exact.f1"] == pytest.approx(2 / 3)
    # overlap: 4月4日 now pairs with 4月4日至5日 -> tp 4, fp 1, fn 0: P 4/5, R 1, F1 8/9
    assert f["entities.DATE.overlap.precision"] == pytest.approx(0.8)
    assert f["entities.DATE.overlap.recall"] == pytest.approx(1.0)
    assert f["entities.DATE.overlap.f1"] == pytest.approx(8 / 9)
    # micro over the seven and over the value labels: only DATE is present
    assert f["entities.all.exact.f1"] == pytest.approx(2 / 3)
    assert f["entities.value_labels.overlap.f1"] == pytest.approx(8 / 9)
    # labels with nothing: counts 0, precision/recall/F1 undefined
    assert f["entities.PER.gold"] == 0 and f["entities.PER.exact.f1"] is None


def test_wrong_label_is_fp_and_fn_and_other_labels_ignored():
    text = "张驰在长治市调研，建成140米道路。"
    gold = page([gent("PER", "张驰"), gent("LOC", "长治市")])
    pred = [ent(text, "PER", "张驰"), ent(text, "ORG", "长治市"), ent(text, "QUANTITY", "140米")]
    f = figs_of(gold, result(text, pred))
    # PER: 1/1. LOC: fn 1. ORG: fp 1. QUANTITY ignored entirely.
    assert f["entities.PER.exact.f1"] == 1.0
    assert (f["entities.LOC.exact.fn"], f["entities.ORG.exact.fp"]) == (1, 1)
    # all: tp 1, fp 1, fn 1 -> P 1/2, R 1/2, F1 1/2; pred counts only the seven labels
    assert f["entities.all.exact.precision"] == pytest.approx(0.5)
    assert f["entities.all.exact.recall"] == pytest.approx(0.5)
    assert f["entities.all.pred"] == 2


def test_optional_items():
    text = "今年以来，区政府在“美丽阳泉”活动中走访阳泉市。"
    gold = page([
        gent("DATE", "今年以来", optional=True),      # predicted exactly: ignored
        gent("ORG", "区政府", optional=True),        # not predicted: not a FN
        gent("LOC", "阳泉", optional=True),          # predicted as 美丽阳泉: overlaps, ignored
        gent("LOC", "阳泉市"),                        # required, predicted: TP
    ])
    pred = [ent(text, "DATE", "今年以来"), ent(text, "LOC", "美丽阳泉"), ent(text, "LOC", "阳泉市"),
            ent(text, "DATE", "今年")]  # overlaps the optional 今年以来 (already paired): ignored
    f = figs_of(gold, result(text, pred))
    assert (f["entities.DATE.exact.tp"], f["entities.DATE.exact.fp"], f["entities.DATE.exact.fn"]) == (0, 0, 0)
    assert f["entities.DATE.exact.f1"] is None
    assert (f["entities.ORG.exact.fn"], f["entities.ORG.exact.fp"]) == (0, 0)
    assert (f["entities.LOC.exact.tp"], f["entities.LOC.exact.fp"], f["entities.LOC.exact.fn"]) == (1, 0, 0)
    assert f["entities.LOC.overlap.f1"] == 1.0
    assert f["entities.all.gold"] == 1 and f["entities.all.optional"] == 3
    # an optional item does not excuse a prediction of another label over it
    f = figs_of(gold, result(text, [ent(text, "ORG", "阳泉")]))
    assert f["entities.ORG.exact.fp"] == 1


def test_repeated_and_nested_mentions_are_located_in_order():
    text = "阳泉高新区成立。高新区发展，高新区招商。"
    gold = page([gent("ORG", "阳泉高新区"), gent("ORG", "高新区"), gent("ORG", "高新区")])
    spans = ev.locate_gold(gold.articles[0].entities, text)
    # the short form is not located inside the long one already taken
    assert spans == [(0, 5), (8, 11), (14, 17)]
    # predictions: the full name, and only the second 高新区 -> tp 2, fn 1
    pred = [ent(text, "ORG", "阳泉高新区"), ent(text, "ORG", "高新区", 2)]
    f = figs_of(gold, result(text, pred))
    assert (f["entities.ORG.exact.tp"], f["entities.ORG.exact.fp"], f["entities.ORG.exact.fn"]) == (2, 0, 1)


def test_locating_uses_keys_offsets_and_captions():
    # raw page: 甲地好，/ ■ 甲地 (caption) / 乙地美。 -- the normalizer moved the caption after the
    # sentence; gold lists mentions in raw order, the caption's where it stood
    text = "甲地好，乙地美。\n■ 甲地\n乙地新闻。"
    gold = [gent("LOC", "甲地"), gent("LOC", "甲地", part="caption"), gent("LOC", "乙地"),
            gent("LOC", "乙地"), gent("LOC", "乙地", start=4, end=6)]   # given offsets are taken as is
    # the caption mention does not move the walk, so the first 乙地 is found in the sentence
    assert ev.locate_gold(gold, text) == [(0, 2), (11, 13), (4, 6), (14, 16), (4, 6)]
    # full-width vs half-width brackets and stray whitespace still match exactly
    text = "东方旭能（山东）科技\n发展有限公司在此。"
    gold = [gent("ORG", "东方旭能(山东)科技发展有限公司")]
    assert ev.locate_gold(gold, text) == [(0, 17)]
    m = ev.match_entities(gold, result(text, [ent(text, "ORG", "东方旭能（山东）科技\n发展有限公司")]))
    assert m["ORG"].exact == [(0, 0)]


def test_exact_pairs_prefer_the_located_occurrence():
    text = "张三说，李四说，张三笑。"
    gold = page([gent("PER", "张三"), gent("PER", "李四"), gent("PER", "张三", optional=True)])
    # only the second 张三 predicted: it pairs with the optional second gold mention, so the first
    # (required) 张三 is a FN and nothing else counts
    f = figs_of(gold, result(text, [ent(text, "PER", "张三", 1), ent(text, "PER", "李四")]))
    assert (f["entities.PER.exact.tp"], f["entities.PER.exact.fp"], f["entities.PER.exact.fn"]) == (1, 0, 1)


def test_unlocated_gold_can_match_by_text_but_not_overlap():
    text = "张驰调研。"
    gold = page([gent("PER", "王五"), gent("PER", "张驰", start=3, end=5)])  # wrong offsets
    f = figs_of(gold, result(text, [ent(text, "PER", "张驰")]))
    # 王五 is nowhere: FN; 张驰 pairs by text although its given span is wrong
    assert (f["entities.PER.exact.tp"], f["entities.PER.exact.fn"], f["entities.PER.exact.fp"]) == (1, 1, 0)


# ----------------------------------------------------------------------------- values


def test_value_accuracy():
    text = "10月14日获908万元，100亩，近9.3万平方米，增长0.9个百分点和12%，11月1日、12月1日完成，今年以来。"
    gold = page([
        gent("DATE", "10月14日", value={"iso": "2025-10-14", "approx": False}),
        gent("MONEY", "908万元", value={"amount": 9080000, "currency": "CNY", "qualifier": None}),
        gent("AREA", "100亩", value={"amount": 66666.67, "unit": "m2",
                                     "original": {"amount": 100, "unit": "亩"}, "qualifier": None}),
        gent("AREA", "近9.3万平方米", value={"amount": 93000, "unit": "m2",
                                          "original": {"amount": 93000, "unit": "平方米"}, "qualifier": "at_most"}),
        gent("PERCENT", "0.9个百分点", value={"amount": 0.9, "points": True}),
        gent("PERCENT", "12%", value={"amount": 12}),
        gent("DATE", "11月1日", value={"iso": "2025-11-01", "approx": False}),
        gent("DATE", "12月1日"),  # no value: not counted
        gent("DATE", "今年以来", value={"iso": "2025", "approx": False}, optional=True),  # optional: not counted
    ])
    pred = [
        ent(text, "DATE", "10月14日", value={"iso": "2025-10-14", "approx": True}),   # right (approx ignored)
        ent(text, "MONEY", "908万元", value={"amount": 9.1e6, "currency": "CNY"}),    # right (0.22 % off)
        ent(text, "AREA", "100亩", value={"amount": 66666, "original": {"amount": 100, "unit": "亩"}}),  # right
        ent(text, "AREA", "近9.3万平方米", value={"amount": 93000, "original": {"amount": 93000, "unit": "平方米"}}),
        # ^ wrong: qualifier missing
        ent(text, "PERCENT", "0.9个百分点", value={"amount": 0.9}),  # wrong: points flag
        ent(text, "PERCENT", "12%", value={"amount": 12.005}),      # right (within 0.01)
        ent(text, "DATE", "11月1日"),                                 # wrong: no value
        ent(text, "DATE", "12月1日", value={"iso": "2025-12-01"}),
        ent(text, "DATE", "今年以来", value={"iso": "2024"}),
    ]
    f = figs_of(gold, result(text, pred))
    # DATE 1/2, MONEY 1/1, AREA 1/2, PERCENT 1/2 -> all 4/7
    assert (f["values.DATE.correct"], f["values.DATE.total"]) == (1, 2)
    assert f["values.MONEY.accuracy"] == 1.0
    assert f["values.AREA.accuracy"] == 0.5
    assert f["values.PERCENT.accuracy"] == 0.5
    assert f["values.all.accuracy"] == pytest.approx(4 / 7)


def test_person_titles_and_org_accuracy():
    # made up in the style of county pages: a committee title, a department title, a bare name
    text = "县委书记王明、县委组织部副部长李红和张强、赵兰出席。"
    gold = page([
        gent("PER", "王明", value={"titles": ["县委书记"], "org": None}),
        gent("PER", "李红", value={"titles": ["副部长"], "org": "县委组织部"}),
        gent("PER", "张强", value={"titles": [], "org": None}),
        gent("PER", "赵兰", value={"titles": ["主任"], "org": None}, optional=True),  # optional: not counted
    ])
    pred = [
        ent(text, "PER", "王明", value={"titles": ["县委书记"], "org": None}),        # both right
        ent(text, "PER", "李红", value={"titles": ["组织部副部长"], "org": "县委"}),  # both wrong
        ent(text, "PER", "张强"),                                                    # no value = none: right
        ent(text, "PER", "赵兰", value={"titles": ["局长"], "org": None}),
    ]
    f = figs_of(gold, result(text, pred))
    assert f["persons.total"] == 3
    assert (f["persons.titles.correct"], f["persons.org.correct"], f["persons.both.correct"]) == (2, 2, 2)
    assert f["persons.titles.accuracy"] == pytest.approx(2 / 3)


def test_value_equal_rules():
    m = {"amount": 800000000, "currency": "CNY", "qualifier": "at_most", "min": 600000000}
    assert ev.value_equal("MONEY", m, {**m})
    assert not ev.value_equal("MONEY", m, {**m, "min": None})            # range lower bound missing
    assert not ev.value_equal("MONEY", m, {**m, "currency": "USD"})
    assert not ev.value_equal("MONEY", m, {**m, "amount": 810000000})    # 1.25 % off
    assert ev.value_equal("MONEY", {"amount": 0.004}, {"amount": 0.0})   # 0.01 absolute
    assert ev.value_equal("MONEY", {"amount": 5, "qualifier": None}, {"amount": 5, "currency": "CNY"})
    assert not ev.value_equal("PERCENT", {"amount": 76.6}, {"amount": 76.62})
    assert not ev.value_equal("DATE", {"iso": "2025-Q3"}, None)


# ----------------------------------------------------------------------------- events

EV_TEXT = "白建成与汤帅一行座谈。张驰考察项目。召开大会。开工。同比增长5%。"


def _gold_events():
    return [
        GoldEvent(type="meeting", trigger="座谈", args={
            "host": [{"text": "白建成"}], "guest": [{"text": "汤帅"}],
            "attendee": [{"text": "钱波"}, {"text": "姜岩"}, {"text": "负责人", "optional": True}]}),
        GoldEvent(type="inspection", trigger="调研", args={"inspector": [{"text": "张驰"}],
                                                           "site": [{"text": "项目"}]}),
        GoldEvent(type="conference", trigger="召开", args={"name": [{"text": "大会"}],
                                                           "organizer": [{"text": "管委会"}]}),
        GoldEvent(type="project_milestone", trigger="开工", optional=True),
    ]


def test_events_f1_and_arg_recall():
    pred = [
        # host equal, guest contains the gold (汤帅一行 ⊇ 汤帅), attendee has 钱波 only: 3 of 4 found
        event(EV_TEXT, "meeting", "座谈", host=["白建成"], guest=["汤帅一行"], attendee=["钱波"], topic=["x"]),
        event(EV_TEXT, "inspection", "考察", inspector=["张驰"]),  # other trigger: FP, and 调研 a FN
        event(EV_TEXT, "project_milestone", "开工"),               # the optional gold: nothing
        event(EV_TEXT, "metric", "增长"),                          # spurious: FP
    ]
    f = figs_of(page(events=_gold_events()), result(EV_TEXT, events=pred))
    # meeting tp 1: P = R = F1 = 1
    assert f["events.meeting.f1"] == 1.0
    assert f["events.meeting.arg_recall"] == pytest.approx(3 / 4)
    assert (f["events.inspection.fp"], f["events.inspection.fn"]) == (1, 1)
    assert f["events.inspection.f1"] == 0.0 and f["events.inspection.arg_recall"] is None
    assert f["events.conference.recall"] == 0.0 and f["events.conference.precision"] is None
    assert (f["events.project_milestone.tp"], f["events.project_milestone.fp"],
            f["events.project_milestone.fn"]) == (0, 0, 0)
    assert f["events.metric.fp"] == 1
    # all: tp 1, fp 2 (考察, 增长), fn 2 (调研, 召开) -> P 1/3, R 1/3, F1 2/(2+2+2) = 1/3
    assert f["events.all.precision"] == pytest.approx(1 / 3)
    assert f["events.all.recall"] == pytest.approx(1 / 3)
    assert f["events.all.f1"] == pytest.approx(1 / 3)
    # args: paired events 3 of 4; all gold events 3 of 4 + 2 + 2 = 8
    assert f["events.all.arg_recall"] == pytest.approx(3 / 4)
    assert f["events.all.arg_recall_all"] == pytest.approx(3 / 8)
    assert f["events.all.gold"] == 3 and f["events.all.pred"] == 4


def test_ambiguous_triggers_pair_by_shared_arguments():
    text = "A项目推进。B项目推进。"
    gold = [GoldEvent(type="project_milestone", trigger="推进", date="2025", args={"project": [{"text": "A项目"}]}),
            GoldEvent(type="project_milestone", trigger="推进", date="2025-10",
                      args={"project": [{"text": "B项目"}]})]
    pred = [event(text, "project_milestone", "推进", 1, date="2025-10", project=["B项目"]),
            event(text, "project_milestone", "推进", 0, date="2024", project=["A项目"])]
    tally = Counter()
    pairs = ev.score_events(gold, pred, tally)
    assert pairs == [(0, 1), (1, 0)]
    f = ev.figures(tally)
    assert f["events.project_milestone.f1"] == 1.0
    assert f["events.project_milestone.arg_recall"] == 1.0
    assert f["events.all.date_accuracy"] == 0.5  # 2025-10 right, 2024 ≠ 2025


# ----------------------------------------------------------------------------- articles


def _art(index, title, dateline=None, authors=()):
    dl = None
    if dateline:
        dl = Dateline(agency=dateline[0], date=dateline[1], text=f"{dateline[0]} x", start=0, end=1)
    return Article(index=index, start=0, end=1, title=title, dateline=dl, authors=list(authors))


def test_articles_aligned_by_title_when_counts_differ():
    gold = [
        GoldArticle(index=0, title="甲 乙"),
        GoldArticle(index=1, title="丙丁", dateline={"agency": "科学导报讯", "date": "2025-10-14"},
                    authors=["李俊萍"]),
        GoldArticle(index=2, title="戊己"),
    ]
    pred = [_art(0, "丙丁", ("科学导报讯", "2025-10-14")), _art(1, "戊己")]
    tally = Counter()
    assert ev.score_articles(gold, pred, tally) == [(1, 0), (2, 1)]
    f = ev.figures(tally)
    # counts differ (3 vs 2); titles: 丙丁, 戊己 right, 甲乙 unpaired -> 2/3
    # datelines: 丙丁 right, 戊己 both null right, 甲乙 unpaired -> 2/3
    # bylines: 丙丁 [李俊萍] vs [] wrong, 戊己 [] = [] right -> 1/3
    assert f["articles.count_accuracy"] == 0.0
    assert f["articles.title_accuracy"] == pytest.approx(2 / 3)
    assert f["articles.dateline_accuracy"] == pytest.approx(2 / 3)
    assert f["articles.byline_accuracy"] == pytest.approx(1 / 3)


def test_articles_in_order_when_counts_agree():
    gold = [GoldArticle(index=0, title="甲 乙", authors=["王某"]),
            GoldArticle(index=1, title="丙丁", dateline={"agency": "本报讯", "date": None})]
    pred = [_art(0, "甲乙", authors=["王某"]), _art(1, "丙丁X", ("本报讯", "2025-01-01"))]
    f = ev.figures(ev.score_page(page(articles=gold), result("x", articles=pred)))
    # title: 甲乙 right (whitespace-insensitive), 丙丁X wrong; dateline: 甲乙 both null right,
    # 丙丁 date differs wrong; byline: both right
    assert f["articles.count_accuracy"] == 1.0
    assert f["articles.title_accuracy"] == 0.5
    assert f["articles.dateline_accuracy"] == 0.5
    assert f["articles.byline_accuracy"] == 1.0


# ----------------------------------------------------------------------------- NER sentence files


class FakeNER:
    """extract_many: for each sentence, the entities listed for its text (raw = text offsets)."""

    def __init__(self, found: dict[str, list[tuple[str, str]]]):
        self.found = found
        self.seen: list[dict] = []

    def extract_many(self, items, batch_size=16):
        for item in items:
            self.seen.append(item)
            text = item["text"]
            ents = [ent(text, label, sub) for label, sub in self.found.get(text, [])]
            yield result(text, ents, doc_id=item["id"])


def test_ner_sentence_file_scoring():
    sentences, problems = ev.read_sentences(FIXTURES / "ner.jsonl")
    assert problems == []
    # labels mapped: name→PER, company→ORG, address/scene→LOC, government→ORG, position dropped
    assert sentences[1].spans == {(3, 5, "PER"), (6, 10, "LOC")}
    fake = FakeNER({
        "彭小军认为，招商银行在台湾发卡。": [("PER", "彭小军"), ("ORG", "招商银行"), ("LOC", "台湾")],
        "总经理汤帅到北山公园。": [("PER", "总经理汤帅"), ("LOC", "北山公园"), ("TITLE", "总经理")],
        "国务院召开会议。": [("LOC", "国务院")],
    })
    tally = Counter()
    ev.score_ner_file(sentences, fake, tally, name="ner")
    f = ev.figures(tally, pages=False, ner=True)
    # PER: 彭小军 tp; 总经理汤帅 fp, 汤帅 fn -> tp 1 fp 1 fn 1
    # ORG: 招商银行 tp; 国务院 fn -> tp 1 fp 0 fn 1;  LOC: 台湾, 北山公园 tp; 国务院 fp -> 2/1/0
    assert (f["ner.PER.tp"], f["ner.PER.fp"], f["ner.PER.fn"]) == (1, 1, 1)
    assert (f["ner.ORG.tp"], f["ner.ORG.fp"], f["ner.ORG.fn"]) == (1, 0, 1)
    assert (f["ner.LOC.tp"], f["ner.LOC.fp"], f["ner.LOC.fn"]) == (2, 1, 0)
    # all: tp 4 fp 2 fn 2 -> P 2/3, R 2/3, F1 2/3
    assert f["ner.all.f1"] == pytest.approx(2 / 3)
    assert f["ner.sentences"] == 3 and "entities.all.exact.f1" not in f
    assert len(fake.seen) == 3  # one item per sentence

    limited, _ = ev.read_sentences(FIXTURES / "ner.jsonl", limit=2)
    assert len(limited) == 2


def test_ner_rejected_sentence_counts_as_misses():
    tally = Counter()
    ev.score_ner_sentence(ev.Sentence("张驰", {(0, 2, "PER")}), None, tally)
    assert (tally["ner.PER.fn"], tally["ner.failed"]) == (1, 1)


# ----------------------------------------------------------------------------- the command


def mini_result() -> DocumentResult:
    """What a perfect pipeline returns for fixtures/eval/mini.txt."""
    text = (FIXTURES / "mini.txt").read_text(encoding="utf-8").replace("\n\n", "\n").strip()
    ents = [ent(text, "ORG", "阳泉高新区"), ent(text, "DATE", "10月14日", value={"iso": "2025-10-14"}),
            ent(text, "ORG", "阳泉高新区", 1), ent(text, "LOC", "大连街"),
            ent(text, "MONEY", "908万元", value={"amount": 9080000, "currency": "CNY"})]
    evs = [event(text, "conference", "召开", 1, date="2025-10-14", organizer=["阳泉高新区"], place=["大连街"])]
    s = at(text, "科学导报讯")
    art = Article(index=0, start=0, end=len(text), title="阳泉高新区召开座谈会",
                  dateline=Dateline(agency="科学导报讯", date="2025-10-14", text="科学导报讯 10月14日",
                                    start=s, end=s + 12),
                  authors=["李俊萍"], entities=ents, events=evs)
    return DocumentResult(doc_id="mini", text=text, articles=[art])


class FakePages:
    """extract: a prepared result per doc_id; records what it was given; raises for ``fail``."""

    def __init__(self, results: dict[str, DocumentResult], fail=()):
        self.results = results
        self.fail = set(fail)
        self.calls: list[tuple] = []

    def extract(self, data, *, pub_date=None, doc_id=None):
        self.calls.append((data, pub_date, doc_id))
        if doc_id in self.fail:
            raise ValueError("boom")
        return self.results.get(doc_id) or DocumentResult(doc_id=doc_id, text="")


def run(paths, *, fail_under=(), json_out=True, extractor=None, limit=None):
    args = argparse.Namespace(paths=[str(p) for p in paths], json=json_out,
                              fail_under=list(fail_under), limit=limit)
    out, err = io.StringIO(), io.StringIO()
    factory = (lambda: extractor) if extractor is not None else (lambda: FakePages({"mini": mini_result()}))
    code = ev.main(args, extractor_factory=factory, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_perfect_page_end_to_end():
    fake = FakePages({"mini": mini_result()})
    code, out, err = run([FIXTURES / "mini.gold.json"], extractor=fake)
    assert code == 0, err
    f = json.loads(out)
    for key in ("entities.all.exact.f1", "entities.all.overlap.f1", "values.all.accuracy",
                "events.conference.f1", "events.all.arg_recall", "articles.title_accuracy",
                "articles.dateline_accuracy", "articles.byline_accuracy", "articles.count_accuracy"):
        assert f[key] == 1.0, key
    # the optional 科学导报 / 李俊萍 were not predicted and cost nothing
    assert f["entities.all.gold"] == 5 and f["entities.all.optional"] == 2
    assert f["files"]["mini"]["entities.all.exact.f1"] == 1.0
    # raw bytes and the gold's pub_date went to the extractor
    data, pub_date, doc_id = fake.calls[0]
    assert isinstance(data, bytes) and pub_date == "2025-10-15" and doc_id == "mini"


def test_directory_and_seeds_lookup():
    # fixtures/eval holds mini.gold.json and spec/far.gold.json, whose page is in ../seeds
    fake = FakePages({"mini": mini_result()})
    code, out, err = run([FIXTURES], extractor=fake)
    assert code == 0, err
    f = json.loads(out)
    assert f["pages"] == 2 and set(f["files"]) == {"mini", "far"}
    assert [c[2] for c in fake.calls] == ["mini", "far"]
    assert fake.calls[1][0] == "张驰调研。\n".encode()
    # far: nothing predicted -> its PER is a miss
    assert f["entities.PER.exact.fn"] == 1


def test_fail_under_exit_codes():
    gold = FIXTURES / "mini.gold.json"
    code, _, err = run([gold], fail_under=["entities.DATE.exact.f1=1", "DATE.f1=0.9", "values.all.accuracy=100%"])
    assert code == 0, err
    # drop the DATE from the prediction: DATE exact/overlap F1 0 and value accuracy undefined
    res = mini_result()
    res.articles[0].entities = [e for e in res.articles[0].entities if e.label != "DATE"]
    code, _, err = run([gold], extractor=FakePages({"mini": res}),
                       fail_under=["DATE.f1=0.5", "entities.DATE.overlap.f1=0.5", "ORG.f1=0.5",
                                   "values.DATE.accuracy=0.5"])
    assert code == 1
    assert "entities.DATE.exact.f1 = 0.0000 < 0.5" in err
    assert "entities.DATE.overlap.f1" in err
    assert "values.DATE.accuracy is undefined" in err
    assert "ORG" not in err  # ORG is perfect: not listed
    code, out, err = run([gold], fail_under=["DATE.fone=0.5"])
    assert code == 2 and "unknown key" in err and out == ""  # checked before anything runs
    code, _, err = run([gold], fail_under=["DATE.f1=high"])
    assert code == 2 and "not a number" in err
    code, _, err = run([gold], fail_under=["ner.PER.f1=0.5"])  # no sentence file given
    assert code == 2


def test_failed_extraction_counts_as_misses():
    code, out, err = run([FIXTURES / "mini.gold.json"], extractor=FakePages({}, fail={"mini"}))
    assert code == 1
    assert "mini: extraction failed: ValueError: boom" in err
    f = json.loads(out)
    assert f["pages_failed"] == 1
    assert f["entities.all.exact.recall"] == 0.0 and f["entities.all.exact.fn"] == 5
    assert f["events.all.fn"] == 1 and f["articles.title_accuracy"] == 0.0


def test_gb18030_page_passes_bytes(tmp_path):
    text = "科学导报讯 10月14日，张驰调研。\n"
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "gb.gold.json").write_text(json.dumps({
        "source": "gb.txt", "encoding": "gb18030", "pub_date": "2025-10-20",
        "articles": [{"index": 0, "entities": [{"label": "PER", "text": "张驰"}]}],
    }), encoding="utf-8")
    fake = FakePages({"gb": result(text.strip(), [ent(text, "PER", "张驰")], doc_id="gb")})
    code, out, err = run([tmp_path], extractor=fake)
    assert code == 0, err
    assert fake.calls[0][0] == text.encode("gb18030") and fake.calls[0][1] == "2025-10-20"
    assert json.loads(out)["entities.PER.exact.f1"] == 1.0


def test_bad_inputs(tmp_path):
    code, _, err = run([tmp_path / "nope"])
    assert code == 2 and "no such file" in err
    (tmp_path / "broken.gold.json").write_text('{"source": "broken.txt"}', encoding="utf-8")
    code, out, err = run([tmp_path / "broken.gold.json"])
    assert code == 1 and "invalid gold file" in err
    assert json.loads(out)["pages"] == 0


def test_table_and_json_with_sentences():
    fake_pages = FakePages({"mini": mini_result()})

    class Both(FakeNER):
        extract = fake_pages.extract

    code, out, err = run([FIXTURES / "mini.gold.json", FIXTURES / "ner.jsonl"], json_out=False,
                         extractor=Both({}), limit=2)
    assert code == 0, err
    assert "ENTITIES" in out and "EVENTS" in out and "ARTICLES" in out and "NER (sentences)" in out
    assert "2 NER sentence(s)" in out
    assert "mini" in out and "ner.jsonl" in out


def test_gold_reader_takes_chrome_mentions(tmp_path: Path):
    # OUTPUT.md (web pages): a mention in page chrome (来源:, 责任编辑:, related news) is marked
    # part "chrome" and is optional; 23 of the 40 shared real pages carry such mentions and the
    # reader refused them
    from pipeline.tools.gold import load_gold

    path = tmp_path / "web.gold.json"
    path.write_text(json.dumps({"source": "web.txt", "articles": [{"index": 0, "entities": [
        {"label": "ORG", "text": "晋中日报", "part": "chrome", "optional": True}]}]}), encoding="utf-8")
    assert load_gold(path).articles[0].entities[0].part == "chrome"
