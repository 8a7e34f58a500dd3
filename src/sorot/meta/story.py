"""The story's own date, for articles published (or republished) months after the events they tell."""

from __future__ import annotations

import re
from datetime import date

from sorot.data import data_cached
from sorot.text.dates import find_datetimes, vocabulary
from sorot.text.temporal import config


@data_cached
def _day_name() -> re.Pattern[str]:
    days = sorted(vocabulary()["days"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(d) for d in days if len(d) > 3) + r")\b", re.I)


def story_date(texts: list[str], published: str | None) -> str | None:
    """The latest explicit full date in the story when it lies well before the publication day (ISO date),
    else None. The body must also tell time by day names ("pada Kamis"), which anchor to the story's
    week, so a lone historical date ("sejak 24 Februari 2022") does not count."""
    if not published:
        return None
    day = date.fromisoformat(published[:10])
    dates = [m.day for text in texts for m in find_datetimes(text) if m.day <= day]
    if not dates:
        return None
    latest = max(dates)
    gap = (day - latest).days
    rules = config()["republished"]
    if not rules["min_gap_days"] < gap <= rules["max_gap_days"]:
        return None
    return latest.isoformat() if any(_day_name().search(text) for text in texts) else None
