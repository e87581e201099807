"""``conference``: named conferences, forums and ceremonies (``rules/events/conference.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import add, after_open, attendance_args, emit, new_event, pers, place_before, texts
from .context import ORGLOC, R, ArticleView, PageView, Sent

#: a ceremony's name ends in 仪式; its noun is the trigger (签约仪式, 开工仪式, 通车仪式)
CEREMONY = R(r"(?:仪式|儀式|典礼|典禮)$")
#: how many sentences after a conference a 会上… sentence may stand
FLOOR_SENTENCES = 4
#: where a list of conference names splits (A推介会和B交流会)
_NAME_JOINT = R(r"和|及|以及|与|、")


def conferences(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    for m in P.c_verbs.finditer(t, sent.start, sent.end):
        ts, te = m.span()
        core = P.c_core_verb.search(t, ts, te)
        ts, te = core.span() if core else (ts, te)  # 联合举办, 主持召开: the trigger is 举办, 召开
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
        names = _split_names(v, *name)
        for name in names:
            nm = t[name[0]:name[1]]
            if any(e.type == "conference" and any(nm in n or n in nm for n in texts(e, "name"))
                   for e in art.events):
                continue  # named again (…交流会日前成功举办): one conference
            # a ceremony is named by its noun (签约仪式), and so is each of several conferences
            # one verb introduces (举行的A推介会和B交流会); one conference by its verb
            trig = _noun_trigger(v, *name) if len(names) > 1 or CEREMONY.search(t, name[0], name[1]) else None
            _emit_conference(v, art, sent, trig or (ts, te), name, place, subject_end, ts)
    conferences_without_verb(v, art, sent)
    _floor_speakers(v, art, sent)


def _emit_conference(v: PageView, art: ArticleView, sent: Sent, trig: tuple[int, int],
                     name: tuple[int, int], place, subject_end: int, ts: int) -> None:
    t, P = v.text, v.P
    ev = new_event(v, art, sent, "conference", *trig)
    add(ev, "name", v.arg(*name, trim=False))
    orgs = [o for o in v.subject_orgs(art, sent, min(ts, name[0]), carry=False)
            if not (isinstance(o, Mention) and name[0] <= o.start < name[1])]
    if _guest_at(v, art, sent, ev, ts, orgs):
        orgs = []
    for a in v.org_args(orgs):
        add(ev, "organizer", a)
    if not texts(ev, "organizer"):
        by = P.c_organizer_by.search(t, max(sent.start, ts - 80), ts)
        if by:  # 由A、B、C联合举办的…: the bodies after 由
            for o in v.ents_in(by.start() + 1, ts, ("ORG",)):
                add(ev, "organizer", v.ent_arg(o))
    if not texts(ev, "organizer"):
        # 王益枝一行来到江背镇，召开…座谈会: the person leading the visit convenes it
        lead = [p for p in v.ents_in(sent.start, ts, ("PER",)) if P.c_person_organizer.match(t, p.end, ts)]
        if lead:
            add(ev, "organizer", v.ent_arg(lead[0]))
    if place is None:
        place = place_before(v, subject_end, ts)
    if place is None:
        arrive = P.c_arrival_place.search(t, max(sent.start, ts - 30), ts)
        if arrive:
            at = [m for m in v.ents_in(arrive.end(), ts, ORGLOC) if m.start == arrive.end()]
            place = v.ent_arg(at[0]) if at else None
    if (place is not None and not texts(ev, "organizer") and place.entity is not None
            and place.entity.label == "ORG" and P.c_body_host.search(place.text)):
        add(ev, "organizer", place)  # 在国务院新闻办公室19日举行的新闻发布会上: the office holds it
        place = None
    if place is not None and not texts(ev, "organizer") & {place.text}:
        add(ev, "place", place)
    for a in _venues(v, art, sent):
        add(ev, "place", a)
    for a in _speakers(v, sent, name[1], subject_end):
        add(ev, "participant", a)
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


def _guest_at(v: PageView, art: ArticleView, sent: Sent, ev, ts: int, subjects: list) -> bool:
    """参加了A在B举行的…会: A holds it; the clause's subject and the people leading it (由X带队的)
    attend. Whether it applied."""
    t, P = v.text, v.P
    g = P.c_guest_at.search(t, max(sent.start, ts - 60), ts)
    if g is None or t[ts + 2:ts + 3] != "的":
        return False
    hosts = [o for o in v.ents_in(*g.span("org"), ("ORG", "LOC")) if not v.person_org(o)]
    if not hosts:
        return False
    for o in hosts:
        add(ev, "organizer", v.ent_arg(o))
    for a in v.org_args(subjects):
        add(ev, "participant", a)
    cs, _ = v.clause_at(sent, g.start())
    for p in v.ents_in(cs, g.start(), ("PER",)):
        if p.part not in ("byline", "dateline"):
            add(ev, "participant", v.ent_arg(p))
    return True


def _venues(v: PageView, art: ArticleView, sent: Sent) -> list:
    """The main and branch venues named in this sentence or the next of its paragraph
    (本次集中开工仪式在成都设主会场，自贡、攀枝花、泸州等20个市州…设分会场): the places named."""
    t, P = v.text, v.P
    sents = [sent]
    if sent.index + 1 < len(art.sents) and art.sents[sent.index + 1].para == sent.para:
        sents.append(art.sents[sent.index + 1])
    out = []
    for s in sents:
        for pat in (P.c_main_venue, P.c_branch_venues):
            for m in pat.finditer(t, s.start, s.end):
                places = v.ents_in(*m.span("list"), ("LOC",))
                out.extend(v.ent_arg(e) for e in places)
    return out


def _floor_speakers(v: PageView, art: ArticleView, sent: Sent) -> None:
    """会上，A、B等企业负责人及县国土局…相关负责人，围绕…展开交流: the groups (or people) opening a
    sentence that starts with 会上 take part in the last conference read before it, split where
    one group ends (…负责人及…负责人)."""
    t, P = v.text, v.P
    op = P.c_floor_opening.match(t, sent.start, sent.end)
    if op is None:
        return
    confs = [e for e in art.events if e.type == "conference" and e.sentence[1] <= sent.start]
    if not confs:
        return
    ev = confs[-1]
    if ev.sentence[0] < art.sents[max(0, sent.index - FLOOR_SENTENCES)].start:
        return  # the conference is further back: this 会上 is another one's
    a = op.end()
    stop = P.c_floor_verbs.search(t, a, sent.end)
    b = stop.start() if stop else sent.end
    parts, k = [], a
    for j in P.c_floor_joint.finditer(t, a, b):
        if P.attendee_head.search(t, k, j.start()) and v.ent_covering(j.start()) is None:
            parts.append((k, j.start()))
            k = j.end()
    parts.append((k, b))
    groups = []
    for x, y in parts:
        x, y = v.trim(x, y)
        if 2 <= y - x <= 45 and P.attendee_head.search(t, x, y):
            groups.append(v.arg(x, y))
    if groups:  # …等企业负责人: a group, whatever names it lists
        for g in groups:
            add(ev, "participant", g)
        return
    for p in pers(v, a, b):
        if p.text not in texts(ev, "organizer"):
            add(ev, "participant", v.ent_arg(p))


def _speakers(v: PageView, sent: Sent, name_end: int, cs: int) -> list:
    """Who speaks at a conference named with 上: 王志刚在…发布会上介绍 (before 在), 在…验收会上，
    单祥忠、何彦平分别…汇报 / 发布会上，…李维介绍 (the next clause)."""
    t, P = v.text, v.P
    if t[name_end:name_end + 1] != "上":
        return []
    out = []
    after = name_end + 1
    if P.c_speaker.match(t, after, sent.end):
        k = t.rfind("在", cs, name_end)
        if k > cs:
            out += [v.ent_arg(p) for p in v.ents_in(cs, k, ("PER",))
                    if p.part not in ("byline", "dateline") and not R(r"(?:记者|通讯员)\s*$").search(t, max(cs, p.start - 4), p.start)]
    m = R(r"[，,]").match(t, after)
    if m:
        s2, e2 = v.clause_at(sent, m.end())
        sp = P.c_speaker.search(t, s2, e2)
        if sp:
            out += [v.ent_arg(p) for p in v.ents_in(s2, sp.start(), ("PER",))]
    return out


def _split_names(v: PageView, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a list (A推介会和B交流会), each ending as a name does; else the one name."""
    t, P = v.text, v.P
    parts, pos = [], start
    for j in _NAME_JOINT.finditer(t, start, end):
        js = j.start()
        ends_name = any(mm.end() == js for mm in P.c_name_end.finditer(t, max(pos, js - 6), js))
        if js - pos >= 4 and ends_name and not P.c_false_suffix.search(t, max(pos, js - 4), js):
            parts.append((pos, js))
            pos = j.end()
    if not parts or end - pos < 4:
        return [(start, end)]
    return [*parts, (pos, end)]


