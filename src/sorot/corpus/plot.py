"""Draw a dyad series (sorot.corpus.series) with matplotlib: records per QuadClass as stacked bars and the
mean Goldstein score as a line on a second axis. PNG or SVG, chosen by the file name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

QUAD_COLOURS = {"1": ("verbal cooperation", "#7fbf7b"), "2": ("material cooperation", "#1b7837"),
                "3": ("verbal conflict", "#f4a582"), "4": ("material conflict", "#b2182b")}


def plot_series(series: list[dict[str, Any]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")          # no display: files only
    import matplotlib.pyplot as plt

    periods = [p["period"] for p in series]
    figure, counts = plt.subplots(figsize=(max(6.0, 0.5 * len(periods) + 3), 4.5))
    bottom = [0] * len(series)
    for quad, (label, colour) in QUAD_COLOURS.items():
        values = [p["by_quad"][quad] for p in series]
        counts.bar(periods, values, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    counts.set_ylabel("event records")
    counts.tick_params(axis="x", labelrotation=45)
    goldstein = counts.twinx()
    goldstein.plot(periods, [p["goldstein"] if p["goldstein"] is not None else float("nan") for p in series],
                   color="black", marker="o", label="mean Goldstein (weighted by articles)")
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
