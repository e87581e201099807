"""``funding``: money granted, allocated or raised, with source and recipient
(``rules/events/funding.toml``).
"""

from __future__ import annotations

from ...core.records import ArgRecord
from .common import CLAUSE, add, date_arg, emit, first_money, new_event
from .context import R, ArticleView, PageView, Sent


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
        if sb and not R(f"[{CLAUSE}]").search(between):
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
