"""Bytes to normalized text, with a map back to the input; the page's articles and sentences.

Three steps, each a pure function (no spaCy):

1. :func:`decode` (in :mod:`.decoding`) — bytes to ``str``: BOMs, UTF-8, GB18030 (a superset
   of GBK/GB2312), Big5, UTF-16; the choice is reported. A page with a few undecodable bytes is read in its most
   plausible encoding with them replaced (and a warning); input that is not text raises
   :class:`DecodeError`.
2. :func:`normalize` — removes layout and keeps meaning (OUTPUT.md): full-width ASCII to
   half-width, control and zero-width characters dropped, whitespace folded, lines broken
   mid-sentence by columns joined, photo captions moved out of the running text to a line of their
   own after the paragraph they interrupted. Each normalized character keeps the offset of the
   input character it came from (``Normalized.raw_offsets``), so any span maps back.
3. :func:`split_page` — the normalized text, one unit a line, read as a page: articles with
   headlines, datelines, bylines and captions, and the sentences of each.

Line classes drive both 2 and 3, so the joiner and the splitter agree on what a headline is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from ..errors import DecodeError  # noqa: F401 - re-exported: callers import it from here too
from . import page_lines
from .decoding import Decoded, decode  # noqa: F401 - step 1, re-exported
from .records import ArticleInfo, DatelineInfo
from .page_lines import (  # noqa: F401 - the line classes are part of this module's interface
    _page_rules,
    agency_key,
    byline_names,
    continues_line,
    ends_sentence,
    is_caption,
    is_headline_like,
    looks_like_name,
    looks_like_subhead,
    match_dateline,
)

# --------------------------------------------------------------------------- characters

#: Chinese sentence punctuation that lives in the full-width block but is the normal form in
#: Chinese text: converting ，to , would rewrite every sentence, which OUTPUT.md forbids. The NER
#: was trained with them folded; ``nlp.model_sees_halfwidth`` bridges that.
KEPT_FULLWIDTH = "，；：！？"
_KEEP_FULLWIDTH = frozenset(KEPT_FULLWIDTH)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACE_LIKE = "\u3000\u00a0\t\u2002\u2003\u2009\u202f\u205f"


_SURROGATE = regex.compile("[\ud800-\udfff]")


def normalize_char(ch: str) -> str:
    """One input character as it appears in normalized text ('' = dropped, ' ' = space).

    >>> normalize_char("１"), normalize_char("（"), normalize_char("，"), normalize_char("\\u3000")
    ('1', '(', '，', ' ')
    """
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a lone surrogate (a str from bad decoding) cannot be written as UTF-8
    if 0xFF01 <= code <= 0xFF5E and ch not in _KEEP_FULLWIDTH:
        return chr(code - 0xFEE0)
    if ch in _SPACE_LIKE:
        return " "
    if ch in _ZERO_WIDTH:
        return ""
    if code < 0x20 or 0x7F <= code < 0xA0:
        return ""  # control characters from PDF copy (newlines are handled before this)
    return ch


# --------------------------------------------------------------------------- normalization


@dataclass
class Normalized:
    text: str
    raw_offsets: list[int]  # raw_offsets[i] = index in the decoded input of text[i]
    raw_length: int
    warnings: list[str] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The input offsets of ``text[start:end]`` (end exclusive): from the first to the last
        input character it came from. Usually those of its ends; but a line break that
        normalization put between two paragraphs stands where the first paragraph ended, and
        a caption moved out of a sentence comes after it, so a span over either takes the
        least and the greatest offset (fuzz extremes[seed=20261206, index=20478] gave an
        inverted span)."""
        if end <= start:
            raise ValueError("empty span")
        inside = self.raw_offsets[start:end]
        return min(inside), max(inside) + 1


@dataclass
class _Line:
    chars: list[str]
    idx: list[int]
    blank_before: bool = False

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def extend(self, other: "_Line") -> None:
        self.chars.extend(other.chars)
        self.idx.extend(other.idx)


#: Every character ``normalize_char`` changes is in one of these (tests/test_text.py checks it).
_CHANGED_CODES = [*range(0x00, 0x20), *range(0x7F, 0xA1), *range(0xD800, 0xE000), *range(0xFF01, 0xFF5F),
                  *map(ord, _SPACE_LIKE), *map(ord, _ZERO_WIDTH)]
