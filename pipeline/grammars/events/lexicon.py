"""The event rules of ``rules/events/*.toml``, loaded and compiled once per process.

Each file but ``common.toml`` holds the rules of one event type and says which (``type =
"project_milestone"``, a name of :data:`pipeline.schema.EVENT_TYPES`, the one list of event type
names); the lexicon is keyed by that name. Every word list becomes a regex alternation (longest
first); every ``*_re`` key is compiled with :func:`pipeline.core.rules.compile_pattern`, so a
broken rule fails at load and names its file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ...core.rules import RuleError, alternation, compile_pattern, load_table, rules_dir
from ...schema import EVENT_TYPES


class Table:
    """One TOML table with helpers: ``t.words(key)``, ``t.alt(key)``, ``t.re(key)``."""

    def __init__(self, name: str, data: dict[str, Any]):
        self.name = name
        self.data = data
        self._cache: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def words(self, key: str) -> tuple[str, ...]:
        value = self.get(key)
        if value is None:
            raise RuleError(f"rules/events/{self.name}.toml: missing key {key!r}")
        if isinstance(value, dict):
            value = list(value)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise RuleError(f"rules/events/{self.name}.toml: {key!r} must be a list of words")
        return tuple(value)

    def wordset(self, key: str) -> frozenset[str]:
        return frozenset(self.words(key))

    def alt(self, key: str) -> str:
        """A regex alternation of the words under ``key`` (longest first)."""
        if ("alt", key) not in self._cache:
            self._cache[("alt", key)] = alternation(self.words(key))
        return self._cache[("alt", key)]

    def re(self, key: str) -> regex.Pattern:
        if ("re", key) not in self._cache:
            pattern = self.get(key)
            if not isinstance(pattern, str):
                raise RuleError(f"rules/events/{self.name}.toml: {key!r} must be a pattern string")
            self._cache[("re", key)] = compile_pattern(pattern, f"rules/events/{self.name}.toml:{key}")
        return self._cache[("re", key)]

    def pattern(self, name: str) -> regex.Pattern:
        """The compiled ``[patterns]`` entry ``name`` (its fragments expanded at load)."""
        return self.re(f"patterns.{name}")

    def compile(self, pattern: str, key: str) -> regex.Pattern:
        """Compile a pattern built in code from this table's words (cached under ``key``)."""
        if ("c", key) not in self._cache:
            self._cache[("c", key)] = compile_pattern(pattern, f"rules/events/{self.name}.toml:{key}")
        return self._cache[("c", key)]


@dataclass
class Lexicon:
    common: Table
    types: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.types[name]


@functools.cache
def lexicon(directory: Path | None = None) -> Lexicon:
    """``events/common.toml`` and one table per event type, keyed by the type's name, from the
    rules directory ``directory`` (``None``: the shipped one).

    Every type of the output contract has exactly one rule file; a file for a second copy of a
    type, or a type without a file, fails here.
    """
    common = Table("common", load_table("events/common.toml", directory))
    by_type: dict[str, Table] = {}
    for path in sorted(((directory or rules_dir()) / "events").glob("*.toml")):
        if path.stem == "common":
            continue
        table = Table(path.stem, load_table(f"events/{path.name}", directory))
        etype = table.get("type")
        if etype in by_type:
            raise RuleError(f"rules/events/{path.name}: type {etype!r} also in {by_type[etype].name}.toml")
        by_type[etype] = table
    missing = [t for t in EVENT_TYPES if t not in by_type]
    if missing:
        raise RuleError(f"rules/events: no rule file for event types {missing}")
    return Lexicon(common, {t: by_type[t] for t in EVENT_TYPES})


