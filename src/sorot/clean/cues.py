"""Loads the cue phrases of data/clean/cues.yaml once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import CleanCues


@dataclass(frozen=True)
class Cues:
    boilerplate: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    end_of_article: tuple[re.Pattern[str], ...]
    inline_widgets: tuple[re.Pattern[str], ...]
    continued_elsewhere: tuple[re.Pattern[str], ...]
    sign_off: re.Pattern[str]
    title_rules: dict[str, float]
    title_min_score: float

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(line) for p in self.boilerplate)

    def ends_article(self, line: str) -> bool:
        return any(p.search(line) for p in self.end_of_article)

    def may_sit_inside(self, line: str) -> bool:
        """An end marker that outlets also print as a widget between two paragraphs."""
        return any(p.search(line) for p in self.inline_widgets)

    def continues_elsewhere(self, line: str) -> bool:
        return any(p.search(line) for p in self.continued_elsewhere)

    def is_caption(self, line: str) -> bool:
        return any(p.search(line) for p in self.caption)


@data_cached
def load_cues() -> Cues:
    data = load_data("clean/cues.yaml", CleanCues)
    return Cues(
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in data.boilerplate),
        caption=tuple(re.compile(p, re.IGNORECASE) for p in data.caption),
        end_of_article=tuple(re.compile(p, re.IGNORECASE) for p in data.end_of_article),
        inline_widgets=tuple(re.compile(p, re.IGNORECASE) for p in data.inline_widgets),
        continued_elsewhere=tuple(re.compile(p, re.IGNORECASE) for p in data.continued_elsewhere),
        # sign-offs are lower-case initials: case matters, so "(OBOR)" at a line's end is kept
        sign_off=re.compile(data.sign_off),
        title_rules=dict(data.title_rules),
        title_min_score=data.title_min_score,
    )
