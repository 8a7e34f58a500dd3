"""Event records: the mentions, within and across articles, of one real-world event.

Mentions join one record when they have the same source, type and target (either order for the
symmetric types) and compatible dates:
- mentions dated to one day form the record of that day (the one-a-day key GDELT uses);
- a mention dated only to a month joins the record of that key whose day lies in it (the one with most
  mentions); one dated only to a year joins the record of that year if there is just one; else they form
  a month/year record of their own;
- an undated mention joins the record of that key dated within a few days before its article's anchor
  day (after it, for a planned event) (the publication day, or the story's own day for a republished article), else an undated record;
- planned and reported mentions of one event are one record (reported once any mention reports it);
  negated and hypothetical mentions never join a factual record.
A record that one article tells, a day away from a record of the same key and story that at least three
articles tell, is that event misdated by the lone article and joins it (majority dating).
Aggregates follow GDELT: NumMentions, NumArticles, NumSources (distinct outlets; an article without an
outlet counts as the source of its copy cluster), first and last seen.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import duckdb
import pyarrow as pa

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
UNDATED_WINDOW_DAYS = 3  # an undated mention may tell an event of up to this many days before its anchor
FACTUAL = ("reported", "planned")


@dataclass
class Mention:
    article_id: str
    event_no: int
    start: int                   # offset of the event's trigger (else its sentence) in the article text
    type: str
    mode: str | None
    source_key: str
    source_name: str | None
    target_key: str
    target_name: str | None
    status: str
    date: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    published: str | None
    anchor: datetime.date | None  # the article's story day: published, or story_date when republished
    outlet: str | None
    copy_root: str               # the article's earliest copy (itself when none)


@dataclass
class Record:
    key: tuple[str, str, str]
    status_group: str
    bucket: str                  # day / month / year the record is dated to, or "undated:<anchor day>"
    mentions: list[Mention] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        return None if self.bucket.startswith("undated:") else self.bucket

    @cached_property
    def id(self) -> str:
        basis = "|".join((*self.key, self.status_group, self.bucket))
        return "r" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:15]


def actor_key(code: str | None, country: str | None, name: str | None) -> str:
    """The actor as records compare it: its code, else its state, else its name."""
    for value in (code, country, name):
        if value:
            return str(value).upper()
    return ""


def event_key(etype: str, source: str, target: str) -> tuple[str, str, str]:
    if etype in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    return etype, source, target


def _status_group(status: str) -> str:
    return "factual" if status in FACTUAL else status


def day_of(value: str | None) -> date | None:
    """The day of a full YYYY-MM-DD date string; None for a month, a year, nothing or garbage."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def build_records(mentions: Iterable[Mention]) -> list[Record]:
    """Group mentions into records (deterministic: the same mentions give the same records and ids)."""
    groups: dict[tuple[tuple[str, str, str], str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not mention.source_key or not mention.target_key:
            continue
        key = event_key(mention.type, mention.source_key, mention.target_key)
        groups[(key, _status_group(mention.status))].append(mention)
    records: list[Record] = []
    for (key, status_group), members in sorted(groups.items()):
        records += _group_records(key, status_group, members)
    return records


def _group_records(key: tuple[str, str, str], status_group: str, members: Sequence[Mention]) -> list[Record]:
    buckets: dict[str, Record] = {}

    def add(bucket: str, mention: Mention) -> None:
        buckets.setdefault(bucket, Record(key, status_group, bucket)).mentions.append(mention)

    ordered = sorted(members, key=lambda m: (m.article_id, m.event_no))
    by_precision: dict[int, list[Mention]] = defaultdict(list)
    for mention in ordered:
        by_precision[len(mention.date or "")].append(mention)
    for mention in by_precision[10]:
        add(mention.date or "", mention)
    for mention in by_precision[7]:         # a month joins the busiest day inside it
        inside = [b for b in buckets if len(b) == 10 and b.startswith(mention.date or "")]
        add(max(inside, key=lambda b: (len(buckets[b].mentions), b)) if inside else (mention.date or ""), mention)
    for mention in by_precision[4]:         # a year is too wide to choose: it joins only a lone record in it
        inside = [b for b in buckets if len(b) > 4 and b.startswith(mention.date or "")]
        add(inside[0] if len(inside) == 1 else (mention.date or ""), mention)
    for mention in [m for w, ms in by_precision.items() if w not in (10, 7, 4) for m in ms]:
        add(_undated_bucket(mention, buckets), mention)
    return [buckets[b] for b in sorted(buckets)]


def _undated_bucket(mention: Mention, buckets: dict[str, Record]) -> str:
    """The dated record an undated mention most likely tells, else the undated record of its anchor."""
    if mention.anchor is None:
        return f"undated:{mention.copy_root}"
    best: tuple[int, str] | None = None
    for bucket in buckets:
        day = day_of(bucket) or day_of(bucket.removeprefix("undated:"))
        if day is None:
            continue
        # a report tells what happened before it; a plan, what will happen after it
        distance = (day - mention.anchor if mention.status == "planned" else mention.anchor - day).days
        if 0 <= distance <= UNDATED_WINDOW_DAYS and (best is None or distance < best[0]):
            best = (distance, bucket)
    return best[1] if best else f"undated:{mention.anchor.isoformat()}"


OUTLIER_MAJORITY = 3        # articles that outweigh a lone article dating the same event a day apart


def merge_date_outliers(records: Sequence[Record], story_of_article: dict[str, str]) -> list[Record]:
    """A record told by one article, a day away from a record of the same key and story that at least
    OUTLIER_MAJORITY articles tell, is that event misdated (a time zone, a day counted from publication)."""
    by_slot: dict[tuple[tuple[str, str, str], str, str], list[Record]] = defaultdict(list)
    for record in records:
        story = story_of_article.get(record.mentions[0].article_id)
        if story is not None and day_of(record.date) is not None:
            by_slot[(record.key, record.status_group, story)].append(record)
    absorbed: set[int] = set()
    for group in by_slot.values():
        for record in group:
            if len({m.article_id for m in record.mentions}) != 1:
                continue
            day = day_of(record.date)
            majority = [r for r in group if r is not record and id(r) not in absorbed
                        and len({m.article_id for m in r.mentions}) >= OUTLIER_MAJORITY
                        and _days_apart(r, day) == 1]
            if len(majority) == 1:
                majority[0].mentions.extend(record.mentions)
                absorbed.add(id(record))
    return [r for r in records if id(r) not in absorbed]


def _days_apart(record: Record, day: date | None) -> int | None:
    other = day_of(record.date)
    return abs((other - day).days) if other is not None and day is not None else None


def attach_undated(records: Sequence[Record], story_of_article: dict[str, str]) -> list[Record]:
    """Merge each undated record into the dated record of the same key, status and story (the one with most
    mentions): its articles report the same happening and give no date of their own for the event."""
    dated: dict[tuple[tuple[str, str, str], str, str], Record] = {}
    for record in records:
        story = story_of_article.get(record.mentions[0].article_id)
        if record.date is None or story is None:
            continue
        slot = (record.key, record.status_group, story)
        if slot not in dated or len(record.mentions) > len(dated[slot].mentions):
            dated[slot] = record
    kept = []
    for record in records:
        story = story_of_article.get(record.mentions[0].article_id)
        target = dated.get((record.key, record.status_group, story or "")) if record.date is None else None
        if target is not None:
            target.mentions.extend(record.mentions)
        else:
            kept.append(record)
    return kept


# -- summary rows ------------------------------------------------------------------------------------------


def _most_common(values: Iterable[object]) -> object:
    """The most frequent value that is not None (the first seen of the most frequent), or None."""
    values = [v for v in values if v is not None]
    if not values or values.count(values[0]) == len(values):   # the mentions of a record mostly agree
        return values[0] if values else None
    counted = Counter(values)
    return counted.most_common(1)[0][0] if counted else None


def record_row(record: Record) -> dict[str, object]:
    mentions = sorted(record.mentions, key=lambda m: (m.published or "", m.article_id, m.event_no))
    first = mentions[0]
    statuses = {m.status for m in mentions}
    status = "reported" if "reported" in statuses else sorted(statuses)[0]
    sources = {m.outlet or f"copy:{m.copy_root}" for m in mentions}
    seen = sorted(m.published for m in mentions if m.published)
    return {
        "id": record.id, "type": record.key[0], "mode": _most_common(m.mode for m in mentions),
        "source_code": first.source_key, "source_name": _most_common(
            m.source_name if m.source_key == first.source_key else m.target_name for m in mentions),
        "target_code": first.target_key, "target_name": _most_common(
            m.target_name if m.target_key == first.target_key else m.source_name for m in mentions),
        "date": record.date, "status": status,
        "cameo": _most_common(m.cameo for m in mentions), "goldstein": _most_common(m.goldstein for m in mentions),
        "quad_class": _most_common(m.quad_class for m in mentions),
        "num_mentions": len(mentions), "num_articles": len({m.article_id for m in mentions}),
        "num_sources": len(sources), "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None, "first_article": first.article_id, "story": None,
    }


MENTIONS_SQL = """
SELECT e.article_id, e.event_no, e."start" + greatest(coalesce(strpos(e.sentence, e.trigger), 1) - 1, 0), e.type, e.mode, e.source_code, e.source_country, e.source_name,
       e.target_code, e.target_country, e.target_name, e.status, e."date", e.cameo, e.goldstein, e.quad_class,
       a.published, a.published_date, a.republished, a.story_date, a.outlet, coalesce(a.copy_of, a.id)
FROM events e JOIN articles a ON a.id = e.article_id
"""


def load_mentions(con: duckdb.DuckDBPyConnection) -> list[Mention]:
    mentions = []
    for (article_id, event_no, start, etype, mode, s_code, s_country, s_name, t_code, t_country, t_name, status,
         event_date, cameo, goldstein, quad_class, published, published_date, republished, story_date,
         outlet, copy_root) in con.execute(MENTIONS_SQL).fetchall():
        anchor = (day_of(story_date) if republished else None) or published_date
        mentions.append(Mention(
            article_id, event_no, start or 0, etype, mode, actor_key(s_code, s_country, s_name), s_name,
            actor_key(t_code, t_country, t_name), t_name, status or "reported", event_date, cameo, goldstein,
            quad_class, published, anchor, outlet, copy_root))
    return mentions


def write_records(con: duckdb.DuckDBPyConnection, records: Sequence[Record],
                  story_of_article: dict[str, str]) -> None:
    """Replace the records table and every event's `record` with these records."""
    rows = [record_row(r) for r in records]
    for row in rows:
        row["story"] = story_of_article.get(str(row["first_article"]))
    con.execute("DELETE FROM records")
    links = [(m.article_id, m.event_no, r.id) for r in records for m in r.mentions]
    con.register("_links", pa.table({"article_id": [x[0] for x in links],
                                     "event_no": pa.array([x[1] for x in links], pa.int32()),
                                     "record": [x[2] for x in links]}))
    try:
        if rows:
            con.register("_records", pa.Table.from_pylist(rows))
            con.execute("INSERT INTO records BY NAME SELECT * FROM _records")
            con.unregister("_records")
        con.execute("UPDATE events SET record = NULL WHERE record IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _links l "
                    "WHERE l.article_id = events.article_id AND l.event_no = events.event_no)")
        con.execute("UPDATE events SET record = l.record FROM _links l WHERE events.article_id = l.article_id "
                    "AND events.event_no = l.event_no AND events.record IS DISTINCT FROM l.record")
    finally:
        con.unregister("_links")
