"""Train sorot's Indonesian NER model (PER/ORG/LOC) and install it into src/sorot/models/ner_id.

    python scripts/train_ner.py --data ../shared/data [--max-steps 6000] [--no-nerp] [--no-swap-entities]
        [--output DIR] [--set components.tok2vec.model.encode.depth=2 ...]

Prints test scores on NERGrit (PER/ORG/LOC) and NERP (PER/LOC) for the model card.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy

from sorot.nlp.training import (
    evaluate,
    load_corpus,
    nergrit_sentences,
    nerp_sentences,
    train_and_install,
    train_model,
)

MODEL_DIR = Path(__file__).resolve().parents[1] / "src" / "sorot" / "models" / "ner_id"


# written into the model's meta.json when it is installed
MODEL_META = dict(name="sorot_ner_id", version="0.1.0", license="Apache-2.0 (NERGrit, NERP via IndoNLU)",
                description="Indonesian news NER (PER/ORG/LOC), CNN tok2vec; see src/sorot/models/README.md")


def report(model_dir: Path, data: Path) -> None:
    nlp = spacy.load(model_dir)
    grit = nergrit_sentences(data / "ner" / "nergrit_ner-grit" / "test_preprocess.txt")
    nerp = nerp_sentences(data / "ner" / "nerp_ner-prosa" / "test_preprocess.txt",
                          data / "pos" / "posp_pos-prosa" / "test_preprocess.txt", case_from_labels=False)
    for name, sentences, labels in (("NERGrit test", grit, ("PER", "ORG", "LOC")),
                                    ("NERP test (re-cased)", nerp, ("PER", "LOC"))):
        scores = evaluate(nlp, sentences, labels)
        types = "  ".join(f"{k} P/R/F {p:.1f}/{r:.1f}/{f:.1f}" for k, (p, r, f) in scores.per_type.items())
        print(f"{name}: micro F1 {scores.micro_f1:.1f}  macro F1 {scores.macro_f1:.1f}  {types}")


def config_override(text: str) -> tuple[str, object]:
    """`section.key=value` (value read as JSON where it parses: numbers, true/false, lists) for spaCy."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--no-nerp", action="store_true", help="train on NERGrit only")
    parser.add_argument("--no-swap-entities", action="store_true",
                        help="skip the augmentation (copies of the sentences with PER/LOC names swapped)")
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--set", type=config_override, action="append", default=[], metavar="KEY=VALUE",
                        help="override a value of src/sorot/nlp/ner.cfg for this run (to compare models)")
    args = parser.parse_args()
    corpus = load_corpus(args.data, use_nerp=not args.no_nerp, swap_entities=not args.no_swap_entities)
    print(f"train {len(corpus.train)} sentences, dev {len(corpus.dev)}")
    train_and_install(args.output, lambda staging: train_model(corpus, staging, args.max_steps,
                                                                     extra_overrides=dict(args.set)), MODEL_META)
    report(args.output, args.data)


if __name__ == "__main__":
    main()
