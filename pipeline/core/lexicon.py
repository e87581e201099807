"""The name lexicon the NER reads as a feature: words jieba's dictionary tags as names.

jieba (MIT, a runtime dependency) ships ``jieba/dict.txt``: ~350 k words with a PKU-style tag.
About 110 k of them are tagged as places (``ns``), persons (``nr``, ``nrt``, ``nrfg``),
organizations (``nt``) or other proper nouns (``nz``); on pd_ner.dev 73 % of the gold places,
49 % of the persons and 34 % of the organizations are such a word. A character-level NER cannot
know a word list; :meth:`NameLexicon.char_codes` tells it, for every character, where it sits
(begin / middle / end) in a dictionary name of each category, and the model learns how far to
trust that (``news.CharLexiconEmbed.v1`` in ``pipeline/language/components/entity_tagger.py``).

The lexicon is read from the installed jieba once per process (:func:`name_lexicon`), without
importing jieba itself, and kept parsed in a cache file between processes. The model was trained with the version in ``pyproject.toml``; another
version changes the features it sees (``LEXICON_VERSION`` is checked when a model loads).
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
    key = _cache_key(path)
    cached = cache_dir() / "name_lexicon.marshal"
    try:
        stored_key, words, longest = marshal.loads(cached.read_bytes())
        if stored_key == key:
            return NameLexicon(words, version, longest=longest)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or an unreadable one: parse
    lexicon = NameLexicon.from_text(path.read_text(encoding="utf-8"), version=version)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((key, lexicon.words, lexicon._starts.longest)))
        os.replace(tmp, cached)  # atomic: a reader sees the old file or the new one
    except OSError:
        pass
    return lexicon