#: Line breaks as ``_read_lines`` knows them; ``\r\n`` is one break.
_LINE_BREAK = regex.compile("\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
#: Characters ``normalize_char`` changes or drops, and the space that gets folded: a line without
#: any of them is copied as it is (most lines).
_NEEDS_NORMALIZING = regex.compile("[ %s]" % "".join(regex.escape(chr(c)) for c in _CHANGED_CODES
                                                  if chr(c) not in _KEEP_FULLWIDTH))
#: ``normalize_char`` as a ``str.translate`` table, for the characters it maps one to one.
_ONE_TO_ONE = {c: normalize_char(chr(c)) for c in _CHANGED_CODES if normalize_char(chr(c)) not in ("", chr(c))}
#: Characters ``normalize_char`` drops: a line with one goes character by character.
_DROPPED = regex.compile("[%s]" % "".join(regex.escape(chr(c)) for c in _CHANGED_CODES
                                           if normalize_char(chr(c)) == ""))
_SPACE_RUN = regex.compile(" +")


def _line_chars(raw: str, start: int, end: int) -> tuple[list[str], list[int]]:
    """Normalized characters of ``raw[start:end]`` (one line) and their raw offsets; spaces folded
    to one and stripped at both ends."""
    if not _NEEDS_NORMALIZING.search(raw, start, end):
        return list(raw[start:end]), list(range(start, end))
    if _DROPPED.search(raw, start, end):  # rare: characters vanish, go one by one
        out_c: list[str] = []
        out_i: list[int] = []
        for pos in range(start, end):
            c = normalize_char(raw[pos])
            if not c or (c == " " and (not out_c or out_c[-1] == " ")):
                continue
            out_c.append(c)
            out_i.append(pos)
        if out_c and out_c[-1] == " ":
            out_c.pop()
            out_i.pop()
        return out_c, out_i
    # every character maps to exactly one: translate, then keep one space of each inner run
    line = raw[start:end].translate(_ONE_TO_ONE)
    chars: list[str] = []
    idx: list[int] = []
    kept = 0  # line[kept:] is still to copy
    for run in _SPACE_RUN.finditer(line):
        a, b = run.span()
        chars.extend(line[kept:a])
        idx.extend(range(start + kept, start + a))
        if a > 0 and b < len(line):  # inner run: its first space stays
            chars.append(" ")
            idx.append(start + a)
        kept = b
    chars.extend(line[kept:])
    idx.extend(range(start + kept, end))
    return chars, idx


def _read_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    blank_run = True  # start of input counts as a paragraph break
    pos = 0
    breaks = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(raw)]
    breaks.append((len(raw), len(raw)))
    for end, after in breaks:
        chars, idx = _line_chars(raw, pos, end)
        if chars:
            lines.append(_Line(chars, idx, blank_before=blank_run))
            blank_run = False
        else:
            blank_run = True
        pos = after
    return lines


def normalize(raw: str) -> Normalized:
    """Normalize a decoded page; see the module docstring.

    >>> n = normalize("水污染防治同步推进，杨家庄乡农村污水处理项目获908万元省\\n\\n级资金支持。\\n")
    >>> n.text
    '水污染防治同步推进，杨家庄乡农村污水处理项目获908万元省级资金支持。'
    >>> n.raw_span(28, 30)  # 省级: the line break between them is inside the raw span
    (28, 32)
    """
    lines = _read_lines(raw)
    warnings: list[str] = []
    surrogates = len(_SURROGATE.findall(raw))
    if surrogates:
        warnings.append(f"{surrogates} lone surrogate code point(s) replaced by U+FFFD")
    units: list[_Line] = []
    pending_captions: list[_Line] = []
    content_seen = False  # a line other than chrome has been read: the page's headline is past
    chrome_seen = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_caption(line.text):
            units.append(line)
            i += 1
            continue
        current = _Line(list(line.chars), list(line.idx))
        j = i + 1
        # a web page's headline, the first line past its chrome, stands on its own line even
        # where no blank line parts it from the body (a broken body line never opens a page)
        # (a comma makes it a sentence cut short unless chrome above says this is a web page)
        headline = (not content_seen and is_headline_like(line.text) and not match_dateline(line.text)
                    and (chrome_seen or not page_lines.CLAUSE_COMMA.search(line.text)))
        chrome = page_lines.is_chrome(line.text)
        content_seen = content_seen or not chrome
        chrome_seen = chrome_seen or chrome
        while j < len(lines) and not headline:
            nxt = lines[j]
            if is_caption(nxt.text):
                # a caption between two halves of a sentence: hold it, look past it
                k = j + 1
                while k < len(lines) and is_caption(lines[k].text):
                    k += 1
                if k < len(lines) and continues_line(current.text, lines[k].text):
                    pending_captions.extend(lines[j:k])
                    warnings.append(f"caption moved out of running text: {lines[j].text[:30]}")
                    current.extend(lines[k])
                    j = k + 1
                    continue
                break
            if continues_line(current.text, nxt.text):
                current.extend(nxt)
                j += 1
                continue
            break
        units.append(current)
        units.extend(pending_captions)
        pending_captions = []
        i = j
    out_chars: list[str] = []
    out_idx: list[int] = []
    for k, unit in enumerate(units):
        if k:
            out_chars.append("\n")
            out_idx.append(units[k - 1].idx[-1] + 1 if units[k - 1].idx[-1] + 1 < len(raw) else units[k - 1].idx[-1])
        out_chars.extend(unit.chars)
        out_idx.extend(unit.idx)
    return Normalized("".join(out_chars), out_idx, len(raw), warnings)


