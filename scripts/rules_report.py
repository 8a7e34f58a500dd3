"""Per-rule hits of the event coder over real pages (`make rules`).

Runs the pipeline on every page of a corpus folder (default ../shared/corpus/pages), codes the events again
with a trace (sorot.events.rules) and prints, for each lexicon entry and construction rule: how many events
it took part in over the corpus and, on the pages that have gold (default ../shared/eval/gold/real), how
many of its scored events the gold accepts (a required or optional event of the same type and actors).
Events the scorer ignores (negated, hypothetical, no source or target) count as hits, not as scored.
Lexicon entries that never fire are listed at the end: a dead entry is a bug or a word real reporters
do not use.

usage: rules_report.py [--pages DIR] [--gold DIR ...] [--scorer score.py] [--all]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sorot.events import code_events
from sorot.events.resources import lexicon
from sorot.events.rules import CONSTRUCTION_RULES, RuleHit
from sorot.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"


@dataclass
class Tally:
    hits: int = 0
    scored: int = 0
    right: int = 0
    pages: set[str] = field(default_factory=set)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sorot_scorer", path)
    if spec is None or spec.loader is None:
        sys.exit(f"rules_report.py: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_by_doc(folders: list[Path]) -> dict[str, dict[str, Any]]:
    found = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(gold, dict) and "events" in gold and "doc" in gold:
                found[gold["doc"]] = gold
    return found


def accepted_keys(scorer: ModuleType, gold: dict[str, Any]) -> tuple[set[tuple], list[dict[str, Any]]]:
    """Keys of the required and typed optional events; the wildcard optional events apart."""
    keys: set[tuple] = set()
    for event in [*gold["events"], *gold.get("events_optional", [])]:
        if event["type"] != "*":
            keys |= scorer.event_keys(event["source"], event["type"], event["target"])
    return keys, [o for o in gold.get("events_optional", []) if o["type"] == "*"]


def judge(scorer: ModuleType, hit: RuleHit, gold: dict[str, Any] | None) -> bool | None:
    """True or False for an event the scorer would score on a gold page; None otherwise."""
    event = hit.event
    if gold is None or event.status in scorer.IGNORED_STATUS:
        return None
    source, target = scorer.actor_key(event.source.__dict__), scorer.actor_key(event.target.__dict__)
    if not source or not target or source == target:
        return None
    key = min(scorer.event_keys(source, event.type, target))
    keys, wildcards = accepted_keys(scorer, gold)
    return key in keys or any(scorer.wildcard_match(o, key) for o in wildcards)


def tally_page(scorer: ModuleType, name: str, text: str, gold: dict[str, Any] | None,
               tallies: dict[str, Tally]) -> None:
    article = process(text, source=name)
    hits: list[RuleHit] = []
    code_events(article, trace=hits)
    for hit in hits:
        verdict = judge(scorer, hit, gold)
        for rule in (hit.lexicon_id, *hit.rules):
            tally = tallies.setdefault(rule, Tally())
            tally.hits += 1
            tally.pages.add(name)
            if verdict is not None:
                tally.scored += 1
                tally.right += verdict


def print_report(tallies: dict[str, Tally], show_all: bool) -> None:
    known = [e.id for e in lexicon()] + list(CONSTRUCTION_RULES)
    rows = sorted(tallies.items(), key=lambda kv: (-kv[1].hits, kv[0]))
    print(f"{'rule':<58} {'hits':>5} {'pages':>5} {'scored':>6} {'right':>5}")
    for rule, t in rows:
        if show_all or t.hits:
            print(f"{rule[:58]:<58} {t.hits:>5} {len(t.pages):>5} {t.scored:>6} {t.right:>5}")
    misfiring = [r for r, t in rows if t.scored >= 2 and t.right * 2 < t.scored]
    if misfiring:
        print("\nmostly wrong on the annotated pages (right < half of scored): " + ", ".join(misfiring))
    lexical = Counter(e.type for e in lexicon() if e.id not in tallies)
    dead_rules = [r for r in CONSTRUCTION_RULES if r not in tallies]
    print(f"\n{sum(1 for r in known if r in tallies)} of {len(known)} rules fired; lexicon entries that never "
          f"fired, by type: {dict(sorted(lexical.items()))}")
    if dead_rules:
        print("construction rules that never fired: " + ", ".join(dead_rules))
    if show_all:
        print("dead lexicon entries:")
        for entry in lexicon():
            if entry.id not in tallies:
                print("  " + entry.id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=SHARED / "corpus" / "pages")
    parser.add_argument("--gold", type=Path, nargs="*", default=[SHARED / "eval" / "gold" / "real"])
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--all", action="store_true", help="also list rules without hits and the dead entries")
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    golds = gold_by_doc(args.gold)
    pages = sorted(args.pages.glob("*.txt"))
    if not pages:
        sys.exit(f"rules_report.py: no .txt pages in {args.pages}")
    tallies: dict[str, Tally] = {}
    for page in pages:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            print(f"skipped {page.name}: {err}", file=sys.stderr)
            continue
        tally_page(scorer, page.name, text, golds.get(page.name), tallies)
    annotated = sum(1 for p in pages if p.name in golds)
    print(f"== event rules over {len(pages)} pages of {args.pages} ({annotated} with gold)")
    print_report(tallies, args.all)


if __name__ == "__main__":
    main()
