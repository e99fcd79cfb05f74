"""The bundled example reports: each parses in its own format, and expected.jsonl is valid gold for them.

Only the standard library reads the files here (json, xml.etree, html.parser), so these tests hold
whatever the ingest stage does; how well the pipeline codes the examples is a separate quality test.
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from sitroom.lexicon.schema import CODED_WEAPONS
from sitroom.model import EVENT_TYPES, SUB_EVENT_TYPES

EXAMPLES = Path(str(files("sitroom").joinpath("examples")))
REPORTS = EXAMPLES / "reports"
ATOM = "{http://www.w3.org/2005/Atom}"
DOC_KEYS = {"id", "url", "title", "publisher", "published", "text"}
GOLD_KEYS = {
    "id",
    "docs",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "location_aliases",
    "weapons",
    "fatalities",
    "injuries",
    "claimed_by",
    "evidence",
}
OPTIONAL_GOLD_KEYS = {"optional", "sub_event_type_alt"}
WEAPONS = set(CODED_WEAPONS)
# Canonical names from the evaluation README, plus the names the README leaves to the text.
ACTORS = {
    "US forces",
    "US-led coalition",
    "Islamic Resistance in Iraq",
    "Kataib Hezbollah",
    "Harakat Hezbollah al-Nujaba",
    "Kataib Sayyid al-Shuhada",
    "Popular Mobilization Forces",
    "Iraqi Security Forces",
    "Syrian Democratic Forces",
    "Islamic State",
    "Houthis",
    "Iran",
    "Israel",
    "Hamas",
    "Unidentified Iran-backed militia",
    "Unidentified armed group",
    "Civilians",
    "Russian Armed Forces",
    "Ukrainian Armed Forces",
    "Malian Armed Forces",
    "Wagner Group",
    "Rapid Support Forces",
    "Sudanese Armed Forces",
    "Jama'at Nusrat al-Islam wal-Muslimin",
    "Islamic State Sahel Province",
    "CSP-PSD",
    "al-Shabaab",
    "Hezbollah",
    "Nigerien Armed Forces",
}
COUNTRIES = {
    "Iraq",
    "Syria",
    "Jordan",
    "Yemen",
    "Red Sea",
    "Gulf of Aden",
    "Ukraine",
    "Russia",
    "Mali",
    "Burkina Faso",
    "Niger",
    "Sudan",
}


class _PageText(HTMLParser):
    """Visible text of an HTML fragment or page, and the tags it uses (to check page furniture)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def page_text(markup: str) -> _PageText:
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser


def squeeze(text: str) -> str:
    # Quotes are compared with whitespace folded: line breaks in a feed or page are not part of the words.
    return " ".join(text.split())


def report_files(suffix: str) -> list[Path]:
    return sorted(REPORTS.glob(f"*{suffix}"))


def rel(path: Path) -> str:
    return path.relative_to(EXAMPLES).as_posix()


