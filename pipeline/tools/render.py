"""A self-contained HTML report of extraction results (``python cli.py render``).

    python cli.py render INPUT... -o report.html [--pub-date YYYY-MM-DD]

From Python::

    from pipeline.tools.render import render_html
    html = render_html([pipeline.extract(text, doc_id="p1")])

One HTML file, no network: styles and the small script are inline, charts are inline SVG, fonts
are whatever the reader's system has (a CSP meta tag forbids loading anything else). The page has

* a header with the label legend and an index of the batch (one row per input, in input order,
  linking to each document's section; error records show their reason);
* per document: a summary (entities by label, events by type as SVG bars; money and area totals
  per event type), then each article with its headline, dateline and byline, its text with the
  entities highlighted by label (hover or focus one for its value, canonical name and source),
  and its event cards. Selecting a card (click, Enter, or a ``#doc-N-vK`` URL fragment) marks its
  trigger and arguments in the text; clicking a trigger in the text selects its card.

Every highlighted span carries ``data-start``/``data-end`` (offsets into the document's
normalized ``text``) and ``data-entity-id`` (empty for triggers and arguments that are not
entities). All text goes through :func:`html.escape`.
"""

from __future__ import annotations

import heapq
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, Union

from ..schema import (
    EVENT_TYPES,
    Article,
    DocumentResult,
    Entity,
    ErrorRecord,
    Event,
)

Result = Union[DocumentResult, ErrorRecord]

#: Label colours (backgrounds; text stays dark for contrast).
LABEL_COLORS: dict[str, str] = {
    "PER": "#ffc9a3",
    "ORG": "#a9cbff",
    "LOC": "#b4ecb4",
    "DATE": "#ffe27a",
    "MONEY": "#ffaaaa",
    "AREA": "#97e6ee",
    "PERCENT": "#d6c4ff",
    "QUANTITY": "#dcdfe3",
    "TITLE": "#f7c8e0",
}
LABEL_ORDER: tuple[str, ...] = tuple(LABEL_COLORS)
_FALLBACK_COLOR = "#e2e2e2"

EVENT_COLORS: dict[str, str] = {
    "meeting": "#4e79a7",
    "inspection": "#f28e2b",
    "conference": "#76b7b2",
    "project_milestone": "#59a14f",
    "investment": "#e15759",
    "funding": "#b07aa1",
    "remediation": "#9c755f",
    "enterprise_action": "#edc948",
    "metric": "#7f7f7f",
    "agreement": "#ff9da7",
}

_CURRENCY_NAMES = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元", "JPY": "日元", "GBP": "英镑"}
_QUALIFIERS = {"approx": "≈", "at_most": "≤", "at_least": "≥"}


# ---------------------------------------------------------------------------- formatting


def _num(x: float, digits: int = 2) -> str:
    """``1234.5`` → ``'1,234.5'``; integers lose their ``.0``.

    >>> _num(3.60), _num(12000000), _num(0.125, 3)
    ('3.6', '12,000,000', '0.125')
    """
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_cn(x: float) -> str:
    """An amount in Chinese newspaper style: 亿 and 万.

    >>> fmt_cn(360000000), fmt_cn(9080000), fmt_cn(950), fmt_cn(1.2e12)
    ('3.6亿', '908万', '950', '12,000亿')
    """
    if abs(x) >= 1e8:
        return f"{_num(x / 1e8)}亿"
    if abs(x) >= 1e4:
        return f"{_num(x / 1e4)}万"
    return _num(x)


def fmt_money(amount: float, currency: str | None = "CNY") -> str:
    """
    >>> fmt_money(360000000), fmt_money(5e7, "USD"), fmt_money(12, "XYZ")
    ('3.6亿元', '5,000万美元', '12 XYZ')
    """
    currency = currency or "CNY"
    unit = _CURRENCY_NAMES.get(currency)
    return f"{fmt_cn(amount)}{unit}" if unit else f"{fmt_cn(amount)} {currency}"


def fmt_area(m2: float) -> str:
    """
    >>> fmt_area(80000), fmt_area(2000 / 3 * 120)
    ('8万平方米', '8万平方米')
    """
    return f"{fmt_cn(m2)}平方米"


