"""Lines of a web page that are no article text: credits (bylines) and page chrome.

Real pages carry their credits in many shapes — ``（记者 王某/文 李某/图）``, ``某报·某客户端记者
甲 乙 实习生 丙 通讯员 丁``, ``□晚报记者 …``, ``采写:某某+记者 某某``, ``记者 X 摄``, a closing
``（张某）`` — and around the article the site's chrome: navigation, ``来源:``/``责任编辑:`` meta
lines, share bars, timestamps, related-news lists. Both are read here line by line from the
rules in ``rules/page/layout.toml`` (``[byline]``, ``[chrome]``); :mod:`pipeline.core.text`
uses them to keep chrome out of articles, titles and authors.
"""

from __future__ import annotations

import functools

import regex

from .rules import compile_pattern, load_lexicon, load_table

_WHERE = "rules/page/layout.toml"

#: what separates names and roles in a credit (spaces, 、 / \\ + □ and the like)
_CREDIT_SEP = regex.compile(r"[\s、,，/／\\+＋|｜:：;；□■◇◆·•【】\[\]]+")
_HAN_NAME = regex.compile(r"\p{Han}{2,4}")
_ONE_HAN = regex.compile(r"\p{Han}")
#: a photo credit's trailing 摄 (王某摄): cut off the name
_TRAILING_SHOT = regex.compile(r"(?<=\p{Han}{2,4})(?:摄|攝)$")
#: a clause comma: a line holding one is a sentence cut short rather than a headline
CLAUSE_COMMA = regex.compile("[，,]")


def _alt(words) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


@functools.cache
def _rules() -> dict:
    table = load_table("page/layout.toml")
    byline, chrome = table["byline"], table["chrome"]
    surnames = load_lexicon("names/surnames.txt")
    author = compile_pattern(byline["author_roles"], f"{_WHERE}: byline.author_roles")
    editor = compile_pattern(byline["editor_roles"], f"{_WHERE}: byline.editor_roles")
    meta_keys = _alt(chrome["meta_keys"])
    return {
        "role": compile_pattern(
            f"(?P<author>{author.pattern})|(?P<editor>{editor.pattern})", f"{_WHERE}: byline roles"),
        "filler": frozenset(byline["filler"]),
        "closing": compile_pattern(byline["closing"], f"{_WHERE}: byline.closing"),
        "credit_body": compile_pattern(byline["credit_body"], f"{_WHERE}: byline.credit_body"),
        "credit_body_head": compile_pattern(byline["credit_body"] + r"\s{1,3}", f"{_WHERE}: byline.credit_body"),
        "surnames": frozenset(s for s in surnames if len(s) == 1),
        "double_surnames": frozenset(s for s in surnames if len(s) == 2),
        "starts": tuple(chrome["starts"]),
        "contains": compile_pattern(_alt(chrome["contains"]) + "|" + chrome["copyright"], f"{_WHERE}: chrome.contains"),
        "list_headers": frozenset(chrome["list_headers"]),
        "patterns": [compile_pattern(p, f"{_WHERE}: chrome.patterns") for p in chrome["patterns"]],
        # a meta line starts with a key and a colon: 时间:…, 【作者:…】, 文章來源:…
        # (a timestamp may stand before the first key: 2017-09-13 14:33 | 来源: 某某网)
        "meta_start": compile_pattern(
            r"^[\s【\[|(（]{0,3}(?:\d{2,4}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s{1,3}\d{1,2}:\d{2}(?::\d{2})?)?[\s|]{0,5})?"
            + meta_keys + r"\s{0,2}[:：]", f"{_WHERE}: chrome.meta_keys"),
        "site_name": compile_pattern(chrome["site_name"], f"{_WHERE}: chrome.site_name"),
        "site_tag": compile_pattern(chrome["site_tag"], f"{_WHERE}: chrome.site_tag"),
        "inline_credit": compile_pattern(byline["inline"], f"{_WHERE}: byline.inline"),
        "opening_credit": compile_pattern(byline["opening"], f"{_WHERE}: byline.opening"),
        "meta_key": compile_pattern(meta_keys + r"\s{0,2}[:：]", f"{_WHERE}: chrome.meta_keys"),
        "author_keys": frozenset(chrome["author_keys"]),
        "original_title": compile_pattern(chrome["original_title"], f"{_WHERE}: chrome.original_title"),
        "declared_title": compile_pattern(chrome["declared_title"], f"{_WHERE}: chrome.declared_title"),
    }


