"""Fusion: one row per real event, every report listed; look-alikes kept apart; ids stable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitroom.fuse import fuse
from sitroom.model import NEAR, PLACE, REGION, Evidence, Mention, Place

TANF = Place("base_al_tanf", "Al-Tanf", "Syria", "Homs", None, 33.5, 38.6, PLACE, "base")
SHADDADI = Place("base_al_shaddadi", "Al-Shaddadi", "Syria", "Al-Hasakah", None, 36.1, 40.7, PLACE, "base")
SYRIA = Place("c:SY", "Syria", "Syria", None, None, 35.0, 38.0, REGION, "country")
JORDAN = Place("c:JO", "Jordan", "Jordan", None, None, 31.0, 36.0, REGION, "country")
TOWER = Place("base_tower_22", "Tower 22", "Jordan", "Mafraq", None, 33.3, 38.7, PLACE, "base")


def mention(doc, day, place, *, sub="Air/drone strike", actor1="Islamic Resistance in Iraq", fat=0, inj=None,
            precision=1, sentence=0):  # fmt: skip
    return Mention(
        doc_id=doc,
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        event_date=day,
        time_precision=precision,
        actor1=actor1,
        actor2="US forces",
        place=place,
        weapons=("drone",),
        fatalities=fat,
        injuries=inj,
        evidence=(Evidence(doc, 0, 5, "drone", "event_type"),),
        confidence=0.7,
        sentence=sentence,
    )


def test_fuse_same_event_from_two_reports_is_one_event():
    a = mention("d1", date(2024, 1, 28), TOWER, fat=3, inj=34)
    b = mention("d2", date(2024, 1, 28), JORDAN, fat=4, inj=None, actor1="Unidentified Iran-backed militia")
    (e,) = fuse([a, b]).events
    assert e.source_count == 2
    assert e.location == "Tower 22"  # the most precise place
    assert e.actor1 == "Islamic Resistance in Iraq"  # named beats unidentified
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (3, 3, 4)  # ACLED's conservative figure
    assert e.injuries == 34
    assert {ev.doc_id for ev in e.evidence} == {"d1", "d2"}


def test_fuse_dates_within_a_day_join_and_the_majority_date_wins():
    ms = [mention("d1", date(2024, 1, 28), TOWER), mention("d2", date(2024, 1, 28), TOWER),
          mention("d3", date(2024, 1, 29), TOWER)]  # fmt: skip
    (e,) = fuse(ms).events
    assert e.event_date == date(2024, 1, 28)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            mention("d1", date(2024, 1, 6), TANF),
            mention("d2", date(2024, 1, 9), TANF),
        ),  # same base, other day
        (
            mention("d1", date(2024, 1, 6), TANF),
            mention("d2", date(2024, 1, 6), SHADDADI),
        ),  # same day, other base
        # same base and day, two named groups: two events (one per actor pair)
        (
            mention("d1", date(2024, 1, 6), TANF),
            mention("d2", date(2024, 1, 6), TANF, actor1="Kataib Hezbollah"),
        ),
    ],
)
def test_fuse_look_alikes_stay_apart(a, b):
    assert len(fuse([a, b]).events) == 2


def test_fuse_two_mentions_of_one_report_are_never_merged():
    a = mention("d1", date(2024, 1, 6), TANF, sentence=1)
    b = mention("d1", date(2024, 1, 6), SYRIA, sentence=2)
    assert len(fuse([a, b]).events) == 2


def test_fuse_a_new_report_keeps_the_event_id():
    first = fuse([mention("d1", date(2024, 1, 28), TOWER)])
    (e1,) = first.events
    existing = [(mention("d1", date(2024, 1, 28), TOWER), e1.event_id)]
    later = fuse([mention("d2", date(2024, 1, 28), replace(TOWER, geo_precision=NEAR))], existing)
    (e2,) = later.events
    assert e2.event_id == e1.event_id
    assert e2.source_count == 2


def test_fuse_is_deterministic_whatever_the_order():
    ms = [mention(f"d{i}", date(2024, 1, 1 + i % 5), TANF if i % 2 else SHADDADI) for i in range(20)]
    a = sorted((e.event_id, e.source_count) for e in fuse(ms).events)
    b = sorted((e.event_id, e.source_count) for e in fuse(list(reversed(ms))).events)
    assert a == b


def _told_on(m: Mention, words: str) -> Mention:
    return replace(m, evidence=(*m.evidence, Evidence(m.doc_id, 10, 10 + len(words), words, "event_date")))


def test_fuse_strikes_each_dated_in_its_own_words_on_two_days_stay_two_events():
    a = _told_on(mention("a", date(2024, 11, 7), TANF, fat=4), "on Thursday afternoon")
    b = _told_on(mention("b", date(2024, 11, 8), TANF, fat=5), "This morning")
    assert len(fuse([a, b]).events) == 2


def test_fuse_a_night_strike_told_as_two_days_is_one_event():
    a = _told_on(mention("a", date(2024, 11, 7), TANF), "late on Thursday")
    b = _told_on(mention("b", date(2024, 11, 8), TANF), "on Friday")
    assert len(fuse([a, b]).events) == 1
