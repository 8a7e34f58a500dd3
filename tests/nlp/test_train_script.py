"""scripts/train_ner.py's `--set KEY=VALUE`: one value of ner.cfg overridden for a run, typed as spaCy expects."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_ner.py"


@pytest.fixture(scope="module")
def train_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_ner", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_values_are_read_as_json_where_they_parse(train_script: ModuleType) -> None:
    override = train_script.config_override
    assert override("components.tok2vec.model.encode.depth=2") == ("components.tok2vec.model.encode.depth", 2)
    assert override("components.ner.model.use_upper=false") == ("components.ner.model.use_upper", False)
    assert override("training.dropout=0.2") == ("training.dropout", 0.2)
    assert override("nlp.lang=id") == ("nlp.lang", "id")


@pytest.mark.parametrize("text", ["depth", "=2", ""])
def test_a_setting_without_key_or_value_is_refused(train_script: ModuleType, text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        train_script.config_override(text)
