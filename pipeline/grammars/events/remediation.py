"""``remediation``: counts of problems found and fixed (``rules/events/remediation.toml``)."""

from __future__ import annotations

from .common import add, after_open, date_arg, emit, new_event
from .context import R, ArticleView, Measure, PageView, Sent


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
        a = after_open(v, a, b, "出了各")
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
