"""The ten event types, one function each, over the body sentences of each article.

Each extractor reads one sentence (with the article around it through :class:`ArticleView`) and
appends :class:`EventRecord` s to ``art.events``. The words come from ``rules/events/*.toml``; what
stays here is the reading order: where the subject stands relative to the trigger, which
sentences may carry attendees, when two mentions are one happening.
"""

from __future__ import annotations

from typing import Callable

import regex

from ..document import ArgRecord, EventRecord, Mention
from .context import LOOKBACK, ORGLOC, R, ArticleView, Measure, PageView, Sent, parse_number

Extractor = Callable[[PageView, ArticleView, Sent], None]

_CLAUSE = "，,；;：:。！？!?"


# ---------------------------------------------------------------------- event helpers


def new_event(v: PageView, art: ArticleView, sent: Sent, etype: str, ts: int, te: int,
              date: str | None | bool = True) -> EventRecord:
    if date is True:
        date = v.event_date(art, sent, ts)
    return EventRecord(etype, v.text[ts:te], ts, te, (sent.start, sent.end), date=date or None, args={})


def add(ev: EventRecord, role: str, arg: ArgRecord | None) -> None:
    if arg is None or not arg.text.strip():
        return
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


def _after_open(v: PageView, pos: int, end: int, words: str = "了") -> int:
    while pos < end and v.text[pos] in words + " ":
        pos += 1
    return pos


# ---------------------------------------------------------------------- attendance


def attendance_args(v: PageView, art: ArticleView, sent: Sent, verbs: regex.Pattern, *,
                    from_pos: int, exclude: set[str], window: int = 8) -> list[ArgRecord]:
    """People (and ``…负责人`` groups) listed before 参加/出席/陪同 in the trigger sentence (after
    ``from_pos``) and in the next sentences of the article; each sentence serves one event."""
    out: list[ArgRecord] = []
    for s in art.sents[sent.index: sent.index + window]:
        if s.index in art.used_attendance:
            continue
        start = from_pos if s is sent else s.start
        found = _attendance_in(v, s, start, verbs, exclude)
        if found:
            if s is not sent:
                art.used_attendance.add(s.index)
            out.extend(found)
    return out


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
                # a group after the last name in the same item (…孙星鹏，党政办公室…负责人)
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


# ---------------------------------------------------------------------- meeting


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
            if conn is None:
                continue
            hosts = pers(v, cs, conn) or [m for m in v.ents_in(cs, conn, ("ORG", "LOC")) if not v.person_org(m)]
            end = ts
            d = P.m_delegation.search(t, conn, ts)
            if d:
                end = d.start()
            guests = pers(v, conn, end) or [m for m in v.ents_in(conn, end, ("ORG",)) if not v.person_org(m)]
        if not hosts or not guests:
            continue
        host_t, guest_t = {h.text for h in hosts}, {g.text for g in guests}
        if any(e.type == "meeting" and (texts(e, "guest") & guest_t) for e in art.events):
            return
        ev = new_event(v, art, sent, "meeting", ts, te)
        for h in hosts:
            add(ev, "host", v.ent_arg(h))
        for g in guests:
            add(ev, "guest", v.ent_arg(g))
        place = _place_before(v, cs, ts)
        if place is not None:
            add(ev, "place", place)
        for a in _topics(v, art, sent, ts):
            add(ev, "topic", a)
        for a in attendance_args(v, art, sent, P.m_attend, from_pos=ce, exclude=host_t | guest_t):
            add(ev, "attendee", a)
        emit(art, ev)
        return


def _place_before(v: PageView, cs: int, ts: int) -> ArgRecord | None:
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


# ---------------------------------------------------------------------- inspection