class Compiled:
    """All compiled patterns and word sets of the extractor (built once, see :func:`compiled`).

    The patterns are the ``[patterns]`` of each rule file (``t.pattern(name)``), written there
    with the file's word lists as fragments; only patterns made from a table's shape (the
    stages, the roles, the clause marks) are joined here.
    """

    def __init__(self, lex: Lexicon):
        c = lex.common
        self.clause_marks = "".join(c.words("clause_marks"))
        cm = regex.escape(self.clause_marks)
        self.clause_split = c.compile(f"[{cm}]", "clause_marks")
        self.list_sep = c.pattern("list_separator")
        self.future = c.pattern("future")
        self.future_exceptions = c.pattern("future_exception")
        self.speech = c.compile(c.alt("speech_verbs") + f"[{cm}]", "speech_verbs")
        self.vague_iso = c.wordset("vague_iso")
        self.recurring = c.pattern("recurring")
        self.enumeration = c.pattern("enumeration")
        self.enumeration_first = c.pattern("enumeration_first")
        self.elaboration = c.pattern("elaboration")
        self.date_preps = c.wordset("date_prepositions")
        self.lead_date_max = int(c.get("lead_date_max_offset", 8))
        self.project_anaphor = c.pattern("project_anaphor")
        self.project_anaphor_start = c.pattern("project_anaphor_start")
        self.project_suffix = c.pattern("project_suffix")
        self.facility_suffix = c.pattern("facility_suffix")
        self.project_not_followed = c.pattern("project_not_followed")
        self.project_left_cut = c.pattern("project_left_cut")
        self.zone_suffix = c.pattern("zone_suffix")
        self.qualifier_before = dict(c.get("qualifier_before", {}))
        self.qualifier_after = {**c.get("qualifier_after_number", {}), **c.get("qualifier_after_unit", {})}
        self.count = c.pattern("count")
        self.length_factor = {k: float(v) for k, v in c.get("length_units", {}).items()}
        self.length = c.pattern("length")
        self.org_suffix_start = c.pattern("org_suffix_start")
        self.clause_openers = c.pattern("clause_openers")
        self.deictic_subject = c.pattern("deictic_subject")
        self.attendee_head = c.pattern("attendee_head")

        m = lex["meeting"]
        self.m_visit = m.pattern("visit")
        self.m_joint = m.pattern("joint")
        self.m_connectors = m.wordset("connectors")
        self.m_delegation = m.pattern("delegation")
        self.m_attend = m.pattern("attendance")
        self.m_attend_named = m.pattern("attend_named")
        self.m_subjectless = m.pattern("subjectless")
        self.m_visitor = m.pattern("visitor")
        self.m_company_person = m.pattern("company_person")
        self.m_topic = m.re("topic_re")
        self.m_guest_group = m.pattern("guest_group")

        i = lex["inspection"]
        self.i_object = i.pattern("object")
        self.i_arrival = i.pattern("arrival")
        self.i_not_followed = i.pattern("not_followed")
        self.i_not_preceded = i.pattern("not_preceded")
        self.i_site_strip = i.pattern("site_strip")
        self.i_no_subject = i.pattern("no_subject")
        self.i_joined_group = i.pattern("joined_group")
        self.i_place_preps = i.words("place_preps")
        self.i_accompany = i.pattern("accompany")
        self.i_companion_after = i.pattern("companion_after")
        self.i_joins_before = i.pattern("joins_before")
        self.i_site_list_after = i.pattern("site_list_after")
        self.i_group = i.pattern("group")
        self.i_retrigger_before = i.pattern("retrigger_before")
        self.i_body_object = i.pattern("body_object")
        self.i_directive = i.pattern("directive")
        self.i_body_not_site = i.pattern("body_not_site")
        self.i_visited_list = i.pattern("visited_list")
        self.i_place_at = i.pattern("place_at")

        f = lex["conference"]
        self.c_verbs = f.pattern("verbs")
        self.c_name_end = f.pattern("name_end")
        self.c_false_suffix = f.pattern("false_suffix")
        self.c_invite = f.re("invite_re")
        self.c_attend = f.pattern("attendance")
        self.c_person_organizer = f.pattern("person_organizer")
        self.c_core_verb = f.pattern("core_verb")
        self.c_organizer_by = f.pattern("organizer_by")
        self.c_guest_at = f.pattern("guest_at")
        self.c_main_venue = f.pattern("main_venue")
        self.c_floor_opening = f.pattern("floor_opening")
        self.c_floor_verbs = f.pattern("floor_verbs")
        self.c_floor_joint = f.pattern("floor_joint")
        self.c_branch_venues = f.pattern("branch_venues")
        self.c_speaker = f.pattern("speaker")
        self.c_body_host = f.pattern("body_host")
        self.c_arrival_place = f.pattern("arrival_place")

        a = lex["agreement"]
        self.a_verbs = a.pattern("verbs")
        self.a_document = a.pattern("document")
        self.a_weak = a.wordset("weak_verbs")
        self.a_nouns = a.pattern("nouns")
        self.a_not_before = a.pattern("not_signing_before")
        self.a_not_after = a.pattern("not_signing_after")
        self.a_counted_projects = a.pattern("counted_projects")
        self.a_connectors = a.wordset("connectors")
        self.a_both = a.pattern("both_sides")
        self.a_amount_cue = a.pattern("amount_cue")

        ms = lex["project_milestone"]
        self.stage_order = {s: k for k, s in enumerate(ms.words("stage_order"))}
        stages = ms.get("stages", {})
        self.stage_of: dict[str, str] = {}
        for stage, words in stages.items():
            if stage not in self.stage_order:
                raise RuleError(f"rules/events/{ms.name}.toml: unknown stage {stage!r}")
            for w in words:
                self.stage_of[w] = stage
        self.ms_trigger = ms.compile(alternation(self.stage_of), "stages")
        self.ms_weak = ms.wordset("rules.weak_triggers")
        self.ms_prefix = ms.pattern("stage_prefix")
        self.ms_followup = ms.pattern("followup")
        self.ms_glue = ms.pattern("chain_glue")
        self.ms_tail = ms.pattern("stage_tail")
        self.ms_project_list = ms.pattern("project_list")
        self.ms_not_objects = ms.pattern("completed_not_objects")
        self.ms_object_triggers = ms.wordset("rules.object_triggers")
        self.ms_clause_final = ms.wordset("rules.clause_final_triggers")
        self.ms_construction = ms.pattern("construction")
        self.ms_construction_end = ms.pattern("construction_end")
        self.ms_not_followed = ms.pattern("not_followed")
        self.ms_not_preceded = ms.pattern("not_preceded")
        self.ms_area_cue = ms.pattern("area_cue")
        self.ms_floor_cue = ms.pattern("floor_area_cue")
        self.ms_length_cue = ms.pattern("length_cue")
        self.ms_place_cue = ms.pattern("place_cue")
        self.ms_quantity_units = ms.wordset("rules.quantity_units")
        self.ms_invest_cue = ms.pattern("investment_cue")

        v = lex["investment"]
        self.inv_trigger = v.pattern("trigger")
        self.inv_gap = int(v.get("amount_gap", 6))
        self.inv_count_after = v.re("count_after_re")
        self.inv_count_before = v.re("count_before_re")
        self.inv_project_verbs = v.pattern("project_verbs")
        self.inv_org_trigger = v.pattern("org_trigger")
        self.inv_not_after = v.pattern("not_after")
        self.inv_owner_scope = v.pattern("owner_scope")

        fu = lex["funding"]
        self.f_verbs = fu.pattern("verbs")
        self.f_source_after = fu.pattern("source_after")
        self.f_source_before = fu.pattern("source_before")
        self.f_strip_prefix = fu.pattern("strip_prefix")
        self.f_strip_suffix = fu.pattern("strip_suffix")
        self.f_recipient_preps = fu.pattern("recipient")
        self.f_passive = fu.re("passive_re")
        self.f_allocation = fu.pattern("allocation")
        self.f_grantor = fu.re("grantor_re")

        r = lex["remediation"]
        self.r_triggers = r.wordset("triggers")
        self.r_role_of: dict[str, str] = {}
        for role, words in r.get("roles", {}).items():
            for w in words:
                self.r_role_of[w] = role
        self.r_verbs = r.compile(alternation(self.r_role_of), "roles")
        self.r_generic = r.wordset("rules.generic_objects")
        self.r_campaign_field = r.pattern("campaign_field")
        self.r_campaign_loose = r.pattern("campaign_loose")
        self.r_campaign = r.re("rules.campaign_re")
        self.r_inspect_object = r.re("rules.inspect_object_re")
        self.r_required = r.pattern("required")
        self.r_trigger = r.pattern("trigger")
        self.r_weak_trigger = r.pattern("weak_trigger")
        self.r_problem_count = r.pattern("problem_count")
        self.r_site_units = r.wordset("rules.site_units")

        e = lex["enterprise_action"]
        self.e_object_verbs = e.pattern("object_verbs")
        self.e_pivot = e.wordset("pivot_verbs")
        self.e_preps = e.wordset("object_preps")
        self.e_light = e.pattern("light")
        self.e_modifiers = e.pattern("modifiers")
        self.e_count = e.pattern("count")
        self.e_not_action = e.pattern("not_action")
        self.e_verb_words = e.wordset("object_verbs")

        mt = lex["metric"]
        self.mt_rise = mt.wordset("rise")
        self.mt_decline = mt.wordset("decline")
        self.mt_share = mt.wordset("share")
        self.mt_change = mt.pattern("change")
        self.mt_marker = mt.pattern("subject_end")
        self.mt_pref = {w: k for k, w in enumerate(mt.words("trigger_preference"))}
        self.mt_strip_prefix = mt.pattern("strip_prefix")
        self.mt_strip_suffix = mt.pattern("strip_suffix")
        self.mt_continuation = mt.pattern("continuation")
        self.mt_bad_subjects = mt.wordset("bad_subjects")
        self.mt_forecast = mt.pattern("forecast")
        self.mt_cause = mt.pattern("cause")
        self.mt_level_indicator = mt.pattern("level_indicator")
        self.mt_level_trigger = mt.pattern("level_trigger")
        self.mt_rate_change = mt.pattern("rate_change")
        self.mt_rate = mt.pattern("rate")
        self.mt_subject_max = int(mt.get("subject_max", 24))


@functools.cache
def compiled(directory: Path | None = None) -> Compiled:
    """Every pattern of ``events/`` in the rules directory ``directory`` (``None``: the shipped
    one), once per directory; the component builds it at load so a bad rule fails early."""
    return Compiled(lexicon(directory))
