"""Hand-marked gold for the real HTML regression set, stored as hashes so that no page text enters the repo.

    python scripts/html_gold.py show PAGE.html          # the page's text blocks, numbered, to mark by hand
    python scripts/html_gold.py build [--pages DIR]     # gold JSON for every page in marks.yaml

`examples/html_regression/marks.yaml` records, per page, the numbers of the blocks that are the article's
body (in order), the block holding the headline and the publication time read off the page. `build` writes
`examples/html_regression/NAME.json`: the SHA-1 of each body paragraph's normalised text (see
`sorot_eval.html_gold.paragraph_key`), the headline's hash and the date. The pages stay in ../shared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.append(str(Path(__file__).resolve().parent))  # after the standard library: scripts/ must not shadow it
from html_regression import REGRESSION_DIR, SHARED_HTML, page_blocks, paragraph_hash  # noqa: E402


def show(page: Path) -> None:
    for number, block in enumerate(page_blocks(page.read_bytes()), 1):
        print(f"{number:4d}  {block[:160]}")


def _numbers(spec: str | int | list[int | str]) -> list[int]:
    """'3-7, 9' -> [3, 4, 5, 6, 7, 9]."""
    items = spec if isinstance(spec, list) else str(spec).split(",")
    numbers: list[int] = []
    for item in items:
        first, _, last = str(item).strip().partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    return numbers


def build(pages: Path) -> None:
    marks = yaml.safe_load((REGRESSION_DIR / "marks.yaml").read_text(encoding="utf-8"))
    for name, mark in marks["pages"].items():
        blocks = page_blocks((pages / name).read_bytes())
        body = [blocks[n - 1] for n in _numbers(mark["body"])]
        gold = {
            "page": name,
            "body": [paragraph_hash(text) for text in body],
            "title": paragraph_hash(blocks[mark["title"] - 1]) if mark.get("title") else None,
            "published": mark.get("published"),
        }
        target = REGRESSION_DIR / f"{Path(name).stem}.json"
        target.write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
        print(f"{target.name}: {len(body)} body paragraphs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show").add_argument("page", type=Path)
    sub.add_parser("build").add_argument("--pages", type=Path, default=SHARED_HTML)
    args = parser.parse_args()
    if args.command == "show":
        show(args.page)
    else:
        build(args.pages)


if __name__ == "__main__":
    main()
