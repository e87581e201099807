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
