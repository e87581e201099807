"""One pydantic schema per TOML rule file: an unknown, missing or mistyped key fails at load.

A linguist who writes ``not_befor`` instead of ``not_before`` gets an error naming the file and
the key, not a rule that silently stops working (DESIGN.md, "Rules are data"). The schemas only
check; :func:`pipeline.rules.load_table` still hands the code the table as TOML wrote it.

Every pattern key (``*_re``, ``patterns``) is compiled here as well, so a broken regex fails at
load with its file and key. Patterns may name fragments, ``{digit}``, that
:func:`pipeline.rules.expand_fragments` replaces before this check.

Imports only :mod:`pipeline.schema` (the event type names of the output contract).
"""

from __future__ import annotations

from typing import Annotated, Literal

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from ..schema import EventType


def _compiles(pattern: str, info: ValidationInfo) -> str:
    if info.context and info.context.get("before_fragments"):
        return pattern  # checked again once its {fragments} are expanded
    try:
        regex.compile(pattern, regex.VERSION1)
    except regex.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
    return pattern


def _nonempty(words: list[str]) -> list[str]:
    if not all(words):
        raise ValueError("empty word in list")
    return words


def _one_char_keys(table: dict[str, object]) -> dict[str, object]:
    long = [k for k in table if len(k) != 1]
    if long:
        raise ValueError(f"keys must be single characters: {long}")
    return table


Pattern = Annotated[str, AfterValidator(_compiles)]
Words = Annotated[list[str], AfterValidator(_nonempty)]
#: A string read as a set of characters (``not_before = "旦宵素"``).
Chars = str
Qualifier = Literal["approx", "at_most", "at_least"]


class Rule(BaseModel):
    """Base of every schema: keys not named here are refused."""

    model_config = ConfigDict(extra="forbid")


class RuleFile(Rule):
    """Base of a whole file's schema. ``[fragments]``: named pieces of regex the file's patterns
    use as ``{name}`` (expanded by :func:`pipeline.rules.expand_fragments` before the check)."""

    fragments: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], str] = Field(default_factory=dict)


# --------------------------------------------------------------------------- values/


class NumeralMarks(Rule):
    point: Words
    minus: Words
    not_after: Chars
    financial: Chars
    financial_alone_before: Chars
    thousand_unit_starts: Chars


class NumeralStandard(Rule):
    """The characters numbers are written out with (``int_to_chinese``)."""

    digits: Annotated[str, Field(min_length=10, max_length=10)]
    ten: str
    hundred: str
    thousand: str
    ten_thousand: str
    hundred_million: str
    point: str
    minus: str


class NumeralsFile(RuleFile):
    """``values/numerals.toml``: the one numeral table (digits, units, marks, named sets)."""

    digits: Annotated[dict[str, int], AfterValidator(_one_char_keys)]
    small_units: Annotated[dict[str, int], AfterValidator(_one_char_keys)]
    large_units: Annotated[dict[str, int], AfterValidator(_one_char_keys)]
    marks: NumeralMarks
    standard: NumeralStandard
    classes: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], Annotated[str, Field(min_length=1)]]

    @model_validator(mode="after")
    def _one_table(self) -> NumeralsFile:
        """The standard forms and the named sets only select from the tables above."""
        value = {**self.digits, **self.small_units, **self.large_units}
        std = self.standard
        expected = {c: d for d, c in enumerate(std.digits)} | {
            std.ten: 10, std.hundred: 100, std.thousand: 1000, std.ten_thousand: 10**4,
            std.hundred_million: 10**8,
        }
        for char, number in expected.items():
            if value.get(char) != number:
                raise ValueError(f"standard: {char!r} is not {number} in the numeral tables")
        if std.point not in self.marks.point or std.minus not in self.marks.minus:
            raise ValueError("standard: point and minus must be among marks.point and marks.minus")
        for name, chars in self.classes.items():
            strays = [c for c in chars if c not in value]
            if strays:
                raise ValueError(f"classes.{name}: {strays} not in the numeral tables")
        return self


class WordList(Rule):
    words: Words


class Separators(Rule):
    separators: Words


class VagueWord(Rule):
    not_after: Chars = ""


