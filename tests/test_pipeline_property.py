"""Property tests: the per-document stages never raise, and every offset they give is true.

Text is drawn from arbitrary unicode (control characters, right-to-left scripts and marks,
combining accents) mixed with pieces of conflict reporting, so the extractor has actors,
places, event words, numbers and dates to work on: huge and odd numbers, impossible dates
("on February 30"), very long words. Metadata ranges over publication dates from 1900 to
2100 or none, and any title, url and publisher.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import sitroom
from sitroom.model import SUB_EVENT_TYPES, Document, Evidence
from sitroom.pipeline import Pipeline

# Sentences that code into events as they stand, with odd numbers and impossible dates in them:
# each drawn text leads with one, so that the extractor's rules run and not only the segmenter.
EVENTS = [
    "Militants fired rockets at the U.S. base at Al-Tanf on Monday, officials said.",
    "A drone struck Erbil air base early on Friday, wounding three American troops.",
    "Houthi forces fired an anti-ship missile at a tanker in the Red Sea on Tuesday, the U.S. military said.",
    "Russian missiles struck Kharkiv on Thursday, killing at least 12 civilians and injuring dozens.",
    "JNIM fighters attacked a Malian army camp near Timbuktu on February 30, killing 10000000000000000000000 soldiers.",
    "The Rapid Support Forces clashed with the Sudanese army in El Fasher on Sunday, killing several people.",
    "Ukrainian drones hit an oil depot in Belgorod on 31 April 2024, the governor said.",
    "U.S. aircraft struck three militia sites near Hillah on day 99999 of the war, killing two fighters.",
    "Gunmen abducted 1e308 villagers in Zamfara on Saturday.",
    "Israeli air strikes hit Rafah overnight, killing -5 people.",
]
# Pieces of reporting and of hostile text to mix in.
PIECES = [
    "Kataib Hezbollah claimed responsibility.",
    "No one was hurt.",
    "The militia vowed to strike again and said it will not stop.",
    "more than 110 attacks since October 17",
    "on February 30",
    "on 2024-13-45",
    "in the year 0",
    "NaN injured",
    "dozens",
    "hundreds",
    "قصفت القوات مواقع قرب المدينة صباح اليوم",
    "\u05d4\u05e6\u05d1\u05d0 \u05ea\u05e7\u05e3 \u05d1\u05e2\u05d6\u05d4",
    "\u202eBaghdad\u202c",
    "\u200fErbil\u200e",
    "Cafe\u0301",
    "\u01c5",
    "\u0130stanbul",
    "\ufb01ghters",
    "\x00\x07\x0b\x1b",
    "\r\n\r\n",
    "\u2028\u2029",
    "BAGHDAD (Levant Wire) -",
]

noise = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn"]), max_size=10),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.builds(lambda ch, n: ch * n, st.sampled_from("aبЖ中"), st.sampled_from([60, 600, 6_000, 20_000])),
    st.text(alphabet="0123456789.,", min_size=1, max_size=40),
)
# Reporting drawn as often as noise, and an event to lead.
words = st.one_of(st.sampled_from(EVENTS + PIECES), noise)
texts = st.one_of(
    st.tuples(
        st.sampled_from(EVENTS), st.lists(words, max_size=30), st.sampled_from([" ", "\n", "\n\n", ""])
    ).map(lambda t: t[2].join([t[0], *t[1]])),
    st.text(),
)
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
maybe_text = st.one_of(st.none(), st.text(max_size=200))


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def check_offsets(doc_id: str, text: str, evidence: tuple[Evidence, ...] | list[Evidence]) -> None:
    for ev in evidence:
        assert ev.doc_id == doc_id
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert text[ev.start : ev.end] == ev.text, ev


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=published, title=maybe_text, url=maybe_text, publisher=maybe_text)
def test_pipeline_process_never_raises_and_offsets_hold(
    pipe: Pipeline,
    text: str,
    published: date | None,
    title: str | None,
    url: str | None,
    publisher: str | None,
) -> None:
    doc = Document(
        id=Document.make_id(text, title),
        text=text,
        title=title,
        url=url,
        publisher=publisher,
        published=published,
        origin="<hypothesis>",
    )
    out = pipe.process(doc)
    event("mentions found" if out.mentions else "no mention")  # shown by --hypothesis-show-statistics
    assert (out.id, out.text, out.published) == (doc.id, text, published)
    for span in out.sentences:
        assert text[span.start : span.end] == span.text, span
    for entity in out.entities:
        assert text[entity.start : entity.end] == entity.text, entity
    for m in out.mentions:
        assert m.doc_id == doc.id
        assert SUB_EVENT_TYPES.get(m.sub_event_type) == m.event_type, m
        check_offsets(doc.id, text, m.evidence)
    for c in out.claims:
        assert c.doc_id == doc.id
        check_offsets(doc.id, text, c.evidence)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=published)
def test_pipeline_extract_never_raises_and_offsets_hold(text: str, published: date | None) -> None:
    events = sitroom.extract(text, published)
    doc_id = Document.make_id(text)
    for e in events:
        assert SUB_EVENT_TYPES.get(e.sub_event_type) == e.event_type, e
        assert [s.doc_id for s in e.sources] == [doc_id]
        check_offsets(doc_id, text, e.evidence)
        if e.latitude is not None:
            assert -90 <= e.latitude <= 90 and -180 <= e.longitude <= 180, e
