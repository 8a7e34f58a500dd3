"""The `sorot` command line: run the pipeline into DuckDB, export, and look at what is stored."""

from __future__ import annotations

import datetime as dt
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer._click import exceptions as click_errors  # typer >= 0.20 carries its own click
from typer.core import TyperGroup

from sorot import __version__
from sorot.data import DataError, use_data_dir
from sorot.ingest import DEFAULT_LIMIT_BYTES, safe_name
from sorot.runner import DEFAULT_DOC_TIMEOUT, ParallelError, check_parallel, run_paths, select_stages
from sorot.schema import PLOVER_TYPES, Article
from sorot.store import RunCounts, Store, StoreError, queries
from sorot.store.export import ARTICLE_FORMATS, FORMATS
from sorot.store.export import export as export_store


class OneLineErrors(TyperGroup):
    """Command-line mistakes (a bad option value, a missing argument) as one line on stderr, exit code 2."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        given = (args, prog_name, complete_var)
        if not standalone_mode:
            return super().main(*given, standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
        try:
            result = super().main(*given, standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click_errors.ClickException as error:
            context = error.ctx if isinstance(error, click_errors.UsageError) else None
            command = context.command_path if context is not None else "sorot"
            typer.echo(f"error: {error.format_message()} (see: {command} --help)", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(help="sorot: Indonesian news on international affairs to structured data.", no_args_is_help=True,
                  add_completion=False, cls=OneLineErrors)
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file")]
PROGRESS_MIN_FILES = 4   # fewer files than this run without a progress bar
EVENT_STATUSES = ("reported", "planned", "negated", "hypothetical")


def _fail(message: str, code: int = 2) -> NoReturn:
    """A one-line error on stderr and a non-zero exit (2: the command line was wrong)."""
    console.print(f"[red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"sorot {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="print the version and exit")] = False) -> None:
    """sorot: Indonesian news on international affairs to structured data."""


def _check_stages(stages: str | None) -> None:
    """--stages naming an unknown stage, or in an order that cannot work: one line, before any work."""
    if stages is None:
        return
    from sorot.pipeline import StageError, resolve_stages  # the stages' modules only when a list is given

    try:
        resolve_stages(select_stages(stages))
    except StageError as error:
        _fail(f"--stages: {error}")


def _check_run_options(paths: list[Path], db: Path, workers: int, limit_mb: float, doc_timeout: float) -> None:
    if db.is_dir():
        _fail(f"--db {safe_name(str(db))} is a directory, not a database file")
    if workers < 1:
        _fail(f"--workers must be 1 or more (got {workers})")
    if not math.isfinite(limit_mb) or limit_mb <= 0:
        _fail(f"--limit-mb must be a positive number of megabytes (got {limit_mb:g})")
    if not math.isfinite(doc_timeout) or doc_timeout < 0:
        _fail(f"--doc-timeout must be a number of seconds, 0 for no limit (got {doc_timeout:g})")
    missing = [safe_name(str(p)) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        _fail(f"no such file or directory: {', '.join(missing)}", 1)


def check_date(option: str, value: str | None) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real day ("2023-13-45" is not one)."""
    if value is None:
        return
    parts = value.split("-")
    try:
        if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])):
            raise ValueError("not YYYY[-MM[-DD]]")
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        dt.date(*numbers)
    except ValueError as error:
        _fail(f"{option} must be a date YYYY, YYYY-MM or YYYY-MM-DD (got {value!r}: {error})")


def check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value.upper() not in {c.upper() for c in choices}:
        _fail(f"{option} must be one of {', '.join(choices)} (got {value!r})")


def check_at_least(option: str, value: float, least: float) -> None:
    if not math.isfinite(value) or value < least:
        _fail(f"{option} must be {least:g} or more (got {value:g})")


