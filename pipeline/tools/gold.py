"""The shape of a hand-made gold file (``corpus/NAME.gold.json``, ``shared/spec/seed.gold.json``).

Gold lists entities by text in reading order; offsets are optional. ``optional`` marks items a
careful annotator might leave out (neither required nor wrong); ``part`` says where a mention sits.
Leaf module: imports only ``schema``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..schema import EVENT_ROLES, EntityLabel, EventType, Part


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldEntity(_Gold):
    label: EntityLabel
    text: str = Field(min_length=1)
    value: dict[str, Any] | None = None
    canonical: str | None = None
    part: Part | None = None
    optional: bool = False
    start: int | None = None
    end: int | None = None
    note: str | None = None


class GoldArg(_Gold):
    text: str = Field(min_length=1)
    value: Any = None
    optional: bool = False


class GoldEvent(_Gold):
    type: EventType
    trigger: str = Field(min_length=1)
    date: str | None = None
    args: dict[str, list[GoldArg]] = Field(default_factory=dict)
    optional: bool = False
    note: str | None = None

    @field_validator("args")
    @classmethod
    def _known_roles(cls, args: dict[str, list[GoldArg]], info) -> dict[str, list[GoldArg]]:
        etype = info.data.get("type")
        if etype is not None:
            unknown = [r for r in args if r not in EVENT_ROLES[etype]]
            if unknown:
                raise ValueError(f"{etype} has no role(s) {unknown}")
        return args


class GoldDateline(_Gold):
    agency: str | None = None
    date: str | None = None


class GoldArticle(_Gold):
    index: int
    title: str | None = None
    dateline: GoldDateline | None = None
    authors: list[str] = Field(default_factory=list)
    entities: list[GoldEntity] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)


class GoldPage(_Gold):
    source: str = Field(description="file name of the page the gold belongs to")
    pub_date: str | None = None
    year: int | None = Field(default=None, description="the year dates resolve to, for the annotator")
    encoding: str | None = Field(default=None, description="encoding of the .txt when not UTF-8")
    guidelines: list[str] = Field(default_factory=list)
    articles: list[GoldArticle]


def load_gold(path: str | Path) -> GoldPage:
    """Read and validate one gold file; a bad file raises naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return GoldPage.model_validate(data)
    except Exception as exc:  # noqa: BLE001 - re-raised with the file name
        raise ValueError(f"{path}: invalid gold file: {exc}") from exc