def _qualified(text: str, value: dict[str, Any], fmt=None) -> str:
    q = _QUALIFIERS.get(value.get("qualifier") or "", "")
    if value.get("min") is not None and fmt is not None:
        return f"{fmt(value['min'])}–{text}"
    return f"{q}{text}"


def fmt_value(label: str | None, value: Any) -> str:
    """A normalized value, readable: by entity label, else by the value's shape (event args).

    >>> fmt_value("MONEY", {"amount": 360000000, "currency": "CNY", "qualifier": "approx"})
    '≈3.6亿元 (360,000,000 CNY)'
    >>> fmt_value("PER", {"titles": ["区委书记", "区长"], "org": "晋中市太谷区"})
    '区委书记、区长 · 晋中市太谷区'
    >>> fmt_value(None, "under_construction"), fmt_value(None, 6), fmt_value(None, {"amount": 140, "unit": "米"})
    ('under_construction', '6', '140米')
    """
    if value is None:
        return ""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, bool) or not isinstance(value, dict):
        return str(value)
    v = value
    if label == "PER" or "titles" in v:
        parts = ["、".join(v.get("titles") or [])] + ([v["org"]] if v.get("org") else [])
        return " · ".join(p for p in parts if p)
    if label == "LOC" or ("province" in v and "amount" not in v):
        return " › ".join(str(v[k]) for k in ("province", "city", "county") if v.get(k))
    if label == "DATE" or "iso" in v:
        return f"{v.get('iso')}{' (approx.)' if v.get('approx') else ''}"
    if label == "MONEY" or "currency" in v:
        text = _qualified(fmt_money(v["amount"], v.get("currency")), v,
                          lambda m: fmt_cn(m))
        return f"{text} ({_num(v['amount'])} {v.get('currency') or 'CNY'})"
    if label == "AREA" or v.get("unit") == "m2":
        text = _qualified(fmt_area(v["amount"]), v, fmt_cn)
        orig = v.get("original") or {}
        if orig:
            text += f" (= {_num(orig.get('amount', 0))}{orig.get('unit', '')})"
        return text
    if label == "PERCENT" or "points" in v:
        unit = "个百分点" if v.get("points") else "%"
        return _qualified(f"{_num(v['amount'])}{unit}", v, lambda m: _num(m))
    if "amount" in v and "unit" in v:
        return _qualified(f"{_num(v['amount'])}{v['unit']}", v, lambda m: _num(m))
    if set(v) == {"count"}:
        return f"{v['count']} (count)"
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


def _color(label: str) -> str:
    return LABEL_COLORS.get(label, _FALLBACK_COLOR)


# ---------------------------------------------------------------------------- highlighted text

_KIND_RANK = {"dl": 0, "ent": 1, "arg": 2, "trg": 3}


@dataclass
class _Mark:
    start: int
    end: int
    kind: str  # ent | trg | arg | dl
    attrs: dict[str, str]
    classes: list[str]
    tip: str = ""
    seq: int = 0
    children: list["_Mark"] = field(default_factory=list)

    def key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, _KIND_RANK[self.kind], self.seq)


def _entity_tip(e: Entity) -> str:
    lines = [f"{e.label} · {e.text}"]
    value = fmt_value(e.label, e.value)
    if value:
        lines.append(f"value: {value}")
    if e.canonical:
        lines.append(f"canonical: {e.canonical}")
    lines.append(f"source: {e.source}" + (f" · in {e.part}" if e.part else ""))
    lines.append(f"id {e.id} · [{e.start}, {e.end})")
    return "\n".join(lines)