# --------------------------------------------------------------------------- page structure


@dataclass
class _Unit:
    start: int
    end: int
    text: str
    kind: str  # caption | dateline | short | body | chrome | original (a repost's 原标题 line)


#: units that are no article text: set aside before articles are read
_CHROME_KINDS = ("chrome", "original")
#: a short line that starts with one of these counts things (一个中心): never a lone name
_NUMERALS = frozenset("一二三四五六七八九十两百千万几数多每各")


def _units(text: str) -> list[_Unit]:
    units = []
    pos = 0
    in_list = False  # after 相关新闻 / 热点新闻 the page's own lists run to its end
    lines = text.split("\n")
    declared = {t for t in map(page_lines.declared_title, lines) if t}  # 标题:… names the headline
    for line in lines:
        end = pos + len(line)
        if line:
            if in_list:
                kind = "chrome"
            elif page_lines.original_title(line) or line in declared:
                kind = "original"
            elif is_caption(line):
                kind = "caption"
            elif match_dateline(line):
                kind = "dateline"
            elif page_lines.is_chrome(line) or (not units and page_lines.is_site_name(line)):
                kind = "chrome"
                in_list = page_lines.is_list_header(line)
            elif is_headline_like(line):
                kind = "short"
            else:
                kind = "body"
            units.append(_Unit(pos, end, line, kind))
        pos = end + 1
    return units


def split_page(text: str) -> list[ArticleInfo]:
    """Articles of a normalized page, in reading order; page chrome set aside.

    Chrome lines (navigation, meta, share bars, related-news lists) are read past: they open no
    article and give no title, but each lands in the article whose stretch of the page holds it,
    as a chrome span; a meta line's author keys (作者:, 记者:) still name that article's authors,
    and a repost's ``原标题:`` line titles an article that has no other title.
    """
    units = _units(text)
    content = [u for u in units if u.kind not in _CHROME_KINDS]
    articles = _split_content(content, text)
    if not articles:
        return []
    first, last = articles[0], articles[-1]
    first.start = min(first.start, units[0].start)
    last.end = max(last.end, units[-1].end)
    starts = [a.start for a in articles]
    for u in units:
        if u.kind not in _CHROME_KINDS:
            continue
        art = articles[max(0, bisect.bisect_right(starts, u.start) - 1)]
        art.end = max(art.end, u.end)
        orig = (page_lines.original_title(u.text) or (u.text, 0, len(u.text))) if u.kind == "original" else None
        art.chrome_spans.append((u.start, u.end))  # the title inside it is read as title first
        if orig and art.title is None:
            art.title = orig[0]
            art.title_spans = [(u.start + orig[1], u.start + orig[2])]
            continue
        for name, s, e in page_lines.meta_authors(u.text) if u.kind == "chrome" else ():
            _add_author(art, name, u.start + s, u.start + e)
            art.author_spans.append((u.start + s, u.start + e))
    for art in articles:  # authors in the order the page names them
        pairs = sorted(zip(art.author_name_spans, art.authors))
        art.author_name_spans = [p[0] for p in pairs]
        art.authors = [p[1] for p in pairs]
    return articles


