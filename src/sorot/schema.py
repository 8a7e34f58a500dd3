"""The one definition of sorot's data: every stage reads and writes these types.

`Article.to_export()` gives exactly the record of the article JSON Lines spec
(../shared/spec/article-jsonl.md); fields that are working state of the pipeline
(sentences, NER spans, raw lines) are kept on the object but not exported.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sorot.text.tokens import TextDoc

LineLabel = Literal["body", "title", "meta", "caption", "boilerplate", "duplicate"]
EntityType = Literal["PER", "ORG", "GPE", "LOC"]
EventStatus = Literal["reported", "planned", "negated", "hypothetical"]

LINE_LABELS: tuple[str, ...] = ("body", "title", "meta", "caption", "boilerplate", "duplicate")
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass
class RawDoc:
    """One input document as read from disk, before any cleaning."""

    source: str                       # file name, or URL when known
    content: str                      # decoded text or HTML
    format: Literal["text", "html"]
    url: str | None = None
    title: str | None = None          # hints given by a container format (JSONL, WARC)
    published: str | None = None
    location: str | None = None       # path (and line / record number) for error messages
    encoding: str | None = None       # how the bytes were decoded: "utf-8", "declared:...", "detected:..."
    warnings: list[str] = field(default_factory=list)  # from reading (replaced bytes, a guessed code page)


@dataclass
class Rejected:
    """An input that could not be processed, with the reason, kept in the store."""

    source: str
    reason: str
    detail: str = ""
    location: str | None = None       # full path (and line / record number)


@dataclass
class Line:
    n: int                            # raw line number from 1 (text input) or block number (HTML)
    text: str
    label: LineLabel


@dataclass
class Sentence:
    start: int                        # character offsets into Article.text
    end: int


@dataclass
class Span:
    """A raw named-entity span found by the NER model or the gazetteer, before linking."""

    start: int
    end: int
    label: str                        # PER, ORG, GPE, LOC
    text: str
    source: str = "ner"               # "ner" or "kb"


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    name: str                         # canonical English name
    type: EntityType
    country: str | None = None        # ISO3 of the state a person acts for / a place lies in
    code: str | None = None           # actor code: ISO3 or IGO acronym
    wikidata: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None          # key in the knowledge base, null when not linked
    aliases: list[str] = field(default_factory=list)   # other names: KB aliases and the forms written

    def to_export(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("kb_id")
        return data


@dataclass
class Actor:
    name: str | None
    code: str | None
    country: str | None = None


@dataclass
class Quote:
    speaker: str | None               # canonical name of the speaker entity
    text: str                         # the words inside the quotation marks
    start: int                        # offsets of `text` in Article.text
    end: int
    cue: str | None = None            # the verb that introduced it
    speaker_code: str | None = None   # actor code of the speaker (state or IGO)
    speaker_start: int | None = None  # offsets of the speaker's mention, when in the text
    speaker_end: int | None = None


@dataclass
class Event:
    type: str                         # PLOVER type
    source: Actor
    target: Actor
    status: EventStatus
    date: str | None                  # YYYY-MM-DD | YYYY-MM | YYYY | None
    sentence: str
    start: int                        # offsets of the sentence in Article.text
    end: int
    confidence: float
    mode: str | None = None
    trigger: str | None = None        # the words that triggered the event
    cameo: str | None = None          # CAMEO root code
    goldstein: float | None = None
    quad_class: int | None = None
    record: str | None = None         # id of the event record (the same happening across articles)


@dataclass
class Article:
    source: str
    text: str = ""
    id: str = ""
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: str | None = None
    language: str | None = None
    lines: list[Line] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    url: str | None = None
    format: str = "text"
    republished: bool = False         # story dates lie months before the publication day
    story_date: str | None = None     # the story's own anchor date when it differs from `published`
    warnings: list[str] = field(default_factory=list)
    copy_of: str | None = None        # id of the earliest stored article whose body this one copies
    story: str | None = None          # id of the story (the real-world happening) the article reports
    # per metadata field: the evidence for the value kept ({"value", "source", "confidence", "agrees", ...})
    meta_evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    # working state of the pipeline, not exported
    raw: RawDoc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    # the text's tokens and sentences, made once (sorot.text.tokens.text_doc) and read by every later stage
    doc: TextDoc | None = field(default=None, repr=False, compare=False)

    EXPORT_FIELDS = (
        "source", "id", "title", "outlet", "authors", "dateline", "published", "language",
        "text", "lines", "entities", "quotes", "events", "url", "format", "republished",
        "story_date", "copy_of", "story", "meta_evidence",
    )

    def to_export(self) -> dict[str, Any]:
        """The article as one record of the JSON Lines export (every spec field present)."""
        record: dict[str, Any] = {}
        for name in self.EXPORT_FIELDS:
            value = getattr(self, name)
            if name == "lines":
                value = [{"n": line.n, "label": line.label} for line in value]
            elif name == "entities":
                value = [e.to_export() for e in value]
            elif name in ("quotes", "events"):
                value = [asdict(v) for v in value]
            record[name] = value
        return record

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def normalise_for_id(text: str) -> str:
    """Case, accents, punctuation and spacing folded, so trivial re-scrapes share an id."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str, source: str = "") -> str:
    """Stable id: a hash of where the article comes from (URL or file name) and its normalised body.

    The source is part of the id because the same wire text published by two outlets is two articles
    (linked by `copy_of`), while a trivial re-scrape of one page (case, spacing) keeps its id."""
    basis = f"{source}\x1f{normalise_for_id(text)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
