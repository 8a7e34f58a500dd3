"""train_and_install: a new model, pruned and named, replaces the installed one only once it is whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sorot.nlp.training import train_and_install


def _write_model(folder: Path, content: str) -> None:
    (folder / "vocab").mkdir(parents=True)
    (folder / "vocab" / "vectors").write_text("big", encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({"name": content, "lang": "id"}), encoding="utf-8")


def test_the_trained_and_pruned_model_takes_the_place_of_the_old(tmp_path: Path) -> None:
    target = tmp_path / "model"
    _write_model(target, "old")
    train_and_install(target, lambda staging: _write_model(staging, "new"), {"license": "CC0", "version": "2"})
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    assert meta == {"name": "new", "lang": "id", "license": "CC0", "version": "2"}
    assert not (target / "vocab" / "vectors").exists()          # pruned: loading needs no vectors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_failed_training_leaves_the_installed_model(tmp_path: Path) -> None:
    target = tmp_path / "model"
    _write_model(target, "old")

    def fail(_staging: Path) -> None:
        raise RuntimeError("out of data")

    with pytest.raises(RuntimeError):
        train_and_install(target, fail, {"license": "CC0"})
    assert json.loads((target / "meta.json").read_text(encoding="utf-8"))["name"] == "old"
