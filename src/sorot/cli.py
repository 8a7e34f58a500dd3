"""The `sorot` command line: run the pipeline into DuckDB, export, and look at what is stored."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sorot.ingest import DEFAULT_LIMIT_BYTES, read_file, walk_files
from sorot.schema import Article, RawDoc, Rejected
from sorot.store import RunCounts, Store, raw_hash

app = typer.Typer(help="sorot: Indonesian news on international affairs to structured data.", no_args_is_help=True,
                  add_completion=False)
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file")]
BATCH_SIZE = 16          # articles per transaction: an interruption loses at most one batch of unsaved work
BATCH_SECONDS = 1.0      # ... or one second of it
PROGRESS_MIN_FILES = 4   # fewer files than this run without a progress bar


def select_stages(names: str | None) -> list[str] | None:
    """Stage names to run after cleaning (None: all). "meta,nlp" keeps those; "" runs cleaning only."""
    if names is None:
        return None
    return [name.strip() for name in names.split(",") if name.strip()]


def process_safely(raw: RawDoc, stage_names: list[str] | None = None) -> Article | Rejected:
    """The pipeline on one document; an exception becomes a Rejected record instead of ending the run."""
    from sorot.pipeline import STAGES, process_raw

    stages = None if stage_names is None else [(n, stage) for n, stage in STAGES if n in stage_names]
    try:
        return process_raw(raw, stages)
    except Exception as error:  # noqa: BLE001 (one bad document must not stop the run)
        message = str(error).splitlines()[0] if str(error) else ""
        return Rejected(raw.source, f"processing error: {type(error).__name__}: {message}"[:300],
                        repr(error)[:1000], raw.location)


class Runner:
    """One `sorot run`: reads inputs, skips unchanged ones, processes, and saves in small transactions."""

    def __init__(self, store: Store, run_id: str, workers: int = 1, stage_names: list[str] | None = None) -> None:
        self.store, self.run_id, self.workers, self.stage_names = store, run_id, workers, stage_names
        self.counts = RunCounts()
        self.pending: list[tuple[Article, str]] = []
        self.last_flush = time.monotonic()
        self.articles_done = 0

    def reject(self, rejected: Rejected) -> None:
        self.counts.rejected.append(rejected)
        self.store.save_rejected(rejected, self.run_id)

    def todo(self, items: Iterator[RawDoc | Rejected]) -> list[RawDoc]:
        """Records rejected inputs and unchanged inputs; returns the documents that need processing."""
        docs = []
        for item in items:
            if isinstance(item, Rejected):
                self.reject(item)
            elif self.store.is_unchanged(item.location, raw_hash(item)):
                self.counts.unchanged += 1
                self.articles_done += 1
            else:
                docs.append(item)
        return docs

    def add(self, raw: RawDoc, result: Article | Rejected) -> None:
        self.articles_done += 1
        if isinstance(result, Rejected):
            self.reject(result)
            return
        self.pending.append((result, raw_hash(raw)))
        if len(self.pending) >= BATCH_SIZE or time.monotonic() - self.last_flush > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            for status in self.store.save_batch(self.pending):
                if status == "updated":
                    self.counts.updated += 1
                else:
                    self.counts.stored += 1
        self.pending = []
        self.last_flush = time.monotonic()

    def process(self, docs: list[RawDoc]) -> None:
        if self.workers > 1 and len(docs) > 1:
            results = _process_with_dask(docs, self.workers, self.stage_names)
        else:
            results = (process_safely(doc, self.stage_names) for doc in docs)
        for doc, result in zip(docs, results, strict=True):
            self.add(doc, result)


def _process_with_dask(docs: list[RawDoc], workers: int, stage_names: list[str] | None) -> list[Article | Rejected]:
    """The same per-document function in a Dask bag on `workers` processes; results keep the input order."""
    import dask.bag as db

    bag = db.from_sequence(docs, npartitions=min(len(docs), workers * 4))
    return bag.map(process_safely, stage_names).compute(scheduler="processes", num_workers=workers)


def _progress(quiet: bool, files: int):  # noqa: ANN202 (rich's Progress or a no-op)
    from contextlib import nullcontext

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if quiet or files < PROGRESS_MIN_FILES:
        return nullcontext(None)
    return Progress(TextColumn("[bold]sorot run"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                    TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), console=console)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="files or folders to read")],
    db: DbOption = Path("sorot.duckdb"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no summary")] = False,
    limit_mb: Annotated[float, typer.Option("--limit-mb", help="reject files larger than this")] = (
        DEFAULT_LIMIT_BYTES / 1024 / 1024),
    workers: Annotated[int, typer.Option("--workers", help="processes (a Dask bag) for the pipeline")] = 1,
    stages: Annotated[str | None, typer.Option("--stages", envvar="SOROT_STAGES", hidden=True,
                                               help="only these stages after cleaning (tests, benchmarks)")] = None,
) -> None:
    """Read articles from PATHS, run the pipeline on each and store the results in the database."""
    limit = int(limit_mb * 1024 * 1024)
    started = time.monotonic()
    with Store(db) as store:
        run_id = store.start_run([str(p) for p in paths])
        runner = Runner(store, run_id, workers, select_stages(stages))
        items = list(_walk(paths, runner))
        chunk = max(1, workers * 25) if workers > 1 else 1
        try:
            with _progress(quiet, len(items)) as progress:
                task = progress.add_task("run", total=len(items), rate=0.0) if progress else None
                for start in range(0, len(items), chunk):
                    group = items[start:start + chunk]
                    runner.process(runner.todo(doc for path in group for doc in read_file(path, limit)))
                    if progress is not None:
                        rate = runner.articles_done / max(time.monotonic() - started, 1e-6)
                        progress.update(task, advance=len(group), rate=rate)
        except KeyboardInterrupt:
            runner.flush()
            console.print(f"[yellow]Interrupted: {runner.counts.stored + runner.counts.updated} articles saved; "
                          "run again to continue.[/]")
            raise typer.Exit(130) from None
        runner.flush()
        store.finish_run(run_id, runner.counts)
        if not quiet:
            _print_summary(store, runner.counts, time.monotonic() - started)


def _walk(paths: list[Path], runner: Runner) -> Iterator[Path]:
    seen: set[str] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            runner.reject(Rejected(path.name, "unreadable: no such file or directory", str(path), str(path)))
            continue
        for item in walk_files(path, seen):
            if isinstance(item, Rejected):
                runner.reject(item)
            else:
                yield item


def _print_summary(store: Store, counts: RunCounts, seconds: float) -> None:
    facts = store.query("SELECT count(DISTINCT outlet) AS outlets, min(published_date) AS first, "
                        "max(published_date) AS last FROM articles")[0]
    languages = store.query("SELECT coalesce(language, '?') AS language, count(*) AS n FROM articles "
                            "GROUP BY 1 ORDER BY n DESC")
    table = Table(title="sorot run", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    processed = counts.stored + counts.updated
    table.add_row("articles stored (new)", str(counts.stored))
    table.add_row("articles updated (or read twice)", str(counts.updated))
    table.add_row("unchanged (skipped)", str(counts.unchanged))
    table.add_row("time", f"{seconds:.1f} s ({processed / max(seconds, 1e-6):.1f} articles/s processed)")
    table.add_row("outlets in the store", str(facts["outlets"]))
    table.add_row("date range", f"{facts['first'] or '?'} to {facts['last'] or '?'}")
    table.add_row("languages", ", ".join(f"{r['language']} ({r['n']})" for r in languages) or "-")
    table.add_row("rejected inputs", str(len(counts.rejected)))
    console.print(table)
    for rejected in counts.rejected:
        console.print(f"  [red]rejected[/] {rejected.location or rejected.source}: {rejected.reason}"
                      + (f" ({rejected.detail})" if rejected.detail else ""), highlight=False, soft_wrap=True)


def _open_existing(db: Path) -> Store:
    if not db.exists():
        console.print(f"[red]No database at {db}[/] (create one with: sorot run PATH --db {db})")
        raise typer.Exit(1)
    return Store(db, read_only=True)


@app.command("export")
def export(
    db: DbOption = Path("sorot.duckdb"),
    format: Annotated[str, typer.Option("--format", help="jsonl or parquet")] = "jsonl",  # noqa: A002
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file (jsonl: stdout if left out)")] = None,
) -> None:
    """Export every stored article as JSON Lines (the spec's record) or Parquet (the same records)."""
    if format not in ("jsonl", "parquet"):
        console.print(f"[red]Unknown format {format!r}[/]: use jsonl or parquet")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        console.print("[red]Parquet needs --output FILE[/]")
        raise typer.Exit(2)
    with _open_existing(db) as store:
        records = (article.to_export() for article in store.read_articles())
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
        count = write_jsonl(records, output) if format == "jsonl" else write_parquet(records, output)  # type: ignore[arg-type]
    console.print(f"exported {count} articles" + (f" to {output}" if output else ""))


def write_jsonl(records: Iterator[dict], output: Path | None) -> int:
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if output:
            stream.close()
    return count


def write_parquet(records: Iterator[dict], output: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(records)
    pq.write_table(pa.Table.from_pylist(rows), output)
    return len(rows)


LABEL_STYLES = {"body": "white", "title": "bold magenta", "meta": "cyan", "caption": "blue",
                "boilerplate": "dim", "duplicate": "dim strike"}


@app.command()
def stats(db: DbOption = Path("sorot.duckdb")) -> None:
    """Counts per table, outlets, languages, date range, top entities and event types."""
    with _open_existing(db) as store:
        counts = Table(title="rows per table")
        counts.add_column("table")
        counts.add_column("rows", justify="right")
        for table, n in store.counts().items():
            counts.add_row(table, str(n))
        out.print(counts)
        dates = store.query("SELECT min(published_date) AS first, max(published_date) AS last FROM articles")[0]
        out.print(f"date range: {dates['first'] or '?'} to {dates['last'] or '?'}")
        _top(store, "outlets", "SELECT coalesce(outlet, '?') AS name, count(*) AS n FROM articles "
                               "GROUP BY 1 ORDER BY n DESC, name LIMIT 15")
        _top(store, "languages", "SELECT coalesce(language, '?') AS name, count(*) AS n FROM articles "
                                 "GROUP BY 1 ORDER BY n DESC, name")
        _top(store, "top entities (articles)", "SELECT name || ' (' || type || coalesce(', ' || code, '') || ')' "
             "AS name, count(DISTINCT article_id) AS n FROM entities GROUP BY 1 ORDER BY n DESC, name LIMIT 15")
        _top(store, "event types", "SELECT type || ' ' || status AS name, count(*) AS n FROM events "
                                   "GROUP BY 1 ORDER BY n DESC, name")


def _top(store: Store, title: str, sql: str) -> None:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("n", justify="right")
    for row in store.query(sql):
        table.add_row(str(row["name"]), str(row["n"]))
    out.print(table)


@app.command()
def show(article_id: Annotated[str, typer.Argument(metavar="ID", help="article id (a prefix is enough)")],
         db: DbOption = Path("sorot.duckdb")) -> None:
    """One article: metadata, raw lines coloured by label, highlighted text, entities, quotes, events."""
    with _open_existing(db) as store:
        ids = store.find_ids(article_id)
        if len(ids) != 1:
            console.print(f"[red]{'No' if not ids else len(ids)} article(s) match {article_id!r}[/]")
            raise typer.Exit(1)
        article = next(store.read_articles(ids))
    _show_metadata(article)
    _show_lines(article)
    out.rule("clean text ([bold cyan]entities[/], [green]quotes[/], [underline]event sentences[/])")
    out.print(highlighted_text(article))
    _show_lists(article)


def _show_metadata(article: Article) -> None:
    table = Table(show_header=False, title=f"article {article.id}")
    for name in ("source", "url", "title", "outlet", "authors", "dateline", "published", "story_date",
                 "republished", "language", "format"):
        value = getattr(article, name)
        table.add_row(name, ", ".join(value) if isinstance(value, list) else str(value))
    out.print(table)


def _show_lines(article: Article) -> None:
    from rich.text import Text

    out.rule("raw lines (" + ", ".join(f"[{s}]{label}[/]" for label, s in LABEL_STYLES.items()) + ")")
    for line in article.lines:
        out.print(Text(f"{line.n:>4} {line.label:<11} ", style="dim") + Text(line.text, style=LABEL_STYLES.get(
            line.label, "")))


def highlighted_text(article: Article):  # noqa: ANN201 (rich Text)
    """The clean text with event sentences underlined, quotes green and entity mentions bold cyan."""
    from rich.text import Text

    text = Text(article.text)
    size = len(article.text)
    for event in article.events:
        text.stylize("underline", max(0, event.start), min(size, event.end))
    for quote in article.quotes:
        text.stylize("green", max(0, quote.start), min(size, quote.end))
    for entity in article.entities:
        for mention in entity.mentions:
            text.stylize("bold cyan", max(0, mention.start), min(size, mention.end))
    return text


def _show_lists(article: Article) -> None:
    entities = Table(title="entities")
    for column in ("name", "type", "country", "code", "wikidata", "role", "mentions"):
        entities.add_column(column)
    for e in article.entities:
        entities.add_row(e.name, e.type, e.country or "", e.code or "", e.wikidata or "", e.role or "",
                         str(len(e.mentions)))
    quotes = Table(title="quotes")
    for column in ("speaker", "cue", "text"):
        quotes.add_column(column)
    for q in article.quotes:
        quotes.add_row(q.speaker or "?", q.cue or "", q.text)
    out.print(entities, quotes, _events_table([_event_dict(article.id, e) for e in article.events]))


def _event_dict(article_id: str, event) -> dict:  # noqa: ANN001 (schema.Event)
    return {"article_id": article_id, "type": event.type, "source_code": event.source.code,
            "target_code": event.target.code, "status": event.status, "date": event.date,
            "trigger": event.trigger, "sentence": event.sentence}


def _events_table(rows: list[dict]) -> Table:
    table = Table(title=f"events ({len(rows)})")
    for column in ("article", "type", "source", "target", "status", "date", "trigger", "sentence"):
        table.add_column(column, overflow="fold")
    for r in rows:
        sentence = r["sentence"] or ""
        table.add_row(r["article_id"][:8], r["type"], r["source_code"] or "?", r["target_code"] or "?",
                      r["status"], r["date"] or "", r["trigger"] or "",
                      sentence if len(sentence) < 120 else sentence[:117] + "...")
    return table


@app.command()
def events(
    db: DbOption = Path("sorot.duckdb"),
    actor: Annotated[str | None, typer.Option(help="source or target code, e.g. RUS")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT")] = None,  # noqa: A002
    status: Annotated[str | None, typer.Option(help="reported, planned, negated, hypothetical")] = None,
    since: Annotated[str | None, typer.Option(help="event date on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, typer.Option(help="event date on or before (YYYY[-MM[-DD]])")] = None,
    limit: Annotated[int, typer.Option(help="at most this many rows")] = 200,
) -> None:
    """List stored events, filtered by actor, type, status and date."""
    where, params = events_filter(actor, type, status, since, until)
    with _open_existing(db) as store:
        rows = store.query(f'SELECT * FROM events {where} ORDER BY "date" NULLS LAST, article_id, event_no '
                           f"LIMIT {int(limit)}", params)
    out.print(_events_table(rows))


def events_filter(actor: str | None, type_: str | None, status: str | None, since: str | None,
                  until: str | None) -> tuple[str, list[str]]:
    """A WHERE clause and its parameters. Dates compare as text, so a partial date ("2023-05") works."""
    clauses, params = [], []
    if actor:
        clauses.append("(upper(source_code) = ? OR upper(target_code) = ?)")
        params += [actor.upper(), actor.upper()]
    if type_:
        clauses.append("upper(type) = ?")
        params.append(type_.upper())
    if status:
        clauses.append("lower(status) = ?")
        params.append(status.lower())
    if since:
        clauses.append('"date" >= ?')
        params.append(since)
    if until:  # "2023-05" must include "2023-05-31": compare with the bound padded to the end of the period
        clauses.append('"date" <= ?')
        params.append(until + "\uffff")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


@app.command()
def rejected(db: DbOption = Path("sorot.duckdb")) -> None:
    """List the rejected inputs with their reasons."""
    with _open_existing(db) as store:
        rows = store.query("SELECT * FROM rejected ORDER BY seen_at, location")
    table = Table(title=f"rejected inputs ({len(rows)})")
    for column in ("location", "reason", "detail", "seen"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["location"] or r["source"], r["reason"], r["detail"] or "",
                      str(r["seen_at"])[:19])
    out.print(table)


if __name__ == "__main__":
    app()
