"""API latency of `sorot serve` on a store of 20,000 synthetic articles (`make bench`, or bench.py --api).

The store is made from the example corpus: `sorot run examples/` once, then its articles (with their lines,
entities, mentions, quotes, events, records and stories) are copied with new ids and dates moved forward by
three days per copy until there are 20,000. The server runs in this process (uvicorn in a thread) and is
called over HTTP with keep-alive; each endpoint is called `--api-calls` times after a warm-up. The baseline
in the same run is a small static file from the same server, the floor of any request.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DAYS_PER_COPY = 3
FLOOR = "a static file (the floor)"

ENDPOINTS = [
    ("articles", "/api/articles"),
    ("articles, text search", "/api/articles?q=menteri%20luar%20negeri"),
    ("articles, page 50", None),                       # the 50th page, reached through the next tokens
    ("events", "/api/events"),
    ("events of one actor", "/api/events?actor=CHN"),
    ("events of a dyad, one year", "/api/events?actor=CHN&partner=USA&since=2025&until=2025"),
    ("records", "/api/records"),
    ("records of a dyad", "/api/records?actor=RUS&partner=UKR"),
    ("stories", "/api/stories"),
    ("actors", "/api/actors"),
    ("quotes", "/api/quotes"),
    ("entities", "/api/entities"),
    ("dyad series by month", "/api/dyads?a=CHN&b=USA&by=month"),
    ("dyad series by week", "/api/dyads?a=RUS&b=UKR&by=week"),
    ("article record", None),                          # one article's full export record
    (FLOOR, "/static/favicon.svg"),
]


def build_store(folder: Path, articles: int) -> Path:
    """A store of `articles` articles copied from the example corpus, as described above."""
    seed = folder / "examples.duckdb"
    subprocess.run([sys.executable, "-m", "sorot.cli", "run", str(ROOT / "examples"), "--db", str(seed), "--quiet"],
                   check=True, timeout=900)
    from sorot.store import Store

    target = folder / "api-bench.duckdb"
    with Store(target) as store:
        con = store.con
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        seeds = con.execute("SELECT count(*) FROM seed.articles").fetchone()[0]
        copies = -(-articles // seeds)
        con.execute(f"CREATE TEMP TABLE pick AS SELECT a.id AS old, r.k, a.id || '-' || r.k AS new "
                    f"FROM seed.articles a, range({copies}) r(k) ORDER BY r.k, a.id LIMIT {articles}")
        shift = f"INTERVAL ({DAYS_PER_COPY} * p.k) DAY"
        day = (f"CASE WHEN length(t.\"date\") = 10 THEN strftime(CAST(t.\"date\" AS DATE) + {shift}, '%Y-%m-%d') "
               "ELSE t.\"date\" END")
        _copy(con, "articles", "id", f"id: p.new, published_at: t.published_at + {shift}, "
              f"published_date: CAST(t.published_date + {shift} AS DATE), story: t.story || '-' || p.k, "
              "copy_of: t.copy_of || '-' || p.k")
        for table in ("lines", "entities", "mentions", "quotes"):
            _copy(con, table, "article_id", "article_id: p.new")
        _copy(con, "events", "article_id", f"article_id: p.new, \"date\": {day}, record: t.record || '-' || p.k")
        kinds = "(SELECT DISTINCT k FROM pick) p"
        con.execute(f"INSERT INTO records BY NAME SELECT t.* REPLACE (t.id || '-' || p.k AS id, {day} AS \"date\", "
                    f"t.first_article || '-' || p.k AS first_article, t.story || '-' || p.k AS story) "
                    f"FROM seed.records t, {kinds}")
        con.execute(f"INSERT INTO stories BY NAME SELECT t.* REPLACE (t.id || '-' || p.k AS id, {day} AS \"date\") "
                    f"FROM seed.stories t, {kinds}")
        con.execute("DETACH seed")
        con.execute("CHECKPOINT")
    return target


def _copy(con: Any, table: str, key: str, replacements: str) -> None:
    """INSERT the picked copies of a seed table's rows, with some columns replaced ("name: expression")."""
    replace = ", ".join(f"{expression.strip()} AS {name.strip()}" for name, expression in
                        (part.split(":", 1) for part in _split(replacements)))
    con.execute(f"INSERT INTO {table} BY NAME SELECT t.* REPLACE ({replace}) FROM seed.{table} t "
                f"JOIN pick p ON p.old = t.{key}")


def _split(replacements: str) -> list[str]:
    """Split "a: f(x, y), b: z" at the commas between replacements (not those inside parentheses or quotes)."""
    parts, depth, quoted, current = [], 0, False, ""
    for char in replacements:
        quoted = not quoted if char == "'" else quoted
        if not quoted:
            depth += char == "("
            depth -= char == ")"
        if char == "," and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_api(articles: int = 20_000, calls: int = 40) -> dict[str, Any]:
    import tempfile

    import httpx
    import uvicorn

    from sorot.api import ServeOptions, create_app

    with tempfile.TemporaryDirectory(prefix="sorot-bench-api-") as tmp:
        started = time.perf_counter()
        db = build_store(Path(tmp), articles)
        built = time.perf_counter() - started
        server = uvicorn.Server(uvicorn.Config(create_app(ServeOptions(db=db)), host="127.0.0.1", port=0,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        results: dict[str, dict[str, float]] = {}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            stored = client.get("/api/overview").json()["counts"]
            for name, url in ENDPOINTS:
                url = url or _dynamic_url(client, name)
                timings = []
                for call in range(calls + 3):
                    begun = time.perf_counter()
                    response = client.get(url)
                    took = (time.perf_counter() - begun) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"bench --api: {url} answered {response.status_code}: {response.text[:200]}")
                    if call >= 3:                       # the first calls warm caches and the snapshot
                        timings.append(took)
                results[name] = {"p50": statistics.median(timings), "p95": percentile(timings, 0.95),
                                 "bytes": len(response.content)}
        server.should_exit = True
        thread.join(timeout=10)
    return {"articles": stored["articles"], "counts": stored, "build_s": built, "calls": calls, "results": results}


def _dynamic_url(client: Any, name: str) -> str:
    if name == "article record":
        return "/api/articles/" + client.get("/api/articles?size=1&q=presiden").json()["items"][0]["id"]
    token = None
    for _ in range(49):
        token = client.get("/api/articles", params={"next": token} if token else {}).json()["next"]
    return f"/api/articles?next={token}"


def report_api(measured: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    counts = measured["counts"]
    table = Table(title=f"sorot serve: API latency on {measured['articles']:,} synthetic articles "
                        f"({counts['events']:,} events, {counts['records']:,} records), {measured['calls']} calls each")
    for column in ("endpoint", "p50 ms", "p95 ms", "p50 / floor", "KB"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    floor = measured["results"][FLOOR]["p50"]
    for name, result in measured["results"].items():
        table.add_row(name, f"{result['p50']:.1f}", f"{result['p95']:.1f}", f"{result['p50'] / floor:.1f}",
                      f"{result['bytes'] / 1024:.0f}")
    console = Console(width=130)
    console.print(table)
    worst = max(r["p95"] for r in measured["results"].values())
    console.print(f"slowest p95: {worst:.0f} ms (goal: below 200 ms); store built in {measured['build_s']:.0f} s")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="API latency of sorot serve")
    parser.add_argument("--api-articles", type=int, default=20_000)
    parser.add_argument("--api-calls", type=int, default=40)
    arguments = parser.parse_args()
    report_api(measure_api(arguments.api_articles, arguments.api_calls))