def _is_surname_name(word: str) -> bool:
    rules = _rules()
    return bool(_HAN_NAME.fullmatch(word)) and (word[0] in rules["surnames"] or word[:2] in rules["double_surnames"])


# --------------------------------------------------------------------------- line classes
#
# Shared by the line joiner (normalize) and the page splitter of pipeline.core.text, so both
# agree on what a headline, caption, byline or dateline is.


@functools.cache
def _page_rules():
    table = load_table("page/layout.toml")
    agencies = load_lexicon("page/agencies.txt")
    surnames = load_lexicon("names/surnames.txt")
    where = "rules/page/layout.toml"
    outlet = table["dateline"]["outlet"].replace("{AGENCY}", _alt(agencies))
    compiled = {
        "caption": [compile_pattern(p, f"{where}: caption") for p in table["caption"]["patterns"]],
        "byline": [compile_pattern(p, f"{where}: byline") for p in table["byline"]["patterns"]],
        "dateline": [
            compile_pattern(p.replace("{OUTLET}", outlet).replace("{AGENCY}", _alt(agencies)), f"{where}: dateline")
            for p in table["dateline"]["patterns"]
        ],
        "terminal": frozenset(table["line"]["terminal_punctuation"]),
        "headline_max": int(table["line"]["headline_max_chars"]),
        "body_min": int(table["line"]["body_min_chars"]),
        "surnames": frozenset(s for s in surnames if len(s) == 1),
        "double_surnames": frozenset(s for s in surnames if len(s) == 2),
        "glued_byline": compile_pattern(table["byline"]["glued"], f"{where}: byline.glued"),
        "open": tuple(table["line"]["open_punctuation"]),
        "column_tag": compile_pattern(table["line"]["column_tag"], f"{where}: line.column_tag"),
        "kicker_max": int(table["line"]["subhead_kicker_max_chars"]),
        "title_stop": compile_pattern(table["line"]["title_stop"], f"{where}: line.title_stop"),
        "dateline_headline": compile_pattern(table["dateline"]["headline"], f"{where}: dateline.headline"),
    }
    return compiled


def is_caption(line: str) -> bool:
    """``阳泉高新区俯瞰图 ■ 阳泉高新区供图``, ``图为…（张三 摄）``."""
    return len(line) <= 120 and any(p.search(line) for p in _page_rules()["caption"])


def ends_sentence(line: str) -> bool:
    # closing quotes and brackets are looked through: 他说：“好。” ends, 驶入“快车道” does not
    line = line.rstrip().rstrip("”’」』)）\"'")
    return bool(line) and line[-1] in _page_rules()["terminal"]


def is_headline_like(line: str) -> bool:
    """Short and unterminated: a headline, subhead or byline, never a broken body line."""
    rules = _page_rules()
    return (0 < len(line) <= rules["headline_max"] and not ends_sentence(line) and not is_caption(line)
            and not line.endswith(rules["open"]) and "。" not in line)


def has_column_tag(line: str) -> bool:
    """A headline closed by its column's name: ``…荒漠植被（走近自然）`` (never a subhead)."""
    m = _page_rules()["column_tag"].search(line)
    return bool(m) and m.start() >= 4 and not looks_like_name(line[m.start() + 1:m.end() - 1])


def stops_title(line: str) -> bool:
    """A line under a headline that is no part of it: ``2019年10月22日 中国·吴江``."""
    return bool(_page_rules()["title_stop"].match(line))


