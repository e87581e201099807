"""``conference``: named conferences, forums and ceremonies (``rules/events/conference.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import add, after_open, attendance_args, emit, new_event, place_before, texts
from .context import ORGLOC, R, ArticleView, PageView, Sent


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
            place = place_before(v, subject_end, ts)
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
    pos = after_open(v, pos, ce, "了")
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
