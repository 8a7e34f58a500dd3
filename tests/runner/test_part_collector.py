"""A part is processed with the runner's garbage-collector thresholds, which are set back after it."""

import gc

from sorot.meta import extract_metadata
from sorot.pipeline import replace_stage, restore_stage
from sorot.runner import PART_GC_THRESHOLDS, process_part
from sorot.schema import Article, RawDoc

TEXT = "Menteri Luar Negeri Chile bertemu mitranya dari Peru di Lima pada hari Kamis."


def test_a_part_runs_with_the_part_thresholds_and_sets_them_back() -> None:
    seen: list[tuple[int, int, int]] = []

    def meta_noting_the_thresholds(article: Article) -> Article:
        seen.append(gc.get_threshold())
        return extract_metadata(article)

    before = gc.get_threshold()
    assert before != PART_GC_THRESHOLDS
    replaced = replace_stage("meta", meta_noting_the_thresholds)
    try:
        part = process_part(1, [RawDoc(f"{n}.txt", TEXT, "text") for n in range(3)], ["meta"], None, None)
    finally:
        restore_stage(replaced)
    assert part.documents == 3 and not part.rejected
    assert len(seen) >= 3 and set(seen) == {PART_GC_THRESHOLDS}   # (and the warm-up document, once per process)
    assert gc.get_threshold() == before


def test_the_thresholds_are_set_back_after_a_failing_part() -> None:
    def meta_that_breaks_the_run(article: Article) -> Article:
        raise KeyboardInterrupt   # not a document's failure: it ends the part

    before = gc.get_threshold()
    replaced = replace_stage("meta", meta_that_breaks_the_run)
    try:
        process_part(1, [RawDoc("a.txt", TEXT, "text")], ["meta"], None, None)
    except KeyboardInterrupt:
        pass
    finally:
        restore_stage(replaced)
    assert gc.get_threshold() == before


def test_threads_in_parts_at_once_leave_the_thresholds_as_they_were() -> None:
    """The first thread in leaves first: the thresholds stay set for the second, then go back."""
    import threading

    from sorot.data import collector_thresholds

    before = gc.get_threshold()
    first_inside, second_inside, first_left = threading.Event(), threading.Event(), threading.Event()
    seen_by_second: list[tuple[int, int, int]] = []

    def first() -> None:
        with collector_thresholds(PART_GC_THRESHOLDS):
            first_inside.set()
            second_inside.wait(10)
        first_left.set()

    def second() -> None:
        first_inside.wait(10)
        with collector_thresholds(PART_GC_THRESHOLDS):
            second_inside.set()
            first_left.wait(10)
            seen_by_second.append(gc.get_threshold())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert seen_by_second == [PART_GC_THRESHOLDS]
    assert gc.get_threshold() == before
