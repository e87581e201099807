"""The place lexicon: China's administrative divisions and named regions, matched in one pass.

Sources, all read once per process (:func:`gazetteer`):

- ``cpca/resources/adcodes.csv`` from the installed ``cpca`` package (3,500 divisions with their
  12-digit codes; province, city and county follow from the code). The file is located with
  ``importlib.util.find_spec`` and read with ``csv``: importing ``cpca`` itself would pull pandas,
  and the table is third-party data we do not copy into the repository.
- ``rules/places/divisions.toml``: divisions created or renamed after that table, names not to
  match, short forms that are ordinary words.
- ``rules/places/regions.txt``: regions, rivers and mountains (``京津冀``, ``晋东``);
- ``rules/places/abroad.txt``: cities abroad, ranked below the model (``利物浦`` may be a club).

Every division gets its full name (``山西省``, ``阳泉市``, ``太谷区``) and a short form
(``山西``, ``阳泉``, ``太谷``; two characters at least). Matching is leftmost-longest over all keys
with a two-character prefix filter, so a page costs one scan. Whether a *short* form may stand
alone is the caller's decision (see ``Match.kind``): a province or city short form is a place
almost everywhere, a county short form (``平定``, ``和顺``) often is a word.

>>> g = gazetteer()
>>> [(m.text, m.kind) for m in g.find("长治市上党区委书记")]
[('长治市', 'full'), ('上党区', 'full')]
>>> g.value(g.lookup("太谷区")[0])
{'province': '山西省', 'city': '晋中市', 'county': '太谷区'}
>>> g.value(g.lookup("阳泉")[0])
{'province': '山西省', 'city': '阳泉市', 'county': None}

Leaf module: imports only ``pipeline.core.rules``.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import regex

from .pairscan import PairIndex
from .rules import RuleError, load_lexicon, load_table

LEVELS = ("province", "city", "county")
#: Municipalities: their "city" is the municipality itself.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

_PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
_LEVEL_SUFFIXES = ("自治县", "自治旗", "自治州", "特别行政区", "自治区", "林区", "特区", "地区",
                   "省", "市", "县", "区", "旗", "盟")


@dataclass(frozen=True)
class Division:
    code: str  # 12 digits
    name: str
    level: str  # province | city | county
    province: str | None
    city: str | None
    county: str | None

    @property
    def value(self) -> dict[str, str | None]:
        return {"province": self.province, "city": self.city, "county": self.county}


@dataclass(frozen=True)
class Entry:
    """One thing a key can stand for: a division (full name or short form) or a region."""

    kind: str  # full | short | region
    division: Division | None = None
    province: str | None = None  # regions inside one province


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    kind: str  # full | short | region (the best kind among the key's entries)
    entries: tuple[Entry, ...]

    @property
    def divisions(self) -> tuple[Division, ...]:
        return tuple(e.division for e in self.entries if e.division is not None)

    @property
    def level(self) -> str | None:
        """The highest level among the divisions this key can name (``None`` for a region)."""
        levels = {d.level for d in self.divisions}
        for lv in LEVELS:
            if lv in levels:
                return lv
        return None


def adcodes_path() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuleError("the cpca package is not installed; it ships the division table (adcodes.csv)")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    if not path.is_file():
        raise RuleError(f"{path}: division table missing from the cpca package")
    return path


def _nations(base: Path) -> tuple[str, ...]:
    path = base / "56_nations.csv"
    names: list[str] = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("\ufeff")
            if line.endswith("族") and len(line) >= 2:
                names.append(line)
                if len(line) > 2:
                    names.append(line[:-1])  # 蒙古 in 博尔塔拉蒙古自治州
    return tuple(sorted(set(names), key=len, reverse=True))


def short_form(name: str, level: str, nations: tuple[str, ...] = ()) -> str | None:
    """The name without its level suffix and ethnic qualifiers; ``None`` if under two characters.

    >>> short_form("山西省", "province"), short_form("延边朝鲜族自治州", "city", ("朝鲜族",))
    ('山西', '延边')
    >>> short_form("盂县", "county") is None
    True
    """
    if level == "province" and name in _PROVINCE_SHORT:
        return _PROVINCE_SHORT[name]
    stem = name
    for suf in _LEVEL_SUFFIXES:
        if stem.endswith(suf) and len(stem) > len(suf):
            stem = stem[: -len(suf)]
            break
    changed = True
    while changed and nations:
        changed = False
        for nat in nations:
            if stem.endswith(nat) and len(stem) - len(nat) >= 2:
                stem = stem[: -len(nat)]
                changed = True
                break
    if len(stem) < 2 or stem == name:
        return None
    return stem


class Gazetteer:
    def __init__(self, directory: Path | None = None) -> None:
        """The divisions of the ``cpca`` table with the rules of ``directory`` (default: the shipped
        rules): ``places/divisions.toml``, ``regions.txt``, ``abroad.txt``."""
        table = load_table("places/divisions.toml", directory)
        options = table.get("options", {})
        skip = set(options.get("skip_names", ()))
        self.short_stop = frozenset(options.get("short_stop", ()))
        self.function_homographs = frozenset(options.get("function_homographs", ()))
        veto = [w for w in options.get("veto", ()) if w]
        self.veto_re = re.compile("|".join(map(re.escape, sorted(veto, key=len, reverse=True)))) if veto else None
        path = adcodes_path()
        nations = _nations(path.parent)
        rows: dict[str, str] = {}
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                code, name = (rec.get("adcode") or "").strip(), (rec.get("name") or "").strip()
                if len(code) == 12 and code.isdigit() and name:
                    rows[code] = name
        replaced: set[tuple[str, str]] = set()  # (city code prefix, old name)
        for item in table.get("division", ()):
            code = str(item["code"]).ljust(12, "0")
            rows[code] = item["name"]
            for old in item.get("replaces", ()):
                replaced.add((code[:4], old))
        self.divisions: list[Division] = []
        #: districts whose names are ordinary words (新城区, 城东区): a place only right after
        #: their own city (西安新城区); name -> the districts of that name
        self.generic_districts: dict[str, list[Division]] = {}
        for code, name in sorted(rows.items()):
            if name in skip:
                if code[6:] == "0" * 6 and code[4:6] != "00" and len(name) >= 3:
                    city = rows.get(code[:2] + "0" * 10) if code[:2] in MUNICIPALITIES \
                        else rows.get(code[:4] + "0" * 8)
                    self.generic_districts.setdefault(name, []).append(Division(
                        code, name, "county", rows.get(code[:2] + "0" * 10), city, name))
                continue
            level = "province" if code[2:] == "0" * 10 else "city" if code[4:] == "0" * 8 else "county"
            prov = rows.get(code[:2] + "0" * 10)
            if level == "province":
                city = name if code[:2] in MUNICIPALITIES else None
                div = Division(code, name, level, name, city, None)
            elif level == "city":
                if code[:2] in MUNICIPALITIES or name in skip:
                    continue  # 市辖区 / 县 rows of a municipality
                div = Division(code, name, level, prov, name, None)
            else:
                if code[:2] in MUNICIPALITIES:
                    city = prov
                else:
                    city = rows.get(code[:4] + "0" * 8)
                    if city in skip:  # 省直辖县级行政区划: no city level
                        city = None
                div = Division(code, name, level, prov, city, name)
            self.divisions.append(div)
        self._keys: dict[str, list[Entry]] = {}
        full_names = {d.name for d in self.divisions}
        for div in self.divisions:
            self._add(div.name, Entry("full", div))
        if options.get("alias_county_as_district", True):
            for div in self.divisions:
                if div.level == "county" and div.name[-1] in "县市" and len(div.name) >= 3:
                    alias = div.name[:-1] + "区"
                    if alias.endswith(tuple(options.get("alias_not_ending", ()))):
                        continue
                    if alias not in full_names and (div.code[:4], div.name) not in replaced:
                        self._add(alias, Entry("full", Division(div.code, alias, "county", div.province, div.city, alias)))
        for div in self.divisions:
            short = short_form(div.name, div.level, nations)
            if short and short not in self.short_stop and short not in skip:
                if (div.code[:4], div.name) in replaced:
                    continue  # 太谷 means the current 太谷区, not the old 太谷县
                self._add(short, Entry("short", div))
        for line in load_lexicon("places/regions.txt", directory):
            name, _, prov = line.partition("\t")
            self._add(name.strip(), Entry("region", None, prov.strip() or None))
        # places abroad that also name clubs or read as persons: regions the resolver ranks
        # below the model (rules/places/abroad.txt)
        self.abroad = frozenset(line.strip() for line in load_lexicon("places/abroad.txt", directory))
        for name in self.abroad:
            self._add(name, Entry("region"))
        self._by_name: dict[str, list[Division]] = {}
        for div in self.divisions:
            self._by_name.setdefault(div.name, []).append(div)
        self._starts = PairIndex.of_words(self._keys)
        self._lengths = tuple(sorted({len(k) for k in self._keys}, reverse=True))

    def _add(self, key: str, entry: Entry) -> None:
        if len(key) < 2:
            return
        entries = self._keys.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    # -- lookups ---------------------------------------------------------------------------
    def entries(self, key: str) -> tuple[Entry, ...]:
        return tuple(self._keys.get(key, ()))

    def lookup(self, key: str) -> list[Division]:
        """Divisions a surface string may name (full names first, then short forms)."""
        entries = self._keys.get(key, ())
        full = [e.division for e in entries if e.kind == "full" and e.division]
        short = [e.division for e in entries if e.kind == "short" and e.division]
        return full + short

    def by_code(self, code: str) -> Division | None:
        code = code.ljust(12, "0")
        for div in self.divisions:
            if div.code == code:
                return div
        return None

    def parent(self, div: Division) -> Division | None:
        """The division one level up (county → city, city → province)."""
        if div.level == "county":
            name = div.city if div.city and div.city != div.province else div.province
        elif div.level == "city":
            name = div.province
        else:
            return None
        for cand in self._by_name.get(name or "", ()):
            if cand.code[:2] == div.code[:2]:
                return cand
        return None

    @staticmethod
    def value(div: Division) -> dict[str, str | None]:
        return div.value

    def is_key(self, key: str) -> bool:
        return key in self._keys

    # -- matching --------------------------------------------------------------------------
    def find_all(self, text: str) -> list[Match]:
        """Every key occurrence (overlapping), in text order."""
        keys, lengths = self._keys, self._lengths
        out: list[Match] = []
        n = len(text)
        for i, top in self._starts.starts(text):
            for L in lengths:
                if L > top or i + L > n:
                    continue
                key = text[i:i + L]
                entries = keys.get(key)
                if entries:
                    kinds = {e.kind for e in entries}
                    kind = "full" if "full" in kinds else "region" if "region" in kinds else "short"
                    out.append(Match(i, i + L, key, kind, tuple(entries)))
        return out

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest non-overlapping matches."""
        out: list[Match] = []
        last_end = 0
        for m in self.find_all(text):  # sorted by start, longest first at each start
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        return out


def gazetteer() -> Gazetteer:
    """The gazetteer of the shipped rules, for callers outside a component."""
    return load_gazetteer()


@functools.cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer of the rules in ``directory``, built once per directory: it holds the whole
    division table, so components on the same rules share one."""
    return Gazetteer(directory)


#: Level words that may follow a short form and make it a full reference (阳泉 + 市).
LEVEL_CHARS = frozenset("省市县区州盟旗")
_HAN = regex.compile(r"\p{Han}")


def is_han(ch: str) -> bool:
    return bool(ch) and _HAN.match(ch) is not None
