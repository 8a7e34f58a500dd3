"""Cleaning: which lines of a scraped page are the article. (stub: filled by the clean work)"""

from sorot.schema import Article, Line, RawDoc


def clean(raw: RawDoc) -> Article:
    lines = [Line(n, t, "body") for n, t in enumerate(raw.content.split("\n"), 1) if t.strip()]
    text = "\n\n".join(line.text.strip() for line in lines)
    return Article(source=raw.source, text=text, lines=lines, raw=raw, format=raw.format, url=raw.url)