def _split_content(units: list[_Unit], text: str) -> list[ArticleInfo]:
    """Articles of the page's content lines, in reading order.

    An article starts at the page's first line, at the headline lines right before a dateline,
    after a byline (which closes the article it follows), or at a block of two or more headline
    lines followed by body text. A single short line inside an article is a subhead.
    """
    if not units:
        return []
    n = len(units)
    # bylines: short unit after body text and before a new article or the end of the page
    byline_of: dict[int, list[str]] = {}
    for k, u in enumerate(units):
        if u.kind != "short" or k == 0 or units[k - 1].kind not in ("body", "dateline", "caption"):
            continue
        nxt = units[k + 1] if k + 1 < n else None
        at_end = nxt is None or nxt.kind in ("short", "dateline")
        names = byline_names(u.text, at_article_end=at_end) if at_end else None
        if names is None and nxt is None and regex.fullmatch(r"\p{Han}{2,4}", u.text):
            names = [u.text]  # the page's last line, a lone name after body text
        if (names is None and at_end and regex.fullmatch(r"\p{Han}{2,4}", u.text) and nxt is not None
                and u.text[0] not in _NUMERALS):  # 一个中心, 三张清单: a subhead, not a name
            # a lone name before a new article's headline block or dateline
            names = [u.text] if _starts_article(units, k + 1) else None
        if names:
            byline_of[k] = names
    datelines_before = [0] * (n + 1)  # prefix counts: "a dateline since the article began" in O(1)
    for i, u in enumerate(units):
        datelines_before[i + 1] = datelines_before[i] + (u.kind == "dateline")
    subheads = _parallel_subheads(units, byline_of)
    starts = [0]
    k = 1
    while k < n:
        if k in byline_of:
            photo = _photo_story_start(units, k, starts[-1], byline_of)
            if photo is not None:
                starts.append(photo)
            if k + 1 < n:
                starts.append(k + 1)
            k += 1
            continue
        if units[k].kind == "dateline":
            # the headline lines right before it (captions may sit between) open this article
            h = k
            shorts = 0
            while (
                h - 1 >= starts[-1]
                and units[h - 1].kind in ("short", "caption")
                and (h - 1) not in byline_of
                and shorts < 3
            ):
                h -= 1
                shorts += units[h].kind == "short"
            while h < k and units[h].kind == "caption":
                h += 1  # a caption above the headline belongs to the article before
            if h > starts[-1]:
                starts.append(h)
            k += 1
            continue
        if units[k].kind == "short" and k > starts[-1] + 1 and k not in byline_of:
            # two or more headline lines followed by body text: a new article without dateline
            h = k
            while h < n and units[h].kind == "short" and h not in byline_of:
                h += 1
            # a single short line is a subhead in a feature article, but a dateline article
            # (a news brief) has no subheads: there it is the next article's headline
            current_has_dateline = datelines_before[k] > datelines_before[starts[-1]]
            enough = (h - k >= 2 and k not in subheads) or page_lines.has_column_tag(units[h - 1].text) or (
                current_has_dateline and not looks_like_subhead(units[k].text))
            if enough and h < n and units[h].kind == "body" and units[k - 1].kind in ("body", "caption", "dateline"):
                starts.append(k)
            # only the first line of a run of short lines can open an article by this rule
            k = max(h, k + 1)
            continue
        k += 1
    starts = sorted(set(starts))
    articles: list[ArticleInfo] = []
    for a, s in enumerate(starts):
        e = starts[a + 1] if a + 1 < len(starts) else n
        articles.append(_build_article(a, units[s:e], byline_of, s, text))
    _glued_bylines(articles, text)
    return articles


def _parallel_subheads(units: list[_Unit], byline_of: dict[int, list[str]]) -> set[int]:
    """First units of runs of short lines that are a feature's parallel subheads (探照灯 /
    一次谈话，…; 手术刀 / 一场专项巡察，…), runs grouped by the undated stretch holding them."""
    groups: list[list[int]] = [[]]
    k = 1
    while k < len(units):
        if units[k].kind == "dateline":
            groups.append([])
        h = k
        while h < len(units) and units[h].kind == "short" and h not in byline_of:
            h += 1
        if h - k >= 2 and h < len(units) and units[h].kind == "body" and units[k - 1].kind in ("body", "caption", "dateline"):
            groups[-1].append(k)
        k = max(h, k + 1)
    out: set[int] = set()
    for group in groups:
        runs = [[u.text for u in _run(units, g, byline_of)] for g in group]
        if page_lines.parallel_subheads(runs):
            out.update(group)
    return out