class Durations(Rule):
    year_not_after: Words
    year_not_before: Words
    day_not_after: Chars
    day_not_before: Words
    month_not_after: Words
    day_not_after_words: Words


class DatePatterns(Rule):
    #: compiled once, by pipeline.dates behind its start gate (a broken one fails there, naming
    #: file and key): compiling the 4,000-character grammar here as well would double its cost
    date: str
    infer_year: Pattern
    dateline_tail: Pattern
    future_cue: Pattern


class DatesFile(RuleFile):
    """``values/dates.toml``: date words and what makes a number a duration instead."""

    relative_years: dict[str, int]
    #: 当年, 同年, 次年: years relative to the year a date named before them gives
    anaphoric_years: dict[str, int]
    relative_months: dict[str, int]
    #: the first day of the lunar year by Gregorian year, "MM-DD" (农历正月初九)
    lunar_new_year: dict[Annotated[str, Field(pattern=r"^(19|20)[0-9]{2}$")],
                         Annotated[str, Field(pattern=r"^0[12]-[0-3][0-9]$")]]
    relative_days: dict[str, int]
    #: 上周, 本周 -> the anchor's ISO week shifted
    relative_weeks: dict[str, int]
    #: 当日, 当天: the day of the date named before it
    same_day: WordList
    #: the 五一 holiday's days off by year: "2020" = "05-01/05-05"
    labour_day: dict[Annotated[str, Field(pattern=r"^(19|20)[0-9]{2}$")],
                     Annotated[str, Field(pattern=r"^0[45]-[0-3][0-9]/0[45]-[0-3][0-9]$")]]
    halves: dict[str, Literal["H1", "H2"]]
    seasons: dict[str, Literal["SP", "SU", "FA", "WI"]]
    year_parts: dict[str, int]
    year_parts_after_year: dict[str, int]
    #: "month" (that month, approx) or the days a part names, "DD/DD" ("end": the last day)
    month_parts: dict[str, Literal["month"] | Annotated[str, Field(pattern=r"^[0-3][0-9]/(?:[0-3][0-9]|end)$")]]
    month_parts_alone: dict[str, Literal["month"]]
    # the grammar names both tables ({vague.PAST_REF|vague.PRESENT_REF}): a third needs it too
    vague: dict[Literal["PAST_REF", "PRESENT_REF"], dict[str, VagueWord]]
    since: WordList
    time_of_day: WordList
    range: Separators
    duration: Durations
    start_chars: Chars
    patterns: DatePatterns


class QualifiersFile(RuleFile):
    """``values/qualifiers.toml``: 约, 余, 以上 and the range separators."""

    prefix_not_after: Chars = ""
    prefix: dict[str, Qualifier]
    infix: dict[str, Qualifier]
    suffix: dict[str, Qualifier]
    range: Separators


class PercentWords(Rule):
    cheng_not_before: Chars
    words: Words
    starts: Chars
    signed_start: Pattern


class AmountsFile(RuleFile):
    """``values/amounts.toml``: the amount grammar (expanded by :mod:`pipeline.numbers`)."""

    percent: PercentWords
    #: characters besides numerals a money amount may start with (百亿元: an implicit 一)
    money: dict[Literal["starts"], Chars]
    grammar: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], str]


class MoneyContext(Rule):
    words: Words
    window: int = 12
    followers: Chars = ""


class Money(Rule):
    currencies: dict[str, str]
    not_before: Chars
    trailing: Words = Field(default_factory=list)
    context: MoneyContext


class AreaUnit(Rule):
    factor: str
    canonical: str | None = None


class Area(Rule):
    units: dict[str, AreaUnit]
    not_before: Chars


class QuantityUnit(Rule):
    not_before: Chars = ""
    canonical: str | None = None


class Quantity(Rule):
    slogans: Words = Field(default_factory=list)
    units: dict[str, QuantityUnit]


class UnitsFile(RuleFile):
    """``values/units.toml``: currencies, area units and measure words."""

    money: Money
    area: Area
    quantity: Quantity


# --------------------------------------------------------------------------- names/, places/


class ClassDefaults(Rule):
    min_body: int | None = None
    max_body: int | None = None
    weak_min_body: int | None = None
    max_gap: int | None = None
    priority: int | None = None
    generic_priority: int | None = None


