"""The language of an article body (ISO 639-1), by the lingua detector over a restricted set.

Plainly Indonesian (or Malay) text, told by a share of function words the two languages share, is only
weighed between Indonesian and Malay: lingua's ratio of the two, which decides between them, does not depend
on the other candidates, so the answer is the one the full detector gives, at a fraction of its cost.
The full detector runs in lingua's low-accuracy mode (its trigram models: 17 MB rather than 280 MB for the
eighteen candidates) to tell Indonesian or Malay from the rest; when it says either, the high-accuracy pair
decides between the two, as on the quick path.

The pair itself is mostly skipped: on a sample of 120 letters or more it adds, per language, the
log-probability of each distinct trigram of the sample's words, so its Malay-over-Indonesian log-likelihood
is a sum of one number per trigram. Those numbers, read from lingua for every trigram of a-z
(data/meta/id_ms_trigrams.tsv), give the sum without lingua; far enough below zero, lingua's answer is
Indonesian however it rounds, and only the other samples are weighed by lingua.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from sorot.data import data_cached, load_data
from sorot.data.schemas import IdMsTrigrams, LanguageData

MAX_CHARS = 1500  # the start of a long body is enough, and keeps detection fast
WORD = re.compile(r"[^\W\d_]+")
ASCII_WORD = re.compile(r"[a-z]+")     # lingua's words (runs of letters) in a sample with no other letter
NON_ASCII = re.compile(r"[^\x00-\x7f]")
TRIGRAM_REPEATS = 40   # 40 x 3 letters: the 120 letters from which lingua weighs a text's trigrams alone
# trigrams whose table entry is checked against the installed lingua before the table is used
CHECKED_TRIGRAMS = ("ang", "kan", "ber", "nya", "aha", "ung")


@data_cached
def _config() -> LanguageData:
    return load_data("meta/language.yaml", LanguageData)


@data_cached
def _detector() -> LanguageDetector:
    """Every candidate, in lingua's low-accuracy mode (trigram models only: about 17 MB for the candidates
    instead of about 280 MB, and reliable on the hundreds of letters a body sample has), its models loaded
    now: lingua loads them on first use, inside the time budget of the first document that is not plainly
    Indonesian. Between Indonesian and Malay the high-accuracy pair decides (detect_language)."""
    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in _config()["candidates"]]
    detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    detector.compute_language_confidence_values("the language models are loaded")
    return detector


@data_cached
def _indonesian_or_malay() -> LanguageDetector:
    """The high-accuracy pair, its models loaded now (as _detector's): a run's warm-up document is plainly
    Indonesian and never asks the pair, so without this the first article that does paid the load."""
    detector = LanguageDetectorBuilder.from_languages(Language.INDONESIAN, Language.MALAY).build()
    detector.compute_language_confidence_values("model bahasa dimuat sekarang")
    return detector


@data_cached
def _plain_words() -> frozenset[str]:
    return frozenset(_config().plain_words)


@dataclass(frozen=True)
class SampleWords:
    """The lower-cased words (runs of letters) of a sample, read once for both quick tests; `lingua_words`:
    they are lingua's words too, the runs of a-z of a sample without a letter, mark or number beyond ASCII
    (there the two word patterns find the same runs)."""

    words: list[str]
    lingua_words: bool

    @classmethod
    def of(cls, sample: str) -> SampleWords:
        low = sample.lower()
        if _only_ascii_letters(sample):
            return cls(ASCII_WORD.findall(low), True)
        return cls(WORD.findall(low), False)


def _only_ascii_letters(sample: str) -> bool:
    """No letter, mark or number beyond ASCII (punctuation, spaces and symbols may be any); no lone surrogate
    either (lingua refuses the text: the trigram table must not answer for it)."""
    return sample.isascii() or not any(map(_not_punctuation, NON_ASCII.findall(sample)))


def _not_punctuation(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "Cs"


def plain_word_share(sample: str | SampleWords) -> float:
    """The share of the words of `sample` that are function words Indonesian and Malay share."""
    words = (sample if isinstance(sample, SampleWords) else SampleWords.of(sample)).words
    plain = _plain_words()
    return sum(map(plain.__contains__, words)) / max(len(words), 1)


def is_plainly_indonesian(sample: str | SampleWords) -> bool:
    """Indonesian or Malay beyond doubt: the quick test that spares lingua most of its work."""
    return plain_word_share(sample) >= _config().plain_share


def trigram_log_ratio(detector: LanguageDetector, trigram: str) -> float | None:
    """ln(P Malay / P Indonesian) that the pair `detector` gives `trigram` alone (None: a language lacks it)."""
    values = detector.compute_language_confidence_values(" ".join([trigram] * TRIGRAM_REPEATS))
    confidence = {v.language: v.value for v in values}
    malay, indonesian = confidence.get(Language.MALAY, 0.0), confidence.get(Language.INDONESIAN, 0.0)
    if malay <= 0.0 or indonesian <= 0.0:
        return None
    return math.log(malay) - math.log(indonesian)


@data_cached
def _trigram_table() -> dict[str, float] | None:
    """Every trigram of a-z -> lingua's ln(P Malay / P Indonesian) (NaN where lingua must decide); None when
    the table does not match the installed lingua (another version: scripts/language_trigrams.py)."""
    table: dict[str, float] = {}
    for row in load_data("meta/id_ms_trigrams.tsv", IdMsTrigrams):
        for letter in string.ascii_lowercase:
            value = getattr(row, letter)
            table[row.pair + letter] = math.nan if value == "x" else float(value)
    pair = _indonesian_or_malay()
    for trigram in CHECKED_TRIGRAMS:
        live = trigram_log_ratio(pair, trigram)
        if live is None or not math.isclose(table.get(trigram, math.nan), live, abs_tol=1e-5):
            return None
    return table


def malay_log_likelihood(sample: str | SampleWords) -> float | None:
    """lingua's ln(P Malay / P Indonesian) for `sample` (its first MAX_CHARS) from the trigram table, or None
    when the table cannot give it: a letter (or mark, or number) outside ASCII, fewer letters than lingua's
    trigram mode needs (with a margin), or a trigram one of lingua's models lacks. NaN never comes back."""
    table = _trigram_table()
    found = sample if isinstance(sample, SampleWords) else SampleWords.of(sample)
    if table is None or not found.lingua_words:
        return None
    words = found.words
    if len("".join(words)) < _config().trigram_min_letters:
        return None
    trigrams = set().union(*map(_word_trigrams, set(words)))
    total = sum(map(table.__getitem__, trigrams))
    return None if math.isnan(total) else total


@lru_cache(maxsize=1 << 16)
def _word_trigrams(word: str) -> tuple[str, ...]:
    """The trigrams of a word (cached: a news vocabulary repeats from article to article)."""
    return tuple(word[i:i + 3] for i in range(len(word) - 2))


def is_clearly_indonesian(sample: str | SampleWords) -> bool:
    """Whether lingua's Indonesian/Malay pair calls `sample` Indonesian whatever its rounding: the trigram
    table's Malay log-likelihood is below -trigram_margin (lingua says Malay only from +ln 2, or from 0 where
    both likelihoods underflow)."""
    ratio = malay_log_likelihood(sample)
    return ratio is not None and ratio < -_config().trigram_margin


def _has_letters(sample: str, count: int) -> bool:
    """Whether `sample` has `count` letters or more (counted only until there are enough)."""
    return len(list(islice(filter(str.isalpha, sample), count))) >= count


def detect_language(text: str, *, quick_test: bool = True) -> str | None:
    """ISO 639-1 code of `text`; 'id' over 'ms' unless Malay is clearly ahead; None for too little text.
    `quick_test=False` weighs every candidate even for plainly Indonesian text, and runs lingua's pair where the
    trigram table would decide (the same answer, slower)."""
    sample = (text or "")[:MAX_CHARS]
    if not _has_letters(sample, _config()["min_letters"]):
        return None
    detector = _detector()     # built (and its models loaded) on the first call, in the runner's warm-up,
    pair = _indonesian_or_malay()      # as the Indonesian-Malay pair is
    words = SampleWords.of(sample)
    if not (quick_test and is_plainly_indonesian(words)):
        values = detector.compute_language_confidence_values(sample)
        if not values:
            return None
        if values[0].language not in (Language.INDONESIAN, Language.MALAY):
            return values[0].language.iso_code_639_1.name.lower()
    if quick_test and is_clearly_indonesian(words):
        return "id"
    values = pair.compute_language_confidence_values(sample)
    if not values:
        return None
    confidence = {v.language: v.value for v in values}
    best = values[0].language
    if best is Language.MALAY and confidence[Language.MALAY] < _config()["malay_margin"] * confidence.get(
            Language.INDONESIAN, 0.0):
        best = Language.INDONESIAN
    return best.iso_code_639_1.name.lower()
