"""Greedy decoding of sorot's spaCy NER model, vectorised over many sentences at once.

spaCy's own decoder (`Parser.greedy_parse`) steps through 32 documents at a time in C, but in the spaCy
3.8 build it checks each move's validity (13 moves per token, `ner.pyx`'s `is_valid`) through calls that
take and release the GIL: with `perf` over the bench corpus, GIL hand-offs were about a third of the nlp
stage's CPU. This module keeps spaCy's model and its arithmetic (spaCy computes the tok2vec, its
projection and the precomputed lower layer) and replaces only the step loop: one numpy step per token
position over all sentences of a batch (DECODE_BATCH_SENTENCES), sorted by length so that the sentences still
being decoded are a prefix.

It mirrors spaCy 3.8's `spacy/ml/parser_model.pyx` (`predict_states`: the three feature tokens' precomputed
rows summed in order, the bias, maxout, the upper layer, unseen classes at the batch's minimum) and
`spacy/pipeline/_parser_internals/ner.pyx` (BILUO moves, their validity and transitions) for documents
without preset entities; documents with preset entities, and models of another shape, go to spaCy's own
decoder. tests/nlp/test_ner_decoder.py checks that the entities are the ones spaCy's decoder finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

__all__ = ["DECODE_BATCH_SENTENCES", "decode_entities", "supports"]

# Sentences decoded in one vectorised pass. Each step costs about the same whatever the number of
# sentences in it, so larger batches share that cost, but the precomputed features take 1.2 KB per token
# and the batch's docs are held until it is decoded. Over the bench's texts in the runner's parts (32
# articles, ~580 sentences), 256 took no more CPU than 512 and 14 MB less peak memory; 128 another 9 MB
# less, at a few per cent more CPU.
DECODE_BATCH_SENTENCES = 256

# spaCy's NER moves, by the first letter of their names ("B-PER", "U-LOC", "O").
BEGIN, IN, LAST, UNIT, OUT = range(5)
MOVE_LETTERS = "BILUO"
# The three feature tokens of spaCy's NER state (`StateC.set_context_tokens` with n == 3).
NER_STATE_FEATURES = 3

Entity = tuple[int, int, str]   # token start, token end, label


@dataclass(frozen=True)
class _Moves:
    kinds: npt.NDArray[np.int64]    # BEGIN ... OUT per move
    labels: npt.NDArray[np.int64]   # label number per move (0: none)
    names: tuple[str, ...]          # label names, by label number


def supports(ner: Any) -> bool:
    """Whether `ner` is a greedy spaCy NER of the shape this decoder mirrors."""
    if type(ner) is not EntityRecognizer or ner.cfg.get("beam_width", 1) != 1:   # beam search: spaCy's
        return False
    model = ner.model
    if not model.attrs.get("has_upper") or not model.has_ref("lower") or not model.has_ref("upper"):
        return False
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    return (model.get_ref("lower").get_dim("nF") == NER_STATE_FEATURES
            and all(name[:1] != "" and name[0] in MOVE_LETTERS and name[1:2] in ("", "-") for name in names))


def _moves(ner: EntityRecognizer) -> _Moves:
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    label_names = ("",) + tuple(sorted({name[2:] for name in names if name[2:]}))
    return _Moves(np.array([MOVE_LETTERS.index(name[0]) for name in names]),
                  np.array([label_names.index(name[2:]) for name in names]),
                  label_names)


def decode_entities(ner: EntityRecognizer, docs: Sequence[Doc]) -> list[list[Entity]]:
    """The entities of each doc (tok2vec already run on them), as spaCy's greedy NER would find them."""
    if not docs:
        return []
    tokens = np.concatenate([doc.to_array([ENT_IOB, IS_SPACE, SENT_START]) for doc in docs])
    if len(tokens) and tokens[:, 0].any():            # preset entities: spaCy's decoder honours them
        return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in ner.pipe(docs)]
    return _Decoder(ner, docs, tokens).run()


