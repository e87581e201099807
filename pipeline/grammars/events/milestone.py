"""``project_milestone``: 开工, 竣工, 投产 … of a named project, with its figures
(``rules/events/milestone.toml``).
"""

from __future__ import annotations

import regex

from ...core.records import ArgRecord, EventRecord
from .common import CLAUSE, add, after_open, emit, has, new_event, texts
from .context import LOOKBACK, ORGLOC, R, ArticleView, PageView, Sent


def milestones(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    conf_names = [(a.start, a.end) for e in art.events if e.type == "conference" for a in e.args.get("name", [])]
    for chain in _stage_chains(v, sent):
        # 进行竣工验收, 已完成竣工验收, 建成通车: a weak verb only carries the strong one, which
        # is the trigger; the stage phrase keeps both
        head = next((m for m in chain if m.group() not in P.ms_weak), chain[0])
        ts = chain[0].start()
        te = chain[-1].end()
        if v.ent_covering(ts) is not None:
            continue
        in_name = next(((a, b) for a, b in conf_names if a <= ts < b), None)
        if in_name is not None:
            _ceremony_milestone(v, art, sent, in_name, chain)
            continue
        if chain[-1].group() in P.ms_clause_final:
            after = after_open(v, te, len(t), "中了 ")
            if after < len(t) and t[after] not in CLAUSE + "。":
                continue
        if t.startswith("的", te) and _venue_milestone(v, art, sent, chain):
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
        batch = _batch_milestone(v, art, sent, cs, ts, stage)
        if batch is not None:
            _milestone_figures(v, batch, cs, ce, sent)
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
        if weak and kind not in ("named", "object", "listed"):
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
                    prev.trigger_text, prev.trigger_start, prev.trigger_end = head.group(), head.start(), head.end()
                    prev.args["stage"] = [stage_arg]
                continue
        ev = new_event(v, art, sent, "project_milestone", head.start(), head.end())
        for p in projects:
            add(ev, "project", p)
        add(ev, "stage", stage_arg)
        if place is not None:
            add(ev, "place", v.ent_arg(place))
        else:
            add(ev, "place", _clause_place(v, cs, ps))
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
            if P.ms_glue.match(gap) and not R(f"[{CLAUSE}]").search(gap) and not v.is_future(last.end(), m.start()):
                chains[-1].append(m)
                continue
        chains.append([m])
    return chains


def _milestone_project(v: PageView, art: ArticleView, sent: Sent, cs: int, ps: int, te: int, ce: int,
                       chain: list[regex.Match]):
    """(kind, project args, place, start of a part phrase kept in the stage, figure span) or None.

    kind: ``named`` (a project name or 该项目), ``listed`` (A、B等N个项目), ``object`` (完成X),
    ``nominal`` (开工项目共N个),
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
    # a list of projects closed by 等N个项目 right before the trigger, or opening the clause
    # before (…的A、…的B等重点建设项目，集中利用半年时间就完成了建设任务)
    listed = _project_list(v, pre_s, pre_e) or (_project_list(v, *v.trim(*v.clause_at(sent, cs - 2)))
                                                if cs - 2 > sent.start and pre_e - pre_s <= 12 else None)
    if listed:
        return "listed", listed[0], None, None, (listed[1], ce)
    # b) a named project right before the trigger (…工程正火热进行 / …中心已完成 / …工程767米已经建成)
    named = v.find_projects(pre_s, pre_e, weak=True)
    if named:
        span = named[-1]
        gap_text = t[span[1]:pre_e]
        place_end = -1
        for d in v.ents_in(span[1], pre_e, ("DATE", "QUANTITY", "AREA", "LOC")):
            if d.label == "LOC":
                # 工程在内蒙古乌兰察布市凉城县开工: the place after 在 is no gap
                if t[d.start - 1:d.start] != "在" and d.start != place_end:
                    continue
                place_end = d.end
            gap_text = gap_text.replace(d.text, "")
        gap = R(r"(?:[0-9.]+|约|近|余|多|米|公里|千米|个|栋|座|条|亩|万|平方米|的|均|都|目前|全线|整体|"
                        r"已经|已|于|将于|在|主体结构|主体|结构|厂房|一期|二期|三期|首期|工程|全面)").sub("", gap_text)
        if not gap:
            core, place, _ = v.project_parts(span)
            return "named", [v.arg(*core)], place, None, (span[0], ce)
    # c) verb-object: 完成X, 开工建设X (完成投资, 完成整改 are not milestones)
    obj_s = after_open(v, te, ce, "了的")
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


def _project_list(v: PageView, a: int, b: int) -> tuple[list[ArgRecord], int] | None:
    """The items of ``A、B等N个项目`` filling ``[a, b)``, each without its 投资X的 modifier, and
    where their figures start (等N个项目: not the items' own amounts)."""
    if b - a < 5:
        return None
    t = v.text
    m = v.P.ms_project_list.match(t, a, b)
    if m is None:
        return None
    items, s = [], m.start("items")
    while s < m.end("items"):
        k = t.find("、", s, m.end("items"))
        e = k if k >= 0 else m.end("items")
        d = t.rfind("的", s, e)
        ia, ib = v.trim(d + 1 if d >= 0 else s, e)
        if ib - ia < 2:
            return None
        items.append(v.arg(ia, ib))
        s = e + 1
    return (items, m.end("items")) if len(items) >= 2 else None


def _ceremony_milestone(v: PageView, art: ArticleView, sent: Sent, name: tuple[int, int],
                        chain: list[regex.Match]) -> None:
    """A 集中开工活动 / 竣工仪式 is also the milestone of the projects it names (重大项目)."""
    t, P = v.text, v.P
    ts = chain[0].start()
    if any(id(e) in art.ceremonies for e in art.events):
        _joint_ceremony_milestone(v, art, sent, name, chain)
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
    add(ev, "place", _clause_place(v, name[0], ps) or _organizer_place(art, name))
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


def _venue_milestone(v: PageView, art: ArticleView, sent: Sent, chain: list[regex.Match]) -> bool:
    """在主会场开工的X项目，总投资…: a project started at a venue of the ceremony."""
    t, P = v.text, v.P
    ts, te = chain[0].start(), chain[-1].end()
    cs, ce = v.clause_at(sent, ts)
    if not R(r"会场$").search(t, max(cs, ts - 4), ts):
        return False
    named = v.find_projects(te + 1, ce, weak=False)
    if not named or named[0][0] > te + 1 + 30:
        return False
    core, place, _ = v.project_parts(named[0])
    stage = max((P.stage_of[m.group()] for m in chain), key=lambda s: P.stage_order[s])
    ev = new_event(v, art, sent, "project_milestone", ts, chain[0].end())
    add(ev, "project", v.arg(*core))
    add(ev, "stage", v.arg(ts, te, value=stage, trim=False))
    if place is not None:
        add(ev, "place", v.ent_arg(place))
    _milestone_figures(v, ev, named[0][1], sent.end, sent)
    art.named_milestones.add(id(ev))
    emit(art, ev)
    return True


def _joint_ceremony_milestone(v: PageView, art: ArticleView, sent: Sent, name: tuple[int, int],
                              chain: list[regex.Match]) -> None:
    """重大项目集中开工暨X项目奠基仪式: after 暨, the named project's own milestone."""
    t, P = v.text, v.P
    ts = chain[0].start()
    joint = t.rfind("暨", name[0], ts)
    if joint < 0:
        return
    named = v.find_projects(joint + 1, ts, weak=False)
    if not named or v.trim(named[-1][1], ts)[0] < ts:
        return
    core, place, _ = v.project_parts(named[-1])
    stage = max((P.stage_of[m.group()] for m in chain), key=lambda s: P.stage_order[s])
    ev = new_event(v, art, sent, "project_milestone", ts, chain[0].end())
    add(ev, "project", v.arg(*core))
    add(ev, "stage", v.arg(ts, chain[-1].end(), value=stage, trim=False))
    if place is not None:
        add(ev, "place", v.ent_arg(place))
    art.named_milestones.add(id(ev))
    emit(art, ev)


def _organizer_place(art: ArticleView, name: tuple[int, int]) -> ArgRecord | None:
    """A ceremony's organizer that is a place (四川省…集中开工仪式举行) is where the projects start."""
    for e in art.events:
        if e.type == "conference" and any((a.start, a.end) == name for a in e.args.get("name", [])):
            for a in e.args.get("organizer", []):
                if a.entity is not None and a.entity.label == "LOC":
                    return a
    return None


def _clause_place(v: PageView, cs: int, ts: int) -> ArgRecord | None:
    """Where a milestone happens: 在X开工, or a place opening its clause (澄城县此次集中开工…,
    四川省2016年第四季度重大项目集中开工)."""
    t = v.text
    k = t.rfind("在", cs, ts)
    if k >= 0 and v.ent_covering(k) is None:
        a = k + 1
        de = R(r"(?:该|本|当地)[区县市镇乡]的").match(t, a, ts)  # 在该区的沙文产业园
        a = de.end() if de else a
        ents = [m for m in v.ents_in(a, ts) if m.label in ORGLOC]
        if ents and ents[0].start == a:
            end = ents[0].end
            for m in ents[1:]:  # 在内蒙古乌兰察布市凉城县开工: the whole chain of places
                if m.start != end or m.label != "LOC" or ents[0].label != "LOC":
                    break
                end = m.end
            return v.ent_arg(ents[0]) if end == ents[0].end else v.arg(a, end)
    a, _ = v.trim(v.past_leading_dates(cs, ts), ts)
    op = v.P.clause_openers.match(t, a, ts)
    if op:
        a, _ = v.trim(op.end(), ts)
    first = next(iter(v.ents_in(a, ts)), None)
    if first is not None and first.start == a and first.label == "LOC":
        return v.ent_arg(first)
    return None


def _is_batch(v: PageView, art: ArticleView, ev: EventRecord) -> bool:
    """A milestone of many projects at once: read from a 开工仪式 name, or a 集中开工."""
    return id(ev) in art.ceremonies or any("集中" in a.text for a in ev.args.get("stage", []))


def _batch_milestone(v: PageView, art: ArticleView, sent: Sent, cs: int, ts: int, stage: str) -> EventRecord | None:
    """The batch milestone of the article that a follow-up (当天…开工, 此次集中开工…) names again."""
    if not v.P.ms_followup.search(v.text, sent.start, ts):
        return None
    for a, b in v.find_projects(cs, ts, weak=True):  # 同日，…旅游公路也同步建成通车: a project of its own
        if not R(r"^[^\p{Han}]*(?:全市|全区|全县|全區|共有|共|[0-9]+[个個])*(?:第.批)?(?:重大|重点|重點|产业|產業)?(?:项目|項目)$").match(v.text[a:b]):
            return None
    return next((e for e in art.events if e.type == "project_milestone" and e.sentence[0] < sent.start
                 and _is_batch(v, art, e) and e.args.get("stage") and e.args["stage"][0].value == stage), None)


def _batch_totals(v: PageView, art: ArticleView, ev: EventRecord, home: int) -> None:
    """A batch milestone's count and total investment from the article's stated total close after
    it (集中开工仪式。…15个重点项目，总投资15.8亿元)."""
    if has(ev, "quantity") and has(ev, "investment"):
        return
    sents = {(s.start, s.end): s.index for s in art.sents}
    for inv in art.events:
        if inv.type != "investment" or not inv.args.get("project_count") or not inv.args.get("amount"):
            continue
        if 0 <= sents.get(inv.sentence, -1) - home <= 3:
            if not has(ev, "quantity"):
                add(ev, "quantity", inv.args["project_count"][0])
            if not has(ev, "investment"):
                add(ev, "investment", inv.args["amount"][0])
            return


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
        if ev.type == "project_milestone" and _is_batch(v, art, ev):
            _batch_totals(v, art, ev, next((s.index for s in art.sents if (s.start, s.end) == ev.sentence), 0))
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