def _run(units: list[_Unit], k: int, byline_of: dict[int, list[str]]) -> list[_Unit]:
    h = k
    while h < len(units) and units[h].kind == "short" and h not in byline_of:
        h += 1
    return units[k:h]


def _photo_story_start(units: list[_Unit], k: int, current: int, byline_of: dict[int, list[str]]) -> int | None:
    """A photo story closed by the photo credit at ``k`` (``晒盐忙`` / a caption paragraph or two /
    ``肖学平摄``) inside a longer article: the index of its headline, else None."""
    if not regex.search("[摄攝]", units[k].text):
        return None
    h, size = k - 1, 0
    while h > current and units[h].kind in ("body", "caption") and size < _PHOTO_STORY_MAX:
        size += len(units[h].text)
        h -= 1
    if (h - 1 > current and h < k - 1 and units[h].kind == "short" and h not in byline_of
            and size < _PHOTO_STORY_MAX and units[h - 1].kind in ("body", "caption")):
        return h
    return None


#: the most text (characters) a photo story's captions run to
_PHOTO_STORY_MAX = 300


def _starts_article(units: list[_Unit], k: int) -> bool:
    h = k
    while h < len(units) and units[h].kind == "short" and h - k < 3:
        h += 1
    return h < len(units) and (units[h].kind == "dateline" or (h - k >= 1 and units[h].kind == "body" and h - k >= 2))


def _build_article(index: int, units: list[_Unit], byline_of: dict[int, list[str]], offset: int, text: str) -> ArticleInfo:
    art = ArticleInfo(index=index, start=units[0].start, end=units[-1].end)
    k = 0
    titles: list[_Unit] = []
    head_credit = None  # 本报记者 王某 under the headline: no part of it, its names are authors
    while (k < len(units) and units[k].kind == "short" and (offset + k) not in byline_of
           and not (titles and page_lines.stops_title(units[k].text))):
        if titles and (found := page_lines.head_credit(units[k].text)):
            head_credit = (units[k], found)
            break
        titles.append(units[k])
        k += 1
        if len(titles) == 3:
            break
    # a single leading short line counts as a headline only if body follows (not a lone byline)
    if titles and k < len(units):
        # a web page repeats its headline (in the browser title and above the body): once;
        # a site tag after the headline (…入库|环球观点, …_某某网) is no part of it
        heads = [t.text[:page_lines.title_end(t.text)] for t in titles]
        titles = [t for i, t in enumerate(titles) if heads[i] not in heads[:i]]
        art.title_spans = [(t.start, t.start + page_lines.title_end(t.text)) for t in titles]
        art.title = " ".join(text[s:e] for s, e in art.title_spans)
    elif titles and k >= len(units):
        titles = []
        k = 0
    if head_credit is not None and k < len(units) and units[k] is head_credit[0]:
        for name, s, e in head_credit[1]:
            _add_author(art, name, units[k].start + s, units[k].start + e)
        art.author_spans.append((units[k].start, units[k].end))
        k += 1
    captions_before = [u for u in units[k:] if u.kind == "caption"]
    art.caption_spans = [(u.start, u.end) for u in captions_before]
    body = [u for u in units[k:] if u.kind != "caption"]
    art.body_start = body[0].start if body else art.start
    if body and body[0].kind == "dateline":
        art.dateline = _dateline(body[0], text)
        for name, s, e in art.dateline.reporter_spans:
            _add_author(art, name, s, e)
        _dateline_headline(art, body)
    if not art.authors:
        # （记者 X 通讯员 Y） opening or inside the lead paragraph: 增加值增速高4.3个百分点（记者…）近日
        for u in body[:2]:
            for name, s, e in page_lines.inline_credit(u.text):
                _add_author(art, name, u.start + s, u.start + e)
            if (opening := page_lines.opening_credit_end(u.text)) is not None:
                art.author_spans.append((u.start, u.start + opening))  # 本报记者 王某 报道：
            if art.authors:
                break
    for j, u in enumerate(units):
        names = byline_of.get(offset + j)
        if names:
            pos = 0
            for name in names:
                at = u.text.find(name, pos)
                at = at if at >= 0 else 0
                pos = at + len(name)
                _add_author(art, name, u.start + at, u.start + at + len(name))
            art.author_spans.append((u.start, u.end))
    return art


