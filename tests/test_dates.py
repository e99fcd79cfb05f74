"""Date expressions: found in text, resolved against a reference day, each with its precision."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.model import DAY, MONTH, WEEK
from sitroom.nlp.dates import ANCHOR_WORDS, YEAR_NUMBER, anchor_kind, find_dates, parse_iso_date, resolve

SUNDAY = date(2024, 1, 7)


def first(text: str, ref: date | None = SUNDAY, frame: date | None = None):
    (expr,) = find_dates(text)
    return resolve(expr, ref, frame)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("It happened on Saturday.", date(2024, 1, 6), DAY),
        ("It happened on Sunday.", SUNDAY, DAY),
        ("It happened last Sunday.", date(2023, 12, 31), DAY),
        ("It happened yesterday.", date(2024, 1, 6), DAY),
        ("It happened earlier today.", SUNDAY, DAY),
        ("It happened last week.", date(2023, 12, 31), WEEK),
        ("It happened on Dec. 25.", date(2023, 12, 25), DAY),
        ("It happened on January 5th.", date(2024, 1, 5), DAY),
        ("It happened on 28 January 2024.", date(2024, 1, 28), DAY),
        ("It happened on October 7, 2023.", date(2023, 10, 7), DAY),
        ("It happened in mid-October.", date(2023, 10, 15), WEEK),
        ("It happened in December 2023.", date(2023, 12, 15), MONTH),
        ("It happened on 2023-12-30.", date(2023, 12, 30), DAY),
    ],
)
def test_dates_resolve_with_precision(text, expected, precision):
    assert first(text) == (expected, precision)


def test_dates_absolute_dates_need_no_reference():
    assert first("It happened on 24 August 2024.", ref=None) == (date(2024, 8, 24), DAY)
    assert first("It happened on Saturday.", ref=None)[0] is None


def test_dates_frame_words_follow_the_event_told_before():
    assert first("Later that day it happened again.", frame=date(2024, 2, 2))[0] == date(2024, 2, 2)
    assert first("The day before it happened.", frame=date(2024, 2, 2))[0] == date(2024, 2, 1)


def test_dates_impossible_calendar_dates_are_dropped():
    assert find_dates("on February 30, 2024") == [] or all(
        e.day != 30 for e in find_dates("on February 30, 2024")
    )
    assert parse_iso_date("2024-02-30") is None
    assert parse_iso_date("2024-02-29T10:00:00Z") == date(2024, 2, 29)


PIECES = st.sampled_from(
    [
        *"abc 0123456789,.-",
        "2024",
        "the",
        "on",
        "last",
        "mid-",
        "Dec.",
        "7th",
        *(w.capitalize() for w in ANCHOR_WORDS),
        *ANCHOR_WORDS,
    ]
)


@given(st.lists(PIECES, max_size=40).map(" ".join))
def test_dates_anchored_search_finds_what_a_full_scan_finds(text):
    """The recogniser searches only near anchor words; that must never lose a date."""
    import re

    anchors = [m.start() for w in ANCHOR_WORDS for m in re.finditer(rf"\b{re.escape(w)}\b", text, re.I)]
    anchors += [m.start() for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]
    full = [(e.start, e.end, e.text) for e in find_dates(text)]
    fast = [(e.start, e.end, e.text) for e in find_dates(text, anchors=anchors)]
    assert fast == full
    # with kinds, as the recogniser gives them: each window is searched only by the patterns
    # its anchors allow
    typed = [
        (m.start(), anchor_kind(w))
        for w in ANCHOR_WORDS
        for m in re.finditer(rf"\b{re.escape(w)}\b", text, re.I)
    ]
    typed += [(m.start(), YEAR_NUMBER) for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]
    assert [(e.start, e.end, e.text) for e in find_dates(text, anchors=typed)] == full
