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
    used_clauses: set[int] = set()
    for m in P.f_verbs.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        if v.ent_covering(ts) is not None:
            continue
        cs, ce = v.clause_at(sent, ts)
        if cs in used_clauses:
            continue
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
        grantor = P.f_grantor.search(t[cs:ts])
        if grantor:  # 中央财政预拨…资金: the treasury is the source, not the fund's name
            src = (cs + grantor.start("g"), cs + grantor.end("g"))
        carried = None
        if src is None:
            # 其中，安排…8亿元；安排…0.3亿元: items of an allocation just read share its source
            carried = _recent_funding(art, sent)
            if carried is None or not P.f_allocation.match(m.group()):
                continue
        ev = new_event(v, art, sent, "funding", ts, te)
        purpose = _purpose_recipient(v, money.end, sent.end)
        for r in [purpose] if purpose is not None else _recipient(v, art, sent, cs, ts):
            add(ev, "recipient", r)
        add(ev, "amount", v.value_arg(money))
        if carried is not None:
            for a in carried.args.get("source", []):
                add(ev, "source", a)
        else:
            add(ev, "source", v.arg(*_clean_source(v, *src)))
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)
        used_clauses.add(cs)


#: the recipient named by the purpose after an amount: 用于支持湖北等26个省（区、市）做好…
_PURPOSE = R(r"^[，,]?(?:用于支持|用于帮助|支持|帮助)(?P<r>[^，,。；;]{2,30}?)(?=做好|开展|实施|加快|推进|建设|[，,。；;])")


def _purpose_recipient(v: PageView, money_end: int, sent_end: int) -> ArgRecord | None:
    m = _PURPOSE.match(v.text[money_end:sent_end])
    return v.arg(money_end + m.start("r"), money_end + m.end("r")) if m else None


def _recent_funding(art: ArticleView, sent: Sent):
    """The last funding read in this sentence or the one before, else None."""
    for e in reversed(art.events):
        if e.type == "funding":
            return e if sent.start - e.sentence[1] <= 2 and e.args.get("source") else None
    return None


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
