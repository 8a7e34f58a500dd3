"""spaCy's tok2vec over sorot's sentences, with each token type's embedding computed once per process.

The tok2vec's first half (`embed`: four hashed attributes, NORM, PREFIX, SUFFIX and SHAPE, mixed by a maxout
layer and a layer norm) depends only on the token's four attribute values, and news repeats its words: on
the bench corpus, 290,000 tokens had 8,500 distinct attribute rows. `TokenVectors` keeps the embedding of each
row it has seen (up to EMBED_CACHE_ROWS, then starts afresh) and runs spaCy's layers on the new rows only; the
second half (`encode`, the CNN over each token's neighbours) runs as spaCy runs it. The embed was about 40%
of the tok2vec's CPU.

Same numbers as spaCy's own tok2vec, bit for bit: the new rows go through the same layers in one matrix
product of at least MIN_EMBED_ROWS rows (padded), because OpenBLAS computes products of a few rows by another
kernel, whose sums can differ in the last bit (tests/nlp/test_token_vectors.py). A tok2vec of another
architecture runs as spaCy's component, unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.pipeline import Tok2Vec
from spacy.tokens import Doc
from thinc.api import Model

__all__ = ["EMBED_CACHE_ROWS", "MIN_EMBED_ROWS", "TokenVectors"]

# Distinct attribute rows kept: 30,000 x 64 floats is 7.7 MB, with the index about 13 MB in all. The
# bench's 1,000 articles needed 8,500; a day of national news a few times that. When full, the cache is
# emptied and refilled (each row is recomputed the same way, so the output does not change).
EMBED_CACHE_ROWS = 30_000
# Fewest rows in one embed product. OpenBLAS multiplies a matrix of under 16 rows by another kernel whose
# last bits differ from the one spaCy's own batches (hundreds of tokens) use; 64 keeps a margin.
MIN_EMBED_ROWS = 64
# The layers of spacy.MultiHashEmbed.v2 without static vectors, as thinc names them.
EMBED_LAYERS = ("extract_features", "list2ragged", "with_array(", "with_array(", "ragged2list")


def _embed_layers(tok2vec: Any) -> tuple[Model[Any, Any], Model[Any, Any], list[int | str]] | None:
    """(the hashed embeddings, the mixing layer, the attribute names) of a MultiHashEmbed tok2vec, or None."""
    if type(tok2vec) is not Tok2Vec or not tok2vec.model.has_ref("embed") or not tok2vec.model.has_ref("encode"):
        return None
    layers = tok2vec.model.get_ref("embed").layers
    if len(layers) != len(EMBED_LAYERS) or not all(
            layer.name.startswith(name) for layer, name in zip(layers, EMBED_LAYERS, strict=True)):
        return None
    extract, _to_ragged, hashed, mix, _to_list = layers
    return hashed, mix, list(extract.attrs["columns"])


class TokenVectors:
    """Sets `doc.tensor` on docs, as the pipeline's tok2vec component would."""

    def __init__(self, tok2vec: Any, capacity: int = EMBED_CACHE_ROWS) -> None:
        self.component = tok2vec
        self.layers = _embed_layers(tok2vec)
        self.encode = tok2vec.model.get_ref("encode") if self.layers else None
        self.capacity = capacity
        self.rows: dict[bytes, int] = {}          # attribute row (as bytes) -> row of `table`
        self.table: npt.NDArray[np.float32] | None = None
        self.lock = threading.Lock()               # the cache is shared by threads of a process

    def __call__(self, docs: Sequence[Doc]) -> None:
        if self.layers is None or self.encode is None:
            self.component.set_annotations(docs, self.component.predict(docs))
            return
        with self.lock:
            embedded = self._embed(docs)
        offsets = np.cumsum([len(doc) for doc in docs])[:-1]
        vectors = self.encode.predict(np.split(embedded, offsets))
        for doc, tensor in zip(docs, vectors, strict=True):
            doc.tensor = tensor

    def _embed(self, docs: Sequence[Doc]) -> npt.NDArray[np.float32]:
        """The embed layer's output for every token of `docs`, one row per token."""
        assert self.layers is not None
        _hashed, _mix, columns = self.layers
        features = np.ascontiguousarray(
            np.concatenate([doc.to_array(columns) for doc in docs]) if docs else np.zeros((0, len(columns))),
            dtype=np.uint64)
        # each token's attribute row as one bytes object, to look up in a dict
        keys = cast(list[bytes], features.view(np.dtype((np.void, features.shape[1] * 8))).ravel().tolist())
        new = {key: index for index, key in enumerate(keys) if key not in self.rows}
        if new and (self.table is None or len(self.rows) + len(new) > len(self.table)):
            self.rows.clear()            # full: start afresh, with every row of these docs new
            new = {key: index for index, key in enumerate(keys)}
            self.table = np.empty((max(self.capacity, len(new)), self.layers[1].get_dim("nO")), np.float32)
        if new:
            self._add(new, features)
        rows = self.rows
        assert self.table is not None
        return self.table[np.fromiter((rows[key] for key in keys), dtype=np.int64, count=len(keys))]

    def _add(self, new: dict[bytes, int], features: npt.NDArray[np.uint64]) -> None:
        """Embed the attribute rows not seen yet (`new`: key -> a token index that has it) and keep them."""
        assert self.layers is not None
        hashed, mix, _columns = self.layers
        assert self.table is not None
        count = len(new)
        picked = np.fromiter(new.values(), dtype=np.int64, count=count)
        if count < MIN_EMBED_ROWS:   # see MIN_EMBED_ROWS: padded with copies of the first row
            picked = np.concatenate([picked, np.repeat(picked[:1], MIN_EMBED_ROWS - count)])
        vectors = mix.predict(hashed.predict(features[picked]))[:count]
        start = len(self.rows)
        self.table[start:start + count] = vectors
        for offset, key in enumerate(new):
            self.rows[key] = start + offset
