"""Validity checks for the part-B example corpus: examples/text/b*.gold.json and their .txt pages."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.examples.test_text_gold_format import LABELS, load, parse_published

TEXT_DIR = Path(__file__).resolve().parents[2] / "examples" / "text"
GOLD_FILES = sorted(TEXT_DIR.glob("b[0-9][0-9]_*.gold.json"))
STATUSES = {"reported", "planned", "negated", "hypothetical"}


def test_there_are_sixteen_articles() -> None:
    assert len(GOLD_FILES) == 16


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_quotes_and_events_point_into_the_body(gold_path: Path) -> None:
    gold, raw = load(gold_path)
    body = [raw[int(n) - 1] for n, label in gold["lines"].items() if label == "body"]
    for quote in gold["quotes"]:
        assert any(quote["start"] in line for line in body), quote
    for key in ("events", "events_optional", "events_forbidden"):
        for event in gold.get(key, []):
            assert event["status"] in STATUSES
            assert gold["lines"].get(str(event["line"])) == "body", event
            if event["date"]:
                assert len(event["date"]) in (4, 7, 10)


# ---- part B extras: HTML pages, JSON Lines, WARC and the broken-input set ----

EXAMPLES = TEXT_DIR.parent
HTML_GOLD = sorted((EXAMPLES / "html").glob("*.gold.json"))
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "br", "td", "tr", "table", "figure",
              "figcaption", "section", "header", "footer", "nav", "article", "time"}


class _VisibleText(HTMLParser):
    """Text a reader sees in <body>: no script/style, a space at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.in_body |= tag == "body"
        self.hidden += tag in ("script", "style")
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return squash("".join(parser.parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_four_html_pages_with_gold() -> None:
    assert len(HTML_GOLD) == 4


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.name)
def test_html_gold_blocks_are_visible_text_of_the_page(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = (EXAMPLES / "html" / gold["doc"]).read_bytes().decode("utf-8")
    text = visible_text(page)
    labels = [block["label"] for block in gold["blocks"]]
    assert set(labels) <= LABELS and "body" in labels and "boilerplate" in labels
    for block in gold["blocks"]:
        assert squash(block["text"]) in text, block["text"][:60]
    parse_published(gold["published"])


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.name)
def test_html_page_has_open_graph_and_publication_time(gold_path: Path) -> None:
    page = (EXAMPLES / "html" / gold_path.name.replace(".gold.json", ".html")).read_text(encoding="utf-8")
    for prop in ("og:title", "og:site_name", "article:published_time"):
        assert f'"{prop}"' in page


def test_one_html_page_declares_latin1_but_is_utf8() -> None:
    page = (EXAMPLES / "html" / "blogspot_ktt_oki_riyadh.html").read_bytes()
    assert b'charset="iso-8859-1"' in page
    text = page.decode("utf-8")
    assert all(ch in text for ch in "é“”—")
    assert "Ã" in page.decode("iso-8859-1")  # decoding by the declaration gives mojibake


def test_jsonl_has_five_articles_with_varied_fields() -> None:
    lines = (EXAMPLES / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) == 5
    allowed = {"text", "html", "url", "title", "published"}
    shapes = {frozenset(record) for record in records}
    assert all(shape <= allowed and ({"text", "html"} & shape) for shape in shapes)
    assert len(shapes) >= 4
    for record in records:
        if "published" in record:
            parse_published(record["published"])


def test_warc_has_three_html_responses_a_request_and_an_image() -> None:
    warcio = pytest.importorskip("warcio.archiveiterator")
    kinds = []
    with (EXAMPLES / "warc" / "sample.warc.gz").open("rb") as stream:
        for record in warcio.ArchiveIterator(stream):
            mime = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            kinds.append((record.rec_type, mime.split(";")[0]))
            if mime.startswith("text/html"):
                assert b"<html" in record.content_stream().read()
    assert kinds.count(("response", "text/html")) == 3
    assert ("request", "") in kinds and ("response", "image/png") in kinds


def test_broken_inputs_are_broken_in_the_intended_way() -> None:
    broken = EXAMPLES / "broken"
    assert (broken / "empty.txt").read_bytes() == b""
    assert b"\x00" in (broken / "binary.txt").read_bytes()
    cp1252 = (broken / "cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    assert "“Indonesia Tidak Akan Memihak”" in cp1252.decode("cp1252")
    truncated = (broken / "truncated.html").read_text(encoding="utf-8")
    assert "<p>" in truncated and "</html>" not in truncated and "</body>" not in truncated
