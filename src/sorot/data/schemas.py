"""The schemas of sorot's data files: one frozen pydantic model per file, unknown keys refused.

`SCHEMAS` maps each packaged data file (or a folder's pattern, "kb/people/*.yaml") to its schema; the test
suite loads every packaged file through it, so a misspelt key in a packaged file fails CI. Lists are
tuples so that the loaded objects cannot be changed by the stages that share them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sorot.data import DataError, data_names, data_sources, load_data, override_dir

Words = tuple[str, ...]
PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


class DataModel(BaseModel):
    """A data file's content: frozen, and a key the schema does not know is an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class MappingModel(DataModel):
    """A model its stage reads like the mapping it used to be (`cues()["negators"]`)."""

    # the fields' own table, not the `model_fields` property (a descriptor four times as slow): the stages
    # read cues this way tens of thousands of times per second
    def __getitem__(self, key: str) -> Any:
        if key not in type(self).__pydantic_fields__:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in type(self).__pydantic_fields__ else default


# --- clean -----------------------------------------------------------------------------------------------
class CleanCues(DataModel):
    """clean/cues.yaml: line patterns of the cleaning stage and the weights of the title rules."""

    boilerplate: Words
    end_of_article: Words
    inline_widgets: Words
    continued_elsewhere: Words
    caption: Words
    sign_off: str
    title_rules: dict[str, float]
    title_min_score: float


# --- corpus ----------------------------------------------------------------------------------------------
class AgencyEntry(DataModel):
    """corpus/agencies.yaml, one agency: its code and the credit patterns (regular expressions)."""

    code: str
    patterns: Words


Agencies = tuple[AgencyEntry, ...]


class CameoActorRow(DataModel):
    """corpus/cameo_actors.tsv, one row: a sorot actor code and its CAMEO code."""

    sorot: str
    kind: Literal["country", "igo"]
    cameo: str


CameoActors = tuple[CameoActorRow, ...]


class CopyThresholds(DataModel):
    """corpus/copies.yaml: when one stored body is a copy of another (calibration in the file)."""

    copy_containment: float = Field(gt=0.0, le=1.0)
    agency_containment: float = Field(gt=0.0, le=1.0)
    min_shingles: int = Field(ge=1)


class StoryThresholds(DataModel):
    """corpus/stories.yaml: when articles report one happening (calibration in the file)."""

    story_span_days: int = Field(ge=0)
    actor_overlap: float = Field(gt=0.0, le=1.0)
    shared_terms: float = Field(gt=0.0, le=1.0)


# --- events ----------------------------------------------------------------------------------------------
class LexiconRow(DataModel):
    """events/lexicon.yaml, one pattern (the keys are documented at the top of the file)."""

    pattern: str
    id: str | None = None
    not_: Words = Field(default=(), alias="not")
    mode: str | None = None
    pos: Literal["verb", "noun"] | None = None
    place: bool = False
    weight: float = Field(default=0.8, ge=0.0, le=1.0)
    head: int = Field(default=0, ge=0)
    from_: bool = Field(default=False, alias="from")
    frame: Words = ()
    frame_direct: bool = False
    mutual: bool = False
    person_object: bool = False
    topic_object: bool = False


Lexicon = dict[PloverType, tuple[LexiconRow, ...]]


class CameoRowData(DataModel):
    """events/plover_cameo.tsv, one row: a PLOVER type and mode and its CAMEO root."""

    type: PloverType
    mode: str
    cameo: str
    goldstein: float = Field(ge=-10.0, le=10.0)
    quad_class: int = Field(ge=1, le=4)


PloverCameo = tuple[CameoRowData, ...]


