"""Score the pipeline against hand-made gold (``python cli.py evaluate``, issue #3).

    python cli.py evaluate GOLD_OR_DIR... [--json] [--fail-under KEY=VALUE ...] [--limit N]

Inputs
------
- a directory: every ``NAME.gold.json`` under it (recursively), each with its page;
- a ``NAME.gold.json`` file; a ``NAME.txt`` whose ``NAME.gold.json`` sits beside it;
- a ``.jsonl`` sentence file of ``{"text", "entities": [[start, end, label]]}`` lines
  (``shared/data/*.jsonl``), scored for NER only (``--limit N``: its first N sentences).

The page of a gold file is found, in this order, at ``NAME.txt`` beside the gold, at the gold's
``source`` relative to the gold's directory, and at ``source`` in a ``seeds`` directory next to the
gold's directory (``shared/spec/seed.gold.json`` → ``shared/seeds/000_….txt``). The page's raw bytes
go to :meth:`Extractor.extract` (it decodes; a gold's ``encoding`` names what it should find) with
the gold's ``pub_date`` (null: none given, as a caller would) and ``doc_id`` = NAME.

Scoring is pure: every ``score_*`` function takes gold and :class:`DocumentResult` objects and adds
counts to a :class:`collections.Counter`; :func:`figures` turns counts into the flat dotted figures
that ``--json`` prints and ``--fail-under`` reads. Nothing here imports spaCy; the pipeline is
built only when there is something to run.

Text keys
---------
Texts are compared by a key: full-width ASCII (U+FF01–U+FF5E) to half-width, all whitespace and
zero-width characters dropped. Gold is written in normalized text (``corpus/GUIDELINES.md`` §2);
the key also absorbs the residual differences (``，`` kept full-width by the normalizer, a
line break left inside a mention, a two-line headline joined with a space or not).

Entities (``entities.LABEL.{exact,overlap}.*``)
-----------------------------------------------
Pooled per page (article boundaries are scored separately, under ``articles``), on the seven
labels PER ORG LOC DATE MONEY AREA PERCENT; other labels (QUANTITY, TITLE) on either side are
ignored.

1. *Locating gold.* Gold has texts in raw reading order, seldom offsets. Each gold mention gets a
   span in ``result.text``: its ``start``/``end`` when the gold gives them; otherwise an occurrence
   of its key in the (keyed) text, walking the page in gold order: the first occurrence at or after
   the end of the previous gold mention that does not overlap a span already given to another gold
   mention (gold is not nested); failing that, the nearest such occurrence before it; failing that,
   any occurrence. Caption mentions (``part: caption``) are located the same way but do not move
   the walk, since the normalizer moves captions after their paragraph. A mention whose key does
   not occur is unlocated: it can still match exactly (by text), never by overlap.
2. *Exact match* (per label, one-to-one): same label and same text key. First pairs whose
   predicted span is the gold's located span, then the rest greedily in gold order, each gold
   taking the unpaired prediction of the same text nearest its located position (else the first).
3. *Overlap match*: the exact pairs, plus remaining gold and predicted mentions of the same label
   whose spans overlap, paired greedily by overlap length (longest first). So overlap ≥ exact.
4. *Counting.* A pair with a non-optional gold is a TP; a pair with an ``optional`` gold counts
   nothing; an unpaired non-optional gold is a FN, an unpaired optional one nothing; an unpaired
   prediction is a FP unless its span overlaps the located span of an optional gold mention of the
   same label (then it counts nothing).

Precision, recall, F1 per label, micro over all seven (``entities.all``) and over the four value
labels (``entities.value_labels``). F1 = 2TP/(2TP+FP+FN); a figure whose denominator is 0 is null.

Values (``values.LABEL.accuracy``)
----------------------------------
Over exact pairs of DATE/MONEY/AREA/PERCENT with a non-optional gold that has a value: the
fraction whose predicted value is equal — DATE: ``iso`` equal (``approx`` ignored); MONEY:
``amount`` within 0.5 % relative or 0.01 absolute, ``currency`` (default CNY) and ``qualifier``
equal; AREA: ``amount`` (m²) within the same tolerance, ``qualifier`` equal; PERCENT: ``amount``
within ±0.01 and ``points`` equal. Where the gold gives a range's ``min``, it must match too
(same tolerance). A missing predicted value is wrong.

Events (``events.TYPE.*``, ``events.all.*``)
--------------------------------------------
Pooled per page. A predicted event pairs with a gold event of the same type whose ``trigger``
has the same text key; when several could pair, the pairs sharing more arguments (below) win,
then reading order. Optional gold events count like optional entities: paired, nothing; unpaired,
no FN; an unpaired prediction of the same type and trigger as an optional gold event counts
nothing. A gold argument (role, text), non-optional, is *found* when the paired prediction has an
argument in the same role whose text key equals, contains or is contained in the gold's.
``arg_recall`` = found / gold arguments of paired events; ``arg_recall_all`` = found / gold
arguments of all non-optional gold events (those of missed events count as misses).
``date_accuracy``: paired events whose gold ``date`` is set with an equal predicted ``date``.

Articles (``articles.*``)
-------------------------
``count_accuracy``: pages whose predicted article count equals the gold's. Gold and predicted
articles are paired in order when the counts are equal; otherwise by an order-keeping alignment
that pairs equal titles first (then similar titles, then by position); unpaired gold articles are
wrong on every figure. ``title_accuracy`` (title keys equal, both null counts as equal),
``dateline_accuracy`` (agency key and date equal, or both datelines null), ``byline_accuracy``
(author key lists equal, in order) are fractions of gold articles.

NER sentence files (``ner.LABEL.*``)
------------------------------------
Labels map CLUENER ``name``→PER, ``company``/``organization``/``government``→ORG,
``address``/``scene``→LOC, PD ``PER``/``LOC``/``ORG`` as is; other labels are dropped. Each sentence
goes through :meth:`Extractor.extract_many` as its own document; predicted PER/ORG/LOC entities are
compared by exact (``raw_start``, ``raw_end``, label) — raw offsets point into the sentence as
given. A sentence the pipeline rejects counts its gold as misses.

Failures and exit status
------------------------
A page whose extraction raises is reported (stderr and the table) and scored against an empty
result, so all its gold items are misses. Exit 0 when all is well; 1 when a ``--fail-under``
figure is below its floor (each one listed; a null figure counts as below), a page failed
extraction, or a gold file was unusable (invalid, or its page not found); 2 for bad usage: a path
that does not exist or holds nothing to score, an unknown ``--fail-under`` key (checked before the
pipeline runs) or a value that is not a number.

``--fail-under`` keys are the dotted keys of ``--json`` (``entities.DATE.exact.f1``,
``entities.DATE.overlap.f1``, ``values.DATE.accuracy``, ``events.meeting.f1``,
``events.all.arg_recall``, ``articles.title_accuracy``, ``ner.PER.f1`` …) or short forms:
``DATE.f1`` = ``entities.DATE.exact.f1``, ``DATE.accuracy`` = ``values.DATE.accuracy``,
``p``/``r`` for precision/recall; a short form is tried under ``entities``, ``values``,
``events``, ``articles``, ``ner`` in that order. Values are fractions (``0.8``) or percents
(``80%``).
"""

from .command import Report, discover, evaluate, format_table, main
from .figures import UsageError, check_floors, figures, parse_floors, resolve_key
from .scoring import (
    align_articles,
    locate_gold,
    match_entities,
    match_events,
    score_articles,
    score_entities,
    score_events,
    score_page,
    text_key,
    value_equal,
)
from .sentences import Sentence, read_sentences, score_ner_file, score_ner_sentence

__all__ = [
    "Report", "Sentence", "UsageError", "align_articles", "check_floors", "discover", "evaluate",
    "figures", "format_table", "locate_gold", "main", "match_entities", "match_events",
    "parse_floors", "read_sentences", "resolve_key", "score_articles", "score_entities",
    "score_events", "score_ner_file", "score_ner_sentence", "score_page", "text_key", "value_equal",
]
