"""``inspection``: 调研, 检查, 视察 … with inspectors and sites (``rules/events/inspection.toml``)."""

from __future__ import annotations

from ...core.records import ArgRecord
from .common import add, after_open, attendance_args, emit, new_event, pers, texts
from .context import LOOKBACK, ORGLOC, R, ArticleView, PageView, Sent


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
    a = after_open(v, te, ce, "了先后分别")
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