def check_output(output: Path | None) -> None:
    """An output file that can be written: not a directory, in a folder that exists or can be made."""
    if output is None:
        return
    if output.is_dir():
        _fail(f"--output {safe_name(str(output))} is a directory; give a file name")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _fail(f"cannot create the folder of {safe_name(str(output))}: {error.strerror or error}", 1)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="files or folders to read")],
    db: DbOption = Path("sorot.duckdb"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no summary")] = False,
    limit_mb: Annotated[float, typer.Option("--limit-mb", help="reject files larger than this")] = (
        DEFAULT_LIMIT_BYTES / 1024 / 1024),
    workers: Annotated[int, typer.Option("--workers", help="processes for the pipeline: this one and N-1 "
                                                           "workers of a local Dask cluster (pip install "
                                                           "'sorot[parallel]')")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="address of a running dask.distributed "
                                                  "scheduler whose workers process the run")] = None,
    doc_timeout: Annotated[float, typer.Option("--doc-timeout", help="seconds one document may take (0: no "
                                                                     "limit); a slower one is rejected")] = (
        DEFAULT_DOC_TIMEOUT),
    stages: Annotated[str | None, typer.Option("--stages", envvar="SOROT_STAGES", hidden=True,
                                               help="only these stages after cleaning (tests, benchmarks)")] = None,
    data: Annotated[Path | None, typer.Option("--data", help="a directory laid out like sorot/data whose "
                                              "files replace or extend the packaged ones (SOROT_DATA)")] = None,
) -> None:
    """Read articles from PATHS, run the pipeline on each and store the results in the database."""
    if data is not None:
        try:
            use_data_dir(data)
        except DataError as error:
            _fail(str(error))
    _check_run_options(paths, db, workers, limit_mb, doc_timeout)
    _check_stages(stages)
    try:
        check_parallel(workers, scheduler)
    except ParallelError as error:
        _fail(escape(str(error)))   # the message names 'sorot[parallel]', which is no markup
    started = time.monotonic()
    with _progress(quiet) as bar:
        task = bar.add_task("run", total=None, rate=0.0, visible=False) if bar is not None else None

        def progress(done: int, total: int, rate: float) -> None:
            if bar is not None and task is not None and total >= PROGRESS_MIN_FILES:
                bar.update(task, completed=done, total=total, rate=rate, visible=True)

        try:
            counts = run_paths(paths, db, workers=workers, scheduler=scheduler,
                               limit_bytes=max(1, int(limit_mb * 1024 * 1024)), stages=stages,
                               doc_timeout=doc_timeout or None, progress=progress)
        except StoreError as error:
            _fail(str(error), 1)
        except ParallelError as error:
            _fail(escape(str(error)), 1)
        except KeyboardInterrupt as interrupt:
            saved = getattr(interrupt, "counts", None)
            kept = f"{saved.stored + saved.updated} articles saved" if saved else "nothing unsaved was lost"
            console.print(f"[yellow]Interrupted: {kept}; run again to continue.[/]")
            raise typer.Exit(130) from None
    if not quiet:
        with _open_existing(db) as store:
            _print_summary(store, counts, time.monotonic() - started)


def _progress(quiet: bool):  # noqa: ANN202 (rich's Progress or a no-op)
    from contextlib import nullcontext

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if quiet or not console.is_terminal:  # a bar in a log file or a pipe is noise
        return nullcontext(None)
    return Progress(TextColumn("[bold]sorot run"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                    TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), console=console,
                    transient=True)


