"""Writes src/sorot/data/meta/id_ms_trigrams.tsv: lingua's Malay-over-Indonesian log-likelihood of every
trigram of the letters a-z, read from the installed lingua itself.

    .venv/bin/python scripts/language_trigrams.py            (after upgrading lingua-language-detector)

Why: on a sample of 120 letters or more, lingua's high-accuracy Indonesian/Malay detector adds, for each
language, the log-probability of every distinct trigram of the sample's words (lower-cased runs of
letters); its Malay-over-Indonesian ratio is therefore the sum of one number per distinct trigram.
sorot.meta.language adds those numbers from this table to tell plainly Indonesian text without running
lingua (the same answer, a third of the cost); lingua still decides every sample the table cannot.
Each number is read by asking lingua about a text made of one trigram only (repeated forty times, to
reach the 120 letters of its trigram mode): ln(confidence Malay) - ln(confidence Indonesian).
A trigram one of the two models lacks at every n-gram order is written "x" (lingua then decides).
"""

from __future__ import annotations

import argparse
import itertools
import string
from importlib.metadata import version
from pathlib import Path

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from sorot.meta.language import trigram_log_ratio

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "sorot" / "data" / "meta" / "id_ms_trigrams.tsv"
LETTERS = string.ascii_lowercase
UNKNOWN = "x"


def table_text(detector: LanguageDetector) -> str:
    lines = [
        "# lingua's Malay-over-Indonesian log-likelihood of each trigram of a-z (high-accuracy pair detector),",
        f"# read from lingua-language-detector {version('lingua-language-detector')} by scripts/language_trigrams.py"
        " (run it again after",
        "# upgrading lingua). Row: the trigram's first two letters; column: its third. The sum over the distinct",
        "# trigrams of a sample is lingua's ln(P Malay / P Indonesian) for it (sorot.meta.language); 'x': a",
        "# trigram one of the two models lacks, which leaves the sample to lingua. Generated: do not edit.",
        "\t".join(["pair", *LETTERS]),
    ]
    for first, second in itertools.product(LETTERS, repeat=2):
        cells = []
        for third in LETTERS:
            ratio = trigram_log_ratio(detector, first + second + third)
            cells.append(UNKNOWN if ratio is None else f"{ratio:.6f}")
        lines.append("\t".join([first + second, *cells]))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TABLE)
    args = parser.parse_args()
    detector = LanguageDetectorBuilder.from_languages(Language.INDONESIAN, Language.MALAY).build()
    args.output.write_text(table_text(detector), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