class SuffixClass(Rule):
    """One ``[[class]]`` of names ending in a suffix (公司, 路, 村…)."""

    name: str
    label: Literal["ORG", "LOC"] = "LOC"
    anchor: Literal["free", "place", "attach", "loc"] | None = None
    suffixes: Words
    min_body: int | None = None
    max_body: int | None = None
    max_gap: int | None = None
    priority: int | None = None
    generic_priority: int | None = None
    weak_min_body: int | None = None
    free_if_proper: bool = False
    not_before: Chars = ""
    not_words: list[str] = Field(default_factory=list)
    digits: bool = False
    short_forms: Words = Field(default_factory=list)
    weak: Words = Field(default_factory=list)
    not_after_province: Words = Field(default_factory=list)
    not_before_suffix: dict[str, Chars] = Field(default_factory=dict)
    before_ok: Words = Field(default_factory=list)  # words after the suffix that not_before lets pass
    free_before: Words = Field(default_factory=list)  # suffixes that end a word whatever follows (水库)
    town_body: bool = False  # a town's name may be the body (黄石镇人民政府)
    through_short_places: bool = False
    not_after_place: Words = Field(default_factory=list)
    min_body_for: dict[str, int] = Field(default_factory=dict)


class ModelBody(Rule):
    final_chars: Chars


class PartyPrefix(Rule):
    prefixes: Words


class Masthead(Rule):
    suffixes: Words
    not_before_bao: Chars
    max_name: int


class BrandCue(Rule):
    after: Words = Field(default_factory=list)
    max_name: int = 6


class OrgFile(RuleFile):
    """``names/org.toml``: organization suffix classes, mastheads, zone families."""

    defaults: ClassDefaults = Field(default_factory=ClassDefaults)
    class_: list[SuffixClass] = Field(alias="class")
    model_body: ModelBody
    party_prefix: PartyPrefix
    masthead: Masthead
    brand_cue: BrandCue = Field(default_factory=BrandCue)
    zone_families: dict[str, Words]


class LocFile(RuleFile):
    """``places/loc.toml``: place suffix classes (路, 桥, 村, 河…)."""

    defaults: ClassDefaults = Field(default_factory=ClassDefaults)
    class_: list[SuffixClass] = Field(alias="class")


class TitlesFile(RuleFile):
    """``names/titles.toml``: the title grammar's words."""

    cores: Words
    free_cores: Words
    modifiers: Words
    bodies: Words
    sub_bodies: Words = Field(default_factory=list)
    followers: Words
    not_names: Words
    honorifics: Words
    after_surname: Words = Field(default_factory=list)
    not_name_chars: Chars
    word_surnames: Chars = ""


class CountryPairsFile(RuleFile):
    """``places/country_pairs.toml``: 中美两国, 中印边界."""

    followed_by: Words
    countries: Annotated[dict[str, str], AfterValidator(_one_char_keys)]
    not_pairs: WordList


class Division(Rule):
    name: str
    code: Annotated[str, Field(pattern=r"^[0-9]{6}$")]
    replaces: Words = Field(default_factory=list)


class DivisionOptions(Rule):
    veto: Words = Field(default_factory=list)
    alias_county_as_district: bool = True
    alias_not_ending: Words = Field(default_factory=list)
    skip_names: Words = Field(default_factory=list)
    short_stop: Words = Field(default_factory=list)
    function_homographs: Words = Field(default_factory=list)


class DivisionsFile(RuleFile):
    """``places/divisions.toml``: divisions renamed since the code table, and options."""

    division: list[Division] = Field(default_factory=list)
    options: DivisionOptions = Field(default_factory=DivisionOptions)


# --------------------------------------------------------------------------- page/


class LineRules(Rule):
    terminal_punctuation: Words
    headline_max_chars: int
    body_min_chars: int
    #: a line ending in one of these is cut mid-sentence: no headline, always continued
    open_punctuation: Words
    #: a column's name in brackets closing a headline: （走近自然）
    column_tag: Pattern
    #: the longest first line of a block in a parallel series of subheads
    subhead_kicker_max_chars: int
    #: a line under a headline that starts so ends the headline (2019年10月22日 中国·吴江)
    title_stop: Pattern