class _Decoder:
    """One batch: the features precomputed by spaCy, and the state of each sentence's decoding."""

    def __init__(self, ner: EntityRecognizer, docs: Sequence[Doc], tokens: npt.NDArray[Any]) -> None:
        model = ner.model
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        cached = lower.predict(model.get_ref("tok2vec").predict(docs))  # (tokens + 1, nF, nO, nP); row 0: padding
        self.pieces = lower.get_dim("nP")
        self.features = cached.reshape(cached.shape[0], cached.shape[1], -1)
        self.bias = lower.get_param("b").reshape(-1)
        self.upper_weights, self.upper_bias = upper.get_param("W").T, upper.get_param("b")
        unseen = sorted(model.attrs.get("unseen_classes", ()))
        self.unseen = np.array(unseen, dtype=np.int64)
        self.moves = _moves(ner)
        lengths = np.array([len(doc) for doc in docs])
        self.order = np.argsort(-lengths, kind="stable")
        self.lengths = lengths[self.order]
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[self.order]
        # per token, with one extra row for "past the end": whitespace, and "a sentence starts here"
        self.space = np.append(tokens[:, 1] != 0, False)
        self.sentence_start = np.append(tokens[:, 2] == 1, False)
        count = len(docs)
        self.open = np.zeros(count, dtype=bool)             # an entity is open
        self.entity_start = np.zeros(count, dtype=np.int64)
        self.entity_label = np.zeros(count, dtype=np.int64)
        self.found: list[list[Entity]] = [[] for _ in docs]

    def run(self) -> list[list[Entity]]:
        longest = int(self.lengths[0])
        for position in range(longest):
            active = int(np.searchsorted(-self.lengths, -position, side="left"))  # lengths > position
            self._step(position, active)
        for entities in self.found:
            entities.sort()
        return self.found

    def _scores(self, position: int, active: int) -> npt.NDArray[np.float32]:
        """The upper layer's scores for each active sentence (parser_model.pyx, predict_states)."""
        is_open, starts = self.open[:active], self.starts[:active]
        buffer_row = starts + position + 1                          # B(0); rows are shifted by the padding row
        entity_row = np.where(is_open, starts + self.entity_start[:active] + 1, 0)    # E(0), or padding
        previous_row = np.where(is_open, starts + position, 0)                         # B(0) - 1 in an entity
        hidden = self.features[buffer_row, 0] + self.features[entity_row, 1]
        hidden += self.features[previous_row, 2]
        hidden += self.bias
        pieces = hidden.reshape(active, -1, self.pieces)
        best = pieces[:, :, 0]
        for piece in range(1, self.pieces):
            best = np.maximum(best, pieces[:, :, piece])
        scores: npt.NDArray[np.float32] = best @ self.upper_weights
        scores += self.upper_bias
        if len(self.unseen):
            scores[:, self.unseen] = scores.min()
        return scores

    def _valid(self, position: int, active: int) -> npt.NDArray[np.bool_]:
        """Which moves each active sentence may take (ner.pyx, is_valid, without preset entities)."""
        kinds, labels = self.moves.kinds, self.moves.labels
        is_open, closed = self.open[:active], ~self.open[:active]
        token = self.starts[:active] + position
        two_left = self.lengths[:active] - position >= 2            # buffer_length() >= 2
        next_starts_sentence = self.sentence_start[token + 1] & two_left
        space = self.space[token]
        same_label = self.entity_label[:active, None] == labels[None, :]
        labelled = labels[None, :] != 0
        valid = np.zeros((active, len(kinds)), dtype=bool)
        valid |= (kinds == BEGIN) & labelled & (closed & two_left & ~next_starts_sentence & ~space)[:, None]
        valid |= (kinds == IN) & same_label & labelled & (is_open & two_left & ~next_starts_sentence)[:, None]
        valid |= (kinds == LAST) & same_label & labelled & is_open[:, None]
        valid |= (kinds == UNIT) & labelled & (closed & ~space)[:, None]
        valid |= (kinds == OUT) & closed[:, None]
        return valid

    def _step(self, position: int, active: int) -> None:
        scores = self._scores(position, active)
        scores[~self._valid(position, active)] = -np.inf
        chosen = scores.argmax(axis=1)                              # the first best valid move, as in C
        kinds, labels = self.moves.kinds[chosen], self.moves.labels[chosen]
        begins = np.flatnonzero(kinds == BEGIN)
        self.open[begins] = True
        self.entity_start[begins] = position
        self.entity_label[begins] = labels[begins]
        names = self.moves.names
        for row in np.flatnonzero(kinds == LAST):
            doc = int(self.order[row])
            self.found[doc].append((int(self.entity_start[row]), position + 1, names[self.entity_label[row]]))
            self.open[row] = False
        for row in np.flatnonzero(kinds == UNIT):
            self.found[int(self.order[row])].append((position, position + 1, names[labels[row]]))