class EventCues(MappingModel):
    """events/cues.yaml: the function words, windows and cue phrases of the event coder."""

    negators: Words
    auxiliaries: Words
    planned: Words
    planned_after: Words
    irrealis_governors: tuple[PloverType, ...]
    presupposing: Words
    conditionals: Words
    speculative: Words
    modal_window: int
    speech_cues: Words
    purpose_markers: Words
    clause_openers: Words
    clause_punctuation: Words
    prepositions: Words
    target_preps: Words
    symmetric_target_preps: Words
    talks_partner_preps: Words
    fronted_party_preps: Words
    measure_target_preps: Words
    measure_types: tuple[PloverType, ...]
    goods_words: Words
    goods_window: int = Field(ge=1)
    locative_preps: Words
    agent_preps: Words
    copulas: Words
    attribution_preps: Words
    retreat_preps: Words
    possessor_preps: Words
    coordinators: Words
    coordinated_heads: Words
    pair_hyphens: Words
    light_verbs: Words
    light_window: int
    receiving_verbs: Words
    symmetric_light: Words
    subject_sharing: Words
    object_window: int
    target_window: int
    object_skip: Words
    quantifiers: Words
    relative_verbs: Words
    relative_time_words: Words
    relative_time_window: int
    act_aliases: dict[str, Words] = {}
    mutual_markers: Words
    mutual_types: tuple[PloverType, ...]
    warning_complementizers: Words
    frame_window: int
    document_nouns: Words
    reaction_types: tuple[PloverType, ...]
    anaphoric_determiners: Words
    title_words: Words
    title_gap: int
    prep_fillers: Words
    target_only_fillers: Words
    prep_reach: int
    enumerators: Words
    first_person: Words
    person_pronouns: Words
    plural_pronouns: Words
    reciprocals: Words
    state_references: Words
    body_references: Words
    answered_types: tuple[PloverType, ...]
    triples: Words
    non_triggers: Words
    not_in_predicate: Words
    complement_verbs: Words
    non_actors: Words
    same_day: Words
    continuation: Words
    additive: Words
    meeting_reference: Words
    back_reference: Words
    embedding_markers: Words
    occurrence_verbs: Words
    noun_reference: Words
    initiative_types: tuple[PloverType, ...]
    initiative_verbs: Words
    initiative_window: int
    act_nouns: Words
    domestic_act_nouns: Words
    time_adjunct_openers: Words
    time_adjunct_heads: Words
    manner_adverbs: Words
    day_shifts: dict[str, int]
    month_shifts: dict[str, int]
    citation_cues: Words
    conditional_threat_types: tuple[PloverType, ...]
    exceptives: Words
    beneficiary_types: tuple[PloverType, ...]
    vow_verbs: Words
    mediating_passives: Words
    demanding_threats: Words
    attendance_passives: Words
    meeting_openers: Words


# --- fetch -----------------------------------------------------------------------------------------------
class AmpRules(DataModel):
    hosts: Words
    path_segments: Words
    params: Words


class UrlData(DataModel):
    """fetch/urls.yaml: URL normalisation and the shapes of article and listing URLs."""

    tracking_params: Words
    page_params: Words
    amp: AmpRules
    site_prefixes: Words
    non_article_segments: Words
    non_article_suffixes: Words
    article_shapes: Words
    next_page_texts: Words
    page_number_text: str
    joined_elements: Words


# --- kb --------------------------------------------------------------------------------------------------
DateValue = dt.date | str | None   # YAML reads 2014-02-01 as a date; a month alone ("2014-02") stays text


class RoleData(DataModel):
    role: str
    title: str | None = None
    country: str | None = None
    org: str | None = None
    start: DateValue = None
    end: DateValue = None


class PersonData(DataModel):
    id: str
    name: str
    country: str | None = None
    wikidata: str | None = None
    aliases: Words = ()
    roles: tuple[RoleData, ...] = ()


class AmbiguousAlias(DataModel):
    alias: str
    default: str | None = None


class PeopleFile(DataModel):
    """kb/people.yaml and kb/people/*.yaml: persons, and aliases that name more than one of them."""

    people: tuple[PersonData, ...] = ()
    ambiguous_aliases: tuple[AmbiguousAlias | str, ...] = ()


class PlaceData(DataModel):
    name: str
    aliases: Words = ()
    wikidata: str | None = None


PlaceItem = PlaceData | Words   # a mapping, or an alias list whose first item is the English name
PlaceGroup = dict[str, tuple[PlaceItem, ...] | None]


class PlacesData(DataModel):
    """kb/places.yaml: seats of government, cities, regions, supranational regions."""

    seats: PlaceGroup = {}
    cities: PlaceGroup = {}
    regions: PlaceGroup = {}
    supranational: tuple[PlaceItem, ...] = ()
    ambiguous_aliases: tuple[AmbiguousAlias, ...] = ()
    not_after: dict[str, Words] = {}


class OrgData(DataModel):
    id: str
    name: str
    code: str | None = None
    country: str | None = None
    wikidata: str | None = None
    type: Literal["ORG", "GPE", "LOC", "PER"] = "ORG"
    aliases: Words = ()


class OrgPattern(DataModel):
    name: str
    aliases: Words


class OrgsData(DataModel):
    """kb/orgs.yaml: intergovernmental and national bodies, media, think tanks, per-state patterns."""

    igos: tuple[OrgData, ...] = ()
    national: tuple[OrgData, ...] = ()
    media: tuple[OrgData, ...] = ()
    think_tanks: tuple[OrgData, ...] = ()
    patterns: tuple[OrgPattern, ...] = ()
    org_heads: Words = ()


class StateData(DataModel):
    name: str | None = None
    wikidata: str | None = None
    aliases: Words = ()
    blocked: Words = ()