def parallel_subheads(runs: list[list[str]]) -> bool:
    """Whether runs of short lines from one undated stretch are a feature's parallel subheads:
    two or more, each as many lines long, each led by a short kicker (``探照灯`` / ``一次谈话，…``)."""
    kicker_max = _page_rules()["kicker_max"]
    return (len(runs) >= 2 and len({len(r) for r in runs}) == 1
            and all(len(r[0]) <= kicker_max and not has_column_tag(r[-1]) for r in runs))


def head_credit(line: str) -> list[tuple[str, int, int]] | None:
    """A credit line right under a headline (``本报记者 王某 通讯员 李某``, ``■记者 王某``): its
    authors with their spans. A role word is required: ``截污减负 淦河美颜`` is a headline line."""
    return credit_names(line) if len(line) <= 60 else None


def looks_like_name(word: str) -> bool:
    """2–4 hanzi beginning with a surname: ``李俊萍``, ``欧阳明``."""
    rules = _page_rules()
    if not regex.fullmatch(r"\p{Han}{2,4}", word):
        return False
    return word[0] in rules["surnames"] or word[:2] in rules["double_surnames"]


def byline_names(line: str, *, at_article_end: bool) -> list[str] | None:
    """Names if ``line`` is a byline (``记者 王某``, ``文/图 李某 张某``, a lone name), else None.

    A lone 2–4 hanzi line is a byline when it starts with a surname, or when it closes an
    article (``at_article_end``): rare surnames (进晓宇) are still bylines in that position.
    """
    rules = _page_rules()
    for pattern in rules["byline"]:
        m = pattern.fullmatch(line)
        if m:
            names = [n for n in regex.split(r"[\s、,，/]+", m.group("names")) if n]
            # 本报记者 王某 通讯员 李某: a role among the names is read by credit_names below
            # 本报记者 王某 报道: a closing 报道 is a filler, not a name (credit_names reads it)
            if (names and all(regex.fullmatch(r"\p{Han}{2,4}", n) for n in names)
                    and not any(_rules()["role"].fullmatch(n) or n in _rules()["filler"] for n in names)):
                return names
    if regex.fullmatch(r"\p{Han}{2,4}", line) and (looks_like_name(line) and at_article_end):
        return [line]
    if len(line) <= 60:
        # any other credit form: 某报·某客户端记者 甲 乙 实习生 丙, □晚报记者 …, 记者 X 摄, （张某）;
        # a photo credit's agency in brackets is no name: 肖学平摄（人民视觉）
        found = credit_names(_PHOTO_AGENCY.sub("", line))
        if found is None and line.startswith(("(", "（")):
            found = closing_credit(line)
        if found:
            return [n for n, _, _ in found]
    return None


#: the longest line read as chrome (a copyright notice); longer lines are text
_CHROME_MAX = 300
_LIST_NUMBER = regex.compile(r"^\d{1,2}[、.．](?!\d)\s{0,2}")
_PHOTO_AGENCY = regex.compile(r"(?<=[摄攝])\s{0,2}[(（][^()（）\n]{1,10}[)）]\s{0,2}$")
_SUBHEAD = regex.compile(r"\p{Han}{2,8} \S{2,20}|[一二三四五六七八九十]{1,2}[、.．]\S{2,30}|[(（][一二三四五六七八九十]{1,2}[)）]\S{2,30}")


def looks_like_subhead(line: str) -> bool:
    """``治山理水 筑牢生态屏障`` (two phrases, a space between) or a numbered ``一、…`` heading."""
    return bool(_SUBHEAD.fullmatch(line))


def match_dateline(line: str) -> regex.Match | None:
    """A dateline at the start of a paragraph; groups ``agency``, ``reporters``, ``date``."""
    for pattern in _page_rules()["dateline"]:
        m = pattern.match(line)
        if m:
            return m
    return None


