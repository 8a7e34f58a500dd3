"""Direct quotations and their speakers (the `quotes` stage).

Full direct quotes (a quoted sentence that opens a paragraph or sentence, follows a speech verb, or is
attributed by a cue right after it) are kept; partial quotes inside a sentence only when a cue of the
same sentence attributes them and they are clause-long; scare quotes ("tanpa batas") never.
Speakers come from the cue's neighbourhood, linked to the article's entities; pronouns, "-nya" and
role nouns ("sang presiden") stand for the person in focus.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from sorot.quotes.cues import QuoteCues, load_cues
from sorot.quotes.spans import QuoteSpan, paragraphs, quote_spans
from sorot.schema import Article, Entity, Mention, Quote
from sorot.text.sentences import split_sentences
from sorot.text.tokens import TextDoc, text_doc

_CAPITALISED = re.compile(r"(?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*){0,3}")
_WORD = re.compile(r"\w+")     # a word token of sorot.text.tokens (a run of word characters)

__all__ = ["find_quotes"]


def find_quotes(article: Article) -> Article:
    cues = load_cues()
    mentions = _mentions(article.entities)
    quotes: list[Quote] = []
    doc = text_doc(article)
    for span in quote_spans(doc.text):
        quote = _quote(doc, span, cues, mentions, quotes)
        if quote:
            quotes.append(quote)
    article.quotes = quotes
    return article


def _mentions(entities: list[Entity]) -> list[tuple[Mention, Entity]]:
    pairs = [(m, e) for e in entities for m in e.mentions]
    return sorted(pairs, key=lambda pair: pair[0].start)


@lru_cache(maxsize=4)
def _paragraph_starts(text: str) -> list[int]:
    return [start for start, _end in paragraphs(text)]


def _clause_before(text: str, span: QuoteSpan) -> str:
    """The words of the same sentence before the opening mark."""
    starts = _paragraph_starts(text)  # once per text: a long article has thousands of quotes
    at = bisect.bisect_right(starts, span.open)
    para_start = starts[at - 1] if at else 0
    before = text[para_start:span.open]
    # the opening mark goes with it: a mark right after a full stop opens a sentence of its own
    last = split_sentences(before + text[span.open])[-1]
    return before[last.start:]


def _cue_after(text: str, span: QuoteSpan, cues: QuoteCues) -> re.Match[str] | None:
    """A cue verb right after the closing mark: '”, kata X', '," ujarnya', '”. Tegas X', '”, demikian X'."""
    after = text[span.close + 1: span.close + 60]
    lead = re.match(r"[\s,.]*", after)
    match = cues.verb_after.match(after, lead.end()) if lead else None
    return match if match else None


def _word_count(text: str, start: int, end: int) -> int:
    """The words of text[start:end], a word cut by an edge counted once (the word tokens of the stretch
    tokenised alone), counted in the stretch itself rather than over the article's tokens."""
    return len(_WORD.findall(text, max(start, 0), end)) if start < end else 0


def _quote(doc: TextDoc, span: QuoteSpan, cues: QuoteCues, mentions: list[tuple[Mention, Entity]],
           earlier: list[Quote]) -> Quote | None:
    text = doc.text
    words = _word_count(text, span.start, span.end)
    clause = _clause_before(text, span)
    cue_after = _cue_after(text, span, cues)
    cue_before = list(cues.verb.finditer(clause)) or list(cues.attribution.finditer(clause))
    opens_sentence = not clause.strip() or clause.rstrip().endswith((":", ",")) and bool(cue_before)
    full = (opens_sentence or cue_after is not None) and words >= cues.min_words_full
    # a partial quote must follow its cue closely: "menyerukan “...”", "mengatakan bahwa “...”"
    partial = (bool(cue_before) and words >= cues.min_words_partial
               and _word_count(text, span.open - len(clause) + cue_before[-1].end(), span.open) <= 3)
    if not (full or partial):
        return None
    speaker, cue = _speaker(text, span, cues, mentions, earlier, clause, cue_after, cue_before)
    quote = Quote(speaker=None, text=text[span.start:span.end], start=span.start, end=span.end, cue=cue)
    if speaker is not None:
        mention, entity = speaker
        # a ministry or a government speaking has no person's name: speaker null, its code kept
        quote.speaker = (entity.name if entity.type == "PER" else None) if entity else mention.text
        quote.speaker_code = entity.code if entity else None
        quote.speaker_start, quote.speaker_end = mention.start, mention.end
    return quote


Speaker = tuple[Mention, Entity | None]


def _speaker(text: str, span: QuoteSpan, cues: QuoteCues, mentions: list[tuple[Mention, Entity]],
             earlier: list[Quote], clause: str, cue_after: re.Match[str] | None,
             cue_before: list[re.Match[str]]) -> tuple[Speaker | None, str | None]:
    if cue_after is not None:
        window_start = span.close + 1 + cue_after.end()
        cue = cue_after.group(0).lower()
        if cue_after.group("nya"):
            return _in_focus(text, span.open, mentions, earlier), cue
        return _named_after(text, window_start, cues, mentions, earlier, span.open), cue
    if cue_before:
        match = cue_before[-1]
        clause_start = span.open - len(clause)
        cue = match.group(0).lower()
        if cues.attribution.fullmatch(match.group(0)):
            return _named_after(text, clause_start + match.end(), cues, mentions, earlier, span.open), cue
        # "Juru bicara IDF Daniel Hagari mengatakan": the person inside a title, not its organisation
        subject = _first_mention(mentions, clause_start, clause_start + match.start(), types=("PER",)) \
            or _first_mention(mentions, clause_start, clause_start + match.start())
        if subject is None and (cues.pronoun.match(clause.strip()) or match.group("nya")):
            subject = _in_focus(text, span.open, mentions, earlier)
        return subject, cue
    # a quote standing alone: it continues the previous speaker's words, or the sentence after it says who
    return _continued_speaker(text, span, mentions, earlier), None


