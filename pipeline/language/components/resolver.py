"""``entity_resolver``: the one place that decides between the model and the rules.

Every entity-finding component only proposes (``doc._.candidates``; the statistical NER writes
``doc.ents``). This component decides, in this order:

1. Values (DATE, MONEY, AREA, PERCENT, QUANTITY) come from rules only; among themselves the
   longest span wins (``近9.3万平方米`` over ``9.3万``).
2. Confident name rules (priority >= ``CONFIDENT_RULE``: suffix grammar, titles before a name,
   division chains) are placed next, longest first: where they read a span, the model's
   reading of it is not taken.
3. The rest of the names (the model's spans, lexicon and weaker rule candidates) compete by
   length, longest first, because OUTPUT.md says "no nested entities: the longest wins"; equal
   lengths go to the higher ``priority``, then to the earlier start. No name may overlap an
   accepted value or confident name.
4. Mentions inside a byline are dropped except PER (bylines are ``authors``, not participants).

Before all that:

- a model span stops before a bracket or quote it opens and does not close (联邦委员会(议会 →
  联邦委员会; ``balanced_span``);
- a model span ending in a dateline's 讯 loses it (涪江晚报讯 → 涪江晚报), and the outlet of a
  dateline's agency is an ORG of its own, like a confident rule (湖北日报客户端讯 → 湖北日报客户端;
  ``dateline_outlets``); so is each author of a byline a PER (记者寇江泽; ``byline_persons``);
- the model's ORGs without a proper name (县政府, 区服务中心; not those jieba's dictionary lists as
  one body, 世界银行, 全国妇联) are left to the rules, which emit
  such bodies as optional ORGs where they stand alone; a bare committee (市委, 县委, 纪委) standing
  alone is kept as the model reads it (the rules take no two-character body), but not before a
  title (市委书记: OUTPUT.md wants no entity inside a title);
- a rule candidate whose last characters begin a person the model found is dropped: its suffix
  reading is wrong (说明江|泽民 is no river, 首相桥|本龙太郎 no bridge);
- a suffix-rule ORG that ends with a model ORG but glued one or two characters before it
  (应|中国人民外交学会) starts where the model's does (see ``trim_rule_orgs_to_model_starts``);
- a model ORG that begins with a place and names no second place (英国内政部, 韩国队) counts as a
  confident rule, so the place does not cut the body (see ``promote_single_division_bodies``);
  so does a model ORG that runs a rule's ORG on to its own sub-body (全国人大常委会法工委; see
  ``promote_model_sub_bodies``).
- a model LOC that jieba's dictionary lists as one place (中南海, 巴西利亚, 朝鲜半岛) counts as a
  confident rule too, so a gazetteer place inside it (南海, 巴西, 朝鲜) does not cut it (see
  ``promote_dictionary_places``);
- a model ORG that opens with a name of its own and holds a place further in (中国国际贸易促进委员会
  北京市分会, 国务院港澳办) counts as a confident rule too (see ``promote_bodies_around_a_place``).

The result is ``doc._.entities``, sorted by start, each with its ``part`` (title, dateline,
caption, byline) and an id ``e1``, ``e2``… in text order.
"""

from __future__ import annotations

import bisect
import functools
from pathlib import Path
import re
from typing import Iterable, Iterator, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from ...core.lexicon import CATEGORIES, name_lexicon
from ...core import places
from ...core.places import Gazetteer, gazetteer
from ...core.rules import load_lexicon
from ...grammars.names import Rules, load_rules, rules
from ...grammars.titles import NAME_PART_SEPARATORS, grammar as title_grammar, is_surname_reference, \
    title_chain_before
from ...grammars.names.words import function_word_at, skip_function_words, word_kinds
from ..document import Mention, article_at, doc_list, doc_text, register_extensions
from .model_places import (drop_model_places_into_generic_words, drop_model_places_tiled_by_rules,
                           names_no_place, repeats_level_before_title, without_separators)

register_extensions()

VALUE_LABELS = frozenset({"DATE", "MONEY", "AREA", "PERCENT", "QUANTITY"})
NAME_LABELS = frozenset({"PER", "ORG", "LOC", "TITLE"})
#: Endings of a visiting party's name (not an organization, see ``EntityResolver``).
DELEGATIONS = ("代表团", "考察团", "访问团", "医疗队", "慰问团", "观摩团")
#: Default priority of the statistical model's spans (rules set their own on each Mention).
MODEL_PRIORITY = 3
#: Rule candidates at or above this priority are decided before the model's spans.
CONFIDENT_RULE = 5


@Language.factory(
    "entity_resolver",
    assigns=["doc._.entities"],
    requires=["doc._.articles"],
    default_config={"model_labels": ["PER", "ORG", "LOC"], "rules_dir": None},
)
def make_entity_resolver(nlp: Language, name: str, model_labels: list[str],
                         rules_dir: str | None) -> "EntityResolver":
    return EntityResolver(frozenset(model_labels), rules_dir)