def _marks_for(doc: DocumentResult, skipped: list[str]) -> list[_Mark]:
    """Every span to draw in ``doc``: entities, datelines, event triggers, and event arguments
    that are neither an entity nor a trigger (those are marked by the entity's or trigger's span)."""
    marks: list[_Mark] = []
    doc_len = len(doc.text)
    events = list(doc.iter_events())

    def ok(start: int, end: int, what: str) -> bool:
        if 0 <= start < end <= doc_len:
            return True
        skipped.append(f"{what} [{start}, {end}) is outside the text")
        return False

    ent_spans: set[tuple[int, int]] = set()
    refs: dict[tuple[int, int], list[str]] = defaultdict(list)
    for ev in events:
        refs[(ev.trigger.start, ev.trigger.end)].append(f"{ev.id}:trigger")
        for role, args in ev.args.items():
            for a in args:
                refs[(a.start, a.end)].append(f"{ev.id}:{role}")
    for e in doc.iter_entities():
        if not ok(e.start, e.end, f"entity {e.id}"):
            continue
        ent_spans.add((e.start, e.end))
        marks.append(_Mark(e.start, e.end, "ent",
                           {"data-entity-id": e.id, "data-label": e.label,
                            "data-source": e.source},
                           ["m", "ent", f"ent-{e.label}"], _entity_tip(e)))
    for d in (a.dateline for a in doc.articles if a.dateline is not None):
        if d.end > d.start and ok(d.start, d.end, "dateline"):
            tip = f"dateline · {d.text}" + (f"\nagency: {d.agency}" if d.agency else "") + \
                  (f"\ndate: {d.date}" if d.date else "")
            marks.append(_Mark(d.start, d.end, "dl", {"data-entity-id": ""}, ["m", "dl"], tip))
    seen: set[tuple[int, int, str]] = set()
    for ev in events:
        t = ev.trigger
        if ok(t.start, t.end, f"trigger of {ev.id}") and (t.start, t.end, "trg") not in seen:
            seen.add((t.start, t.end, "trg"))
            marks.append(_Mark(t.start, t.end, "trg", {"data-entity-id": "", "data-evtype": ev.type},
                               ["m", "trg"], f"trigger · {ev.type} ({ev.id})"))
    for ev in events:
        for role, args in ev.args.items():
            for a in args:
                span = (a.start, a.end)
                if span in ent_spans or (a.start, a.end, "trg") in seen or (a.start, a.end, "arg") in seen:
                    continue  # the entity's (or trigger's) own span stands for it
                if not ok(a.start, a.end, f"{role} of {ev.id}"):
                    continue
                seen.add((a.start, a.end, "arg"))
                marks.append(_Mark(a.start, a.end, "arg", {"data-entity-id": ""}, ["m", "arg"],
                                   "argument · " + ", ".join(refs[span])))
    for m in marks:
        m.attrs["data-start"] = str(m.start)
        m.attrs["data-end"] = str(m.end)
        used = refs.get((m.start, m.end))
        if used:
            m.attrs["data-events"] = " ".join(sorted({r.split(":")[0] for r in used}))
    return marks


def _nest(marks: list[_Mark], lo: int, hi: int) -> list[_Mark]:
    """Marks clipped to ``[lo, hi)`` as a forest; a mark crossing another's end is cut in two
    (both parts keep the whole mark's ``data-start``/``data-end``)."""
    heap: list[tuple[tuple[int, int, int, int], _Mark]] = []
    for n, m in enumerate(marks):
        s, e = max(m.start, lo), min(m.end, hi)
        if s < e:
            extra = (["frag"] if (s, e) != (m.start, m.end) else []) + (["cont"] if e < m.end else [])
            piece = _Mark(s, e, m.kind, m.attrs, list(m.classes) + extra, m.tip, n)
            heapq.heappush(heap, (piece.key(), piece))
    root = _Mark(lo, hi, "dl", {}, [], seq=-1)
    stack = [root]
    while heap:
        _, m = heapq.heappop(heap)
        while len(stack) > 1 and stack[-1].end <= m.start:
            stack.pop()
        top = stack[-1]
        if m.end > top.end:  # crossing: keep the part inside, requeue the rest
            rest = _Mark(top.end, m.end, m.kind, m.attrs, list(dict.fromkeys(m.classes + ["frag"])),
                         m.tip, m.seq)
            heapq.heappush(heap, (rest.key(), rest))
            m = _Mark(m.start, top.end, m.kind, m.attrs, list(dict.fromkeys(m.classes + ["frag", "cont"])),
                      m.tip, m.seq)
        top.children.append(m)
        stack.append(m)
    return root.children


