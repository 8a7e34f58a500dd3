"""The URL and pagination knowledge of data/fetch/urls.yaml, loaded once into typed, compiled rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import UrlData


def _any(patterns: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `patterns` (never matching when there are none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


@dataclass(frozen=True)
class UrlRules:
    tracking_params: re.Pattern[str]
    page_params: frozenset[str]
    amp_hosts: re.Pattern[str]
    amp_segments: frozenset[str]
    amp_params: re.Pattern[str]
    site_prefixes: tuple[str, ...]
    non_article_segments: frozenset[str]
    non_article_suffixes: tuple[str, ...]
    article_shapes: re.Pattern[str]
    next_page_texts: re.Pattern[str]
    page_number_text: re.Pattern[str]
    joined_elements: frozenset[str]


@data_cached
def load_rules() -> UrlRules:
    data = load_data("fetch/urls.yaml", UrlData)
    amp = data.amp
    return UrlRules(
        tracking_params=_any(data.tracking_params),
        page_params=frozenset(p.lower() for p in data.page_params),
        amp_hosts=_any(amp.hosts),
        amp_segments=frozenset(s.lower() for s in amp.path_segments),
        amp_params=_any(amp.params),
        site_prefixes=tuple(p.lower() for p in data.site_prefixes),
        non_article_segments=frozenset(s.lower() for s in data.non_article_segments),
        non_article_suffixes=tuple(s.lower() for s in data.non_article_suffixes),
        article_shapes=_any(data.article_shapes),
        next_page_texts=_any(data.next_page_texts),
        page_number_text=re.compile(data.page_number_text, re.IGNORECASE),
        joined_elements=frozenset(data.joined_elements),
    )