def _dateline_headline(art: ArticleInfo, body: list[_Unit]) -> None:
    """新华社兰州9月28日电 题：… : the headline on the dateline's line titles an article that has
    no other, and a credit line right under it (新华社记者 张某 王某) names its authors."""
    found = page_lines.dateline_headline(body[0].text)
    if found is None:
        return
    if art.title is None:
        art.title = found[0]
        art.title_spans = [(body[0].start + found[1], body[0].start + found[2])]
    if len(body) > 1 and body[1].kind == "short" and (credit := page_lines.head_credit(body[1].text)):
        for name, s, e in credit:
            _add_author(art, name, body[1].start + s, body[1].start + e)
        art.author_spans.append((body[1].start, body[1].end))


def _add_author(art: ArticleInfo, name: str, start: int, end: int) -> None:
    # one person credited twice (in the dateline and in 【作者:…】) is one author
    if name not in art.authors:
        art.authors.append(name)
        art.author_name_spans.append((start, end))


def _dateline(unit: _Unit, text: str) -> DatelineInfo:
    m = match_dateline(unit.text)
    assert m is not None
    base = unit.start
    groups = m.groupdict()
    agency = groups.get("agency")
    reporter_spans = []
    if groups.get("reporters"):
        at = base + m.start("reporters")
        found = page_lines.credit_names(groups["reporters"], need_role=False) or []
        reporter_spans = [(n, at + s, at + e) for n, s, e in found]
    agency_spans = []
    if agency:
        a_s, a_e = base + m.start("agency"), base + m.end("agency")
        key = agency_key(agency)
        # 本报和政讯 -> 本报讯: the outlet's two pieces, read back from the page as written
        agency_spans = [(a_s, a_e)] if key == agency else [(a_s, a_s + 2), (a_e - 1, a_e)]
    date_text = groups.get("date")
    if date_text:
        ds, de = base + m.start("date"), base + m.end("date")
        end = de
    else:
        ds = de = None
        end = base + m.end("agency") if agency else base + m.end()
    return DatelineInfo(
        text=text[base:end], start=base, end=end, agency=agency_key(agency),
        reporters=[n for n, _, _ in reporter_spans], reporter_spans=reporter_spans, agency_spans=agency_spans,
        date_text=date_text, date_start=ds, date_end=de,
    )


#: the most characters of a scrap that ends a cut-off page (《中)
_SCRAP_MAX = 3


def _glued_bylines(articles: list[ArticleInfo], text: str) -> None:
    """``…注入新的强劲动力。李俊萍``: a name glued after the last full stop of an article, or a
    bracketed credit closing it: ``…。（张某）``."""
    pattern = _page_rules()["glued_byline"]
    for art in articles:
        if art.authors and art.author_spans:
            continue
        body_end = art.end
        # last non-caption line of the article
        segment = text[art.start:body_end]
        last_nl = segment.rfind("\n")
        if 0 < last_nl and len(segment) - last_nl - 1 <= _SCRAP_MAX and not ends_sentence(segment[last_nl + 1:]):
            # a page cut off after its last paragraph (…感受项城。(胡某) / 《中): look past the scrap
            body_end = art.start + last_nl
            last_nl = segment.rfind("\n", 0, last_nl)
        line_start = art.start + last_nl + 1
        line = text[line_start:body_end]
        m = pattern.search(line)
        if m and looks_like_name(m.group("name")):
            s = line_start + m.start("name")
            _add_author(art, m.group("name"), s, line_start + m.end("name"))
            art.author_spans.append((s, line_start + m.end("name")))
            continue
        # …服务。（湖北日报记者蔡俊）: a credit in brackets closing the last paragraph
        for name, s, e in page_lines.closing_credit(line) or ():
            _add_author(art, name, line_start + s, line_start + e)
            art.author_spans.append((line_start + s, line_start + e))


_SENTENCE_END = regex.compile(r"[。！？!?…]+[”’」』)）]*|\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``: a full stop (with closing quotes) or a line ends one.

    >>> split_sentences("他说：“好。”我们走。\\n标题")
    [(0, 7), (7, 11), (12, 14)]
    """
    end = len(text) if end is None else end
    spans = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        e = m.end() if m.group() != "\n" else m.start()
        if e > s and text[s:e].strip():
            spans.append((s, e))
        s = m.end()
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return spans
