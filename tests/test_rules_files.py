"""Every rule file loads, and a broken copy fails at load naming its file and key.

The broken copies are written by hand below (one edit each to a real file), read through
:func:`pipeline.rules.read_table`, which does no caching, so the real rule set is untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.grammars.events.lexicon import lexicon
from pipeline.core.rule_schemas import SCHEMAS
from pipeline.schema import EVENT_TYPES
from pipeline.core import dates, numbers
from pipeline.core.rules import RuleError, expand_fragments, shared_fragments, load_lexicon, load_table, numeral_class, read_table, rules_dir

RULES = rules_dir()
TOML_FILES = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.toml"))
TEXT_FILES = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.txt"))


def test_every_toml_file_has_a_schema_and_every_schema_a_file():
    assert TOML_FILES, "no TOML rule files found"
    assert set(TOML_FILES) == set(SCHEMAS)


@pytest.mark.parametrize("name", TOML_FILES)
def test_every_toml_file_loads(name):
    table = load_table(name)
    assert isinstance(table, dict) and table


@pytest.mark.parametrize("name", TEXT_FILES)
def test_every_lexicon_loads(name):
    assert load_lexicon(name)


# (where the case comes from, file, text replaced, replacement, words the error must name)
BROKEN = [
    ("typo in a top-level key", "events/meeting.toml",
     "visit_verbs =", "visit_verb =", ["meeting.toml", "visit_verb", "unknown key"]),
    ("the same typo leaves the real key missing", "events/meeting.toml",
     "visit_verbs =", "visit_verb =", ["visit_verbs", "missing key"]),
    ("typo inside a unit's table", "values/units.toml",
     '"个" = { not_before = ', '"个" = { not_befor = ',
     ["units.toml", "quantity.units.个.not_befor", "unknown key"]),
    ("typo in a numeral mark", "values/numerals.toml",
     "\nnot_after =", "\nnot_afterr =", ["numerals.toml", "marks.not_afterr", "unknown key"]),
    ("unknown key in the second suffix class", "names/org.toml",
     'name = "institution"', 'name = "institution"\nsufixes = ["院"]',
     ["org.toml", "class.1.sufixes", "unknown key"]),
    ("a class without suffixes", "places/loc.toml",
     'suffixes = ["村", "社区", "乡", "镇", "街道", "屯"]', "",
     ["loc.toml", "class.4.suffixes", "missing key"]),
    ("unbalanced group in an event pattern", "events/meeting.toml",
     "topic_re = '就(?P<topic>", "topic_re = '就((?P<topic>",
     ["meeting.toml", "topic_re", "bad pattern"]),
    ("unbalanced class in a caption pattern", "page/layout.toml",
     "'^(?:图为|", "'^[(?:图为|", ["layout.toml", "caption.patterns.2", "bad pattern"]),
    ("a stage the schema does not know", "events/milestone.toml",
     "\ncompleted = [", "\nfinished = [", ["milestone.toml", "stages.finished"]),
    ("a qualifier the contract does not know", "values/qualifiers.toml",
     '"约" = "approx"', '"约" = "about"', ["qualifiers.toml", "prefix.约"]),
    ("a word where a number belongs", "values/numerals.toml",
     '"五" = 5', '"五" = "five"', ["numerals.toml", "digits.五"]),
    ("a numeral key of two characters", "values/numerals.toml",
     '"五" = 5', '"五五" = 55', ["numerals.toml", "digits", "single characters"]),
    ("a named numeral set with a character the table lacks", "values/numerals.toml",
     'one_to_nine = "一二三四五六七八九"', 'one_to_nine = "一二三四五六七八九x"',
     ["numerals.toml", "classes.one_to_nine", "'x'"]),
    ("standard digits out of order", "values/numerals.toml",
     'digits = "零一二三四五六七八九"', 'digits = "零一二三四五六七九八"',
     ["numerals.toml", "standard", "'九' is not 8"]),
    ("an event type name the output contract does not know", "events/milestone.toml",
     'type = "project_milestone"', 'type = "milestone"', ["milestone.toml", "type"]),
    ("an event rule file that does not say its type", "events/metric.toml",
     'type = "metric"', "", ["metric.toml", "type", "missing key"]),
    ("a pattern naming a list that does not exist", "events/meeting.toml",
     'visit = "{visit_verbs}"', 'visit = "{visit_verb}"',
     ["meeting.toml", "patterns.visit", "unknown fragment {visit_verb}"]),
    ("two fragments naming each other", "events/metric.toml",
     'change = "{rise|decline|share|level}(?!值|额|量|率|速|幅)"', 'change = "{loop}"\nloop = "{change}"',
     ["metric.toml", "fragments.loop", "fragment cycle loop -> change -> loop"]),
    ("a union with a name that is no word list", "events/enterprise_action.toml",
     "{object_verbs|pivot_verbs}", "{object_verbs|pivot}",
     ["enterprise_action.toml", "patterns.object_verbs", "'pivot' is no word list"]),
    ("a fragment that breaks the patterns using it", "events/milestone.toml",
     'cue_end = "(?:约|为|达|近)?$"', 'cue_end = "(?:约|为|达|近?$"',
     ["milestone.toml", "patterns.area_cue", "bad pattern"]),
    ("an empty word in a list", "events/agreement.toml",
     '"签下", ', '"", ', ["agreement.toml", "verbs", "empty word"]),
]


@pytest.mark.parametrize("case,name,old,new,named", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_copy_fails_naming_file_and_key(tmp_path: Path, case, name, old, new, named):
    text = (RULES / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{case}: the edit must hit exactly one place in {name}"
    broken = tmp_path / Path(name).name
    broken.write_text(text.replace(old, new), encoding="utf-8")
    read_table(RULES / name, name)  # the real file is fine
    with pytest.raises(RuleError) as err:
        read_table(broken, name)
    for word in named:
        assert word in str(err.value), f"{case}: {word!r} not in {err.value}"


def test_a_file_without_a_schema_is_refused(tmp_path: Path):
    extra = tmp_path / "extra.toml"
    extra.write_text("words = []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="no schema"):
        read_table(extra, "events/extra.toml")


def test_broken_toml_names_the_file(tmp_path: Path):
    bad = tmp_path / "agreement.toml"
    bad.write_text('verbs = ["签约"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="agreement.toml"):
        read_table(bad, "events/agreement.toml")


# the named sets of the one numeral table, as the grammars get them (worked out by hand from
# rules/values/numerals.toml)
NUMERAL_CLASSES = [
    ("months and days", "one_to_nine", "", "[一二三四五六七八九]"),
    ("organizations in a list", "to_hundreds", "0-9几多余", "[一二三四五六七八九十两百0-9几多余]"),
]


@pytest.mark.parametrize("case,name,extra,expected", NUMERAL_CLASSES, ids=[c[0] for c in NUMERAL_CLASSES])
def test_numeral_class(case, name, extra, expected):
    assert numeral_class(name, extra) == expected


def test_an_unknown_numeral_class_names_file_and_key():
    with pytest.raises(RuleError, match=r"numerals.toml: classes.one_to_eleven"):
        numeral_class("one_to_eleven")


def test_the_event_lexicon_is_keyed_by_the_contract_type_names():
    assert list(lexicon().types) == list(EVENT_TYPES)
    assert lexicon()["project_milestone"].name == "milestone"


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of the rule set, read through NEWS_RULES_DIR with the loaders' caches emptied
    before and after (the real rule set is cached again on next use)."""
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    monkeypatch.setenv("NEWS_RULES_DIR", str(copy))
    caches = (rules_dir, load_table, load_lexicon, lexicon, shared_fragments, numbers.numerals,
              numbers.patterns, dates._rules)
    for cache in caches:
        cache.cache_clear()
    yield copy
    for cache in caches:
        cache.cache_clear()