class ExtraStateData(DataModel):
    name: str
    wikidata: str | None = None
    aliases: Words = ()


class StatesData(DataModel):
    """kb/states.yaml: what pycountry and babel lack about the states."""

    skip: Words = ()
    extra: dict[str, ExtraStateData] = {}
    states: dict[str, StateData | None] = {}


class TitleData(DataModel):
    role: str
    title: str
    org: bool = False
    named_only: bool = False
    country: str | None = None


class LeaderRoles(DataModel):
    default: Words
    by_state: dict[str, Words] = {}


class TitlesData(DataModel):
    """kb/titles.yaml: title words mapped to roles, and the linker's word lists."""

    titles: dict[str, TitleData]
    leader_phrases: Words = ()
    anaphoric_prefixes: Words = ()
    leader_roles: LeaderRoles
    apposition_nouns: Words = ()
    speech_verbs: Words = ()
    nationality_nouns: Words = ()
    government_of: Words = ()
    not_names: Words = ()
    not_current_prefixes: Words = ()
    generic_org_words: Words = ()
    not_in_person_names: Words = ()


# --- meta ------------------------------------------------------------------------------------------------
class HtmlData(MappingModel):
    """meta/html.yaml: the meta fields and page structure the HTML metadata reader looks at."""

    published_meta: Words
    author_meta: Words
    site_meta: Words
    title_meta: Words
    author_containers: str
    title_separators: str
    tagline_separators: str
    visible_date_window: int
    visible_date_max_words: int


class LanguageData(MappingModel):
    """meta/language.yaml: the candidate languages of language identification."""

    candidates: Words
    malay_margin: float
    min_letters: int
    plain_words: Words = ()                       # function words Indonesian and Malay share
    plain_share: float = Field(default=1.0, ge=0.0, le=1.0)   # 1.0: the quick test never decides
    trigram_margin: float = Field(default=float("inf"), ge=0.0)  # inf: the trigram table never decides
    trigram_min_letters: int = Field(default=200, ge=120)        # lingua weighs trigrams alone from 120


TrigramRatio = float | Literal["x"]   # "x": a trigram one of lingua's two models lacks


class TrigramRow(DataModel):
    """meta/id_ms_trigrams.tsv, one row: lingua's ln(P Malay / P Indonesian) of the trigrams `pair` + a ... z."""

    pair: str = Field(pattern=r"^[a-z]{2}$")
    a: TrigramRatio
    b: TrigramRatio
    c: TrigramRatio
    d: TrigramRatio
    e: TrigramRatio
    f: TrigramRatio
    g: TrigramRatio
    h: TrigramRatio
    i: TrigramRatio
    j: TrigramRatio
    k: TrigramRatio
    l: TrigramRatio  # noqa: E741 (the column of the letter l)
    m: TrigramRatio
    n: TrigramRatio
    o: TrigramRatio
    p: TrigramRatio
    q: TrigramRatio
    r: TrigramRatio
    s: TrigramRatio
    t: TrigramRatio
    u: TrigramRatio
    v: TrigramRatio
    w: TrigramRatio
    x: TrigramRatio
    y: TrigramRatio
    z: TrigramRatio


IdMsTrigrams = tuple[TrigramRow, ...]


class BylinesData(DataModel):
    """meta/bylines.yaml: the vocabulary of bylines and sign-offs."""

    roles: Words
    roles_without_colon: Words
    report_phrase: str
    non_author_roles: Words
    not_name_words: Words
    outlet_words: Words
    domain_suffix: str
    sign_off: str


class DatesData(MappingModel):
    """meta/dates.yaml: month and day names, time zones and the markers of published and updated times."""

    months: dict[str, int]
    days: dict[str, int]
    zones: dict[str, str]
    default_offset: str = Field(pattern=r"^[+-]\d{2}:\d{2}$")
    time_cues: Words
    update_markers: Words
    publish_markers: Words


class OutletData(DataModel):
    names: Words = Field(min_length=1)
    domains: Words = ()
    network: str | None = None
    regional: str | None = None
    zone: str | None = None


class OutletsData(DataModel):
    """meta/outlets.yaml: Indonesian news outlets (names, domains, network) and names that are no outlet."""

    outlets: tuple[OutletData, ...]
    not_outlets: Words = ()


class RepublishedGap(MappingModel):
    min_gap_days: int
    max_gap_days: int


