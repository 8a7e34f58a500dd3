"""HTML pages: trafilatura finds the article's text blocks; the same line labeller then cleans them."""

from __future__ import annotations

import trafilatura


def html_blocks(html: str) -> list[str]:
    """The main text of a page as a list of blocks (paragraphs, list items, headings) in order."""
    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False, favor_recall=True,
    )
    if not text:                      # truncated or odd markup: fall back to the page's plain text
        _, text, _ = trafilatura.baseline(html)
    return [block.strip() for block in (text or "").split("\n") if block.strip()]