def _render_span(text: str, lo: int, hi: int, forest: list[_Mark], out: list[str]) -> None:
    pos = lo
    for m in forest:
        if m.start > pos:
            out.append(escape(text[pos:m.start]))
        attrs = "".join(f' {k}="{_attr(v)}"' for k, v in m.attrs.items())
        tip = f' data-tip="{_attr(m.tip)}"' if m.tip else ""
        focus = ' tabindex="0"' if m.kind == "ent" else ""
        out.append(f'<span class="{" ".join(m.classes)}"{attrs}{tip}{focus}>')
        _render_span(text, m.start, m.end, m.children, out)
        out.append("</span>")
        pos = m.end
    if pos < hi:
        out.append(escape(text[pos:hi]))


def highlight(text: str, marks: list[_Mark], lo: int, hi: int) -> str:
    out: list[str] = []
    _render_span(text, lo, hi, _nest(marks, lo, hi), out)
    return "".join(out)


# ---------------------------------------------------------------------------- summary


@dataclass
class _Summary:
    labels: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    money: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # type → currency → sum
    area: Counter = field(default_factory=Counter)  # type → m²


def _arg_kind(value: Any, entity: Entity | None) -> str | None:
    if entity is not None and entity.label in ("MONEY", "AREA"):
        return entity.label
    if isinstance(value, dict):
        if "currency" in value and "amount" in value:
            return "MONEY"
        if value.get("unit") == "m2" and "amount" in value:
            return "AREA"
    return None


def summarize(doc: DocumentResult) -> _Summary:
    """Counts by label and event type; money and area totals per event type (an amount that
    several events of one type share counts once for that type)."""
    s = _Summary()
    entities = {e.id: e for e in doc.iter_entities()}
    for e in entities.values():
        s.labels[e.label] += 1
    counted: set[tuple[str, int, int]] = set()
    for ev in doc.iter_events():
        s.events[ev.type] += 1
        for args in ev.args.values():
            for a in args:
                entity = entities.get(a.entity_id) if a.entity_id else None
                value = a.value if a.value is not None else (entity.value if entity else None)
                if hasattr(value, "model_dump"):
                    value = value.model_dump()
                kind = _arg_kind(value, entity)
                if kind is None or not isinstance(value, dict) or (ev.type, a.start, a.end) in counted:
                    continue
                try:
                    amount = float(value["amount"])
                except (KeyError, TypeError, ValueError):
                    continue
                counted.add((ev.type, a.start, a.end))
                if kind == "MONEY":
                    s.money[ev.type][value.get("currency") or "CNY"] += amount
                else:
                    s.area[ev.type] += amount
    return s


def bar_chart(title: str, rows: list[tuple[str, float, str]], *, width: int = 340) -> str:
    """A horizontal bar chart as inline SVG; ``rows`` are ``(name, value, colour)``."""
    if not rows:
        return f'<figure class="chart"><figcaption>{escape(title)}</figcaption><p class="none">none</p></figure>'
    row_h, label_w, pad = 20, 132, 6
    bar_max = width - label_w - 44
    peak = max(v for _, v, _ in rows) or 1
    height = pad * 2 + row_h * len(rows)
    parts = [f'<svg class="bars" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>']
    for i, (name, value, color) in enumerate(rows):
        y = pad + i * row_h
        w = max(2.0, bar_max * value / peak)
        parts.append(
            f'<g class="bar" data-name="{_attr(name)}" data-value="{_attr(_num(value))}">'
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" rx="3" '
            f'fill="{_attr(color)}" stroke="#00000033"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 14}">{escape(_num(value))}</text></g>'
        )
    parts.append("</svg>")
    return f'<figure class="chart"><figcaption>{escape(title)}</figcaption>{"".join(parts)}</figure>'


def _summary_html(s: _Summary) -> str:
    label_rows = [(lab, float(s.labels[lab]), _color(lab))
                  for lab in list(LABEL_ORDER) + sorted(set(s.labels) - set(LABEL_ORDER)) if s.labels[lab]]
    event_rows = [(t, float(s.events[t]), EVENT_COLORS.get(t, "#888"))
                  for t in list(EVENT_TYPES) + sorted(set(s.events) - set(EVENT_TYPES)) if s.events[t]]
    charts = bar_chart("Entities by label", label_rows) + bar_chart("Events by type", event_rows)
    types = [t for t in list(EVENT_TYPES) + sorted(set(s.money) | set(s.area)) if t in s.money or t in s.area]
    types = list(dict.fromkeys(types))
    if types:
        rows = []
        for t in types:
            money = "; ".join(fmt_money(v, c) for c, v in sorted(s.money[t].items())) if t in s.money else "–"
            area = fmt_area(s.area[t]) if t in s.area else "–"
            rows.append(f'<tr data-type="{_attr(t)}"><th scope="row"><span class="evdot" '
                        f'style="background:{EVENT_COLORS.get(t, "#888")}"></span>{escape(t)}</th>'
                        f'<td class="money">{escape(money)}</td><td class="area">{escape(area)}</td></tr>')
        totals = ('<table class="totals"><caption>Money and area in event arguments</caption>'
                  '<thead><tr><th>event type</th><th>money</th><th>area</th></tr></thead>'
                  f'<tbody>{"".join(rows)}</tbody></table>')
    else:
        totals = '<p class="none totals">No money or area in event arguments.</p>'
    return f'<div class="summary">{charts}{totals}</div>'


