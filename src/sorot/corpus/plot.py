"""Draw a dyad series (sorot.corpus.series) with matplotlib: records per QuadClass as stacked bars and the
mean Goldstein score as a line on a second axis. PNG or SVG, chosen by the file name.

The periods sit on a date axis (bars from each period's first day, or filled steps when there are many;
ticks chosen by matplotlib for the span),
and the figure grows with the number of periods only up to MAX_WIDTH_INCHES: a daily series over years is
as wide as a monthly one, instead of a bar and a label per day on a figure hundreds of inches wide (which
took seconds to draw and could not be read)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

QUAD_COLOURS = {"1": ("verbal cooperation", "#7fbf7b"), "2": ("material cooperation", "#1b7837"),
                "3": ("verbal conflict", "#f4a582"), "4": ("material conflict", "#b2182b")}
MIN_WIDTH_INCHES, MAX_WIDTH_INCHES = 6.0, 14.0
INCHES_PER_PERIOD = 0.5                # while the periods fit: a readable bar each
MARKED_PERIODS = 60                    # up to this many periods a bar each and a marked Goldstein point;
                                       # beyond, filled steps and a plain line
BAR_SHARE = 0.8                        # of a period's length drawn as its bar (a gap between bars)


def figure_width(periods: int) -> float:
    """Inches: half an inch per period and a margin, between MIN_WIDTH_INCHES and MAX_WIDTH_INCHES."""
    return min(MAX_WIDTH_INCHES, max(MIN_WIDTH_INCHES, INCHES_PER_PERIOD * periods + 3))


def plot_series(series: list[dict[str, Any]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")          # no display: files only
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    starts = [date.fromisoformat(p["period"]) for p in series]
    widths = _bar_widths(starts)
    figure, counts = plt.subplots(figsize=(figure_width(len(series)), 4.5))
    positions = [float(day) for day in mdates.date2num(starts)]     # matplotlib's day numbers
    bottom = [0] * len(series)
    edges = [*positions, positions[-1] + widths[-1] / BAR_SHARE]
    for quad, (label, colour) in QUAD_COLOURS.items():
        values = [p["by_quad"][quad] for p in series]
        top = [b + v for b, v in zip(bottom, values, strict=True)]
        if len(series) <= MARKED_PERIODS:
            counts.bar(positions, values, width=widths, bottom=bottom, align="edge", label=label, color=colour)
        else:   # one filled step line per QuadClass: thousands of bars took seconds and merged into a blur
            counts.stairs(top, edges, baseline=bottom, fill=True, label=label, color=colour)
        bottom = top
    counts.set_ylabel("event records")
    locator = mdates.AutoDateLocator()
    counts.xaxis.set_major_locator(locator)
    counts.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    goldstein = counts.twinx()
    middles = [position + width / 2 for position, width in zip(positions, widths, strict=True)]
    goldstein.plot(middles, [p["goldstein"] if p["goldstein"] is not None else float("nan") for p in series],
                   color="black", marker="o" if len(series) <= MARKED_PERIODS else None,
                   label="mean Goldstein (weighted by articles)")
    goldstein.set_ylim(-10, 10)
    goldstein.axhline(0, color="grey", linewidth=0.5)
    goldstein.set_ylabel("Goldstein")
    handles = counts.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    counts.legend(handles=handles, loc="upper left", fontsize="small")
    counts.set_title(title)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)


def _bar_widths(starts: list[date]) -> list[float]:
    """Each bar's width in days: BAR_SHARE of its period (up to the next period's start; the last one as
    long as the one before it, a single period one day)."""
    lengths = [(later - earlier).days for earlier, later in zip(starts, starts[1:], strict=False)]
    lengths.append(lengths[-1] if lengths else 1)
    return [BAR_SHARE * length for length in lengths]