def _print_summary(store: Store, counts: RunCounts, seconds: float) -> None:
    facts = queries.store_facts(store)
    languages = queries.languages(store)
    table = Table(title="sorot run", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    processed = counts.stored + counts.updated
    table.add_row("articles stored (new)", str(counts.stored))
    table.add_row("articles updated (or read twice)", str(counts.updated))
    table.add_row("unchanged (skipped)", str(counts.unchanged))
    table.add_row("rejected (inputs, lines or records)", str(len(counts.rejected)))
    table.add_row("time", f"{seconds:.1f} s ({processed / max(seconds, 1e-6):.1f} articles/s processed)")
    table.add_row("articles in the store", str(facts["articles"]))
    table.add_row("outlets in the store", str(facts["outlets"]))
    table.add_row("date range", f"{facts['first'] or '?'} to {facts['last'] or '?'}")
    table.add_row("languages", ", ".join(f"{r['name']} ({r['n']})" for r in languages) or "-")
    console.print(table)
    for rejected in counts.rejected:
        detail = rejected.detail if "\n" not in rejected.detail.strip() else "traceback: sorot rejected"
        console.print(f"  [red]rejected[/] {rejected.location or rejected.source}: {rejected.reason}"
                      + (f" ({detail})" if detail else ""), highlight=False, soft_wrap=True)


@app.command()
def fetch(
    urls: Annotated[list[str] | None, typer.Argument(help="article URLs")] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL (repeatable)")] = None,
    sitemap: Annotated[list[str] | None, typer.Option("--sitemap", help="XML sitemap or index (repeatable)")] = None,
    site: Annotated[list[str] | None, typer.Option("--site", help="site whose robots.txt names its sitemaps")] = None,
    urls_file: Annotated[list[Path] | None, typer.Option("--urls", help="text file of URLs, one a line")] = None,
    db: DbOption = Path("sorot.duckdb"),
    warc: Annotated[Path | None, typer.Option("--warc", help="archive every response in WARC files here")] = None,
    since: Annotated[str | None, typer.Option("--since", help="skip feed/sitemap items older than YYYY-MM-DD")] = None,
    max_articles: Annotated[int | None, typer.Option("--max", help="fetch at most this many articles")] = None,
    delay: Annotated[float, typer.Option("--delay", help="seconds between requests to one host")] = 1.0,
    concurrency: Annotated[int, typer.Option("--concurrency", help="hosts fetched at once")] = 4,
    refetch: Annotated[bool, typer.Option("--refetch", help="ask again for stored URLs (conditionally)")] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", help="pages joined into one article")] = 10,
    archive_only: Annotated[bool, typer.Option("--archive-only", help="only fill the --warc archive; "
                                               "store later with: sorot run DIR/*.warc.gz")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no summary")] = False,
    stages: Annotated[str | None, typer.Option("--stages", envvar="SOROT_STAGES", hidden=True)] = None,
) -> None:
    """Download articles (URLs, feeds, sitemaps) politely, archive the responses, and store the articles."""
    from datetime import date

    from sorot.fetch.crawl import fetch as fetch_articles

    if not (urls or feed or sitemap or site or urls_file):
        _fail("nothing to fetch: give URLs, --feed, --sitemap, --site or --urls FILE")
    if delay < 0 or concurrency < 1 or max_pages < 1 or (max_articles is not None and max_articles < 0):
        _fail("--delay must be 0 or more, --concurrency and --max-pages 1 or more, --max 0 or more")
    if archive_only and warc is None:
        _fail("--archive-only needs --warc DIR")
    if since is not None:
        try:
            date.fromisoformat(since[:10])
        except ValueError:
            _fail(f"--since must be a date YYYY-MM-DD (got {since!r})")
    with _fetch_progress(quiet) as bar:
        task = bar.add_task("fetch", total=None, hosts=0, pages=0, failures=0) if bar is not None else None

        def progress(state) -> None:  # noqa: ANN001 (sorot.fetch.crawl.FetchProgress)
            if bar is not None and task is not None:
                bar.update(task, completed=state.done, total=state.total or None, hosts=state.hosts,
                           pages=state.pages, failures=state.failures)

        try:
            report = fetch_articles(urls or [], feeds=feed or [], sitemaps=sitemap or [], sites=site or [],
                                    url_files=urls_file or [],
                                    db=db, warc=warc, since=since, max_articles=max_articles, delay=delay,
                                    concurrency=concurrency, refetch=refetch, max_pages=max_pages, stages=stages,
                                    progress=progress, archive_only=archive_only)
        except KeyboardInterrupt:
            console.print("[yellow]Interrupted: what was fetched is saved; run again to continue.[/]")
            raise typer.Exit(130) from None
    if not quiet:
        console.print(f"sorot fetch: {report.discovered} article URLs found, {report.known} already stored, "
                      f"{report.attempted} asked for on {report.hosts} host{'s' * (report.hosts != 1)} ({report.pages} pages, "
                      f"{report.not_modified} not modified, {report.failures} failed) in {report.seconds:.1f} s"
                      + (f"; archive: {len(report.warc_files)} WARC file(s) in {warc}" if warc else ""),
                      highlight=False)
        with Store(db, read_only=True) as store:
            _print_summary(store, report.counts, report.seconds)


def _fetch_progress(quiet: bool):  # noqa: ANN202 (rich's Progress or a no-op)
    from contextlib import nullcontext

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if quiet:
        return nullcontext(None)
    return Progress(TextColumn("[bold]sorot fetch"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                    TextColumn("{task.fields[hosts]} hosts, {task.fields[pages]} pages, "
                               "{task.fields[failures]} failures"), TimeElapsedColumn(), console=console,
                    transient=True)


def _open_existing(db: Path) -> Store:
    """The database for reading (its snapshot while a run writes it, with a note saying so), or a one-line
    error and exit code 1."""
    if db.is_dir():
        _fail(f"--db {db} is a directory, not a database file", 2)
    if not db.exists():
        _fail(f"No database at {db} (create one with: sorot run PATH --db {db})", 1)
    try:
        store = Store(db, read_only=True)
    except StoreError as error:
        _fail(str(error), 1)
    if store.snapshot_note:
        console.print(f"[yellow]note:[/] {store.snapshot_note}", highlight=False, soft_wrap=True)
    return store


@app.command("export")
def export(
    db: DbOption = Path("sorot.duckdb"),
    format: Annotated[str, typer.Option("--format", help="jsonl, parquet, records, gdelt or plover")] = "jsonl",  # noqa: A002
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file (jsonl: stdout if left out)")] = None,
) -> None:
    """Export every stored article as JSON Lines (the spec's record) or Parquet (the same records), or the
    event records as JSON Lines, the GDELT 2.0 Event table or PLOVER JSON."""
    if format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)} (got {format!r})")
    check_output(output)
    if format == "parquet" and output is None:
        _fail("Parquet needs --output FILE")
    with _open_existing(db) as store:
        try:
            count = export_store(store, format, output)
        except OSError as error:  # disk full, permissions: said as themselves
            _fail(f"cannot write {safe_name(str(output or 'stdout'))}: {error.strerror or error}", 1)
    what = "articles" if format in ARTICLE_FORMATS else f"records ({format})"
    console.print(f"exported {count} {what}" + (f" to {output}" if output else ""))


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
        last = queries.last_run(store)
        if last:
            out.print("last run: " + ", ".join(f"{name} {n}" for name, n in last.items()))
        facts = queries.store_facts(store)
        out.print(f"date range: {facts['first'] or '?'} to {facts['last'] or '?'}")
        _top("outlets", queries.top_outlets(store))
        _top("languages", queries.languages(store))
        _top("top entities (articles)", queries.top_entities(store))
        _top("event types", queries.event_types(store))


def _top(title: str, rows: list[dict[str, Any]]) -> None:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("n", justify="right")
    for row in rows:
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
                 "republished", "language", "format", "copy_of", "story"):
        value = getattr(article, name)
        table.add_row(name, ", ".join(value) if isinstance(value, list) else str(value))
    out.print(table)
    _show_evidence(article)


