"""The event rules of ``rules/events/*.toml``, loaded and compiled once per process.

Each file but ``common.toml`` holds the rules of one event type and says which (``type =
"project_milestone"``, a name of :data:`pipeline.schema.EVENT_TYPES`, the one list of event type
names); the lexicon is keyed by that name. Every word list becomes a regex alternation (longest first); every ``*_re`` key is compiled with
:func:`pipeline.rules.compile_pattern`, so a broken rule fails at load and names its file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from ..rules import RuleError, alternation, compile_pattern, load_table, numeral_class, rules_dir
from ..schema import EVENT_TYPES


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
def lexicon() -> Lexicon:
    """``events/common.toml`` and one table per event type, keyed by the type's name.

    Every type of the output contract has exactly one rule file; a file for a second copy of a
    type, or a type without a file, fails here.
    """
    common = Table("common", load_table("events/common.toml"))
    by_type: dict[str, Table] = {}
    for path in sorted((rules_dir() / "events").glob("*.toml")):
        if path.stem == "common":
            continue
        table = Table(path.stem, load_table(f"events/{path.name}"))
        etype = table.get("type")
        if etype in by_type:
            raise RuleError(f"rules/events/{path.name}: type {etype!r} also in {by_type[etype].name}.toml")
        by_type[etype] = table
    missing = [t for t in EVENT_TYPES if t not in by_type]
    if missing:
        raise RuleError(f"rules/events: no rule file for event types {missing}")
    return Lexicon(common, {t: by_type[t] for t in EVENT_TYPES})


HAN = r"\p{Han}"
#: Characters a name (project, site, indicator) may contain.
NAME_CHARS = r"\p{Han}A-Za-z0-9“”‘’()（）·\-—《》+."


class Compiled:
    """All compiled patterns and word sets of the extractor (built once, see :func:`compiled`)."""

    def __init__(self, lex: Lexicon):
        c = lex.common
        # a count: Arabic, or up to six numeral characters (三十六, 一百零五) of the one table
        NUM = r"(?:[0-9]+(?:\.[0-9]+)?|" + numeral_class("counting") + "{1,6})"
        self.clause_marks = "".join(c.words("clause_marks"))
        cm = regex.escape(self.clause_marks)
        self.clause_split = c.compile(f"[{cm}]", "clause_marks")
        self.list_sep = c.compile(c.alt("list_separators"), "list_separators")
        fut = c.alt("future_markers")
        self.future = c.compile(fut, "future_markers")
        self.future_exceptions = c.compile(c.alt("future_exceptions"), "future_exceptions")
        self.speech = c.compile(c.alt("speech_verbs") + f"[{cm}]", "speech_verbs")
        self.vague_iso = c.wordset("vague_iso")
        self.recurring = c.compile(c.alt("recurring_markers"), "recurring_markers")
        self.enumeration = c.compile(c.alt("enumeration_starts"), "enumeration_starts")
        self.enumeration_first = c.compile(c.alt("enumeration_first"), "enumeration_first")
        self.elaboration = c.compile("(?:" + c.alt("elaboration_starts") + ")", "elaboration_starts")
        self.date_preps = c.wordset("date_prepositions")
        self.lead_date_max = int(c.get("lead_date_max_offset", 8))
        self.project_anaphor = c.compile(c.alt("project_anaphors") + "$", "project_anaphors")
        self.project_anaphor_start = c.compile(c.alt("project_anaphors"), "project_anaphors_start")
        self.project_suffix = c.compile(c.alt("project_suffixes"), "project_suffixes")
        self.facility_suffix = c.compile(c.alt("facility_suffixes"), "facility_suffixes")
        self.project_not_followed = c.compile(c.alt("project_not_followed_by"), "project_not_followed_by")
        self.project_left_cut = c.compile(c.alt("project_left_cuts"), "project_left_cuts")
        self.zone_suffix = c.compile("(?:" + c.alt("zone_suffixes") + ")$", "zone_suffixes")
        units = c.alt("count_units")
        qb = alternation(c.get("qualifier_before", {}))
        qa = alternation([k for k in c.get("qualifier_after", {}) if k in ("余", "多")])
        qa2 = alternation([k for k in c.get("qualifier_after", {}) if k not in ("余", "多")])
        self.qualifier_before = dict(c.get("qualifier_before", {}))
        self.qualifier_after = dict(c.get("qualifier_after", {}))
        self.count = c.compile(
            f"(?<![0-9.])(?P<qb>{qb})?(?P<num>{NUM})(?P<mult>万|亿)?(?P<qa>{qa})?(?P<unit>{units})(?P<qa2>{qa2})?",
            "count_units",
        )
        lengths = c.get("length_units", {})
        self.length_factor = {k: float(v) for k, v in lengths.items()}
        self.length = c.compile(
            f"(?<![0-9.])(?P<qb>{qb})?(?P<num>[0-9]+(?:\\.[0-9]+)?)(?P<mult>万)?(?P<qa>{qa})?"
            f"(?P<unit>{alternation(lengths)})(?P<qa2>{qa2})?",
            "length_units",
        )
        self.org_suffix_start = c.compile(
            f"^(?P<o>[{HAN}]{{2,10}}?(?:" + alternation([w for w in c.words("org_suffixes") if len(w) > 1 or w in "部局委办厅署"]) + f"))(?=[{HAN}])",
            "org_suffixes",
        )
        self.clause_openers = c.compile("(?:" + c.alt("clause_openers") + ")+", "clause_openers")
        self.attendee_head = c.compile("(?:" + c.alt("attendee_heads") + ")(?:等)?$", "attendee_heads")

        m = lex["meeting"]
        self.m_visit = m.compile(m.alt("visit_verbs"), "visit_verbs")
        self.m_joint = m.compile(m.alt("joint_verbs"), "joint_verbs")
        self.m_connectors = m.wordset("connectors")
        self.m_delegation = m.compile(m.alt("delegation_marks"), "delegation_marks")
        self.m_attend = m.compile(m.alt("attendance_verbs"), "attendance_verbs")
        self.m_topic = m.re("topic_re")

        i = lex["inspection"]
        self.i_object = i.compile(i.alt("object_verbs"), "object_verbs")
        self.i_arrival = i.compile(i.alt("arrival_verbs"), "arrival_verbs")
        self.i_not_followed = i.compile(i.alt("not_followed_by"), "not_followed_by")
        self.i_not_preceded = i.compile("(?:" + i.alt("not_preceded_by") + ")$", "not_preceded_by")
        self.i_site_strip = i.compile("(?:" + i.alt("site_strip_suffixes") + ")$", "site_strip_suffixes")
        self.i_place_preps = i.words("place_preps")
        self.i_accompany = i.compile(i.alt("accompany_verbs"), "accompany_verbs")

        f = lex["conference"]
        self.c_verbs = f.compile(f.alt("verbs"), "verbs")
        sufs = list(f.words("name_suffixes"))
        act = f.get("activity_suffix", "活动")
        heads = f.alt("activity_heads")
        self.c_name_end = f.compile(
            "(?:" + alternation(sufs) + f"|(?<={heads}){regex.escape(act)})", "name_suffixes"
        )
        self.c_false_suffix = f.compile("(?:" + f.alt("false_suffixes") + ")$", "false_suffixes")
        self.c_invite = f.re("invite_re")
        self.c_attend = f.compile(f.alt("attendance_verbs"), "attendance_verbs")

        a = lex["agreement"]
        self.a_verbs = a.compile(a.alt("verbs"), "verbs")
        self.a_weak = a.wordset("weak_verbs")
        self.a_nouns = a.compile(a.alt("nouns"), "nouns")
        self.a_connectors = a.wordset("connectors")
        self.a_both = a.compile(a.alt("both_sides"), "both_sides")
        self.a_amount_cue = a.compile("(?:" + a.alt("amount_cues") + ")(?:约|达|为|共|合计)?$", "amount_cues")

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
        self.ms_prefix = ms.compile("(?:" + ms.alt("rules.stage_prefixes") + ")+$", "rules.stage_prefixes")
        self.ms_glue = ms.compile("^(?:" + ms.alt("rules.chain_glue") + "){0,2}$", "rules.chain_glue")
        self.ms_tail = ms.compile("[^，,。；;]{0,4}?(?:" + ms.alt("rules.stage_tails") + ")", "rules.stage_tails")
        self.ms_not_objects = ms.compile("(?:" + ms.alt("rules.completed_not_objects") + ")", "rules.completed_not_objects")
        self.ms_object_triggers = ms.wordset("rules.object_triggers")
        self.ms_clause_final = ms.wordset("rules.clause_final_triggers")
        self.ms_construction = ms.compile(ms.alt("rules.construction_words"), "rules.construction_words")
        self.ms_construction_end = ms.compile("(?:" + ms.alt("rules.construction_words") + ")$", "rules.construction_words_end")
        self.ms_not_followed = ms.compile(ms.alt("rules.not_followed_by"), "rules.not_followed_by")
        self.ms_not_preceded = ms.compile("(?:" + ms.alt("rules.not_preceded_by") + ")$", "rules.not_preceded_by")
        self.ms_area_cue = ms.compile("(?:" + ms.alt("rules.area_cues") + ")(?:约|为|达|近)?$", "rules.area_cues")
        self.ms_floor_cue = ms.compile("(?:" + ms.alt("rules.floor_area_cues") + ")(?:约|为|达|近)?$", "rules.floor_area_cues")
        self.ms_length_cue = ms.compile("(?:" + ms.alt("rules.length_cues") + ")(?:约|为|达|近)?$", "rules.length_cues")
        self.ms_place_cue = ms.compile(ms.alt("rules.place_cues"), "rules.place_cues")
        self.ms_quantity_units = ms.wordset("rules.quantity_units")
        self.ms_invest_cue = ms.compile("(?:" + ms.alt("rules.investment_cues") + ")(?:约|为|达|近)?$", "rules.investment_cues")

        v = lex["investment"]
        self.inv_trigger = v.compile(v.alt("triggers"), "triggers")
        self.inv_gap = int(v.get("amount_gap", 6))
        self.inv_count_after = v.re("count_after_re")
        self.inv_count_before = v.re("count_before_re")
        self.inv_project_verbs = v.compile(v.alt("project_verbs"), "project_verbs")
        self.inv_org_trigger = v.compile(v.alt("org_triggers"), "org_triggers")
        self.inv_not_after = v.compile("(?:" + v.alt("not_after") + ")$", "not_after")

        fu = lex["funding"]
        self.f_verbs = fu.compile(fu.alt("verbs"), "verbs")
        heads = fu.alt("source_heads")
        self.f_source_after = fu.compile(f"(?P<src>[{HAN}、]{{0,20}}?{heads})", "source_heads")
        self.f_source_before = fu.compile(
            f"(?P<src>[{HAN}、]{{0,24}}?{heads})(?P<tail>" + fu.alt("source_strip_suffixes") + ")?$", "source_heads_before")
        self.f_strip_prefix = fu.compile("(?:" + fu.alt("source_strip_prefixes") + ")", "source_strip_prefixes")
        self.f_strip_suffix = fu.compile("(?:" + fu.alt("source_strip_suffixes") + ")$", "source_strip_suffixes")
        self.f_recipient_preps = fu.compile("(?:" + fu.alt("recipient_preps") + f")(?P<r>[{HAN}0-9余多]{{1,14}}?)$", "recipient_preps")
        self.f_passive = fu.re("passive_re")

        r = lex["remediation"]
        self.r_triggers = r.wordset("triggers")
        role_words = r.get("roles", {})
        self.r_role_of: dict[str, str] = {}
        for role, words in role_words.items():
            for w in words:
                self.r_role_of[w] = role
        self.r_verbs = r.compile(alternation(self.r_role_of), "roles")
        self.r_generic = r.wordset("rules.generic_objects")
        self.r_campaign = r.re("rules.campaign_re")
        self.r_inspect_object = r.re("rules.inspect_object_re")
        self.r_required = r.compile(r.alt("rules.required_words"), "rules.required_words")

        e = lex["enterprise_action"]
        ent_heads = e.alt("enterprise_heads")
        self.e_object_verbs = e.compile(alternation(e.words("object_verbs") + e.words("pivot_verbs")), "object_verbs")
        self.e_pivot = e.wordset("pivot_verbs")
        self.e_preps = e.wordset("object_preps")
        self.e_light = e.compile("(?:" + e.alt("light_verbs") + ")+", "light_verbs")
        self.e_modifiers = e.compile("(?:" + e.alt("verb_modifiers") + ")$", "verb_modifiers")
        self.e_count = e.compile(
            f"(?<![0-9.])(?P<num>{NUM})(?P<qa>余|多)?家(?P<tgt>[^，,。；;：:、]{{0,12}}?{ent_heads})"
            f"|(?P<tgt2>[{HAN}“”]{{0,12}}?{ent_heads})(?:共|达)?(?P<num2>{NUM})(?P<qa2>余|多)?家",
            "enterprise_heads",
        )

        mt = lex["metric"]
        self.mt_rise = mt.wordset("rise")
        self.mt_decline = mt.wordset("decline")
        self.mt_share = mt.wordset("share")
        change = alternation(list(mt.words("rise")) + list(mt.words("decline")) + list(mt.words("share")) + list(mt.words("level")))
        change = change[:-1] + ")(?!值|额|量|率|速|幅)"  # 增加值 is an indicator, not a change
        self.mt_change = mt.compile(change, "rise/decline/share/level")
        self.mt_marker = mt.compile(
            "同比|环比|比上年|较上年|比去年|较去年|" + change, "subject_end"
        )
        self.mt_pref = {w: k for k, w in enumerate(mt.words("trigger_preference"))}
        self.mt_strip_prefix = mt.compile("(?:" + mt.alt("subject_strip_prefixes") + ")+", "subject_strip_prefixes")
        self.mt_strip_suffix = mt.compile("(?:" + mt.alt("subject_strip_suffixes") + ")+$", "subject_strip_suffixes")
        self.mt_continuation = mt.compile("(?:" + mt.alt("continuation_starts") + ")", "continuation_starts")
        self.mt_bad_subjects = mt.wordset("bad_subjects")
        self.mt_forecast = mt.compile(mt.alt("forecast_markers"), "forecast_markers")
        self.mt_subject_max = int(mt.get("subject_max", 24))


@functools.cache
def compiled() -> Compiled:
    """Every pattern of ``rules/events``; the component builds it at load so a bad rule fails early."""
    return Compiled(lexicon())