# ---------------------------------------------------------------------------- articles and events


def _event_card(ev: Event, anchor: str, entities: dict[str, Entity]) -> str:
    color = EVENT_COLORS.get(ev.type, "#888")
    args_data = []
    roles_html = []
    for role, args in ev.args.items():
        items = []
        for a in args:
            args_data.append({"role": role, "start": a.start, "end": a.end, "entity_id": a.entity_id or ""})
            entity = entities.get(a.entity_id) if a.entity_id else None
            value = fmt_value(entity.label if entity and a.value is None else None,
                              a.value if a.value is not None else (entity.value if entity else None))
            label = f'<span class="lab" style="background:{_color(entity.label)}">{escape(entity.label)}</span>' \
                if entity else ""
            val = f' <span class="val">→ {escape(value)}</span>' if value and value != a.text else ""
            items.append(f'<li data-start="{a.start}" data-end="{a.end}">{label}{escape(a.text)}{val}</li>')
        roles_html.append(f'<dt>{escape(role)}</dt><dd><ul>{"".join(items)}</ul></dd>')
    date = escape(ev.date) if ev.date else '<span class="none">no date</span>'
    return (
        f'<article class="event ev-{_attr(ev.type)}" id="{_attr(anchor)}" tabindex="0" role="button" '
        f'aria-pressed="false" data-event-id="{_attr(ev.id)}" data-type="{_attr(ev.type)}" '
        f'data-trigger-start="{ev.trigger.start}" data-trigger-end="{ev.trigger.end}" '
        f'data-args="{_attr(json.dumps(args_data, ensure_ascii=False))}" style="--evc:{color}">'
        f'<header><span class="evtype">{escape(ev.type)}</span><span class="evdate">{date}</span></header>'
        f'<p class="trigger">trigger <b>{escape(ev.trigger.text)}</b> '
        f'<span class="offs">[{ev.trigger.start}, {ev.trigger.end})</span></p>'
        f'<dl>{"".join(roles_html)}</dl></article>'
    )


def _article_html(doc: DocumentResult, article: Article, n: int, anchor: str, marks: list[_Mark],
                  lo: int, hi: int, entities: dict[str, Entity]) -> str:
    title = escape(article.title) if article.title else '<span class="none">(no headline)</span>'
    meta = []
    if article.dateline is not None:
        d = article.dateline
        bits = [escape(d.agency), f'<time>{escape(d.date)}</time>'] if d.agency and d.date else \
            [f'<time>{escape(d.date)}</time>'] if d.date else [escape(d.text)]
        meta.append(f'<span class="dateline" title="{_attr(d.text)}">dateline: {" · ".join(bits)}</span>')
    if article.authors:
        meta.append(f'<span class="byline">byline: {escape("、".join(article.authors))}</span>')
    counts = Counter(e.label for e in article.entities)
    meta.append('<span class="counts">' + " ".join(
        f'<span class="lab" style="background:{_color(k)}">{escape(k)} {v}</span>'
        for k, v in sorted(counts.items(), key=lambda kv: (LABEL_ORDER.index(kv[0]) if kv[0] in LABEL_ORDER else 99))
    ) + "</span>")
    body = highlight(doc.text, marks, lo, hi)
    cards = "".join(_event_card(ev, f"{anchor}-{ev.id}", entities) for ev in article.events) \
        or '<p class="none">No events.</p>'
    return (
        f'<section class="article" id="{_attr(anchor)}-a{n}" data-index="{article.index}">'
        f'<header><h3 class="headline">{title}</h3><p class="meta">{" ".join(meta)}</p></header>'
        f'<div class="cols"><div class="text" lang="zh">{body}</div>'
        f'<div class="events"><h4>Events ({len(article.events)})</h4>{cards}</div></div></section>'
    )