def _noun_trigger(v: PageView, start: int, end: int) -> tuple[int, int]:
    """The head noun that ends a conference name: 签约仪式, 推介会, 新闻发布会 (the last word)."""
    t = v.text
    m = R(r"(?:新闻)?..(?:仪式|儀式|典礼|典禮|会议|會議)$|(?:新闻|新聞)?..(?:会|會)$").search(t, start, end)
    return m.span() if m else (start, end)


def conferences_without_verb(v: PageView, art: ArticleView, sent: Sent) -> None:
    """A conference named where something happened, with no verb of its own: 在项目工程验收会上,
    19日的教育部新闻发布会上 (the speakers are its participants); the noun is the trigger."""
    t, P = v.text, v.P
    for m in R(r"(?:在|的)(?P<name>[^，,。；;在的“”]{3,30}?(?:会|會))上[，,]").finditer(t, sent.start, sent.end):
        a, b = m.span("name")
        a, b = v.trim(a, b)
        if b - a < 3 or not P.c_name_end.search(t, max(a, b - 4), b) or P.c_false_suffix.search(t, max(a, b - 4), b):
            continue
        if any(e.type == "conference" and (t[a:b] in texts(e, "name") or e.start <= a < e.end or a <= e.start < b)
               for e in art.events):
            continue
        ts, te = _noun_trigger(v, a, b)
        ev = new_event(v, art, sent, "conference", ts, te)
        add(ev, "name", v.arg(a, b, trim=False))
        for o in v.ents_in(a, b):
            if o.label == "ORG" and o.start == a:
                add(ev, "organizer", v.ent_arg(o))
        for arg in _speakers(v, sent, b, v.clause_at(sent, a)[0]):
            add(ev, "participant", arg)
        for arg in attendance_args(v, art, sent, P.c_attend, from_pos=b, exclude=texts(ev, "organizer")):
            add(ev, "participant", arg)
        emit(art, ev)


