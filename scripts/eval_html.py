"""Scores body extraction, title and publication time on the real HTML regression set, for sorot and for
trafilatura alone on the same pages.

    python scripts/eval_html.py [--pages ../shared/corpus/html] [--verbose]

The gold (examples/html_regression/*.json, made by scripts/html_gold.py) holds the SHA-1 of each expected
body paragraph's normalised text; each system's paragraphs are hashed the same way. A paragraph counts as
found once per gold paragraph with the same hash: body precision is the share of extracted paragraphs
that are article body (the rest are boilerplate leaks or split/merged paragraphs), recall the share of
gold paragraphs extracted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

sys.path.append(str(Path(__file__).resolve().parent))  # after the standard library: scripts/ must not shadow it
from html_regression import REGRESSION_DIR, SHARED_HTML, page_blocks, page_text, paragraph_hash, paragraph_key  # noqa: E402

from sorot.clean import clean  # noqa: E402
from sorot.ingest import read_paths  # noqa: E402
from sorot.meta import extract_metadata  # noqa: E402
from sorot.schema import RawDoc  # noqa: E402


@dataclass
class Extraction:
    paragraphs: list[str]
    title: str | None
    published: str | None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    title: list[bool] = field(default_factory=list)
    day: list[bool] = field(default_factory=list)
    time: list[bool] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_sorot(path: Path) -> Extraction:
    raw = next(doc for doc in read_paths([path]) if isinstance(doc, RawDoc))
    article = extract_metadata(clean(raw))
    return Extraction(article.text.split("\n"), article.title, article.published)


def run_trafilatura(path: Path) -> Extraction:
    html = page_text(path.read_bytes())
    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    return Extraction(text.split("\n"), meta.title if meta else None, meta.date if meta else None)


def score_page(gold: dict, found: Extraction, tally: Tally) -> tuple[list[str], Counter[str]]:
    """Adds the page to the tally; returns the extracted paragraphs that are not gold body and the
    hashes of the gold paragraphs not extracted."""
    expected = Counter(gold["body"])
    leaks = []
    for paragraph in found.paragraphs:
        if not paragraph_key(paragraph):
            continue
        digest = paragraph_hash(paragraph)
        if expected[digest] > 0:
            expected[digest] -= 1
            tally.tp += 1
        else:
            tally.fp += 1
            leaks.append(paragraph)
    tally.fn += sum(expected.values())
    tally.title.append(bool(found.title) and paragraph_hash(found.title) == gold["title"])
    wanted, got = gold["published"], found.published or ""
    tally.day.append(got[:10] == wanted[:10])
    if len(wanted) > 10:
        tally.time.append(got[:16] == wanted[:16] and got.endswith(wanted[-6:]))
    return leaks, expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=SHARED_HTML)
    parser.add_argument("--verbose", action="store_true", help="per page: missed paragraphs and leaks")
    args = parser.parse_args()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(REGRESSION_DIR.glob("*.json"))]
    golds = [g for g in golds if (args.pages / g["page"]).is_file()]
    if not golds:
        print(f"eval_html: no pages found in {args.pages}")
        return
    systems: dict[str, Callable[[Path], Extraction]] = {"sorot": run_sorot, "trafilatura alone": run_trafilatura}
    print(f"real HTML regression set: {len(golds)} pages, {sum(len(g['body']) for g in golds)} body paragraphs")
    print(f"{'system':20} {'body P':>7} {'R':>6} {'F1':>6} {'title':>6} {'day':>6} {'time':>6}  leaks")
    for name, run in systems.items():
        tally = Tally()
        for gold in golds:
            leaks, missed = score_page(gold, run(args.pages / gold["page"]), tally)
            if args.verbose and (leaks or +missed):
                print(f"  {name} {gold['page']}: missed {sum(missed.values())}, leaked {len(leaks)}")
                blocks = {paragraph_hash(b): b for b in page_blocks((args.pages / gold["page"]).read_bytes())}
                for digest in +missed:
                    print(f"      - {blocks.get(digest, digest)[:100]}")
                for leak in leaks:
                    print(f"      + {leak[:100]}")
        p, r, f1 = tally.prf()
        ratio = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
        print(f"{name:20} {p:7.3f} {r:6.3f} {f1:6.3f} {ratio(tally.title):6.3f} {ratio(tally.day):6.3f} "
              f"{ratio(tally.time):6.3f}  {tally.fp}")


if __name__ == "__main__":
    main()
