"""The NER training code path, end to end on a tiny corpus, and its data readers."""

from pathlib import Path

import pytest
import spacy
from spacy.lang.id import IndonesianDefaults
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS

from sorot.nlp.training import Corpus, evaluate, load_corpus, nerp_sentences, read_iob, train_model

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.mark.slow  # trains, saves and loads a model: seconds
@pytest.mark.needs_shared("data/ner/nergrit_ner-grit/train_preprocess.txt")
def test_tiny_model_trains_and_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Indonesian tokenizer is built three times (blank, training, loading), and most of each build is
    # adding spaCy's ~16,000 Indonesian exceptions (reduplications: 2 s each). Training reads pre-split words and
    # the sentence below holds none of them, so spaCy's language-independent exceptions stand in for them here:
    # the training code path is the same, the model is built, saved and loaded with the tokenizer it names.
    monkeypatch.setattr(IndonesianDefaults, "tokenizer_exceptions", dict(BASE_EXCEPTIONS))
    corpus = load_corpus(DATA, use_nerp=False)
    # two updates, each followed by an evaluation that writes model-best: the whole loop, end to end; the
    # first 20 training sentences name people, organisations and places, so the model learns all three labels
    tiny = Corpus(corpus.train[:20], corpus.dev[:5])
    model_dir = train_model(tiny, tmp_path / "model", max_steps=2, eval_frequency=1,
                            extra_overrides={"training.batcher.size.start": 500})
    nlp = spacy.load(model_dir)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    doc = nlp("Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Canberra.")
    assert len(doc) == 11
    scores = evaluate(nlp, tiny.dev, ("PER", "ORG", "LOC"))
    assert 0.0 <= scores.macro_f1 <= 100.0


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n\n".join("\n".join(r) for r in rows) + "\n\n", encoding="utf-8")
    return path


def test_reader_splits_tokens_with_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", [["pasien\tO", "rumah sakit\tB-PLC", "harapan\tI-PLC", "kita\tI-PLC"]])
    assert read_iob(path) == [[("pasien", "O"), ("rumah", "B-PLC"), ("sakit", "I-PLC"),
                               ("harapan", "I-PLC"), ("kita", "I-PLC")]]


def test_nerp_is_recased_and_unannotated_names_are_missing(tmp_path: Path) -> None:
    ner = _write(tmp_path / "ner.txt", [[
        "ketua\tO", "kpk\tO", "bertemu\tO", "joko\tB-PPL", "widodo\tI-PPL", "di\tO", "bogor\tB-PLC",
        "bersama\tO", "telkomsel\tB-IND", ".\tO"]])
    pos = _write(tmp_path / "pos.txt", [[
        "ketua\tB-NNO", "kpk\tB-NNP", "bertemu\tB-VBT", "joko\tB-NNP", "widodo\tB-NNP", "di\tB-PPO",
        "bogor\tB-NNP", "bersama\tB-PPO", "telkomsel\tB-NNP", ".\tB-SYM"]])
    [sentence] = nerp_sentences(ner, pos)
    assert sentence.words == ["Ketua", "KPK", "bertemu", "Joko", "Widodo", "di", "Bogor", "bersama",
                              "Telkomsel", "."]
    # the institution and the company are not taught as "O": NERP simply never labels them
    assert sentence.tags == ["O", "-", "O", "B-PER", "L-PER", "O", "U-LOC", "O", "-", "O"]
