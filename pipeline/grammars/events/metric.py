"""``metric``: a figure and its change for a subject (``rules/events/metric.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import add, date_arg, emit, new_event
from .context import R, ArticleView, PageView, Sent


def metrics(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    # a metric is only kept with a percentage or an aggregate's level (see flush)
    if not v.ents_in(sent.start, sent.end, ("PERCENT", "MONEY")) or v.in_speech(sent, sent.end):
        return
    current: dict | None = None
    results: list[dict] = []
    pending: list[tuple[int, int]] = []  # indicators read without a rate, for a later 分别

    def flush() -> None:
        nonlocal current
        if current is not None and current["percent"]:
            results.append(current)
            pending.clear()
        elif current is not None and _level(v, current):
            results.append(current)
        elif current is not None:
            pending.append(current["subject"])
        current = None

    for cs, ce in v.clauses(sent):
        cs = _after_cause(v, cs, ce)
        if P.mt_forecast.search(t, cs, ce) and v.is_future(cs, ce) and not _planned_total_change(v, cs, ce):
            flush()
            planned = _metric_subject(v, cs, ce, v.ents_in(cs, ce, ("MONEY", "QUANTITY")))
            if planned is not None:
                pending.append(planned)  # 计划投资763亿元，同比分别增长…: its change is a fact
            continue
        if R(r"^对[^，,。]{0,30}的").match(t[v.trim(cs, ce)[0]:ce]):
            flush()  # 对…增长20%以上的企业，给予…: a policy condition, not a statistic
            continue
        values = [m for m in v.ents_in(cs, ce, ("PERCENT", "MONEY", "AREA", "QUANTITY"))
                  if not _modifier_count(v, m)]
        pcts = [m for m in values if m.label == "PERCENT"]
        if len(pcts) >= 2 and R(r"分别").search(t, cs, pcts[0].start):
            # A149个，B763亿元，同比分别增长198%、374%: one metric per indicator, in order
            flush()
            source = pending[-1] if pending else None
            subjects = _distributed(v, pending, len(pcts))
            change = list(P.mt_change.finditer(t, cs, pcts[0].start))
            if subjects and change:
                negate = change[-1].group() in P.mt_decline
                trigger = change[-1].span()
                named = P.mt_rate.search(t, *source) if source else None
                if named and change[-1].group() not in P.mt_rise | P.mt_decline:
                    trigger = named.span()  # A和B增幅最大，分别为x和y: the rate word is the trigger
                for s, m in zip(subjects, pcts):
                    results.append({"subject": s, "values": [v.value_arg(m, negate=negate)],
                                    "percent": True, "trigger": trigger})
                pending.clear()
                continue
        rate = P.mt_rate_change.match(t, v.trim(cs, ce)[0])
        if rate and any(m.label == "PERCENT" for m in values):
            # 增速同比提高0.8个百分点: the rate is an indicator of its own
            if current is not None:
                current["values"].extend(v.value_arg(m) for m in values if m.label == "PERCENT")
            flush()
            current = {"subject": rate.span(), "values": [], "percent": False, "trigger": None}
            subj = None
        else:
            subj = _metric_subject(v, cs, ce, values)
        if subj is not None and not values and not R(r"[0-9]").search(t, subj[1], ce):
            pending.append(subj)  # 矿产加工业和电子信息增幅最大，分别为…: named for a later 分别
            continue
        if subj is not None and not values and R(r"[0-9]").search(t, subj[1], ce):
            values = []  # 货邮吞吐量50.2万吨，增长10.1%: a level without a value entity
            flush()
            current = {"subject": subj, "values": [], "percent": False, "trigger": None}
            continue
        continuing = rate is not None or subj is None and current is not None and (
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
                if change and change[-1].group() in P.mt_share and _in_brackets(t, cs, m.start):
                    # 工业投资75.11亿元（占总投资的32.1%）: the share in the aside is a metric too
                    results.append({"subject": current["subject"], "values": [v.value_arg(m)],
                                    "percent": True, "trigger": change[-1].span()})
                    continue
                current["values"].append(v.value_arg(m, negate=negate))
                current["percent"] = True
                if current["trigger"] is None and not _in_brackets(t, cs, m.start):
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


def _planned_total_change(v: PageView, cs: int, ce: int) -> bool:
    """新开工项目计划总投资增长32%: the planned total is an indicator, its change a fact."""
    t = v.text
    m = R(r"计划(?:总投资|投资)(?:同比|比上年|较上年)?(?:增长|下降|减少|提高)").search(t, cs, ce)
    return m is not None and bool(v.ents_in(m.end(), ce, ("PERCENT",)))


def _level(v: PageView, current: dict) -> bool:
    """An aggregate indicator reaching an amount (研发支出达2.17万亿元): a metric without a rate;
    its trigger the 达 right after the indicator."""
    t, P = v.text, v.P
    a, b = current["subject"]
    money = [x for x in current["values"] if x.entity is not None and x.entity.label == "MONEY"]
    if not money or not P.mt_level_indicator.search(t, a, b):
        return False
    lv = P.mt_level_trigger.match(t, b)
    if lv is None or lv.end() != money[0].start:
        return False
    current["trigger"] = lv.span()
    return True


def _after_cause(v: PageView, cs: int, ce: int) -> int:
    """Where a clause's statement starts: after a causal verb (A上升造成B同比损失2.3个百分点,
    …，造成B损失…) that opens the clause or follows a change, before any value."""
    t, P = v.text, v.P
    c = P.mt_cause.search(t, cs, ce)
    if c is None or v.ents_in(cs, c.start(), ("PERCENT", "MONEY", "AREA", "QUANTITY")):
        return cs
    if c.start() == v.trim(cs, ce)[0] or P.mt_change.search(t, cs, c.start()):
        return c.end()
    return cs


def _distributed(v: PageView, pending: list[tuple[int, int]], k: int) -> list[tuple[int, int]] | None:
    """The ``k`` indicators a 分别 clause distributes over: the last ``k`` read without a rate, or
    the items of the last one when it is a list of ``k`` (新开工、新投产项目分别为45个、44个)."""
    if len(pending) >= k:
        return pending[-k:]
    if pending:
        items = v.split_list(*pending[-1])
        if len(items) == k:
            return items
    return None


def _modifier_count(v: PageView, m: Mention) -> bool:
    """A count before the noun it counts (全市五个省级园区实现…): part of the subject, no value."""
    t = v.text
    return (m.label == "QUANTITY" and m.end < len(t) and bool(R(r"\p{Han}").match(t, m.end))
            and not v.P.mt_change.match(t, m.end) and not R(r"同比|环比|比|较").match(t, m.end))


def _in_brackets(t: str, cs: int, pos: int) -> bool:
    """Whether ``pos`` is inside a parenthesis opened in its clause (占总投资的32.1%, an aside)."""
    before = t[cs:pos]
    return max(before.rfind("("), before.rfind("（")) > max(before.rfind(")"), before.rfind("）"))


def _has_noun_start(v: PageView, cs: int, ce: int) -> bool:
    a, b = v.trim(cs, ce)
    return bool(R(r"[\p{Han}]{2}").match(v.text[a:b])) and not v.P.mt_change.match(v.text, a)


def _metric_subject(v: PageView, cs: int, ce: int, values: list[Mention]) -> tuple[int, int] | None:
    t, P = v.text, v.P
    a, _ = v.trim(v.past_leading_dates(cs, ce), ce)
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
        limit, end = end, mk.start()
        # 水质断面比例为87.3%, 优良比例保持100%: 比例 names the indicator, the verb after it
        # states its level (but 投资占比达74%: the share is the trigger, as the gold has it)
        # (优良天数比例同比损失2.3个百分点: so does the comparison word before its change)
        if mk.group() == "比例" and R(r"为|达到?|保持|同比|环比|比上年|较上年|比去年|较去年").match(t, mk.end()) \
                and t[mk.start() - 1] not in "的占":
            end = mk.end()
        # 已通过县数占总县数的比例为93.24%: the whole ratio is the indicator, 为 its level
        ratio = R(r"[^，,。；;]{1,20}?的比例(?=为|达到?|保持)").match(t, mk.end(), limit) if mk.group() == "占" else None
        if ratio:
            end = ratio.end()
            return v.trim(a, end)
    dg = R(r"(?:约|近|超|逾)?(?<![0-9])[0-9](?![0-9]*个\p{Han})").search(t, a, end)
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
    # a count naming the set (337个地级及以上城市平均优良天数比例) may stay in the indicator
    if R(r"[0-9，,。]").search(R(r"[0-9]+个(?=\p{Han})").sub("", text)):
        return None
    if any(m.part == "dateline" for m in v.ents_in(a, end)):
        return None  # 本报北京2月23日电: the dateline is no indicator
    return a, end
