"""The dyad chart: periods on a date axis, a figure that stops growing, bars that fill their period."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sorot.corpus.plot import (
    BAR_SHARE,
    MAX_WIDTH_INCHES,
    MIN_WIDTH_INCHES,
    _bar_widths,
    figure_width,
    plot_series,
)


def _series(starts: list[date]) -> list[dict[str, Any]]:
    """A made-up series: some periods with records of each QuadClass, others empty (no Goldstein)."""
    series = []
    for number, start in enumerate(starts):
        quads = {"1": number % 3, "2": number % 2, "3": number % 5 == 0, "4": number % 7 == 0}
        records = sum(int(count) for count in quads.values())
        series.append({"period": start.isoformat(), "records": records,
                       "by_quad": {quad: int(count) for quad, count in quads.items()},
                       "goldstein": (number % 11) - 5.0 if records else None})
    return series


def _svg_width_points(path: Path) -> float:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', path.read_text(encoding="utf-8"))
    assert match is not None
    return float(match.group(1))


def test_the_figure_grows_with_the_periods_between_its_bounds() -> None:
    assert figure_width(1) == MIN_WIDTH_INCHES
    assert MIN_WIDTH_INCHES < figure_width(12) < MAX_WIDTH_INCHES
    assert figure_width(365) == figure_width(3650) == MAX_WIDTH_INCHES


@pytest.mark.parametrize("starts, days", [
    ([date(2024, 1, 1) + timedelta(days=n) for n in range(5)], 1),
    ([date(2024, 1, 1) + timedelta(weeks=n) for n in range(5)], 7),
])
def test_a_bar_fills_its_share_of_the_period(starts: list[date], days: int) -> None:
    assert _bar_widths(starts) == [BAR_SHARE * days] * len(starts)


def test_months_of_unequal_length_and_a_single_period() -> None:
    months = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert _bar_widths(months) == [BAR_SHARE * 31, BAR_SHARE * 29, BAR_SHARE * 29]
    assert _bar_widths([date(2024, 5, 1)]) == [BAR_SHARE]


def test_a_year_by_day_makes_a_chart_as_wide_as_the_bound(tmp_path: Path) -> None:
    days = [date(2023, 6, 1) + timedelta(days=n) for n in range(400)]
    chart = tmp_path / "daily.svg"
    plot_series(_series(days), "RUS <-> UKR", chart)
    assert _svg_width_points(chart) == pytest.approx(MAX_WIDTH_INCHES * 72)


def test_a_few_months_make_a_small_chart_in_both_formats(tmp_path: Path) -> None:
    months = [date(2024, month, 1) for month in range(1, 7)]
    plot_series(_series(months), "IDN <-> VNM", tmp_path / "monthly.svg")
    assert _svg_width_points(tmp_path / "monthly.svg") == pytest.approx(figure_width(6) * 72)
    plot_series(_series(months), "IDN <-> VNM", tmp_path / "monthly.png")
    assert (tmp_path / "monthly.png").read_bytes().startswith(b"\x89PNG")
