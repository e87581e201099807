"""The output contract (``shared/spec/OUTPUT.md``) as pydantic models.

These models are the single source of truth: ``cli.py schema`` prints the JSON Schema generated
from them and ``tests/test_schema.py`` regenerates ``schema/document.schema.json`` and fails when
the committed copy drifts.

Leaf module: imports nothing of ours but the error kinds (``pipeline.errors``, a leaf too).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import ErrorKind

SCHEMA_VERSION = "1.0"

EntityLabel = Literal["PER", "ORG", "LOC", "DATE", "MONEY", "AREA", "PERCENT", "QUANTITY", "TITLE"]
#: The seven labels the contract requires; QUANTITY and TITLE are our additions.
CORE_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "MONEY", "AREA", "PERCENT")
VALUE_LABELS: tuple[str, ...] = ("DATE", "MONEY", "AREA", "PERCENT")

EventType = Literal[
    "meeting",
    "inspection",
    "conference",
    "project_milestone",
    "investment",
    "funding",
    "remediation",
    "enterprise_action",
    "metric",
    "agreement",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

#: Roles each event type may carry (OUTPUT.md, "Event").
EVENT_ROLES: dict[str, tuple[str, ...]] = {
    "meeting": ("host", "guest", "attendee", "topic", "place"),
    "inspection": ("inspector", "site", "accompanying", "place"),
    "conference": ("name", "organizer", "participant", "place"),
    "project_milestone": (
        "project", "stage", "place", "area", "floor_area", "length", "investment", "quantity",
    ),
    "investment": ("org", "project_count", "amount", "scope", "period"),
    "funding": ("recipient", "amount", "source", "period"),
    "remediation": ("org", "found", "rectified", "closed", "scope", "period"),
    "enterprise_action": ("org", "action", "count", "target", "period"),
    "metric": ("subject", "value", "period"),
    "agreement": ("party", "project", "amount", "place"),
}

Stage = Literal[
    "planned", "started", "under_construction", "completed", "accepted", "delivered",
    "commissioning", "operational",
]
Qualifier = Literal["approx", "at_most", "at_least"]
Source = Literal["model", "rule", "lexicon"]
#: where a mention sits; "chrome" is a web page's navigation, 来源/责任编辑 lines, related-news lists
Part = Literal["title", "dateline", "caption", "byline", "chrome"]

_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- entity values


class PersonValue(_Model):
    """Titles as written, split at 、; ``org`` is the body or division the text names."""

    titles: list[str] = Field(default_factory=list)
    org: str | None = None


class PlaceValue(_Model):
    """Administrative divisions a place belongs to (standard simplified names)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None


class DateValue(_Model):
    """ISO/TIMEX-like value: ``2025-10-14``, ``2025-10``, ``2025``, ``2025-H1``, ``2025-Q3``,
    ``2025-FA`` (season), ``XXXX-10-14`` (year unknown), intervals ``A/B``, ``PAST_REF``,
    ``PRESENT_REF``, ``FUTURE_REF``."""

    iso: str
    approx: bool = False


class MoneyValue(_Model):
    amount: float
    currency: str = "CNY"
    qualifier: Qualifier | None = None
    min: float | None = Field(default=None, description="lower bound of a range (6-8亿元)")


class OriginalAmount(_Model):
    amount: float
    unit: str


class AreaValue(_Model):
    amount: float = Field(description="square metres")
    unit: Literal["m2"] = "m2"
    original: OriginalAmount
    qualifier: Qualifier | None = None
    min: float | None = None


class PercentValue(_Model):
    amount: float
    points: bool = Field(default=False, description="true for 个百分点 (a change in points)")
    qualifier: Qualifier | None = None
    min: float | None = None


class QuantityValue(_Model):
    amount: float
    unit: str
    qualifier: Qualifier | None = None
    min: float | None = None