def _named_after(text: str, start: int, cues: QuoteCues, mentions: list[tuple[Mention, Entity]],
                 earlier: list[Quote], quote_open: int) -> Speaker | None:
    """The speaker named right after a cue: a person within the next few words ("kata Pjs. Bupati Badung
    I Ketut Lihadnyana"), else an organisation or state standing there ("kata Gedung Putih"), else a pronoun
    or role noun for the person in focus, else the capitalised words there ("kata Ahok di Balai Kota"), and
    only then a person or body later in the sentence."""
    end = _sentence_end(text, start)
    window = text[start:end]
    # titles can be long: "kata Wakil Perdana Menteri sekaligus Menlu Pakistan Ishaq Dar"
    near = start + len(" ".join(window.split()[:10])) + (len(window) - len(window.lstrip()))
    person = _first_mention(mentions, start, near, types=("PER",))
    if person:
        return person
    lead = start + len(window) - len(window.lstrip())
    standing = _first_mention(mentions, lead, lead + 1)
    if standing:
        return standing
    stripped = window.strip()
    if load_cues().pronoun.match(stripped) or load_cues().role_noun.match(stripped):
        return _in_focus(text, quote_open, mentions, earlier)
    name = _CAPITALISED.match(stripped)
    if name:
        offset = text.index(name.group(0), start)
        return Mention(offset, offset + len(name.group(0)), name.group(0)), None
    return _first_mention(mentions, start, end, types=("PER",)) or _first_mention(mentions, start, end)


_END = re.compile(r"[.;!?\n“\"]")
_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][a-z]{0,3}$")   # "Pjs.", "Jl.", "Dr.", "H." do not end a sentence


def _sentence_end(text: str, start: int) -> int:
    for match in _END.finditer(text, start):
        if match.group(0) == "." and _ABBREVIATION.search(text[max(start, match.start() - 5):match.start()]):
            continue
        return match.start()
    return len(text)


class _Index:
    """Start offsets of the mentions (sorted by start) and of the persons among them, for bisection: one
    quote must not cost a scan of every mention of a long article."""

    def __init__(self, mentions: list[tuple[Mention, Entity]]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m, _e in mentions]
        self.persons = [(m, e) for m, e in mentions if e.type == "PER"]
        self.person_starts = [m.start for m, _e in self.persons]


_last_index: list[_Index] = []


def _index(mentions: list[tuple[Mention, Entity]]) -> _Index:
    if not _last_index or _last_index[0].mentions is not mentions:
        _last_index[:] = [_Index(mentions)]
    return _last_index[0]


def _first_mention(mentions: list[tuple[Mention, Entity]], start: int, end: int,
                   types: tuple[str, ...] = ("PER", "ORG", "GPE")) -> Speaker | None:
    index = _index(mentions)
    for at in range(bisect.bisect_left(index.starts, start), len(mentions)):  # no slice: no copy of the tail
        mention, entity = mentions[at]
        if mention.start >= end:
            break
        if entity.type in types:
            return mention, entity
    return None


def _in_focus(text: str, position: int, mentions: list[tuple[Mention, Entity]],
              earlier: list[Quote]) -> Speaker | None:
    """The person last in focus before `position`: the subject (first person) of the latest sentence that
    names a person ("Retno membahas isu itu dengan Lavrov. "...," tambahnya" is Retno, rule Q-nya-subject),
    or the latest speaker when no person was mentioned after that speaker's quote."""
    index = _index(mentions)
    persons = index.persons
    before = bisect.bisect_left(index.person_starts, position)  # later ones end after `position`
    last = next((persons[i][0] for i in range(before - 1, -1, -1) if persons[i][0].end <= position), None)
    person = None
    if last is not None:
        sentence_start = max(text.rfind(". ", 0, last.start), text.rfind("\n", 0, last.start)) + 1
        person = next(persons[i] for i in range(bisect.bisect_left(index.person_starts, sentence_start), before)
                      if persons[i][0].end <= position)
    last_quote = earlier[-1] if earlier and earlier[-1].speaker_start is not None else None
    if last_quote and (person is None or person[0].start < last_quote.end):
        return _speaker_of(last_quote, mentions)
    return person


def _speaker_of(quote: Quote, mentions: list[tuple[Mention, Entity]]) -> Speaker | None:
    if quote.speaker_start is not None:
        at = bisect.bisect_left(_index(mentions).starts, quote.speaker_start)
        if at < len(mentions) and mentions[at][0].start == quote.speaker_start:
            return mentions[at]
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return Mention(quote.speaker_start, quote.speaker_end, quote.speaker or ""), None


def _continued_speaker(text: str, span: QuoteSpan, mentions: list[tuple[Mention, Entity]],
                       earlier: list[Quote]) -> Speaker | None:
    """A whole-paragraph quote with no cue right after it: a later '..., ujarnya.' in the paragraph, or
    the speaker of the quote just before it (split or continued quotes)."""
    rest_end = _paragraph_end(text, span.close)
    cue = load_cues().verb.search(text, span.close + 1, rest_end)
    if cue and cue.group("nya"):
        return _in_focus(text, span.open, mentions, earlier)
    if earlier and earlier[-1].speaker_start is not None and span.open - earlier[-1].end < 400:
        return _speaker_of(earlier[-1], mentions)
    return None


def _paragraph_end(text: str, position: int) -> int:
    found = text.find("\n\n", position)
    return len(text) if found < 0 else found
