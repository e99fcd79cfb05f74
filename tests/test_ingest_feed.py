"""RSS/Atom reader: one document per entry; entity bombs, XXE and external DTDs refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitroom.ingest import InputRecord, iter_inputs, read_bytes

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Front Wire</title><link>https://wire.example</link>
<item><title>Clashes near Deir ez-Zor</title><link>https://wire.example/1</link><guid>fw-1</guid>
<author>desk@wire.example (Desk)</author>
<pubDate>Sat, 20 Jan 2024 01:00:00 +0300</pubDate>
<description>&lt;p&gt;Fighters &lt;b&gt;clashed&lt;/b&gt; overnight near Deir ez-Zor.&lt;/p&gt;&lt;p&gt;Two were hurt.&lt;/p&gt;</description></item>
<item><title>Headline only</title><link>https://wire.example/2</link></item>
<item><title>Strike on a depot</title><link>https://wire.example/3</link>
<description>A drone hit a depot in Hodeidah.</description></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title type="html">&lt;b&gt;Rockets&lt;/b&gt; hit Al-Tanf</title><id>urn:desk:1</id>
<link href="https://desk.example/1"/><updated>2024-01-21T23:30:00-05:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rockets hit the garrison.</p><p>No one was hurt.</p></div></content>
</entry></feed>"""


def read_feed(data: bytes, suffix: str = ".rss") -> list[InputRecord]:
    return list(read_bytes(data, "wire" + suffix, suffix=suffix))


def test_ingest_feed_rss_gives_one_document_per_entry() -> None:
    records = read_feed(RSS)
    assert [(r.locator, r.ok) for r in records] == [("entry 1", True), ("entry 2", False), ("entry 3", True)]
    first = records[0].document
    assert first is not None
    assert first.title == "Clashes near Deir ez-Zor"
    assert first.text == "Fighters clashed overnight near Deir ez-Zor.\nTwo were hurt."
    assert first.url == "https://wire.example/1"
    assert first.publisher == "Front Wire"
    # The publisher's calendar day, not UTC's (which would be the 19th).
    assert first.published == date(2024, 1, 20)
    assert ("source_id", "fw-1") in first.meta
    assert records[1].error == "feed entry has no text (no content or summary)"


def test_ingest_feed_atom_reads_xhtml_content_and_html_titles() -> None:
    (record,) = read_feed(ATOM, suffix=".atom")
    doc = record.document
    assert doc is not None
    assert (doc.title, doc.text, doc.url, doc.publisher) == (
        "Rockets hit Al-Tanf",
        "Rockets hit the garrison.\nNo one was hurt.",
        "https://desk.example/1",
        "Atom Desk",
    )
    assert doc.published == date(2024, 1, 21)


def test_ingest_feed_rss1_rdf_is_read() -> None:
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://r.example"><title>RDF Wire</title></channel>
    <item rdf:about="https://r.example/1"><title>Raid in Mosul</title><link>https://r.example/1</link>
    <description>Police raided a house in Mosul.</description><dc:date>2024-01-02</dc:date></item></rdf:RDF>"""
    (record,) = read_feed(rdf, suffix=".xml")
    assert record.document is not None
    assert (record.document.text, record.document.published) == (
        "Police raided a house in Mosul.",
        date(2024, 1, 2),
    )


def test_ingest_feed_sloppy_but_safe_xml_is_still_read() -> None:
    sloppy = (
        b"<rss version='2.0'><channel><title>Wire & Co</title><item><title>Raids & arrests</title>"
        b"<description>Officials & residents agreed the raid took place.</description></item></channel></rss>"
    )
    (record,) = read_feed(sloppy)
    assert record.document is not None
    assert record.document.text == "Officials & residents agreed the raid took place."


def billion_laughs(levels: int = 10) -> bytes:
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels))
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{ents}]>'
        f"<rss><channel><title>&l{levels - 1};</title><item><description>&l{levels - 1};</description></item>"
        "</channel></rss>"
    ).encode()


def test_ingest_feed_refuses_billion_laughs_without_expanding() -> None:
    started = time.perf_counter()
    (record,) = read_feed(billion_laughs())
    assert record.document is None
    assert record.error is not None and record.error.startswith("XML refused: declares entities")
    assert "lol" * 10 not in record.error
    # Expanded, 10 levels is 10^9 "lol"s; refused, it is instant (asserted loosely, as a guard only).
    assert time.perf_counter() - started < 5


def test_ingest_feed_refuses_xxe_and_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><title>&x;</title><item><description>&x;</description></item></channel></rss>"
    ).encode()
    (record,) = read_feed(xxe)
    assert record.document is None
    assert record.error is not None and "declares entities" in record.error
    assert "TOP-SECRET-TOKEN" not in repr(record)


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b'<!ENTITY stolen "fetched">'
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads hits, not logs."""


@pytest.fixture
def dtd_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback that records every request it gets."""
    _Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ('<!DOCTYPE rss SYSTEM "{url}/rss.dtd">', "XML refused: DOCTYPE refers to an external DTD"),
        (
            '<!DOCTYPE rss PUBLIC "-//Wire//DTD//EN" "{url}/rss.dtd">',
            "XML refused: DOCTYPE refers to an external DTD",
        ),
        ('<!DOCTYPE rss [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>', "XML refused: declares entities"),
        ('<!DOCTYPE rss [<!ENTITY e SYSTEM "{url}/e.xml">]>', "XML refused: declares entities"),
    ],
    ids=["system-dtd", "public-dtd", "parameter-entity", "external-entity"],
)
def test_ingest_feed_never_fetches_external_dtds(
    dtd_server: tuple[str, list[str]], template: str, reason: str
) -> None:
    url, hits = dtd_server
    doctype = template.format(url=url)
    data = f'<?xml version="1.0"?>{doctype}<rss><channel><item><description>x</description></item></channel></rss>'
    (record,) = read_feed(data.encode())
    assert record.document is None
    assert record.error is not None and record.error.startswith(reason)
    assert hits == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"<?xml version='1.0'?><catalog><book>Not news</book></catalog>",
            "XML is not an RSS or Atom feed (root",
        ),
        (b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "feed has no entries"),
        (
            b"<rss><channel>" + b"<x>" * 5000 + b"</x>" * 5000 + b"</channel></rss>",
            "XML nested deeper than 256",
        ),
        (b"<rss><channel>" + b"<x>" * 5000 + b"&" + b"</channel></rss>", "XML nested deeper than 256"),
        (
            b'<?xml version="1.0"?><!-- bad -- comment --><!DOCTYPE rss [<!ENTITY e "x">]><rss>&e;</rss>',
            "XML refused: it is malformed (not well-formed (invalid token) at line 1 column",
        ),
    ],
    ids=["not-a-feed", "no-entries", "deep", "deep-and-malformed", "malformed-with-entities"],
)
def test_ingest_feed_bad_feeds_fail_with_reason(data: bytes, reason: str) -> None:
    records = read_feed(data, suffix=".xml")
    assert len(records) == 1
    assert records[0].document is None
    assert records[0].error is not None and records[0].error.startswith(reason)


def test_ingest_feed_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "wirefeed"
    path.write_bytes(RSS)
    records = list(iter_inputs([str(path)]))
    assert [r.locator for r in records] == ["entry 1", "entry 2", "entry 3"]
    assert all(r.origin == str(path) for r in records)