def test_two_rule_files_of_one_event_type_fail(rules_copy):
    text = (rules_copy / "events/metric.toml").read_text(encoding="utf-8")
    (rules_copy / "events/metric.toml").write_text(
        text.replace('type = "metric"', 'type = "funding"'), encoding="utf-8")
    with pytest.raises(RuleError, match=r"metric.toml: type 'funding' also in funding.toml"):
        lexicon()


def test_an_event_type_without_rules_fails(rules_copy):
    (rules_copy / "events/agreement.toml").unlink()
    with pytest.raises(RuleError, match=r"no rule file for event types \['agreement'\]"):
        lexicon()


TABLE = {
    "verbs": ["签约", "签订", "签署协议"],
    "nouns": {"合同": 1, "协议": 2},
    "rules": {"tails": ["阶段"]},
    "guarded": {"近日": {"not_after": "最"}, "日前": {"not_before": "内"}},
    "chars": "最接",
    "fragments": {"verb_end": "{verbs}了?", "twice": "{verb_end}{verb_end}"},
}
SHARED = {"one_to_nine": "[一二三四五六七八九]"}
# (case, pattern, its expansion) — worked out by hand from TABLE and SHARED: longest first, then
# by code point (协 U+534F < 合 U+5408 < 签 U+7B7E; 约 U+7EA6 < 订 U+8BA2)
FRAGMENTS = [
    ("a word list, longest first", "{verbs}", "(?:签署协议|签约|签订)"),
    ("a table stands for its keys", "{nouns}", "(?:协议|合同)"),
    ("a dotted key", "{rules.tails}$", "(?:阶段)$"),
    ("a union of lists", "{verbs|nouns}", "(?:签署协议|协议|合同|签约|签订)"),
    ("words with their guards (日 U+65E5 < 近 U+8FD1)", "{guarded}", "(?:日前(?![内])|(?<![最])近日)"),
    ("not right after any word, in list order", "{!verbs}年", "(?<!签约)(?<!签订)(?<!签署协议)年"),
    ("a string of characters is a class", "(?<!{chars})", "(?<![最接])"),
    ("a shared numeral set", "第{one_to_nine}季度", "第[一二三四五六七八九]季度"),
    ("a fragment naming a fragment", "{twice}", "(?:签署协议|签约|签订)了?(?:签署协议|签约|签订)了?"),
    ("quantifiers and properties are left alone", r"\p{Han}{2,4}\{verbs}", r"\p{Han}{2,4}\{verbs}"),
]


