"""Training data and training loop of sorot's NER model (used by scripts/train_ner.py and its smoke test).

Sources (see ../shared/data/README.md):
* NERGrit (cased, encyclopaedic): PERSON/ORGANISATION/PLACE -> PER/ORG/LOC, fully annotated.
* NERP (lower-cased news): PPL/PLC -> PER/LOC. NERP does not annotate institutions, so every token that
  could belong to an ORG (its IND/EVT/FNB spans and the proper nouns it tags O) is marked *missing*,
  never "O". The sentences are re-cased from the parallel POSP tags (proper nouns capitalised,
  vowel-less proper nouns upper-cased as acronyms, sentence starts capitalised), because the news
  we process is cased and spaCy's SHAPE feature would otherwise see only lower case.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import iob_to_biluo

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
NERGRIT_LABELS = {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"}
NERP_LABELS = {"PPL": "PER", "PLC": "LOC"}
PROPER_NOUN_TAGS = {"NNP"}
VOWELS = set("aiueo")

Tagged = list[tuple[str, str]]


@dataclass
class Sentence:
    """One training sentence: words, BILUO tags ("-" = missing) and whether it is fully annotated."""

    words: list[str]
    tags: list[str]


def read_iob(path: Path) -> list[Tagged]:
    """IndoNLU two-column files; tokens holding spaces are split, the tag propagated as I-."""
    sentences: list[Tagged] = []
    current: Tagged = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = line.split("\t")
        pieces = token.split()
        current.append((pieces[0], tag))
        inside = "I-" + tag[2:] if tag != "O" else "O"
        current.extend((piece, inside) for piece in pieces[1:])
    if current:
        sentences.append(current)
    return sentences


def _mapped_iob(tags: list[str], mapping: dict[str, str], unmapped: str) -> list[str]:
    """Map IOB types; types outside `mapping` become `unmapped` ("O" or "-")."""
    out = []
    for tag in tags:
        if tag == "O":
            out.append("O")
            continue
        prefix, kind = tag.split("-", 1)
        out.append(f"{prefix}-{mapping[kind]}" if kind in mapping else unmapped)
    return out


def _iob_with_missing_to_biluo(tags: list[str]) -> list[str]:
    """iob_to_biluo on runs of annotated tokens; "-" tokens stay missing."""
    biluo: list[str] = []
    run: list[str] = []
    for tag in [*tags, "-"]:
        if tag == "-":
            biluo.extend(iob_to_biluo(run))
            run = []
            if len(biluo) < len(tags):
                biluo.append("-")
        else:
            run.append(tag)
    return biluo


def nergrit_sentences(path: Path) -> list[Sentence]:
    result = []
    for tagged in read_iob(path):
        words = [w for w, _ in tagged]
        iob = _mapped_iob([t for _, t in tagged], NERGRIT_LABELS, "O")
        result.append(Sentence(words, iob_to_biluo(iob)))
    return result


def recase(words: list[str], pos_tags: list[str], iob: list[str]) -> list[str]:
    """Restore plausible news casing to a lower-cased NERP/POSP sentence.

    Proper nouns and names are capitalised (vowel-less ones upper-cased as acronyms), and so are
    office titles standing right before a name ("Menteri Luar Negeri Retno Marsudi"), as news does.
    """
    from sorot.nlp import ner_filters  # the same title list the stage uses

    titles = ner_filters().person_titles
    capital = [(t in PROPER_NOUN_TAGS or tag != "O") and w.isalpha()
               for w, t, tag in zip(words, pos_tags, iob, strict=True)]
    for i in range(1, len(words)):
        if iob[i] != "O" and iob[i] != "-" and iob[i - 1] in ("O", "-"):
            j = i - 1
            while j >= 0 and words[j] in titles:
                capital[j] = True
                j -= 1
    out = []
    for i, word in enumerate(words):
        if capital[i]:
            word = word.upper() if not VOWELS & set(word) else word.capitalize()
        elif i == 0:
            word = word[:1].upper() + word[1:]
        out.append(word)
    return out


def nerp_sentences(ner_path: Path, pos_path: Path, exclude: AbstractSet[tuple[str, ...]] = frozenset(),
                   case_from_labels: bool = True) -> list[Sentence]:
    """NERP with POSP casing; duplicates kept once, conflicting duplicates and `exclude` dropped.

    `case_from_labels=False` re-cases from the POS tags alone (for test scores: the NER labels
    must not leak into the casing the model sees).
    """
    ner, pos = read_iob(ner_path), read_iob(pos_path)
    by_words: dict[tuple[str, ...], list[list[str]]] = {}
    sentences: dict[tuple[str, ...], Sentence] = {}
    for ner_sent, pos_sent in zip(ner, pos, strict=True):
        words = [w for w, _ in ner_sent]
        key = tuple(words)
        by_words.setdefault(key, []).append([t for _, t in ner_sent])
        if key in exclude or key in sentences:
            continue
        pos_tags = [t[2:] for _, t in pos_sent]
        iob = _mapped_iob([t for _, t in ner_sent], NERP_LABELS, "-")
        # A proper noun NERP leaves "O" may be an organisation it never annotates: missing, not O.
        iob = ["-" if t == "O" and p in PROPER_NOUN_TAGS else t for t, p in zip(iob, pos_tags, strict=True)]
        casing_iob = iob if case_from_labels else ["O"] * len(iob)
        sentences[key] = Sentence(recase(words, pos_tags, casing_iob), _iob_with_missing_to_biluo(iob))
    return [s for key, s in sentences.items() if all(t == by_words[key][0] for t in by_words[key])]


def sentence_keys(path: Path) -> set[tuple[str, ...]]:
    return {tuple(w for w, _ in tagged) for tagged in read_iob(path)}


def to_doc(nlp: Language, sentence: Sentence) -> Doc:
    """A reference Doc; missing tokens carry no IOB annotation."""
    doc = Doc(nlp.vocab, words=sentence.words)
    spans: list[Span] = []
    missing: list[Span] = []
    start = None
    for i, tag in enumerate(sentence.tags):
        if tag == "-":
            missing.append(doc[i : i + 1])
        elif tag.startswith(("B-", "U-")):
            start = i
        if tag.startswith(("L-", "U-")) and start is not None:
            spans.append(Span(doc, start, i + 1, label=tag[2:]))
            start = None
    outside = [doc[i : i + 1] for i, t in enumerate(sentence.tags) if t == "O"]
    doc.set_ents(spans, missing=missing, outside=outside, default="unmodified")
    return doc


def write_docbin(nlp: Language, sentences: Iterable[Sentence], path: Path) -> int:
    docs = [to_doc(nlp, s) for s in sentences]
    DocBin(docs=docs).to_disk(path)
    return len(docs)


@dataclass
class Corpus:
    train: list[Sentence]
    dev: list[Sentence]


def load_corpus(data_dir: Path, use_nerp: bool = True, swap_entities: bool = False) -> Corpus:
    """NERGrit train (+ NERP train) for training, NERGrit valid (+ NERP valid) for model selection."""
    grit = data_dir / "ner" / "nergrit_ner-grit"
    train = nergrit_sentences(grit / "train_preprocess.txt")
    dev = nergrit_sentences(grit / "valid_preprocess.txt")
    if use_nerp:
        nerp, posp = data_dir / "ner" / "nerp_ner-prosa", data_dir / "pos" / "posp_pos-prosa"
        held_out = sentence_keys(nerp / "valid_preprocess.txt") | sentence_keys(nerp / "test_preprocess.txt")
        train += nerp_sentences(nerp / "train_preprocess.txt", posp / "train_preprocess.txt", held_out)
        dev += nerp_sentences(nerp / "valid_preprocess.txt", posp / "valid_preprocess.txt")
    if swap_entities:
        train += swapped_entities(train, random.Random(1))
    random.Random(0).shuffle(train)
    return Corpus(train, dev)


def swapped_entities(sentences: list[Sentence], rng: random.Random) -> list[Sentence]:
    """Copies of the sentences holding PER/LOC spans, each span replaced by another of its type.

    The model then has to rely on context ("Menteri Luar Negeri ... X Y bertemu") rather than
    on remembering the names, which matters for foreign names it never saw in training.
    """
    pools: dict[str, list[list[str]]] = {"PER": [], "LOC": []}
    for sentence in sentences:
        for start, end, label in iter_spans(sentence.tags):
            if label in pools:
                pools[label].append(sentence.words[start:end])
    copies = []
    for sentence in sentences:
        spans = [s for s in iter_spans(sentence.tags) if s[2] in pools]
        if not spans:
            continue
        words, tags, last = [], [], 0
        for start, end, label in spans:
            words += sentence.words[last:start]
            tags += sentence.tags[last:start]
            new = rng.choice(pools[label])
            words += new
            tags += [f"U-{label}"] if len(new) == 1 else \
                [f"B-{label}"] + [f"I-{label}"] * (len(new) - 2) + [f"L-{label}"]
            last = end
        copies.append(Sentence(words + sentence.words[last:], tags + sentence.tags[last:]))
    return copies


def train_model(corpus: Corpus, output: Path, max_steps: int, eval_frequency: int = 400,
                extra_overrides: dict[str, object] | None = None) -> Path:
    """Train with spaCy's own loop from ner.cfg; returns the pruned best model directory."""
    from spacy.cli.train import train as spacy_train

    nlp = spacy.blank("id")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_docbin(nlp, corpus.train, work / "train.spacy")
        write_docbin(nlp, corpus.dev, work / "dev.spacy")
        overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "training.max_steps": max_steps,
            "training.eval_frequency": eval_frequency,
            **(extra_overrides or {}),
        }
        spacy_train(CONFIG_PATH, work / "out", overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(work / "out" / "model-best", output)
    return output


def iter_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    start = None
    for i, tag in enumerate(tags):
        if tag.startswith(("B-", "U-")):
            start = i
        if tag.startswith(("L-", "U-")) and start is not None:
            yield start, i + 1, tag[2:]
            start = None


@dataclass
class Scores:
    per_type: dict[str, tuple[float, float, float]]   # label -> (precision, recall, f1), in %
    micro_f1: float
    macro_f1: float


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def evaluate(nlp: Language, sentences: list[Sentence], labels: tuple[str, ...]) -> Scores:
    """Exact-span P/R/F per type (conlleval style); micro over spans, macro over types as IndoNLU.

    Predicted spans touching a token whose gold label is missing are not counted either way.
    """
    counts = {label: [0, 0, 0] for label in labels}  # tp, fp, fn
    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    for sentence, doc in zip(sentences, nlp.pipe(docs), strict=True):
        gold = {span for span in iter_spans(sentence.tags) if span[2] in labels}
        missing = {i for i, t in enumerate(sentence.tags) if t == "-"}
        predicted = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in labels
                     and not missing.intersection(range(e.start, e.end))}
        for _, _, label in predicted & gold:
            counts[label][0] += 1
        for _, _, label in predicted - gold:
            counts[label][1] += 1
        for _, _, label in gold - predicted:
            counts[label][2] += 1
    per_type = {label: _prf(*c) for label, c in counts.items()}
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    macro = sum(f for _, _, f in per_type.values()) / len(per_type)
    return Scores(per_type, _prf(*totals)[2], macro)




def prune_model(model_dir: Path, meta: Mapping[str, str]) -> None:
    """Keep only what loading needs (no vectors) and write the model's name, version, licence and
    description into its meta.json."""
    vectors = model_dir / "vocab" / "vectors"
    if vectors.exists():
        vectors.unlink()
    meta_path = model_dir / "meta.json"
    written = json.loads(meta_path.read_text(encoding="utf-8"))
    written.update(meta)
    meta_path.write_text(json.dumps(written, indent=2), encoding="utf-8")


def train_and_install(target: Path, train: Callable[[Path], None], meta: Mapping[str, str]) -> None:
    """Train a model into a staging folder beside `target`, prune it (prune_model), and only then put it in
    place of the installed one, so a failed training run never leaves the package without a model."""
    started = time.time()
    staging = target.with_name(target.name + ".new")
    train(staging)
    prune_model(staging, meta)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    print(f"trained in {time.time() - started:.0f} s -> {target}")
