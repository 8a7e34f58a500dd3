"""Stories: the articles that report one real-world happening, across outlets and days.

A happening is known by its main event: the first factual event between two actors that the headline names,
else the first factual event of the text with two different actors (the lead), its pair of actors, whether it is cooperation or conflict, and its day. Copies of one
text are one unit and always one story. Units are read in the order of their day; a unit joins the open
story of the same pair and polarity that began at most `story_span_days` (data/corpus/stories.yaml)
before it, otherwise it opens a new story: so two summits of one pair a year apart are two stories, and a visit told over three days is
one. A unit whose lead is a statement (a verbal event: a reaction, a condemnation, a call) about a pair
with no open story joins the open story of another event it tells, or one that tells its pair, as
reactions belong to the happening they react to. A unit with no event joins the open story whose actors it shares most, or stands alone.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import duckdb
import pyarrow as pa

from sorot.corpus.records import Mention, Record, day_of
from sorot.corpus.tables import set_column
from sorot.corpus.terms import shared_share
from sorot.data import data_cached, load_data
from sorot.data.schemas import StoryThresholds

# Event types that make an article a reaction when they lead it: statements about a happening (blame,
# refusal, warning, protest, a call, backing), unlike talks and agreements, which are happenings themselves.
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "REQUEST", "SUPPORT"})

HappeningKey = tuple[frozenset[str], str]     # (the pair of actors, "coop" | "conflict")


@dataclass(frozen=True)
class ArticleFacts:
    id: str
    published: str | None
    anchor: date | None
    outlet: str | None
    copy_root: str
    actors: frozenset[str]       # actor codes of the states and organisations the article names
    headline: frozenset[str] = frozenset()   # actor codes of those its title names
    terms: frozenset[str] = frozenset()      # name terms of its title and opening (sorot.corpus.terms)


@dataclass
class Unit:
    """Copies of one text (or one article): they always share a story."""

    root: str
    members: list[ArticleFacts]
    day: date | None
    lead: Mention | None
    lead_record: Record | None
    keys: list[HappeningKey]     # the happenings its events tell, lead first

    @property
    def lead_key(self) -> HappeningKey | None:
        return self.keys[0] if self.lead is not None and self.keys else None

    # a unit's members are fixed when it is made, and stories ask for these sets once per unit and story
    @cached_property
    def actors(self) -> frozenset[str]:
        return frozenset().union(*(m.actors for m in self.members))

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset().union(*(m.terms for m in self.members))


@dataclass
class Story:
    key: HappeningKey | None
    first_day: date | None
    units: list[Unit] = field(default_factory=list)

    @property
    def id(self) -> str:
        return "s" + hashlib.sha1(self.units[0].root.encode("utf-8")).hexdigest()[:15]

    @property
    def actors(self) -> frozenset[str]:
        return frozenset().union(*(u.actors for u in self.units))

    @property
    def terms(self) -> frozenset[str]:
        return frozenset().union(*(u.terms for u in self.units))


def happening_key(mention: Mention) -> HappeningKey:
    conflict = mention.quad_class in (3, 4)
    return frozenset((mention.source_key, mention.target_key)), "conflict" if conflict else "coop"


def _is_lead_candidate(mention: Mention) -> bool:
    return (mention.status in ("reported", "planned") and bool(mention.source_key)
            and bool(mention.target_key) and mention.source_key != mention.target_key)


def build_units(articles: Sequence[ArticleFacts], mentions: Iterable[Mention],
                record_of: dict[tuple[str, int], Record]) -> list[Unit]:
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if _is_lead_candidate(mention):
            by_article[mention.article_id].append(mention)
    clusters: dict[str, list[ArticleFacts]] = defaultdict(list)
    for article in articles:
        clusters[article.copy_root].append(article)
    units = []
    for root, members in sorted(clusters.items()):
        members.sort(key=lambda a: (a.published or "", a.id))
        told = sorted((m for a in members for m in by_article[a.id]),
                      key=lambda m: (m.article_id != members[0].id, m.article_id, m.start, m.event_no))
        lead = _lead(told, members[0].headline)
        record = record_of.get((lead.article_id, lead.event_no)) if lead else None
        record_day = day_of(record.date) if record else None
        anchors = [a.anchor for a in members if a.anchor]
        day = record_day or (min(anchors) if anchors else None)
        keys = list(dict.fromkeys(happening_key(m) for m in ([lead] if lead else []) + told))
        units.append(Unit(root, members, day, lead, record, keys))
    return units


def _lead(told: Sequence[Mention], headline: frozenset[str]) -> Mention | None:
    """The article's main event: the first one between two actors its headline names, else the first."""
    for mention in told:
        if mention.source_key in headline and mention.target_key in headline:
            return mention
    return told[0] if told else None


