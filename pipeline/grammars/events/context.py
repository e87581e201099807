"""What the event rules read: sentences, clauses, paragraphs, entities, dates, subjects, projects.

Everything is in character offsets of ``doc.text``. A :class:`PageView` is built once per doc;
an :class:`ArticleView` per article holds its body sentences (headline, captions and bylines
excluded: an event is anchored on its first body mention) and what the rules learn while reading
it in order (named projects for ``该项目``, events already found for merging).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Any, Iterable

import regex

from ...core.numbers import numerals
from ...core.records import ArgRecord, ArticleInfo, EventRecord, Mention
from .lexicon import Compiled, compiled

@functools.cache
def R(pattern: str) -> regex.Pattern:
    """A small fixed pattern of the rule code, compiled once (bounded: no nested quantifiers)."""
    return regex.compile(pattern, regex.VERSION1)


NAME_LABELS = frozenset({"PER", "ORG", "LOC"})
#: How far back (characters) a rule looks from its trigger; keeps every rule linear on long text.
LOOKBACK = 120
#: Longest sentence the rules read in one piece (real ones are far shorter).
MAX_SENTENCE = 400
ORGLOC = frozenset({"ORG", "LOC"})

_NAME_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9“”‘’()（）·\-—《》+.]")
_SPACE_OR_PUNCT = " \t\n，,；;：:。、“”\"'《》()（）"


def parse_number(text: str) -> float | None:
    """``606`` → 606, ``9.3`` → 9.3, ``三十六`` → 36, ``两`` → 2, ``十二`` → 12.

    The counts the event patterns find (numerals below 万, ``numeral_class("counting")``), read
    with the digits and small units of the one numeral table; the units add up (一千二 is 1002
    here, where :func:`pipeline.numbers.parse_number` reads the spoken short form 1200).
    """
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    table = numerals()
    digits, units = table.digits, table.small
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            return None
    return float(total + current)


def as_int(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


@dataclass
class Measure:
    """A count (``606个``) or a length (``约140米``) found by the event rules' own patterns."""

    start: int
    end: int
    text: str
    amount: float
    unit: str
    qualifier: str | None = None

    @property
    def count(self) -> int | float:
        return as_int(self.amount)


@dataclass
class Sent:
    index: int  # position in ArticleView.sents
    start: int
    end: int
    para: int  # line number of the paragraph
    ents: list[Mention]


@dataclass
class ArticleView:
    info: ArticleInfo
    sents: list[Sent]
    title_projects: list[tuple[int, int]] = field(default_factory=list)
    projects: list[tuple[int, int]] = field(default_factory=list)  # named projects, text order
    events: list[EventRecord] = field(default_factory=list)
    used_attendance: set[int] = field(default_factory=set)  # sentence indexes consumed
    named_milestones: set[int] = field(default_factory=set)  # id() of milestones of a named project
    ceremonies: set[int] = field(default_factory=set)  # id() of milestones read from a 开工活动 name

    def dateline_iso(self) -> str | None:
        d = self.info.dateline
        if d is not None and d.date and R(r"^(?:\d{4}|XXXX)-\d{2}(?:-\d{2})?$").match(d.date):
            return d.date
        return None


