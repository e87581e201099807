"""Numbers as the Chinese press writes them, and the amounts built on them.

Pure functions, no spaCy.  Surface string -> value:

>>> parse_number("一百零五点八亿")
Decimal('10580000000.0')
>>> parse_number("1,200")
Decimal('1200')
>>> parse_number("3.5万")
Decimal('35000.0')
>>> int_to_chinese(2025)
'二千零二十五'
>>> parse_money("105.8亿元")
{'amount': 10580000000, 'currency': 'CNY', 'qualifier': None}
>>> parse_money("6-8亿元")
{'amount': 800000000, 'currency': 'CNY', 'qualifier': 'at_most', 'min': 600000000}
>>> parse_area("近9.3万平方米")
{'amount': 93000, 'unit': 'm2', 'original': {'amount': 93000, 'unit': '平方米'}, 'qualifier': 'at_most'}
>>> parse_area("100亩")["amount"]
66666.67
>>> parse_percent("76.6%")
{'amount': 76.6}
>>> parse_percent("1.2个百分点")
{'amount': 1.2, 'points': True}
>>> parse_quantity("700余面")
{'amount': 700, 'unit': '面', 'qualifier': 'at_least'}

Arithmetic is done in :class:`decimal.Decimal` so that 105.8亿 is exactly 10580000000; values
come out as ``int`` when integral, else ``float`` (areas rounded to 0.01 m²).

The patterns that find these amounts in running text are built once per process from the
grammar of ``rules/values/amounts.toml`` and the tables beside it (:func:`patterns`); every
repetition in them is bounded and every numeral start is guarded by a look-behind, so scanning
is linear in the length of the text (see ``tests/test_hostile_values.py``).

Leaf module: imports only :mod:`pipeline.core.rules`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import Any

import regex

from .chinese_numerals import decimal_to_chinese, int_to_chinese  # noqa: F401  (re-exported: callers import them from here)
from .rules import RuleError, alternation, compile_pattern, expand_fragments, load_table, shared_fragments

__all__ = [
    "parse_number",
    "numerals",
    "int_to_chinese",
    "decimal_to_chinese",
    "parse_money",
    "parse_area",
    "parse_percent",
    "parse_quantity",
    "qualifier_of",
    "find_amounts",
    "AmountMatch",
    "to_json_number",
    "lead",
    "Scanner",
    "triggers",
    "groups",
]

_ASCII_DIGITS = "0123456789"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_FULLWIDTH = str.maketrans(
    _FULLWIDTH_DIGITS + "．，％－～", _ASCII_DIGITS + ".,%-~"
)


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Numerals:
    digits: dict[str, int]
    small: dict[str, int]
    large: dict[str, int]
    point: tuple[str, ...]
    minus: tuple[str, ...]
    not_after: str
    thousand_unit_starts: str
    financial: str
    financial_alone_before: str
    zeros: str  # the digits worth 0 (零〇○): they only mark a gap
    standard: dict[str, str]  # the characters numbers are written out with
    classes: dict[str, str]  # named sets of numeral characters for the grammars


@functools.cache
def numerals() -> _Numerals:
    """The one numeral table, ``rules/values/numerals.toml`` (every numeral grammar reads it)."""
    t = load_table("values/numerals.toml")
    try:
        return _Numerals(
            digits={k: int(v) for k, v in t["digits"].items()},
            small={k: int(v) for k, v in t["small_units"].items()},
            large={k: int(v) for k, v in t["large_units"].items()},
            point=tuple(t["marks"]["point"]),
            minus=tuple(t["marks"]["minus"]),
            not_after=t["marks"]["not_after"],
            thousand_unit_starts=t["marks"]["thousand_unit_starts"],
            financial=t["marks"]["financial"],
            financial_alone_before=t["marks"]["financial_alone_before"],
            zeros="".join(k for k, v in t["digits"].items() if v == 0),
            standard=dict(t["standard"]),
            classes=dict(t["classes"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"values/numerals.toml: {exc!r}") from exc


# --------------------------------------------------------------------------- numbers


_THOUSANDS = regex.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_ARABIC = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


def _clean(text: str) -> str:
    s = text.strip().translate(_FULLWIDTH)
    # thousands separators only between digits: 1,200 / 12,345,678.5
    if "," in s:
        s = _THOUSANDS.sub("", s)
    return s


def parse_number(text: str) -> Decimal:
    """The value of a numeral: Arabic, Chinese, or mixed, with 万/亿 multipliers.

    >>> parse_number("九千三百万")
    Decimal('93000000')
    >>> parse_number("二〇二五")
    Decimal('2025')
    >>> parse_number("十五")
    Decimal('15')
    >>> parse_number("2万5千")
    Decimal('25000')
    >>> parse_number("１２０亿")
    Decimal('12000000000')
    >>> parse_number("一万五"), parse_number("一千二")
    (Decimal('15000'), Decimal('1200'))

    Raises ``ValueError`` for anything else (an empty string, letters, a stray unit).
    """
    nm = numerals()
    s = _clean(text)
    if not s:
        raise ValueError(f"not a number: {text!r}")
    sign = 1
    for m in nm.minus:
        if s.startswith(m) and len(s) > len(m):
            sign, s = -1, s[len(m):]
            break
    if _ARABIC.fullmatch(s):
        return sign * Decimal(s)
    total = Decimal(0)  # everything closed by 亿 / 万
    section = Decimal(0)  # the current four-digit section
    number: Decimal | None = None  # the digit(s) waiting for a unit
    last_unit = 0  # the unit closed last, for 一万五 = 15000 (an abbreviated tail)
    bare_tail = False  # `number` is one Chinese digit right after that unit, no 零 between
    i, n = 0, len(s)
    with localcontext() as ctx:
        ctx.prec = 60
        while i < n:
            ch = s[i]
            if ch in _ASCII_DIGITS:
                m = _ARABIC.match(s, pos=i)
                number = Decimal(m.group())
                bare_tail = False
                i = m.end()
            elif ch in nm.digits:
                j = i
                while j < n and s[j] in nm.digits:
                    j += 1
                run = s[i:j]
                significant = run.lstrip(nm.zeros)
                bare_tail = False
                if len(significant) >= 2:  # positional: 二〇二五, 一九九八
                    number = Decimal("".join(str(nm.digits[c]) for c in run))
                elif significant:
                    number = Decimal(nm.digits[significant])
                    bare_tail = significant == run and i > 0
                elif number is None:
                    number = None  # 零 only marks a gap: 一百零五
                i = j
            elif ch in nm.point:
                j = i + 1
                frac = []
                while j < n and (s[j] in nm.digits or s[j] in _ASCII_DIGITS):
                    frac.append(str(nm.digits[s[j]]) if s[j] in nm.digits else s[j])
                    j += 1
                if not frac:
                    raise ValueError(f"not a number: {text!r}")
                number = section + (number or 0) + Decimal("0." + "".join(frac))
                section = Decimal(0)
                bare_tail = False
                i = j
            elif ch in nm.small:
                section += (number if number is not None else 1) * nm.small[ch]
                number, last_unit = None, nm.small[ch]
                i += 1
            elif ch in nm.large:
                unit = nm.large[ch]
                if number is None and not last_unit and not section:
                    number = Decimal(1)  # 亿元以上, 万亿: the 一 left out
                if unit >= 10**8:
                    total = (total + section + (number or 0)) * unit
                else:
                    total += (section + (number or 0)) * unit
                section, number, last_unit = Decimal(0), None, unit
                i += 1
            else:
                raise ValueError(f"not a number: {text!r}")
        if number is not None and bare_tail and last_unit >= 100:
            number *= last_unit // 10  # 一千二 = 1200, 三万五 = 35000 (spoken short forms)
        value = total + section + (number or 0)
    return sign * value


def to_json_number(d: Decimal) -> int | float:
    """``int`` when integral, else ``float`` (what the JSON values carry)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def _round2(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _Patterns:
    money: Scanner
    area: Scanner
    percent: Scanner
    quantity: Scanner
    bare: Scanner
    prefix: dict[str, str]
    prefix_words: tuple[str, ...]  # longest first
    prefix_not_after: str
    prefix_end: regex.Pattern  # a qualifier word ending where the search ends
    prefix_max: int
    infix: dict[str, str]
    suffix: dict[str, str]
    currencies: dict[str, str]
    area_units: dict[str, tuple[Fraction, str]]
    quantity_units: dict[str, str]
    slogans: regex.Pattern | None  # 两个维护, 五位一体: numbered slogans, not counts
    context: regex.Pattern
    context_window: int
    followers: str
    large_chars: str


def _class(chars: str) -> str:
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


def lead(first_chars: str, numeral_chars: str) -> str:
    """A cheap test every match start must pass, so that the engine skips ordinary text fast.

    A match starts only at one of ``first_chars``, and never inside a run of numerals (an
    Arabic or Chinese numeral is read from its first character).  Without this the big
    alternations are entered at every position and scanning costs ~20 µs a character.
    """
    n = _class(numeral_chars)
    return f"(?={_class(first_chars)})(?:(?<!{n})|(?!{n}))"


class Scanner:
    """``pattern.finditer(text)``, but only tried where a match can start.

    ``trigger`` finds the candidate starts cheaply (runs of numerals, a few start words);
    ``pattern`` is then matched anchored there.  The result is the same as ``finditer`` (leftmost
    matches, no overlaps) because ``pattern`` itself begins with :func:`lead`, which rejects every
    position the trigger skips; the ``regex`` engine just never enters the big alternations at
    the other positions.
    """

    __slots__ = ("pattern", "trigger")

    def __init__(self, pattern: regex.Pattern, trigger: regex.Pattern):
        self.pattern = pattern
        self.trigger = trigger

    def starts(self, text: str) -> list[int]:
        return [t.start() for t in self.trigger.finditer(text)]

    def finditer(self, text: str, starts: list[int] | None = None):
        """Leftmost non-overlapping matches; ``starts`` may be shared by scanners with the
        same trigger (see :meth:`starts`)."""
        match = self.pattern.match
        end = 0
        for s in self.starts(text) if starts is None else starts:
            if s < end:
                continue
            m = match(text, s)
            if m is not None and m.end() > s:
                end = m.end()
                yield m

    def fullmatch(self, text: str):
        return self.pattern.fullmatch(text)


def triggers(numeral_chars: str, other_starts: str = "", where: str = "") -> regex.Pattern:
    """Candidate starts: the first character of each run of numerals, or where the regex
    ``other_starts`` matches (tested as a zero-width look-ahead, so it consumes nothing)."""
    alt = f"{_class(numeral_chars)}{{1,64}}"
    if other_starts:
        alt += f"|(?=(?:{other_starts}))"
    return compile_pattern(alt, where or "trigger")


def groups(m: regex.Match) -> dict[str, str | None]:
    """``m.groupdict()``, fast: with many (and repeated) group names the ``regex`` module's
    own groupdict costs ~45 µs a match."""
    gs = m.groups()
    return {name: gs[i - 1] for name, i in m.re.groupindex.items()}


@functools.cache
def patterns() -> _Patterns:
    """Compile the amount patterns from ``rules/values/amounts.toml`` and the tables of
    numerals, qualifiers and units (once per process).

    The patterns start at the number; a qualifier word before it (约, 近, 超过…) is found by
    looking back from the match (:func:`_prefix_before`), which keeps the set of characters a
    match can start with small.
    """
    nm = numerals()
    q = load_table("values/qualifiers.toml")
    u = load_table("values/units.toml")
    a = load_table("values/amounts.toml")
    where = "values/units.toml"

    cn_digits = "".join(nm.digits)
    cn_all = cn_digits + "".join(nm.small) + "".join(nm.large)
    cn_start = cn_digits + "".join(k for k, v in nm.small.items() if v == 10)
    large = _class("".join(nm.large))
    points = "".join(nm.point)
    # 百/千/万/亿 after Arabic digits; 千 not where it starts a unit (110千伏, 5千米)
    thousand = [k for k, v in nm.small.items() if v == 1000]
    mult_items = [regex.escape(k) for k, v in nm.small.items() if v in (100, 1000) and k not in thousand]
    mult_items += [regex.escape(k) for k in nm.large]
    mult_items += [regex.escape(k) + f"(?!{_class(nm.thousand_unit_starts)})" for k in thousand]
    # the grammar of values/amounts.toml, its pieces expanded with what the numeral table, the
    # qualifiers and the units give them
    from_numerals = {
        "digit_cn": _class(cn_digits),
        "numeral_cn": _class(cn_all),
        "start_cn": _class(cn_start),
        "large": large,
        "point": _class(points),
        "financial": _class(nm.financial),
        "financial_ok": _class(cn_all + nm.financial_alone_before),
        "no_numeral_before": _class(cn_all + points + nm.not_after),
        "no_numeral_before_cheng": _class(cn_all + nm.not_after),
        "multiplier": "(?:" + "|".join(mult_items) + ")",
    }
    words = {"grammar": a["grammar"], "infix": q["infix"], "suffix": q["suffix"],
             "separators": q["range"]["separators"], "money": u["money"], "area": u["area"],
             "quantity": u["quantity"], "percent": a["percent"]}
    g = expand_fragments(words, "values/amounts.toml", {**shared_fragments(), **from_numerals},
                         fragments="grammar")["grammar"]
    currencies = dict(u["money"]["currencies"])
    area_units: dict[str, tuple[Fraction, str]] = {}
    for word, spec in u["area"]["units"].items():
        try:
            area_units[word] = (Fraction(str(spec["factor"])), spec.get("canonical", word))
        except (KeyError, ValueError, ZeroDivisionError) as exc:
            raise RuleError(f"{where}: area unit {word!r}: {exc!r}") from exc
    qunits_spec = u["quantity"]["units"]
    quantity_units = {w: (s or {}).get("canonical", w) for w, s in qunits_spec.items()}

    ctx = u["money"]["context"]
    numeral_chars = _ASCII_DIGITS + _FULLWIDTH_DIGITS + cn_all
    first = _ASCII_DIGITS + _FULLWIDTH_DIGITS + cn_start
    amount_lead = lead(first, numeral_chars)
    percent_lead = lead(first + a["percent"]["starts"], numeral_chars)
    prefix = dict(q["prefix"])
    trig = triggers(numeral_chars, a["percent"]["signed_start"], "values/amounts.toml [trigger]")
    # What may stand between a match start and its unit: numerals, decimal marks, 余/多,
    # range separators, a space.  A look-ahead over these (possessive: no backtracking) to the
    # first character of a unit rejects most numbers in one step; without it every number in
    # the text sends the engine through all the optional parts of the pattern (~20 µs each).
    numberish = (
        numeral_chars + ".．,，" + "".join(nm.point) + "".join(q["infix"]) + " -−"
        + "".join(q["range"]["separators"])
    )

    def ahead(units) -> str:
        firsts = set()
        for w in units:
            rest = w.lstrip(numberish)
            firsts.add((rest or w)[0])
        return f"(?={_class(numberish)}{{0,48}}+{_class(''.join(sorted(firsts)))})"

    def scanner(src: str, name: str) -> Scanner:
        return Scanner(compile_pattern(src, f"values/amounts.toml [grammar.{name}]"), trig)

    return _Patterns(
        money=scanner(lead(first + a["money"]["starts"], numeral_chars) + ahead(currencies) + g["money"], "money"),
        area=scanner(amount_lead + ahead(area_units) + g["area"], "area"),
        percent=scanner(percent_lead + ahead(a["percent"]["words"]) + g["percent"], "percent"),
        quantity=scanner(amount_lead + ahead(qunits_spec) + g["quantity"], "quantity"),
        bare=scanner(
            # money's own starts too: 揽金超百亿 (an implicit 一 after a qualifier)
            lead(first + a["money"]["starts"], numeral_chars) + f"(?={_class(numberish)}{{0,48}}?{large})"
            + "(?:" + g["bare"] + ")",
            "bare",
        ),
        prefix=prefix,
        prefix_words=tuple(sorted(prefix, key=lambda w: (-len(w), w))),
        prefix_not_after=q.get("prefix_not_after", ""),
        prefix_end=compile_pattern(
            (f"(?<!{_class(q['prefix_not_after'])})" if q.get("prefix_not_after") else "")
            + alternation(prefix) + r"\Z",
            "values/qualifiers.toml [prefix]",
        ),
        prefix_max=max(map(len, prefix)),
        infix=dict(q["infix"]),
        suffix=dict(q["suffix"]),
        currencies=currencies,
        area_units=area_units,
        quantity_units=quantity_units,
        slogans=(
            compile_pattern(alternation(u["quantity"]["slogans"]), f"{where} [quantity.slogans]")
            if u["quantity"].get("slogans") else None
        ),
        context=compile_pattern(alternation(ctx["words"]), f"{where} [money.context]"),
        context_window=int(ctx.get("window", 12)),
        followers=ctx.get("followers", ""),
        large_chars="".join(nm.large),
    )


# --------------------------------------------------------------------------- amounts


def qualifier_of(pre: str | None, numbers: tuple[str | None, ...] = (), suf: str | None = None) -> str | None:
    """The qualifier an amount's words give (prefix first, then 余/多, then suffix).

    >>> qualifier_of("约"), qualifier_of(None, ("700余",)), qualifier_of(None, (), "以上")
    ('approx', 'at_least', 'at_least')
    """
    p = patterns()
    if pre and pre in p.prefix:
        return p.prefix[pre]
    for t in numbers:
        if t:
            for word, qual in p.infix.items():
                if word in t:
                    return qual
    if suf and suf in p.suffix:
        return p.suffix[suf]
    return None


def _prefix_before(text: str, start: int) -> str | None:
    """The qualifier word that ends at ``start`` (``约`` in ``约140米``), else None.

    >>> _prefix_before("将近100亩", 2), _prefix_before("附近3公里", 2)
    ('将近', None)
    """
    p = patterns()
    m = p.prefix_end.search(text, max(0, start - p.prefix_max), start)
    return m.group() if m else None


def _split_prefix(text: str) -> tuple[str | None, str]:
    for w in patterns().prefix_words:
        if text.startswith(w) and len(text) > len(w):
            return w, text[len(w):]
    return None, text


def _strip_infix(t: str) -> str:
    for word in patterns().infix:
        t = t.replace(word, "")
    return t


def _trailing_multiplier(t: str) -> Decimal:
    """The multiplier at the end of a numeral (``10万`` -> 10^4, ``6`` -> 1)."""
    nm = numerals()
    m = Decimal(1)
    core = t
    while core and core[-1] in nm.large:
        m *= nm.large[core[-1]]
        core = core[:-1]
    return m if core else Decimal(1)


def _range_values(g: dict[str, str | None]) -> tuple[Decimal, Decimal | None] | None:
    """(upper-or-only amount, lower bound or None) of a match, in the units written."""
    try:
        n1 = _strip_infix(g["n1"] or "")
        v1 = parse_number(n1)
        n2 = g.get("n2")
        if not n2:
            return v1, None
        n2 = _strip_infix(n2)
        v2 = parse_number(n2)
    except (ValueError, InvalidOperation):
        return None
    large = patterns().large_chars
    if not g.get("u1") and not any(c in large for c in n1):
        mult = _trailing_multiplier(n2)
        if mult != 1 and v1 * mult <= v2:
            v1 = v1 * mult
    if v1 >= v2:
        return None  # 10-5万: not a range we understand
    return v2, v1


def _qualifier(g: dict[str, str | None], pre: str | None, is_range: bool) -> str | None:
    if is_range:
        return "at_most"
    return qualifier_of(pre, (g.get("n1"),), g.get("suf"))


def _money_value(g: dict, pre: str | None, currency: str | None = None) -> dict[str, Any] | None:
    rv = _range_values(g)
    if rv is None:
        return None
    amount, low = rv
    if currency is None:
        currency = patterns().currencies.get(g["unit"] or "", "CNY")
    value: dict[str, Any] = {
        "amount": to_json_number(amount),
        "currency": currency,
        "qualifier": _qualifier(g, pre, low is not None),
    }
    if low is not None:
        value["min"] = to_json_number(low)
    return value


def _area_value(g: dict, pre: str | None) -> dict[str, Any] | None:
    rv = _range_values(g)
    if rv is None:
        return None
    amount, low = rv
    factor, canonical = patterns().area_units[g["unit"]]

    def m2(x: Decimal) -> int | float:
        with localcontext() as ctx:
            ctx.prec = 60
            return to_json_number(_round2(x * factor.numerator / Decimal(factor.denominator)))

    value: dict[str, Any] = {
        "amount": m2(amount),
        "unit": "m2",
        "original": {"amount": to_json_number(amount), "unit": canonical},
        "qualifier": _qualifier(g, pre, low is not None),
    }
    if low is not None:
        value["min"] = m2(low)
    return value


def _percent_value(g: dict, pre: str | None) -> dict[str, Any] | None:
    unit = g.get("unit") or ""
    if unit == "百分之" and g.get("n1") == "百":
        rv: tuple[Decimal, Decimal | None] | None = (Decimal(100), None)
    else:
        rv = _range_values(g)
    if rv is None:
        return None
    amount, low = rv
    if unit == "成":
        amount = amount * 10 + (parse_number(g["tenth"]) if g.get("tenth") else 0)  # 九成五
    if g.get("sign"):
        if low is not None or pre:
            return None
        amount = -amount
    value: dict[str, Any] = {"amount": to_json_number(amount)}
    if unit.endswith("百分点"):
        value["points"] = True
    qual = _qualifier(g, pre, low is not None)
    if qual:
        value["qualifier"] = qual
    if low is not None:
        value["min"] = to_json_number(low)
    return value


def _quantity_value(g: dict, pre: str | None) -> dict[str, Any] | None:
    if g["n1"] in ("一", "壹") and not g.get("n2"):
        return None  # 一个 一家 一批: an article, not a count worth a mention
    rv = _range_values(g)
    if rv is None:
        return None
    amount, low = rv
    unit = g["unit"] or ""
    value: dict[str, Any] = {
        "amount": to_json_number(amount),
        "unit": patterns().quantity_units.get(unit, unit),
        "qualifier": _qualifier(g, pre, low is not None),
    }
    if low is not None:
        value["min"] = to_json_number(low)
    return value


def _parse_span(pattern: Scanner, fn, text: str, **kw) -> dict[str, Any] | None:
    pre, rest = _split_prefix(text.strip())
    m = pattern.fullmatch(rest)
    if m is None and pre:  # 近日 is not 近 + 日: try the text without a split prefix too
        pre, rest = None, text.strip()
        m = pattern.fullmatch(rest)
    if m is None:
        return None
    return fn(groups(m), pre, **kw)


def parse_money(text: str, *, context: bool = False) -> dict[str, Any] | None:
    """A MoneyValue-shaped dict for an amount of money, else None.

    ``context=True`` accepts an amount without a currency word (``26亿``), as found after
    投资/营收/…; it is CNY.

    >>> parse_money("2万余元")
    {'amount': 20000, 'currency': 'CNY', 'qualifier': 'at_least'}
    >>> parse_money("3亿美元")["currency"]
    'USD'
    >>> parse_money("26亿") is None, parse_money("26亿", context=True)["amount"]
    (True, 2600000000)
    """
    p = patterns()
    value = _parse_span(p.money, _money_value, text)
    if value is None and context:
        pre, rest = _split_prefix(text.strip())
        m = p.bare.fullmatch(rest)
        if m is not None:
            g = groups(m)
            if _has_multiplier(g):
                value = _money_value(g, pre, "CNY")
    return value


def parse_area(text: str) -> dict[str, Any] | None:
    """An AreaValue-shaped dict (square metres, rounded to 0.01), else None.

    >>> parse_area("5公顷")["amount"], parse_area("3平方公里")["amount"]
    (50000, 3000000)
    """
    return _parse_span(patterns().area, _area_value, text)


def parse_percent(text: str) -> dict[str, Any] | None:
    """A PercentValue-shaped dict, else None.

    >>> parse_percent("百分之十五"), parse_percent("七成以上")
    ({'amount': 15}, {'amount': 70, 'qualifier': 'at_least'})
    """
    return _parse_span(patterns().percent, _percent_value, text)


def parse_quantity(text: str) -> dict[str, Any] | None:
    """A QuantityValue-shaped dict for a count or measure with its measure word, else None.

    >>> parse_quantity("3万吨")
    {'amount': 30000, 'unit': '吨', 'qualifier': None}
    """
    return _parse_span(patterns().quantity, _quantity_value, text)


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class AmountMatch:
    label: str  # MONEY | AREA | PERCENT | QUANTITY
    start: int
    end: int
    value: dict[str, Any]


def _has_multiplier(g: dict) -> bool:
    large = patterns().large_chars
    top = g.get("n2") or g.get("n1") or ""
    return any(c in large for c in top)


_CLAUSE_END = "，。；！？,;!?：:\n"
_WORDLIKE = regex.compile(r"\p{Han}|[A-Za-z0-9]")


def _money_context(text: str, start: int, end: int, *, closed: bool = False) -> bool:
    """A context word before a bare amount in its clause, and no unknown unit after it; an
    amount ``closed`` by a qualifier word (投资10亿以上项目) may be followed by a noun."""
    p = patterns()
    lo = max(0, start - p.context_window)
    window = text[lo:start]
    cut = max(window.rfind(c) for c in _CLAUSE_END)
    if cut >= 0:
        window = window[cut + 1:]
    if not p.context.search(window):
        return False
    nxt = text[end:end + 1]
    if nxt and _WORDLIKE.match(nxt) and not closed:
        return nxt in p.followers
    return True


def find_amounts(text: str, labels: frozenset[str] | None = None) -> list[AmountMatch]:
    """Every MONEY, AREA, PERCENT and QUANTITY candidate in ``text`` (they may overlap:
    the caller keeps the longest).

    >>> text = "总投资26亿，占地100亩，共36家企业"
    >>> [(a.label, text[a.start:a.end]) for a in find_amounts(text)]
    [('MONEY', '26亿'), ('AREA', '100亩'), ('QUANTITY', '36家')]
    """
    p = patterns()
    want = frozenset({"MONEY", "AREA", "PERCENT", "QUANTITY"}) if labels is None else labels
    out: list[AmountMatch] = []
    jobs = (
        ("MONEY", p.money, _money_value),
        ("AREA", p.area, _area_value),
        ("PERCENT", p.percent, _percent_value),
        ("QUANTITY", p.quantity, _quantity_value),
    )
    starts = p.money.starts(text)  # one trigger scan for every amount pattern
    for label, pattern, fn in jobs:
        if label not in want:
            continue
        for m in pattern.finditer(text, starts):
            start = m.start()
            if label == "QUANTITY" and p.slogans is not None and p.slogans.match(text, start):
                continue
            pre = _prefix_before(text, start)
            value = fn(groups(m), pre)
            if value is not None:
                out.append(AmountMatch(label, start - len(pre or ""), m.end(), value))
    if "MONEY" in want:
        for m in p.bare.finditer(text, starts):
            g = groups(m)
            start = m.start()
            if _has_multiplier(g) and _money_context(text, start, m.end(), closed=bool(g.get("suf"))):
                pre = _prefix_before(text, start)
                value = _money_value(g, pre, "CNY")
                if value is not None:
                    out.append(AmountMatch("MONEY", start - len(pre or ""), m.end(), value))
    out.sort(key=lambda a: (a.start, -a.end))
    return out
