"""The language of an article body (ISO 639-1), by the lingua detector over a restricted set.

Plainly Indonesian (or Malay) text, told by a share of function words the two languages share, is only
weighed between Indonesian and Malay: lingua's ratio of the two, which decides between them, does not depend
on the other candidates, so the answer is the one the full detector gives, at a fraction of its cost.
The full detector runs in lingua's low-accuracy mode (its trigram models: 17 MB rather than 280 MB for the
eighteen candidates) to tell Indonesian or Malay from the rest; when it says either, the high-accuracy pair
decides between the two, as on the quick path.
"""

from __future__ import annotations

import re

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from sorot.data import data_cached, load_data
from sorot.data.schemas import LanguageData

MAX_CHARS = 1500  # the start of a long body is enough, and keeps detection fast
WORD = re.compile(r"[^\W\d_]+")


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
    return LanguageDetectorBuilder.from_languages(Language.INDONESIAN, Language.MALAY).build()


@data_cached
def _plain_words() -> frozenset[str]:
    return frozenset(_config().plain_words)


def plain_word_share(sample: str) -> float:
    """The share of the words of `sample` that are function words Indonesian and Malay share."""
    words = WORD.findall(sample.lower())
    plain = _plain_words()
    return sum(map(plain.__contains__, words)) / max(len(words), 1)


def is_plainly_indonesian(sample: str) -> bool:
    """Indonesian or Malay beyond doubt: the quick test that spares lingua most of its work."""
    return plain_word_share(sample) >= _config().plain_share


def detect_language(text: str, *, quick_test: bool = True) -> str | None:
    """ISO 639-1 code of `text`; 'id' over 'ms' unless Malay is clearly ahead; None for too little text.
    `quick_test=False` weighs every candidate even for plainly Indonesian text (the same answer, slower)."""
    sample = (text or "")[:MAX_CHARS]
    if sum(map(str.isalpha, sample)) < _config()["min_letters"]:
        return None
    detector = _detector()     # built (and its models loaded) on the first call, in the runner's warm-up
    if not (quick_test and is_plainly_indonesian(sample)):
        values = detector.compute_language_confidence_values(sample)
        if not values:
            return None
        if values[0].language not in (Language.INDONESIAN, Language.MALAY):
            return values[0].language.iso_code_639_1.name.lower()
    values = _indonesian_or_malay().compute_language_confidence_values(sample)
    if not values:
        return None
    confidence = {v.language: v.value for v in values}
    best = values[0].language
    if best is Language.MALAY and confidence[Language.MALAY] < _config()["malay_margin"] * confidence.get(
            Language.INDONESIAN, 0.0):
        best = Language.INDONESIAN
    return best.iso_code_639_1.name.lower()
