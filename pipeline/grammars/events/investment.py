"""``investment``: who invests how much in what (``rules/events/investment.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import CLAUSE, add, date_arg, emit, new_event
from .context import LOOKBACK, ORGLOC, R, ArticleView, Measure, PageView, Sent, parse_number


def investments(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    for m in P.inv_trigger.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        cs, ce = v.clause_at(sent, ts)
        money = next((x for x in v.ents_in(te, min(ce, te + P.inv_gap + 12), ("MONEY",))
                      if x.start - te <= P.inv_gap and not R(f"[{CLAUSE}]").search(t[te:x.start])), None)
        if money is None:
            continue
        if v.is_future(cs, max(cs, ts - 2)) or _in_speech(v, sent, ts):
            continue  # (拟/计划 right before the trigger state the investment, they do not defer it)
        if any(e.type == "investment" and any(a.start == money.start for a in e.args.get("amount", [])) for e in art.events):
            continue
        ev = new_event(v, art, sent, "investment", ts, te)
        add(ev, "amount", v.value_arg(money))
        count, scope = _project_count(v, sent, ts)
        org_from_project = None
        if count is not None:
            add(ev, "project_count", v.count_arg(count))
        after = v.find_projects(money.end + 1, ce, weak=True) if t.startswith("的", money.end) else []
        first = v.trim(money.end + 1, ce)[0]
        if scope is None and after and after[0][1] - first <= 60 and not R(f"[{CLAUSE}]").search(t, first, after[0][1]):
            # 湘潭高新区总投资120亿元的新松机器人项目: the project the amount describes (its whole
            # name, though a word in it cuts names elsewhere: …花岗岩矿开采及基础设施建设项目)
            core, _, org_from_project = v.project_parts((first, after[0][1]))
            scope = core
            owner = next((o for o in v.ents_in(max(cs, ts - 20), ts, ("ORG",)) if o.end == ts), None)
            if org_from_project is None and owner is not None and not v.person_org(owner):
                org_from_project = owner
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
        owner = P.inv_owner_scope.match(t[scope[0]:scope[1]]) if scope is not None and org_from_project is None else None
        if owner is not None:
            org_from_project = (scope[0], scope[0] + owner.end("org"))  # 中央企业项目92个: 中央企业 invest
        orgs = [org_from_project] if org_from_project is not None else v.subject_orgs(art, sent, ts, carry=True)
        report = _REPORT.search(t, sent.start, ts)
        if report and org_from_project is None:  # the office reporting is not the investor
            orgs = [o for o in orgs if (o.start if isinstance(o, Mention) else o[0]) >= report.end()]
        for a in v.org_args(orgs):
            add(ev, "org", a)
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)
    _company_investments(v, art, sent)
    _listed_investments(v, art, sent)


#: an official reporting figures (负责人介绍说，2013年全县共列建设项目116项，总投资…): facts, not speech
_REPORT = R(r"介绍(?:说)?[，,：:]|据[^，,。]{1,20}介绍[，,]")


def _in_speech(v: PageView, sent: Sent, ts: int) -> bool:
    return v.in_speech(sent, ts) and not _REPORT.search(v.text, max(sent.start, ts - LOOKBACK), ts)


#: where the project named after ``投资X亿元的`` ends: a list mark, the next item, a verb
_ITEM_END = R(r"[、，,。；;：:（(]|等|[和及与](?=投资)|已|陆续|相继|正在|均|将|于|被|列入|完成|建成")


def _listed_investments(v: PageView, art: ArticleView, sent: Sent) -> None:
    """``投资5.14亿元的随县吴万产业公路项目、投资18.9亿元的…项目``: one investment per item,
    its scope the phrase after 的 up to the next item."""
    t = v.text
    for money in v.ents_in(sent.start, sent.end, ("MONEY",)):
        ts = money.start - 2
        if ts < sent.start or t[ts:money.start] != "投资" or t[money.end:money.end + 1] != "的":
            continue
        if any(e.type == "investment" and any(a.start == money.start for a in e.args.get("amount", [])) for e in art.events):
            continue
        a = money.end + 1
        stop = _ITEM_END.search(t, a, min(sent.end, a + 40))
        b = stop.start() if stop else min(sent.end, a + 40)
        project = t.find("项目", a, b)
        if project >= 0:
            b = project + 2
        a, b = v.trim(a, b)
        if b - a < 2 or v.in_speech(sent, ts):
            continue
        ev = new_event(v, art, sent, "investment", ts, money.start)
        add(ev, "amount", v.value_arg(money))
        add(ev, "scope", v.arg(a, b))
        add(ev, "period", date_arg(v, v.period(sent, ts)))
        emit(art, ev)


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
        if a + m.end() < b and t[a + m.end():b] == "项目":
            break  # 新开工项目, 续建项目: the verb is all that names the set
        a += m.end()
    a, b = v.trim(a, b)
    scope = (a, b) if b - a >= 2 and t[a:b] != "项目" else None
    return count, scope