class TemporalData(MappingModel):
    """meta/temporal.yaml: the words of relative time expressions and the republication window."""

    bare_months: Words
    numbers: dict[str, int | None]
    units: dict[str, Literal["day", "week", "month", "year"]]
    past_words: Words
    future_words: Words
    present_words: Words
    relative_days: dict[str, int]
    day_parts: Words
    period_parts: Words
    future_markers: Words
    year_cues: Words
    week_followers: Words
    day_after: Words
    day_before: Words
    republished: RepublishedGap


# --- nlp -------------------------------------------------------------------------------------------------
class NerFiltersData(DataModel):
    """nlp/ner_filters.yaml: words that make a span no name, person titles, country names."""

    non_entity_words: Words
    person_titles: Words
    countries: Words = Field(min_length=1)


class AbbreviationsData(DataModel):
    """nlp/abbreviations.yaml: abbreviations that never or may end a sentence, hyphenated name prefixes."""

    never_final: Words
    may_end: Words
    name_hyphen_prefixes: Words


# --- text ------------------------------------------------------------------------------------------------
class DatelinesData(DataModel):
    """text/datelines.yaml: section words, particles inside place names, wire agencies of datelines."""

    section_words: Words
    place_particles: Words
    dateline_agencies: Words


class HeadlinesData(DataModel):
    """text/headlines.yaml: a scraper's prefix glued before a headline."""

    scrape_prefix: str


class JsonLdData(DataModel):
    """text/html.yaml: the JSON-LD @type values of an article object."""

    article_types: Words


class WordsData(DataModel):
    """text/words.yaml: the particles of personal names and the verb-prefix heuristic."""

    name_particles: Words
    verb_prefixes: Words
    stative_verb_prefixes: Words
    verb_min_length: int = Field(ge=0)


# --- quotes ----------------------------------------------------------------------------------------------
class QuoteCuesData(DataModel):
    """quotes/cues.yaml: speech verbs, attribution phrases, pronouns and role nouns of quotes."""

    verbs: Words
    after_only: Words
    attribution_phrases: Words
    pronouns: Words
    role_nouns: Words
    min_words_full: int
    min_words_partial: int


SCHEMAS: dict[str, Any] = {
    "clean/cues.yaml": CleanCues,
    "corpus/agencies.yaml": Agencies,
    "corpus/cameo_actors.tsv": CameoActors,
    "corpus/copies.yaml": CopyThresholds,
    "corpus/stories.yaml": StoryThresholds,
    "events/cues.yaml": EventCues,
    "events/lexicon.yaml": Lexicon,
    "events/plover_cameo.tsv": PloverCameo,
    "fetch/urls.yaml": UrlData,
    "kb/orgs.yaml": OrgsData,
    "kb/people.yaml": PeopleFile,
    "kb/people/*.yaml": PeopleFile,
    "kb/places.yaml": PlacesData,
    "kb/states.yaml": StatesData,
    "kb/titles.yaml": TitlesData,
    "meta/bylines.yaml": BylinesData,
    "meta/dates.yaml": DatesData,
    "meta/html.yaml": HtmlData,
    "meta/id_ms_trigrams.tsv": IdMsTrigrams,
    "meta/language.yaml": LanguageData,
    "meta/outlets.yaml": OutletsData,
    "meta/temporal.yaml": TemporalData,
    "nlp/abbreviations.yaml": AbbreviationsData,
    "nlp/ner_filters.yaml": NerFiltersData,
    "quotes/cues.yaml": QuoteCuesData,
    "text/datelines.yaml": DatelinesData,
    "text/headlines.yaml": HeadlinesData,
    "text/html.yaml": JsonLdData,
    "text/words.yaml": WordsData,
}


def schema_for(name: str) -> Any:
    """The schema of data file `name` (an extension file has the schema of the file it extends), or None."""
    base = name.replace(".extend.", ".")
    return next((schema for pattern, schema in SCHEMAS.items() if fnmatch.fnmatch(base, pattern)), None)


def check_all_data() -> int:
    """Load every data file through its schema, with the SOROT_DATA overrides; a file of the override
    directory that sorot does not read (a misspelt name) is an error too. Returns the number of files read;
    raises DataError (one line) on the first problem."""
    override = override_dir()
    if override is not None:
        for path in sorted(override.rglob("*")):
            name = path.relative_to(override).as_posix()
            if path.is_file() and path.suffix in (".yaml", ".tsv") and schema_for(name) is None:
                raise DataError(f"data file {name} in {override}: sorot reads no data file of that name")
    count = 0
    for pattern, schema in SCHEMAS.items():
        folder, _slash, file_name = pattern.rpartition("/")
        names = [n for n in data_names(folder) if fnmatch.fnmatch(n, pattern)] if "*" in file_name else [pattern]
        for name in names:
            if not data_sources(name):
                continue              # a file a release no longer ships
            load_data(name, schema)
            count += 1
    return count
