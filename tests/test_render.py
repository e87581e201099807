"""The HTML report (``pipeline.tools.render``, ``cli.py render``), checked in a real headless browser.

The document below is built by hand (a page written for this test in the genre: a county
secretary's inspection, a dateline, a money amount, an area), so the DOM assertions do not depend
on how well the pipeline does; one end-to-end run of ``cli.py render`` checks the wiring.

The browser tests need Debian's ``chromium`` (CI installs it, with ``fonts-noto-cjk`` for the
screenshot). Without it they fail, unless ``NEWSIE_SKIP_BROWSER=1`` is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.tools.render import _Mark, _nest, fmt_value, highlight, render_html, summarize
from pipeline.schema import (
    Arg,
    Article,
    Dateline,
    DocumentResult,
    Entity,
    ErrorInfo,
    ErrorRecord,
    Event,
    Offsets,
    Trigger,
)

REPO = Path(__file__).resolve().parents[1]

TITLE = "阳城县委书记王建国调研重点项目"
PAGE = (
    f"{TITLE}\n\n"
    "本报讯 3月12日，阳城县委书记王建国到润城镇调研重点项目建设，县委常委、常务副县长李红梅陪同。\n"
    "王建国一行来到山西晋阳新材料有限公司年产5万吨新材料项目现场。该项目总投资12.5亿元，占地约300亩，"
    "目前已完成投资4.2亿元。\n"
    "王建国强调，要加快项目建设进度，确保年底前投产。\n"
    "张明\n"
)


def _span(text: str, n: int = 0) -> tuple[int, int]:
    """Offsets of the ``n``-th occurrence of ``text`` in PAGE."""
    pos = -1
    for _ in range(n + 1):
        pos = PAGE.index(text, pos + 1)
    return pos, pos + len(text)


def _entity(eid: str, label: str, text: str, n: int = 0, value=None, canonical=None, source="model",
            part=None) -> Entity:
    start, end = _span(text, n)
    return Entity(id=eid, label=label, text=text, start=start, end=end, raw_start=start, raw_end=end,
                  value=value, canonical=canonical, source=source, part=part)


def _arg(text: str, n: int = 0, entity: Entity | None = None, value=None) -> Arg:
    start, end = _span(text, n)
    return Arg(text=text, start=start, end=end, entity_id=entity.id if entity else None, value=value)


def _trigger(text: str, n: int = 0) -> Trigger:
    start, end = _span(text, n)
    return Trigger(text=text, start=start, end=end)


def _sentence(containing: str) -> Offsets:
    start, _ = _span(containing)
    lo = max(PAGE.rfind("。", 0, start), PAGE.rfind("\n", 0, start)) + 1
    return Offsets(start=lo, end=PAGE.index("。", start) + 1)


def build_page() -> DocumentResult:
    e = {
        "t_org": _entity("e1", "ORG", "阳城县委", 0, part="title"),
        "t_per": _entity("e2", "PER", "王建国", 0, {"titles": ["县委书记"], "org": "阳城县"}, part="title"),
        "date": _entity("e3", "DATE", "3月12日", 0, {"iso": "2024-03-12"}, source="rule", part="dateline"),
        "org": _entity("e4", "ORG", "阳城县委", 1),
        "per": _entity("e5", "PER", "王建国", 1, {"titles": ["县委书记"], "org": "阳城县"}),
        "loc": _entity("e6", "LOC", "润城镇", 0, {"province": "山西省", "city": "晋城市", "county": "阳城县"},
                       source="lexicon"),
        "per2": _entity("e7", "PER", "李红梅", 0, {"titles": ["县委常委", "常务副县长"], "org": "阳城县"}),
        "per3": _entity("e8", "PER", "王建国", 2, {"titles": ["县委书记"], "org": "阳城县"}),
        "company": _entity("e9", "ORG", "山西晋阳新材料有限公司", 0, canonical="山西晋阳新材料有限公司"),
        "money": _entity("e10", "MONEY", "12.5亿元", 0, {"amount": 1.25e9, "currency": "CNY"}, source="rule"),
        "area": _entity("e11", "AREA", "约300亩", 0,
                        {"amount": 200000, "unit": "m2", "original": {"amount": 300, "unit": "亩"},
                         "qualifier": "approx"}, source="rule"),
        "money2": _entity("e12", "MONEY", "4.2亿元", 0, {"amount": 4.2e8, "currency": "CNY"}, source="rule"),
        "year_end": _entity("e13", "DATE", "年底", 0, {"iso": "2024-12", "approx": True}, source="rule"),
        "per4": _entity("e14", "PER", "王建国", 3, {"titles": ["县委书记"], "org": "阳城县"}),
    }
    events = [
        Event(id="v1", type="inspection", trigger=_trigger("调研", 1), date="2024-03-12",
              sentence=_sentence("本报讯"),
              args={"inspector": [_arg("王建国", 1, e["per"])], "site": [_arg("重点项目", 1)],
                    "accompanying": [_arg("李红梅", 0, e["per2"])], "place": [_arg("润城镇", 0, e["loc"])]}),
        Event(id="v2", type="investment", trigger=_trigger("总投资"), date="2024-03-12",
              sentence=_sentence("该项目总投资"),
              args={"scope": [_arg("年产5万吨新材料项目")], "amount": [_arg("12.5亿元", 0, e["money"])]}),
        Event(id="v3", type="project_milestone", trigger=_trigger("投产"), date="2024-12",
              sentence=_sentence("确保年底前投产"),
              args={"project": [_arg("山西晋阳新材料有限公司年产5万吨新材料项目")],
                    "stage": [_arg("投产", value="operational")],
                    "investment": [_arg("12.5亿元", 0, e["money"])],
                    "area": [_arg("约300亩", 0, e["area"])]}),
    ]
    dl_start, dl_end = _span("本报讯 3月12日")
    article = Article(index=0, start=0, end=len(PAGE), title=TITLE,
                      dateline=Dateline(agency="本报讯", date="2024-03-12", text="本报讯 3月12日",
                                        start=dl_start, end=dl_end),
                      authors=["张明"], entities=list(e.values()), events=events)
    return DocumentResult(doc_id="yangcheng_p1", pub_date="2024-03-13", pub_date_source="given",
                          text=PAGE, articles=[article], warnings=["caption removed: ■ 张明摄"])


# ---------------------------------------------------------------------------- HTML parsing


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "_Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, _Node):
                yield c
                yield from c.iter()

    def find_all(self, cls: str | None = None, tag: str | None = None, **attrs: str) -> list["_Node"]:
        return [n for n in self.iter()
                if (cls is None or cls in n.classes) and (tag is None or n.tag == tag)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]


_VOID = {"meta", "link", "br", "img", "input", "hr", "rect", "col", "source", "wbr"}


class _Tree(HTMLParser):
    """A strict little DOM: fails on a closing tag that does not match the open one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html_text: str) -> _Node:
    tree = _Tree()
    tree.feed(html_text)
    tree.close()
    assert tree.cur is tree.root, f"<{tree.cur.tag}> left open"
    return tree.root


