"""``meeting``: 会议, 座谈会 … with chair, attendees, place and topics (``rules/events/meeting.toml``)."""

from __future__ import annotations

from ...core.records import ArgRecord, Mention
from .common import add, attendance_args, attendance_in, emit, new_event, pers, place_before, texts
from .context import LOOKBACK, ArticleView, PageView, Sent

#: how many sentences before a meeting one naming its attendance (…并参加会见) may stand
BACK_SENTENCES = 3
#: … and how many after it (the closing …等参加了会见 of a long report)
AHEAD_SENTENCES = 30


def meetings(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    triggers = sorted(
        [(m.start(), m.end(), "visit") for m in P.m_visit.finditer(t, sent.start, sent.end)]
        + [(m.start(), m.end(), "joint") for m in P.m_joint.finditer(t, sent.start, sent.end)]
    )
    for ts, te, kind in triggers:
        if v.ent_covering(ts) is not None:
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        hosts: list[Mention] = []
        guests: list[Mention] = []
        if kind == "visit":
            hosts = pers(v, cs, ts)
            end = ce
            d = P.m_delegation.search(t, te, ce)
            if d:
                end = d.start()
            guests = pers(v, te, end) or [m for m in v.ents_in(te, end, ("ORG",)) if not v.person_org(m)]
            if not hosts:
                hosts = [m for m in v.subject_orgs(art, sent, ts, carry=False) if isinstance(m, Mention)]
        else:
            conn = None
            cs = max(cs, ts - LOOKBACK)
            for k in range(cs, ts):
                if t[k] in P.m_connectors and v.ent_covering(k) is None and v.ents_in(cs, k, ("PER", "ORG", "LOC")):
                    conn = k
                    break
            carried = None
            if conn is None:
                # 并与A公司余总…进行了洽谈交流: the subject is the visitor of the sentence before
                lead = P.m_subjectless.match(t, v.trim(cs, ts)[0], ts)
                carried = _previous_subject(v, art, sent) if lead else None
                if not carried:
                    continue
                conn = lead.end() - 1
            hosts = carried or pers(v, cs, conn) or [m for m in v.ents_in(cs, conn, ("ORG", "LOC")) if not v.person_org(m)]
            end = ts
            d = P.m_delegation.search(t, conn, ts)
            if d:
                end = d.start()
            guests = pers(v, conn, end) or _company_people(v, conn, end)
        group = None
        if kind == "visit" and hosts and not guests:
            # 会见了参加…活动的客商代表, 会见采访团一行: a group named by its head noun
            gm = P.m_guest_group.match(t, te, ce)
            if gm:
                group = v.arg(*gm.span("g"))
        if not hosts or not (guests or group):
            continue
        host_t, guest_t = {h.text for h in hosts}, {g.text for g in guests} | ({group.text} if group else set())
        if any(e.type == "meeting" and (texts(e, "guest") & guest_t) for e in art.events):
            return
        ev = new_event(v, art, sent, "meeting", ts, te)
        for h in hosts:
            add(ev, "host", h if isinstance(h, ArgRecord) else v.ent_arg(h))
        for g in guests:
            add(ev, "guest", g if isinstance(g, ArgRecord) else v.ent_arg(g))
        add(ev, "guest", group)
        place = place_before(v, cs, ts)
        if place is not None:
            add(ev, "place", place)
        for a in _topics(v, art, sent, ts):
            add(ev, "topic", a)
        for a in attendance_args(v, art, sent, P.m_attend, from_pos=ce, exclude=host_t | guest_t):
            add(ev, "attendee", a)
        for a in _attendees_named(v, art, sent, t[ts:te], host_t | guest_t):
            add(ev, "attendee", a)
        emit(art, ev)
        return


def _attendees_named(v: PageView, art: ArticleView, sent: Sent, verb: str,
                     exclude: set[str]) -> list[ArgRecord]:
    """People of another sentence of the article that names this meeting's verb after an
    attendance verb: before it (副市长X、Y出席签约仪式并参加会见。…当日，Z在会见…时说), whatever else
    that sentence also served, or after it, beyond the usual window (…等参加了会见 closing the
    report)."""
    out: list[ArgRecord] = []
    lo, hi = max(0, sent.index - BACK_SENTENCES), sent.index + AHEAD_SENTENCES
    for s in art.sents[lo:hi]:
        if s is sent or (s.index > sent.index and s.index in art.used_attendance):
            continue
        m = v.P.m_attend_named.search(v.text, s.start, s.end)
        if m is None or not m.group().endswith(verb):
            continue
        found = attendance_in(v, s, s.start, v.P.m_attend, exclude)
        if found and s.index > sent.index:
            art.used_attendance.add(s.index)
        out.extend(found)
    return out


def _previous_subject(v: PageView, art: ArticleView, sent: Sent) -> list:
    """The people (or 吕书记一行's 吕书记) opening the sentence before in the same paragraph."""
    if sent.index == 0:
        return []
    prev = art.sents[sent.index - 1]
    if prev.para != sent.para:
        return []
    for cs, ce in v.clauses(prev)[:2]:
        m = v.P.m_visitor.search(v.text, cs, ce)
        if m:
            people = pers(v, *m.span("who"))
            return people or [v.arg(*m.span("who"))]
    return []


def _company_people(v: PageView, start: int, end: int) -> list:
    """Guests named by their company (特纳普公司余总, 浙江某医药有限公司的王总): the person
    reference after each company, else the companies."""
    orgs = [m for m in v.ents_in(start, end, ("ORG",)) if not v.person_org(m)]
    out: list = []
    for o in orgs:
        m = v.P.m_company_person.match(v.text, o.end, end)
        out.append(v.arg(*m.span("p")) if m else o)
    return out


def _topics(v: PageView, art: ArticleView, sent: Sent, ts: int) -> list[ArgRecord]:
    sents = [sent]
    if sent.index + 1 < len(art.sents) and art.sents[sent.index + 1].para == sent.para:
        sents.append(art.sents[sent.index + 1])
    for s in sents:
        m = v.P.m_topic.search(v.text, ts if s is sent else s.start, s.end)
        if m:
            a, b = m.span("topic")
            out = []
            for x, y in v.split_list(a, b):
                arg = v.arg(x, y)
                if arg is not None:
                    out.append(arg)
            return out
    return []
