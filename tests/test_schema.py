"""The committed JSON Schema is generated from the pydantic models; regenerate and diff."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.schema import Entity, Event, json_schema_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "document.schema.json"


def test_committed_schema_matches_models():
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == json_schema_text(), (
        "schema/document.schema.json is stale: run `python cli.py schema > schema/document.schema.json`"
    )


def test_schema_names_every_contract_label():
    schema = json.loads(json_schema_text())
    labels = schema["$defs"]["Entity"]["properties"]["label"]["enum"]
    for label in ("PER", "ORG", "LOC", "DATE", "MONEY", "AREA", "PERCENT"):
        assert label in labels


ENTITY = dict(id="e1", text="908万元", start=10, end=15, raw_start=12, raw_end=17, source="rule")


def test_value_is_checked_against_label():
    money = Entity(label="MONEY", value={"amount": 9080000, "currency": "CNY"}, **ENTITY)
    assert money.value.amount == 9080000
    with pytest.raises(ValidationError):
        # an AREA value needs `original`; a MONEY-shaped value must not pass as AREA
        Entity(label="AREA", value={"amount": 9080000, "currency": "CNY"}, **ENTITY)


def test_entity_text_length_must_match_offsets():
    with pytest.raises(ValidationError):
        Entity(label="MONEY", **{**ENTITY, "end": 14})


def test_event_roles_are_checked_per_type():
    base = dict(id="v1", trigger={"text": "座谈", "start": 0, "end": 2}, sentence={"start": 0, "end": 9})
    Event(type="meeting", args={"host": []}, **base)
    with pytest.raises(ValidationError):
        Event(type="meeting", args={"found": []}, **base)
