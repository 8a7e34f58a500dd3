"""The language of an article body (ISO 639-1), by the lingua detector over a restricted set."""

from __future__ import annotations

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from sorot.data import data_cached, load_data
from sorot.data.schemas import LanguageData

MAX_CHARS = 1500  # the start of a long body is enough, and keeps detection fast


def _config() -> LanguageData:
    return load_data("meta/language.yaml", LanguageData)


@data_cached
def _detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in _config()["candidates"]]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`; 'id' over 'ms' unless Malay is clearly ahead; None for too little text."""
    sample = (text or "")[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < _config()["min_letters"]:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None
    confidence = {v.language: v.value for v in values}
    best = values[0].language
    if best is Language.MALAY and confidence[Language.MALAY] < _config()["malay_margin"] * confidence.get(
            Language.INDONESIAN, 0.0):
        best = Language.INDONESIAN
    return best.iso_code_639_1.name.lower()
