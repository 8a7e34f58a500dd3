"""Wire copies: articles whose body copies another stored article's body.

Each body gets one MinHash sketch (datasketch) of its word 4-grams, made once and kept in the `sketches`
table with the number of distinct 4-grams and the news agency its credit lines name. A new batch is
compared with everything stored through an LSH index built from the stored sketches (not the texts):
candidates come from a low Jaccard threshold, and a candidate pair is a copy when the estimated
*containment* of the shorter body in the longer one is high. Containment, not Jaccard: a copy that
keeps 70 % of the paragraphs has Jaccard near 0.7 but containment near 1.0.

From the MinHash Jaccard estimate J and the two shingle counts a <= b, the overlap is J(a+b)/(1+J) and
the containment of the shorter is that overlap divided by a.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from sorot.data import read_yaml

NUM_PERM = 128          # MinHash permutations: Jaccard estimates within about +-0.045 (1 sd)
SHINGLE_WORDS = 4       # word n-grams: long enough that two independent reports rarely share many
LSH_THRESHOLD = 0.2     # Jaccard at which LSH proposes a candidate: low, so truncated copies are found
COPY_CONTAINMENT = 0.75  # estimated containment of the shorter body that makes a copy
AGENCY_CONTAINMENT = 0.6  # the same, when both bodies carry the same agency's credit line
MIN_SHINGLES = 25       # bodies shorter than this (about two sentences) are never called copies
SEED = 1


@dataclass(frozen=True)
class Sketch:
    article_id: str
    words: int                      # distinct word 4-grams of the body
    agency: str | None
    signature: np.ndarray


@dataclass(frozen=True)
class Agency:
    code: str
    patterns: tuple[re.Pattern[str], ...]


@cache
def agencies() -> tuple[Agency, ...]:
    text = resources.files("sorot.data").joinpath("corpus/agencies.yaml").read_text(encoding="utf-8")
    return tuple(Agency(str(entry["code"]), tuple(re.compile(p) for p in entry["patterns"]))
                 for entry in read_yaml(text))


def agency_credit(text: str) -> str | None:
    """The news agency a body credits (its first credit line wins), or None."""
    found: list[tuple[int, str]] = []
    for agency in agencies():
        for pattern in agency.patterns:
            match = pattern.search(text)
            if match:
                found.append((match.start(), agency.code))
    return min(found)[1] if found else None


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"\w+", text)


def shingles(text: str) -> set[bytes]:
    words = _words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def make_sketch(article_id: str, text: str) -> Sketch:
    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(grams))
    return Sketch(article_id, len(grams), agency_credit(text), minhash.hashvalues.copy())


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the shorter body's 4-grams that the other body holds."""
    smaller = min(a.words, b.words)
    if smaller == 0:
        return 0.0
    jaccard = float(np.mean(a.signature == b.signature))
    overlap = jaccard * (a.words + b.words) / (1.0 + jaccard)
    return min(1.0, overlap / smaller)


def is_copy(a: Sketch, b: Sketch) -> tuple[bool, float]:
    if min(a.words, b.words) < MIN_SHINGLES:
        return False, 0.0
    score = containment(a, b)
    same_agency = a.agency is not None and a.agency == b.agency
    return score >= (AGENCY_CONTAINMENT if same_agency else COPY_CONTAINMENT), score


# -- the sketches table ------------------------------------------------------------------------------------


def update_sketches(con: duckdb.DuckDBPyConnection) -> list[Sketch]:
    """Sketch every stored article that has none yet (and forget sketches of removed articles).
    Returns the new sketches: the batch to compare with everything stored."""
    con.execute("DELETE FROM sketches WHERE article_id NOT IN (SELECT id FROM articles)")
    todo = con.execute("SELECT id, text FROM articles WHERE id NOT IN (SELECT article_id FROM sketches) "
                       "ORDER BY id").fetchall()
    new = [make_sketch(article_id, text or "") for article_id, text in todo]
    if new:
        table = pa.table({
            "article_id": [s.article_id for s in new],
            "words": pa.array([s.words for s in new], pa.int32()),
            "agency": [s.agency for s in new],
            "signature": pa.array([s.signature.tolist() for s in new], pa.list_(pa.uint64())),
        })
        con.register("_new_sketches", table)
        try:
            con.execute("INSERT INTO sketches BY NAME SELECT * FROM _new_sketches")
        finally:
            con.unregister("_new_sketches")
    return new


def stored_sketches(con: duckdb.DuckDBPyConnection) -> list[Sketch]:
    relation = con.sql("SELECT article_id, words, agency, signature FROM sketches ORDER BY article_id")
    table = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.fetch_arrow_table()
    ids, words, agency = (table.column(n).to_pylist() for n in ("article_id", "words", "agency"))
    signatures = table.column("signature").combine_chunks()
    flat = signatures.flatten().to_numpy(zero_copy_only=False).astype(np.uint64)
    matrix = flat.reshape(len(ids), NUM_PERM) if len(ids) else np.empty((0, NUM_PERM), np.uint64)
    return [Sketch(ids[i], int(words[i]), agency[i], matrix[i]) for i in range(len(ids))]


def copy_pairs(new: Sequence[Sketch], stored: Iterable[Sketch]) -> list[tuple[str, str, float]]:
    """Pairs (a, b, containment) of copies between the new sketches and all stored ones (new included)."""
    if not new:
        return []
    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    by_id: dict[str, Sketch] = {}
    with index.insertion_session() as session:
        for sketch in stored:
            by_id[sketch.article_id] = sketch
            session.insert(sketch.article_id, MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sketch.signature))
    pairs: dict[tuple[str, str], float] = {}
    for sketch in new:
        query = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sketch.signature)
        for other_id in index.query(query):
            if other_id == sketch.article_id:
                continue
            key = (min(sketch.article_id, other_id), max(sketch.article_id, other_id))
            if key in pairs:
                continue
            copied, score = is_copy(sketch, by_id[other_id])
            if copied:
                pairs[key] = score
    return [(a, b, score) for (a, b), score in sorted(pairs.items())]


def update_copies(con: duckdb.DuckDBPyConnection) -> int:
    """Sketch the new articles, find their copies among all stored ones and set `articles.copy_of` to the
    earliest stored copy (by publication time, then by id). Returns the number of copy pairs stored."""
    new = update_sketches(con)
    con.execute("DELETE FROM copy_pairs WHERE a NOT IN (SELECT id FROM articles) "
                "OR b NOT IN (SELECT id FROM articles)")
    pairs = copy_pairs(new, stored_sketches(con)) if new else []
    if pairs:
        con.executemany("INSERT INTO copy_pairs VALUES (?, ?, ?)", pairs)
    all_pairs = con.execute("SELECT a, b FROM copy_pairs").fetchall()
    order = [row[0] for row in con.execute(
        "SELECT id FROM articles ORDER BY published_at NULLS LAST, published_date NULLS LAST, "
        "processed_at, id").fetchall()]
    copy_of = earliest_copies(order, all_pairs)
    con.execute("UPDATE articles SET copy_of = NULL WHERE copy_of IS NOT NULL")
    if copy_of:
        con.register("_copy_of", pa.table({"id": list(copy_of), "copy_of": list(copy_of.values())}))
        try:
            con.execute("UPDATE articles SET copy_of = c.copy_of FROM _copy_of c WHERE articles.id = c.id")
        finally:
            con.unregister("_copy_of")
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
