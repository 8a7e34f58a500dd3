"""Headlines as scrapers hand them over: a prefix such as " date 2023-10-07 " glued before the headline
(pattern in data/text/headlines.yaml)."""

from __future__ import annotations

import re

from sorot.data import data_cached, load_data
from sorot.data.schemas import HeadlinesData


@data_cached
def _scrape_prefix() -> re.Pattern[str]:
    return re.compile(load_data("text/headlines.yaml", HeadlinesData).scrape_prefix, re.IGNORECASE)


def without_scrape_prefix(text: str) -> str:
    """`text` without a scraper's date prefix ("tanggal 2024-02-14 Judul" -> "Judul"); unchanged otherwise.
    The result is not stripped: callers that compare or store a headline strip it themselves."""
    return _scrape_prefix().sub("", text)