EntityValue = Union[
    PersonValue, PlaceValue, DateValue, MoneyValue, AreaValue, PercentValue, QuantityValue
]

_VALUE_TYPE_BY_LABEL: dict[str, type[BaseModel]] = {
    "PER": PersonValue,
    "LOC": PlaceValue,
    "DATE": DateValue,
    "MONEY": MoneyValue,
    "AREA": AreaValue,
    "PERCENT": PercentValue,
    "QUANTITY": QuantityValue,
}


class Entity(_Model):
    id: str
    label: EntityLabel
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    raw_start: int = Field(ge=0, description="offset of the mention in the decoded input")
    raw_end: int = Field(ge=0)
    value: EntityValue | None = None
    canonical: str | None = None
    source: Source
    part: Part | None = Field(default=None, description="title, dateline, caption, byline or chrome; null in body text")

    @model_validator(mode="before")
    @classmethod
    def _value_for_label(cls, data: Any) -> Any:
        # A plain Union would let {"amount": 1} validate as the wrong model; pick by label.
        if isinstance(data, dict) and isinstance(data.get("value"), dict):
            model = _VALUE_TYPE_BY_LABEL.get(data.get("label", ""))
            if model is None:
                raise ValueError(f"label {data.get('label')!r} carries no value")
            data = {**data, "value": model.model_validate(data["value"])}
        return data

    @model_validator(mode="after")
    def _offsets(self) -> "Entity":
        if self.end <= self.start or self.raw_end <= self.raw_start:
            raise ValueError("empty or inverted span")
        if len(self.text) != self.end - self.start:
            raise ValueError("text length does not match offsets")
        return self


# --------------------------------------------------------------------------- events


class Trigger(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Offsets(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Arg(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    entity_id: str | None = None
    value: Any = Field(
        default=None,
        description="stage name, integer count, {amount, unit[, qualifier]}, a DATE iso, "
        "{count} for participant groups, or an entity value",
    )


class Event(_Model):
    id: str
    type: EventType
    trigger: Trigger
    date: str | None = None
    sentence: Offsets
    args: dict[str, list[Arg]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _roles(self) -> "Event":
        allowed = EVENT_ROLES[self.type]
        unknown = [r for r in self.args if r not in allowed]
        if unknown:
            raise ValueError(f"{self.type} has no role(s) {unknown}")
        return self


# --------------------------------------------------------------------------- page


class Dateline(_Model):
    agency: str | None = None
    date: str | None = Field(default=None, description="ISO date resolved from the dateline")
    text: str = Field(description="the dateline as written, e.g. 科学导报讯 10月14日")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(_Model):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    title: str | None = None
    dateline: Dateline | None = None
    authors: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class DocumentResult(_Model):
    doc_id: str
    source: str | None = Field(default=None, description="file or stream the document came from")
    input: dict[str, Any] | None = Field(
        default=None, description="how the text was obtained from an HTML or PDF file (reader, version, …); "
                                  "null for plain text")
    pub_date: Annotated[str, Field(pattern=_ISO_DATE)] | None = None
    pub_date_source: Literal["given", "masthead", "path", "inferred"] | None = None
    text: str
    articles: list[Article] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def iter_entities(self):
        for article in self.articles:
            yield from article.entities

    def iter_events(self):
        for article in self.articles:
            yield from article.events


class ErrorInfo(_Model):
    type: ErrorKind = Field(description="what went wrong: the kind of pipeline.errors.ExtractionError")
    message: str


class ErrorRecord(_Model):
    """Written in place of a DocumentResult when a document cannot be read or processed."""

    doc_id: str
    error: ErrorInfo
    source: str | None = Field(default=None, description="file or stream the document came from")
    schema_version: str = SCHEMA_VERSION


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one output line (a DocumentResult or an ErrorRecord)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Union[DocumentResult, ErrorRecord]).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Chinese news extraction output, schema {SCHEMA_VERSION}"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
