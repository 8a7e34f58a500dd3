"""Wire copies: articles whose body copies another stored article's body.

Each body gets one MinHash sketch (datasketch) of its word 4-grams, made once and kept in the `sketches`
table with the number of distinct 4-grams and the news agency its credit lines name. The LSH index lives in
the store too (`sketch_bands`: one key per band of the signature, with datasketch's band count for a low
Jaccard threshold), so a new batch is compared with everything stored by one join on the band keys,
without re-reading stored texts or sketches; only the candidates' sketches are read, and a candidate pair
is a copy when the estimated *containment* of the shorter body in the longer one is high. Containment, not Jaccard: a copy that
keeps 70 % of the paragraphs has Jaccard near 0.7 but containment near 1.0.

From the MinHash Jaccard estimate J and the two shingle counts a <= b, the overlap is J(a+b)/(1+J) and
the containment of the shorter is that overlap divided by a.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import duckdb
import numpy as np
import pyarrow as pa

from sorot.corpus.tables import set_column
from sorot.corpus.terms import name_terms
from sorot.data import data_cached, load_data
from sorot.data.schemas import Agencies, CopyThresholds

NUM_PERM = 128          # MinHash permutations: Jaccard estimates within about +-0.045 (1 sd)
SHINGLE_WORDS = 4       # word n-grams: long enough that two independent reports rarely share many
LSH_THRESHOLD = 0.2     # Jaccard at which LSH proposes a candidate: low, so truncated copies are found
SEED = 1
CREDIT_REACH = 300      # characters at each end of a body where a credit line stands (dateline, sign-off)


@dataclass(frozen=True)
class Sketch:
    article_id: str
    words: int                      # distinct word 4-grams of the body
    agency: str | None
    signature: np.ndarray
    terms: tuple[str, ...] = ()     # name terms of the title and the opening (sorot.corpus.terms)


@dataclass(frozen=True)
class Agency:
    code: str
    patterns: tuple[re.Pattern[str], ...]


@data_cached
def agencies() -> tuple[Agency, ...]:
    return tuple(Agency(entry.code, tuple(re.compile(p) for p in entry.patterns))
                 for entry in load_data("corpus/agencies.yaml", Agencies))


_WORD_BOUNDARY = re.compile(r"\b")


@dataclass(frozen=True)
class CreditPattern:
    """One credit pattern of an agency, searched on its own. A leading `\\b` keeps `re` from skipping ahead to
    the places where the pattern's first letters occur (it tries every position of the body instead), so a
    pattern that opens with one (and has no `|`, whose alternatives it might not all cover) is searched without it,
    the word boundary checked at each place found."""

    agency: str
    pattern: re.Pattern[str]
    word_start: bool

    @classmethod
    def of(cls, agency: str, pattern: re.Pattern[str]) -> CreditPattern:
        if pattern.pattern.startswith(r"\b") and "|" not in pattern.pattern:
            return cls(agency, re.compile(pattern.pattern[2:]), True)
        return cls(agency, pattern, False)

    def first_start(self, text: str, before: int) -> int | None:
        """Where the pattern's first match in `text` starts, if before `before`."""
        at = 0
        while (match := self.pattern.search(text, at)) is not None and match.start() < before:
            if not self.word_start or _WORD_BOUNDARY.match(text, match.start()):
                return match.start()
            at = match.start() + 1
        return None


@data_cached
def _credit_patterns() -> tuple[CreditPattern, ...]:
    """Every agency's credit patterns, in the order of the data file."""
    return tuple(CreditPattern.of(agency.code, pattern) for agency in agencies() for pattern in agency.patterns)


def agency_credit(text: str) -> str | None:
    """The news agency whose credit comes first in a body, or None (at the same place, the agency and pattern
    listed first). Credits stand in the dateline or the sign-off, so only the start and the end of the body
    are searched."""
    if len(text) > 2 * CREDIT_REACH:
        text = text[:CREDIT_REACH] + "\n" + text[-CREDIT_REACH:]
    first, found = len(text) + 1, None
    for credit in _credit_patterns():
        start = credit.first_start(text, first)
        if start is not None:     # before the first found so far (a tie keeps the pattern listed first)
            first, found = start, credit.agency
    return found


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[bytes]:
    words = _words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    # the words encoded in one go (a word has no space, and no UTF-8 sequence holds the space's byte), and
    # each n-gram of the shifted word lists (no slice per position) joined in C by map
    encoded = " ".join(words).encode("utf-8").split(b" ")
    return set(map(b" ".join, zip(*(encoded[shift:] for shift in range(SHINGLE_WORDS)), strict=False)))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """MinHash's random permutations, drawn once (datasketch draws them anew for every object)."""
    from datasketch import MinHash  # datasketch loads scipy.integrate (0.3 s): only when sketching

    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def make_sketch(article_id: str, text: str) -> Sketch:
    return make_sketches([(article_id, text)])[0]


