# sorot: every command a user needs. The virtual environment lives in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: demo test eval lint bench train clean-db

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	rm -f sorot.duckdb
	$(BIN)/sorot run examples/ --db sorot.duckdb
	$(BIN)/sorot export --db sorot.duckdb --format jsonl --output out/articles.jsonl
	$(BIN)/sorot stats --db sorot.duckdb
	@echo "Done. Database: sorot.duckdb  Export: out/articles.jsonl  Try: $(BIN)/sorot show <id> --db sorot.duckdb"

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	@echo "== example corpus (team-written pages with gold sidecars)"
	$(BIN)/python scripts/eval_examples.py --scorer $(SHARED)/eval/score.py
	@echo "== held-out example corpus (examples/heldout: never used for tuning)"
	$(BIN)/python scripts/eval_examples.py examples/heldout --scorer $(SHARED)/eval/score.py
	@echo "== dev seeds ($(SHARED)/eval/gold/dev), through the CLI and the store"
	rm -f out/eval.duckdb
	$(BIN)/sorot run $(SHARED)/corpus/seeds --db out/eval.duckdb --quiet
	$(BIN)/sorot export --db out/eval.duckdb --format jsonl --output out/eval.jsonl
	$(PYTHON) $(SHARED)/eval/score.py out/eval.jsonl $(SHARED)/eval/gold/dev

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

train: $(STAMP)
	$(BIN)/python scripts/train_ner.py --data $(SHARED)/data