class EntityResolver:
    def __init__(self, model_labels: frozenset[str], rules_dir: str | None = None):
        """``rules_dir``: whose name rules (organization suffixes and bodies, titles) decide with
        the model; compiled here, once (default: the shipped rules)."""
        self.model_labels = model_labels
        self.rules = load_rules(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        candidates = list(doc_list(doc, "candidates"))
        agency_marks = dateline_marks(doc)
        vetoed = veto_spans(doc_text(doc), self.rules.gazetteer)
        for ent in model_spans(doc_text(doc), doc.ents, self.rules.country_characters, self.rules.titles):
            if ent.label_ not in self.model_labels:
                continue
            if ent.label_ == "ORG" and ent.text in self.rules.generic \
                    and self.rules.titles.chain_any.match(doc_text(doc), ent.end_char) is None:
                continue  # 整合居委会、业委会: a generic body word; 村委会主任 keeps it (People's Daily)
            if ent.label_ == "ORG" and self.rules.is_generic_org(ent.text) and not is_dictionary_org(ent.text) and not (
                    ent.text.endswith("委")
                    and self.rules.titles.chain_any.match(doc_text(doc), ent.end_char) is None):
                continue  # 县政府, 区服务中心, 市委书记: the rules' call, or no entity in a title
            if ent.label_ == "ORG" and repeats_level_before_title(doc_text(doc), ent.start_char, ent.end_char, self.rules):
                continue  # 元阳县|县委书记李维: the place, then a title (the county's own 县委 is in it)
            if ent.label_ == "LOC" and names_no_place(ent.text, self.rules):
                continue  # 街镇, 园区, 通村产业路: kinds of place, no place's name
            if ent.label_ == "LOC" and any(a <= ent.start_char and ent.end_char <= b for a, b in vetoed):
                continue  # 北京时间, 长治久安: a word that holds a place name (divisions.toml veto)
            if ent.label_ == "PER" and ent.text in self.rules.gazetteer.abroad:
                continue  # 卡拉奇, 阿布贾: a city abroad read as a person; the lexicon's LOC stands
            if cuts_a_latin_word(doc_text(doc), ent.start_char, ent.end_char):
                continue  # 'tos' of vtos, 'al' of kcal: a piece of a word, not a name
            start, end = balanced_span(doc_text(doc), ent.start_char, ent.end_char)
            if ent.label_ == "PER" and not has_han(ent.text):
                continue  # vip, guī of 規(guī): web chrome and pinyin glosses are no people
            if ent.label_ in ("ORG", "LOC"):
                start, end = without_separators(doc_text(doc), start, end)  # 中国|·吴江
                cut = after_glued_words(doc_text(doc), start, end)
                if cut > start and not self.rules.is_generic_org(doc_text(doc)[cut:end]):
                    start = cut  # but 奋勇|高新区, 整合|居委会: what is left names nothing
            if end - start < 2 and not (ent.label_ == "LOC" and is_one_character_place(
                    doc_text(doc), start, self.rules.one_char_places)) and not (
                    ent.label_ == "PER" and is_surname_reference(doc_text(doc), start, end, self.rules.titles)):
                continue  # 刘 of 刘家峡, 焦: one character is no name unless it abbreviates a
                # country, province or region (访华, 俄总统, 中欧; People's Daily and MSRA tag
                # those LOC, real pages take them as optional) or is a surname with a title
                # after it (汤局长, 李老师: People's Daily tags the surname)
            if end - 1 in agency_marks and end - start > 2:
                end -= 1  # 涪江晚报讯 10月14日: the paper is 涪江晚报, 讯 marks the dateline
            candidates.append(Mention(ent.label_, start, end, doc_text(doc)[start:end],
                                      source="model", priority=MODEL_PRIORITY))
        candidates.extend(byline_persons(doc))
        candidates.extend(dateline_outlets(doc))
        # 市党政代表团, 招商考察团, 湖北医疗队: a visiting party, no standing body; real pages
        # name its place (LOC) and take the party as an event's argument, not an ORG. A country's
        # delegation to talks (古巴代表团) is one in People's Daily, and the place in it no LOC
        candidates = [m for m in candidates if not (m.label == "ORG" and m.text.endswith(DELEGATIONS)
                                                    and not is_national_delegation(m.text, self.rules.gazetteer))]
        candidates = drop_rules_crossing_a_person(candidates)
        candidates = trim_rule_orgs_to_model_starts(candidates, self.rules, doc_text(doc))
        promote_single_division_bodies(candidates, self.rules)
        promote_model_sub_bodies(candidates, doc_text(doc), self.rules)
        promote_dictionary_places(candidates)
        promote_bodies_around_a_place(candidates, self.rules)
        candidates = drop_model_places_tiled_by_rules(candidates, doc_text(doc))
        candidates = drop_model_places_into_generic_words(candidates, self.rules)
        doc._.entities = resolve(candidates, doc)
        return doc


#: Words between a country and 代表团 that keep it the country's delegation (中国政府代表团).
DELEGATION_QUALIFIERS = re.compile(r"(?:政府|议会|国会|军事|经贸|贸易|友好|体育|奥运|国家)+$")


#: An author's name as the byline parser cut it: Han characters, a transliteration's dot.
_AUTHOR_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")


def byline_persons(doc: Doc) -> list[Mention]:
    """Each author the page structure read in a byline, a person of that exact span, placed
    before the model (记者寇江泽: the model read 江泽, the byline's parser 寇江泽). Left to the
    model: a name with a space in it (李 飞: a person never spans whitespace) and four characters
    without a double surname (记者贾鹏陈博: two names the parser could not part)."""
    text = doc_text(doc)
    double_surnames = title_grammar().double_surnames
    out = []
    for art in doc._.articles or ():
        for s, e in art.author_name_spans:
            name = text[s:e]
            if _AUTHOR_NAME.fullmatch(name) and (len(name) <= 3 or "·" in name or name[:2] in double_surnames):
                out.append(Mention("PER", s, e, name, source="rule", priority=CONFIDENT_RULE))
    return out


def is_national_delegation(text: str, g: Gazetteer) -> bool:
    """``text`` is a country's 代表团: China, or a place the gazetteer knows as a region and no
    division of China (古巴, 美国; not 湖北 or 吉林, whose delegations are visiting parties).

    >>> g = places.gazetteer()
    >>> [is_national_delegation(t, g) for t in ("古巴代表团", "中国政府代表团", "湖北代表团", "市党政代表团", "美国考察团")]
    [True, True, False, False, False]
    """
    if not text.endswith("代表团"):
        return False
    head = DELEGATION_QUALIFIERS.sub("", text[:-3])
    if head == "中国":
        return True
    entries = g.entries(head)
    return bool(entries) and all(e.kind == "region" and e.division is None for e in entries)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def cuts_a_latin_word(text: str, start: int, end: int) -> bool:
    """The span ``[start, end)`` begins or ends inside a run of Latin letters and digits.

    >>> cuts_a_latin_word("vtos视频", 1, 4), cuts_a_latin_word("nba总决赛", 0, 3), cuts_a_latin_word("5kcal", 3, 5)
    (True, False, True)
    """
    return (0 < start < len(text) and _latin(text[start - 1]) and _latin(text[start])) or (
        0 < end < len(text) and _latin(text[end - 1]) and _latin(text[end]))


def veto_spans(text: str, g: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Where ``text`` has a word that holds a place name and is no place (北京时间, 大同小异:
    ``veto`` of rules/places/divisions.toml); the gazetteer ``g`` (default: the shipped rules')
    already skips them."""
    veto = (g or gazetteer()).veto_re
    return [m.span() for m in veto.finditer(text)] if veto is not None else []


_OPENERS = {"(": ")", "（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "[": "]"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


#: What a decoder puts for bytes it could not read (pipeline/core/decoding.py).
REPLACEMENT_CHARACTER = "\ufffd"


class ModelSpan(NamedTuple):
    """A name the model found, as the resolver reads it (the attributes of a spaCy ``Span`` it uses)."""
    label_: str
    start_char: int
    end_char: int
    text: str


def model_spans(text: str, ents: Iterable, countries: frozenset[str], titles=None) -> list[ModelSpan]:
    """The model's names, with two corrections of form before the resolver weighs them:

    - a name never begins or ends with U+FFFD, what decoding put for a damaged byte (``�李明``);
    - a person never spans whitespace: ``永正 峻峰`` of a byline (``文章作者: 永正 峻峰``) is two
      names, each kept if it has two characters or more;
    - a person the model cut short inside a 、-list item is the whole item (:func:`_whole_list_item`);
    - three or more one-character places side by side name one region (江浙沪, 京津冀; OUTPUT.md
      and real pages take the region whole), unless all are countries (中美俄). A pair stays two
      places (中欧, 港澳, 江淮: People's Daily tags each; 中美两国 is two countries anywhere).

    >>> ents = [ModelSpan("PER", 0, 5, "永正 峻峰"), ModelSpan("LOC", 6, 7, "江"), ModelSpan("LOC", 7, 8, "浙"),
    ...         ModelSpan("LOC", 8, 9, "沪"), ModelSpan("LOC", 10, 11, "中"), ModelSpan("LOC", 11, 12, "欧")]
    >>> [(m.label_, m.text) for m in model_spans("永正 峻峰 江浙沪 中欧", ents, frozenset("中美"))]
    [('PER', '永正'), ('PER', '峻峰'), ('LOC', '江浙沪'), ('LOC', '中'), ('LOC', '欧')]
    """
    out: list[ModelSpan] = []
    run: list[ModelSpan] = []  # adjacent one-character places, not yet written
    ents = list(ents)
    named = [(e.start_char, e.end_char) for e in ents]

    def flush() -> None:
        if len(run) >= 3 and not all(m.text in countries for m in run):
            out.append(ModelSpan("LOC", run[0].start_char, run[-1].end_char, "".join(m.text for m in run)))
        else:
            out.extend(run)
        run.clear()

    for ent in ents:
        start, end = ent.start_char, ent.end_char
        while start < end and text[start] == REPLACEMENT_CHARACTER:
            start += 1
        while end > start and text[end - 1] == REPLACEMENT_CHARACTER:
            end -= 1
        if start == end:
            continue
        span = ModelSpan(ent.label_, start, end, text[start:end])
        if span.label_ == "LOC" and len(span.text) == 1:
            if run and run[-1].end_char != span.start_char:
                flush()
            run.append(span)
            continue
        flush()
        if span.label_ == "PER" and any(ch.isspace() for ch in span.text):
            for piece in re.finditer(r"\S+", span.text):
                if len(piece.group()) >= 2:
                    out.append(ModelSpan("PER", span.start_char + piece.start(), span.start_char + piece.end(),
                                         piece.group()))
            continue
        if span.label_ == "PER":
            span = _whole_list_item(text, span, titles, named)
            span = _whole_transliterated_name(text, span, titles)
        out.append(span)
    flush()
    return out


#: The most characters one part of a transliterated name runs to (德米特里延科: 6).
MAX_NAME_PART = 7
#: Characters that end a part of a transliterated name: particles, prepositions, conjunctions and
#: adverbs. Not the title grammar's not_name_chars, which hold 里, 内, 来 (卢布里克, 斯内德).
NAME_PART_STOPS = frozenset("的地得了着过们是在和与及并而或又对从向为等说也都就还要会将把被均已曾")


def _whole_transliterated_name(text: str, span: ModelSpan, titles=None) -> ModelSpan:
    """A person the model cut at or inside a part of a transliterated name runs over that part:
    卡莱维·海|米莱 → 卡莱维·海米莱, 马克思·|卢布里克 → 马克思·卢布里克 (before 的), |·春哈旺 →
    差猜·春哈旺 (after the title 会长). A part ends before a character no name holds (的, 在, 和:
    ``NAME_PART_STOPS``), a word that follows names (说, 表示), a title, a function word (jieba's
    dictionary: 访华 of 海米莱访华), anything but Han, or after ``MAX_NAME_PART`` characters.

    A last part of two characters or more is the model's whole part (罗伯特·马尔登|有幸).

    >>> [_whole_transliterated_name(t, ModelSpan("PER", s, e, t[s:e])).text for t, s, e in [
    ...     ("芬兰农林部长卡莱维·海米莱。", 6, 11), ("副司令官马克思·卢布里克的妹妹", 4, 8),
    ...     ("泰中友协会长差猜·春哈旺。", 8, 12), ("会见了罗朗·雷斯市长", 3, 8), ("张三说", 0, 2),
    ...     ("总理罗伯特·马尔登有幸成为", 2, 9), ("专家希拉·威女士", 2, 6)]]
    ['卡莱维·海米莱', '马克思·卢布里克', '差猜·春哈旺', '罗朗·雷斯', '张三', '罗伯特·马尔登', '希拉·威']
    """
    start, end = span.start_char, span.end_char
    seps = NAME_PART_SEPARATORS
    inside = any(ch in seps for ch in span.text)
    ends_at_sep = end < len(text) and text[end] in seps and end + 1 < len(text) and has_han(text[end + 1])
    starts_at_sep = text[start] in seps
    if not (inside or ends_at_sep):
        return span
    g = titles or title_grammar()
    if starts_at_sep:  # ·春哈旺: the part before the separator, back to a title or a break
        k = start
        while k > 0 and start - k < MAX_NAME_PART and has_han(text[k - 1]) and text[k - 1] not in NAME_PART_STOPS \
                and title_chain_before(text, k, floor=max(0, k - 12), g=g) is None:
            k -= 1
        start = k
    if ends_at_sep:
        end += 1
    separators = [i for i in range(start, end) if text[i] in seps]
    part_start = separators[-1] + 1 if separators else start
    if end - part_start < 2:  # 海 of 卡莱维·海|米莱: a last part of one character is cut short
        k = end
        while k < len(text) and k - part_start < MAX_NAME_PART and has_han(text[k]) \
                and text[k] not in NAME_PART_STOPS and g.followers.match(text, k) is None \
                and g.surname_follower.match(text, k) is None and g.core_any.match(text, k) is None \
                and function_word_at(text, k, len(text)) == 0:
            k += 1
        end = k
    if end <= part_start or start >= end or text[start] in seps:
        return span  # nothing after the separator, or no part before it: leave the model's span
    return ModelSpan("PER", start, end, text[start:end])


def _whole_list_item(text: str, span: ModelSpan, titles=None,
                     named: Iterable[tuple[int, int]] = ()) -> ModelSpan:
    """A person inside a 、-list item that the model cut short is the whole item, when the item
    (between two 、) is at most six Han characters, what the model left out is no title, and
    the model named nothing else there (``named``: its spans):
    领导伊达木、宝音满|都呼|、王力平 → 宝音满都呼 (pages:b08), but 副市长|王力平 stays, and so do
    the two players of 单霞丽、黄薇对高华、胡明 (a pairing in a list of matches, People's Daily).

    >>> _whole_list_item("伊达木、宝音满都呼、王力平", ModelSpan("PER", 7, 9, "都呼")).text
    '宝音满都呼'
    >>> _whole_list_item("市长、副市长王力平、秘书长", ModelSpan("PER", 6, 9, "王力平")).text
    '王力平'
    >>> _whole_list_item("单霞丽、黄薇对高华、胡明", ModelSpan("PER", 7, 9, "高华"), named=[(4, 6), (7, 9)]).text
    '高华'
    """
    start, end = span.start_char, span.end_char
    left, right = text.rfind("、", 0, start), text.find("、", end)
    if left < 0 or right < 0:
        return span
    item = text[left + 1:right]
    if item == span.text or len(item) > 6 or not all(has_han(ch) for ch in item):
        return span
    if any(left < s and e <= right and (s, e) != (start, end) for s, e in named):
        return span
    if start > left + 1 and title_chain_before(text, start, floor=left + 1, g=titles) is not None:
        return span
    if end < right:  # a title or a word after the name (王力平同志): leave it
        return span
    return ModelSpan("PER", left + 1, right, item)


def is_one_character_place(text: str, at: int, places_: frozenset[str]) -> bool:
    """Whether the one character at ``at`` may stand alone for a place (the model read it so):
    it abbreviates one (``places_``: 美, 粤, 华), and it is not one item of a list of single
    characters that are not all places — 音、体、美 are school subjects, 德、智、体 virtues.

    >>> P = frozenset("中美德粤皖华")
    >>> is_one_character_place("中、美两国", 0, P), is_one_character_place("中、美两国", 2, P)
    (True, True)
    >>> is_one_character_place("开设音、体、美课程", 6, P), is_one_character_place("德、智、体全面发展", 0, P)
    (False, False)
    >>> is_one_character_place("访华", 1, P), is_one_character_place("皖粤合作", 1, P), is_one_character_place("刘家峡", 0, P)
    (True, True, False)
    """
    if text[at] not in places_:
        return False
    # the list around it: single characters separated by 、
    k = at
    while k >= 2 and text[k - 1] == "、" and (k < 3 or not has_han(text[k - 3])):  # 、 is no Han
        k -= 2
        if text[k] not in places_:
            return False
    k = at
    while k + 2 < len(text) and text[k + 1] == "、" and (k + 3 >= len(text) or not has_han(text[k + 3])):
        k += 2
        if text[k] not in places_:
            return False
    return True


def has_han(text: str) -> bool:
    """A person the model reads in a page written in characters has one (vip, guī have none)."""
    return any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def after_glued_words(text: str, start: int, end: int) -> int:
    """Where a model name starts once the words glued in front of it are cut: the rest of a
    function word begun before the span (遍|布淦河, 八|家考察团) and the function words that
    open it (整合|居委会, 在线开放|天文台站, 近期|省发改委); two characters of name stay."""
    if start > 0 and text[start:start + 2] not in word_kinds():  # 在|中国美术学院: 中国 is a word
        k = function_word_at(text, start - 1, end)
        if k >= 2 and end - (start - 1 + k) >= 2:
            start = start - 1 + k
    return skip_function_words(text, start, end, 2)


def balanced_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without what lies past a bracket or quote it does not close: the model
    reads on into a parenthesis (联邦委员会|(议会 → 联邦委员会) or takes a closing quote (英军|”).
    A name keeps a pair it holds whole (东方旭能(山东)科技发展有限公司).

    >>> t = "会见了联邦委员会(议会上院)主席"; s, e = balanced_span(t, 3, 11); t[s:e]
    '联邦委员会'
    >>> t = "东方旭能(山东)科技发展有限公司"; balanced_span(t, 0, len(t)) == (0, len(t))
    True
    >>> t = "“英军”"; s, e = balanced_span(t, 1, 4); t[s:e]
    '英军'
    """
    stack: list[int] = []
    cut_end = end
    new_start = start
    for i in range(start, end):
        c = text[i]
        if c in _OPENERS:
            stack.append(i)
        elif c in _CLOSERS:
            if stack and text[stack[-1]] == _CLOSERS[c]:
                stack.pop()
            elif not stack:
                if i > new_start:
                    cut_end = i  # 英军|”: the span ran on into a closing mark
                    break
                new_start = i + 1  # ”|英军: the span began on one
    if stack:
        cut_end = min(cut_end, stack[0])  # the first opener left open: the span runs on into it
    return new_start, max(new_start, cut_end)


def dateline_marks(doc: Doc) -> set[int]:
    """Offsets of the 讯 that closes a dateline's agency (科学导报讯, 本报讯)."""
    marks = set()
    for art in doc._.articles or []:
        dl = art.dateline
        if dl and dl.agency and dl.agency.endswith("讯") and dl.text.startswith(dl.agency):
            marks.add(dl.start + len(dl.agency) - 1)
    return marks


def dateline_outlets(doc: Doc) -> list[Mention]:
    """The outlet a dateline's agency names, an ORG ahead of the model: 湖北日报客户端讯 -> 湖北日报客户端
    (the model read 湖北日报), 科学导报讯 -> 科学导报, 胶东在线9月3日讯 -> 胶东在线 (not the region
    胶东), 央视网消息 -> 央视网. The dateline grammar (``rules/page/layout.toml``, its ``outlet``
    and agencies) has read the agency as an outlet already; taken here when written in one piece
    where the dateline begins and three characters or more without its 讯 or 消息 (本报讯's 本报 is
    the model's and the rules' already)."""
    text = doc_text(doc)
    out = []
    for art in doc._.articles or []:
        dl = art.dateline
        if not (dl and dl.agency and dl.text.startswith(dl.agency) and len(dl.agency_spans) <= 1):
            continue
        name = dl.agency.removesuffix("讯").removesuffix("消息")
        end = dl.start + len(name)
        if _OUTLET_NAME.fullmatch(text, dl.start, end):
            out.append(Mention("ORG", dl.start, end, name, source="rule", priority=CONFIDENT_RULE))
    return out


#: An outlet's name as a dateline writes it: characters, Latin letters (东方IC, 新华网), no spaces.
_OUTLET_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{3,16}")


def drop_rules_crossing_a_person(candidates: list[Mention]) -> list[Mention]:
    """Without rule spans that end inside a model PER which starts inside them."""
    persons = [m for m in candidates if m.source == "model" and m.label == "PER"]
    if not persons:
        return candidates
    starts = {}
    for p in persons:
        starts.setdefault(p.start, []).append(p.end)

    def crosses(m: Mention) -> bool:
        return any(end > m.end for k in range(m.start + 1, m.end) for end in starts.get(k, ()))

    return [m for m in candidates if not (m.source == "rule" and m.label in ("LOC", "ORG") and crosses(m))]


#: A suffix-rule ORG may begin with a level word the model leaves out (市 + 青年志愿者协会).
LEVEL_PREFIXES = ("自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "乡", "镇", "村")
#: Longest glued prefix (a verb, a preposition: 应, 担任) that the model's start may cut off.
MAX_TRIMMED_PREFIX = 2


@functools.cache
def province_abbreviations() -> frozenset[str]:
    return frozenset(line.split("\t", 1)[0] for line in load_lexicon("places/province_abbreviations.txt"))


def trim_rule_orgs_to_model_starts(candidates: list[Mention], r: Rules | None = None,
                                   text: str | None = None) -> list[Mention]:
    """A suffix-rule ORG that ends where a model ORG ends but starts earlier, with nothing
    found at its own start, starts where the model's does.

    The suffix grammar reads a body back to the last stop, so a verb or preposition glued to the
    name joins it (应|中国人民外交学会, 当选|中国人口学会, 担任|华侨大学, 讯|广东香江企业集团);
    the model, which sees the characters around, starts the name after it. The rule's start
    stands when a place or another entity begins there (北京市 + 劳动争议仲裁委员会: the model
    cut at the place), a level word does (市 + 青年志愿者协会) or a province's one-character
    name does (粤海湾港投集团), when more than two characters would go (the model also cuts
    names inside words: 雄安新区改|革发展局), and when less than two would be left before the
    suffix (海|岸集团).

    Past those limits the model's start still wins where a place opens the model's name and
    nothing the rule's (原|中国国家教委, 记|四川有线电视台, 外国留学生能力培养|辽宁大学): the rule read
    a clause back to its stop, the model began the name at the place."""
    model_orgs: dict[int, list[int]] = {}  # end -> starts of the model's ORGs
    names_at: dict[int, list[Mention]] = {}  # start -> names proposed there
    for m in candidates:
        if m.label in ("PER", "ORG", "LOC"):
            names_at.setdefault(m.start, []).append(m)
        if m.source == "model" and m.label == "ORG":
            model_orgs.setdefault(m.end, []).append(m.start)
    if not model_orgs:
        return candidates
    out = []
    for m in candidates:
        later = [k for k in model_orgs.get(m.end, ()) if 0 < k - m.start <= MAX_TRIMMED_PREFIX] if (
            m.source == "rule" and m.label == "ORG") else []
        if later and text is not None and (m.start == 0 or not places.is_han(text[m.start - 1])):
            later = []  # ⏎晨辉建筑工程公司: at a line's or clause's start nothing is glued to it
        if not later and m.source == "rule" and m.label == "ORG":
            later = [k for k in model_orgs.get(m.end, ()) if k > m.start
                     and any(c.label == "LOC" and c.source != "model" for c in names_at.get(k, ()))]
        if later and not _start_is_supported(m, names_at.get(m.start, ())):
            k = min(later)
            if _body_length(m.text[k - m.start:], r or rules()) < 2:
                out.append(m)  # 该国海|岸集团: the model cut inside the name's only word
                continue
            m = Mention(m.label, k, m.end, m.text[k - m.start:], source=m.source, value=m.value,
                        canonical=m.canonical, part=m.part, priority=m.priority)
        out.append(m)
    return out


def _body_length(org_text: str, r: Rules) -> int:
    """Characters of ``org_text`` before its longest organisation suffix (all, without one)."""
    endings = r.org_endings(org_text)
    return len(org_text) - (len(endings[0]) if endings else 0)


def _start_is_supported(org: Mention, names_here: Iterable[Mention]) -> bool:
    """A level word, or a shorter name proposed at the same start (a place, an organization)."""
    if org.text.startswith(LEVEL_PREFIXES) or org.text[:1] in province_abbreviations():
        return True
    return any(c.end < org.end for c in names_here)


def _model_bodies_over(candidates: list[Mention], leads: Iterable[Mention],
                       r: Rules) -> Iterator[tuple[Mention, int]]:
    """Model ORGs that end like a body name (``[model_body]`` in rules/names/org.toml, not where
    the model cut a word) and start where one of ``leads`` starts and run past it, each with the
    end of the longest such lead."""
    final = r.body_final
    lead_ends: dict[int, list[int]] = {}
    for lead in leads:
        lead_ends.setdefault(lead.start, []).append(lead.end)
    if not lead_ends:
        return
    for m in candidates:
        if m.source != "model" or m.label != "ORG" or m.text[-1:] not in final:
            continue
        ends = [e for e in lead_ends.get(m.start, ()) if e < m.end]
        if ends:
            yield m, max(ends)


def promote_single_division_bodies(candidates: list[Mention], r: Rules | None = None) -> None:
    """A model ORG that begins with a place and names no other place after it is one body:
    corpus/GUIDELINES.md, "with a single division the body is one ORG" (郑州市发展和改革委员会,
    英国内政部, 韩国队). Such an ORG is decided with the confident rules, so the place alone does
    not cut it off; with a second division inside (长治市上党区委, 杭州市上城区人民政府) the chain
    rule stands and the leading place stays LOC."""
    places = [m for m in candidates if m.label == "LOC" and m.source != "model"]
    confident = [p for p in places if p.priority >= CONFIDENT_RULE]
    # by start, so each body looks only at the places that start inside it, not at the page's
    places.sort(key=_start)
    starts = [p.start for p in places]
    # where the rules read a named body of its own right after the place (柳市镇|黄华集团,
    # 重庆市|万盛经开区), the place stays a LOC
    split = {(o.start, o.end) for o in candidates
             if o.source == "rule" and o.label == "ORG" and o.priority >= CONFIDENT_RULE}
    for m, rest in _model_bodies_over(candidates, confident, r or rules()):
        inside = places[bisect.bisect_left(starts, rest):bisect.bisect_left(starts, m.end)]
        if not any(p.end <= m.end for p in inside) and (rest, m.end) not in split:
            m.priority = CONFIDENT_RULE


def _start(m: Mention) -> int:
    return m.start


def promote_model_sub_bodies(candidates: list[Mention], text: str, r: Rules | None = None) -> None:
    """A model ORG that starts where a confident rule ORG starts and runs on to a body name of its
    own (全国人大常委会 + 法工委, 人民日报社 + 华闻影视中心) counts as a confident rule, so it wins
    as the longer: OUTPUT.md, "an organization plus its own sub-body is one ORG". Not when what
    follows the rule's ORG is a title (…有限公司|董事局主席: the board is the title's, not a
    sub-body)."""
    rule_orgs = [m for m in candidates
                 if m.source == "rule" and m.label == "ORG" and m.priority >= CONFIDENT_RULE]
    r = r or rules()
    for m, inner_end in _model_bodies_over(candidates, rule_orgs, r):
        if r.titles.chain_any.match(text, inner_end) is None:
            m.priority = CONFIDENT_RULE


def promote_bodies_around_a_place(candidates: list[Mention], r: Rules | None = None) -> None:
    """A model ORG that opens with a name of its own (no place at its start) and holds a place
    further in is one body, the place naming its branch or remit: 中国国际贸易促进委员会北京市分会,
    国务院港澳办. It counts as a confident rule, so the place inside does not cut it. The chain
    rule (长治市上党区委 → LOC + ORG) is about places at the start and is left alone."""
    final = (r or rules()).body_final
    places = _PlacesInside(candidates)
    if not places:
        return
    place_starts = {p.start for p in candidates if p.label == "LOC"}
    for m in candidates:
        if m.source != "model" or m.label != "ORG" or m.text[-1:] not in final or m.start in place_starts:
            continue
        if places.any_within(m.start + 1, m.end - 1):
            m.priority = CONFIDENT_RULE


_PLACE_BIT = 1 << CATEGORIES["ns"]
_ORG_BIT = 1 << CATEGORIES["nt"]


def is_dictionary_org(text: str) -> bool:
    """jieba's dictionary lists ``text`` as an organization (世界银行, 全国妇联, 国家统计局): made of
    generic words, yet the name of one body, unlike 国际组织 or 县政府, which it does not list."""
    return bool(name_lexicon().words.get(text, 0) & _ORG_BIT)


def promote_dictionary_places(candidates: list[Mention]) -> None:
    """A model LOC that holds a shorter gazetteer place and is itself one place word of jieba's
    dictionary (中南海 ⊃ 南海, 巴西利亚 ⊃ 巴西, 墨西哥城 ⊃ 墨西哥, 朝鲜半岛 ⊃ 朝鲜) counts as a
    confident rule, so it wins as the longer. The dictionary is the check: a model LOC that runs
    a place on into other words (太原市小店, 乡野和村) is no dictionary word and stays below."""
    inner = _PlacesInside(candidates)
    if not inner:
        return
    words = name_lexicon().words
    for m in candidates:
        if m.source != "model" or m.label != "LOC" or not words.get(m.text, 0) & _PLACE_BIT:
            continue
        if inner.any_within(m.start, m.end, shorter_than=m.length):
            m.priority = CONFIDENT_RULE


class _PlacesInside:
    """The confident rule and gazetteer places of a page, sorted by start, so that the places
    inside a span are found by bisection (a long page has thousands of both)."""

    def __init__(self, candidates: list[Mention]):
        places = sorted((m for m in candidates
                         if m.label == "LOC" and m.source != "model" and m.priority >= CONFIDENT_RULE),
                        key=lambda m: m.start)
        self.starts = [p.start for p in places]
        self.places = places

    def __bool__(self) -> bool:
        return bool(self.places)

    def any_within(self, lo: int, hi: int, shorter_than: int | None = None) -> bool:
        """A place with ``lo <= start`` and ``end <= hi`` (and fewer characters than
        ``shorter_than``, if given)."""
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.places) and self.starts[i] < hi:
            p = self.places[i]
            if p.end <= hi and (shorter_than is None or p.length < shorter_than):
                return True
            i += 1
        return False


def resolve(candidates: list[Mention], doc: Doc) -> list[Mention]:
    text = doc_text(doc)
    accepted: list[Mention] = []
    taken = bytearray(len(text))  # one flag a character: overlap checks stay linear on long pages
    values = [m for m in candidates if m.label in VALUE_LABELS]
    # rules that know a grammar (suffixes, titles, division chains: priority >= CONFIDENT_RULE)
    # go before the model, so 长治市上党区委 stays LOC 长治市 + ORG 上党区委 even when the
    # model proposes one longer span; then the model and the weaker rules, longest first
    confident = [m for m in candidates if m.label in NAME_LABELS and m.priority >= CONFIDENT_RULE]
    rest = [m for m in candidates if m.label in NAME_LABELS and m.priority < CONFIDENT_RULE]
    for group in (values, confident, rest):
        for m in sorted(group, key=lambda m: (-m.length, -m.priority, m.start)):
            if m.end <= m.start or text[m.start:m.end] != m.text:
                continue  # a component broke the offset invariant; never emit such a span
            if any(taken[m.start:m.end]):
                continue
            accepted.append(m)
            taken[m.start:m.end] = b"\x01" * m.length
    articles = doc._.articles or []
    result = []
    for m in sorted(accepted, key=lambda m: (m.start, m.end)):
        art = article_at(articles, m.start)
        part = art.part_at(m.start, m.end) if art else None
        if part == "byline" and m.label != "PER":
            continue
        m.part = part
        result.append(m)
    for i, m in enumerate(result, 1):
        m.id = f"e{i}"
    return result