def _marks(root: _Node, **attrs: str) -> list[_Node]:
    return [n for n in root.find_all("m", tag="span", **attrs)]


# ---------------------------------------------------------------------------- the HTML itself


@pytest.fixture(scope="module")
def page() -> DocumentResult:
    return build_page()


@pytest.fixture(scope="module")
def dom(page) -> _Node:
    return parse(render_html([page]))


def test_every_entity_is_one_span_with_label_offsets_and_id(page, dom):
    for e in page.iter_entities():
        spans = _marks(dom, data_entity_id=e.id)
        assert len(spans) == 1, e
        span = spans[0]
        assert {"ent", f"ent-{e.label}"} <= span.classes
        assert span.attrs["data-label"] == e.label
        assert (span.attrs["data-start"], span.attrs["data-end"]) == (str(e.start), str(e.end))
        assert span.text() == PAGE[e.start:e.end] == e.text
        tip = span.attrs["data-tip"]
        assert e.label in tip and f"source: {e.source}" in tip


def test_tooltips_give_value_canonical_and_source(dom):
    (area,) = _marks(dom, data_entity_id="e11")
    assert "value: ≈20万平方米 (= 300亩)" in area.attrs["data-tip"]
    (company,) = _marks(dom, data_entity_id="e9")
    assert "canonical: 山西晋阳新材料有限公司" in company.attrs["data-tip"]
    (per,) = _marks(dom, data_entity_id="e7")
    assert "value: 县委常委、常务副县长 · 阳城县" in per.attrs["data-tip"]
    (loc,) = _marks(dom, data_entity_id="e6")
    assert "山西省 › 晋城市 › 阳城县" in loc.attrs["data-tip"] and "source: lexicon" in loc.attrs["data-tip"]