def _show_evidence(article: Article) -> None:
    """Where each metadata value came from, how sure sorot is, and what agrees or disagrees with it."""
    if not article.meta_evidence:
        return
    table = Table(title="metadata evidence")
    for column in ("field", "source", "confidence", "agrees / notes"):
        table.add_column(column)
    for name, found in article.meta_evidence.items():
        notes = [f"agrees: {', '.join(found['agrees'])}"] if found.get("agrees") else []
        notes += [f"disagrees: {', '.join(found['disagrees'])}"] if found.get("disagrees") else []
        notes += [f"offset: {found['offset']}"] if found.get("offset") else []
        notes += [f"network: {found['network']}"] if found.get("network") else []
        notes += [f"rules: {', '.join(found['rules'])}"] if found.get("rules") else []
        table.add_row(name, str(found.get("source", "")), f"{found.get('confidence', 0):.2f}", "; ".join(notes))
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
    check_choice("--type", type, PLOVER_TYPES)
    check_choice("--status", status, EVENT_STATUSES)
    check_date("--since", since)
    check_date("--until", until)
    check_at_least("--limit", limit, 1)
    spec = queries.EventFilter(actor=actor, type=type, status=status, since=since, until=until)
    with _open_existing(db) as store:
        rows = queries.events(store, spec, limit)
    out.print(_events_table(rows))


