# sorot: every command a user needs. The virtual environment lives in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: demo test eval lint bench train train-parser clean-db rules lock profile

# $(call score_gold,INPUT_DIR,NAME,GOLD_DIR): run the CLI on INPUT_DIR into out/NAME.duckdb, export, score.
define score_gold
	rm -f out/$(2).duckdb
	$(BIN)/sorot run $(1) --db out/$(2).duckdb --quiet
	$(BIN)/sorot export --db out/$(2).duckdb --format jsonl --output out/$(2).jsonl
	$(PYTHON) $(SHARED)/eval/score.py out/$(2).jsonl $(3)
endef

# $(call score_stories,INPUTS,NAME,STORIES_JSON): the cross-article scores of score_stories.py.
define score_stories
	rm -f out/$(2).duckdb
	$(BIN)/sorot run $(1) --db out/$(2).duckdb --quiet
	$(BIN)/sorot export --db out/$(2).duckdb --format jsonl --output out/$(2).jsonl
	$(PYTHON) $(SHARED)/eval/score_stories.py out/$(2).jsonl $(3)
endef

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,parallel]'
	touch $(STAMP)

venv: $(STAMP)

# constraints.txt: the versions tested here, which `make venv` (and so CI) installs; refresh after a
# dependency change in pyproject.toml.
lock: $(STAMP)
	{ sed -n '/^#/p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -vi '^sorot'; } > constraints.tmp
	mv constraints.tmp constraints.txt

demo: $(STAMP)
	rm -f sorot.duckdb
	$(BIN)/sorot run examples/ --db sorot.duckdb
	$(BIN)/sorot export --db sorot.duckdb --format jsonl --output out/articles.jsonl
	$(BIN)/sorot stats --db sorot.duckdb
	@echo "Done. Database: sorot.duckdb  Export: out/articles.jsonl  Try: $(BIN)/sorot show <id> --db sorot.duckdb"
	@echo "Dashboard and API: start $(BIN)/sorot serve --db sorot.duckdb  then open http://127.0.0.1:8000/ (API docs: /docs)"

# one pytest worker per CPU (at most 4: tests/conftest.py), each taking the next test when it is free.
# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE=1): the suite starts
# many Python processes (pytest workers, CLI runs, Dask workers), and without the caches each one compiles
# sorot's modules and rewrites the test modules' asserts again (collection 5.8 -> 4.6 s CPU per worker).
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist worksteal

eval: $(STAMP)
	@echo "== example corpus (team-written pages with gold sidecars)"
	$(BIN)/python scripts/eval_examples.py --scorer $(SHARED)/eval/score.py
	@echo "== held-out example corpus (examples/heldout: team-written, its misses read in development since 2026-12-07)"
	$(BIN)/python scripts/eval_examples.py examples/heldout --scorer $(SHARED)/eval/score.py
	@echo "== multi-outlet stories, team-written (examples/stories: copies, stories, records, near misses)"
	$(call score_stories,examples/stories/*.txt,stories-examples,examples/stories/stories.gold.json)
	@echo "== multi-outlet stories, real ($(SHARED)/eval/gold/stories)"
	$(call score_stories,$(SHARED)/eval/gold/stories/texts,stories-real,$(SHARED)/eval/gold/stories.json)
	@echo "== real pages ($(SHARED)/eval/gold/real: 14 annotated real pages, development)"
	$(call score_gold,$(SHARED)/eval/gold/real/texts,real,$(SHARED)/eval/gold/real)
	@echo "== real HTML ($(SHARED)/corpus/html, hashed gold in examples/html_regression): sorot and trafilatura alone"
	$(BIN)/python scripts/eval_html.py --pages $(SHARED)/corpus/html
	@echo "== dev seeds ($(SHARED)/eval/gold/dev), through the CLI and the store"
	$(call score_gold,$(SHARED)/corpus/seeds,eval,$(SHARED)/eval/gold/dev)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --json out/bench.json
	$(BIN)/python scripts/bench_corpus.py
	$(BIN)/python scripts/bench_parallel.py

# cProfile of the pipeline over the real pages, in parts as the runner runs them (process_batch): ms per
# article per stage, top functions; out/profile.txt
# (not scripts/profile.py: a script of that name shadows the standard library's profile, which cProfile uses)
profile: $(STAMP)
	$(BIN)/python scripts/profile_pipeline.py --pages $(SHARED)/corpus/pages --output out/profile.txt

# per-rule hits of the event coder over ../shared/corpus/pages, and how many were right on the annotated pages
rules: $(STAMP)
	$(BIN)/python scripts/rules_report.py --pages $(SHARED)/corpus/pages --gold $(SHARED)/eval/gold/real

train: $(STAMP)
	$(BIN)/python scripts/train_ner.py --data $(SHARED)/data

# the UD tagger + dependency parser of the events stage's parser trial, src/sorot/models/parser_id (one thread,
# about 12 CPU minutes; 20 minutes wall on the shared machine); used only with SOROT_EVENTS_PARSER set
train-parser: $(STAMP)
	nice -n 10 $(BIN)/python scripts/train_parser.py --data $(SHARED)/data
