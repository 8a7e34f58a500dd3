"""Input cut into parts of at most so many documents, or fewer when they hold many characters."""

from pathlib import Path

from sorot.ingest import DEFAULT_LIMIT_BYTES
from sorot.runner import _full_part, _parts_of
from sorot.schema import RawDoc, Rejected

SHORT = "Menteri Luar Negeri Chile bertemu mitranya dari Peru di Lima pada hari Kamis.\n"


def docs(*lengths: int) -> list[RawDoc]:
    return [RawDoc(f"{n}.txt", "x" * length, "text") for n, length in enumerate(lengths)]


def test_short_documents_make_parts_of_the_given_size() -> None:
    assert _full_part(docs(*[100] * 10), size=4, chars=1000) == 4
    assert _full_part(docs(*[100] * 3), size=4, chars=1000) is None      # not a part yet: more may come


def test_long_documents_make_a_part_once_they_hold_the_characters() -> None:
    assert _full_part(docs(400, 400, 400, 400, 400), size=4, chars=1000) == 3
    assert _full_part(docs(400, 400, 400), size=4, chars=1000) == 3
    assert _full_part(docs(5000, 10), size=4, chars=1000) == 1            # one document over it: alone


class EveryDocumentNew:
    """The one thing _parts_of asks of the runner: which documents need processing (here, all)."""

    def todo(self, items: list[RawDoc | Rejected]) -> list[RawDoc]:
        return [item for item in items if isinstance(item, RawDoc)]


def test_the_input_is_cut_in_order_by_count_and_by_characters(tmp_path: Path) -> None:
    lengths = [1, 1, 1, 1, 1, 30, 30, 1, 1]      # in lines of SHORT
    files = []
    for number, lines in enumerate(lengths):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text(SHORT * lines, encoding="utf-8")
        files.append(path)
    chars = len(SHORT) * 40
    parts = list(_parts_of(EveryDocumentNew(), files, DEFAULT_LIMIT_BYTES, 4, chars))  # type: ignore[arg-type]
    assert [[Path(doc.source).name for doc in part.docs] for part in parts] == [
        ["00.txt", "01.txt", "02.txt", "03.txt"], ["04.txt", "05.txt", "06.txt"], ["07.txt", "08.txt"]]
    assert [part.number for part in parts] == [1, 2, 3]
    assert parts[-1].files_done == len(files)