def test_triggers_and_plain_arguments_get_spans_too(page, dom):
    for ev in page.iter_events():
        t = ev.trigger
        (trg,) = [s for s in _marks(dom, data_start=str(t.start), data_end=str(t.end)) if "trg" in s.classes]
        assert trg.text() == t.text and trg.attrs["data-entity-id"] == "" and ev.id in trg.attrs["data-events"]
    site = _arg("重点项目", 1)
    (span,) = _marks(dom, data_start=str(site.start), data_end=str(site.end))
    assert "arg" in span.classes and span.attrs["data-entity-id"] == "" and span.text() == "重点项目"
    # the project phrase holds the company entity, nested inside it
    project = _arg("山西晋阳新材料有限公司年产5万吨新材料项目")
    (outer,) = _marks(dom, data_start=str(project.start), data_end=str(project.end))
    assert [n.attrs["data-entity-id"] for n in outer.find_all("ent")] == ["e9"]
    # an argument that is an entity is marked by the entity's own span, not a second one
    money = _span("12.5亿元")
    assert len(_marks(dom, data_start=str(money[0]), data_end=str(money[1]))) == 1


def test_dateline_headline_byline_and_event_cards(page, dom):
    (article,) = dom.find_all("article", tag="section")
    assert article.find_all("headline")[0].text() == TITLE
    assert "本报讯" in article.find_all("dateline")[0].text() and "2024-03-12" in article.find_all("dateline")[0].text()
    assert article.find_all("byline")[0].text() == "byline: 张明"
    cards = dom.find_all("event")
    assert [c.attrs["data-type"] for c in cards] == ["inspection", "investment", "project_milestone"]
    assert [c.attrs["id"] for c in cards] == ["doc-1-v1", "doc-1-v2", "doc-1-v3"]
    milestone = cards[2]
    assert "2024-12" in milestone.find_all("evdate")[0].text()
    roles = [dt.text() for dt in milestone.find_all(tag="dt")]
    assert roles == ["project", "stage", "investment", "area"]
    assert "operational" in milestone.text() and "3.6亿" not in milestone.text()
    args = json.loads(milestone.attrs["data-args"])
    assert {"role": "investment", "start": _span("12.5亿元")[0], "end": _span("12.5亿元")[1],
            "entity_id": "e10"} in args


def test_summary_counts_and_money_area_totals(page, dom):
    s = summarize(page)
    assert s.labels == {"PER": 5, "ORG": 3, "LOC": 1, "DATE": 2, "MONEY": 2, "AREA": 1}
    assert s.events == {"inspection": 1, "investment": 1, "project_milestone": 1}
    assert s.money == {"investment": {"CNY": 1.25e9}, "project_milestone": {"CNY": 1.25e9}}
    assert s.area == {"project_milestone": 200000}
    (table,) = dom.find_all("totals", tag="table")
    rows = {tr.attrs["data-type"]: tr for tr in table.find_all(tag="tr") if "data-type" in tr.attrs}
    assert rows["investment"].find_all("money")[0].text() == "12.5亿元"
    assert rows["project_milestone"].find_all("area")[0].text() == "20万平方米"
    bars = {g.attrs["data-name"]: g.attrs["data-value"] for g in dom.find_all("bar", tag="g")}
    assert bars == {"PER": "5", "ORG": "3", "LOC": "1", "DATE": "2", "MONEY": "2", "AREA": "1",
                    "inspection": "1", "investment": "1", "project_milestone": "1"}


def test_report_is_self_contained():
    html_text = render_html([build_page()])
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html_text, re.I)
    assert not re.search(r"@import|url\(", html_text)
    assert "Content-Security-Policy" in html_text and "default-src 'none'" in html_text
    assert html_text.count("<script") == 1 and "<script src" not in html_text


def test_everything_is_escaped():
    evil = "<script>alert(1)</script>&\"'"
    text = f"{evil}\n王建国调研。"
    start = text.index("王建国")
    ent = Entity(id='e"1', label="PER", text="王建国", start=start, end=start + 3, raw_start=start,
                 raw_end=start + 3, value={"titles": [evil]}, canonical=evil, source="model")
    doc = DocumentResult(doc_id=evil, text=text, warnings=[evil], articles=[
        Article(index=0, start=0, end=len(text), title=evil, authors=[evil], entities=[ent])])
    err = ErrorRecord(doc_id=evil, error=ErrorInfo(type="decode", message=evil), source=evil)
    html_text = render_html([doc, err], title=evil)
    assert "<script>alert" not in html_text
    root = parse(html_text)
    (span,) = _marks(root, data_entity_id='e"1')
    assert evil in span.attrs["data-tip"]
    assert root.find_all("headline")[0].text() == evil


