"""The name lexicon the NER reads (``pipeline/core/lexicon.py``): parsing jieba's dictionary format,
matching, and the per-character codes. Cases written by hand; codes worked out on paper."""

from __future__ import annotations

import numpy
import pytest

from pipeline.core.lexicon import BEGIN, END, MIDDLE, LEXICON_VERSION, NameLexicon, name_lexicon

# jieba dict.txt format: word, frequency, tag; only name tags are kept, one-character words not
DICT = """\
北京 34488 ns
北京市 1234 ns
李鹏 1025 nr
国务院 2130 nt
长江 1400 ns
长江 10 nz
京 100 ns
总理 5000 n
红旗 3 nz
"""


@pytest.fixture(scope="module")
def lex():
    return NameLexicon.from_text(DICT, version="test")


def planes(codes):
    """codes → per character (ns, nr, nt, nz) positions."""
    return [tuple(int(c) >> (2 * k) & 3 for k in range(4)) for c in codes]


def test_only_name_tags_of_two_or_more_characters_are_kept(lex):
    assert set(lex.words) == {"北京", "北京市", "李鹏", "国务院", "长江", "红旗"}
    assert lex.words["长江"] == 0b1001  # ns and nz


def test_matches_overlap(lex):
    assert lex.matches("北京市长江") == [(0, 2, 1), (0, 3, 1), (3, 5, 0b1001)]


CODE_CASES = [
    ("person and organization", "国务院总理李鹏",
     [(0, 0, BEGIN, 0), (0, 0, MIDDLE, 0), (0, 0, END, 0), (0, 0, 0, 0), (0, 0, 0, 0),
      (0, BEGIN, 0, 0), (0, END, 0, 0)]),
    # the longer place wins where two places overlap: 北京市, not 北京 + 市
    ("longer name wins", "北京市", [(BEGIN, 0, 0, 0), (MIDDLE, 0, 0, 0), (END, 0, 0, 0)]),
    ("two categories at once", "长江", [(BEGIN, 0, 0, BEGIN), (END, 0, 0, END)]),
    ("nothing", "总理说", [(0, 0, 0, 0)] * 3),
    ("empty", "", []),
]


@pytest.mark.parametrize("name,text,expected", CODE_CASES, ids=[c[0] for c in CODE_CASES])
def test_char_codes(lex, name, text, expected):
    codes = lex.char_codes(text)
    assert codes.dtype == numpy.uint64 and len(codes) == len(text)
    assert planes(codes) == expected


def test_the_installed_jieba_is_the_lexicon_the_model_was_trained_with():
    lex = name_lexicon()
    assert lex.version == LEXICON_VERSION
    # well-known names of each category are in it
    assert lex.words["北京"] & 1 and lex.words["国务院"] & 4
    assert name_lexicon() is lex  # built once per process


def test_parsed_lexicon_is_cached_between_processes_and_checked(tmp_path, monkeypatch):
    import marshal

    from pipeline.core import lexicon

    monkeypatch.setenv("NEWSIE_CACHE_DIR", str(tmp_path))
    lexicon.name_lexicon.cache_clear()
    try:
        parsed = lexicon.name_lexicon()
        cache = tmp_path / "name_lexicon.marshal"
        key, words, _ = marshal.loads(cache.read_bytes())
        assert key == lexicon._cache_key(lexicon.jieba_dict_path()) and words == parsed.words
        # a cache for another dictionary file (its key differs) is not used: parsed again
        cache.write_bytes(marshal.dumps(("stale", {"假名": 1}, {"假名": 2})))
        lexicon.name_lexicon.cache_clear()
        assert lexicon.name_lexicon().words == parsed.words
        # a cache that fits is used as it is
        cache.write_bytes(marshal.dumps((key, {"假名": 1}, {"假名": 2})))
        lexicon.name_lexicon.cache_clear()
        assert lexicon.name_lexicon().words == {"假名": 1}
        # garbage in the cache file: parsed again, no error
        cache.write_bytes(b"not marshal")
        lexicon.name_lexicon.cache_clear()
        assert lexicon.name_lexicon().words == parsed.words
    finally:
        lexicon.name_lexicon.cache_clear()


def test_without_a_writable_cache_the_lexicon_is_still_built(tmp_path, monkeypatch):
    from pipeline.core import lexicon

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSIE_CACHE_DIR", str(blocker / "sub"))  # a directory under a file
    lexicon.name_lexicon.cache_clear()
    try:
        assert len(lexicon.name_lexicon().words) > 100_000
    finally:
        lexicon.name_lexicon.cache_clear()


