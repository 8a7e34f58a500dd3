"""Exports of a store: articles as JSON Lines (the spec's record) or Parquet, event records as sorot JSON
Lines, the GDELT 2.0 Event table or PLOVER JSON (written by sorot.corpus.export).

Each `export_*` function writes to a file, or to standard output when `output` is None, and returns how
many items it wrote. Write failures (disk full, permissions) reach the caller as OSError.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import duckdb

from sorot.store import Store

ARTICLE_FORMATS = ("jsonl", "parquet")
RECORD_FORMATS = ("records", "gdelt", "plover")
FORMATS = (*ARTICLE_FORMATS, *RECORD_FORMATS)


@contextmanager
def _text_output(output: Path | None) -> Iterator[TextIO]:
    """The file `output` opened for UTF-8 text with "\\n" line ends, or standard output (left open)."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as stream:
        yield stream


def write_jsonl(records: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """One JSON object a line, non-ASCII kept as itself; the number of lines written."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(records: Iterable[dict[str, Any]], output: Path) -> int:
    """The records as one Parquet table; the number of rows written."""
    import pyarrow as pa  # imported here: a JSON Lines export does without it
    import pyarrow.parquet as pq

    # the metadata evidence differs in shape from field to field: Parquet gets it as JSON text
    rows = [{**r, "meta_evidence": json.dumps(r["meta_evidence"], ensure_ascii=False)} if "meta_evidence" in r
            else r for r in records]
    output.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), output)
    return len(rows)


def article_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored article as the export record of docs/article-jsonl (the spec's record)."""
    return (article.to_export() for article in store.read_articles())


def export_articles(store: Store, format_: str, output: Path | None = None) -> int:
    """Every stored article as JSON Lines ("jsonl", stdout when `output` is None) or Parquet (a file)."""
    if format_ not in ARTICLE_FORMATS:
        raise ValueError(f"article formats are {', '.join(ARTICLE_FORMATS)} (got {format_!r})")
    if format_ == "parquet":
        if output is None:
            raise ValueError("a Parquet export needs an output file")
        return write_parquet(article_records(store), output)
    with _text_output(output) as stream:
        return write_jsonl(article_records(store), stream)


def _record_writer(format_: str) -> Callable[[duckdb.DuckDBPyConnection, TextIO], int]:
    from sorot.corpus import export as record_export  # imported here: pycountry loads slowly

    writers: dict[str, Callable[[duckdb.DuckDBPyConnection, TextIO], int]] = {
        "records": record_export.write_records_jsonl, "gdelt": record_export.write_gdelt,
        "plover": record_export.write_plover}
    return writers[format_]


def export_records(store: Store, format_: str, output: Path | None = None) -> int:
    """Event records as sorot JSON Lines with their mentions ("records"), the GDELT 2.0 Event table
    ("gdelt") or PLOVER JSON ("plover"), to `output` or stdout."""
    if format_ not in RECORD_FORMATS:
        raise ValueError(f"record formats are {', '.join(RECORD_FORMATS)} (got {format_!r})")
    writer = _record_writer(format_)
    with _text_output(output) as stream:
        return writer(store.con, stream)


def export(store: Store, format_: str, output: Path | None = None) -> int:
    """Any export by its format name (FORMATS): articles or event records."""
    if format_ in RECORD_FORMATS:
        return export_records(store, format_, output)
    return export_articles(store, format_, output)
