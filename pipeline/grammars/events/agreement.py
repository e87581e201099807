"""``agreement``: 签约, 签署 … with the parties and amount (``rules/events/agreement.toml``)."""

from __future__ import annotations

from ...core.records import Mention
from .common import add, after_open, emit, has, new_event, place_before
from .context import ORGLOC, R, ArticleView, PageView, Sent


def agreements(v: PageView, art: ArticleView, sent: Sent) -> None:
    t, P = v.text, v.P
    conf_names = [(a.start, a.end) for e in art.events if e.type == "conference" for a in e.args.get("name", [])]
    verbs = [m for m in P.a_verbs.finditer(t, sent.start, sent.end) if v.ent_covering(m.start()) is None]
    inside = [m for m in verbs if any(a <= m.start() < b for a, b in conf_names)]
    free = [m for m in verbs if m not in inside]
    nouns = [m for m in P.a_nouns.finditer(t, sent.start, sent.end)]
    used_clauses: set[int] = set()  # one signing per clause (several in one sentence stay apart)
    seen_parties: set[str] = set()
    for m in free + inside + nouns:
        ts, te = m.span()
        if m.group() in P.a_weak and not P.a_nouns.match(t, after_open(v, te, sent.end)):
            continue
        cs, ce = v.clause_at(sent, ts)
        if P.a_not_before.search(t, max(cs, ts - 6), ts) and P.a_not_after.match(t, te) \
                or P.a_not_after.match(t, te) and t[te:te + 2] != "项目":
            continue  # 47个签约项目: a kind of project; 在“云签约”中: the signing named again
        if cs in used_clauses or (used_clauses and m not in free):
            continue  # a 签约 in a ceremony's name or a 协议 noun only when no verb signed
        if v.is_future(cs, ts) or v.in_speech(sent, ts):
            continue
        ev = new_event(v, art, sent, "agreement", ts, te)
        # parties: ORG/LOC before the trigger joined by 与/和; 双方 → the sides of the meeting
        parties = [o for o in v.ents_in(cs, ts, ("ORG", "LOC")) if not v.person_org(o)
                   and not any(a <= o.start < b for a, b in conf_names) and o.part != "dateline"]
        projects: list[tuple[int, int]] = []
        # A公司B项目、C公司D项目等5个项目现场签约
        lst = R(r"等?(?P<n>[0-9一二三四五六七八九十]{1,3})个(?:项目|重点项目|重大项目)").search(t[cs:ts])
        if lst:
            items_end = cs + lst.start()
            items = v.split_list(cs, items_end)
            for x, y in items:
                head = [o for o in v.ents_in(x, y, ("ORG",)) if o.start == x]
                if head and y - head[0].end >= 2:
                    projects.append((head[0].end, y))
            a, b = cs + lst.start("n"), cs + lst.end()
            if not projects:
                projects.append((a, b))
        if P.a_both.search(t, cs, ts) and len(parties) < 2:
            parties = _meeting_sides(v, art) or _paired_subject(v, art, sent, cs) or parties
        if not parties and cs - 2 >= sent.start and R(r"(?:共同|一起|联合|一同)").match(t, v.trim(cs, ts)[0]):
            # A、B以及C召开联席会议，共同签署了…: the parties are the subject of the clause before
            ps, _ = v.clause_at(sent, cs - 2)
            parties = [o for o in v.ents_in(ps, cs, ("ORG", "LOC")) if not v.person_org(o)]
        counted = P.a_counted_projects.match(t, after_open(v, te, ce, "了"), ce)
        if not parties and cs > sent.start and counted:
            # 恩施州举行…签约仪式，共签约30个项目: the subject of the sentence signs
            parties = [o for o in v.subject_orgs(art, sent, ts, carry=False)
                       if isinstance(o, Mention) and not v.person_org(o)][:1]
        if used_clauses and (not parties or {a.text for a in v.org_args(parties)} <= seen_parties):
            continue  # a further signing of the sentence needs parties of its own
        for a in v.org_args(parties):
            add(ev, "party", a)
        title = after_open(v, te, ce, "了")
        if not projects and t.startswith("《", title):
            close = t.find("》", title, ce)  # 签署了《…工作机制》: the document signed
            if close > title + 2:
                projects.append((title, close + 1))
        if not projects and counted:
            projects.append(counted.span())
        if not projects:
            after = v.find_projects(te, ce) or v.find_projects(cs, ts)
            projects = [v.project_parts(s)[0] for s in after]
        if not projects and m in inside and (later := P.a_counted_projects.search(t, ce, sent.end)):
            a, b = later.span()  # “云签约”26日在福州举行，涉及签约项目391个
            lead = R(r"(?:涉及|包括|共有|其中|共)").match(t, a, b)
            projects.append((lead.end() if lead else a, b))
        if m in inside and not has(ev, "party"):
            # 福建省重大投资项目“云签约”: the place or body opening the name signs
            name = next(((a, b) for a, b in conf_names if a <= ts < b), None)
            for o in (v.ents_in(*name, ("ORG", "LOC")) if name else [])[:1]:
                if o.start == name[0]:
                    add(ev, "party", v.ent_arg(o))
        if not projects and (doc := P.a_document.match(t, title, ce)):
            projects.append(doc.span())  # 签署了缔结友好城市协议书: the document signed
        for s in projects:
            add(ev, "project", v.arg(*s))
        money = _agreement_amount(v, art, sent, ts)
        if money is not None:
            add(ev, "amount", v.value_arg(money))
        place = place_before(v, sent.start, ts) or _named_in_place(art, ts) or _ceremony_place(v, art, sent)
        if place is not None:
            add(ev, "place", place)
        if not (has(ev, "party") or has(ev, "project")):
            continue
        emit(art, ev)
        used_clauses.add(cs)
        seen_parties.update(a.text for a in ev.args.get("party", []))


