"""Organizations, places and people found by grammar and lexicon: the name grammar.

``name_ruler`` proposes what :func:`find_names` finds (``doc._.candidates``); the resolver decides
against the statistical model (longest span first, then ``priority``; the model's is 3).

One pass per kind over the page, each a compiled alternation or the gazetteer scan:

1. **Places** from the gazetteer (:mod:`pipeline.core.places`): full division names anywhere
   (two-character ones like ``盂县`` only after a stop, so ``相应县级`` is no 应县); province and
   city short forms (``山西``, ``阳泉``) anywhere; county short forms (``太谷``) only when the
   article also names the full division; regions (``京津冀``, ``晋东``); cities abroad
   (``rules/places/abroad.txt``) at a priority below the model's, so a club (``利物浦``) stays ORG.
2. **Organizations** by suffix grammar (``rules/names/org.toml``): where the name begins is the
   hard part. The body runs back to the nearest *stop* (punctuation, a stop word from
   ``rules/names/stopwords.txt``, an earlier entity), is capped in length, and depending on the
   suffix must start at a place (zones: ``阳泉高新区``), attach to the place or organization right
   before it (``阳泉市生态环境局``, ``娲石集团党委``, ``上党区委``) or hold a proper-name part
   (companies: ``东方旭能(山东)科技发展有限公司``). Of a chain of divisions only the last joins
   an organization: ``长治市上党区委`` gives LOC ``长治市`` + ORG ``上党区委``.
3. **Places** by suffix grammar (``rules/places/loc.toml``): roads, bridges, parks, villages,
   industrial parks (``洪城北路``, ``207国道``, ``北山公园``, ``平坦垴村``).
4. **People** after a title (``rules/names/titles.toml``): ``区委书记张驰``, lists after one title
   (``班子成员侯剑虹、孙星鹏``), and every other mention of those names in the same article.
5. **Short forms** that only make sense beside a full name in the same article: bare zone words
   (``高新区`` where the article names ``阳泉高新区``) and clipped company names (``东方旭能``).
6. **Counted lists**: the items of ``昌鑫铸造、天雨消防、华海建材等5家企业`` are organizations
   (trade names without a suffix, which the suffix grammar cannot see).
7. **Known names**: two one-character countries before a relation word (``中印边界``), papers
   between title marks (``《费加罗报》``), and organisations known by a name no suffix marks
   (``rules/names/known_orgs.txt``: ``邯钢``, ``共同社``), the last below any longer span;
   bodies of China's centre (``rules/names/central_bodies.txt``: ``生态环境部``, with a
   department of their own after them, ``人社部人力资源流动管理司``), confident.

Offsets are characters of ``doc.text``; every candidate satisfies ``text[start:end] == text``.
"""

from __future__ import annotations

from ...core.records import ArticleInfo, Mention, article_bounds
from .known import central_bodies, country_pairs, known_orgs, mastheads, team_lists
from .locations import gazetteer_places, numbered_roads, repeated_waters, suffix_places
from .orgs import branded_companies, clipped_companies, enumerated_orgs, org_mentions, suffix_orgs
from .page import Page
from .people import people_after_titles
from .rules import Rules, clipped_forms, is_generic, is_generic_org, load_rules, rules

__all__ = ["Rules", "clipped_forms", "find_names", "is_generic", "is_generic_org", "load_rules", "rules"]


def find_names(text: str, articles: list[ArticleInfo] | None = None, r: Rules | None = None) -> list[Mention]:
    """All name candidates of a page (see the module docstring), by the name rules ``r``
    (default: the shipped rules)."""
    if not text:
        return []
    page = Page(text, r or rules())
    arts = article_bounds(articles, len(text))
    out: list[Mention] = []
    place_cands = gazetteer_places(page, arts)
    out.extend(place_cands)
    orgs = suffix_orgs(page)
    out.extend(org_mentions(page, orgs, arts))
    ends = sorted({m.end for m in place_cands} | {o.end for o in orgs if not o.generic})
    locs = suffix_places(page, ends)
    locs += repeated_waters(page, locs, arts)
    out.extend(numbered_roads(text))
    taken = [(m.start, m.end) for m in out + locs if m.priority >= 5]
    people = people_after_titles(page, arts, taken)
    named = {(m.start, m.end) for m in people}
    out.extend(m for m in locs if (m.start, m.end) not in named)  # 司长刘炳江: no river 炳江
    out.extend(people)
    out.extend(clipped_companies(page, orgs, arts))
    out.extend(enumerated_orgs(page))
    out.extend(branded_companies(page, arts))
    out.extend(country_pairs(text, page.rules))
    out.extend(mastheads(text, page.rules))
    out.extend(known_orgs(text, page.rules))
    out.extend(central_bodies(text, page.rules))
    out.extend(team_lists(page))
    return [m for m in out if text[m.start:m.end] == m.text and m.end > m.start]
