"""An article's clean text as HTML with entity mentions, quotes and event sentences marked (as `sorot show`
does in the terminal). Spans may overlap (a mention inside a quote inside an event sentence), so the text is
cut at every span boundary and each piece carries the classes of all spans covering it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from markupsafe import Markup
from markupsafe import escape as markup_escape

__all__ = ["Span", "article_spans", "highlight", "mark_span"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str                       # "entity", "quote", "event" (a CSS class)
    label: str = ""                 # shown as the piece's tooltip
    anchor: str | None = None       # an id placed where the span starts
    extra: tuple[str, ...] = field(default=())  # more CSS classes


def article_spans(record: dict[str, Any], focus_event: int | None = None) -> list[Span]:
    """Spans of an export record's entities, quotes and events; the focused event gets the class "focus"."""
    spans: list[Span] = []
    for number, event in enumerate(record.get("events", [])):
        source, target = event["source"], event["target"]
        label = (f"{event['type']} {event['status']}: {source.get('code') or '?'} → {target.get('code') or '?'}"
                 + (f", {event['date']}" if event.get("date") else ""))
        extra = ("focus",) if number == focus_event else ()
        spans.append(Span(event["start"], event["end"], "event", label, f"event-{number}", extra))
    for number, quote in enumerate(record.get("quotes", [])):
        spans.append(Span(quote["start"], quote["end"], "quote", f"quote: {quote.get('speaker') or '?'}",
                          f"quote-{number}"))
    for entity in record.get("entities", []):
        label = f"{entity['name']} ({entity['type']}{', ' + entity['code'] if entity.get('code') else ''})"
        for mention in entity.get("mentions", []):
            spans.append(Span(mention["start"], mention["end"], "entity", label,
                              extra=(f"ent-{entity['type'].lower()}",)))
    return spans


def highlight(text: str, spans: list[Span]) -> Markup:
    """HTML of `text` with every span marked; offsets outside the text are clipped."""
    size = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end and s.start < size]
    cuts = sorted({0, size, *(s.start for s in spans), *(min(s.end, size) for s in spans)})
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        anchors = "".join(f'<a class="anchor" id="{s.anchor}"></a>' for s in spans
                          if s.anchor and s.start == left)
        covering = [s for s in spans if s.start <= left and right <= s.end]
        piece = escape(text[left:right])
        if covering:
            classes = sorted({s.kind for s in covering} | {c for s in covering for c in s.extra})
            title = escape(" | ".join(dict.fromkeys(s.label for s in covering if s.label)))
            piece = f'<span class="{" ".join(classes)}" title="{title}">{piece}</span>'
        parts.append(anchors + piece)
    return Markup("".join(parts))


def mark_span(text: str, start: int, end: int, trigger: str | None = None) -> Markup:
    """`text` with [start, end) in <mark> (an event's sentence in its paragraph) and the trigger words bold."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    inner = markup_escape(text[start:end])
    if trigger:
        position = text[start:end].find(trigger)
        if position >= 0:
            inner = (markup_escape(text[start:start + position]) + Markup("<strong>") + markup_escape(trigger)
                     + Markup("</strong>") + markup_escape(text[start + position + len(trigger):end]))
    return Markup(markup_escape(text[:start]) + Markup('<mark class="evidence">') + inner + Markup("</mark>")
                  + markup_escape(text[end:]))