@app.command()
def rejected(db: DbOption = Path("sorot.duckdb")) -> None:
    """List the rejected inputs with their reasons."""
    with _open_existing(db) as store:
        rows = queries.rejected(store)
    table = Table(title=f"rejected inputs ({len(rows)})")
    for column in ("location", "reason", "detail", "seen"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["location"] or r["source"], r["reason"], r["detail"] or "",
                      str(r["seen_at"])[:19])
    out.print(table)


# -- across articles: stories, event records, relations over time (sorot.corpus) ---------------------------

PERIOD_CHOICES = ("day", "week", "month", "year")


def _check_filters(type_: str | None, since: str | None, until: str | None) -> None:
    from sorot.schema import PLOVER_TYPES

    if type_ and type_.upper() not in PLOVER_TYPES:
        _fail(f"--type {type_!r} is not a PLOVER type: use one of {', '.join(PLOVER_TYPES)}")
    for name, value in (("--since", since), ("--until", until)):
        if value and not _is_partial_date(value):
            _fail(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")


def _is_partial_date(value: str) -> bool:
    from datetime import date

    padded = {4: value + "-01-01", 7: value + "-01", 10: value}.get(len(value))
    try:
        return padded is not None and date.fromisoformat(padded) is not None
    except ValueError:
        return False


@app.command()
def stories(
    story_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="one story: its articles and records")] = None,
    db: DbOption = Path("sorot.duckdb"),
    limit: Annotated[int, typer.Option(min=1, help="at most this many stories")] = 50,
) -> None:
    """List stories (the articles that report one happening), or show one with its articles and records."""
    from sorot.corpus import Corpus

    with _open_existing(db) as store, Corpus(store.con) as corpus:
        if story_id is None:
            rows = corpus.stories(limit=limit)
            table = Table(title=f"stories ({len(rows)} shown)")
            for column in ("id", "label", "articles", "outlets", "records", "first seen", "last seen"):
                table.add_column(column, overflow="fold")
            for r in rows:
                table.add_row(r["id"], r["label"], str(r["n_articles"]), str(r["n_sources"]), str(r["n_records"]),
                              str(r["first_seen"] or "")[:16], str(r["last_seen"] or "")[:16])
            out.print(table)
            return
        matches = queries.story_ids(store, story_id)
        if len(matches) != 1:
            _fail(f"no story {story_id!r}" if not matches else f"{story_id!r} is ambiguous: {', '.join(matches[:5])}", 1)
        story = corpus.story(matches[0])
    assert story is not None
    out.print(f"[bold]{story['label']}[/]  {story['id']}  {story['n_articles']} articles, "
              f"{story['n_sources']} outlets, {story['n_records']} records")
    articles = Table(title="articles")
    for column in ("id", "published", "outlet", "title", "copy of"):
        articles.add_column(column, overflow="fold")
    for a in story["articles"]:
        articles.add_row(a["id"], str(a["published"] or ""), a["outlet"] or "", a["title"] or "", a["copy_of"] or "")
    out.print(articles)
    out.print(_records_table(story["records"]))


def _records_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"event records ({len(rows)})")
    for column in ("id", "date", "type", "source", "target", "status", "mentions", "articles", "sources",
                   "first seen"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["date"] or "", r["type"], r["source_code"] or "?", r["target_code"] or "?",
                      r["status"], str(r["num_mentions"]), str(r["num_articles"]), str(r["num_sources"]),
                      str(r["first_seen"] or "")[:16])
    return table