def make_sketches(bodies: Sequence[tuple[str, str]]) -> list[Sketch]:
    """The sketch of each (article id, body), through datasketch's bulk API (one MinHash set up for all)."""
    from datasketch import MinHash  # datasketch loads scipy.integrate (0.3 s): only when sketching

    grams = [shingles(text) for _article_id, text in bodies]
    # crc32 is a stable 32-bit hash in C: the shingle hash must be the same in every process and release
    minhashes = MinHash.bulk([list(found) for found in grams], num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32,
                             permutations=_permutations())
    return [Sketch(article_id, len(found), agency_credit(text), minhash.hashvalues)
            for (article_id, text), found, minhash in zip(bodies, grams, minhashes, strict=True)]


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the shorter body's 4-grams that the other body holds."""
    smaller = min(a.words, b.words)
    if smaller == 0:
        return 0.0
    # the share of equal hash values (np.mean's value, without its per-call overhead: asked of every candidate)
    jaccard = np.count_nonzero(a.signature == b.signature) / a.signature.size
    overlap = jaccard * (a.words + b.words) / (1.0 + jaccard)
    return min(1.0, overlap / smaller)


@data_cached
def thresholds() -> CopyThresholds:
    """The copy thresholds of data/corpus/copies.yaml (how they were calibrated is written there)."""
    return load_data("corpus/copies.yaml", CopyThresholds)


def is_copy(a: Sketch, b: Sketch) -> tuple[bool, float]:
    limits = thresholds()
    if min(a.words, b.words) < limits.min_shingles:
        return False, 0.0
    score = containment(a, b)
    same_agency = a.agency is not None and a.agency == b.agency
    return score >= (limits.agency_containment if same_agency else limits.copy_containment), score


# -- the sketches table ------------------------------------------------------------------------------------


# (bands, rows per band) that datasketch's MinHashLSH chooses for LSH_THRESHOLD and NUM_PERM: few false
# negatives above the threshold. Written out because datasketch finds them by numerical integration, a tenth
# of a second per run; tests/corpus/test_copies.py checks that they are still datasketch's choice.
LSH_BANDS, LSH_ROWS = 28, 2


def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band) as datasketch computes them for LSH_THRESHOLD (slow: for the test)."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return index.b, index.r