def dateline_headline(line: str) -> tuple[str, int, int] | None:
    """The headline a dateline's line carries after 题：(``新华社兰州9月28日电 题：…``), with its
    span in ``line``; None for any other line."""
    m = match_dateline(line)
    if m is None:
        return None
    h = _page_rules()["dateline_headline"].match(line, m.end())
    if h is None or h.start("title") >= len(line):
        return None
    # the dateline patterns stop at the date: 电/讯 may still stand before 题
    return h.group("title"), h.start("title"), h.end("title")


def continues_line(prev: str, nxt: str) -> bool:
    """Whether line ``nxt`` continues the sentence ``prev`` broke off (a column or page break)."""
    rules = _page_rules()
    if ends_sentence(prev) or match_dateline(nxt) or is_caption(nxt) or dateline_headline(prev):
        return False
    if _stands_alone(prev) or _stands_alone(nxt) or closing_credit(prev[-_CLOSING_TAIL:]):
        return False  # chrome, a 原标题 line and a closing credit are lines of their own
    if head_credit(prev) or head_credit(nxt):
        return False  # 某报·某客户端记者 甲 乙 实习生 丙 通讯员 丁 戊: a credit line, however long
    if is_headline_like(prev) and has_column_tag(prev):
        return False  # …荒漠植被（走近自然）: a headline, however long
    if match_dateline(prev) and CLAUSE_COMMA.search(nxt):
        # an unterminated line that opens with a dateline holds its article's first words, however
        # short; a next line with a clause comma in it is their sequel, not a headline (本网讯
        # 7月30日,由人民日报社、中央 | 电视台、新华社…,来到: a page saved with hard line breaks; the
        # normalizer's own test for a page's first headline reads the comma the same way)
        return True
    if len(prev) >= rules["body_min"]:
        # a long unterminated line is body text cut by layout, whatever follows
        return not (is_headline_like(nxt) and len(nxt) > 4 and _next_is_title_block(nxt))
    return False


#: a closing credit fits in this many last characters of a paragraph (the joiner looks no further)
_CLOSING_TAIL = 80


def _stands_alone(line: str) -> bool:
    return is_chrome(line) or original_title(line) is not None


def _next_is_title_block(line: str) -> bool:
    # A short line that itself ends without punctuation and is not a fragment like 绿色引擎。
    return not ends_sentence(line) and byline_names(line, at_article_end=True) is None and len(line) >= 8


def agency_key(agency: str | None) -> str | None:
    """The outlet a dateline names, without its place: 本报和政讯 -> 本报讯 (本报X电 and 东南网漳州
    4月19日讯 give the outlet alone: 本报, 东南网, from the pattern's agency group)."""
    if agency and len(agency) > 3 and agency[:2] in ("本报", "本報") and agency[-1] in "讯訊":
        return agency[:2] + agency[-1]
    return agency


# --------------------------------------------------------------------------- credits