def _name_after(v: PageView, pos: int, ce: int) -> tuple[int, int] | None:
    t, P = v.text, v.P
    pos = after_open(v, pos, ce, "了的")
    if pos >= ce:
        return None
    if t[pos] in "“《":
        close = t.find("”" if t[pos] == "“" else "》", pos + 1, min(ce, pos + 60))
        if close > pos + 2 and P.c_name_end.search(t, close - 6, close) and not P.c_false_suffix.search(t, pos + 1, close):
            return pos + 1, close
        if close > pos + 2:
            # “千人帮千企百日大行动”调研座谈会: the quoted campaign names the conference after it
            # 《…目录》发布会暨…交流会: the last name end of the run after the quote
            tail = R(r"[^、，,。；;：:\n“”《》]{0,30}").match(t, close + 1, min(ce, close + 32))
            best = None
            for m in P.c_name_end.finditer(t, close + 1, tail.end() if tail else close + 1):
                if v.ents_in(close + 1, m.end(), ("PER",)):
                    break
                if m.end() - close > 1 and not P.c_false_suffix.search(t, max(close + 1, m.end() - 4), m.end()):
                    best = (pos, m.end())
                    if not R(r"^[^、，,。；;]{0,3}暨").match(t[m.end():tail.end()]):
                        break
            return best
        return None
    limit = min(ce, pos + 40)
    best = None
    for m in P.c_name_end.finditer(t, pos, limit):
        if R(r"[、，,。；;\n]").search(t[pos:m.end()]) or v.ents_in(pos, m.end(), ("PER",)):
            break  # a name holds no person (…开工仪式县委书记李高岭出席仪式)
        if P.c_false_suffix.search(t, max(pos, m.end() - 4), m.end()):
            continue
        if m.end() - pos >= 3:
            best = (pos, m.end())
    return best


def _name_before(v: PageView, art: ArticleView, sent: Sent, cs: int, ts: int):
    t, P = v.text, v.P
    best = None
    ends = list(P.c_name_end.finditer(t, cs, ts)) + list(R(r"(?<=\p{Han})”").finditer(t, cs, ts))
    for m in sorted(ends, key=lambda m: m.end()):
        rest = t[m.end():ts]
        # …“云签约”26日在福州举行: a quoted name with its day and place before the verb
        pm = R(r"^(?:[0-9]{1,2}日(?:上午|下午|晚上|晚)?|近日|日前|昨日|今日|昨天|今天)?(?:在(?P<place>[^，,。在]{1,20}?)|于[^，,。]{1,12}?)?(?:隆重|正式|顺利|成功|盛大)?$").match(rest)
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
    for byline in R(r"[(（][^()（）]{0,20}(?:记者|通讯员|记者站)[^()（）]{0,20}[)）]").finditer(t, start, m.end()):
        start = byline.end()  # 电(记者秦红)福建省…“云签约”: the name starts after the byline
    outlet = R(r"(?<=日)(?:电|讯)").match(t, start)
    if outlet:
        start = outlet.end()  # 本报杭州5月19日电 “…展览”: the dateline's 电 is no part of the name
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
