"""HTML reader: the article without the page furniture, metadata from the markup."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitroom.ingest import InputRecord, read_bytes

PARAS = [
    "A drone struck a fuel depot on the outskirts of Erbil early on Saturday, local officials said, "
    "causing a large fire but no casualties.",
    "The attack was the third this month in the area. Security forces closed the road leading to the "
    "depot while firefighters worked to contain the blaze.",
    "No group immediately claimed responsibility for the strike, which came hours after a separate "
    "rocket attack was reported elsewhere in the region.",
]
TITLE = "Drone strike hits fuel depot near Erbil"


def page(head: str = "", body_extra: str = "", article: str | None = None) -> str:
    article = article if article is not None else "".join(f"<p>{p}</p>\n" for p in PARAS)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{TITLE} | Example News</title>{head}"
        "<script>var tracker = 'script text must not appear';</script>"
        "<style>.x { color: red }</style></head><body>"
        "<div id='cookie-banner' class='cookie-consent'>We use cookies to improve your experience. Accept all.</div>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news menu</a></li></ul></nav>"
        f"<header>Example News masthead</header>{body_extra}"
        f"<article><h1>{TITLE}</h1>\n{article}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


def read_page(html: str | bytes, published: date | None = None) -> InputRecord:
    data = html.encode() if isinstance(html, str) else html
    records = list(read_bytes(data, "page.html", suffix=".html", published=published))
    assert len(records) == 1
    return records[0]


def test_ingest_html_keeps_the_article_and_drops_the_furniture() -> None:
    doc = read_page(page()).document
    assert doc is not None
    for para in PARAS:
        assert para in doc.text
    for junk in ("cookies", "Home", "World news menu", "masthead", "Copyright", "script text", "color"):
        assert junk not in doc.text
    assert doc.title == TITLE
    # The headline is the title, not the body's first line.
    assert not doc.text.startswith(TITLE)


def test_ingest_html_reads_metadata_from_meta_tags() -> None:
    head = (
        "<meta property='og:title' content='Drone strike hits fuel depot near Erbil'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2024-01-20T08:30:00+03:00'>"
        "<meta name='author' content='A. Reporter'>"
        "<link rel='canonical' href='https://news.example.org/2024/01/erbil-depot'>"
    )
    doc = read_page(page(head=head)).document
    assert doc is not None
    assert doc.url == "https://news.example.org/2024/01/erbil-depot"
    assert doc.publisher == "Example News"
    assert doc.published == date(2024, 1, 20)
    assert dict(doc.meta)["author"] == "A. Reporter"


@pytest.mark.parametrize(
    ("head", "article_extra", "expected"),
    [
        ("", "<p>Published <time datetime='2024-01-19T22:00:00Z'>Friday</time></p>", date(2024, 1, 19)),
        (
            "<script type='application/ld+json'>"
            + json.dumps({"@context": "https://schema.org", "@graph": [{"datePublished": "2024-01-18"}]})
            + "</script>",
            "",
            date(2024, 1, 18),
        ),
        ("<meta property='og:url' content='https://news.example.org/x'>", "", None),
    ],
    ids=["time-element", "json-ld", "none"],
)
def test_ingest_html_finds_the_date_in_markup_not_in_the_story(
    head: str, article_extra: str, expected: date | None
) -> None:
    # The story names a date; that is the event's, so it must not become the publication date.
    story = "".join(f"<p>{p}</p>" for p in PARAS) + "<p>The previous attack was on 2 January 2024.</p>"
    doc = read_page(page(head=head, article=story + article_extra)).document
    assert doc is not None
    assert doc.published == expected


def test_ingest_html_uses_the_published_argument_when_the_page_has_no_date() -> None:
    doc = read_page(page(), published=date(2024, 1, 21)).document
    assert doc is not None and doc.published == date(2024, 1, 21)


def test_ingest_html_without_readable_text_fails() -> None:
    empty = (
        "<html><head><title>Nothing</title><script>var a = 'no words';</script></head>"
        "<body><script>document.write('x')</script><!-- only a comment --></body></html>"
    )
    record = read_page(empty)
    assert record.document is None
    assert record.error == "HTML page has no readable text"


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_ingest_html_survives_100000_nested_divs(closed: bool) -> None:
    depth = 100_000
    html = (
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * depth
        + f"<p>{PARAS[0]}</p>"
        + ("</div>" * depth if closed else "")
        + "</body></html>"
    )
    record = read_page(html)
    assert record.document is not None, record.error
    assert record.document.text == PARAS[0]
    assert dict(record.document.meta)["extractor"] == "fallback"


def test_ingest_html_reads_malformed_markup() -> None:
    html = f"<html><body><div><p>{PARAS[0]}<p>{PARAS[1]}<b><i>unclosed &amp; <<< >>> <td>cell</div></span>"
    doc = read_page(html).document
    assert doc is not None
    assert PARAS[0] in doc.text and PARAS[1] in doc.text


def test_ingest_html_reads_a_declared_legacy_charset() -> None:
    arabic = "قصفت القوات مواقع قرب مدينة حلب صباح اليوم، وقال مسؤولون إن ثلاثة أشخاص قتلوا في الهجوم."
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"
        f"<title>حلب</title></head><body><article><p>{arabic}</p></article></body></html>"
    )
    doc = read_page(html.encode("cp1256")).document
    assert doc is not None
    assert arabic in doc.text
    assert ("encoding", "cp1256") in doc.meta


def test_ingest_html_same_report_as_text_has_the_same_id() -> None:
    head = f"<meta property='og:title' content='{TITLE}'>"
    html_doc = read_page(page(head=head)).document
    text = f"{TITLE}\n\n" + "\n\n".join(PARAS) + "\n"
    (text_record,) = read_bytes(text.encode(), "report.txt", suffix=".txt")
    assert html_doc is not None and text_record.document is not None
    assert html_doc.id == text_record.document.id


def test_ingest_html_drops_kicker_and_headline_and_names_the_site_from_the_title() -> None:
    kicker = f"<p class='kicker'>Middle East</p><h1>{TITLE}</h1>"
    html = page().replace(f"<h1>{TITLE}</h1>", kicker).replace("| Example News", "- Al-Example News")
    doc = read_page(html).document
    assert doc is not None
    assert doc.text.startswith(PARAS[0])
    assert doc.publisher == "Al-Example News"
