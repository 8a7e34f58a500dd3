"""Headlines as scrapers hand them over: a prefix such as " date 2023-10-07 " glued before the headline
(pattern in data/text/headlines.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from sorot.data import read_yaml


@lru_cache(maxsize=1)
def _scrape_prefix() -> re.Pattern[str]:
    data = read_yaml(resources.files("sorot.data").joinpath("text/headlines.yaml").read_text("utf-8"))
    return re.compile(data["scrape_prefix"], re.IGNORECASE)


def without_scrape_prefix(text: str) -> str:
    """`text` without a scraper's date prefix ("tanggal 2024-02-14 Judul" -> "Judul"); unchanged otherwise.
    The result is not stripped: callers that compare or store a headline strip it themselves."""
    return _scrape_prefix().sub("", text)
