"""Train sorot's Indonesian tagger + dependency parser and install it into src/sorot/models/parser_id.

    nice -n 10 python scripts/train_parser.py --data ../shared/data [--max-steps 2400]

spaCy `tok2vec` + `morphologizer` (UPOS only) + `parser`, a small CNN tok2vec without vectors, CPU, one
thread. Trained on UD_Indonesian-CSUI train + UD_Indonesian-GSD dev (GSD has no train split here), every
tenth sentence held out for model selection; the UD words are used as given (clitics such as -nya split).
Prints UAS / LAS / UPOS on CSUI test, GSD test and PUD test for the model card
(src/sorot/models/README.md). Data licence: CC BY-SA 4.0 (CSUI, GSD); PUD (CC BY-SA 3.0) is only scored.
"""

from __future__ import annotations

import os

# one thread for BLAS / torch before numpy is imported: the machine is shared and the model small
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from thinc.api import Config  # noqa: E402

from sorot.nlp.training import train_and_install  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parents[1] / "src" / "sorot" / "models" / "parser_id"
TRAIN_FILES = ("UD_Indonesian-CSUI/id_csui-ud-train.conllu", "UD_Indonesian-GSD/id_gsd-ud-dev.conllu")
TEST_FILES = {
    "CSUI test": "UD_Indonesian-CSUI/id_csui-ud-test.conllu",
    "GSD test": "UD_Indonesian-GSD/id_gsd-ud-test.conllu",
    "PUD test": "UD_Indonesian-PUD/id_pud-ud-test.conllu",
}
HELD_OUT_EVERY = 10     # every tenth training sentence selects the best model (no UD dev split is usable)


@dataclass(frozen=True)
class UdSentence:
    words: list[str]
    spaces: list[bool]
    heads: list[int]        # absolute indices; the root is its own head
    deps: list[str]
    upos: list[str]


def read_conllu(path: Path) -> Iterator[UdSentence]:
    """The syntactic words of each sentence (multiword-token ranges skipped: their parts are the words)."""
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if line.strip():
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
            continue
        if rows:
            yield UdSentence(
                words=[c[1] for c in rows],
                spaces=["SpaceAfter=No" not in c[9] for c in rows],
                heads=[int(c[6]) - 1 if c[6] != "0" else i for i, c in enumerate(rows)],
                deps=["ROOT" if c[6] == "0" else c[7] for c in rows],
                upos=[c[3] for c in rows],
            )
            rows = []


def to_doc(nlp: Language, sentence: UdSentence) -> Doc:
    return Doc(nlp.vocab, words=sentence.words, spaces=sentence.spaces, heads=sentence.heads,
               deps=sentence.deps, pos=sentence.upos, sent_starts=[True] + [False] * (len(sentence.words) - 1))


def parser_config(max_steps: int) -> Config:
    """spaCy's efficiency config for id, narrowed like the NER model's (width 64, depth 4, hidden 64)."""
    from spacy.cli.init_config import init_config

    config = init_config(lang="id", pipeline=["morphologizer", "parser"], optimize="efficiency")
    encode = config["components"]["tok2vec"]["model"]["encode"]
    encode.update(width=64, depth=4)
    config["components"]["tok2vec"]["model"]["embed"].update(rows=[10000, 1000, 2500, 2500])
    config["components"]["parser"]["model"]["hidden_width"] = 64
    training = config["training"]
    training.update(max_steps=max_steps, eval_frequency=200, patience=1200, max_epochs=0)
    training["score_weights"] = {"dep_las": 0.7, "pos_acc": 0.3, "dep_uas": 0.0, "morph_acc": 0.0,
                                 "morph_per_feat": None, "dep_las_per_type": None, "sents_p": None,
                                 "sents_r": None, "sents_f": None}
    return config


def train(data: Path, output: Path, max_steps: int) -> None:
    from spacy.cli.train import train as spacy_train

    nlp = spacy.blank("id")
    sentences = [s for name in TRAIN_FILES for s in read_conllu(data / "ud" / name)]
    train_bin, dev_bin = DocBin(), DocBin()
    for i, sentence in enumerate(sentences):
        (dev_bin if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else train_bin).add(to_doc(nlp, sentence))
    print(f"train {len(train_bin)} sentences, held out {len(dev_bin)}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        train_bin.to_disk(work / "train.spacy")
        dev_bin.to_disk(work / "dev.spacy")
        config_path = work / "config.cfg"
        parser_config(max_steps).to_disk(config_path)
        spacy_train(config_path, work / "out",
                    overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")})
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(work / "out" / "model-best", output)


# written into the model's meta.json when it is installed
MODEL_META = dict(name="sorot_parser_id", version="0.1.0",
                license="CC BY-SA 4.0 (trained on UD_Indonesian-CSUI train and UD_Indonesian-GSD dev)",
                description="Indonesian UPOS tagger + dependency parser (UD v2.17 relations), CNN tok2vec; "
                            "see src/sorot/models/README.md")


def score(nlp: Language, path: Path) -> dict[str, float]:
    """UAS / LAS / UPOS over every gold UD word, punctuation included, LAS on the universal relation (subtypes
    such as nsubj:pass count as nsubj), as conll18_ud_eval.py scores gold-tokenised input."""
    sentences = list(read_conllu(path))
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    for _, component in nlp.pipeline:
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
    words = heads = labels = tags = 0
    for sentence, doc in zip(sentences, docs, strict=True):
        for token, head, dep, upos in zip(doc, sentence.heads, sentence.deps, sentence.upos, strict=True):
            words += 1
            tags += token.pos_ == upos
            if token.head.i == head:
                heads += 1
                labels += token.dep_.split(":")[0].lower() == dep.split(":")[0].lower()
    return {"UAS": 100 * heads / words, "LAS": 100 * labels / words, "UPOS": 100 * tags / words}


def report(model_dir: Path, data: Path) -> None:
    nlp = spacy.load(model_dir)
    for name, relative in TEST_FILES.items():
        started = time.time()
        result = score(nlp, data / "ud" / relative)
        print(f"{name}: UAS {result['UAS']:.1f}  LAS {result['LAS']:.1f}  UPOS {result['UPOS']:.1f}  "
              f"({time.time() - started:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--max-steps", type=int, default=2400)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--report-only", action="store_true", help="only score the installed model")
    args = parser.parse_args()
    if not args.report_only:
        train_and_install(args.output, lambda staging: train(args.data, staging, args.max_steps), MODEL_META)
    report(args.output, args.data)


if __name__ == "__main__":
    main()
