"""Exports of event records: sorot's own JSON Lines, the GDELT 2.0 Event table and PLOVER JSON.

GDELT: the 61 tab-separated columns of the GDELT 2.0 Event codebook (Leetaru 2015), in its order, codes as
strings, one row per reported record (negated, hypothetical and planned ones are left out). A column sorot
has no value for is blank, never guessed: actor type, ethnic and religion codes, tone, geography.
Actor codes are mapped to CAMEO through data/corpus/cameo_actors.tsv.
PLOVER: one JSON object per reported record with the fields of the PLOVER specification's event record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

import duckdb
import pycountry

from sorot.corpus.records import day_of
from sorot.data import data_cached, load_data
from sorot.data.schemas import CameoActors

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}

RECORDS_SQL = """
SELECT r.*, a.url AS first_url, a.source AS first_source, a.outlet AS first_outlet, a.language AS first_language,
       a.processed_at AS first_processed
FROM records r LEFT JOIN articles a ON a.id = r.first_article
{where} ORDER BY coalesce(r."date", r.first_seen), r.id
"""


@dataclass(frozen=True)
class CameoActor:
    code: str = ""                  # Actor1Code
    country: str = ""               # Actor1CountryCode
    group: str = ""                 # Actor1KnownGroupCode
    type1: str = ""                 # Actor1Type1Code


@data_cached
def _cameo_table() -> dict[str, tuple[str, str]]:
    return {row.sorot: (row.kind, row.cameo) for row in load_data("corpus/cameo_actors.tsv", CameoActors)}


def cameo_actor(code: str | None) -> CameoActor:
    """CAMEO codes of a sorot actor code; blank when the code is neither a known IGO nor an ISO3 state."""
    if not code:
        return CameoActor()
    kind, cameo = _cameo_table().get(code, ("", ""))
    if kind == "igo":
        return CameoActor(code="IGO" + cameo, group=cameo, type1="IGO")
    if kind == "country":
        return CameoActor(code=cameo, country=cameo)
    if len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code) is not None:
        return CameoActor(code=code, country=code)
    return CameoActor()


def read_records(con: duckdb.DuckDBPyConnection, reported_only: bool = False) -> Iterator[dict[str, Any]]:
    where = "WHERE r.status = 'reported'" if reported_only else ""
    cursor = con.execute(RECORDS_SQL.format(where=where))
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def record_mentions(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    cursor = con.execute(
        "SELECT e.record, e.article_id, e.event_no, e.sentence, e.\"start\", e.\"end\", e.trigger, e.status, "
        "e.\"date\", a.outlet, a.published, coalesce(a.url, a.source) AS link FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.record IS NOT NULL ORDER BY a.published, e.article_id, e.event_no")
    names = [d[0] for d in cursor.description]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in cursor.fetchall():
        mention = dict(zip(names, row, strict=True))
        grouped.setdefault(mention.pop("record"), []).append(mention)
    return grouped


def write_records_jsonl(con: duckdb.DuckDBPyConnection, stream: TextIO) -> int:
    """Every record with its mentions (article, sentence, offsets), one JSON object a line."""
    mentions = record_mentions(con)
    count = 0
    for record in read_records(con):
        for name in ("first_url", "first_source", "first_outlet", "first_language", "first_processed"):
            record.pop(name)
        record["mentions"] = mentions.get(record["id"], [])
        stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _event_code(cameo: str | None) -> tuple[str, str, str]:
    """(EventCode, EventBaseCode, EventRootCode): a root-only code is CAMEO's "not specified" xx0."""
    if not cameo:
        return "", "", ""
    code = cameo + "0" if len(cameo) == 2 else cameo
    return code, code[:3], code[:2]


def _actor_columns(code: str | None, name: str | None) -> list[str]:
    actor = cameo_actor(code)
    return [actor.code, (name or "").upper(), actor.country, actor.group, "", "", "", actor.type1, "", ""]


def gdelt_row(record: dict[str, Any]) -> list[str]:
    day = day_of(record["date"])
    month = (record["date"] or "")[:7].replace("-", "") if record["date"] and len(record["date"]) >= 7 else ""
    year = (record["date"] or "")[:4]
    fraction = f"{day.year + (day.timetuple().tm_yday / 365):.4f}" if day else ""
    code, base, root = _event_code(record["cameo"])
    added = record["first_processed"]
    row = [str(int(record["id"][1:], 16)), day.strftime("%Y%m%d") if day else "", month, year, fraction,
           *_actor_columns(record["source_code"], record["source_name"]),
           *_actor_columns(record["target_code"], record["target_name"]),
           "", code, base, root, _text(record["quad_class"]), _text(record["goldstein"]),
           str(record["num_mentions"]), str(record["num_sources"]), str(record["num_articles"]), "",
           *([""] * 24),
           added.strftime("%Y%m%d%H%M%S") if isinstance(added, datetime) else "",
           record["first_url"] or record["first_source"] or ""]
    assert len(row) == len(GDELT_COLUMNS)
    return row


def _text(value: object) -> str:
    return "" if value is None else str(value)


def write_gdelt(con: duckdb.DuckDBPyConnection, stream: TextIO, header: bool = False) -> int:
    """The GDELT 2.0 Event table (tab-separated, no header unless asked) of the reported records."""
    if header:
        stream.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for record in read_records(con, reported_only=True):
        stream.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in gdelt_row(record)) + "\n")
        count += 1
    return count


def plover_record(record: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    first = mentions[0] if mentions else {}
    return {
        "id": record["id"], "date": record["date"], "actor": record["source_code"],
        "recipient": record["target_code"], "event": record["type"], "mode": record["mode"] or "",
        "event_text": first.get("sentence") or "", "quad_code": record["quad_class"],
        "quad_name": QUAD_NAMES.get(record["quad_class"] or 0), "goldstein": record["goldstein"],
        "num_mentions": record["num_mentions"], "num_articles": record["num_articles"],
        "num_sources": record["num_sources"], "link": record["first_url"] or record["first_source"],
        "cite_info": {"url": record["first_url"] or record["first_source"], "publication": record["first_outlet"],
                      "language": record["first_language"]},
    }


def write_plover(con: duckdb.DuckDBPyConnection, stream: TextIO) -> int:
    """PLOVER JSON records of the reported records, one JSON object a line."""
    mentions = record_mentions(con)
    count = 0
    for record in read_records(con, reported_only=True):
        stream.write(json.dumps(plover_record(record, mentions.get(record["id"], [])), ensure_ascii=False) + "\n")
        count += 1
    return count