def band_keys(signature: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band of a signature: two sketches share a key when that band is equal."""
    rows = LSH_ROWS
    return [int.from_bytes(hashlib.blake2b(signature[b * rows:(b + 1) * rows].tobytes(), digest_size=8).digest(),
                           "little") >> 1 for b in range(LSH_BANDS)]


SKETCH_COLUMNS = ("article_id", "words", "agency", "signature", "terms")   # the sketches table's columns
SKETCH_ROWS = pa.schema([("article_id", pa.string()), ("words", pa.int32()), ("agency", pa.string()),
                         ("signature", pa.list_(pa.uint64())), ("terms", pa.list_(pa.string())),
                         ("bands", pa.list_(pa.int64()))])   # sketch_table's rows, as made or read from Parquet
MAX_MADE_SKETCHES = 20_000   # sketches a run keeps for the corpus layer (about 1.3 KB each); beyond, the
                             # corpus layer sketches an article from its stored body, as for an older store


def sketch_table(articles: Sequence[tuple[str, str | None, str | None]]) -> pa.Table:
    """The sketches of (article id, title, body) as Arrow rows: the sketches table's columns and `bands`, the
    LSH band keys. Made where the article is processed (sorot.runner.process_part, in a worker too), they
    spare the corpus layer, which runs in the one writer after every part, the bodies' sketching."""
    made = make_sketches([(article_id, text or "") for article_id, _title, text in articles])
    terms = [name_terms(title or "", text or "") for _id, title, text in articles]
    signatures = np.concatenate([s.signature for s in made]) if made else np.zeros(0, np.uint64)
    keys = [key for s in made for key in band_keys(s.signature)]
    return pa.table({
        "article_id": pa.array([s.article_id for s in made], pa.string()),
        "words": pa.array([s.words for s in made], pa.int32()),
        "agency": pa.array([s.agency for s in made], pa.string()),
        "signature": pa.ListArray.from_arrays(np.arange(0, len(signatures) + 1, NUM_PERM, dtype=np.int32),
                                              pa.array(signatures, pa.uint64())),
        "terms": pa.array(terms, pa.list_(pa.string())),
        "bands": pa.ListArray.from_arrays(np.arange(0, len(keys) + 1, LSH_BANDS, dtype=np.int32),
                                          pa.array(keys, pa.int64())),
    }).cast(SKETCH_ROWS)


class MadeSketches:
    """The sketch rows (sketch_table) made during a run, the latest of each article id, as the store keeps
    the latest article of an id: `update_sketches` stores them instead of reading the bodies back. At most
    `limit` rows are kept; an article given after that is left to the corpus layer (and an earlier sketch of
    its id forgotten, as it may be of another version)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_MADE_SKETCHES if limit is None else limit
        self.tables: list[pa.Table] = []
        self.rows = 0
        self.where: dict[str, tuple[int, int]] = {}    # article id -> (table number, row)

    def add(self, table: pa.Table | None) -> None:
        if table is None or not table.num_rows:
            return
        if table.schema != SKETCH_ROWS:     # a worker's part read back from Parquet may name list items apart
            table = table.cast(SKETCH_ROWS)
        ids = table.column("article_id").to_pylist()
        if self.rows + len(ids) > self.limit:
            for article_id in ids:
                self.where.pop(article_id, None)
            return
        number = len(self.tables)
        self.tables.append(table)
        self.rows += len(ids)
        self.where.update((article_id, (number, row)) for row, article_id in enumerate(ids))

    def rows_of(self, ids: Sequence[str]) -> tuple[pa.Table | None, list[str]]:
        """(the rows of those `ids` that were made, in the order of `ids`; the ids that were not)."""
        starts = np.cumsum([0] + [t.num_rows for t in self.tables])
        picked = [int(starts[self.where[i][0]]) + self.where[i][1] for i in ids if i in self.where]
        missing = [i for i in ids if i not in self.where]
        if not picked:
            return None, missing
        return pa.concat_tables(self.tables).take(pa.array(picked, pa.int64())), missing


def update_sketches(con: duckdb.DuckDBPyConnection, made: MadeSketches | None = None) -> list[Sketch]:
    """Sketch every stored article that has none yet and index it (and forget removed articles); a sketch
    the run `made` with the article is taken as it is. Returns the new sketches: the batch to compare with
    everything stored."""
    con.execute("DELETE FROM sketches WHERE article_id NOT IN (SELECT id FROM articles)")
    con.execute("DELETE FROM sketch_bands WHERE article_id NOT IN (SELECT id FROM articles)")
    todo = [row[0] for row in con.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM sketches) ORDER BY id").fetchall()]
    known, missing = (made or MadeSketches()).rows_of(todo)
    parts = [known] if known is not None else []
    if missing:
        bodies = con.execute("SELECT id, title, text FROM articles WHERE id IN (SELECT unnest($1)) ORDER BY id",
                             [missing]).fetchall()
        parts.append(sketch_table(bodies))
    if not parts:
        return []
    new = pa.concat_tables(parts).sort_by("article_id") if len(parts) > 1 else parts[0]
    count = new.num_rows
    tables = {
        "sketches": new.select(list(SKETCH_COLUMNS)),
        "sketch_bands": pa.table({
            "article_id": new.column("article_id").take(pa.array(np.repeat(np.arange(count), LSH_BANDS))),
            "band": pa.array(np.tile(np.arange(LSH_BANDS, dtype=np.int16), count), pa.int16()),
            "key": new.column("bands").combine_chunks().flatten()}),   # flatten: offsets of a slice respected
    }
    for name, table in tables.items():
        con.register("_incoming", table)
        try:
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _incoming")
        finally:
            con.unregister("_incoming")
    signatures = new.column("signature").combine_chunks().flatten().to_numpy().reshape(count, NUM_PERM)
    return [Sketch(article_id, words, agency, signature, tuple(terms)) for article_id, words, agency, signature, terms
            in zip(*(new.column(c).to_pylist() for c in ("article_id", "words", "agency")), signatures,
                   new.column("terms").to_pylist(), strict=True)]


def read_sketches(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, Sketch]:
    if not ids:
        return {}
    rows = con.execute("SELECT article_id, words, agency, signature FROM sketches "
                       "WHERE article_id IN (SELECT unnest($1)) ORDER BY article_id", [list(ids)]).fetchall()
    return {article_id: Sketch(article_id, int(words), agency, np.array(signature, dtype=np.uint64))
            for article_id, words, agency, signature in rows}


# Candidate pairs of a new article: those sharing the most LSH bands with it. Copy clusters are joined
# transitively, so a few verified links per article suffice, and a bucket of thousands of copies of one
# text (a syndicated story, a scraper's duplicates) costs a bounded amount instead of a quadratic one.
CANDIDATES_PER_ARTICLE = 20
BUCKET_CAP = 50               # stored members of one band bucket that a new article is compared with

CANDIDATES_SQL = f"""
WITH batch AS (SELECT b.article_id, b.band, b."key" FROM sketch_bands b JOIN _batch USING (article_id)),
buckets AS (SELECT s.article_id, s.band, s."key" FROM sketch_bands s
            JOIN (SELECT DISTINCT band, "key" FROM batch) USING (band, "key")
            QUALIFY row_number() OVER (PARTITION BY s.band, s."key" ORDER BY s.article_id) <= {BUCKET_CAP})
SELECT n.article_id AS a, m.article_id AS b, count(*) AS shared
FROM batch n JOIN buckets m ON m.band = n.band AND m."key" = n."key" AND m.article_id <> n.article_id
GROUP BY n.article_id, m.article_id
QUALIFY row_number() OVER (PARTITION BY a ORDER BY shared DESC, b) <= {CANDIDATES_PER_ARTICLE}
ORDER BY a, b
"""


def candidate_pairs(con: duckdb.DuckDBPyConnection, new: Sequence[Sketch]) -> list[tuple[str, str]]:
    """Pairs (new article, stored article) that share LSH band keys: the only pairs worth comparing."""
    con.register("_batch", pa.table({"article_id": [s.article_id for s in new]}))
    try:
        return [(a, b) for a, b, _shared in con.execute(CANDIDATES_SQL).fetchall()]
    finally:
        con.unregister("_batch")


def copy_pairs(con: duckdb.DuckDBPyConnection, new: Sequence[Sketch]) -> list[tuple[str, str, float]]:
    """Pairs (a, b, containment) of copies between the new sketches and all stored ones (new included)."""
    if not new:
        return []
    candidates = candidate_pairs(con, new)
    # the new sketches are at hand; only the stored ones they are compared with are read
    sketches = {sketch.article_id: sketch for sketch in new}
    sketches.update(read_sketches(con, sorted({b for _a, b in candidates} - sketches.keys())))
    pairs: dict[tuple[str, str], float] = {}
    for a, b in candidates:
        key = (min(a, b), max(a, b))
        if key in pairs:
            continue
        copied, score = is_copy(sketches[a], sketches[b])
        if copied:
            pairs[key] = score
    return [(a, b, score) for (a, b), score in sorted(pairs.items())]


def update_copies(con: duckdb.DuckDBPyConnection, made: MadeSketches | None = None) -> int:
    """Sketch the new articles (or take the sketches `made` with them), find their copies among all stored
    ones and set `articles.copy_of` to the earliest stored copy (by publication time, then by id). Returns
    the number of copy pairs stored."""
    new = update_sketches(con, made)
    con.execute("DELETE FROM copy_pairs WHERE a NOT IN (SELECT id FROM articles) "
                "OR b NOT IN (SELECT id FROM articles)")
    pairs = copy_pairs(con, new)
    if pairs:
        con.register("_pairs", pa.table({"a": [x[0] for x in pairs], "b": [x[1] for x in pairs],
                                         "containment": [x[2] for x in pairs]}))
        try:
            con.execute("INSERT INTO copy_pairs BY NAME SELECT * FROM _pairs")
        finally:
            con.unregister("_pairs")
    all_pairs = con.execute("SELECT a, b FROM copy_pairs").fetchall()
    order = [row[0] for row in con.execute(
        "SELECT id FROM articles ORDER BY published_at NULLS LAST, published_date NULLS LAST, "
        "processed_at, id").fetchall()]
    copy_of = earliest_copies(order, all_pairs)
    set_column(con, "articles", "copy_of", copy_of)
    return len(all_pairs)


def earliest_copies(order: Sequence[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{article: the earliest article of its copy cluster}, for every article that is not that earliest."""
    rank = {article_id: n for n, article_id in enumerate(order)}
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    for a, b in pairs:
        if a in rank and b in rank:
            ra, rb = root(a), root(b)
            if ra != rb:
                first, second = (ra, rb) if rank[ra] <= rank[rb] else (rb, ra)
                parent[second] = first
    return {node: root(node) for node in parent if root(node) != node}