def _document_html(doc: DocumentResult, anchor: str) -> str:
    skipped: list[str] = []
    marks = _marks_for(doc, skipped)
    entities = {e.id: e for e in doc.iter_entities()}
    parts = []
    pos = 0
    n_text = len(doc.text)
    for n, article in enumerate(sorted(doc.articles, key=lambda a: (a.start, a.index))):
        lo, hi = max(article.start, pos), min(max(article.end, article.start), n_text)
        if lo > pos and doc.text[pos:lo].strip():
            parts.append(f'<div class="between text" lang="zh">{highlight(doc.text, marks, pos, lo)}</div>')
        parts.append(_article_html(doc, article, n, anchor, marks, lo, max(lo, hi), entities))
        pos = max(pos, hi)
    if pos < n_text and doc.text[pos:].strip():
        parts.append(f'<div class="between text" lang="zh">{highlight(doc.text, marks, pos, n_text)}</div>')
    pub = escape(doc.pub_date) if doc.pub_date else "unknown"
    if doc.pub_date_source:
        pub += f" ({escape(doc.pub_date_source)})"
    notes = list(doc.warnings) + [f"not shown: {s}" for s in skipped]
    warn = ""
    if notes:
        warn = (f'<details class="warnings"><summary>{len(notes)} warning(s)</summary><ul>'
                + "".join(f"<li>{escape(w)}</li>" for w in notes) + "</ul></details>")
    return (
        f'<section class="doc" id="{_attr(anchor)}" data-doc-id="{_attr(doc.doc_id)}">'
        f'<h2>{escape(doc.doc_id)} <a class="up" href="#index" title="back to the index">↑</a></h2>'
        f'<p class="docmeta">published {pub} · {len(doc.articles)} article(s) · {len(entities)} entities · '
        f'{sum(1 for _ in doc.iter_events())} events · {len(doc.text):,} characters · schema {escape(doc.schema_version)}</p>'
        f'{warn}{_summary_html(summarize(doc))}{"".join(parts)}</section>'
    )


# ---------------------------------------------------------------------------- page

#: The report's style and script, package files next to this module (read once per process); the
#: line of the stylesheet that names LABEL_COLORS becomes one background rule per label.
_LABEL_RULES_MARK = "/* .ent-LABEL { background } rules for each label of LABEL_COLORS go here (render.py) */\n"
_CSS = (resources.files(__package__) / "report.css").read_text(encoding="utf-8").replace(
    _LABEL_RULES_MARK, "".join(f".ent-{lab} {{ background:{c}; }}\n" for lab, c in LABEL_COLORS.items()))
_JS = (resources.files(__package__) / "report.js").read_text(encoding="utf-8")

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; font-src data:")


def _coerce(result: Any) -> Result:
    if isinstance(result, (DocumentResult, ErrorRecord)):
        return result
    if isinstance(result, dict):
        return ErrorRecord.model_validate(result) if "error" in result else DocumentResult.model_validate(result)
    raise TypeError(f"cannot render {type(result).__name__}")


