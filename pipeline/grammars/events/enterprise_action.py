"""``enterprise_action``: what a company does (``rules/events/enterprise_action.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import add, date_arg, emit, new_event
from .context import R, ArticleView, Measure, PageView, Sent, parse_number


#: how far before the count 对/为 may stand when no verb governs the enterprises
PREP_WINDOW = 16


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
            # 对(除市统一帮扶的12家企业外的)15家规上工业企业开展帮扶行动: 对 up to PREP_WINDOW before
            if t[max(cs, k - len(p) - PREP_WINDOW):k].find(p) >= 0:
                pos = t.rfind(p, max(cs, k - len(p) - PREP_WINDOW), k)
                if pos >= 0:
                    return _prep_action(v, pos, after_start, ce)
        return None
    vs, ve = verb.span()
    mod = P.e_modifiers.search(t, max(cs, vs - 4), vs)
    a_start = mod.start() if mod else vs
    if verb.group() in P.e_pivot:
        rest_s, rest_e = _action_phrase(v, after_start, ce)
        if rest_e - rest_s >= 2:
            if P.e_not_action.match(t, rest_s, rest_e):
                return None  # 组织66家单位参会: attendance at a conference
            # 支持20家企业设立R&D机构, 指导89家企业申报…: the pivot verb is the trigger
            return (vs, ve), v.arg(rest_s, rest_e), listed, None
    return _core_verb(v, vs, ve), v.arg(a_start, ve), listed, None


def _core_verb(v: PageView, vs: int, ve: int) -> tuple[int, int]:
    """The base verb of a compound one (结对帮扶 → 帮扶, 走访服务 → 走访, 新培育 → 培育)."""
    words = v.P.e_verb_words
    for a in range(vs, ve - 1):
        for b in range(ve, a + 1, -1):
            if (a, b) != (vs, ve) and v.text[a:b] in words:
                return a, b
    return vs, ve


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
