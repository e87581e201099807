"""The ten event types, one module each, over the body sentences of each article.

Each type's reader (in the module named like its rule file in ``rules/events/``, shared pieces in
:mod:`.common`) reads one sentence (with the article around it through :class:`ArticleView`) and
appends :class:`EventRecord` s to ``art.events``. The words come from ``rules/events/*.toml``; what
stays here is the reading order: where the subject stands relative to the trigger, which
sentences may carry attendees, when two mentions are one happening.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.records import EventRecord
from .agreement import agreements
from .conference import conferences
from .context import ArticleView, PageView, Sent
from .enterprise_action import enterprise_actions
from .funding import fundings
from .inspection import inspections
from .investment import investments
from .meeting import meetings
from .metric import metrics
from .milestone import milestone_context, milestones
from .remediation import remediations

Extractor = Callable[[PageView, ArticleView, Sent], None]

#: Each event type's reader under the schema's type name (``pipeline.schema.EventType``), in the
#: order they run. Order matters: conferences before agreements and milestones (a 签约仪式 or
#: 开工活动 name is not itself an agreement or a milestone trigger).
READERS: dict[str, Extractor] = {
    "meeting": meetings,
    "inspection": inspections,
    "conference": conferences,
    "agreement": agreements,
    "project_milestone": milestones,
    "investment": investments,
    "funding": fundings,
    "remediation": remediations,
    "enterprise_action": enterprise_actions,
    "metric": metrics,
}
EXTRACTORS: tuple[Extractor, ...] = tuple(READERS.values())


def extract(v: PageView) -> list[EventRecord]:
    out: list[EventRecord] = []
    for art in v.articles:
        for sent in art.sents:
            v.note_projects(art, sent)
            for fn in EXTRACTORS:
                fn(v, art, sent)
        milestone_context(v, art)
        out.extend(sorted(art.events, key=lambda e: (e.trigger_start, e.type)))
    for ev in out:
        ev.args = {role: items for role, items in ev.args.items() if items}
    return out