@app.command()
def records(
    db: DbOption = Path("sorot.duckdb"),
    actor: Annotated[str | None, typer.Option(help="source or target code, e.g. RUS")] = None,
    source: Annotated[str | None, typer.Option(help="source code")] = None,
    target: Annotated[str | None, typer.Option(help="target code")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT")] = None,  # noqa: A002
    status: Annotated[str | None, typer.Option(help="reported, planned, negated, hypothetical")] = None,
    since: Annotated[str | None, typer.Option(help="record date on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, typer.Option(help="record date on or before (YYYY[-MM[-DD]])")] = None,
    story: Annotated[str | None, typer.Option(help="story id")] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many rows")] = 200,
) -> None:
    """List event records (one per real-world event, with how many articles and outlets told it)."""
    from sorot.corpus import Corpus

    _check_filters(type, since, until)
    if status and status.lower() not in ("reported", "planned", "negated", "hypothetical"):
        _fail(f"--status {status!r}: use reported, planned, negated or hypothetical")
    with _open_existing(db) as store, Corpus(store.con) as corpus:
        rows = corpus.records(limit=limit, actor=actor and actor.upper(), source=source and source.upper(),
                              target=target and target.upper(), type=type and type.upper(),
                              status=status and status.lower(), since=since,
                              until=until and until + "\uffff", story=story)
    out.print(_records_table(rows))


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="actor code, e.g. RUS")],
    b: Annotated[str, typer.Argument(help="actor code, e.g. CHN")],
    db: DbOption = Path("sorot.duckdb"),
    by: Annotated[str, typer.Option(help="day, week, month or year")] = "month",
    directed: Annotated[bool, typer.Option(help="only A -> B (default: both directions)")] = False,
    normalise: Annotated[bool, typer.Option(help="also records per 1,000 stored articles of the period")] = False,
    plot: Annotated[Path | None, typer.Option(help="draw the series to FILE.png or FILE.svg")] = None,
) -> None:
    """How relations between two actors moved: records per period by QuadClass, mean Goldstein."""
    from sorot.corpus import Corpus

    if by not in PERIOD_CHOICES:
        _fail(f"--by {by!r}: use day, week, month or year")
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        _fail(f"--plot {plot}: the file must end in .png or .svg")
    with _open_existing(db) as store, Corpus(store.con) as corpus:
        series = corpus.dyad(a, b, by=by, directed=directed, normalise=normalise)
    arrow = "->" if directed else "<->"
    table = Table(title=f"{a.upper()} {arrow} {b.upper()} by {by} ({len(series)} periods)")
    for column in ("period", "records", "verbal coop", "material coop", "verbal conflict", "material conflict",
                   "goldstein", "types", *(["per 1k articles"] if normalise else [])):
        table.add_column(column, overflow="fold")
    for p in series:
        quads = p["by_quad"]
        table.add_row(p["period"], str(p["records"]), str(quads["1"]), str(quads["2"]), str(quads["3"]),
                      str(quads["4"]), "" if p["goldstein"] is None else f"{p['goldstein']:+.2f}",
                      ", ".join(f"{t} {n}" for t, n in sorted(p["by_type"].items())),
                      *([str(p["normalised"] if p["normalised"] is not None else "")] if normalise else []))
    out.print(table)
    if plot is not None:
        from sorot.corpus.plot import plot_series

        plot_series(series, f"{a.upper()} {arrow} {b.upper()}", plot)
        console.print(f"plot written to {plot}")


@app.command()
def serve(
    db: DbOption = Path("sorot.duckdb"),
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    timeout: Annotated[float, typer.Option(help="seconds a query may run before it is stopped")] = 2.0,
    max_rows: Annotated[int, typer.Option(help="rows a query may return at most")] = 10_000,
    sql: Annotated[bool, typer.Option("--sql", help="enable GET /api/sql (read-only, no file access)")] = False,
    cors: Annotated[bool, typer.Option("--cors", help="allow pages on other origins to call the API")] = False,
) -> None:
    """Serve a read-only HTTP API (docs at /docs) and the dashboard (at /) over a snapshot of the database."""
    if not db.exists():
        _fail(f"No database at {db} (create one with: sorot run PATH --db {db})")
    if timeout <= 0 or max_rows < 1:
        _fail("--timeout must be positive and --max-rows at least 1")
    from sorot.api import ServeOptions
    from sorot.api import serve as serve_api

    console.print(f"sorot serve: dashboard at http://{host}:{port}/  API docs at http://{host}:{port}/docs",
                  soft_wrap=True, highlight=False)
    serve_api(ServeOptions(db=db, timeout_s=timeout, max_rows=max_rows, sql=sql, cors=cors), host=host, port=port)


if __name__ == "__main__":
    app()
