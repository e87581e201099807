"""docs/FIELDS.md against the models it documents: a new field, label, event type or role
without its line in the doc fails here, and so does a line for one that no longer exists.

Everything expected is read from ``pipeline.schema`` (the models, ``EVENT_ROLES``, the Literal
types), never copied into this file; the doc's date examples are run through the date parser.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from pipeline import schema
from pipeline.core.dates import parse_date
from pipeline.schema import EVENT_ROLES, EVENT_TYPES, DocumentResult, ErrorRecord

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "FIELDS.md"
DOC = DOC_PATH.read_text(encoding="utf-8")

_HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)
_BACKTICKED = re.compile(r"`([^`]+)`")


def sections() -> list[tuple[int, str, str]]:
    """(level, heading, body up to the next heading of any level) for every heading."""
    heads = list(_HEADING.finditer(DOC))
    out = []
    for k, h in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(DOC)
        out.append((len(h.group(1)), h.group(2).strip(), DOC[h.end():end]))
    return out


def section(heading_has: str) -> str:
    found = [body for _, head, body in sections() if heading_has in head]
    assert len(found) == 1, f"FIELDS.md: {len(found)} headings contain {heading_has!r}"
    return found[0]


def first_table(body: str) -> list[list[str]]:
    """The first Markdown table of a section, as rows of cells (header and rule row dropped)."""
    rows, started = [], False
    for line in body.splitlines():
        if line.startswith("|"):
            started = True
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif started:
            break
    assert len(rows) >= 2, "section has no table"
    return rows[2:]


def first_column_names(body: str) -> set[str]:
    """Backticked names in the first cells of the first table (`start`, `end` gives both)."""
    return {name for row in first_table(body) for name in _BACKTICKED.findall(row[0])}


def row_of(body: str, field: str) -> str:
    rows = [row for row in first_table(body) if field in _BACKTICKED.findall(row[0])]
    assert len(rows) == 1, field
    return " | ".join(rows[0])


def _walk(annotation) -> typing.Iterator[object]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _walk(arg)


def documented_models() -> list[type[BaseModel]]:
    """Every model a line of output can contain, found by walking the field annotations from
    the two top-level records (so a new nested model is found without being listed here)."""
    seen: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [DocumentResult, ErrorRecord]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for field in model.model_fields.values():
            for t in _walk(field.annotation):
                if isinstance(t, type) and issubclass(t, BaseModel):
                    todo.append(t)
    return sorted(seen, key=lambda m: m.__name__)


def literal_values(annotation) -> list[str]:
    return [v for t in _walk(annotation) if typing.get_origin(t) is typing.Literal
            for v in typing.get_args(t)]


MODELS = documented_models()


def test_the_walk_finds_the_nested_models():
    # a check on the test itself: models reached only through unions and lists are found
    names = {m.__name__ for m in MODELS}
    assert {"Entity", "DateValue", "OriginalAmount", "Arg", "Trigger", "ErrorInfo"} <= names


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_model_field_has_its_row(model: type[BaseModel]):
    body = section(f"(`{model.__name__}`)")
    assert first_column_names(body) == set(model.model_fields), (
        f"FIELDS.md section for {model.__name__}: rows differ from the model's fields")


# fields whose Literal values are documented in a table of their own rather than in the row
_OWN_TABLE = {("Entity", "label"), ("Event", "type"), ("ErrorInfo", "type"), ("MoneyValue", "qualifier"),
              ("AreaValue", "qualifier"), ("PercentValue", "qualifier"), ("QuantityValue", "qualifier")}


@pytest.mark.parametrize("model, field", [
    (m, f) for m in MODELS for f, info in m.model_fields.items()
    if literal_values(info.annotation) and (m.__name__, f) not in _OWN_TABLE
], ids=lambda x: getattr(x, "__name__", x))
def test_every_fixed_value_is_named_in_its_row(model: type[BaseModel], field: str):
    row = row_of(section(f"(`{model.__name__}`)"), field)
    missing = [v for v in literal_values(model.model_fields[field].annotation)
               if v not in _BACKTICKED.findall(row)]
    assert not missing, f"{model.__name__}.{field}: {missing} not in its row of FIELDS.md"


def test_every_label_has_its_row():
    labels = literal_values(schema.Entity.model_fields["label"].annotation)
    assert first_column_names(section("Labels")) == set(labels)


def test_every_qualifier_has_its_row():
    qualifiers = literal_values(schema.MoneyValue.model_fields["qualifier"].annotation)
    assert first_column_names(section("Qualifiers and ranges")) == set(qualifiers)


def test_every_event_type_has_its_section_under_event_types():
    under, in_types = [], False
    for level, head, _ in sections():
        if head == "Event types":
            in_types, types_level = True, level
        elif in_types and level <= types_level:
            break
        elif in_types:
            under.append(head.strip("`"))
    assert under == list(EVENT_TYPES)


@pytest.mark.parametrize("etype", EVENT_TYPES)
def test_every_role_of_an_event_type_has_its_row(etype: str):
    assert first_column_names(section(f"`{etype}`")) == set(EVENT_ROLES[etype])


def test_every_stage_is_named():
    stages = typing.get_args(schema.Stage)
    row = row_of(section("`project_milestone`"), "stage")
    assert set(stages) <= set(_BACKTICKED.findall(row))


def test_every_error_kind_has_its_row():
    # ErrorInfo.type is the closed set of pipeline.errors.ErrorKind
    kinds = set(literal_values(schema.ErrorInfo.model_fields["type"].annotation))
    body = section("(`ErrorInfo`)")
    table = body[body.index("Kinds of failure"):]
    assert first_column_names(table) == kinds


def _date_examples() -> list[tuple[str, dt.date | None, str, bool]]:
    out = []
    for row in first_table(section("(`DateValue`)").split("Examples, with the anchor")[1]):
        expr, anchor, iso, approx = (c.strip("`") for c in row)
        out.append((expr, None if anchor == "—" else dt.date.fromisoformat(anchor), iso,
                    {"true": True, "false": False}[approx]))
    return out


DATE_EXAMPLES = _date_examples()


@pytest.mark.parametrize("expr, anchor, iso, approx", DATE_EXAMPLES,
                         ids=[f"{e}@{a}" for e, a, _, _ in DATE_EXAMPLES])
def test_date_examples_are_what_the_parser_gives(expr, anchor, iso, approx):
    assert parse_date(expr, anchor=anchor) == {"iso": iso, "approx": approx}


def test_every_iso_form_has_an_example():
    forms = first_column_names(section("(`DateValue`)").split("Forms of `iso`")[1])
    examples = {iso for _, _, iso, _ in DATE_EXAMPLES}
    # each vague value and each shape is shown by at least one parsed example
    for vague in ("PAST_REF", "PRESENT_REF"):
        assert vague in forms and vague in examples
    assert any("/" in e for e in examples) and any(e.startswith("XXXX") for e in examples)


def test_the_example_record_validates_and_its_offsets_hold():
    block = re.search(r"## Example record.*?```json\n(.*?)\n```", DOC, re.S)
    assert block, "FIELDS.md has no example record"
    result = DocumentResult.model_validate(json.loads(block.group(1)))
    text = result.text
    ids = {e.id for e in result.iter_entities()}
    assert ids and list(result.iter_events())
    for e in result.iter_entities():
        assert text[e.start:e.end] == e.text
    for v in result.iter_events():
        assert text[v.trigger.start:v.trigger.end] == v.trigger.text
        for args in v.args.values():
            for a in args:
                assert text[a.start:a.end] == a.text
                assert a.entity_id is None or a.entity_id in ids


def _anchor(heading: str) -> str:
    # GitHub's rule: lower case, punctuation other than - and _ dropped, spaces become -
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_internal_links_point_at_headings():
    anchors = {_anchor(head) for _, head, _ in sections()}
    links = re.findall(r"\]\(#([^)]+)\)", DOC)
    assert links
    assert [link for link in links if link not in anchors] == []


def test_linked_files_exist():
    for target in re.findall(r"\]\(\.\./([^)#]+)\)", DOC):
        assert (DOC_PATH.parent.parent / target).exists(), target
