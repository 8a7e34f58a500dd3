"""The stages of sorot, registered by name with what each reads and writes; the order is checked, not wired.

    RawDoc ─▶ clean ─▶ meta ─▶ nlp ─▶ link ─▶ quotes ─▶ events ─▶ Article

Cleaning turns a RawDoc into the Article every later stage shares. Each later stage is a `StageSpec`: a name,
the function that enriches one Article, the Article fields it needs (`reads`), those it reads only when an
earlier stage gave them (`uses`), those it fills (`writes`), and optionally a function over many articles at
once (`batch`: the nlp stage runs NER through one `nlp.pipe` for a whole batch).

    process(text, stages=["meta", "nlp", "link"])      # some stages only, in the order given (checked)
    replace_stage("events", my_coder)                    # the same contract, another function
    @register_stage("tone", reads=["text"], writes=["warnings"], after="events")
    def tone(article): ...

A stage list whose order cannot work (`events` before `link`) is refused with one line naming the stage
and the field; an unknown name with one line listing the known ones. Resources (models, lexicons, the
knowledge base) are loaded once per process, lazily, by the stages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

from sorot.clean import clean
from sorot.events import code_events
from sorot.kb import link_entities
from sorot.meta import extract_metadata
from sorot.quotes import find_quotes
from sorot.schema import Article, RawDoc, article_id
from sorot.text.html import looks_like_html

__all__ = ["CLEANED_FIELDS", "STAGES", "BatchStage", "Guard", "Stage", "StageError", "StageSpec", "check_order",
           "looks_like_html", "process", "process_batch", "process_raw", "register_stage", "registered_stages",
           "replace_stage", "resolve_stages", "restore_stage", "unregister_stage"]

log = logging.getLogger(__name__)

Stage = Callable[[Article], Article]
BatchStage = Callable[[list[Article]], list[Article]]
# guard(raw) -> a context manager around the per-document work of one document (the runner's time budget)
Guard = Callable[[RawDoc], AbstractContextManager[object]]
StageRef = str | tuple[str, Stage]

# What cleaning gives every Article, before any registered stage runs.
CLEANED_FIELDS = frozenset({"source", "raw", "format", "url", "lines", "text", "warnings", "meta_evidence",
                            "dateline", "outlet"})
ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))


class StageError(ValueError):
    """A stage list or registration that cannot work; the message is one line."""


@dataclass(frozen=True)
class StageSpec:
    """A stage and its contract: the Article fields it needs, may use, and fills."""

    name: str
    run: Stage
    reads: frozenset[str] = frozenset()     # needed: an earlier stage (or cleaning) must write them
    writes: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset()      # read when present: a stage writing them must not come later
    batch: BatchStage | None = None         # the same work over many articles at once


_REGISTRY: dict[str, StageSpec] = {}

# (name, function) of the registered stages, in order: kept in step with the registry for callers that
# predate it (sorot.runner filters it by name); a list patched in here still runs, without a contract.
STAGES: list[tuple[str, Stage]] = []


def _fields(stage: str, kind: str, names: Iterable[str]) -> frozenset[str]:
    found = frozenset(names)
    unknown = sorted(found - ARTICLE_FIELDS)
    if unknown:
        raise StageError(f"stage {stage!r} {kind} {unknown[0]!r}, which is no Article field")
    return found


def _sync_legacy() -> None:
    STAGES[:] = [(spec.name, spec.run) for spec in _REGISTRY.values()]


def _insert(spec: StageSpec, before: str | None, after: str | None) -> None:
    anchor = before or after
    if anchor is None:
        _REGISTRY[spec.name] = spec
    else:
        if anchor not in _REGISTRY:
            raise StageError(f"cannot place stage {spec.name!r} next to unknown stage {anchor!r} "
                             f"(known: {', '.join(_REGISTRY)})")
        ordered = list(_REGISTRY.values())
        at = [s.name for s in ordered].index(anchor) + (1 if after else 0)
        ordered.insert(at, spec)
        _REGISTRY.clear()
        _REGISTRY.update((s.name, s) for s in ordered)
    _sync_legacy()


def register_stage(name: str, *, reads: Iterable[str] = (), writes: Iterable[str] = (), uses: Iterable[str] = (),
                   batch: BatchStage | None = None, before: str | None = None,
                   after: str | None = None) -> Callable[[Stage], Stage]:
    """Register a stage under `name` (a decorator): at the end of the default order, or `before`/`after`
    another stage. The fields are Article fields; a misspelt one is refused."""
    if name in _REGISTRY:
        raise StageError(f"stage {name!r} is registered already (replace_stage changes its function)")

    def add(run: Stage) -> Stage:
        spec = StageSpec(name, run, _fields(name, "reads", reads), _fields(name, "writes", writes),
                         _fields(name, "uses", uses), batch)
        _insert(spec, before, after)
        return run

    return add


def replace_stage(name: str, run: Stage, batch: BatchStage | None = None) -> StageSpec:
    """Run `run` (and `batch` over many articles, if given) for stage `name`, under the same contract.
    Returns the spec replaced, so that a caller can put it back with `restore_stage`."""
    previous = _known(name)
    _REGISTRY[name] = dataclasses.replace(previous, run=run, batch=batch)
    _sync_legacy()
    return previous


def restore_stage(spec: StageSpec) -> None:
    """Put back a spec returned by `replace_stage`."""
    _known(spec.name)
    _REGISTRY[spec.name] = spec
    _sync_legacy()


def unregister_stage(name: str) -> StageSpec:
    """Remove stage `name` from the registry (and so from the default order); returns its spec."""
    spec = _known(name)
    del _REGISTRY[name]
    _sync_legacy()
    return spec


def registered_stages() -> list[StageSpec]:
    """The registered stages in their default order."""
    return list(_REGISTRY.values())


def _known(name: str) -> StageSpec:
    spec = _REGISTRY.get(name)
    if spec is not None:
        return spec
    patched = next((run for stage, run in STAGES if stage == name), None)
    if patched is not None:                # put into STAGES by hand: no contract to check
        return StageSpec(name, patched)
    known = list(_REGISTRY) or [stage for stage, _run in STAGES]
    raise StageError(f"unknown stage {name!r} (known: {', '.join(known)})")


def _spec_of(ref: StageRef | StageSpec) -> StageSpec:
    if isinstance(ref, StageSpec):
        return ref
    if isinstance(ref, str):
        return _known(ref)
    name, run = ref
    spec = _REGISTRY.get(name)
    if spec is None:
        return StageSpec(name, run)
    return spec if spec.run is run else dataclasses.replace(spec, run=run, batch=None)


def resolve_stages(stages: Sequence[StageRef | StageSpec] | None = None) -> list[StageSpec]:
    """The specs to run, in the order given (None: every registered stage), with the order checked:
    StageError when a name is unknown or a stage reads a field that no stage before it writes."""
    specs = [_spec_of(ref) for ref in (STAGES if stages is None else stages)]
    check_order(specs)
    return specs


def check_order(specs: Sequence[StageSpec]) -> None:
    """StageError (one line) when a stage reads a field nobody before it writes, or uses one written later."""
    written = set(CLEANED_FIELDS)
    seen: set[str] = set()
    for at, spec in enumerate(specs):
        if spec.name in seen:
            raise StageError(f"stage {spec.name!r} is listed twice")
        seen.add(spec.name)
        missing = sorted(spec.reads - written)
        if missing:
            writers = [s.name for s in _REGISTRY.values() if missing[0] in s.writes]
            hint = f" (run {' or '.join(repr(w) for w in writers)} before it)" if writers else ""
            raise StageError(f"stage {spec.name!r} reads {missing[0]!r}, which no stage before it writes{hint}")
        later = next(((s, f) for s in specs[at + 1:] for f in sorted((spec.reads | spec.uses) & s.writes)), None)
        if later is not None:
            raise StageError(f"stage {spec.name!r} reads {later[1]!r}, which stage {later[0].name!r} after it "
                             f"writes: put {later[0].name!r} first")
        written |= spec.writes


def _finish(article: Article) -> Article:
    article.id = article_id(article.text, article.source)
    # the tokens served the stages; a run holding many finished articles should not hold them too
    # (sorot.text.tokens.text_doc makes them again for whoever needs them later)
    article.doc = None
    return article


def process_raw(raw: RawDoc, stages: Sequence[StageRef | StageSpec] | None = None) -> Article:
    """Run cleaning and the stages (default: all registered, in order) on one input document."""
    specs = resolve_stages(stages)
    article = clean(raw)
    for spec in specs:
        article = spec.run(article)
    return _finish(article)


# One document's state in a batch: still the input, an Article on its way, or the exception that stopped it.
_Item = RawDoc | Article | BaseException


def process_batch(raws: Sequence[RawDoc], stages: Sequence[StageRef | StageSpec] | None = None,
                  guard: Guard | None = None) -> list[Article | BaseException]:
    """Run the pipeline on many documents; returns, in input order, each Article or the exception that
    stopped it: one document's failure never loses the others.

    Stages without a batch function run document by document, each unbroken stretch of them (cleaning
    included) inside `guard(raw)`, the context manager the runner gives for a document's time budget; a
    stage with one (NER through one `nlp.pipe`) runs once over the batch, outside any guard. A batch that
    fails is run again document by document, so that only the document at fault fails. A stage list that
    cannot work raises StageError before any document is touched."""
    specs = resolve_stages(stages)
    items: list[_Item] = list(raws)
    batched = len(raws) > 1
    for group in _stretches(specs, batched):
        if batched and len(group) == 1 and group[0].batch is not None:
            _run_batch(group[0], raws, items, guard)
        else:
            items = [_guarded(raw, guard, group, item) for raw, item in zip(raws, items, strict=True)]
    if not specs:
        items = [_guarded(raw, guard, [], item) for raw, item in zip(raws, items, strict=True)]
    return [_finish(_cleaned(item)) if not isinstance(item, BaseException) else item for item in items]


def _stretches(specs: list[StageSpec], batched: bool) -> list[list[StageSpec]]:
    """The stages cut into unbroken runs of per-document stages and, in a batch, single batch stages."""
    groups: list[list[StageSpec]] = []
    for spec in specs:
        alone = batched and spec.batch is not None
        if groups and not alone and not (batched and groups[-1][0].batch is not None):
            groups[-1].append(spec)
        else:
            groups.append([spec])
    return groups


def _cleaned(item: RawDoc | Article) -> Article:
    return clean(item) if isinstance(item, RawDoc) else item


def _guarded(raw: RawDoc, guard: Guard | None, group: list[StageSpec], item: _Item) -> _Item:
    """The stages of `group` on one document (cleaned first if it is still raw), inside its guard; the
    exception instead of the Article when one fails."""
    if isinstance(item, BaseException):
        return item
    try:
        with guard(raw) if guard is not None else contextlib.nullcontext():
            article = _cleaned(item)
            for spec in group:
                article = spec.run(article)
            return article
    except Exception as error:  # noqa: BLE001 (one document's failure is its result, not the batch's)
        log.debug("document %s failed", raw.location or raw.source, exc_info=True)
        return error


def _run_batch(spec: StageSpec, raws: Sequence[RawDoc], items: list[_Item], guard: Guard | None) -> None:
    """The batch function of `spec` over the live documents of `items` (in place)."""
    for i, item in enumerate(items):
        if isinstance(item, RawDoc):          # a batch stage first: cleaning still to do, document by document
            items[i] = _guarded(raws[i], guard, [], item)
    live = [i for i, item in enumerate(items) if isinstance(item, Article)]
    articles = [item for item in items if isinstance(item, Article)]
    if not articles or spec.batch is None:
        return
    try:
        done = spec.batch(articles)
    except Exception:  # noqa: BLE001 (which document was at fault is found by running them one by one)
        log.debug("batch stage %s failed; running it document by document", spec.name, exc_info=True)
        for i in live:
            items[i] = _guarded(raws[i], guard, [spec], items[i])
        return
    for i, article in zip(live, done, strict=True):
        items[i] = article


def process(text_or_html: str, source: str = "<string>", published: str | None = None,
            url: str | None = None, title: str | None = None,
            stages: Sequence[StageRef | StageSpec] | None = None) -> Article:
    """The Python API: one article from a string of scraped text or HTML (`stages`: some stages only)."""
    fmt: Literal["text", "html"] = "html" if looks_like_html(text_or_html) else "text"
    raw = RawDoc(source=source, content=text_or_html, format=fmt, url=url, title=title, published=published)
    return process_raw(raw, stages)


def analyse(article: Article) -> Article:
    """The nlp stage: sorot.nlp.analyse, imported on first use (spaCy and its model are most of a process's
    start-up, which a run without this stage, `--stages meta`, need not pay)."""
    from sorot.nlp import analyse as analyse_article

    return analyse_article(article)


def analyse_many(articles: Iterable[Article]) -> list[Article]:
    """The nlp stage over a batch: sorot.nlp.analyse_many, imported on first use."""
    from sorot.nlp import analyse_many as analyse_articles

    return analyse_articles(articles)


# The default pipeline. Cleaning writes CLEANED_FIELDS; `uses` fields are read when an earlier stage gave them.
register_stage("meta", reads=["text", "lines", "raw"],
               writes=["title", "outlet", "authors", "dateline", "published", "language", "meta_evidence",
                       "republished", "story_date", "url"])(extract_metadata)
register_stage("nlp", reads=["text"], writes=["sentences", "spans", "doc"], batch=analyse_many)(analyse)
# The linker, quotes and events read the tokens of `doc` (sorot.text.tokens.text_doc builds it when nlp is off).
register_stage("link", reads=["text"], uses=["spans", "published", "story_date", "outlet"], writes=["entities"])(
    link_entities)
register_stage("quotes", reads=["text"], uses=["entities"], writes=["quotes"])(find_quotes)
register_stage("events", reads=["text", "entities"], uses=["sentences", "quotes", "published", "story_date"],
               writes=["events"])(code_events)