class PatternList(Rule):
    patterns: list[Pattern]


class BylineRules(Rule):
    patterns: list[Pattern]
    glued: Pattern
    #: role words before names (记者, 通讯员, 湖北日报记者 …): split off, never an author
    author_roles: Pattern
    #: roles whose names are editors, not authors (责任编辑, 审核, 终审)
    editor_roles: Pattern
    #: a closing bracket of credits at the end of an article: （张某）, (湖北日报记者蔡俊)
    closing: Pattern
    #: tokens of a credit that are neither names nor roles but keep it a credit (摄影报道)
    filler: Words
    #: a bracketed credit inside the lead paragraph: （记者 X 通讯员 Y）
    inline: Pattern
    #: a credit opening a paragraph, closed by 报道： (本报记者 王某 报道：5月6日，…)
    opening: Pattern
    #: the body a closing credit names before its writer: （县农业农村局 赵某）
    credit_body: Pattern


class DatelineRules(Rule):
    #: an outlet that opens a dated dateline (本报, 东南网, 胶东在线, 湖北日报客户端): ``{OUTLET}``
    outlet: Pattern
    patterns: list[Pattern]
    #: a headline right after a dateline, on its line: 新华社兰州9月28日电 题：…
    headline: Pattern


class ChromeRules(Rule):
    """Web page chrome: lines that are no article (navigation, 来源/责任编辑, share bars)."""

    #: a line that starts with one of these is chrome (当前位置, 责任编辑, 上一篇 …)
    starts: Words
    #: a line that contains one of these is chrome (未经授权不得转载, 打印本页 …)
    contains: Words
    #: a copyright notice (由某某主办。经某某授权…)
    copyright: Pattern
    #: after a line that is one of these (相关新闻, 热点新闻), the rest of the page is a list
    list_headers: Words
    #: whole-line patterns: timestamps, navigation crumbs, word counts
    patterns: list[Pattern]
    #: a key of a ``key: value`` meta line (来源, 作者, 发布时间); the line is chrome, its
    #: author keys still give authors
    meta_keys: Words
    author_keys: Words
    #: a line that repeats the page's title of a repost (原标题:…) gives the title
    original_title: Pattern
    #: a site's or channel's name on the page's first line (中国规划网, 园区新闻)
    site_name: Pattern
    #: a site tag closing a headline line (…|环球观点, …_某某网)
    site_tag: Pattern
    #: a web page's meta line naming its headline (标题:…): that line in the text is the title
    declared_title: Pattern


class LayoutFile(RuleFile):
    """``page/layout.toml``: captions, bylines, datelines (``{AGENCY}``: page/agencies.txt)."""

    line: LineRules
    caption: PatternList
    byline: BylineRules
    dateline: DatelineRules
    chrome: ChromeRules


# --------------------------------------------------------------------------- events/


class EventsCommonFile(RuleFile):
    """``events/common.toml``: words every event rule reads."""

    clause_marks: Words
    list_separators: Words
    future_markers: Words
    future_exceptions: Words
    speech_verbs: Words
    vague_iso: Words
    recurring_markers: Words
    elaboration_starts: Words
    date_prepositions: Words
    lead_date_max_offset: int = 8
    project_anaphors: Words
    project_suffixes: Words
    facility_suffixes: Words
    project_not_followed_by: Words
    project_left_cuts: Words
    zone_suffixes: Words
    count_units: Words
    length_units: dict[str, float]
    qualifier_before: dict[str, Qualifier]
    qualifier_after_number: dict[str, Qualifier]
    qualifier_after_unit: dict[str, Qualifier]
    org_suffixes: Words
    attendee_heads: Words
    clause_openers: Words
    enumeration_starts: Words
    enumeration_first: Words
    patterns: dict[str, Pattern]


class EventRuleFile(RuleFile):
    """The rules of one event type; ``type`` is its name in the output contract
    (:data:`pipeline.schema.EVENT_TYPES`), the one list of event type names."""

    type: EventType
    #: regexes built from the lists, ``{list}`` for a list's alternation (read by name in code)
    patterns: dict[str, Pattern] = Field(default_factory=dict)


