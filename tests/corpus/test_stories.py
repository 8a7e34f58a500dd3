"""Stories: articles that report one happening, across outlets and days; near misses stay apart."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from tests.corpus.test_records import mention

from sorot.corpus import stories
from sorot.corpus.records import build_records
from sorot.corpus.stories import ArticleFacts, build_units, group_stories, headline_actors
from sorot.corpus.terms import name_terms


def article(name: str, day: date | None, actors: tuple[str, ...] = (), copy_of: str | None = None) -> ArticleFacts:
    return ArticleFacts(name, f"{day}T09:00:00+07:00" if day else None, day, f"outlet-{name}", copy_of or name,
                        frozenset(actors))


def stories_of(articles: list[ArticleFacts], mentions: list) -> list[set[str]]:
    records = build_records(mentions)
    record_of = {(m.article_id, m.event_no): r for r in records for m in r.mentions}
    stories = group_stories(build_units(articles, mentions, record_of))
    return sorted(({a.id for u in s.units for a in u.members} for s in stories), key=sorted)


def test_three_outlets_over_two_days_report_one_strike() -> None:
    day = date(2024, 10, 1)
    articles = [article("a", day), article("b", day), article("c", date(2024, 10, 2))]
    mentions = [mention("a", anchor=day), mention("b", anchor=day), mention("c", when=None, anchor=date(2024, 10, 2))]
    assert stories_of(articles, mentions) == [{"a", "b", "c"}]


def test_two_summits_of_one_pair_a_year_apart_are_two_stories() -> None:
    articles = [article("a", date(2023, 5, 10)), article("b", date(2024, 5, 12))]
    mentions = [mention("a", etype="CONSULT", source="RUS", target="CHN", when="2023-05-10", anchor=date(2023, 5, 10)),
                mention("b", etype="CONSULT", source="CHN", target="RUS", when="2024-05-12", anchor=date(2024, 5, 12))]
    assert stories_of(articles, mentions) == [{"a"}, {"b"}]


def test_two_rounds_of_strikes_weeks_apart_are_two_stories() -> None:
    articles = [article("a", date(2024, 10, 1)), article("b", date(2024, 10, 26))]
    mentions = [mention("a", when="2024-10-01", anchor=date(2024, 10, 1)),
                mention("b", when="2024-10-26", anchor=date(2024, 10, 26))]
    assert len(stories_of(articles, mentions)) == 2


def test_cooperation_and_conflict_of_one_pair_on_one_day_are_different_happenings() -> None:
    day = date(2025, 3, 4)
    articles = [article("a", day), article("b", day)]
    mentions = [mention("a", etype="AGREE", source="IDN", target="VNM", when="2025-03-04", anchor=day),
                mention("b", etype="COERCE", source="IDN", target="VNM", when="2025-03-04", anchor=day)]
    mentions[0].quad_class = 1
    assert len(stories_of(articles, mentions)) == 2


def test_a_reaction_by_a_third_state_goes_with_the_happening_it_reacts_to() -> None:
    day = date(2024, 10, 1)
    articles = [article("strike", day), article("reaction", day)]
    condemn = mention("reaction", etype="ACCUSE", source="FRA", target="ISR", anchor=day, number=0)
    condemn.quad_class = 3
    told = mention("reaction", anchor=day, number=1)
    assert stories_of(articles, [mention("strike", anchor=day), condemn, told]) == [{"reaction", "strike"}]


def test_copies_always_share_a_story_even_without_events() -> None:
    day = date(2025, 3, 4)
    articles = [article("wire", day), article("copy", day, copy_of="wire")]
    assert stories_of(articles, []) == [{"copy", "wire"}]


def test_an_article_without_events_joins_the_story_whose_actors_it_shares() -> None:
    day = date(2024, 12, 4)
    articles = [article("a", day, ("CHN", "PHL")), article("b", day, ("CHN", "PHL", "USA")),
                article("c", day, ("BRA", "ARG"))]
    mentions = [mention("a", etype="COERCE", source="CHN", target="PHL", when="2024-12-04", anchor=day)]
    assert stories_of(articles, mentions) == [{"a", "b"}, {"c"}]


def test_an_article_goes_with_its_lead_happening() -> None:
    day = date(2024, 10, 1)
    articles = [article("x", day), article("y", day), article("both", day)]
    mentions = [mention("x", anchor=day), mention("y", etype="CONSULT", source="IDN", target="VNM", anchor=day),
                mention("both", etype="CONSULT", source="IDN", target="VNM", anchor=day, number=0),
                mention("both", anchor=day, number=1)]
    for m in mentions:
        if m.type == "CONSULT":
            m.quad_class = 1
    assert stories_of(articles, mentions) == [{"both", "y"}, {"x"}]


def test_the_headline_names_the_main_happening_when_the_text_opens_with_another() -> None:
    day = date(2024, 10, 1)
    strike = ArticleFacts("strike", f"{day}T09:00:00+07:00", day, "o1", "strike", frozenset({"IRN", "ISR"}))
    background_first = ArticleFacts("later", f"{day}T10:00:00+07:00", day, "o2", "later",
                                    frozenset({"IRN", "ISR", "LBN"}), headline=frozenset({"IRN", "ISR"}))
    mentions = [mention("strike", source="IRN", target="ISR", anchor=day),
                mention("later", source="ISR", target="LBN", anchor=day, number=0),
                mention("later", source="IRN", target="ISR", anchor=day, number=1)]
    records = build_records(mentions)
    record_of = {(m.article_id, m.event_no): r for r in records for m in r.mentions}
    stories = group_stories(build_units([strike, background_first], mentions, record_of))
    assert [{a.id for u in s.units for a in u.members} for s in stories] == [{"strike", "later"}]


@pytest.mark.parametrize("title, expected", [
    ("Iran Serang Israel dengan Puluhan Rudal", {"IRN", "ISR"}),
    ("Teheran Luncurkan Rudal, Tel Aviv Siaga", {"IRN"}),
    ("Harga Minyak Naik", set()),
])
def test_headline_actors_are_the_entities_whose_written_forms_it_contains(title: str, expected: set[str]) -> None:
    names = [("IRN", ["Iran", "Teheran"]), ("ISR", ["Israel"]), ("USA", ["AS", "Amerika Serikat"])]
    assert headline_actors(title, names) == expected


def test_undated_reports_join_only_when_they_name_the_same_people_and_places() -> None:
    def undated(name: str, terms: set[str]) -> ArticleFacts:
        return ArticleFacts(name, None, None, f"o-{name}", name, frozenset({"ISR", "PSE"}), terms=frozenset(terms))

    articles = [undated("gaza", {"gaza", "rafah", "hamas"}), undated("rafah", {"rafah", "gaza", "khan"}),
                undated("tanker", {"houthi", "yaman", "aden"})]
    mentions = [mention(a.id, source="ISR", target="PSE", when=None, anchor=None) for a in articles]
    assert stories_of(articles, mentions) == [{"gaza", "rafah"}, {"tanker"}]


@pytest.mark.parametrize("title, text, expected", [
    ("Erdogan Tiba di Bogor", "Presiden Turki Recep Tayyip Erdogan disambut Presiden Prabowo di Istana Bogor.",
     {"erdogan", "recep", "tayyip", "turki", "prabowo"}),
    ("Kapal Houthi Serang Tanker", "Namun pada Selasa, kelompok Houthi kembali menyerang tanker di Laut Merah.",
     {"houthi"}),
])
def test_name_terms_are_capitalised_words_outside_the_ordinary_vocabulary(title: str, text: str,
                                                                          expected: set[str]) -> None:
    assert set(name_terms(title, text)) == expected


def _random_corpus(seed: int) -> tuple[list[ArticleFacts], list]:
    """Articles over four months: happenings of a few pairs, reactions by third states, articles without
    events (sharing actors or not), undated reports known by their name terms, and copies."""
    rng = random.Random(seed)
    states = ["IDN", "CHN", "PHL", "USA", "ISR", "IRN"]
    terms = ["gaza", "rafah", "manila", "scarborough", "hormuz", "teheran", "kyiv", "natuna"]
    articles: list[ArticleFacts] = []
    mentions = []
    for n in range(160):
        name = f"a{n:03d}"
        day = None if rng.random() < 0.1 else date(2024, 1, 1) + timedelta(days=rng.randrange(120))
        actors = tuple(rng.sample(states, rng.randint(0, 3)))
        copy_of = f"a{rng.randrange(n):03d}" if n and rng.random() < 0.1 else None
        articles.append(ArticleFacts(name, f"{day}T09:00:00+07:00" if day else None, day, f"o{n % 7}",
                                     copy_of or name, frozenset(actors), terms=frozenset(rng.sample(terms, 3))))
        for number in range(rng.choice([0, 1, 1, 2])):
            source, target = rng.sample(states, 2)
            etype = rng.choice(["ASSAULT", "CONSULT", "AGREE", "ACCUSE", "REJECT", "PROTEST", "SUPPORT"])
            found = mention(name, etype=etype, source=source, target=target,
                            when=day.isoformat() if day and rng.random() < 0.7 else None, anchor=day, number=number)
            found.quad_class = rng.choice([1, 2, 3, 4])
            mentions.append(found)
    return articles, mentions


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stories_asked_by_day_are_those_of_asking_every_story(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # the index of stories by first day only spares the stories that cannot be open for a unit
    articles, mentions = _random_corpus(seed)
    by_day = stories_of(articles, mentions)
    monkeypatch.setattr(stories._StoriesByDay, "open_candidates", lambda index, unit: list(index._all))
    assert by_day == stories_of(articles, mentions)
    assert 20 < len(by_day) < len(articles)


def test_a_unit_is_weighed_only_against_stories_that_began_within_the_span() -> None:
    span = timedelta(days=stories.thresholds().story_span_days)
    day = date(2025, 6, 1)
    first_days = [day - 3 * span, day - span, day - span / 2, day, day + timedelta(days=1), None]
    index = stories._StoriesByDay(stories.Story(None, first) for first in first_days)
    unit = stories.Unit("u", [article("u", day)], day, None, None, [])
    assert sorted(str(s.first_day) for s in index.open_candidates(unit)) == sorted(
        str(first) for first in [day - span, day - span / 2, day, None])
    undated = stories.Unit("v", [article("v", None)], None, None, None, [])
    assert len(index.open_candidates(undated)) == len(first_days)
