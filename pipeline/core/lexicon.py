"""The lexicons the NER reads as features: jieba's dictionary, as names and as words.

jieba (MIT, a runtime dependency) ships ``jieba/dict.txt``: ~350 k words with a PKU-style tag.

- :class:`NameLexicon`: the ~110 k words tagged as places (``ns``), persons (``nr``, ``nrt``,
  ``nrfg``), organizations (``nt``) or other proper nouns (``nz``); on pd_ner.dev 73 % of the gold
  places, 49 % of the persons and 34 % of the organizations are such a word.
  :meth:`NameLexicon.char_codes` tells the model, for every character, where it sits (begin /
  middle / end) in the longest dictionary name of each category (``news.CharLexiconEmbed.v1``).
- :class:`WordLexicon`: all 337 k words of 2–8 characters with a word class (the four name
  classes, nouns, verbs, idioms, other). :meth:`WordLexicon.char_codes` gives every character the
  classes of the words that begin, continue and end there (SoftLexicon-style;
  ``news.SoftLexiconEmbed.v1``, the shipped model's embedding, reads both lexicons).

Each is read from the installed jieba once per process (:func:`name_lexicon`,
:func:`word_lexicon`), without importing jieba itself, and kept parsed in a cache file between
processes. The model was trained with the version in ``pyproject.toml``; another version changes
the features it sees (``LEXICON_VERSION`` is checked when a model loads).
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import os
import re
from pathlib import Path

import numpy

from ..errors import LexiconError  # re-exported: callers import it from here too
from .pairscan import PairIndex

#: jieba tags → category index (bit in the per-word mask; digit in the per-character code)
CATEGORIES: dict[str, int] = {"ns": 0, "nr": 1, "nrt": 1, "nrfg": 1, "nt": 2, "nz": 3}
N_CATEGORIES = 4
MIN_LEN, MAX_LEN = 2, 8
#: position of a character in a matched word, per category (0 = in no word of that category)
BEGIN, MIDDLE, END = 1, 2, 3
#: The lexicon the shipped model was trained with (jieba's dict.txt of this version).
LEXICON_VERSION = "jieba 0.42.1"


# stdlib re: 0.2 s over the 5 MB dictionary, the ``regex`` module takes six times longer here
_NAME_LINE = re.compile(r"^(\S+) \d+ (%s)\r?$" % "|".join(sorted(CATEGORIES, key=len, reverse=True)), re.M)


class NameLexicon:
    """Dictionary names by category, matched against a text all at once."""

    def __init__(self, words: dict[str, int], version: str = "", *,
                 longest: dict[str, int] | None = None):
        self.words = words  # word → bit mask of categories
        self.version = version
        # where a word may start; its ``longest`` (prefix → longest word) is what the cache keeps
        self._starts = PairIndex.of_words(words) if longest is None else PairIndex(longest)

    @classmethod
    def from_text(cls, text: str, version: str = "") -> "NameLexicon":
        """``word freq tag`` lines (jieba's dict.txt format); other tags are skipped."""
        words: dict[str, int] = {}
        for word, tag in _NAME_LINE.findall(text):
            if MIN_LEN <= len(word) <= MAX_LEN:
                words[word] = words.get(word, 0) | (1 << CATEGORIES[tag])
        return cls(words, version)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every dictionary name in ``text`` (overlapping): ``(start, end, category mask)``."""
        words = self.words
        out = []
        n = len(text)
        for i, top in self._starts.starts(text):
            for end in range(i + 2, min(n, i + top) + 1):
                mask = words.get(text[i:end])
                if mask:
                    out.append((i, end, mask))
        return out

    def char_codes(self, text: str) -> numpy.ndarray:
        """One code per character: Σₖ position-in-a-name-of-category-k × 4ᵏ (uint64).

        Where names of one category overlap, the longer one decides (北京市 over 北京)."""
        n = len(text)
        planes = [bytearray(n) for _ in range(N_CATEGORIES)]
        for start, end, mask in sorted(self.matches(text), key=lambda m: m[1] - m[0]):
            inner = bytes([MIDDLE]) * (end - start - 2)
            for k in range(N_CATEGORIES):
                if mask >> k & 1:
                    plane = planes[k]
                    plane[start] = BEGIN
                    plane[start + 1:end - 1] = inner
                    plane[end - 1] = END
        codes = numpy.zeros(n, dtype=numpy.uint64)
        for k, plane in enumerate(planes):
            codes += numpy.frombuffer(bytes(plane), dtype=numpy.uint8).astype(numpy.uint64) << numpy.uint64(2 * k)
        return codes


def jieba_dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise LexiconError("the NER's name lexicon needs the jieba package (pip install jieba==0.42.1)")
    return Path(spec.origin).parent / "dict.txt"


def jieba_version(path: Path) -> str:
    init = (path.parent / "__init__.py").read_text(encoding="utf-8", errors="replace")
    for line in init.splitlines():
        if line.startswith("__version__"):
            return "jieba " + line.split("=", 1)[1].strip().strip("'\"")
    return "jieba ?"


#: Bump when what ``NameLexicon.from_text`` keeps changes: the cache must not outlive it.
_CACHE_FORMAT = 1


def cache_dir() -> Path:
    """Where the parsed lexicon is kept between processes: ``$NEWSIE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/newsie``, else ``~/.cache/newsie``."""
    env = os.environ.get("NEWSIE_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsie"


def _cache_key(path: Path) -> str:
    st = path.stat()
    return f"{_CACHE_FORMAT}|{path}|{st.st_size}|{st.st_mtime_ns}"


@functools.cache
def name_lexicon() -> NameLexicon:
    """Built once per process from the installed jieba's dictionary. Parsing its 5 MB takes
    ~0.4 s, a sixth of the pipeline's load time, so (as jieba does with its own prefix
    dictionary) the result is kept in :func:`cache_dir` and reused while the dictionary file is
    unchanged; without a writable cache directory it is parsed every time."""
    path = jieba_dict_path()
    version = jieba_version(path)

    def parse() -> tuple:
        lexicon = NameLexicon.from_text(path.read_text(encoding="utf-8"), version=version)
        return lexicon.words, lexicon._starts.longest

    words, longest = cached_parts(path, "name_lexicon.marshal", parse, marshal.dumps, marshal.loads)
    return NameLexicon(words, version, longest=longest)


def cached_parts(source: Path, name: str, build, dumps, loads) -> tuple:
    """``build()``'s tuple, kept in :func:`cache_dir` / ``name`` as ``(key, *parts)`` and reused
    while ``source`` is the same file (its :func:`_cache_key`). An unreadable or stale cache is
    rebuilt; an unwritable cache directory only costs the rebuild next time."""
    key = _cache_key(source)
    cached = cache_dir() / name
    try:
        stored_key, *parts = loads(cached.read_bytes())
        if stored_key == key:
            return tuple(parts)
    except Exception:  # no cache yet, or an unreadable one (each format fails its own way): build
        pass
    parts = build()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(dumps((key, *parts)))
        os.replace(tmp, cached)  # atomic: a reader sees the old file or the new one
    except OSError:
        pass
    return parts

# ----------------------------------------------------------------------------- the word lexicon

#: jieba tags → word class of the word lexicon (SoftLexicon-style features): the four name
#: classes of :data:`CATEGORIES`, common nouns, verbs, idioms and set phrases, everything else.
WORD_CLASSES: dict[str, int] = {
    "ns": 0, "nr": 1, "nrt": 1, "nrfg": 1, "nt": 2, "nz": 3,
    "n": 4, "ng": 4, "vn": 4, "an": 4,
    "v": 5, "vd": 5, "vg": 5, "vi": 5, "vq": 5,
    "i": 6, "l": 6,
}
N_WORD_CLASSES = 8  # the last class: any other tag (adjectives, numerals, adverbs, times …)
#: longest word length the begin / end codes tell apart (longer words count as this long)
_LENGTH_CAP = 7

_WORD_LINE = re.compile(r"^(\S+) \d+ ([a-z]+)\r?$", re.M)


class WordLexicon:
    """Every word of jieba's dictionary (2–8 characters) with its word class, matched against a
    text all at once: for each character, which classes of words begin, continue and end there.

    This is the SoftLexicon idea (Ma et al. 2020, "Simplify the Usage of Lexicon in Chinese NER")
    with classes in place of word embeddings: a character model cannot see that 中国人民银行 is
    one dictionary word and 银行 ends it, or that 新华社 is a name; a lexicon match says so at
    every character the word covers, including the begin / end boundaries a name's span needs.

    Matching is an Aho–Corasick automaton (``pyahocorasick``, C): every occurrence of every word
    in one pass, 0.6 µs a character, where the pair-prefix loop of :class:`NameLexicon` took 1.3.
    """

    def __init__(self, automaton, version: str = "", words: dict[str, int] | None = None):
        self.automaton = automaton  # word → length × 16 + class
        self.version = version
        self.words = words  # word → class, kept when built from text (tests, inspection)

    @classmethod
    def from_text(cls, text: str, version: str = "") -> "WordLexicon":
        """``word freq tag`` lines (jieba's dict.txt format). A word listed twice keeps its last
        line's tag, as jieba's own loader does."""
        other = N_WORD_CLASSES - 1
        words: dict[str, int] = {}
        for word, tag in _WORD_LINE.findall(text):
            if MIN_LEN <= len(word) <= MAX_LEN:
                words[word] = WORD_CLASSES.get(tag, other)
        return cls(build_automaton(words), version, words)

    def matches(self, text: str) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Every dictionary word in ``text`` (overlapping): arrays of starts, ends and classes."""
        found = numpy.array(list(self.automaton.iter(text)), dtype=numpy.int64).reshape(-1, 2)
        ends = found[:, 0] + 1
        return ends - (found[:, 1] >> 4), ends, found[:, 1] & 15

    def char_codes(self, text: str, classes: bool = True) -> numpy.ndarray:
        """(n, 3) uint64, one row per character: the begin, middle and end code.

        With ``classes=False`` every word counts as one class (the codes say where words begin
        and end and how long they are, not what jieba tags them), and the middle code is how many
        words cover the character inside (at most 3).

        - begin: bit k set if a word of class k begins here, plus (bits 8–10) the length of the
          longest word that begins here (words of 7 or 8 characters count as 7);
        - middle: bit k set if a word of class k covers the character inside (not at an edge);
        - end: as begin, for words that end here (and the longest such word).
        """
        n = len(text)
        codes = numpy.zeros((n, 3), dtype=numpy.uint64)
        starts, ends, word_classes = self.matches(text)
        if not len(starts):
            return codes
        if not classes:
            word_classes = numpy.zeros_like(word_classes)
        lengths = ends - starts
        inner = lengths - 2
        n_inner = int(inner.sum())
        if n_inner:
            group_start = numpy.repeat(numpy.cumsum(inner) - inner, inner)
            positions = numpy.repeat(starts + 1, inner) + (numpy.arange(n_inner) - group_start)
            inner_classes = numpy.repeat(word_classes, inner)
        # one class at a time, so that a position listed twice gets the same bit twice (a fancy
        # assignment keeps one write per position; numpy's ufunc.at is several times slower)
        begin, middle, end_ = codes[:, 0], codes[:, 1], codes[:, 2]
        for k in numpy.unique(word_classes):
            bit = numpy.uint64(1) << numpy.uint64(k)
            mine = word_classes == k
            begin[starts[mine]] |= bit
            end_[ends[mine] - 1] |= bit
            if n_inner and classes:  # without classes the middle code is a count (below)
                middle[positions[inner_classes == k]] |= bit
        # the longest word at each begin / end: written shortest first, so the longest write of a
        # position is its last (numpy assigns repeated indices in order)
        order = numpy.argsort(lengths, kind="stable")
        capped = numpy.minimum(lengths[order], _LENGTH_CAP).astype(numpy.uint64) << numpy.uint64(N_WORD_CLASSES)
        longest = numpy.zeros(n, dtype=numpy.uint64)
        longest[starts[order]] = capped
        begin |= longest
        longest[:] = 0
        longest[ends[order] - 1] = capped
        end_ |= longest
        if not classes and n_inner:
            middle[:] = numpy.minimum(numpy.bincount(positions, minlength=n), 3).astype(numpy.uint64)
        return codes


def build_automaton(words: dict[str, int]):
    """The Aho–Corasick automaton of ``words`` (word → class), values ``length × 16 + class``."""
    try:
        import ahocorasick
    except ImportError as exc:  # a dependency of the package: only a broken install lands here
        raise LexiconError("the NER's word lexicon needs pyahocorasick (pip install pyahocorasick)") from exc
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for word, cls_ in words.items():
        automaton.add_word(word, len(word) << 4 | cls_)
    automaton.make_automaton()
    return automaton


@functools.cache
def word_lexicon() -> WordLexicon:
    """Built once per process from the installed jieba's dictionary. Building the automaton takes
    ~1.5 s, so it is kept pickled in :func:`cache_dir` (as :func:`name_lexicon` keeps its
    words) and reloaded in ~0.05 s while the dictionary file is unchanged."""
    import pickle

    path = jieba_dict_path()
    version = jieba_version(path)

    def build() -> tuple:
        return (WordLexicon.from_text(path.read_text(encoding="utf-8"), version=version).automaton,)

    (automaton,) = cached_parts(path, "word_lexicon.pickle", build,
                                lambda obj: pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads)
    return WordLexicon(automaton, version)