@pytest.mark.parametrize("case,pattern,expected", FRAGMENTS, ids=[f[0] for f in FRAGMENTS])
def test_fragments_expand(case, pattern, expected):
    table = {**TABLE, "patterns": {"p": pattern}, "words_re": pattern}
    out = expand_fragments(table, "test.toml", SHARED)
    assert out["patterns"]["p"] == expected
    assert out["words_re"] == expected
    assert out["verbs"] == TABLE["verbs"]  # word lists are not patterns


def test_a_fragment_naming_itself_fails():
    table = {"fragments": {"a": "x{a}"}, "patterns": {"p": "{a}"}}
    with pytest.raises(RuleError, match=r"test.toml: fragments.a: fragment cycle a -> a"):
        expand_fragments(table, "test.toml", {})


def test_the_amount_grammar_names_file_and_piece_of_an_unknown_name(rules_copy):
    path = rules_copy / "values/amounts.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("(?P<unit>{currency})") == 1
    path.write_text(text.replace("(?P<unit>{currency})", "(?P<unit>{curency})"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"values/amounts.toml: grammar.money: unknown fragment \{curency\}"):
        numbers.patterns()


def test_a_broken_date_grammar_names_file_and_key(rules_copy):
    path = rules_copy / "values/dates.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count('date = "{iso}|') == 1
    path.write_text(text.replace('date = "{iso}|', 'date = "({iso}|'), encoding="utf-8")
    with pytest.raises(RuleError, match=r"values/dates.toml \[patterns.date\]: bad pattern"):
        dates._rules()