def credit_names(segment: str, *, need_role: bool = True) -> list[tuple[str, int, int]] | None:
    """Authors of a credit, each with its span in ``segment``; None if ``segment`` is no credit.

    Every token must be a role, a name (2–4 hanzi; single hanzi side by side are one spaced
    name, ``李 斌``) or a filler (文, 图, 摄影报道). Names after an editor role (编辑, 审核) are
    read but are no authors. Without ``need_role`` a credit of bare names is one whose names
    all start with a surname: ``（张某）``.

    >>> [n for n, _, _ in credit_names("记者吴宏强通讯员秦家林")]
    ['吴宏强', '秦家林']
    >>> [n for n, _, _ in credit_names("记者 王某/文 李某/图")]
    ['王某', '李某']
    >>> credit_names("小康路上·绿色力量", need_role=False) is None
    True
    """
    rules = _rules()
    names: list[tuple[str, int, int]] = []
    saw_author_sign = False
    bare_ok = True
    current_role = None  # None: before any role; "author"; "editor"
    pos = 0
    pieces: list[tuple[str | None, int, int]] = []  # (role kind, start, end) runs between roles
    for m in rules["role"].finditer(segment):
        pieces.append((current_role, pos, m.start()))
        current_role = "author" if m.group("author") else "editor"
        saw_author_sign |= current_role == "author"
        pos = m.end()
    pieces.append((current_role, pos, len(segment)))
    for role, start, end in pieces:
        singles: list[tuple[int, int]] = []

        def flush() -> None:
            nonlocal bare_ok
            if len(singles) >= 2 and len(singles) <= 3 and role != "editor":
                s, e = singles[0][0], singles[-1][1]
                names.append((segment[s:e], s, e))
                bare_ok = bare_ok and segment[s] in rules["surnames"]
            elif singles:
                raise _NotCredit
            singles.clear()

        try:
            cursor = start
            for tok in list(_CREDIT_SEP.finditer(segment, start, end)) + [None]:
                t_end = tok.start() if tok is not None else end
                word = segment[cursor:t_end]
                w_start = cursor
                cursor = tok.end() if tok is not None else end
                if not word:
                    continue
                if word in rules["filler"]:
                    saw_author_sign = True
                    flush()
                    continue
                if word.endswith("报道") and 3 <= len(word) <= 6 and names:
                    saw_author_sign = True
                    flush()  # 记者 王某 济南报道: where the writer filed from, no name
                    continue
                if role != "editor" and _is_credit_body(word):
                    flush()  # 文/图 某某县融媒体中心 孙某: the writer's body, no name
                    continue
                shot = _TRAILING_SHOT.search(word)
                if shot:
                    word = word[: shot.start()]
                    saw_author_sign = True
                if _ONE_HAN.fullmatch(word):
                    singles.append((w_start, w_start + 1))
                    continue
                flush()
                if not _HAN_NAME.fullmatch(word):
                    raise _NotCredit
                if role != "editor":
                    names.append((word, w_start, w_start + len(word)))
                    bare_ok = bare_ok and _is_surname_name(word)
            flush()
        except _NotCredit:
            return None
    if not names:
        return None
    if need_role and not saw_author_sign:
        return None
    if not need_role and not saw_author_sign and not bare_ok:
        return None
    return names


def _is_credit_body(word: str) -> bool:
    """A body named among a credit's names (某某县融媒体中心, 县农业局); a 2–3 hanzi word that
    starts with a surname is read as a name."""
    return bool(_rules()["credit_body"].fullmatch(word)) and (len(word) > 3 or not _is_surname_name(word))


class _NotCredit(Exception):
    pass


def closing_credit(line: str) -> list[tuple[str, int, int]] | None:
    """Names of a credit in brackets closing an article's last line: ``…。（张某）``,
    ``(湖北日报记者蔡俊)``, ``（记者 王某/文 李某/图）``, or that bracket alone on a line."""
    m = _rules()["closing"].search(line)
    if not m:
        return None
    before = line[: m.start()].rstrip()
    if before and before[-1] not in "。！？!?”\"…；;":
        return None  # a bracket after running words is a gloss, not a credit: 工程（一期）
    names = credit_names(m.group("credit"), need_role=False)
    base = m.start("credit")
    if not names:
        # （县农业农村局 赵某）: the body, then its writers
        body = _rules()["credit_body_head"].match(m.group("credit"))
        if body is None:
            return None
        names = credit_names(m.group("credit")[body.end():], need_role=False)
        if not names:
            return None
        base += body.end()
    return [(n, base + s, base + e) for n, s, e in names]


# --------------------------------------------------------------------------- chrome


def is_list_header(line: str) -> bool:
    """``相关新闻``, ``热点新闻``, ``关键词:``: the page's own lists start here and run to its end."""
    key = line.strip().rstrip(":：>》 ").strip("【】[]")
    return key in _rules()["list_headers"]


def is_meta_line(line: str) -> bool:
    """``时间:2012-06-08 来源:张掖日报 作者: 黄曙光``: a line of ``key: value`` page facts."""
    return len(line) <= 160 and bool(_rules()["meta_start"].search(line))


