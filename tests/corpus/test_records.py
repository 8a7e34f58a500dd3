"""Event records: which mentions are one real-world event (same source, type, target, compatible dates)."""

from __future__ import annotations

from datetime import date

import pytest

from sorot.corpus.records import (
    Mention,
    _most_common,
    attach_undated,
    build_records,
    merge_date_outliers,
    record_row,
)


def mention(article: str, etype: str = "ASSAULT", source: str = "ISR", target: str = "LBN",
            when: str | None = "2024-10-01", status: str = "reported", outlet: str | None = None,
            anchor: date | None = date(2024, 10, 2), number: int = 0) -> Mention:
    return Mention(article_id=article, event_no=number, start=10 * number, type=etype, mode=None,
                   source_key=source, source_name=source, target_key=target, target_name=target, status=status,
                   date=when, cameo=None, goldstein=-10.0, quad_class=4, published=f"{anchor}T08:00:00+07:00",
                   anchor=anchor, outlet=outlet or f"outlet-{article}", copy_root=article)


def groups(records: list) -> list[set[tuple[str, int]]]:
    return sorted(({(m.article_id, m.event_no) for m in r.mentions} for r in records), key=sorted)


def test_mentions_of_one_day_in_several_articles_are_one_record() -> None:
    records = build_records([mention("a"), mention("b"), mention("c")])
    assert groups(records) == [{("a", 0), ("b", 0), ("c", 0)}]
    row = record_row(records[0])
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (3, 3, 3)


def test_repeated_mentions_inside_one_article_share_the_record() -> None:
    records = build_records([mention("a", number=0), mention("a", number=3)])
    row = record_row(records[0])
    assert len(records) == 1 and (row["num_mentions"], row["num_articles"]) == (2, 1)


def test_two_days_of_strikes_are_two_records() -> None:
    records = build_records([mention("a", when="2024-10-01"), mention("b", when="2024-10-05")])
    assert len(records) == 2


def test_other_type_or_direction_is_another_record_but_symmetric_types_ignore_order() -> None:
    assert len(build_records([mention("a"), mention("b", source="LBN", target="ISR")])) == 2
    assert len(build_records([mention("a"), mention("b", etype="THREATEN")])) == 2
    meeting = [mention("a", etype="CONSULT", source="IDN", target="VNM"),
               mention("b", etype="CONSULT", source="VNM", target="IDN")]
    assert len(build_records(meeting)) == 1


def test_a_month_only_mention_joins_the_busiest_day_of_that_month() -> None:
    records = build_records([mention("a", when="2024-10-01"), mention("b", when="2024-10-01"),
                             mention("c", when="2024-10-20"), mention("d", when="2024-10")])
    by_day = {r.date: {m.article_id for m in r.mentions} for r in records}
    assert by_day == {"2024-10-01": {"a", "b", "d"}, "2024-10-20": {"c"}}


def test_a_month_only_mention_with_no_day_to_join_keeps_its_month() -> None:
    records = build_records([mention("a", when="2024-11"), mention("b", when="2024-11")])
    assert [r.date for r in records] == ["2024-11"] and len(records[0].mentions) == 2


def test_an_undated_mention_joins_a_record_of_the_days_before_its_article() -> None:
    records = build_records([mention("a", when="2024-10-01"), mention("b", when=None, anchor=date(2024, 10, 2))])
    assert len(records) == 1
    late = build_records([mention("a", when="2024-10-01"), mention("b", when=None, anchor=date(2024, 12, 2))])
    assert len(late) == 2 and {r.date for r in late} == {"2024-10-01", None}


def test_a_planned_mention_joins_the_reported_event_and_the_record_is_reported() -> None:
    records = build_records([mention("a", status="planned"), mention("b")])
    assert len(records) == 1 and record_row(records[0])["status"] == "reported"
    only_planned = build_records([mention("a", status="planned")])
    assert record_row(only_planned[0])["status"] == "planned"


def test_a_negated_mention_never_joins_a_reported_record() -> None:
    records = build_records([mention("a"), mention("b", status="negated")])
    assert sorted(record_row(r)["status"] for r in records) == ["negated", "reported"]


