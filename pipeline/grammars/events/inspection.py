"""``inspection``: 调研, 检查, 视察 … with inspectors and sites (``rules/events/inspection.toml``)."""

from __future__ import annotations

from ...core.records import ArgRecord, EventRecord, Mention
from .common import add, after_open, attendance_args, emit, new_event, pers, texts
from .context import LOOKBACK, ORGLOC, R, ArticleView, PageView, Sent


def inspections(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    triggers = sorted(
        [(m.start(), m.end(), "object") for m in P.i_object.finditer(t, sent.start, sent.end)]
        + [(m.start(), m.end(), "arrival") for m in P.i_arrival.finditer(t, sent.start, sent.end)]
    )
    arrived: list[EventRecord] = []  # events this sentence opened with an arrival verb
    for ts, te, kind in triggers:
        if v.ent_covering(ts) is not None or P.i_not_followed.match(t, te) or P.i_not_preceded.search(t, max(sent.start, ts - 4), ts):
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or _in_speech(v, sent, ts):
            continue
        existing = [e for e in art.events if e.type == "inspection"]
        if P.i_joins_before.search(t, max(sent.start, ts - 4), ts):
            if existing:  # 陪同考察, 分别参加督察检查: companions of the inspection read before
                _add_companions(v, existing[-1], pers(v, max(cs, ts - LOOKBACK), ts))
            continue
        cs = _subject_start(v, sent, cs, ts)
        inspectors = _inspectors(v, cs, ts)
        group = None if inspectors else _group(v, cs, ts)
        target = None
        joined = P.i_joined_group.search(t, cs, ts) if inspectors else None
        if inspectors:
            names = {p.text for p in inspectors}
            if joined is None:
                target = next((e for e in existing if texts(e, "inspector") & names), None)
        elif group is not None:
            if existing and "一行" in t[group.end:ts]:
                target = existing[-1]
        elif kind == "object" and _body_inspection(v, art, sent, cs, ts, te):
            continue
        elif existing and (kind == "arrival" or "一行" in t[cs:ts]):
            target = existing[-1]
        elif arrived and kind == "object" and P.i_retrigger_before.match(t[cs:ts]):
            _retrigger(v, arrived[-1], ts, te)  # 深入工地，实地调研…: the visit is a 调研
            continue
        else:
            continue
        sites = _sites(v, te, ce, kind)
        if sites is None:
            continue
        if target is None:
            ev = new_event(v, art, sent, "inspection", ts, te)
            for p in inspectors:
                add(ev, "inspector", v.ent_arg(p))
            add(ev, "inspector", group)
            if joined is not None:  # 吕庆龙还随市党政代表团参加了考察…: the delegation visits too
                add(ev, "inspector", v.arg(*joined.span("g")))
            emit(art, ev)
            if kind == "arrival":
                arrived.append(ev)
        else:
            ev = target
        for a in sites:
            add(ev, "site", a)
        visited = _visited_before(v, cs, ts)
        if len(visited) > 1:
            for a in visited:  # 率队到蒙村、陶邓等乡镇…开展调研: the places listed are the sites
                add(ev, "site", a)
        else:
            place = _inspection_place(v, cs, ts) or _place_at(v, cs, ts)
            if place is not None:
                add(ev, "place", place)
        _add_companions(v, ev, [p for p in pers(v, sent.start, sent.end)
                                if R(r"陪同|一同|随同").search(t[p.end:min(sent.end, p.end + 6)])])
        if P.c_verbs.search(t, sent.start, sent.end):
            continue  # 来到江背镇，召开…座谈会: those attending are the conference's participants
        for a in attendance_args(v, art, sent, P.i_accompany, from_pos=ce, exclude=texts(ev, "inspector"),
                                 share=P.m_visit):
            add(ev, "accompanying", a)


def _in_speech(v: PageView, sent: Sent, ts: int) -> bool:
    """Reported speech, but not 按照…要求，(a directive followed, not a speaker)."""
    if not v.in_speech(sent, ts):
        return False
    m = v.P.speech.search(v.text, max(sent.start, ts - LOOKBACK), ts)
    while m is not None:
        if not v.P.i_directive.search(v.text, max(sent.start, m.start() - 40), m.start()):
            return True
        m = v.P.speech.search(v.text, m.end(), ts)
    return False


def _body_inspection(v: PageView, art: ArticleView, sent: Sent, cs: int, ts: int, te: int) -> bool:
    """A body inspecting places (县生态环境局…对全县19个乡镇开展…专项督查): the organization is
    the inspector and what follows 对 the site. True when it made the event."""
    t, P = v.text, v.P
    m = P.i_body_object.search(t, max(cs, ts - 60), ts)
    if m is None or any(e.type == "inspection" and e.trigger_start == ts for e in art.events):
        return False
    if P.i_body_not_site.search(t, *m.span("site")):
        return False
    orgs = v.org_args(v.subject_orgs(art, sent, m.start(), carry=False))
    if not orgs and _no_subject(v, sent, m.start()):
        # 2019年组织对…2708个县进行了年度监测复查: the body of the sentence before does it
        orgs = v.org_args(v.subject_orgs(art, sent, m.start(), carry=True))
    if not orgs:
        return False
    ev = new_event(v, art, sent, "inspection", ts, te)
    for a in orgs:
        add(ev, "inspector", a)
    add(ev, "site", v.arg(*m.span("site")))
    emit(art, ev)
    return True


def _no_subject(v: PageView, sent: Sent, pos: int) -> bool:
    """The clause before ``pos`` names no one: only dates and a light verb (2019年组织对…)."""
    cs, _ = v.clause_at(sent, pos)
    if cs != sent.start or v.ents_in(cs, pos, ("PER", "ORG", "LOC")):
        return False
    rest = v.text[cs:pos]
    for d in v.ents_in(cs, pos, ("DATE",)):
        rest = rest.replace(d.text, "")
    return bool(v.P.i_no_subject.fullmatch(rest.strip(" 　，,")))


def _subject_start(v: PageView, sent: Sent, cs: int, ts: int) -> int:
    """Where the inspector may start: the clause, or the one before when this clause has no one
    and follows 在…陪同下 / starts with 在 (邱志华在…的陪同下,在城区周边督察检查)."""
    t = v.text
    cs = max(cs, ts - LOOKBACK)
    if not pers(v, cs, ts) and cs > sent.start and (t[cs:cs + 1] in "在到赴" or R(r"下[，,]$").search(t[max(sent.start, cs - 3):cs])):
        prev = v.clause_at(sent, cs - 2)[0]
        cs = max(prev, ts - LOOKBACK, sent.start)
    subj_s = cs
    for k in range(ts - 1, cs, -1):
        if t[k] in "对向为与和同" and v.ent_covering(k) is None and pers(v, k, ts):
            subj_s = k + 1  # 白建成对汤帅一行来临考察: the inspector is 汤帅
            break
    return subj_s


def _inspectors(v: PageView, start: int, ts: int) -> list[Mention]:
    """The people before the verb, without companions (X陪同, 在X的陪同下) and sites in a list."""
    t, P = v.text, v.P
    cands = pers(v, start, ts)
    out = []
    for k, p in enumerate(cands):
        nxt = cands[k + 1].start if k + 1 < len(cands) else ts
        if P.i_companion_after.match(t[p.end:nxt]) or P.i_site_list_after.match(t[p.end:ts]):
            continue
        if k + 1 == len(cands) and R(r"陪同|一同|随同").search(t[p.end:ts]) and not R(r"陪同下").search(t[p.end:ts]):
            continue
        out.append(p)
    return out


def _group(v: PageView, start: int, ts: int) -> ArgRecord | None:
    """A visiting group as the inspector (考察团一行, …组成的采访采风团,来到), in this clause or,
    when the verb opens its clause, the one before."""
    t, P = v.text, v.P
    a = start
    if not t[a:ts].strip(" \n了先后"):
        a = max(0, a - 40)
    last = None
    for m in P.i_group.finditer(t[a:ts]):
        last = m
    if last is None or R(r"陪同|一同|随同").match(t[a + last.end():ts]):
        return None
    return v.arg(a + last.start(), a + last.end())


def _retrigger(v: PageView, ev: EventRecord, ts: int, te: int) -> None:
    ev.trigger_text, ev.trigger_start, ev.trigger_end = v.text[ts:te], ts, te


def _add_companions(v: PageView, ev: EventRecord, people: list[Mention]) -> None:
    exclude = texts(ev, "inspector")
    for p in people:
        if p.text not in exclude:
            add(ev, "accompanying", v.ent_arg(p))


def _sites(v: PageView, te: int, ce: int, kind: str) -> list[ArgRecord] | None:
    t, P = v.text, v.P
    a = after_open(v, te, ce, "了先后分别到\r\n\t\u3000")
    if a >= ce:
        return []
    obj = t[a:ce]
    if R(r"[0-9一二三四五六七八九十]{1,4}家[^，,。]{0,10}?企业|企业[0-9]{1,5}家").search(obj):
        return None  # an action on N enterprises is an enterprise_action
    b = ce
    # stop at a second verb phrase (详细了解…): sites are nouns
    stop = R(r"(?:实地|详细|现场(?![、，,及和与等])|并|深入|听取|查看|了解|看望|慰问|督导|调研|检查|表示|进行|时)").search(obj)
    if stop and stop.start() < 2:
        return []
    if stop and stop.start() >= 2:
        b = a + stop.start()
    m = P.i_site_strip.search(t[a:b])
    if m and m.start() >= 2:
        b = a + m.start()
    out = []
    for x, y in v.split_list(a, b):
        if y - x > 30 or y - x < 2:
            continue
        arg = v.arg(x, y)
        if arg is not None:
            out.append(arg)
    return out


def _inspection_place(v: PageView, cs: int, ts: int) -> ArgRecord | None:
    t = v.text
    for k in range(cs, ts):
        if t[k] in "到赴" and v.ent_covering(k) is None:
            ents = [m for m in v.ents_in(k + 1, ts) if m.start == k + 1 and m.label in ORGLOC]
            if ents:
                return v.ent_arg(ents[-1])
    return None


def _visited_before(v: PageView, cs: int, ts: int) -> list[ArgRecord]:
    """The places of 到A、B等乡镇 before the verb, when there are several."""
    m = v.P.i_visited_list.search(v.text, cs, ts)
    if m is None or v.ent_covering(m.start()) is not None:
        return []
    out = []
    for x, y in v.split_list(*m.span("list")):
        arg = v.arg(x, y)
        if arg is not None and 2 <= y - x <= 16:
            out.append(arg)
    return out


def _place_at(v: PageView, cs: int, ts: int) -> ArgRecord | None:
    """在城区周边督察检查: the place right before the verb."""
    m = v.P.i_place_at.search(v.text, cs, ts)
    return v.arg(*m.span("place")) if m else None
