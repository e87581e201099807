"""What every event type's reader uses: making and filling an :class:`EventRecord`, the people
and money of a stretch of text, dates as arguments, and who attended (meetings, inspections,
conferences).
"""

from __future__ import annotations

import regex

from ...core.records import ArgRecord, EventRecord, Mention
from .context import ORGLOC, R, ArticleView, PageView, Sent


CLAUSE = "，,；;：:。！？!?"


def new_event(v: PageView, art: ArticleView, sent: Sent, etype: str, ts: int, te: int,
              date: str | None | bool = True) -> EventRecord:
    if date is True:
        date = v.event_date(art, sent, ts)
    return EventRecord(etype, v.text[ts:te], ts, te, (sent.start, sent.end), date=date or None, args={})


#: roles whose argument is a noun phrase read from free text (not an entity): a preposition
#: before it or a particle after it is no part of it (在市委, 从市安全监管局, 出台的)
_PHRASE_ROLES = frozenset({"org", "scope", "site", "project", "subject", "recipient", "source", "party",
                           "inspector", "organizer", "target", "host", "guest"})
_LEADING_PREP = regex.compile(r"^(?:按照|根据|在(?![建线职岗校读])|从|对(?![口外接标])|于|由|向)")
_TRAILING_PARTICLE = regex.compile(r"(?:的|及|和|与|并)$")


def phrase_arg(arg: ArgRecord) -> ArgRecord:
    """``arg`` without a preposition before it or a particle after it, if two characters stay."""
    text, start, end = arg.text, arg.start, arg.end
    m = _LEADING_PREP.match(text)
    if m and len(text) - m.end() >= 2:
        text, start = text[m.end():], start + m.end()
    m = _TRAILING_PARTICLE.search(text)
    if m and m.start() >= 2:
        text, end = text[:m.start()], end - (len(text) - m.start())
    if (start, end) == (arg.start, arg.end):
        return arg
    return ArgRecord(text, start, end, entity=None, value=arg.value)


def add(ev: EventRecord, role: str, arg: ArgRecord | None) -> None:
    if arg is None or not arg.text.strip():
        return
    if arg.entity is None and role in _PHRASE_ROLES:
        arg = phrase_arg(arg)
    items = ev.args.setdefault(role, [])
    if any(a.start == arg.start and a.end == arg.end for a in items):
        return
    if any(a.text == arg.text for a in items) and role not in ("value",):
        return
    items.append(arg)


def has(ev: EventRecord, role: str) -> bool:
    return bool(ev.args.get(role))


def texts(ev: EventRecord, role: str) -> set[str]:
    return {a.text for a in ev.args.get(role, [])}


def emit(art: ArticleView, ev: EventRecord) -> EventRecord:
    art.events.append(ev)
    return ev


def pers(v: PageView, start: int, end: int) -> list[Mention]:
    return v.ents_in(start, end, ("PER",))


def first_money(v: PageView, start: int, end: int) -> Mention | None:
    for m in v.ents_in(start, end, ("MONEY",)):
        return m
    return None


def date_arg(v: PageView, m: Mention | None) -> ArgRecord | None:
    if m is None:
        return None
    return ArgRecord(m.text, m.start, m.end, entity=m, value=v.good_date(m))


def after_open(v: PageView, pos: int, end: int, words: str = "了") -> int:
    while pos < end and v.text[pos] in words + " ":
        pos += 1
    return pos


def attendance_args(v: PageView, art: ArticleView, sent: Sent, verbs: regex.Pattern, *,
                    from_pos: int, exclude: set[str], window: int = 8,
                    share: regex.Pattern | None = None) -> list[ArgRecord]:
    """People (and ``…负责人`` groups) listed before 参加/出席/陪同 in the trigger sentence (after
    ``from_pos``) and in the next sentences of the article; each sentence serves one event, unless
    it matches ``share`` (陪同考察并参加会见: the inspection and the meeting both)."""
    out: list[ArgRecord] = []
    for s in art.sents[sent.index: sent.index + window]:
        if s.index in art.used_attendance:
            continue
        start = from_pos if s is sent else s.start
        found = _attendance_in(v, s, start, verbs, exclude)
        if found:
            if s is not sent and (share is None or not share.search(v.text, s.start, s.end)):
                art.used_attendance.add(s.index)
            out.extend(found)
    return out


#: a group joined to a list of names (…及旗政府办、教育局等相关负责人)
_GROUP_AFTER_NAMES = R(r"(?:及|以及|和)(?P<g>[^，,。；;]{2,45})$")


def attendance_in(v: PageView, s: Sent, start: int, verbs: regex.Pattern, exclude: set[str]) -> list[ArgRecord]:
    """People listed before an attendance verb in one sentence (after ``start``)."""
    return _attendance_in(v, s, start, verbs, exclude)


def _attendance_in(v: PageView, s: Sent, start: int, verbs: regex.Pattern, exclude: set[str]) -> list[ArgRecord]:
    t = v.text
    out: list[ArgRecord] = []
    pending: list[tuple[int, int]] = []
    for cs, ce in v.clauses(s):
        if ce <= start:
            continue
        cs = max(cs, start)
        m = verbs.search(t, cs, ce)
        if m is None:
            if pers(v, cs, ce) or v.P.attendee_head.search(t[cs:ce]):
                pending.append((cs, ce))
            else:
                pending = []
            continue
        items = pending + [(cs, m.start())]
        pending = []
        # 在X陪同下: the people are after 在
        for a, b in items:
            if t[a:a + 1] == "在":
                a += 1
            people = [p for p in pers(v, a, b) if p.text not in exclude]
            if people:
                out.extend(v.ent_arg(p) for p in people)
                # …肖翠艳及旗政府办、教育局等相关负责人陪同: the group joined after the last name
                last = max(p.end for p in pers(v, a, b))
                g = _GROUP_AFTER_NAMES.match(t, last, b)
                if g and v.P.attendee_head.search(t, *g.span("g")):
                    arg = v.arg(*g.span("g"))
                    if arg is not None:
                        out.append(arg)
                continue
            if pers(v, a, b):
                continue
            a2, b2 = v.trim(a, b)
            seg = t[a2:b2]
            if R(r"(?:邀请|组织|吸引|动员)").match(seg):
                continue  # 邀请…参加 is read by the conference's own invite pattern
            if 2 <= len(seg) <= 45 and v.P.attendee_head.search(seg):
                a2 += len(seg) - len(seg.lstrip("及和与并"))
                arg = v.arg(a2, b2)
                if arg is not None and not v.is_future(a2, b2):
                    out.append(arg)
    return out


def place_before(v: PageView, cs: int, ts: int) -> ArgRecord | None:
    t = v.text
    for k in range(ts - 1, max(cs, ts - 60) - 1, -1):
        if t[k] == "在" and v.ent_covering(k) is None:
            ents = [m for m in v.ents_in(k + 1, ts) if m.start == k + 1 and m.label in ORGLOC]
            if ents:
                return v.ent_arg(ents[0])
            m = R(r"[\p{Han}A-Za-z0-9]{2,14}?(?=举行|举办|召开|签约|签订|签署|会见|座谈|会谈|调研|开工|主持|$)").match(t[k + 1:ts])
            if m:
                return v.arg(k + 1, k + 1 + m.end())
            return None
    return None
