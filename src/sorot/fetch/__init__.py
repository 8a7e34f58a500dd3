"""sorot fetch: news sites to the store, politely and reproducibly.

    import sorot
    report = sorot.fetch(feeds=["https://example.co.id/rss"], db="sorot.duckdb", warc="archive/")

Modules: `urls` (normal forms, same site, article-looking), `discover` (feeds, sitemaps, URL lists),
`politeness` (robots.txt, per-host pace, clocks), `client` (the HTTP client), `archive` (WARC files),
`pages` (multi-page articles), `state` (the `fetches` table), `crawl` (one run). Imports are lazy so
that `sorot.ingest` can read the archive conventions of `sorot.fetch.archive` without loading httpx.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sorot.fetch.crawl import FetchReport

__all__ = ["fetch"]


def fetch(*args: Any, **kwargs: Any) -> FetchReport:
    """See sorot.fetch.crawl.fetch."""
    from sorot.fetch.crawl import fetch as _fetch

    return _fetch(*args, **kwargs)


class _CallablePackage(types.ModuleType):
    """`sorot.fetch` is this package (with its submodules) and also the function: `sorot.fetch(...)`.

    A plain function named `fetch` in sorot/__init__.py would be replaced by the package the first time
    anything imports `sorot.fetch.<module>` (Python sets the package as an attribute of its parent)."""

    def __call__(self, *args: Any, **kwargs: Any) -> FetchReport:
        return fetch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