# ----------------------------------------------------------------------------- the word lexicon
# (SoftLexicon-style features of news.SoftLexiconEmbed.v1): every word of 2–8 characters, with
# a class; per character the classes of the words that begin / continue / end there, and the
# length of the longest word beginning / ending there in bits 8–10 of the begin / end code.

from pipeline.core.lexicon import N_WORD_CLASSES, WORD_CLASSES, WordLexicon, word_lexicon  # noqa: E402

NS, NR, NT, N, V = (1 << WORD_CLASSES[t] for t in ("ns", "nr", "nt", "n", "v"))
OTHER = 1 << (N_WORD_CLASSES - 1)


@pytest.fixture(scope="module")
def words():
    return WordLexicon.from_text(DICT + "人民 9000 n\n人民银行 300 nt\n中国人民银行 200 nt\n银行 8000 n\n"
                                        "会见 4000 v\n十分 500 d\n", version="test")


def length(n):
    return n << N_WORD_CLASSES


def test_every_tag_is_kept_with_its_class_and_one_character_words_are_not(words):
    assert words.words["北京"] == WORD_CLASSES["ns"]
    assert words.words["会见"] == WORD_CLASSES["v"]
    assert words.words["十分"] == N_WORD_CLASSES - 1  # d: no class of its own
    assert "京" not in words.words
    # a word listed twice (长江 ns, 长江 nz) keeps its last line, as jieba's own loader does
    assert words.words["长江"] == WORD_CLASSES["nz"]


WORD_CODE_CASES = [
    # 中国人民银行: the long organisation, 人民银行 inside it, 人民 and 银行 inside that
    ("nested words", "中国人民银行",
     [(NT | length(6), 0, 0),
      (0, NT, 0),
      (NT | N | length(4), NT, 0),
      (0, NT, N | length(2)),   # 民: inside 中国人民银行 and 人民银行, end of 人民
      (N | length(2), NT, 0),
      (0, 0, NT | N | length(6))]),
    ("verb then person", "会见李鹏",
     [(V | length(2), 0, 0), (0, 0, V | length(2)), (NR | length(2), 0, 0), (0, 0, NR | length(2))]),
    ("other class", "十分", [(OTHER | length(2), 0, 0), (0, 0, OTHER | length(2))]),
    ("nothing", "的了", [(0, 0, 0)] * 2),
    ("empty", "", []),
]


@pytest.mark.parametrize("name,text,expected", WORD_CODE_CASES, ids=[c[0] for c in WORD_CODE_CASES])
def test_word_codes(words, name, text, expected):
    codes = words.char_codes(text)
    assert codes.dtype == numpy.uint64 and codes.shape == (len(text), 3)
    assert [tuple(int(x) for x in row) for row in codes] == expected


def test_words_longer_than_the_cap_count_as_the_cap():
    lex = WordLexicon.from_text("中华人民共和国 100 ns\n", version="test")  # 7 characters
    assert int(lex.char_codes("中华人民共和国")[0, 0]) == NS | length(7)
    lex = WordLexicon.from_text("全国人民代表大会 100 nt\n", version="test")  # 8 characters
    assert int(lex.char_codes("全国人民代表大会")[0, 0]) >> N_WORD_CLASSES == 7


def test_the_installed_word_lexicon_is_built_once_with_the_whole_dictionary():
    lex = word_lexicon()
    assert lex.version == LEXICON_VERSION
    assert len(lex.automaton) > 300_000  # jieba 0.42.1: 336,927 words of 2–8 characters
    # the automaton's value: length × 16 + class
    assert lex.automaton.get("国务院") == 3 << 4 | WORD_CLASSES["nt"]
    assert lex.automaton.get("银行") == 2 << 4 | WORD_CLASSES["n"]
    assert word_lexicon() is lex


def test_without_classes_the_codes_say_where_words_are_and_how_many_cover_a_character(words):
    # 中国人民银行 (6), 人民银行 (4), 人民, 银行: class bits all 1 (one class); middle = covering count
    one = 1
    assert [tuple(int(x) for x in row) for row in words.char_codes("中国人民银行", classes=False)] == [
        (one | length(6), 0, 0),
        (0, 1, 0),
        (one | length(4), 1, 0),      # 人: inside 中国人民银行, begins 人民银行 and 人民
        (0, 2, one | length(2)),      # 民: inside both long words, ends 人民
        (one | length(2), 2, 0),      # 银: inside both long words, begins 银行
        (0, 0, one | length(6))]
