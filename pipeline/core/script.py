"""Traditional-script pages: a simplified view of the same length to match rules and models on.

Our lexicons, rules and model know simplified Chinese. For a page in traditional script the
pipeline runs on a character-for-character simplified copy (OpenCC's ``t2s`` table, applied one
character at a time so that every offset stays the same) and reports spans from the original
text, so ``text[start:end]`` is the surface form while values use simplified names (OUTPUT.md).
"""

from __future__ import annotations

import collections
import functools

#: Share of Han characters that must change under t2s for a page to count as traditional.
TRADITIONAL_SHARE = 0.04


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def simplified_char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch  # keep offsets: only one-to-one replacements


def simplified_view(text: str) -> str | None:
    """A same-length simplified copy of ``text`` if it is written in traditional script, else None.

    >>> simplified_view("本報訊 縣委書記調研春耕生產")
    '本报讯 县委书记调研春耕生产'
    >>> simplified_view("本报讯 县委书记调研春耕生产") is None
    True
    """
    # count per distinct character (a page has ~1,000), not per character (~5,000)
    han = changed = 0
    table: dict[int, str] = {}
    for ch, n in collections.Counter(text).items():
        if "\u4e00" <= ch <= "\u9fff":
            han += n
            s = simplified_char(ch)
            if s != ch:
                changed += n
                table[ord(ch)] = s
    if han == 0 or changed / han < TRADITIONAL_SHARE:
        return None
    return text.translate(table)
