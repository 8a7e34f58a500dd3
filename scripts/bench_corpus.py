"""Cost of the corpus layer (copies, records, stories) per 1,000 articles and how it grows.

Synthetic stores of 1,000, 5,000 and 20,000 articles are written straight into DuckDB (the per-article
pipeline is not timed here: `scripts/bench.py` does that): happenings of random pairs of states on random
days, each told by a few outlets, a third of the articles wire copies (whole, truncated or edited), one to
four events an article. Each store is timed from nothing (`corpus.update` over everything) and then for
one more batch of 1,000 articles (the incremental cost after a `sorot run`). Near-linear growth means the
time per 1,000 articles stays about flat from 1k to 20k.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sorot import corpus
from sorot.schema import PLOVER_TYPES, Actor, Article, Event
from sorot.store import Store

STATES = ("IDN", "MYS", "SGP", "THA", "VNM", "PHL", "CHN", "JPN", "KOR", "IND", "PAK", "AUS", "USA", "RUS",
          "UKR", "GBR", "FRA", "DEU", "TUR", "IRN", "ISR", "SAU", "EGY", "BRA", "ZAF", "NGA", "KEN", "MEX")
OUTLETS = tuple(f"Outlet {n}" for n in range(60))
QUAD = {t: 1 + n % 4 for n, t in enumerate(PLOVER_TYPES)}


def vocabulary(rng: random.Random, size: int = 8000) -> list[str]:
    letters = "abdegikmnoprstuy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(size)]


def synthetic_articles(count: int, seed: int, prefix: str = "") -> list[Article]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    start = date(2023, 1, 1)
    articles: list[Article] = []
    while len(articles) < count:
        day = start + timedelta(days=rng.randrange(730))
        pair = rng.sample(STATES, 2)
        etype = rng.choice(PLOVER_TYPES)
        original: str | None = None
        for _ in range(rng.randint(1, 6)):
            if original is not None and rng.random() < 0.35:
                paragraphs = original.split("\n")
                text = "\n".join(paragraphs[:max(2, int(len(paragraphs) * rng.uniform(0.6, 1.0)))])
            else:
                text = "\n".join(" ".join(rng.choices(words, k=40)) + "." for _ in range(rng.randint(4, 10)))
                original = original or text
            published = day + timedelta(days=rng.randint(0, 2))
            n = len(articles)
            events = [_event(etype, pair, day, 0)]
            for number in range(rng.randint(0, 3)):
                events.append(_event(rng.choice(PLOVER_TYPES), rng.sample(STATES, 2),
                                     day - timedelta(days=rng.randint(0, 30)), 100 * (number + 1)))
            articles.append(Article(source=f"{prefix}synthetic-{seed}-{n}.txt", id=f"{prefix}{seed:04d}{n:012d}",
                                    text=text, outlet=rng.choice(OUTLETS), published=published.isoformat(),
                                    events=events))
            if len(articles) >= count:
                break
    return articles


def _event(etype: str, pair: list[str], day: date, offset: int) -> Event:
    return Event(type=etype, source=Actor(pair[0], pair[0]), target=Actor(pair[1], pair[1]), status="reported",
                 date=day.isoformat(), sentence="Kalimat sintetis.", start=offset, end=offset + 17, confidence=1.0,
                 goldstein=0.0, quad_class=QUAD[etype])


def store_articles(store: Store, articles: list[Article]) -> None:
    for start in range(0, len(articles), 500):
        store.save_batch([(a, f"hash-{a.id}") for a in articles[start:start + 500]])


def measure(size: int, folder: Path) -> dict[str, float]:
    with Store(folder / f"corpus-{size}.duckdb") as store:
        store_articles(store, synthetic_articles(size, seed=size))
        started = time.perf_counter()
        counts = corpus.update(store.con)
        full = time.perf_counter() - started
        store_articles(store, synthetic_articles(1000, seed=size + 1, prefix="new-"))
        started = time.perf_counter()
        corpus.update(store.con)
        batch = time.perf_counter() - started
    return {"size": size, "full_s": full, "per_1k_ms": 1000 * full / (size / 1000), "batch_s": batch,
            "records": counts.records, "stories": counts.stories, "copy_pairs": counts.copy_pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="store sizes, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(size, Path(tmp)) for size in sizes]
    print("corpus layer (copies, records, stories), one core, synthetic stores:")
    print(f"{'articles':>9} {'whole store':>12} {'per 1,000':>10} {'+1,000 batch':>13} {'records':>8} "
          f"{'stories':>8} {'copy pairs':>11}")
    for r in results:
        print(f"{r['size']:>9,} {r['full_s']:>10.2f} s {r['per_1k_ms']:>7.0f} ms {r['batch_s']:>11.2f} s "
              f"{r['records']:>8,} {r['stories']:>8,} {r['copy_pairs']:>11,}")
    first, last = results[0], results[-1]
    print(f"growth: {last['size'] // first['size']}x the articles took {last['full_s'] / first['full_s']:.1f}x "
          f"the time (per-article cost ratio {last['per_1k_ms'] / first['per_1k_ms']:.2f}; 1.00 is linear)")


if __name__ == "__main__":
    main()
