"""train_and_install: a new model replaces the installed one only once it is whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from sorot.nlp.training import train_and_install


def _write_model(folder: Path, content: str) -> None:
    folder.mkdir()
    (folder / "meta.json").write_text(content, encoding="utf-8")


def test_the_trained_and_pruned_model_takes_the_place_of_the_old(tmp_path: Path) -> None:
    target = tmp_path / "model"
    _write_model(target, "old")
    train_and_install(target, lambda staging: _write_model(staging, "new"),
                      lambda staging: (staging / "meta.json").write_text("new, pruned", encoding="utf-8"))
    assert (target / "meta.json").read_text(encoding="utf-8") == "new, pruned"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_failed_training_leaves_the_installed_model(tmp_path: Path) -> None:
    target = tmp_path / "model"
    _write_model(target, "old")

    def fail(_staging: Path) -> None:
        raise RuntimeError("out of data")

    with pytest.raises(RuntimeError):
        train_and_install(target, fail, lambda _staging: None)
    assert (target / "meta.json").read_text(encoding="utf-8") == "old"