def inspections(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    triggers = sorted(
        [(m.start(), m.end(), "object") for m in P.i_object.finditer(t, sent.start, sent.end)]
        + [(m.start(), m.end(), "arrival") for m in P.i_arrival.finditer(t, sent.start, sent.end)]
    )
    for ts, te, kind in triggers:
        if v.ent_covering(ts) is not None or P.i_not_followed.match(t, te) or P.i_not_preceded.search(t, max(sent.start, ts - 4), ts):
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        cs = max(cs, ts - LOOKBACK)
        subj_s = cs
        for k in range(ts - 1, cs, -1):
            if t[k] in "对向为与和同" and v.ent_covering(k) is None and pers(v, k, ts):
                subj_s = k + 1  # 白建成对汤帅一行来临考察: the inspector is 汤帅
                break
        inspectors = [p for p in pers(v, subj_s, ts) if not R(r"陪同|一同|随同").search(t[p.end:ts])]
        existing = [e for e in art.events if e.type == "inspection"]
        target = None
        if inspectors:
            names = {p.text for p in inspectors}
            target = next((e for e in existing if texts(e, "inspector") & names), None)
        elif existing and (kind == "arrival" or "一行" in t[cs:ts]):
            target = existing[-1]
        else:
            continue
        sites = _sites(v, te, ce, kind)
        if sites is None:
            continue
        if target is None:
            ev = new_event(v, art, sent, "inspection", ts, te)
            for p in inspectors:
                add(ev, "inspector", v.ent_arg(p))
            emit(art, ev)
        else:
            ev = target
        for a in sites:
            add(ev, "site", a)
        place = _inspection_place(v, cs, ts)
        if place is not None:
            add(ev, "place", place)
        exclude = texts(ev, "inspector")
        for p in pers(v, sent.start, sent.end):
            if R(r"陪同|一同|随同").search(t[p.end:min(sent.end, p.end + 6)]) and p.text not in exclude:
                add(ev, "accompanying", v.ent_arg(p))
        for a in attendance_args(v, art, sent, P.i_accompany, from_pos=ce, exclude=exclude):
            add(ev, "accompanying", a)


def _sites(v: PageView, te: int, ce: int, kind: str) -> list[ArgRecord] | None:
    t, P = v.text, v.P
    a = _after_open(v, te, ce, "了先后分别")
    if a >= ce:
        return []
    obj = t[a:ce]
    if R(r"[0-9一二三四五六七八九十]{1,4}家[^，,。]{0,10}?企业|企业[0-9]{1,5}家").search(obj):
        return None  # an action on N enterprises is an enterprise_action
    b = ce
    # stop at a second verb phrase (详细了解…): sites are nouns
    stop = R(r"(?:实地|详细|现场|并|深入|听取|查看|了解|看望|慰问|督导|调研|检查|表示|进行|时)").search(obj)
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


# ---------------------------------------------------------------------- conference


def conferences(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    for m in P.c_verbs.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        if v.ent_covering(ts) is not None:
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        name = _name_after(v, te, ce)
        place = None
        subject_end = cs
        if name is None:
            found = _name_before(v, art, sent, cs, ts)
            if found is None:
                continue
            name, place = found
        if any(e.type == "conference" and t[name[0]:name[1]] in texts(e, "name") for e in art.events):
            continue
        ev = new_event(v, art, sent, "conference", ts, te)
        add(ev, "name", v.arg(*name, trim=False))
        orgs = [o for o in v.subject_orgs(art, sent, min(ts, name[0]), carry=False)
                if not (isinstance(o, Mention) and name[0] <= o.start < name[1])]
        for a in v.org_args(orgs):
            add(ev, "organizer", a)
        if place is None:
            place = _place_before(v, subject_end, ts)
        if place is not None and not texts(ev, "organizer") & {place.text}:
            add(ev, "place", place)
        inv = P.c_invite.search(t, name[1], sent.end)
        if inv:
            for x, y in v.split_list(*inv.span("who")):
                c = v.counts(x, y)
                value = {"count": c[0].count} if c else None
                add(ev, "participant", v.arg(x, y, value=value))
        exclude = texts(ev, "organizer")
        for a in attendance_args(v, art, sent, P.c_attend, from_pos=name[1], exclude=exclude):
            add(ev, "participant", a)
        emit(art, ev)


def _name_after(v: PageView, pos: int, ce: int) -> tuple[int, int] | None:
    t, P = v.text, v.P
    pos = _after_open(v, pos, ce, "了")
    if pos >= ce:
        return None
    if t[pos] in "“《":
        close = t.find("”" if t[pos] == "“" else "》", pos + 1, min(ce, pos + 60))
        if close > pos + 2 and P.c_name_end.search(t, close - 6, close) and not P.c_false_suffix.search(t, pos + 1, close):
            return pos + 1, close
        return None
    limit = min(ce, pos + 40)
    best = None
    for m in P.c_name_end.finditer(t, pos, limit):
        if R(r"[、，,。；;]").search(t[pos:m.end()]):
            break
        if P.c_false_suffix.search(t, max(pos, m.end() - 4), m.end()):
            continue
        if m.end() - pos >= 3:
            best = (pos, m.end())
    return best


def _name_before(v: PageView, art: ArticleView, sent: Sent, cs: int, ts: int):
    t, P = v.text, v.P
    best = None
    for m in P.c_name_end.finditer(t, cs, ts):
        rest = t[m.end():ts]
        pm = R(r"^(?:在(?P<place>[^，,。在]{1,20}?)|于[^，,。]{1,12}?)?(?:隆重|正式|顺利|成功|盛大)?$").match(rest)
        if pm and not P.c_false_suffix.search(t, max(cs, m.end() - 4), m.end()):
            best = (m, pm)
    if best is None:
        return None
    m, pm = best
    start = cs
    for o in v.subject_orgs(art, sent, m.start(), carry=False):
        if isinstance(o, Mention):
            start = max(start, o.end)
    for d in v.ents_in(cs, m.end()):
        if d.part == "dateline" or (d.label == "DATE" and d.start == start):
            start = max(start, d.end)
    start, _ = v.trim(start, m.end())
    if m.end() - start < 3:
        return None
    place = None
    if pm.group("place"):
        a, b = pm.span("place")
        a += m.end()
        b += m.end()
        ents = [e for e in v.ents_in(a, b) if e.label in ORGLOC and e.start == a and e.end == b]
        place = v.ent_arg(ents[0]) if ents else v.arg(a, b)
    return (start, m.end()), place


# ---------------------------------------------------------------------- agreement


def agreements(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    conf_names = [(a.start, a.end) for e in art.events if e.type == "conference" for a in e.args.get("name", [])]
    verbs = [m for m in P.a_verbs.finditer(t, sent.start, sent.end) if v.ent_covering(m.start()) is None]
    inside = [m for m in verbs if any(a <= m.start() < b for a, b in conf_names)]
    free = [m for m in verbs if m not in inside]
    nouns = [m for m in P.a_nouns.finditer(t, sent.start, sent.end)]
    for m in free + inside + nouns:
        ts, te = m.span()
        if m.group() in P.a_weak and not P.a_nouns.match(t, _after_open(v, te, sent.end)):
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        ev = new_event(v, art, sent, "agreement", ts, te)
        # parties: ORG/LOC before the trigger joined by 与/和; 双方 → the sides of the meeting
        parties = [o for o in v.ents_in(cs, ts, ("ORG", "LOC")) if not v.person_org(o)
                   and not any(a <= o.start < b for a, b in conf_names)]
        projects: list[tuple[int, int]] = []
        # A公司B项目、C公司D项目等5个项目现场签约
        lst = R(r"等?(?P<n>[0-9一二三四五六七八九十]{1,3})个(?:项目|重点项目|重大项目)").search(t[cs:ts])
        if lst:
            items_end = cs + lst.start()
            items = v.split_list(cs, items_end)
            for x, y in items:
                head = [o for o in v.ents_in(x, y, ("ORG",)) if o.start == x]
                if head and y - head[0].end >= 2:
                    projects.append((head[0].end, y))
            a, b = cs + lst.start("n"), cs + lst.end()
            if not projects:
                projects.append((a, b))
        if P.a_both.search(t, cs, ts) and len(parties) < 2:
            parties = _meeting_sides(v, art) or parties
        for p in parties:
            add(ev, "party", v.ent_arg(p))
        if not projects:
            after = v.find_projects(te, ce) or v.find_projects(cs, ts)
            projects = [v.project_parts(s)[0] for s in after]
        for s in projects:
            add(ev, "project", v.arg(*s))
        money = _agreement_amount(v, art, sent, ts)
        if money is not None:
            add(ev, "amount", v.value_arg(money))
        place = _place_before(v, sent.start, ts)
        if place is not None:
            add(ev, "place", place)
        if not (has(ev, "party") or has(ev, "project")):
            continue
        emit(art, ev)
        return


def _meeting_sides(v: PageView, art: ArticleView) -> list[Mention]:
    meeting = next((e for e in reversed(art.events) if e.type == "meeting"), None)
    if meeting is None:
        return []
    out = []
    for role in ("host", "guest"):
        for a in meeting.args.get(role, []):
            if a.entity is None:
                continue
            if a.entity.label in ORGLOC:
                out.append(a.entity)
                break
            orgs = [o for o in v.ents_in(max(0, a.start - 30), a.start, ("ORG", "LOC")) if v.person_org(o)]
            if orgs:
                out.append(orgs[-1])
                break
    return out if len(out) == 2 else []


def _agreement_amount(v: PageView, art: ArticleView, sent: Sent, ts: int) -> Mention | None:
    monies = v.ents_in(sent.start, sent.end, ("MONEY",))
    for m in monies:
        if v.P.a_amount_cue.search(v.text, max(sent.start, m.start - 8), m.start):
            return m
    after = [m for m in monies if m.start > ts]
    if after:
        return after[0]
    nxt = art.sents[sent.index + 1] if sent.index + 1 < len(art.sents) else None
    if nxt is not None and nxt.para == sent.para and v.P.project_anaphor_start.match(v.text, nxt.start):
        for m in v.ents_in(nxt.start, nxt.end, ("MONEY",)):
            if v.P.a_amount_cue.search(v.text, max(nxt.start, m.start - 8), m.start):
                return m
    return None


# ---------------------------------------------------------------------- project milestone


def milestones(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    conf_names = [(a.start, a.end) for e in art.events if e.type == "conference" for a in e.args.get("name", [])]
    for chain in _stage_chains(v, sent):
        ts = chain[0].start()
        te = chain[-1].end()
        if v.ent_covering(ts) is not None:
            continue
        in_name = next(((a, b) for a, b in conf_names if a <= ts < b), None)
        if in_name is not None:
            _ceremony_milestone(v, art, sent, in_name, chain)
            continue
        if chain[-1].group() in P.ms_clause_final:
            after = _after_open(v, te, len(t), "中了 ")
            if after < len(t) and t[after] not in _CLAUSE + "。":
                continue
        if P.ms_not_followed.match(t, te) or P.ms_not_preceded.search(t, max(sent.start, ts - 4), ts):
            continue
        cs, ce = v.clause_at(sent, ts)
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        stage = max((P.stage_of[m.group()] for m in chain), key=lambda s: P.stage_order[s])
        weak = all(m.group() in P.ms_weak for m in chain)
        # the stage phrase: adverbs before the first trigger, 阶段 after the last
        pm = P.ms_prefix.search(t, max(cs, ts - 8), ts)
        ps = pm.start() if pm else ts
        if P.ms_not_preceded.search(t, max(sent.start, ps - 4), ps):
            continue
        tail = P.ms_tail.match(t, te, ce)
        stage_end = tail.end() if tail else te
        stage_start = ps
        for adv in ("已经", "已"):
            if t.startswith(adv, stage_start) and stage_start + len(adv) <= ts:
                stage_start += len(adv)
                break
        res = _milestone_project(v, art, sent, cs, ps, te, ce, chain)
        if res is None:
            continue
        kind, projects, place, part_start, figures_from = res
        if weak and kind not in ("named", "object"):
            continue
        projects = [p for p in projects if p is not None]
        if not projects:
            continue
        if part_start is not None:
            stage_start = min(stage_start, part_start)
        stage_arg = v.arg(stage_start, stage_end, value=stage, trim=False)
        if kind in ("named", "carried"):
            prev = _same_project(art, projects)
            if prev is not None:
                if prev.sentence == (sent.start, sent.end) and P.stage_order[stage] > P.stage_order[prev.args["stage"][0].value]:
                    prev.trigger_text, prev.trigger_start, prev.trigger_end = chain[0].group(), ts, chain[0].end()
                    prev.args["stage"] = [stage_arg]
                continue
        ev = new_event(v, art, sent, "project_milestone", ts, chain[0].end())
        for p in projects:
            add(ev, "project", p)
        add(ev, "stage", stage_arg)
        if place is not None:
            add(ev, "place", v.ent_arg(place))
        _milestone_figures(v, ev, figures_from[0], figures_from[1], sent)
        if kind in ("named", "carried"):
            art.named_milestones.add(id(ev))
        emit(art, ev)


def _stage_chains(v: PageView, sent: Sent) -> list[list[regex.Match]]:
    t, P = v.text, v.P
    chains: list[list[regex.Match]] = []
    for m in P.ms_trigger.finditer(t, sent.start, sent.end):
        if chains:
            last = chains[-1][-1]
            gap = t[last.end():m.start()]
            if P.ms_glue.match(gap) and not R(f"[{_CLAUSE}]").search(gap) and not v.is_future(last.end(), m.start()):
                chains[-1].append(m)
                continue
        chains.append([m])
    return chains


def _milestone_project(v: PageView, art: ArticleView, sent: Sent, cs: int, ps: int, te: int, ce: int,
                       chain: list[regex.Match]):
    """(kind, project args, place, start of a part phrase kept in the stage, figure span) or None.

    kind: ``named`` (a project name or 该项目), ``object`` (完成X), ``nominal`` (开工项目共N个),
    ``substep`` (宿舍楼、办公楼装修装饰已经完工: its own event, never merged).
    """
    t, P = v.text, v.P
    pre_s, pre_e = v.trim(cs, ps)
    for _ in range(3):  # 目前，/ 今年上半年 / 其中 / 已于5月底 open a clause without being its subject
        op = P.clause_openers.match(t, pre_s, pre_e) or R(r"已于|已经|将于|于|已").match(t, pre_s, pre_e)
        if op:
            pre_s = op.end()
        for d in v.ents_in(pre_s, pre_e, ("DATE",)):
            if d.start == pre_s:
                pre_s = d.end
        pre_s, pre_e = v.trim(pre_s, pre_e) if pre_s < pre_e else (pre_e, pre_e)
    pre = t[pre_s:pre_e]
    trig = chain[0].group()
    # a) 该项目 / 项目一期厂房主体: the last named project of the article
    ana = P.project_anaphor_start.match(t, pre_s, pre_e) if pre_s < pre_e else None
    if ana and not P.project_suffix.search(t, ana.end(), pre_e):
        ref = v.antecedent(art, pre_s)
        if ref is not None:
            rest = ana.end()
            part = rest if rest < pre_e else None
            return "named", [v.arg(*ref, trim=False)], None, part, (pre_s, ce)
    # b) a named project right before the trigger (…工程正火热进行 / …中心已完成 / …工程767米已经建成)
    named = v.find_projects(pre_s, pre_e, weak=True)
    if named:
        span = named[-1]
        gap_text = t[span[1]:pre_e]
        for d in v.ents_in(span[1], pre_e, ("DATE", "QUANTITY", "AREA")):
            gap_text = gap_text.replace(d.text, "")
        gap = R(r"(?:[0-9.]+|约|近|余|多|米|公里|千米|个|栋|座|条|亩|万|平方米|的|均|都|目前|全线|整体|"
                        r"已经|已|于|将于|在|主体结构|主体|结构|厂房|一期|二期|三期|首期|工程|全面)").sub("", gap_text)
        if not gap:
            core, place, _ = v.project_parts(span)
            return "named", [v.arg(*core)], place, None, (span[0], ce)
    # c) verb-object: 完成X, 开工建设X (完成投资, 完成整改 are not milestones)
    obj_s = _after_open(v, te, ce, "了的")
    if trig in P.ms_object_triggers and obj_s < ce:
        if P.ms_not_objects.search(t, obj_s, min(ce, obj_s + 10)):
            return None
        return _object_projects(v, obj_s, ce)
    # nominal 开工项目 (此次集中开工项目共23个): the figures of a ceremony named before
    if t.startswith("项目", te):
        ceremony = next((e for e in art.events if e.type == "project_milestone" and id(e) in art.ceremonies), None)
        if ceremony is not None:
            _milestone_figures(v, ceremony, te, sent.end, sent)
            return None
        return "nominal", [v.arg(ps, te + 2)], None, None, (ps, ce)
    group_start = max(sent.start, cs - LOOKBACK, max(t.rfind("；", sent.start, cs), t.rfind(";", sent.start, cs)) + 1)
    named_before = v.find_projects(group_start, pre_s if pre else ps, weak=True)
    ref = v.project_parts(named_before[-1])[0] if named_before else None
    # d) a part phrase: 一期工程已完工 after the project named earlier in the sentence
    if pre and R(r"(?:一期|二期|三期|四期|首期|主体|厂房主体|项目主体)").match(pre):
        ref = ref or v.antecedent(art, pre_s)
        if ref is not None:
            return "named", [v.arg(*ref, trim=False)], None, pre_s, (pre_s, ce)
        return "substep", [v.arg(pre_s, pre_e)], None, None, (pre_s, ce)
    # e) a sub-step subject (宿舍楼、办公楼装修装饰已经完工): its own event, not merged
    if pre and len(pre) <= 30 and not R(r"[，,。；;“”]|到位|完成|并$|且$|后$|和$").search(pre) \
            and P.ms_construction_end.search(pre) \
            and not v.ents_in(pre_s, pre_e, ("PER",)) and not v.is_future(pre_s, pre_e) \
            and not any(m.start == pre_s and m.end >= pre_e - 1 for m in v.ents_in(pre_s, pre_e, ("ORG", "LOC"))) \
            and not R(r"实地|查看|了解|推动|推进|加快|确保|协调|解决|开始").search(pre):
        return "substep", [v.arg(pre_s, pre_e)], None, None, (pre_s, ce)
    # f) no subject of its own (…并进入调试阶段, 目前已完工): the project named earlier in the
    #    sentence, else the article's
    if ref is not None:
        return "carried", [v.arg(*ref)], None, None, (ref[0], ce)
    if not pre and not all(m.group() in P.ms_weak for m in chain):
        ref = v.antecedent(art, ps)
        if ref is not None:
            return "named", [v.arg(*ref, trim=False)], None, None, (ps, ce)
    return None


def _ceremony_milestone(v: PageView, art: ArticleView, sent: Sent, name: tuple[int, int],
                        chain: list[regex.Match]) -> None:
    """A 集中开工活动 / 竣工仪式 is also the milestone of the projects it names (重大项目)."""
    t, P = v.text, v.P
    ts = chain[0].start()
    if any(id(e) in art.ceremonies for e in art.events):
        return
    if not R(r"(?:活动|仪式|典礼)$").search(t[name[0]:name[1]]) or \
            P.stage_order[max((P.stage_of[m.group()] for m in chain), key=lambda s: P.stage_order[s])] < P.stage_order["started"] or \
            all(P.stage_of[m.group()] == "under_construction" for m in chain):
        return  # 推进大会 is a meeting about progress, 开工仪式 is a start
    a = name[0]
    for d in v.ents_in(name[0], ts, ("DATE",)):
        if d.start == a:
            a = d.end
    pm = P.ms_prefix.search(t, max(a, ts - 4), ts)
    ps = pm.start() if pm else ts
    a, b = v.trim(a, ps)
    stage = max((P.stage_of[m.group()] for m in chain), key=lambda s: P.stage_order[s])
    ev = new_event(v, art, sent, "project_milestone", ts, chain[0].end())
    if b - a >= 2:
        add(ev, "project", v.arg(a, b))
    add(ev, "stage", v.arg(ps, chain[-1].end(), value=stage, trim=False))
    art.ceremonies.add(id(ev))
    emit(art, ev)


def _object_projects(v: PageView, obj_s: int, ce: int):
    t = v.text
    if not v.P.ms_construction.search(t, obj_s, ce):
        return None  # 完成整治128个, 完成货邮吞吐量…: a statistic, not a project
    named = v.find_projects(obj_s, ce, weak=False)
    counts = [c for c in v.counts(obj_s, ce) if c.unit in v.P.ms_quantity_units]
    if counts and counts[0].start > obj_s + 1:
        items = v.split_list(obj_s, counts[0].start)
        return "object", [v.arg(a, b) for a, b in items], None, None, (obj_s, ce)
    if named:
        core, place, _ = v.project_parts(named[-1])
        return "named", [v.arg(*core)], place, None, (obj_s, ce)
    # the object minus trailing measures (杨家庄物流园、泉东产业园平台80亩)
    end = ce
    vals = v.ents_in(obj_s, ce, ("AREA", "MONEY", "QUANTITY", "PERCENT"))
    if vals:
        end = min(end, vals[0].start)
    cnt = v.counts(obj_s, end)
    if cnt:
        end = min(end, cnt[0].start) if cnt[0].start > obj_s else end
    if end - obj_s < 2 or end - obj_s > 30:
        return None
    arg = v.arg(obj_s, end)
    return "object", ([arg] if arg else []), None, None, (obj_s, ce)


def _same_project(art: ArticleView, projects: list[ArgRecord]) -> EventRecord | None:
    names = {p.text for p in projects}
    for e in art.events:
        if e.type == "project_milestone" and id(e) in art.named_milestones and texts(e, "project") & names:
            return e
    return None


def _milestone_figures(v: PageView, ev: EventRecord, start: int, end: int, sent: Sent) -> None:
    """Area, floor area, length, quantity, investment, place in ``[start, end)``."""
    t, P = v.text, v.P
    used: list[tuple[int, int]] = [(a.start, a.end) for arg in ev.args.values() for a in arg]
    for m in v.ents_in(start, end, ("AREA",)):
        cue = t[max(sent.start, m.start - 8):m.start]
        if P.ms_floor_cue.search(cue):
            role = "floor_area"
        elif P.ms_area_cue.search(cue):
            role = "area"
        else:
            unit = (m.value or {}).get("original", {}).get("unit", "") if isinstance(m.value, dict) else ""
            role = "floor_area" if "平方米" in (unit or m.text) and "平方公里" not in m.text else "area"
        if not has(ev, role):
            add(ev, role, v.value_arg(m))
    if not has(ev, "investment"):
        for m in v.ents_in(start, end, ("MONEY",)):
            if P.ms_invest_cue.search(t, max(sent.start, m.start - 8), m.start):
                add(ev, "investment", v.value_arg(m))
                break
    if not has(ev, "length"):
        for c in v.lengths(start, end):
            cue = t[max(sent.start, c.start - 6):c.start]
            proj_end = max((a.end for a in ev.args.get("project", [])), default=-1)
            if P.ms_length_cue.search(cue) or c.start == proj_end:
                add(ev, "length", v.length_arg(c))
                break
    if not has(ev, "quantity"):
        for c in v.counts(start, end):
            if c.unit in P.ms_quantity_units and not any(a <= c.start < b for a, b in used):
                if v.ents_in(c.start, c.end, ("MONEY", "AREA", "PERCENT", "DATE")):
                    continue
                add(ev, "quantity", v.count_arg(c))
                break
    if not has(ev, "place"):
        m = P.ms_place_cue.search(t, start, end)
        if m:
            ents = [e for e in v.ents_in(m.end(), end, ORGLOC) if e.start <= m.end() + 1]
            if ents:
                add(ev, "place", v.ent_arg(ents[0]))


def milestone_context(v: PageView, art: ArticleView) -> None:
    """Fill a named project's figures from the other sentences of the article about it
    (``生物医药制造生产项目位于…，占地面积100亩，总建筑面积近9.3万平方米``)."""
    for ev in art.events:
        if ev.type != "project_milestone" or id(ev) not in art.named_milestones:
            continue
        names = [a for a in ev.args.get("project", []) if a.text and len(a.text) >= 4]
        if not names:
            continue
        name = names[0]
        home = next((s.index for s in art.sents if (s.start, s.end) == ev.sentence), 0)
        near = art.sents[max(0, home - 12): home + 16]  # a project is described near its milestone
        # the place cut from the front of the project's first mention
        for s in near:
            for span in v.find_projects(s.start, s.end, weak=True):
                core, place, org = v.project_parts(span)
                if v.text[core[0]:core[1]] == name.text and place is not None and not has(ev, "place"):
                    add(ev, "place", v.ent_arg(place))
        for s in near:
            span = _about_project(v, art, s, name.text)
            if span is not None:
                _milestone_figures(v, ev, span[0], span[1], s)


def _about_project(v: PageView, art: ArticleView, s: Sent, name: str) -> tuple[int, int] | None:
    """The part of sentence ``s`` about the project ``name``: the whole sentence (to its first
    ；) when the project or 该项目 is its subject, else the name's own clause."""
    t = v.text
    clauses = v.clauses(s)
    if not clauses:  # a sentence of punctuation alone (a page that starts with 。) says nothing
        return None
    first = v.trim(*clauses[0])
    for c in clauses:  # the first clause that is more than a date or a dateline
        a, b = v.trim(*c)
        rest = [m for m in v.ents_in(a, b) if m.label == "DATE" or m.part == "dateline"]
        if b - a > 6 and not (rest and rest[-1].end >= b - 1):
            first = (a, b)
            break
    k = t.find(name, s.start, s.end)
    semi = R(r"[；;]").search(t, max(k, s.start), s.end)
    group_end = semi.start() if semi else s.end
    if k >= 0:
        # the subject: the name in the first clause (after a date, 走进…, 其中)
        if k < first[1]:
            return k, group_end
        cs, ce = v.clause_at(s, k)
        return k, ce
    ana = v.P.project_anaphor_start.match(t, *first)
    if ana:
        ref = v.antecedent(art, s.start)
        if ref is not None and t[ref[0]:ref[1]] == name:
            return s.start, group_end
    return None


# ---------------------------------------------------------------------- investment


def investments(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    for m in P.inv_trigger.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        cs, ce = v.clause_at(sent, ts)
        money = next((x for x in v.ents_in(te, min(ce, te + P.inv_gap + 12), ("MONEY",))
                      if x.start - te <= P.inv_gap and not R(f"[{_CLAUSE}]").search(t[te:x.start])), None)
        if money is None:
            continue
        if v.is_future(cs, max(cs, ts - 2)) or v.in_speech(sent, ts):
            continue  # (拟/计划 right before the trigger state the investment, they do not defer it)
        if any(e.type == "investment" and any(a.start == money.start for a in e.args.get("amount", [])) for e in art.events):
            continue
        ev = new_event(v, art, sent, "investment", ts, te)
        add(ev, "amount", v.value_arg(money))
        count, scope = _project_count(v, sent, ts)
        org_from_project = None
        if count is not None:
            add(ev, "project_count", v.count_arg(count))
        if scope is None:
            named = v.find_projects(sent.start, ts, weak=False)
            pre = t[v.trim(cs, ts)[0]:ts]
            if named:
                core, _, org_from_project = v.project_parts(named[-1])
                scope = core
            elif P.project_anaphor.search(pre) or P.project_anaphor_start.match(pre):
                scope = v.antecedent(art, ts)
        if scope is not None:
            add(ev, "scope", v.arg(*scope))
        orgs = [org_from_project] if org_from_project is not None else v.subject_orgs(art, sent, ts, carry=True)
        for a in v.org_args(orgs):
            add(ev, "org", a)
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)
    _company_investments(v, art, sent)


def _company_investments(v: PageView, art: ArticleView, sent: Sent) -> None:
    """``宜昌鑫港物流有限公司投资4.2亿元建设的冷链物流园项目``: an ORG invests an amount."""
    t, P = v.text, v.P
    for m in P.inv_org_trigger.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        if P.inv_trigger.match(t, ts) and P.inv_trigger.match(t, ts).end() > te:
            continue  # 总投资/计划投资 are read above
        cs, ce = v.clause_at(sent, ts)
        money = next((x for x in v.ents_in(te, min(ce, te + 8), ("MONEY",)) if x.start - te <= 2), None)
        if money is None or P.inv_not_after.search(t, max(cs, ts - 6), ts):
            continue
        orgs = [o for o in v.ents_in(max(cs, ts - 30), ts, ("ORG",)) if not v.person_org(o)]
        if not orgs or R(r"[，,。；;]").search(t, orgs[-1].end, ts) or ts - orgs[-1].end > 12:
            continue
        if v.is_future(cs, max(cs, ts - 2)) or v.in_speech(sent, ts):
            continue
        if any(e.type == "investment" and any(a.start == money.start for a in e.args.get("amount", [])) for e in art.events):
            continue
        ev = new_event(v, art, sent, "investment", ts, te)
        add(ev, "org", v.ent_arg(orgs[-1]))
        add(ev, "amount", v.value_arg(money))
        named = v.find_projects(money.end, min(ce, money.end + 40), weak=True)
        if named:
            add(ev, "scope", v.arg(*v.project_parts(named[0])[0]))
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)


def _project_count(v: PageView, sent: Sent, ts: int) -> tuple[Measure | None, tuple[int, int] | None]:
    t, P = v.text, v.P
    best = None
    for pat in (P.inv_count_after, P.inv_count_before):
        for m in pat.finditer(t, sent.start, ts):
            if best is None or m.end() > best.end():
                best = m
    if best is None:
        return None, None
    cs, ce = best.span("count")
    num = parse_number(t[cs:ce])
    if num is None:
        return None, None
    count = Measure(cs, ce + 1, t[cs:ce + 1], num, "个")
    a, b = best.span("scope")
    # cut the subject, verbs and adverbs off the front: 阳泉高新区共实施省、市重点工程项目 → 省、市重点工程项目
    for e in v.ents_in(a, b):
        if e.start == a and e.label in ORGLOC | {"DATE"}:
            a = e.end
    while True:
        m = R(r"(?:此次|本次|今年|全年|年内|年度|会上|发布|全市|全区|全县|全省|共|累计|计划|已|新|正在|集中|" + P.inv_project_verbs.pattern[3:-1] + r")").match(t[a:b])
        if not m or m.end() == 0 or b - (a + m.end()) < 2:
            break
        if t[a:b].startswith(("新开工", "集中开工")) and a + m.end() < b and t[a + m.end():b] == "项目":
            break
        a += m.end()
    a, b = v.trim(a, b)
    scope = (a, b) if b - a >= 2 and t[a:b] != "项目" else None
    return count, scope


# ---------------------------------------------------------------------- funding


def fundings(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    if _passive_funding(v, art, sent):
        return
    for m in P.f_verbs.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        if v.ent_covering(ts) is not None:
            continue
        cs, ce = v.clause_at(sent, ts)
        money = first_money(v, te, min(ce, te + 32))
        if money is None:
            continue
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        src = None
        between = t[te:money.start]
        sb = P.f_source_before.search(between)
        if sb and not R(f"[{_CLAUSE}]").search(between):
            a, b = te + sb.start("src"), te + sb.end("src")
            src = (a, b)
        else:
            sa = P.f_source_after.match(t, money.end, ce)
            if sa:
                src = sa.span("src")
        if src is None:
            continue
        a, b = _clean_source(v, *src)
        ev = new_event(v, art, sent, "funding", ts, te)
        rec = _recipient(v, art, sent, cs, ts)
        for r in rec:
            add(ev, "recipient", r)
        add(ev, "amount", v.value_arg(money))
        add(ev, "source", v.arg(a, b))
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)
        return


def _clean_source(v: PageView, a: int, b: int) -> tuple[int, int]:
    t, P = v.text, v.P
    for d in v.ents_in(max(0, a - 12), b, ("DATE",)):
        if d.start < b and d.end > a:
            a = max(a, d.end)  # 2020年中央财政专项扶贫资金 → 中央财政专项扶贫资金
    while True:
        p = P.f_strip_prefix.match(t, a, b)
        if not p or p.end() == a:
            break
        a = p.end()
    s2 = P.f_strip_suffix.search(t, a, b)
    if s2 and s2.start() > a:
        b = s2.start()
    return a, b


def _passive_funding(v: PageView, art: ArticleView, sent: Sent) -> bool:
    """``首批纾困专项资金3.2亿元已下达``: the source before the amount, the verb after it."""
    t, P = v.text, v.P
    for money in v.ents_in(sent.start, sent.end, ("MONEY",)):
        pm = P.f_passive.match(t[money.end:min(sent.end, money.end + 8)])
        if not pm:
            continue
        cs, ce = v.clause_at(sent, money.start)
        sb = P.f_source_before.search(t[cs:money.start])
        if not sb:
            continue
        a, b = _clean_source(v, cs + sb.start("src"), cs + sb.end("src"))
        ts, te = money.end + pm.start("verb"), money.end + pm.end("verb")
        ev = new_event(v, art, sent, "funding", ts, te)
        nxt = R(r"(?:支持|用于|惠及|覆盖|帮助)(?P<r>[^，,。；;]{2,20})").search(t[te:sent.end])
        if nxt:
            add(ev, "recipient", v.arg(te + nxt.start("r"), te + nxt.end("r")))
        add(ev, "amount", v.value_arg(money))
        add(ev, "source", v.arg(a, b))
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)
        return True
    return False


def _recipient(v: PageView, art: ArticleView, sent: Sent, cs: int, ts: int) -> list[ArgRecord]:
    t, P = v.text, v.P
    named = v.find_projects(cs, ts, weak=False)
    if named:
        return [a for a in [v.arg(*named[-1])] if a]
    m = P.f_recipient_preps.search(t, cs, ts)
    if m:
        a = v.arg(*m.span("r"))
        return [a] if a else []
    return v.org_args(v.subject_orgs(art, sent, ts, carry=True))


# ---------------------------------------------------------------------- remediation


def remediations(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    if not P.r_required.search(t, sent.start, sent.end):
        return
    roles: dict[str, tuple[Measure, tuple[int, int]]] = {}
    trigger = None
    for cs, ce in v.clauses(sent):
        for m in P.r_verbs.finditer(t, cs, ce):
            role = P.r_role_of[m.group()]
            if role in roles:
                continue
            if v.is_future(cs, m.start()):
                continue
            counts = [c for c in v.counts(m.end(), min(ce, m.end() + 24))
                      if not v.ents_in(c.start, c.end, ("MONEY", "AREA", "PERCENT", "DATE"))]
            if not counts:
                continue
            c = counts[0]
            gap = t[m.end():c.start]
            if R(r"[0-9]").search(gap) or P.r_verbs.search(gap):
                continue
            roles[role] = (c, (m.end(), c.start))
            tm = R("|".join(sorted(P.r_triggers, key=len, reverse=True))).search(m.group())
            if tm and (trigger is None or m.start() < trigger[0]):
                trigger = (m.start() + tm.start(), m.start() + tm.end())
    if trigger is None or not ({"found", "rectified", "closed"} & set(roles)):
        return
    ts, te = trigger
    ev = new_event(v, art, sent, "remediation", ts, te)
    for role in ("found", "rectified", "closed"):
        if role in roles:
            add(ev, role, v.count_arg(roles[role][0]))
    scope = None
    if "found" in roles:
        a, b = v.trim(*roles["found"][1])
        a = _after_open(v, a, b, "出了各")
        if t[a:b].startswith("类"):
            a += 1
        if b - a >= 2 and t[a:b] not in P.r_generic:
            scope = v.arg(a, b)
    if scope is None:
        m = P.r_inspect_object.search(t, sent.start, sent.end)
        if m and t[m.start("scope"):m.end("scope")] not in P.r_generic:
            scope = v.arg(*m.span("scope"))
    if scope is None:
        for s in reversed(art.sents[:sent.index + 1]):
            if s.para != sent.para:
                break
            m = P.r_campaign.search(t, s.start, s.end)
            if m:
                scope = v.arg(*m.span("scope"))
                break
    add(ev, "scope", scope)
    for a in v.org_args(v.subject_orgs(art, sent, ts, carry=True)):
        add(ev, "org", a)
    add(ev, "period", date_arg(v, v.period(sent, ts)))
    emit(art, ev)


# ---------------------------------------------------------------------- enterprise_action


def enterprise_actions(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    for cs, ce in v.clauses(sent):
        if t.find("家", cs, ce) < 0:
            continue  # both shapes of e_count end the count in 家; the pattern is costly to scan
        for m in P.e_count.finditer(t, cs, ce):
            if m.group("num") is not None:
                ns, ne = m.span("num")
                tgt = m.span("tgt")
                cnt_end = ne + (len(m.group("qa")) if m.group("qa") else 0) + 1
                region_before_end = ns
                after_start = m.end()
            else:
                ns, ne = m.span("num2")
                tgt = m.span("tgt2")
                # the target phrase starts after the last verb in it (走访规上工业企业86家)
                inner = list(P.e_object_verbs.finditer(t, *tgt))
                if inner:
                    tgt = (inner[-1].end(), tgt[1])
                lead = R(r"[\p{Han}]{0,4}?(?:辖区|全市|全区|全县|园区|区内)").match(t[tgt[0]:tgt[1]])
                if lead and tgt[1] - tgt[0] - lead.end() >= 2:
                    tgt = (tgt[0] + lead.end(), tgt[1])
                cnt_end = m.end()
                region_before_end = tgt[0]
                after_start = m.end()
            num = parse_number(t[ns:ne])
            if num is None or num < 1:
                continue
            if v.is_future(cs, ns) or v.in_speech(sent, ns):
                continue
            found = _enterprise_action(v, cs, ce, region_before_end, after_start)
            if found is None:
                continue
            (trig_s, trig_e), action, targets_from_list, target2 = found
            count = Measure(ns, cnt_end, t[ns:cnt_end], num, "家")
            ev = new_event(v, art, sent, "enterprise_action", trig_s, trig_e)
            for a in v.org_args(v.subject_orgs(art, sent, min(trig_s, ns), carry=True)):
                add(ev, "org", a)
            add(ev, "action", action)
            add(ev, "count", v.count_arg(count))
            if targets_from_list:
                for o in targets_from_list:
                    add(ev, "target", v.ent_arg(o))
            elif target2 is not None:
                add(ev, "target", target2)
            else:
                a, b = tgt
                lead = R(r"(?:辖区|全市|全区|全县|园区|区内|县内|市内|本地|当地)").match(t[a:b])
                if lead:
                    a += lead.end()
                add(ev, "target", v.arg(a, b))
            add(ev, "period", date_arg(v, v.period(sent, trig_s)))
            emit(art, ev)


def _enterprise_action(v: PageView, cs: int, ce: int, before_end: int, after_start: int):
    """((trigger span), action arg, ORG targets listed before the count, target phrase) or None."""
    t, P = v.text, v.P
    # ORGs listed right before the count (协助昌鑫铸造、天雨消防…5家企业)
    listed: list[Mention] = []
    k = before_end
    for o in reversed(v.ents_in(cs, before_end, ("ORG",))):
        gap = t[o.end:k]
        if R(r"[、，,和及与等\s]{0,3}").fullmatch(gap):
            listed.insert(0, o)
            k = o.start
        else:
            break
    # the verb before the enterprises (allow 辖区/了/全市… between)
    verb = None
    for m in P.e_object_verbs.finditer(t, max(cs, k - 12), k):
        between = t[m.end():k]
        if R(r"(?:了|辖区|全市|全区|全县|园区|区内|重点|规上|共|累计|对|为)?").fullmatch(between) or listed:
            verb = m
    if verb is None:
        for p in P.e_preps:
            if t[max(cs, k - len(p) - 4):k].find(p) >= 0:
                pos = t.rfind(p, max(cs, k - len(p) - 4), k)
                if pos >= 0:
                    return _prep_action(v, pos, after_start, ce)
        return None
    vs, ve = verb.span()
    mod = P.e_modifiers.search(t, max(cs, vs - 4), vs)
    a_start = mod.start() if mod else vs
    if verb.group() in P.e_pivot:
        rest_s, rest_e = _action_phrase(v, after_start, ce)
        if rest_e - rest_s >= 2:
            inner = P.e_object_verbs.search(t, rest_s, rest_e)
            trig = (rest_s, rest_e) if inner is None else inner.span()
            if inner is None:
                tm = R(r"[\p{Han}]{2}").match(t[rest_s:rest_e])
                trig = (rest_s, rest_s + 2) if tm else (vs, ve)
            return trig, v.arg(rest_s, rest_e), listed, None
    return (vs, ve), v.arg(a_start, ve), listed, None


def _action_phrase(v: PageView, start: int, ce: int) -> tuple[int, int]:
    t, P = v.text, v.P
    m = P.e_light.match(t, start, ce)
    if m:
        start = m.end()
    end = ce
    vals = v.ents_in(start, ce, ("MONEY", "PERCENT", "AREA"))
    if vals:
        end = vals[0].start
        q = R(r"(?:超|近|约|达|共|合计|逾)$").search(t[start:end])
        if q:
            end -= len(q.group())
    return v.trim(start, end)


def _prep_action(v: PageView, prep: int, after_start: int, ce: int):
    """对/为 N家企业 [X] 开展 ACTION → action ACTION, target X."""
    t, P = v.text, v.P
    light = R(r"(?:有序开展|开展|进行|实施|提供)").search(t[after_start:ce])
    target2 = None
    if light:
        if light.start() >= 2:
            target2 = v.arg(after_start, after_start + light.start())
        a, b = _action_phrase(v, after_start + light.start(), ce)
    else:
        a, b = _action_phrase(v, after_start, ce)
    if b - a < 2:
        return None
    inner = P.e_object_verbs.search(t, a, b)
    if inner is None:
        return None
    return inner.span(), v.arg(a, b), [], target2


# ---------------------------------------------------------------------- metric


def metrics(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    # a metric is only kept with a percentage (see flush), so a sentence without one has none
    if not v.ents_in(sent.start, sent.end, ("PERCENT",)) or v.in_speech(sent, sent.end):
        return
    current: dict | None = None
    results: list[dict] = []

    def flush() -> None:
        nonlocal current
        if current is not None and current["percent"]:
            results.append(current)
        current = None

    for cs, ce in v.clauses(sent):
        if P.mt_forecast.search(t, cs, ce) and v.is_future(cs, ce):
            flush()
            continue
        if R(r"^对[^，,。]{0,30}的").match(t[v.trim(cs, ce)[0]:ce]):
            flush()  # 对…增长20%以上的企业，给予…: a policy condition, not a statistic
            continue
        values = [m for m in v.ents_in(cs, ce, ("PERCENT", "MONEY", "AREA", "QUANTITY"))]
        subj = _metric_subject(v, cs, ce, values)
        if subj is not None and not values and R(r"[0-9]").search(t, subj[1], ce):
            values = []  # 货邮吞吐量50.2万吨，增长10.1%: a level without a value entity
            flush()
            current = {"subject": subj, "values": [], "percent": False, "trigger": None}
            continue
        continuing = subj is None and current is not None and (
            P.mt_continuation.match(t, v.trim(cs, ce)[0]) or not _has_noun_start(v, cs, ce))
        if subj is not None and values:
            flush()
            current = {"subject": subj, "values": [], "percent": False, "trigger": None}
        elif not continuing:
            if values:
                flush()
            continue
        if current is None:
            continue
        for m in values:
            if m.label == "PERCENT":
                change = list(P.mt_change.finditer(t, max(cs, m.start - 10), m.start))
                negate = bool(change) and change[-1].group() in P.mt_decline
                current["values"].append(v.value_arg(m, negate=negate))
                current["percent"] = True
                if current["trigger"] is None:
                    cands = [c for c in P.mt_change.finditer(t, max(cs, current["subject"][1] if current["subject"][1] >= cs else cs), m.start)]
                    if cands:
                        best = min(cands, key=lambda c: (P.mt_pref.get(c.group(), 99), -c.start()))
                        current["trigger"] = best.span()
            elif m.label in ("MONEY", "AREA", "QUANTITY"):
                if m.start - (current["subject"][1] if current["subject"][1] >= cs else cs) <= 6:
                    current["values"].append(v.value_arg(m))
    flush()
    for r in results:
        # without a change word the indicator itself signals the metric (整改率95%)
        ts, te = r["trigger"] or r["subject"]
        ev = new_event(v, art, sent, "metric", ts, te)
        add(ev, "subject", v.arg(*r["subject"]))
        for a in r["values"]:
            ev.args.setdefault("value", []).append(a)
        own = v.own_date(sent, ts)
        add(ev, "period", date_arg(v, own))
        emit(art, ev)


def _has_noun_start(v: PageView, cs: int, ce: int) -> bool:
    a, b = v.trim(cs, ce)
    return bool(R(r"[\p{Han}]{2}").match(v.text[a:b])) and not v.P.mt_change.match(v.text, a)


def _metric_subject(v: PageView, cs: int, ce: int, values: list[Mention]) -> tuple[int, int] | None:
    t, P = v.text, v.P
    a = cs
    for m in v.ents_in(cs, ce):
        if m.start > a + 1:
            break
        if m.label == "DATE" or m.part == "dateline":
            a = m.end
    a, _ = v.trim(a, ce)
    end = ce
    if values:
        end = min(end, values[0].start)
    if P.mt_continuation.match(t, a):
        return None
    while True:
        p = P.mt_strip_prefix.match(t, a, end)
        if not p or p.end() == a:
            break
        a = p.end()
    mk = P.mt_marker.search(t, a, end)
    if mk:
        end = mk.start()
    dg = R(r"(?:约|近|超|逾)?[0-9]").search(t, a, end)
    if dg:
        end = dg.start()  # a level without a value entity (货运量1.8万吨)
    s = P.mt_strip_suffix.search(t, a, end)
    if s and s.start() > a:
        end = s.start()
    de = t.rfind("的", a, end)
    if de >= 0 and end - de > 2:
        a = de + 1
    a, end = v.trim(a, end)
    text = t[a:end]
    if not (2 <= len(text) <= P.mt_subject_max) or text in P.mt_bad_subjects:
        return None
    if R(r"[0-9，,。]").search(text):
        return None
    return a, end


# ---------------------------------------------------------------------- the reading order

#: Order matters: conferences before agreements and milestones (a 签约仪式 or 开工活动 name is
#: not itself an agreement or a milestone trigger).
EXTRACTORS: tuple[Extractor, ...] = (
    meetings, inspections, conferences, agreements, milestones, investments, fundings,
    remediations, enterprise_actions, metrics,
)


def extract(v: PageView) -> list[EventRecord]:
    out: list[EventRecord] = []
    for art in v.articles:
        for sent in art.sents:
            v.note_projects(art, sent)
            for fn in EXTRACTORS:
                fn(v, art, sent)
        milestone_context(v, art)
        out.extend(sorted(art.events, key=lambda e: (e.trigger_start, e.type)))
    for ev in out:
        ev.args = {role: items for role, items in ev.args.items() if items}
    return out
