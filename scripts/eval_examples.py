"""Scores sorot on the team-written example corpus (examples/text, examples/html) with ../shared/eval/score.py.

The example pages carry gold sidecars (`NAME.gold.json`) in the format of ../shared/eval/gold/dev; this lays
them out as the scorer expects (GOLD_DIR/*.json with the raw pages in GOLD_DIR/texts/), processes the pages
in-process and prints the scorer's table. A second, independent dev set: rules fitted to the five seeds
show up here.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sorot.ingest import read_paths
from sorot.pipeline import process_raw
from sorot.schema import RawDoc

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "examples" / "text"), str(ROOT / "examples" / "html")])
    parser.add_argument("--scorer", default=str(ROOT / ".." / "shared" / "eval" / "score.py"))
    parser.add_argument("--per-doc", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, texts = Path(tmp) / "gold", Path(tmp) / "gold" / "texts"
        texts.mkdir(parents=True)
        export = Path(tmp) / "export.jsonl"
        with export.open("w", encoding="utf-8") as out:
            for folder in map(Path, args.folders):
                for gold_path in sorted(folder.glob("*.gold.json")):
                    gold = json.loads(gold_path.read_text(encoding="utf-8"))
                    page = folder / gold["doc"]
                    shutil.copy(gold_path, gold_dir / gold_path.name.replace(".gold.json", ".json"))
                    shutil.copy(page, texts / page.name)
                    for raw in read_paths([page]):
                        if isinstance(raw, RawDoc):
                            out.write(json.dumps(process_raw(raw).to_export(), ensure_ascii=False) + "\n")
        command = [sys.executable, args.scorer, str(export), str(gold_dir)] + (["--per-doc"] if args.per_doc else [])
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