def is_chrome(line: str) -> bool:
    """A line of page chrome (navigation, share bars, copyright, timestamps, meta lines)."""
    rules = _rules()
    if len(line) > _CHROME_MAX:
        return False  # asked of every paragraph the joiner grows: a long one is text, in O(1)
    s = _LIST_NUMBER.sub("", line.strip())  # 2、凡本网注明…: a numbered notice reads as its text
    if not s:
        return False
    if s.startswith(rules["starts"]) or is_meta_line(s) or is_list_header(s):
        return True
    if len(s) <= 200 and rules["contains"].search(s):
        return True
    if len(s) > 80 or not any(p.fullmatch(s) for p in rules["patterns"]):
        return False
    # a row of short words is a menu, unless the words are names: 阿尔达克 李 飞 摄影报道
    return credit_names(s, need_role=False) is None


def is_site_name(line: str) -> bool:
    """``中国规划网``, ``园区新闻``: a site's or channel's name, read as chrome on a page's first line."""
    return bool(_rules()["site_name"].fullmatch(line.strip()))


def title_end(line: str) -> int:
    """Where a headline line ends before a site tag: ``…成功入库|环球观点`` -> before ``|``."""
    m = _rules()["site_tag"].search(line)
    return m.start() if m and m.start() >= 4 else len(line)


def inline_credit(line: str) -> list[tuple[str, int, int]]:
    """A bracketed credit with a role inside a paragraph: ``…百分点（记者沈某通讯员邓某）近日``,
    or a credit opening it: ``本报记者 王某 报道：5月6日，…``."""
    opening = _rules()["opening_credit"].match(line)
    if opening and (names := credit_names(opening.group("credit"))):
        at = opening.start("credit")
        return [(n, at + s, at + e) for n, s, e in names]
    for m in _rules()["inline_credit"].finditer(line):
        names = credit_names(m.group("credit"))
        if names:
            at = m.start("credit")
            return [(n, at + s, at + e) for n, s, e in names]
    return []


def opening_credit_end(line: str) -> int | None:
    """Where a credit opening a paragraph (``本报记者 王某 报道：``) ends, else None."""
    m = _rules()["opening_credit"].match(line)
    return m.end() if m and credit_names(m.group("credit")) else None


def meta_authors(line: str) -> list[tuple[str, int, int]]:
    """Authors named under the author keys of a meta line (作者, 记者, 文\\图), with spans."""
    rules = _rules()
    keys = list(rules["meta_key"].finditer(line))
    out: list[tuple[str, int, int]] = []
    for k, m in enumerate(keys):
        key = regex.sub(r"\s|[:：]", "", m.group())
        if key not in rules["author_keys"]:
            continue
        end = keys[k + 1].start() if k + 1 < len(keys) else len(line)
        value = line[m.end():end]
        cut = regex.search(r"[】\]|]", value)
        if cut:
            value = value[: cut.start()]
        names = credit_names(value, need_role=False) or _bare_names(value)
        out.extend((n, m.end() + s, m.end() + e) for n, s, e in names)
    return out


def _bare_names(value: str) -> list[tuple[str, int, int]]:
    # under an author key every 2–4 hanzi word is a name, surname or not: 记者:亚荣 思栋 小强
    names = credit_names("作者 " + value, need_role=True)
    return [(n, s - 3, e - 3) for n, s, e in names] if names else []


def declared_title(line: str) -> str | None:
    """The headline a web page's meta line names: ``标题:福建391个重大招商项目集中“云签约”``."""
    if len(line) > _CHROME_MAX:
        return None
    m = _rules()["declared_title"].fullmatch(line.strip())
    return m.group("title").strip() if m else None


def original_title(line: str) -> tuple[str, int, int] | None:
    """The headline a repost quotes: ``(原标题:…)``, ``原題:…``; with its span in ``line``."""
    if len(line) > _CHROME_MAX:
        return None
    m = _rules()["original_title"].match(line.strip())
    if not m:
        return None
    lead = len(line) - len(line.lstrip())
    return m.group("title"), lead + m.start("title"), lead + m.end("title")