@data_cached
def thresholds() -> StoryThresholds:
    """The story thresholds of data/corpus/stories.yaml (how they were calibrated is written there)."""
    return load_data("corpus/stories.yaml", StoryThresholds)


def _open(story: Story, unit: Unit) -> bool:
    """Whether the unit can belong to the story in time; when either has no day, only if they name the
    same people and places (time cannot tell them apart, their names can)."""
    limits = thresholds()
    if story.first_day is None or unit.day is None:
        return (shared_share(unit.terms, story.terms) >= limits.shared_terms
                and len(unit.terms & story.terms) >= 2)
    return timedelta(0) <= unit.day - story.first_day <= timedelta(days=limits.story_span_days)


def _first_day(story: Story) -> date:
    assert story.first_day is not None
    return story.first_day


class _StoriesByDay:
    """The stories by their first day, so that a unit is weighed only against the stories that can be open
    for it (`_open`): those that began within `story_span_days` before its day, and those without a day.
    Asking every story for every unit would take time growing with the square of the store's size."""

    def __init__(self, stories: Iterable[Story]) -> None:
        self._all: list[Story] = []
        self._dated: list[Story] = []        # sorted by first day; stories added later after equal days
        self._undated: list[Story] = []
        for story in stories:
            self.add(story)

    def add(self, story: Story) -> None:
        self._all.append(story)
        if story.first_day is None:
            self._undated.append(story)
        else:
            insort(self._dated, story, key=_first_day)

    def open_candidates(self, unit: Unit) -> list[Story]:
        """Every story that `_open(story, unit)` may accept (and some it refuses: the caller asks it)."""
        if unit.day is None:
            return list(self._all)
        try:
            earliest = unit.day - timedelta(days=thresholds().story_span_days)
        except OverflowError:
            earliest = date.min
        low = bisect_left(self._dated, earliest, key=_first_day)
        high = bisect_right(self._dated, unit.day, key=_first_day)
        return self._undated + self._dated[low:high]


def _actor_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def group_stories(units: Sequence[Unit]) -> list[Story]:
    """Assign every unit to a story (deterministic: the same units give the same stories).

    First every unit with a lead event joins or opens the story of its lead happening; then a statement
    left alone in its story moves to the open story of another happening it tells (a reaction); last,
    units without events join the open story whose actors they share."""
    ordered = sorted(units, key=lambda u: (u.day or date.max, _is_reaction(u), u.root))
    stories: list[Story] = []
    by_key: dict[HappeningKey, list[Story]] = defaultdict(list)
    for unit in (u for u in ordered if u.lead_key is not None):
        key = unit.lead_key
        assert key is not None
        story = _latest_open(by_key[key], unit)
        if story is None:
            story = Story(key, unit.day)
            stories.append(story)
            by_key[key].append(story)
        story.units.append(unit)
    by_day = _StoriesByDay(stories)
    for story in [s for s in stories if len(s.units) == 1 and _is_reaction(s.units[0])]:
        unit = story.units[0]
        target = _reacted_to(unit, [s for s in by_day.open_candidates(unit) if s is not story and s.units])
        if target is not None:              # a statement about an open happening belongs to it
            target.units.append(unit)
            story.units.clear()
    stories = [s for s in stories if s.units]
    by_day = _StoriesByDay(stories)
    for unit in (u for u in ordered if u.lead_key is None):
        story = _by_actors(unit, by_day.open_candidates(unit))
        if story is None:
            story = Story(None, unit.day)
            stories.append(story)
            by_day.add(story)
        story.units.append(unit)
    for story in stories:                   # the story is known by its earliest unit
        story.units.sort(key=lambda u: (u.day or date.max, _is_reaction(u), u.root))
    return stories


def _reacted_to(unit: Unit, stories: Sequence[Story]) -> Story | None:
    """The open happening a statement speaks of: one whose lead the statement also tells, or one that
    tells the statement's own pair (the mediator's talks with one party of a ceasefire). The biggest wins."""
    pair = unit.keys[0][0]
    found = [s for s in stories if _open(s, unit)
             and (s.key in unit.keys[1:] or any(k[0] == pair for u in s.units for k in u.keys))]
    return max(found, key=lambda s: (len(s.units), s.units[0].root)) if found else None