class PageView:
    """Offsets, entities and sentence structure of one doc, with the helpers every rule uses."""

    def __init__(self, text: str, entities: list[Mention], sentences: list[tuple[int, int]],
                 articles: list[ArticleInfo], rules: Compiled | None = None):
        """``rules``: the compiled event rules to read by (default: the shipped ones)."""
        self.P: Compiled = rules if rules is not None else compiled()
        self.text = text
        self.entities = sorted((m for m in entities if m.part != "byline"), key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.entities]
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._clauses: dict[tuple[int, int], list[tuple[int, int]]] = {}
        # several event types ask for the projects of the same sentence
        self._projects: dict[tuple[int, int, bool], list[tuple[int, int]]] = {}
        self._clause_starts: dict[tuple[int, int], list[int]] = {}
        starts = [s for s, _ in sentences]
        in_order = all(a <= b for a, b in zip(starts, starts[1:]))
        self.articles = [self._article(a, self._sentences_from(a, sentences, starts) if in_order else sentences)
                         for a in articles]

    # ------------------------------------------------------------------ structure

    @staticmethod
    def _sentences_from(info: ArticleInfo, sentences: list[tuple[int, int]],
                        starts: list[int]) -> list[tuple[int, int]]:
        """The sentences that start inside the article (``starts`` sorted): the only ones
        :meth:`_article` keeps, found by bisection, not by a pass over the page's sentences for
        every article (quadratic in a file of thousands of articles)."""
        lo = bisect.bisect_left(starts, info.start)
        return sentences[lo:bisect.bisect_left(starts, max(info.end, info.start + 1), lo)]

    def _article(self, info: ArticleInfo, sentences: list[tuple[int, int]]) -> ArticleView:
        # page chrome (核心阅读, 来源:…, 上一篇:…) is no sentence of the article: no event, no lead date
        skip = list(info.title_spans) + list(info.caption_spans) + list(info.author_spans) + list(info.chrome_spans)
        sents: list[Sent] = []
        titles: list[tuple[int, int]] = []
        for s, e in sentences:
            if s < info.start or e > max(info.end, info.start + 1):
                if not (info.start <= s < info.end):
                    continue
                e = min(e, info.end)
            if any(a <= s and e <= b for a, b in info.title_spans):
                titles.append((s, e))
                continue
            if any(a <= s and e <= b for a, b in skip):
                continue
            # a byline glued to the end of a sentence (…动力。李俊萍) is its own sentence already
            for a, b in self._bounded(s, e):
                sents.append(Sent(len(sents), a, b, self.para_of(a), self.ents_in(a, b)))
        view = ArticleView(info, sents)
        for s, e in titles:
            view.title_projects.extend(self.find_projects(s, e))
        return view

    def _bounded(self, s: int, e: int) -> list[tuple[int, int]]:
        """A run-on "sentence" (a table, a garbled page) is cut at clause marks into pieces of at
        most MAX_SENTENCE characters, so that every rule stays linear in the page length."""
        if e - s <= MAX_SENTENCE:
            return [(s, e)]
        out = []
        while e - s > MAX_SENTENCE:
            cut = max((m.end() for m in self.P.clause_split.finditer(self.text, s + MAX_SENTENCE // 2, s + MAX_SENTENCE)),
                      default=s + MAX_SENTENCE)
            if self.ent_covering(cut) is not None and self.ent_covering(cut).start > s:
                cut = self.ent_covering(cut).start
            out.append((s, cut))
            s = cut
        out.append((s, e))
        return out

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos) - 1

    def ents_in(self, start: int, end: int, labels: Iterable[str] | None = None) -> list[Mention]:
        """Entities inside ``[start, end)`` in text order, of ``labels`` if given."""
        # the rules ask ~20 times per sentence: slice between two bisections, no Python loop
        starts = self._starts
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end, i)
        if labels is None:
            return [m for m in self.entities[i:j] if m.end <= end]
        if not isinstance(labels, (tuple, frozenset, set)):
            labels = frozenset(labels)
        return [m for m in self.entities[i:j] if m.end <= end and m.label in labels]

    def ent_exact(self, start: int, end: int) -> Mention | None:
        i = bisect.bisect_left(self._starts, start)
        while i < len(self.entities) and self.entities[i].start == start:
            if self.entities[i].end == end:
                return self.entities[i]
            i += 1
        return None

    def ent_covering(self, pos: int) -> Mention | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        lowest = i - 3  # the four entities starting last at or before pos
        while i >= 0 and i >= lowest:
            m = self.entities[i]
            if m.start <= pos < m.end:
                return m
            i -= 1
        return None

    def clauses(self, sent: Sent) -> list[tuple[int, int]]:
        """Clauses of a sentence, split at ，；： (not inside an entity), without the full stop."""
        key = (sent.start, sent.end)
        cached = self._clauses.get(key)
        if cached is None:
            cached = self._clauses[key] = self._split_clauses(sent)
            self._clause_starts[key] = [a for a, _ in cached]
        return cached

    def _split_clauses(self, sent: Sent) -> list[tuple[int, int]]:
        end = sent.end
        while end > sent.start and self.text[end - 1] in "。！？!?… \n":
            end -= 1
        out, s = [], sent.start
        for m in self.P.clause_split.finditer(self.text, sent.start, end):
            if self.ent_covering(m.start()) is None:  # (山东) inside a name is no clause mark
                out.append((s, m.start()))
                s = m.end()
        out.append((s, end))
        return [(a, b) for a, b in out if b > a]

    def clause_at(self, sent: Sent, pos: int) -> tuple[int, int]:
        clauses = self.clauses(sent)
        i = bisect.bisect_right(self._clause_starts[(sent.start, sent.end)], pos) - 1
        if i >= 0 and clauses[i][0] <= pos < clauses[i][1]:
            return clauses[i]
        return sent.start, sent.end

    # ------------------------------------------------------------------ spans and args

    def past_leading_dates(self, start: int, end: int) -> int:
        """Where a clause's words begin after the dates and dateline that open it (3月5日，…;
        本报讯 10月14日，…): the subject of a metric, milestone or meeting is read from there."""
        pos = start
        for m in self.ents_in(start, end):
            if m.start > pos + 1:
                break
            if m.label == "DATE" or m.part == "dateline":
                pos = max(pos, m.end)
        return pos

    def trim(self, start: int, end: int, strip: str = _SPACE_OR_PUNCT) -> tuple[int, int]:
        """Shrink ``[start, end)`` past spaces and punctuation; quotes stay when balanced."""
        t = self.text
        while start < end and t[start] in strip:
            if t[start] in "“《(（" and self._closes(start, end):
                break
            start += 1
        while end > start and t[end - 1] in strip:
            if t[end - 1] in "”》)）" and self._opens(start, end - 1):
                break
            end -= 1
        return start, end

    def _closes(self, start: int, end: int) -> bool:
        pair = {"“": "”", "《": "》", "(": ")", "（": "）"}[self.text[start]]
        return pair in self.text[start + 1:end]

    def _opens(self, start: int, close: int) -> bool:
        pair = {"”": "“", "》": "《", ")": "(", "）": "（"}[self.text[close]]
        return pair in self.text[start:close]

    def arg(self, start: int, end: int, value: Any = None, entity: Mention | None = None,
            trim: bool = True) -> ArgRecord | None:
        if trim:
            start, end = self.trim(start, end)
        if end <= start:
            return None
        if entity is None:
            entity = self.ent_exact(start, end)  # an argument that is also an entity points at it
        return ArgRecord(self.text[start:end], start, end, entity=entity, value=value)

    def ent_arg(self, m: Mention, value: Any = None) -> ArgRecord:
        return ArgRecord(m.text, m.start, m.end, entity=m, value=value)

    def split_list(self, start: int, end: int) -> list[tuple[int, int]]:
        """``A、B和C`` → three spans; a separator inside an entity does not split."""
        out, s = [], start
        for m in self.P.list_sep.finditer(self.text, start, end):
            if self.ent_covering(m.start()) is not None:
                continue
            if self.text[m.start()] in "和与及同跟" and not self._list_boundary(m.start(), m.end(), start, end):
                continue
            out.append((s, m.start()))
            s = m.end()
        out.append((s, end))
        spans = [self.trim(a, b) for a, b in out]
        return [(a, b) for a, b in spans if b > a]

    def _list_boundary(self, ms: int, me: int, start: int, end: int) -> bool:
        """和/与/及 split a list only between two substantial items (not 雨污分流和…改造 inside a word)."""
        return ms - start >= 2 and end - me >= 2

    # ------------------------------------------------------------------ measures

    def counts(self, start: int, end: int, units: frozenset[str] | None = None) -> list[Measure]:
        out = []
        for m in self.P.count.finditer(self.text, start, end):
            unit = m.group("unit")
            if units is not None and unit not in units:
                continue
            num = parse_number(m.group("num"))
            if num is None or m.group("num") == "一":  # 一条宽阔坦途, 一批项目: not a count
                continue
            if m.group("mult") == "万":
                num *= 10_000
            elif m.group("mult") == "亿":
                num *= 100_000_000
            q = self._qualifier(m)
            # the span starts at the number unless a qualifier word stands before it
            out.append(Measure(m.start(), m.end(), m.group(), num, unit.lstrip("余"), q))
        return out

    def lengths(self, start: int, end: int) -> list[Measure]:
        out = []
        for m in self.P.length.finditer(self.text, start, end):
            if self.text[m.end():m.end() + 1] in ("²", "³") or self.text[max(0, m.start() - 2):m.start()] in ("平方", "立方"):
                continue
            num = float(m.group("num")) * (10_000 if m.group("mult") else 1)
            num *= self.P.length_factor[m.group("unit")]
            out.append(Measure(m.start(), m.end(), m.group(), num, "m", self._qualifier(m)))
        return out

    def _qualifier(self, m: regex.Match) -> str | None:
        for g, table in (("qb", self.P.qualifier_before), ("qa", self.P.qualifier_after),
                         ("qa2", self.P.qualifier_after)):
            if m.group(g):
                return table.get(m.group(g))
        return None

    def count_arg(self, c: Measure) -> ArgRecord:
        return ArgRecord(c.text, c.start, c.end, entity=self.ent_exact(c.start, c.end), value=c.count)

    def length_arg(self, c: Measure) -> ArgRecord:
        value = {"amount": as_int(round(c.amount, 2)), "unit": "m", "qualifier": c.qualifier}
        return ArgRecord(c.text, c.start, c.end, entity=self.ent_exact(c.start, c.end), value=value)

    def value_arg(self, m: Mention, negate: bool = False) -> ArgRecord:
        value = dict(m.value) if isinstance(m.value, dict) else None
        if value is not None and negate and isinstance(value.get("amount"), (int, float)):
            value["amount"] = -value["amount"]
        return ArgRecord(m.text, m.start, m.end, entity=m, value=value)

    # ------------------------------------------------------------------ modality

    def is_future(self, start: int, end: int) -> bool:
        """A future or instruction marker in ``[start, end)`` (将, 即将, 要, 力争 …)."""
        t = self.text
        start = max(start, end - LOOKBACK)
        for m in self.P.future.finditer(t, start, end):
            exc = self.P.future_exceptions
            if any(e.start() <= m.start() < e.end() for e in exc.finditer(t, max(start, m.start() - 2), min(len(t), m.end() + 2))):
                continue
            if self.ent_covering(m.start()) is not None:
                continue
            return True
        return False

    def in_speech(self, sent: Sent, pos: int) -> bool:
        """``他强调，要…`` / ``X表示，…``: the clause is reported speech or an instruction."""
        return self.P.speech.search(self.text, max(sent.start, pos - LOOKBACK), pos) is not None

    def is_recurring(self, start: int, end: int) -> bool:
        return self.P.recurring.search(self.text, max(start, end - LOOKBACK), end) is not None

    # ------------------------------------------------------------------ dates

    def good_date(self, m: Mention) -> str | None:
        if m.label != "DATE" or not isinstance(m.value, dict):
            return None
        iso = m.value.get("iso")
        if not iso or iso in self.P.vague_iso or "REF" in str(iso):
            return None
        return str(iso)

    def adverbial(self, m: Mention, sent: Sent) -> bool:
        """A date that dates its clause (``10月14日，``, ``于3月28日``, ``今年以来``), not one
        inside a name (``2024年第二季度重点项目集中签约仪式``)."""
        t = self.text
        if m.text.endswith(("以来", "以后", "期间", "以前", "前后")):
            return True
        after = t[m.end:m.end + 1]
        if after and after in self.P.clause_marks:
            return True
        if after in ("、", "至", "到", "-"):
            return True
        before = t[max(sent.start, m.start - 2):m.start]
        if m.start == sent.start or (before and (before[-1] in self.P.clause_marks or before[-1] in " \n")):
            return after not in ("的",)
        if before[-1:] in self.P.date_preps or before in self.P.date_preps:
            return True
        # a day between subject and verb dates the verb (中央财政20日预拨…, 左干渠2月6日复工)
        if _is_day(self.good_date(m)) and after not in ("的", "前", "后") and not m.text[-1:].isdigit():
            return True
        # a dateline date (科学导报讯 10月14日，…) is always the clause's date
        return m.part == "dateline"

    def own_date(self, sent: Sent, pos: int) -> Mention | None:
        """The date expression of the trigger's own sentence: the last adverbial date before it,
        else the first one after it in its clause."""
        dates = [m for m in sent.ents if m.label == "DATE" and self.adverbial(m, sent)]
        cs, ce = self.clause_at(sent, pos)
        # a date before the trigger dates it, unless it is the 于-date of another clause's verb
        # (项目于2016年10月开工建设，其间累计争取…)
        before = [m for m in dates if m.end <= pos and self.good_date(m)
                  and (m.start >= cs or self.text[m.start - 1:m.start] != "于" or self._date_clause(sent, m))]
        if before:
            # a vague date nearer the trigger (目前，…) blocks an earlier precise one only in its clause
            return before[-1]
        after = [m for m in dates if m.start >= pos and m.end <= ce and self.good_date(m)]
        return after[0] if after else None

    def _date_clause(self, sent: Sent, m: Mention) -> bool:
        a, b = self.clause_at(sent, m.start)
        a, b = self.trim(a, b)
        rest = self.text[a:m.start] + self.text[m.end:b]
        return len(rest) <= 3

    def period(self, sent: Sent, pos: int) -> Mention | None:
        """The period argument: the sentence's own date when it is a period (not a single day),
        else the nearest period before the trigger (``2024年第二季度重点项目…``)."""
        m = self.own_date(sent, pos)
        if m is not None and not _is_day(self.good_date(m)):
            return m
        before = [m for m in sent.ents if m.label == "DATE" and m.end <= pos and self.good_date(m)
                  and not _is_day(self.good_date(m))]
        return before[-1] if before else None

    def head_date(self, s: Sent) -> str | None:
        """A date heading sentence ``s`` (``今年以来，…``, ``1-9月，…``), which governs what follows."""
        for m in s.ents:
            if m.label != "DATE" or m.part == "dateline":
                continue
            if m.start - s.start > self.P.lead_date_max:
                break
            if self.adverbial(m, s):
                return self.good_date(m)
        return None

    def lead_date(self, art: ArticleView, sent: Sent) -> str | None:
        """The date heading the nearest earlier sentence of ``sent``'s paragraph (the lead the
        paragraph elaborates); a date in the middle of a sentence does not carry."""
        enum = self.P.enumeration
        skip = bool(enum.match(self.text, sent.start)) and not self.P.enumeration_first.match(self.text, sent.start)
        for s in reversed(art.sents[:sent.index]):
            if s.para != sent.para:
                break
            d = self.head_date(s)
            if d is not None and not skip:
                return d
            if enum.match(self.text, s.start):
                # 三是… 四是…: a sibling item's date does not carry; the lead before 一是 does
                skip = not self.P.enumeration_first.match(self.text, s.start)
        return None

    def event_date(self, art: ArticleView, sent: Sent, pos: int, *, _depth: int = 0) -> str | None:
        cs, _ = self.clause_at(sent, pos)
        if self.is_recurring(cs, pos):
            return None
        m = self.own_date(sent, pos)
        if m is not None:
            return self.good_date(m)
        lead = self.lead_date(art, sent)
        if lead is not None:
            return lead
        if _depth < 3 and sent.index > 0 and self.P.elaboration.match(self.text, sent.start):
            prev = art.sents[sent.index - 1]
            if prev.para == sent.para:
                d = self.event_date(art, prev, prev.end, _depth=_depth + 1)
                if d is not None:
                    return d
        return art.dateline_iso() or self.article_lead_date(art)

    def article_lead_date(self, art: ArticleView) -> str | None:
        """Without a dated dateline, the date the article opens with (``本报讯 今年以来，…``)
        stands for it; a date later in the article does not."""
        if not art.sents:
            return None
        first = art.sents[0]
        for m in first.ents:
            if m.label == "DATE" and self.adverbial(m, first) and self.good_date(m):
                cs, _ = self.clause_at(first, m.start)
                if m.start - first.start <= 24 or m.start - cs <= 2:
                    return self.good_date(m)
        return None

    # ------------------------------------------------------------------ subjects

    def person_org(self, m: Mention) -> bool:
        """An ORG/LOC followed by a title and a PER (``临汾经济开发区党工委书记、…白建成``)."""
        nxt = self.ents_in(m.end, min(len(self.text), m.end + 24))
        for n in nxt:
            gap = self.text[m.end:n.start]
            if R(r"[，,。；;：:\n]").search(gap):
                return False
            if R(r"[由的在]|组成|带队|率领|带领").search(gap):
                return False  # 船营区组成由区委书记吕庆龙带队的…: a clause, not a title
            if n.label == "PER":
                return len(gap) <= 16
            if n.label not in ("TITLE", "ORG", "LOC"):
                return False
        return False

    def subject_orgs(self, art: ArticleView, sent: Sent, pos: int, *, carry: bool = True) -> list[Mention | tuple[int, int]]:
        """The organization(s) doing what the clause at ``pos`` says: clause-initial ORG/LOC
        entities (``开发区联合区科技局``), looked for in this clause, the clauses before it, and —
        with ``carry`` — the earlier sentences of the same paragraph."""
        clauses = [c for c in self.clauses(sent) if c[0] < pos][-6:]
        for cs, ce in reversed(clauses):
            found = self._clause_subject(cs, min(ce, pos))
            if found:
                return found
        if carry:
            for prev in reversed(art.sents[:sent.index]):
                if prev.para != sent.para:
                    break
                for cs, ce in self.clauses(prev):
                    found = self._clause_subject(cs, ce)
                    if found:
                        return found
        return []

    def _clause_subject(self, start: int, end: int) -> list[Mention | tuple[int, int]]:
        t = self.text
        ents = self.ents_in(start, end)
        pos = self.past_leading_dates(start, end)
        while pos < end and t[pos] in " 　":
            pos += 1
        dl = R(r"[\p{Han}]{0,8}讯\s*").match(t[pos:end])
        if dl and any(m.part == "dateline" for m in ents):
            pos += dl.end()
        if t[pos:pos + 1] in ("经", "由") and any(m.start == pos + 1 and m.label in ORGLOC for m in ents):
            pos += 1  # 经开发区联合区科技局，召开…
        chain: list[Mention | tuple[int, int]] = []
        # a deictic place (我市, 我县) is no entity but is the subject the gold names
        deictic = self.P.deictic_subject.match(t, pos, end)
        if deictic:
            chain.append(deictic.span())
            pos = deictic.end()
            conn = R(r"(?:、|和|与|及|以及|联合|会同|携手|同)").match(t[pos:end])
            if not conn:
                return chain
            pos += conn.end()
        for m in ents:
            if m.start < pos:
                continue
            if m.start > pos:
                break
            if m.label not in ORGLOC or self.person_org(m):
                if deictic:
                    break
                return []
            if chain and isinstance(chain[-1], Mention) and chain[-1].end == m.start and chain[-1].label == "LOC" == m.label:
                chain[-1] = m  # 杭州市上城区 → 上城区
            else:
                chain.append(m)
            pos = m.end
            conn = R(r"(?:、|和|与|及|以及|联合|会同|携手|同)").match(t[pos:end])
            if conn:
                pos += conn.end()
            elif not any(n.start == pos and n.label == "LOC" == m.label for n in ents):
                break
        if chain:
            return chain
        m = self.P.org_suffix_start.match(t[pos:end])
        if m and (t[pos:pos + 1] not in "全我该本各其这此" or t[pos:pos + 2] == "各级"):
            return [(pos + m.start("o"), pos + m.end("o"))]
        return []

    def org_args(self, items: list[Mention | tuple[int, int]]) -> list[ArgRecord]:
        out = []
        for it in items:
            a = self.ent_arg(it) if isinstance(it, Mention) else self.arg(*it)
            if a is not None:
                out.append(a)
        return out

    # ------------------------------------------------------------------ projects

    def find_projects(self, start: int, end: int, *, weak: bool = False) -> list[tuple[int, int]]:
        """Named projects in ``[start, end)``: a phrase ending in 项目/工程/… (with ``weak``, also
        中心/基地/产业园 …), its left edge cut after verbs, dates, counts and a zone's name."""
        key = (start, end, weak)
        cached = self._projects.get(key)
        if cached is None:
            cached = self._projects[key] = self._find_projects(start, end, weak)
        return list(cached)

    def _find_projects(self, start: int, end: int, weak: bool) -> list[tuple[int, int]]:
        t, P = self.text, self.P
        found: list[tuple[int, int]] = []
        strong = [m.span() for m in P.project_suffix.finditer(t, start, end)]
        facilities = [m.span() for m in P.facility_suffix.finditer(t, start, end)] if weak else []
        if not strong and not facilities:
            return found  # most sentences: nothing ends like a project
        ends = sorted(set(strong + facilities), key=lambda x: (x[1], x[0]))
        last_end = start
        strong_ends = {e for _, e in strong}
        # 灌区工程左干渠: a works named after the project ends in a facility (not its 厂房, 生产线)
        name_ends = strong_ends | {e for s_, e in facilities if t[s_:e] not in ("厂房", "生产线")}
        for ss, se in ends:
            if found and se <= found[-1][1]:
                continue
            if P.project_not_followed.match(t, se) and t[se:se + 1] != "建":
                continue
            # 207国道道路拓宽工程: 道路 is inside a longer name that ends in a later suffix
            run = se
            while run < min(end, se + 30) and _NAME_CHAR.match(t[run]) and t[run] not in "和与及已正将的在于":
                run += 1
                if run in name_ends:
                    break
            if run in name_ends and run > se:
                continue
            # extend to a longer suffix run (项目部 excluded above; 工程项目 → one name)
            ls = ss
            while ls > max(start, ss - 40) and _NAME_CHAR.match(t[ls - 1]):
                ls -= 1
            ls = max(ls, last_end)
            span = self.cut_project(ls, se, ss)
            if span is not None:
                found.append(span)
                last_end = se
        return found

    def cut_project(self, ls: int, se: int, suffix_start: int) -> tuple[int, int] | None:
        t, P = self.text, self.P
        # cut after the rightmost boundary word that is not inside an entity
        for m in reversed(list(P.project_left_cut.finditer(t, ls, suffix_start))):
            if self.ent_covering(m.start()) is not None:
                continue
            if m.group() in ("建设",):
                continue
            if t.rfind("“", ls, m.start()) > t.rfind("”", ls, m.start()):
                continue  # inside a quoted part of the name (“大共治”信息平台)
            ls = m.end()
            break
        # leading dates, counts, quotes
        changed = True
        while changed and ls < suffix_start:
            changed = False
            for m in self.ents_in(ls, se):
                # (自去年4月2日…: the preposition of a leading date goes with it)
                if m.start in (ls, ls + 1) and m.label == "DATE" and t[ls:m.start] in ("", "自", "从", "于"):
                    ls, changed = m.end, True
                elif m.start == ls and m.label in ("MONEY", "QUANTITY", "PERCENT", "AREA"):
                    ls, changed = m.end, True
            c = P.count.match(t, ls, suffix_start)
            if c:
                ls, changed = c.end(), True
        while ls < suffix_start and t[ls] in "、，,的”":
            ls += 1
        if suffix_start - ls < 2:
            return None
        name = t[ls:se]
        if _generic_project(name):
            return None
        return ls, se

    def project_parts(self, span: tuple[int, int]) -> tuple[tuple[int, int], Mention | None, Mention | None]:
        """Split a zone (place) or a full company name (org) off the front of a project name."""
        ls, se = span
        place = org = None
        for m in self.ents_in(ls, se):
            if m.start != ls:
                break
            rest = se - m.end
            if rest < 4:
                break
            if m.label in ORGLOC and self.P.zone_suffix.search(m.text):
                place, ls = m, m.end
            elif m.label == "ORG" and m.text.endswith(("有限公司", "有限责任公司", "股份公司", "集团")):
                org, ls = m, m.end
            elif m.label in ORGLOC and ls == span[0]:
                # 山西转型综改示范区潇河新兴产业园区…项目: an ORG zone then a LOC park
                nxt = [n for n in self.ents_in(m.end, se) if n.start == m.end]
                if nxt and nxt[0].label in ORGLOC and self.P.zone_suffix.search(nxt[0].text) and se - nxt[0].end >= 4:
                    place, ls = nxt[0], nxt[0].end
                break
            else:
                break
        return (ls, se), place, org

    def note_projects(self, art: ArticleView, sent: Sent) -> None:
        for span in self.find_projects(sent.start, sent.end):
            core, _, _ = self.project_parts(span)
            art.projects.append(core)

    def antecedent(self, art: ArticleView, pos: int) -> tuple[int, int] | None:
        before = [p for p in art.projects if p[1] <= pos]
        if before:
            return before[-1]
        if art.title_projects:
            core, _, _ = self.project_parts(art.title_projects[-1])
            return core
        return None


_GENERIC = regex.compile(
    r"^(?:重点|重大|新建|在建|续建|新开工|开工|签约|各类|一批|产业|招商|优质|高端|示范|配套|民生|基建|城维|"
    r"市政|这些|此类|该|本|此|整个|有关|相关|省级|市级|县级|区级|省|市|县|区|亿元以上|万元以上|的|、|"
    r"工程|项目|集中|城建|建设|大|好|一期|二期|三期|首期|其他|其余)*(?:项目|工程|综合体|标段|地块)$"
)


def _is_day(iso: str | None) -> bool:
    return bool(iso) and bool(R(r"(?:\d{4}|XXXX)-\d{2}-\d{2}").fullmatch(iso))


def _generic_project(name: str) -> bool:
    return bool(_GENERIC.match(name))