def render_html(results: Iterable[Result | dict[str, Any]], *, title: str = "newsie report") -> str:
    """The report of ``results`` (DocumentResults and ErrorRecords, or their JSON dicts) as one
    self-contained HTML page."""
    results = [_coerce(r) for r in results]
    docs = [r for r in results if isinstance(r, DocumentResult)]
    errors = [r for r in results if isinstance(r, ErrorRecord)]
    rows, sections, error_items = [], [], []
    for i, r in enumerate(results, 1):
        if isinstance(r, ErrorRecord):
            anchor = f"err-{i}"
            rows.append(f'<tr class="error"><td class="num">{i}</td><td><a href="#{anchor}">{escape(r.doc_id)}</a></td>'
                        f'<td colspan="5">error ({escape(r.error.type)}): {escape(r.error.message)}</td></tr>')
            src = f' <span class="src">({escape(r.source)})</span>' if r.source else ""
            error_items.append(f'<li id="{anchor}" data-doc-id="{_attr(r.doc_id)}"><b>{escape(r.doc_id)}</b>{src}: '
                               f'<code>{escape(r.error.type)}</code> {escape(r.error.message)}</li>')
            continue
        anchor = f"doc-{i}"
        s = summarize(r)
        headlines = [a.title for a in r.articles if a.title]
        first = escape(headlines[0]) + (f" <span class='none'>+{len(headlines) - 1}</span>" if len(headlines) > 1 else "") \
            if headlines else ""
        rows.append(f'<tr><td class="num">{i}</td><td><a href="#{anchor}">{escape(r.doc_id)}</a></td>'
                    f'<td>{escape(r.pub_date or "")}</td><td class="num">{len(r.articles)}</td>'
                    f'<td class="num">{sum(s.labels.values())}</td><td class="num">{sum(s.events.values())}</td>'
                    f'<td>{first}</td></tr>')
        sections.append(_document_html(r, anchor))
    index = (
        '<nav id="index"><h2>Index</h2><table><thead><tr><th>#</th><th>document</th><th>published</th>'
        '<th>articles</th><th>entities</th><th>events</th><th>headlines</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></nav>'
    )
    err_html = ""
    if error_items:
        err_html = f'<section id="errors"><h2>Errors ({len(errors)})</h2><ul>{"".join(error_items)}</ul></section>'
    legend = "".join(f'<span class="lab" style="background:{c}">{escape(lab)}</span>' for lab, c in LABEL_COLORS.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>\n{_CSS}</style></head><body>"
        f'<header class="top"><h1>{escape(title)}</h1>'
        f"<p>{len(docs)} document(s), {len(errors)} error(s). Hover an entity for its value, canonical "
        "name and source; click an event card to mark its trigger and arguments.</p>"
        f'<div class="legend">{legend}</div></header>'
        f'<main>{index}{err_html}{"".join(sections)}</main>'
        f"<script>\n{_JS}</script></body></html>\n"
    )


def write_report(path: str | os.PathLike[str], html_text: str) -> None:
    """Write atomically: a reader never sees half a report."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html_text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _output_records(path: str) -> list[Result] | None:
    """The records of ``path`` when it is extraction output (a ``.jsonl`` whose first line is a
    DocumentResult or ErrorRecord, with ``doc_id``), else None (an input to extract)."""
    if not path.endswith(".jsonl") or not Path(path).is_file():
        return None
    with open(path, encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), None)
    try:
        head = json.loads(first) if first else None
    except json.JSONDecodeError:
        return None
    if not (isinstance(head, dict) and "doc_id" in head and ("articles" in head or "error" in head)):
        return None
    if "text" not in head and "error" not in head:
        from ..errors import UsageError

        raise UsageError(f"{path}: records without their text (extract --no-text) cannot be drawn")
    with open(path, encoding="utf-8") as fh:
        return [_coerce(json.loads(line)) for line in fh if line.strip()]


def main(args: Any) -> int:
    """``cli.py render``: extract every input (or take extract's output JSONL as it is), write the
    report; exit 1 if any document failed."""
    from ..run.extractor import Extractor
    from ..run.inputs import iter_inputs

    results: list[Result] = []
    pending: list[str] = []

    def run_pending() -> None:
        if pending:
            items = iter_inputs(list(pending), pub_date=getattr(args, "pub_date", None),
                                globs=tuple(args.glob) if getattr(args, "glob", None) else None)
            results.extend(Extractor().extract_many(items))
            pending.clear()

    for spec in args.inputs:
        done = _output_records(spec)
        if done is None:
            pending.append(spec)
        else:
            run_pending()
            results.extend(done)
    run_pending()
    if not results:
        from ..errors import UsageError

        raise UsageError(f"no documents in {' '.join(args.inputs)}")
    failed = 0
    for r in results:
        if isinstance(r, ErrorRecord):
            failed += 1
            print(f"error: {r.doc_id}: {r.error.message}", file=sys.stderr)
    write_report(args.output, render_html(results))
    print(f"wrote {args.output}: {len(results) - failed} document(s), {failed} error(s)", file=sys.stderr)
    return 1 if failed else 0