def _is_reaction(unit: Unit) -> bool:
    return unit.lead is not None and unit.lead.type in REACTION_TYPES


def _latest_open(candidates: Iterable[Story], unit: Unit) -> Story | None:
    found = [s for s in candidates if _open(s, unit)]
    return max(found, key=lambda s: (s.first_day or date.min, s.units[0].root)) if found else None


def _by_actors(unit: Unit, stories: Sequence[Story]) -> Story | None:
    scored = [(_actor_overlap(unit.actors, s.actors), s.units[0].root, s) for s in stories if _open(s, unit)]
    scored = [x for x in scored if x[0] >= thresholds().actor_overlap and len(unit.actors & x[2].actors) >= 2]
    return max(scored, key=lambda x: (x[0], x[1]))[2] if scored else None


# -- the store ---------------------------------------------------------------------------------------------


ARTICLES_SQL = """
SELECT a.id, a.published, a.published_date, a.republished, a.story_date, a.outlet, coalesce(a.copy_of, a.id),
       a.title, list(DISTINCT e.code) FILTER (WHERE e.code IS NOT NULL AND e.type IN ('GPE', 'ORG'))
FROM articles a LEFT JOIN entities e ON e.article_id = a.id
GROUP BY ALL ORDER BY a.id
"""
TERMS_SQL = """
SELECT article_id, terms FROM sketches WHERE terms IS NOT NULL
"""
NAMES_SQL = """
SELECT article_id, coalesce(code, country), name, aliases FROM entities WHERE coalesce(code, country) IS NOT NULL
"""
MIN_HEADLINE_NAME = 3        # shorter written forms ("AS") are too often parts of other words


def load_articles(con: duckdb.DuckDBPyConnection) -> list[ArticleFacts]:
    names: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for article_id, code, name, aliases in con.execute(NAMES_SQL).fetchall():
        names[article_id].append((code, [name, *(aliases or [])]))
    terms = dict(con.execute(TERMS_SQL).fetchall())
    facts = []
    for (article_id, published, published_date, republished, story_date, outlet, copy_root, title,
         codes) in con.execute(ARTICLES_SQL).fetchall():
        anchor = (day_of(story_date) if republished else None) or published_date
        facts.append(ArticleFacts(article_id, published, anchor, outlet, copy_root, frozenset(codes or ()),
                                  headline_actors(title or "", names.get(article_id, [])),
                                  frozenset(terms.get(article_id) or ())))
    return facts


def headline_actors(title: str, names: Sequence[tuple[str, list[str]]]) -> frozenset[str]:
    """The actor codes whose name or written form the headline contains."""
    folded = title.casefold()
    return frozenset(code for code, forms in names
                     if any(len(f) >= MIN_HEADLINE_NAME and f.casefold() in folded for f in forms if f))


def story_row(story: Story, record_ids: set[str]) -> dict[str, object]:
    first = story.units[0]
    record = first.lead_record
    articles = [a for u in story.units for a in u.members]
    seen = sorted(a.published for a in articles if a.published)
    day = (record.date if record else None) or (first.day.isoformat() if first.day else None)
    lead = first.lead
    if record is not None and lead is not None:
        label = f"{record.key[0]} {lead.source_key}-{lead.target_key} {day or '?'}"
    else:
        label = f"{', '.join(sorted(first.actors)[:3]) or 'no actors'} {day or '?'}"
    return {
        "id": story.id, "label": label, "type": record.key[0] if record else None,
        "source_code": first.lead.source_key if first.lead else None,
        "target_code": first.lead.target_key if first.lead else None, "date": day,
        "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None,
        "n_articles": len(articles), "n_sources": len({a.outlet or f"copy:{a.copy_root}" for a in articles}),
        "n_records": len(record_ids),
    }


def write_stories(con: duckdb.DuckDBPyConnection, stories: Sequence[Story],
                  records_of_article: dict[str, set[str]]) -> dict[str, str]:
    """Replace the stories table and `articles.story`; returns {article id: story id}."""
    story_of = {a.id: s.id for s in stories for u in s.units for a in u.members}
    rows = [story_row(s, set().union(*(records_of_article.get(a.id, set()) for u in s.units for a in u.members)))
            for s in stories]
    con.execute("DELETE FROM stories")
    if rows:
        con.register("_stories", pa.Table.from_pylist(rows))
        try:
            con.execute("INSERT INTO stories BY NAME SELECT * FROM _stories")
        finally:
            con.unregister("_stories")
    set_column(con, "articles", "story", story_of)
    return story_of