def rss_items(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def atom_entries(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


@functools.cache
def load_units() -> dict[str, str]:
    """Every example document by its file-relative id, as the plain words a reader sees."""
    units: dict[str, str] = {}
    for path in report_files(".txt"):
        units[rel(path)] = squeeze(path.read_text(encoding="utf-8"))
    for path in report_files(".json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        units[rel(path)] = squeeze(doc["title"] + "\n" + doc["text"])
    for path in report_files(".jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, 1):
            doc = json.loads(line)
            units[f"{rel(path)}#{n}"] = squeeze(doc["title"] + "\n" + doc["text"])
    for path in report_files(".html"):
        units[rel(path)] = page_text(path.read_text(encoding="utf-8")).text()
    for path in report_files(".xml"):
        for n, item in enumerate(rss_items(path), 1):
            body = page_text(item.findtext("description") or "").text()
            units[f"{rel(path)}#{n}"] = squeeze(item.findtext("title") + " " + body)
    for path in report_files(".atom"):
        for n, entry in enumerate(atom_entries(path), 1):
            content = entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary") or ""
            units[f"{rel(path)}#{n}"] = squeeze(
                entry.findtext(f"{ATOM}title") + " " + page_text(content).text()
            )
    return units


def load_gold() -> list[dict]:
    lines = (EXAMPLES / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = load_gold()


@pytest.mark.parametrize(
    ("suffix", "min_files", "min_units"),
    [(".txt", 3, 3), (".json", 3, 3), (".jsonl", 1, 3), (".html", 1, 1), (".xml", 1, 3), (".atom", 1, 2)],
)
def test_examples_every_input_format_is_bundled(suffix: str, min_files: int, min_units: int) -> None:
    paths = report_files(suffix)
    units = [u for u in load_units() if u.split("#")[0] in {rel(p) for p in paths}]
    assert len(paths) >= min_files
    assert len(units) >= min_units


def test_examples_hold_at_least_fourteen_reports() -> None:
    assert len(load_units()) >= 14
    known = {".txt", ".json", ".jsonl", ".html", ".xml", ".atom"}
    assert {p.suffix for p in REPORTS.iterdir()} <= known


@pytest.mark.parametrize("path", report_files(".json"), ids=rel)
def test_examples_json_report_is_one_input_document(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == DOC_KEYS
    assert doc["title"] and doc["text"] and doc["url"].startswith("https://")
    if doc["published"] is not None:
        datetime.fromisoformat(doc["published"])


@pytest.mark.parametrize("path", report_files(".jsonl"), ids=rel)
def test_examples_jsonl_lines_are_input_documents(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines]
    assert len(docs) >= 3 and all(line.strip() for line in lines)
    for doc in docs:
        assert set(doc) == DOC_KEYS
        datetime.fromisoformat(doc["published"])
    assert len({d["id"] for d in docs}) == len(docs)


def test_examples_plain_text_reports_have_a_title_and_a_recorded_date() -> None:
    published = json.loads((EXAMPLES / "published.json").read_text(encoding="utf-8"))
    txt = report_files(".txt")
    assert set(published) == {rel(p) for p in txt}
    for path in txt:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        assert title.strip() and body.strip(), rel(path)
        date.fromisoformat(published[rel(path)])


@pytest.mark.parametrize("path", report_files(".html"), ids=rel)
def test_examples_html_page_carries_realistic_furniture(path: Path) -> None:
    page = page_text(path.read_text(encoding="utf-8"))
    tags = {tag for tag, _ in page.tags}
    metas = {a.get("property"): a.get("content") for tag, a in page.tags if tag == "meta"}
    links = {a.get("rel"): a.get("href") for tag, a in page.tags if tag == "link"}
    assert {"nav", "footer", "script", "h1", "p"} <= tags
    datetime.fromisoformat(metas["article:published_time"])
    assert links["canonical"].startswith("https://")
    text = page.text().lower()
    assert "cookie" in text and ("share" in text or "facebook" in text)
    assert "function" not in text and "@context" not in text  # script bodies are not visible text


@pytest.mark.parametrize("path", report_files(".xml"), ids=rel)
def test_examples_rss_items_are_complete(path: Path) -> None:
    items = rss_items(path)
    assert len(items) >= 3
    for item in items:
        assert item.findtext("title") and item.findtext("link", "").startswith("https://")
        parsedate_to_datetime(item.findtext("pubDate"))
        description = item.findtext("description") or ""
        assert "<p>" in description and page_text(description).text()


@pytest.mark.parametrize("path", report_files(".atom"), ids=rel)
def test_examples_atom_entries_are_complete(path: Path) -> None:
    entries = atom_entries(path)
    assert len(entries) >= 2
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id")
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")
        assert page_text(entry.findtext(f"{ATOM}content") or "").text()


def test_examples_gold_ids_are_unique() -> None:
    assert len({g["id"] for g in GOLD}) == len(GOLD)


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["id"])
def test_examples_gold_line_follows_the_coding_rules(gold: dict) -> None:
    assert GOLD_KEYS <= set(gold) <= GOLD_KEYS | OPTIONAL_GOLD_KEYS
    assert gold["sub_event_type"] in EVENT_TYPES[gold["event_type"]]
    assert set(gold.get("sub_event_type_alt", [])) <= set(SUB_EVENT_TYPES)
    if gold["event_date"] is not None:
        date.fromisoformat(gold["event_date"])
    assert gold["time_precision"] in (1, 2, 3)
    assert gold["actor1"] in ACTORS and gold["actor2"] in ACTORS | {None}
    assert gold["claimed_by"] in ACTORS | {None}
    assert gold["country"] in COUNTRIES
    assert set(gold["weapons"]) <= WEAPONS
    assert isinstance(gold["fatalities"], int) and gold["fatalities"] >= 0
    assert gold["injuries"] is None or (isinstance(gold["injuries"], int) and gold["injuries"] >= 0)
    assert gold.get("optional", False) in (True, False)
    if gold["location"] is None:
        assert not gold["location_aliases"]


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["id"])
def test_examples_gold_evidence_is_quoted_verbatim_from_its_documents(gold: dict) -> None:
    units = load_units()
    assert gold["docs"] and gold["evidence"]
    assert all(doc in units for doc in gold["docs"]), gold["docs"]
    for quote in gold["evidence"]:
        assert any(squeeze(quote) in units[doc] for doc in gold["docs"]), quote
    for doc in gold["docs"]:
        assert any(squeeze(quote) in units[doc] for quote in gold["evidence"]), f"no quote from {doc}"


def test_examples_every_document_tells_of_some_gold_event() -> None:
    cited = {doc for gold in GOLD for doc in gold["docs"]}
    assert set(load_units()) == cited


def test_examples_gold_fuses_events_told_by_several_reports() -> None:
    shared = [g for g in GOLD if len(g["docs"]) >= 2 and not g.get("optional")]
    assert len(shared) >= 6
    assert any(len({d.split("#")[0].rsplit(".", 1)[1] for d in g["docs"]}) >= 2 for g in shared)


def test_examples_readme_lists_every_report_file() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    missing = [rel(p) for p in sorted(REPORTS.iterdir()) if p.name not in readme]
    assert not missing