def _meeting_sides(v: PageView, art: ArticleView) -> list[Mention]:
    meeting = next((e for e in reversed(art.events) if e.type == "meeting"), None)
    if meeting is None:
        return []
    out = []
    for role in ("host", "guest"):
        for a in meeting.args.get(role, []):
            if a.entity is None:
                continue
            if a.entity.label in ORGLOC:
                out.append(a.entity)
                break
            orgs = [o for o in v.ents_in(max(0, a.start - 30), a.start, ("ORG", "LOC")) if v.person_org(o)]
            if orgs:
                out.append(orgs[-1])
                break
    return out if len(out) == 2 else []


def _paired_subject(v: PageView, art: ArticleView, sent: Sent, cs: int) -> list[Mention | tuple[int, int]]:
    """X、Y分别代表两市签署了…: the two sides are the pair the paragraph named as subject before
    (我市与安徽宣城市正式缔结为友好城市。)."""
    found = v.subject_orgs(art, sent, cs, carry=True)
    return found if len(found) >= 2 else []


def _named_in_place(art: ArticleView, ts: int):
    """A signing named inside a conference's name (福建省重大投资项目“云签约”…在福州举行) takes
    the conference's place."""
    for e in art.events:
        if e.type == "conference" and e.args.get("place") and any(
                a.start <= ts < a.end for a in e.args.get("name", [])):
            return e.args["place"][0]
    return None


def _ceremony_place(v: PageView, art: ArticleView, sent: Sent):
    """A signing in the sentence after a ceremony read in the same paragraph takes its place."""
    if sent.index == 0:
        return None
    prev = art.sents[sent.index - 1]
    if prev.para != sent.para:
        return None
    for e in reversed(art.events):
        if e.type == "conference" and e.sentence[0] == prev.start and e.args.get("place"):
            return e.args["place"][0]
    return None


def _agreement_amount(v: PageView, art: ArticleView, sent: Sent, ts: int) -> Mention | None:
    monies = v.ents_in(sent.start, sent.end, ("MONEY",))
    for m in monies:
        if v.P.a_amount_cue.search(v.text, max(sent.start, m.start - 8), m.start):
            return m
    after = [m for m in monies if m.start > ts]
    if after:
        return after[0]
    nxt = art.sents[sent.index + 1] if sent.index + 1 < len(art.sents) else None
    if nxt is not None and nxt.para == sent.para and v.P.project_anaphor_start.match(v.text, nxt.start):
        for m in v.ents_in(nxt.start, nxt.end, ("MONEY",)):
            if v.P.a_amount_cue.search(v.text, max(nxt.start, m.start - 8), m.start):
                return m
    return None