def test_crossing_spans_are_cut_into_balanced_fragments():
    text = "甲乙丙丁戊己"
    a = _Mark(0, 4, "arg", {"data-start": "0", "data-end": "4", "data-entity-id": ""}, ["m", "arg"])
    b = _Mark(2, 6, "ent", {"data-start": "2", "data-end": "6", "data-entity-id": "x"}, ["m", "ent"])
    c = _Mark(1, 2, "trg", {"data-start": "1", "data-end": "2", "data-entity-id": ""}, ["m", "trg"])
    root = parse(f"<div>{highlight(text, [a, b, c], 0, len(text))}</div>")
    assert root.text() == text
    frags = _marks(root, data_entity_id="x")
    assert [f.text() for f in frags] == ["丙丁", "戊己"]
    assert all(f.attrs["data-start"] == "2" and f.attrs["data-end"] == "6" for f in frags)
    assert "cont" in frags[0].classes and "cont" not in frags[1].classes
    # clipped to a block: only what lies inside is drawn
    assert [m.start for m in _nest([a, b, c], 3, 5)] == [3]


def test_offsets_outside_the_text_are_reported_not_drawn():
    text = "王建国调研。"
    ent = Entity(id="e1", label="PER", text="王建国", start=40, end=43, raw_start=0, raw_end=3, source="model")
    doc = DocumentResult(doc_id="d", text=text, articles=[
        Article(index=0, start=0, end=len(text), title=None, entities=[ent])])
    root = parse(render_html([doc]))
    assert not _marks(root, data_entity_id="e1")
    assert "entity e1 [40, 43) is outside the text" in root.text()


def test_batch_has_an_index_and_lists_errors_with_reasons(page):
    other = DocumentResult(doc_id="empty_page", text="无内容。", articles=[])
    err = ErrorRecord(doc_id="scan", error=ErrorInfo(type="decode", message="scan.txt: not text (binary)"),
                      source="pages/scan.txt")
    root = parse(render_html([page.model_dump(mode="json"), err, other]))
    index = root.find_all(tag="nav")[0]
    links = [a.attrs["href"] for a in index.find_all(tag="a")]
    assert links == ["#doc-1", "#err-2", "#doc-3"]
    for href in links:
        assert root.find_all(id=href[1:]), href
    assert TITLE in index.text()
    (errors,) = root.find_all(tag="section", id="errors")
    assert "scan.txt: not text (binary)" in errors.text() and "decode" in errors.text()
    assert [s.attrs["data-doc-id"] for s in root.find_all("doc", tag="section")] == ["yangcheng_p1", "empty_page"]


def test_argument_values_are_readable():
    assert fmt_value(None, {"amount": 5, "unit": "个", "qualifier": "at_least"}) == "≥5个"
    assert fmt_value("MONEY", {"amount": 8e8, "min": 6e8, "currency": "CNY", "qualifier": "at_most"}) \
        == "6亿–8亿元 (800,000,000 CNY)"
    assert fmt_value("PERCENT", {"amount": -9.7, "points": True}) == "-9.7个百分点"
    assert fmt_value("DATE", {"iso": "2024-12", "approx": True}) == "2024-12 (approx.)"


# ---------------------------------------------------------------------------- in a browser


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("NEWSIE_SKIP_BROWSER") == "1":
            pytest.skip("chromium not installed and NEWSIE_SKIP_BROWSER=1")
        pytest.fail("the report tests need a headless browser: apt-get install -y chromium fonts-noto-cjk "
                    "(or set NEWSIE_SKIP_BROWSER=1 to skip them)")
    return exe


def run_browser(tmp_path: Path, url: str, *extra: str, timeout: float = 60) -> str:
    """Run headless chromium on ``url``; its stdout. Killed (whole process group) after ``timeout``."""
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", *extra, url]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"chromium did not finish within {timeout} s: {' '.join(cmd)}")
    finally:
        try:  # helpers the browser left behind
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == 0, f"chromium exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}"
    return out.decode("utf-8")