def test_copies_from_one_outlet_count_once_as_a_source() -> None:
    records = build_records([mention("a", outlet="Kantor Berita"), mention("b", outlet="Kantor Berita"),
                             mention("c", outlet="Harian Lain")])
    assert record_row(records[0])["num_sources"] == 2


def test_ids_are_stable_and_do_not_depend_on_input_order() -> None:
    first = build_records([mention("a"), mention("b", when="2024-10-05")])
    second = build_records([mention("b", when="2024-10-05"), mention("a")])
    assert sorted(r.id for r in first) == sorted(r.id for r in second)


def test_an_undated_record_of_a_story_joins_the_dated_record_of_that_story() -> None:
    records = build_records([mention("a", when="2024-10-01"), mention("b", when=None, anchor=None)])
    assert len(records) == 2
    merged = attach_undated(records, {"a": "s1", "b": "s1"})
    assert groups(merged) == [{("a", 0), ("b", 0)}]
    apart = attach_undated(build_records([mention("a"), mention("b", when=None, anchor=None)]),
                           {"a": "s1", "b": "s2"})
    assert len(apart) == 2


def test_a_year_only_mention_joins_a_lone_record_of_that_year_but_never_chooses_between_two() -> None:
    lone = build_records([mention("a", when="2025-07-28"), mention("b", when="2025")])
    assert len(lone) == 1
    two = build_records([mention("a", when="2025-07-28"), mention("b", when="2025-07-29"), mention("c", when="2025")])
    assert sorted(r.date for r in two) == ["2025", "2025-07-28", "2025-07-29"]


def test_an_undated_plan_joins_the_event_of_the_days_after_its_article() -> None:
    records = build_records([mention("a", when="2025-07-25"), mention("b", when="2025-07-30"),
                             mention("plan", when=None, status="planned", anchor=date(2025, 7, 28)),
                             mention("report", when=None, anchor=date(2025, 7, 28))])
    by_day = {r.date: {m.article_id for m in r.mentions} for r in records}
    assert by_day == {"2025-07-25": {"a", "report"}, "2025-07-30": {"b", "plan"}}


def test_a_lone_article_a_day_off_from_what_three_outlets_report_is_the_same_event_misdated() -> None:
    majority = [mention(name, when="2025-11-09") for name in ("a", "b", "c")]
    records = build_records([*majority, mention("late", when="2025-11-10")])
    story = {name: "s1" for name in ("a", "b", "c", "late")}
    merged = merge_date_outliers(records, story)
    assert groups(merged) == [{("a", 0), ("b", 0), ("c", 0), ("late", 0)}] and merged[0].date == "2025-11-09"


def test_two_outlets_a_day_apart_or_another_story_keep_their_own_records() -> None:
    pair = build_records([mention("a", when="2025-11-09"), mention("b", when="2025-11-09"),
                          mention("late", when="2025-11-10")])
    assert len(merge_date_outliers(pair, {"a": "s", "b": "s", "late": "s"})) == 2
    majority = build_records([*(mention(n, when="2025-11-09") for n in "abc"), mention("late", when="2025-11-10")])
    other_story = {"a": "s1", "b": "s1", "c": "s1", "late": "s2"}
    assert len(merge_date_outliers(majority, other_story)) == 2
    two_days = build_records([*(mention(n, when="2025-11-09") for n in "abc"), mention("late", when="2025-11-11")])
    assert len(merge_date_outliers(two_days, {n: "s" for n in ("a", "b", "c", "late")})) == 2


@pytest.mark.parametrize("values, expected", [
    ([], None), ([None, None], None), (["CONSULT"], "CONSULT"), ([None, "AGREE", "AGREE"], "AGREE"),
    (["AGREE", "CONSULT", "CONSULT"], "CONSULT"),   # the most frequent
    (["AGREE", "CONSULT"], "AGREE"),                # a tie: the first seen
    ([None, 4, 3, 3, 4], 4),
])
def test_a_records_summary_value_is_the_most_frequent_one(values: list, expected: object) -> None:
    assert _most_common(values) == expected
