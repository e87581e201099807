"""``remediation``: counts of problems found and fixed (``rules/events/remediation.toml``)."""

from __future__ import annotations

from ...core.records import EventRecord
from .common import add, after_open, date_arg, emit, new_event
from .context import R, ArticleView, Measure, PageView, Sent

#: how many sentences before the counts the campaign they belong to may stand
CAMPAIGN_SENTENCES = 4


def remediations(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    if not P.r_required.search(t, sent.start, sent.end):
        return
    roles: dict[str, tuple[Measure, tuple[int, int]]] = {}
    trigger = None
    trigger_role = None
    trigger_weak = True
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
            if R(r"[0-9]").search(gap) or P.r_verbs.search(gap) or R(r"^的.").match(gap):
                # 对排查中发现的…两家养殖场: a modifier of a list, not a count of problems
                continue
            roles[role] = (c, (m.end(), c.start))
            tm = R("|".join(sorted(P.r_triggers, key=len, reverse=True))).search(m.group())
            if tm:
                weak = bool(P.r_weak_trigger.match(tm.group()))
                if weak and t[m.end():m.end() + 1] == "的":
                    continue  # 对发现的7项隐患…销号: the problems of another verb
                if trigger is None or (weak, m.start()) < (trigger_weak, trigger[0]):
                    trigger = (m.start() + tm.start(), m.start() + tm.end())
                    trigger_role, trigger_weak = role, weak
    if trigger is None or not ({"found", "rectified", "closed"} & set(roles)):
        return
    ts, te = trigger
    problems = _problem_counts(v, sent) if "found" in roles and roles["found"][0].unit in P.r_site_units else []
    if problems:
        # 排查“四闲院落”565家，一般问题隐患33条: 565家 are the places checked, 33条 the problems found
        site_count, (a, _) = roles.pop("found")
        place_scope = v.arg(after_open(v, a, site_count.end, "出了各"), site_count.end)
        earlier = _paragraph_event(art, sent, t[ts:te])
        if earlier is not None:
            for c in problems:
                add(earlier, "found", v.count_arg(c))
            add(earlier, "scope", place_scope)
            return
    ev_sent = sent
    if trigger_role != "found" and "found" in roles:
        # 开展…大排查大整治。…查出隐患N项，已完成整改M项: the campaign names the event
        ev_sent, ts, te = _campaign_trigger(v, art, sent) or (sent, ts, te)
    ev = new_event(v, art, ev_sent, "remediation", ts, te)
    if ev_sent is not sent:
        add(ev, "scope", v.arg(*P.r_campaign.search(t, ev_sent.start, ev_sent.end).span("scope")))
    for role in ("found", "rectified", "closed"):
        if role in roles:
            add(ev, role, v.count_arg(roles[role][0]))
    for c in problems:
        add(ev, "found", v.count_arg(c))
    if problems:
        add(ev, "scope", place_scope)
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
    if ev_sent is not sent:
        # the counts' own sentence names who counted (截至目前，各级安全监管部门共检查…), else
        # the campaign's (本市在…重点领域开展了…大排查大整治)
        first = min(span[0] for _, span in roles.values())
        orgs = v.subject_orgs(art, sent, first, carry=False) or v.subject_orgs(art, ev_sent, ts, carry=True)
        period = v.period(ev_sent, ts) or v.period(sent, first)
        field = P.r_campaign_field.search(t, ev_sent.start, ev_sent.end)
        if field:
            add(ev, "scope", v.arg(*field.span("scope")))
    else:
        orgs = v.subject_orgs(art, sent, ts, carry=True)
        period = v.period(sent, ts)
    if not orgs:
        orgs, period = _earlier_campaign(v, art, ev, sent, period)
    for a in v.org_args(orgs):
        add(ev, "org", a)
    add(ev, "period", date_arg(v, period))
    old = _repeated(art, ev)
    if old is None:
        emit(art, ev)
    elif len(ev.args) >= len(old.args):
        art.events[art.events.index(old)] = ev  # a subheading before the body (龙潭河排查出140个排污口)




def _earlier_campaign(v: PageView, art: ArticleView, ev: EventRecord, sent: Sent, period):
    """Counts without a counting body (截至目前此次专项隐患排查…565家) belong to the campaign a
    sentence shortly before names (自8月5日起，文汇街道开展…针对人员密集场所…大排查大整治行动), in
    this paragraph or the one before: its subject, its date when the counts have none, and what
    it is aimed at (针对…) as scope."""
    t, P = v.text, v.P
    for s in reversed(art.sents[max(0, sent.index - CAMPAIGN_SENTENCES):sent.index]):
        if s.para < sent.para - 1:
            break
        m = P.r_campaign_loose.search(t, s.start, s.end)
        if m is None:
            continue
        orgs = v.subject_orgs(art, s, m.start(), carry=False)
        if not orgs:
            return [], period
        if period is None:
            period = v.period(s, m.start())
        if m.group("aim"):
            add(ev, "scope", v.arg(*m.span("aim")))
        return orgs, period
    return [], period


def _problem_counts(v: PageView, sent: Sent) -> list[Measure]:
    """Counts standing after a problem noun without a verb (一般问题隐患33条)."""
    out = []
    for m in v.P.r_problem_count.finditer(v.text, sent.start, sent.end):
        out += v.counts(m.start("n"), m.end())[:1]
    return out


def _paragraph_event(art: ArticleView, sent: Sent, trigger: str) -> EventRecord | None:
    """The remediation with this trigger read from an earlier sentence of the paragraph."""
    starts = {s.start: s for s in art.sents[:sent.index] if s.para == sent.para}
    for ev in reversed(art.events):
        if ev.type == "remediation" and ev.trigger_text == trigger and ev.sentence[0] in starts:
            return ev
    return None


def _campaign_trigger(v: PageView, art: ArticleView, sent: Sent) -> tuple[Sent, int, int] | None:
    """The trigger word inside the campaign an earlier sentence of the paragraph names."""
    t, P = v.text, v.P
    for s in reversed(art.sents[:sent.index]):
        if s.para != sent.para:
            break
        m = P.r_campaign.search(t, s.start, s.end)
        if m:
            tm = P.r_trigger.search(t, m.start("scope"), m.end("scope"))
            return (s, tm.start(), tm.end()) if tm else None
    return None


def _repeated(art: ArticleView, ev: EventRecord) -> EventRecord | None:
    """An event of the article with the same trigger word and the same counts (a subheading or a
    lead repeating the body's figures): the one of them with more roles stays."""
    counts = {role: {a.text for a in ev.args[role]} for role in ("found", "rectified", "closed") if role in ev.args}
    for old in art.events:
        if old.type == "remediation" and old.trigger_text == ev.trigger_text and all(
                {a.text for a in old.args.get(role, [])} == texts for role, texts in counts.items()):
            return old
    return None
