"""The claims ledger: tallies a report states, with period, as-of date, place and who did it."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document
from sitroom.pipeline import Pipeline

REPORT = (
    "Militia drones struck the Harir base on Friday, the Islamic Resistance in Iraq said. "
    "American positions in Iraq and Syria have come under attack more than 140 times by the Islamic "
    "Resistance in Iraq since October 17, according to the Pentagon. "
    "Since early November, U.S. bases have faced over 90 attacks. "
    "As of mid-December, 70 U.S. troops had been injured. "
    "The United States keeps about 2,400 troops in Iraq and another 800 in Syria."
)


@pytest.fixture(scope="module")
def claims():
    pipe = Pipeline()
    doc = pipe.process(Document(id="d", text=REPORT, published=date(2024, 1, 7)))
    return {(c.unit, c.quantity): c for c in doc.claims}


def test_claims_running_tally_with_period_start_and_actor(claims):
    c = claims[("attacks", 140)]
    assert (c.qualifier, c.period_start, c.as_of) == ("more than", date(2023, 10, 17), date(2024, 1, 7))
    assert c.subject == "attacks on US forces"
    assert c.actor == "Islamic Resistance in Iraq"
    assert c.attributed_to == "Pentagon"
    assert REPORT[c.evidence[0].start : c.evidence[0].end] == c.evidence[0].text


def test_claims_since_mid_month_is_the_middle_of_the_month(claims):
    c = claims[("attacks", 90)]
    assert c.qualifier == "more than" and c.period_start == date(2023, 11, 5)


def test_claims_as_of_date(claims):
    c = claims[("troops injured", 70)]
    assert c.as_of == date(2023, 12, 15)
    assert c.subject == "US troops injured"


def test_claims_standing_counts_by_place(claims):
    assert (claims[("troops", 2400)].location, claims[("troops", 2400)].qualifier) == ("Iraq", "about")
    assert claims[("troops", 800)].location == "Syria"
    assert claims[("troops", 800)].subject == claims[("troops", 2400)].subject == "US troops deployed"


def test_claims_events_are_not_claims(claims):
    assert all(c.unit != "strikes" for c in claims.values())


def test_claims_same_tally_in_two_reports_is_one_claim():
    pipe = Pipeline()
    a = pipe.process(
        Document(
            id="a", text="U.S. bases have faced over 90 attacks since November 5.", published=date(2024, 1, 7)
        )
    )
    b = pipe.process(Document(id="b", text="Since November 5, U.S. bases have faced over 90 attacks, officials said.",
                              published=date(2024, 1, 9)))  # fmt: skip
    assert [c.claim_id for c in a.claims] == [c.claim_id for c in b.claims]