class MeetingFile(EventRuleFile):
    visit_verbs: Words
    joint_verbs: Words
    connectors: Words
    delegation_marks: Words
    attendance_verbs: Words
    guest_group_heads: Words
    topic_re: Pattern


class InspectionFile(EventRuleFile):
    object_verbs: Words
    arrival_verbs: Words
    not_followed_by: Words
    not_preceded_by: Words
    site_strip_suffixes: Words
    place_preps: Words
    accompany_verbs: Words


class ConferenceFile(EventRuleFile):
    verbs: Words
    name_suffixes: Words
    activity_heads: Words
    false_suffixes: Words
    invite_re: Pattern
    attendance_verbs: Words


class AgreementFile(EventRuleFile):
    verbs: Words
    nouns: Words
    weak_verbs: Words
    connectors: Words
    both_sides: Words
    amount_cues: Words


Stage = Literal[
    "planned", "started", "under_construction", "completed", "commissioning", "accepted",
    "delivered", "operational",
]


class MilestoneRules(Rule):
    weak_triggers: Words
    stage_prefixes: Words
    chain_glue: Words
    stage_tails: Words
    completed_not_objects: Words
    object_triggers: Words
    area_cues: Words
    floor_area_cues: Words
    length_cues: Words
    place_cues: Words
    quantity_units: Words
    investment_cues: Words
    not_followed_by: Words
    not_preceded_by: Words
    clause_final_triggers: Words
    construction_words: Words
    followup_markers: Words


class MilestoneFile(EventRuleFile):
    stage_order: list[Stage]
    stages: dict[Stage, Words]
    rules: MilestoneRules


class InvestmentFile(EventRuleFile):
    triggers: Words
    amount_gap: int = 6
    count_after_re: Pattern
    count_before_re: Pattern
    project_verbs: Words
    org_triggers: Words
    not_after: Words


class FundingFile(EventRuleFile):
    verbs: Words
    source_heads: Words
    source_strip_prefixes: Words
    source_strip_suffixes: Words
    recipient_preps: Words
    passive_re: Pattern
    allocation_verbs: Words
    grantor_re: Pattern


class RemediationRules(Rule):
    generic_objects: Words
    campaign_re: Pattern
    inspect_object_re: Pattern
    required_words: Words
    site_units: Words


class RemediationFile(EventRuleFile):
    triggers: Words
    roles: dict[Literal["found", "rectified", "closed"], Words]
    rules: RemediationRules


class EnterpriseActionFile(EventRuleFile):
    object_verbs: Words
    pivot_verbs: Words
    object_preps: Words
    light_verbs: Words
    verb_modifiers: Words
    enterprise_heads: Words


class MetricFile(EventRuleFile):
    rise: Words
    decline: Words
    share: Words
    level: Words
    trigger_preference: Words
    subject_strip_prefixes: Words
    subject_strip_suffixes: Words
    continuation_starts: Words
    bad_subjects: Words
    forecast_markers: Words
    rate_words: Words
    subject_max: int = 24


#: The schema of each TOML file, by its path under ``rules/``.
SCHEMAS: dict[str, type[Rule]] = {
    "values/numerals.toml": NumeralsFile,
    "values/dates.toml": DatesFile,
    "values/qualifiers.toml": QualifiersFile,
    "values/units.toml": UnitsFile,
    "values/amounts.toml": AmountsFile,
    "names/org.toml": OrgFile,
    "names/titles.toml": TitlesFile,
    "places/loc.toml": LocFile,
    "places/country_pairs.toml": CountryPairsFile,
    "places/divisions.toml": DivisionsFile,
    "page/layout.toml": LayoutFile,
    "events/common.toml": EventsCommonFile,
    "events/meeting.toml": MeetingFile,
    "events/inspection.toml": InspectionFile,
    "events/conference.toml": ConferenceFile,
    "events/agreement.toml": AgreementFile,
    "events/milestone.toml": MilestoneFile,
    "events/investment.toml": InvestmentFile,
    "events/funding.toml": FundingFile,
    "events/remediation.toml": RemediationFile,
    "events/enterprise_action.toml": EnterpriseActionFile,
    "events/metric.toml": MetricFile,
}