def dump_dom(tmp_path: Path, html_text: str, fragment: str = "") -> _Node:
    path = tmp_path / "report.html"
    path.write_text(html_text, encoding="utf-8")
    out = run_browser(tmp_path, path.as_uri() + fragment, "--dump-dom")
    assert 'data-ready="1"' in out, "the report's script did not run"
    return parse(out[out.index("<html"):])


def test_browser_click_on_a_card_marks_its_trigger_and_arguments(page, tmp_path):
    html_text = render_html([page])
    # click the milestone card the way a user would (a real click event through the handlers)
    click = "<script>document.getElementById('doc-1-v3').click();</script></body>"
    root = dump_dom(tmp_path, html_text.replace("</body>", click))
    card = root.find_all(id="doc-1-v3")[0]
    assert "active" in card.classes and card.attrs["aria-pressed"] == "true"
    assert not [c for c in root.find_all("event") if "active" in c.classes and c is not card]
    t = _trigger("投产")
    (trg,) = root.find_all("hl-trigger")
    assert (trg.attrs["data-start"], trg.attrs["data-end"]) == (str(t.start), str(t.end))
    marked = {(n.attrs["data-start"], n.attrs["data-end"]): n for n in root.find_all("hl-arg")}
    expect = {_span("山西晋阳新材料有限公司年产5万吨新材料项目"): "project", _span("12.5亿元"): "investment",
              _span("约300亩"): "area", _span("投产"): "stage"}
    assert set(marked) == {(str(s), str(e)) for s, e in expect}
    for (s, e), role in expect.items():
        assert marked[(str(s), str(e))].attrs["data-role"] == role
    assert marked[tuple(map(str, _span("12.5亿元")))].attrs["data-entity-id"] == "e10"
    # the entity highlights are all still there
    assert len(root.find_all("ent")) == len(list(page.iter_entities()))


@pytest.mark.parametrize("fragment", ["#doc-1-v1", "#select=doc-1-v1"])
def test_browser_url_fragment_selects_an_event(page, tmp_path, fragment):
    root = dump_dom(tmp_path, render_html([page]), fragment)
    assert "active" in root.find_all(id="doc-1-v1")[0].classes
    roles = {n.attrs["data-entity-id"] or n.text(): n.attrs["data-role"] for n in root.find_all("hl-arg")}
    assert roles == {"e5": "inspector", "重点项目": "site", "e7": "accompanying", "e6": "place"}
    assert [n.text() for n in root.find_all("hl-trigger")] == ["调研"]


def png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows) of an 8-bit RGB/RGBA PNG, with zlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def test_browser_screenshot_is_not_blank(page, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render_html([page]), encoding="utf-8")
    png = tmp_path / "shot.png"
    run_browser(tmp_path, path.as_uri(), f"--screenshot={png}", "--window-size=1000,900")
    assert png.exists(), "chromium wrote no screenshot"
    width, height, bpp, rows = png_pixels(png.read_bytes())
    assert (width, height) == (1000, 900)
    colours, ink = set(), 0
    for row in rows[::3]:
        for x in range(0, width * bpp, bpp * 3):
            px = row[x:x + 3]
            colours.add(px)
            ink += px != b"\xff\xff\xff"
    sampled = len(rows[::3]) * len(range(0, width * bpp, bpp * 3))
    assert len(colours) > 200, f"only {len(colours)} colours: a blank page?"
    assert ink / sampled > 0.1, f"only {ink / sampled:.0%} of the page is not white"
    # the label colours are on screen
    for label in ("PER", "MONEY", "AREA"):
        from pipeline.tools.render import LABEL_COLORS

        rgb = bytes.fromhex(LABEL_COLORS[label][1:])
        assert rgb in colours or any(rgb in r for r in rows), f"no {label} colour in the screenshot"


# ---------------------------------------------------------------------------- the command line


def test_cli_render_end_to_end(tmp_path):
    page_file = tmp_path / "yangcheng_p1.txt"
    page_file.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "r.html"
    proc = subprocess.run([sys.executable, str(REPO / "cli.py"), "render", str(page_file), "-o", str(out),
                           "--pub-date", "2024-03-13"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
    html_text = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html_text, re.I)
    root = parse(html_text)
    (doc,) = root.find_all("doc", tag="section")
    assert doc.attrs["data-doc-id"] == "yangcheng_p1"
    assert TITLE in doc.text()
    assert not root.find_all(tag="section", id="errors")
