"""Extraction behaviours, one report at a time (reports written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.fuse import fuse
from sitroom.model import Document
from sitroom.pipeline import Pipeline, extract_events


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def events(pipe, text: str, published: date | None = date(2024, 1, 7)):
    return extract_events(text, published, pipeline=pipe)


def one(pipe, text: str, published: date | None = date(2024, 1, 7)):
    found = events(pipe, text, published)
    assert len(found) == 1, [(e.event_date, e.location, e.sub_event_type) for e in found]
    return found[0]


def test_extract_two_bases_in_one_sentence_are_two_events(pipe):
    text = (
        "The Islamic Resistance in Iraq said it attacked two U.S. bases, Al-Tanf and Al-Shaddadi, "
        "with drones on Saturday."
    )
    found = events(pipe, text)
    assert sorted(e.location for e in found) == ["Al-Shaddadi", "Al-Tanf"]
    for e in found:
        assert e.event_date == date(2024, 1, 6)
        assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
        assert e.actor1 == "Islamic Resistance in Iraq" and e.actor2 == "US forces"
        assert e.claimed_by == "Islamic Resistance in Iraq"
        assert "drone" in e.weapons
        assert e.country == "Syria"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Militants fired three rockets at the Ain al-Asad air base on Monday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Two mortar rounds landed inside Camp Taji on Monday, officials said.",
            "Shelling/artillery/missile attack",
        ),
        ("A one-way attack drone struck Tower 22 on Monday.", "Air/drone strike"),
        (
            "U.S. forces shot down a drone near Erbil Air Base on Monday; nothing else was hit.",
            "Disrupted weapons use",
        ),
        (
            "Gunmen ambushed an army patrol near Djibo in Burkina Faso on Monday, killing four soldiers.",
            "Armed clash",
        ),
        ("A roadside bomb hit a police convoy in Kirkuk on Monday.", "Remote explosive/landmine/IED"),
    ],
)
def test_extract_types_follow_the_coding_rules(pipe, text, sub_event_type):
    assert one(pipe, text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "The militia vowed more attacks on U.S. forces at Al-Tanf.",
        "The Pentagon is weighing options to strike militia targets in Iraq.",
        "Kataib Hezbollah denied carrying out the attack on Tower 22.",
        "No attack took place at Erbil Air Base on Monday.",
        "U.S. bases in Iraq and Syria have been attacked more than 150 times since October 17.",
        "If the militias strike again, the United States will respond.",
        "The U.S. military has carried out strikes on facilities used by the group in Syria.",
        "The attacks began in October, when the group started launching drones at U.S. bases.",
        "Did militants fire rockets at the Al-Asad air base on Monday?",
        "Q: Two drones reportedly struck the Harir base on Monday. Can you confirm that?",
        "Engineers carried out a controlled detonation of old mortar rounds at Camp Taji on Monday.",
        "The UN called on both sides to stop attacks on civilians in El Fasher.",
        "Russia continues to strike Ukrainian cities with missiles and drones.",
        "Kataib Hezbollah said on Tuesday that it had suspended attacks on U.S. forces in Iraq.",
        "Iran's foreign ministry on Saturday called the strikes in Syria a strategic mistake.",
        "The Pentagon counted more than 60 rocket and drone attacks on U.S. forces in Iraq.",
        "The package includes Bradley infantry fighting vehicles and mine-resistant, ambush-protected vehicles.",
    ],
)
def test_extract_threats_plans_denials_negations_and_tallies_are_not_events(pipe, text):
    assert events(pipe, text) == []


@pytest.mark.parametrize(
    ("published", "phrase", "expected"),
    [
        (date(2024, 1, 7), "on Saturday", date(2024, 1, 6)),
        (date(2024, 1, 7), "yesterday", date(2024, 1, 6)),
        (date(2024, 1, 7), "earlier today", date(2024, 1, 7)),
        (date(2024, 1, 7), "on Dec. 25", date(2023, 12, 25)),
        (date(2024, 1, 7), "on 28 January 2024", date(2024, 1, 28)),
        (None, "on 28 January 2024", date(2024, 1, 28)),
    ],
)
def test_extract_dates_resolve_against_publication(pipe, published, phrase, expected):
    e = one(pipe, f"Iran-backed militants attacked the Harir base with drones {phrase}.", published)
    assert e.event_date == expected
    assert e.time_precision == 1


def test_extract_last_week_has_week_precision(pipe):
    e = one(pipe, "Militants fired rockets at the Al-Asad air base last week, officials said.")
    assert e.time_precision == 2


def test_extract_near_a_place_has_precision_two(pipe):
    e = one(pipe, "A drone exploded northeast of Erbil on Friday.")
    assert (e.location, e.admin1, e.country, e.geo_precision) == ("Erbil", "Erbil", "Iraq", 2)
    assert e.latitude and e.longitude


def test_extract_description_resolves_to_the_group_named_before(pipe):
    text = (
        "The Islamic Resistance in Iraq issued a statement on Friday. "
        "The armed faction said it had attacked the Harir base with drones on Friday."
    )
    e = one(pipe, text)
    assert e.actor1 == "Islamic Resistance in Iraq"
    assert e.location == "Harir Air Base" and e.admin1 == "Erbil"


def test_extract_sponsor_only_description_stays_unidentified(pipe):
    e = one(pipe, "Iranian-backed militants fired rockets at the Al-Asad air base on Monday.")
    assert e.actor1 == "Unidentified Iran-backed militia"


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("A drone struck Tower 22 on Sunday, killing three soldiers and wounding 40.", 3, 40),
        ("A strike on a market in Gao on Sunday killed dozens of people.", 12, None),
        ("A missile hit a hospital in Kharkiv on Sunday, killing at least 25 people.", 25, None),
        ("Rockets hit the Al-Asad air base on Sunday. No casualties were reported.", 0, 0),
    ],
)
def test_extract_casualties_by_acled_rules(pipe, text, fatalities, injuries):
    e = one(pipe, text)
    assert e.fatalities == fatalities
    assert e.injuries == injuries


def test_extract_later_sentences_join_the_event_they_continue(pipe):
    text = (
        "A drone hit the Al-Tanf garrison on Wednesday. Hours later, another drone exploded outside "
        "the base. Twenty troops were treated for minor injuries."
    )
    e = one(pipe, text)
    assert e.location == "Al-Tanf"
    assert e.injuries == 20


def test_extract_a_state_strike_that_killed_civilians_is_still_an_air_strike(pipe):
    e = one(pipe, "U.S. strikes on targets near Al-Qaim on Friday killed 16 people, among them civilians.")
    assert (e.event_type, e.sub_event_type, e.fatalities) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        16,
    )


def test_extract_a_plan_in_one_clause_does_not_block_the_event_of_the_next(pipe):
    text = "On Monday, as the convoy tried to withdraw from Kidal, it was ambushed by JNIM fighters."
    e = one(pipe, text)
    assert (e.sub_event_type, e.actor1, e.event_date) == (
        "Armed clash",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        date(2024, 1, 1),
    )


def test_extract_an_armed_group_setting_fire_is_not_a_riot(pipe):
    e = one(pipe, "Al-Shabaab fighters set fire to a police station in Kismayo on Monday.")
    assert e.event_type != "Riots"
    riot = one(pipe, "Rioters set fire to a police station in Kismayo on Monday.")
    assert riot.event_type == "Riots"


def test_extract_a_post_of_the_security_forces_is_not_a_civilian_target(pipe):
    e = one(pipe, "JNIM fighters attacked a gendarmerie training school near Kayes on Monday.")
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")


def test_extract_a_base_name_shared_by_two_countries_follows_the_report(pipe):
    mali = one(pipe, "BAMAKO -- JNIM fighters attacked Air Base 101 at Bamako airport on Monday.")
    niger = one(pipe, "NIAMEY -- Gunmen attacked Air Base 101 near Niamey on Monday.")
    assert (mali.location, mali.country) == ("Air Base 101", "Mali")
    assert (niger.location, niger.country) == ("Air Base 101", "Niger")


def test_extract_the_places_of_a_strike_told_country_wide_are_its_events(pipe):
    text = (
        "U.S. aircraft struck militia sites in Iraq and Syria on Friday, officials said.\n\n"
        "In Syria, the strikes hit weapons depots in Deir ez-Zor and Al-Mayadin."
    )
    found = {e.location: e for e in events(pipe, text)}
    for town in ("Deir ez-Zor", "Al-Mayadin"):  # as the report spells it
        assert (found[town].actor1, found[town].sub_event_type) == ("US forces", "Air/drone strike")
        assert found[town].event_date == date(2024, 1, 5)


def test_extract_a_body_named_after_a_town_does_not_place_the_event(pipe):
    text = (
        "RSF fighters attacked a village in Gezira State on Wednesday, killing 40 people. "
        "The Wad Madani Resistance Committee said the fighters shelled the village before storming it."
    )
    assert all(e.location != "Wad Medani" for e in events(pipe, text))


def test_extract_weapons_that_were_hit_are_not_the_weapons_used(pipe):
    e = one(pipe, "U.S. aircraft struck stores of rockets, missiles and drones near Al-Qaim on Friday.")
    assert (e.sub_event_type, e.weapons) == ("Air/drone strike", ("aircraft",))


def test_extract_a_dated_strike_called_the_heaviest_since_the_war_began_is_an_event(pipe):
    text = (
        "On 8 July 2024, Russia launched 38 missiles at Ukrainian cities in one of the heaviest "
        "attacks on the capital since the start of the full-scale invasion."
    )
    e = one(pipe, text, None)
    assert (e.event_date, e.actor1, e.location) == (date(2024, 7, 8), "Russian Armed Forces", "Kyiv")


def test_extract_a_foreign_strike_with_no_target_named_hit_that_country_s_armed_group(pipe):
    text = (
        "U.S. and British warplanes struck targets near Hodeidah on Friday. "
        "The Houthis said the raids would not go unanswered."
    )
    assert one(pipe, text).actor2 == "Houthis"
    quiet = "U.S. aircraft struck a depot near Al-Qaim on Friday, the Iraqi army said."
    assert one(pipe, quiet).actor2 != "Iraqi Security Forces"


def test_extract_engaged_is_an_interception_of_drones_and_a_strike_on_a_vehicle(pipe):
    downed = one(pipe, "U.S. forces engaged two one-way attack drones over Al-Asad Air Base on Tuesday.")
    assert downed.sub_event_type == "Disrupted weapons use"
    hit = one(pipe, "A U.S. AC-130 gunship engaged a militia vehicle near Abu Ghraib on Tuesday.")
    assert (hit.sub_event_type, hit.actor1) == ("Air/drone strike", "US forces")


def test_extract_a_practice_told_with_its_day_is_an_event(pipe):
    e = one(pipe, "Russian forces continued to shell Nikopol on Monday, killing two people.")
    assert (e.event_date, e.location, e.fatalities) == (date(2024, 1, 1), "Nikopol", 2)


def test_extract_that_opening_a_clause_does_not_refer_back(pipe):
    # "said on Friday that it had shelled ...": "that" opens what was said; the event is a new one
    text = (
        "Houthi forces fired a missile at a tanker in the Red Sea on Saturday. "
        "Russian forces said on Friday that they had shelled an army position in Kherson."
    )
    found = events(pipe, text)
    assert sorted((e.event_date.isoformat(), e.location) for e in found) == [
        ("2024-01-05", "Kherson"),
        ("2024-01-06", "Red Sea"),
    ]


def test_extract_answer_in_a_briefing_is_read_after_the_question_turn(pipe):
    text = (
        "Q: Has there been anything new at the Harir base?\n\n"
        "GEN. SMITH: Yes. A drone struck the Harir base on Monday and wounded two soldiers."
    )
    e = one(pipe, text)
    assert (e.location, e.injuries) == ("Harir Air Base", 2)


def test_extract_strike_with_no_side_named_goes_to_the_one_state_shown_striking(pipe):
    text = (
        "Russia fired dozens of missiles at Ukrainian cities on Friday, officials said.\n\n"
        "Missiles hit an apartment block in Dnipro, killing six people.\n\n"
        "Drones struck a warehouse in Odesa, wounding four."
    )
    found = {e.location: e for e in events(pipe, text)}
    assert found["Odesa"].actor1 == found["Dnipro"].actor1 == "Russian Armed Forces"


def test_extract_strike_on_russian_soil_is_not_put_on_russia(pipe):
    text = (
        "Russia fired dozens of missiles at Kharkiv on Friday, officials said.\n\n"
        "Drones struck a fuel depot in Belgorod on Saturday, local authorities said."
    )
    found = {e.location: e for e in events(pipe, text)}
    assert found["Belgorod"].actor1 != "Russian Armed Forces"


def test_extract_a_state_striking_at_home_keeps_the_strikes_that_follow(pipe):
    text = (
        "Sudanese army warplanes struck Rapid Support Forces positions in Omdurman on Friday.\n\n"
        "Another air strike hit a market in Khartoum North, killing nine people."
    )
    found = {e.location: e for e in events(pipe, text)}
    assert [e.actor1 for e in found.values()] == ["Sudanese Armed Forces"] * len(found)
    assert len(found) == 2


def test_extract_the_side_whose_sites_were_struck_is_acted_upon(pipe):
    text = "U.S. aircraft struck three sites used by Kataib Hezbollah near Al-Qaim on Friday."
    assert one(pipe, text).actor2 == "Kataib Hezbollah"


def test_extract_people_cited_as_sources_are_not_the_victims(pipe):
    text = "U.S. warplanes struck a radar site near Hodeidah on Friday, according to residents."
    e = one(pipe, text)
    assert (e.sub_event_type, e.actor2) != ("Attack", "Civilians")
    assert e.event_type == "Explosions/Remote violence"


def test_extract_the_capital_is_the_capital_of_the_dateline_country(pipe):
    text = (
        "KHARTOUM — Hundreds of people marched in the capital on Friday to protest against the war, "
        "waving banners that blamed the United States and the United Arab Emirates."
    )
    e = one(pipe, text)
    assert (e.event_type, e.location, e.country) == ("Protests", "Khartoum", "Sudan")


def test_extract_evidence_points_at_the_words(pipe):
    text = "Houthi forces fired an anti-ship ballistic missile into the Gulf of Aden on March 13."
    doc = pipe.process(Document(id=Document.make_id(text), text=text, published=date(2024, 3, 14)))
    (m,) = doc.mentions
    assert m.place.country == "Gulf of Aden"
    assert set(m.weapons) >= {"anti-ship missile", "ballistic missile"}
    fields = {ev.field for ev in m.evidence}
    assert {"event_type", "actor1", "event_date", "location", "weapons"} <= fields
    for ev in m.evidence:
        assert text[ev.start : ev.end] == ev.text


def test_extract_strike_with_no_place_falls_to_the_targets_country(pipe):
    e = one(
        pipe, "U.S. forces struck four Houthi anti-ship missiles on Jan. 16 before they could be launched."
    )
    assert (e.actor1, e.actor2, e.country) == ("US forces", "Houthis", "Yemen")


def test_extract_page_furniture_tells_no_event(pipe):
    text = (
        "An official website of the United States government\nHere's how you know\n"
        "Menu\nAttacks on U.S. bases\nShare this page\n"
    )
    assert events(pipe, text) == []


def test_extract_event_placed_by_the_sentence_before_with_no_date_anywhere() -> None:
    """A report with no publication date: the sentence naming the place carries no date, and the
    next one tells the event with neither place nor date. The event takes the place and stays
    undated (it used to stop the reading of the whole report with a TypeError)."""
    text = "Two drones flew toward the Al-Tanf garrison in Syria. One was shot down by U.S. forces."
    (ev,) = extract_events(text, None)
    assert ev.sub_event_type == "Disrupted weapons use"
    assert ev.location == "Al-Tanf"
    assert ev.event_date is None


@pytest.mark.parametrize(
    "text",
    [
        "U.S. aircraft struck two facilities near Abu Kamal in Syria on Friday that Iran's Revolutionary Guards use to store weapons.",
        "Ukrainian drones hit an oil terminal in Novorossiysk on Sunday which Russian forces used to supply the front.",
    ],
)
def test_extract_the_side_named_in_a_relative_clause_on_the_sites_struck_is_acted_upon(pipe, text):
    """ "facilities ... that X use": X is the side whose sites were hit, wherever the clause stands."""
    expected = "Iran" if "Iran" in text else "Russian Armed Forces"
    assert one(pipe, text).actor2 == expected


def test_extract_a_sentence_saying_whose_targets_were_hit_names_the_side_acted_upon(pipe):
    """ "The targets belonged to X": said after the strike, it tells who the strike hit, in each
    place the strike was told in."""
    text = (
        "U.S. aircraft struck more than 30 targets in Iraq and Syria on Friday.\n\n"
        "The targets belonged to the Quds Force of Iran's Revolutionary Guards and to the militias it arms."
    )
    found = {e.country: e.actor2 for e in events(pipe, text)}
    assert found == {"Iraq": "Iran", "Syria": "Iran"}


def test_extract_a_named_groups_commander_killed_makes_the_group_acted_upon_and_counts_one(pipe):
    """ "killed a senior commander of X and two other people": X was hit, and three died (one named
    by rank, two counted after "and ... other")."""
    text = (
        "A U.S. drone strike on a car in eastern Baghdad on Wednesday killed a senior commander of "
        "Kataib Hezbollah and two other people."
    )
    e = one(pipe, text)
    assert (e.actor2, e.fatalities) == ("Kataib Hezbollah", 3)


def test_extract_one_person_killed_by_rank_is_one_fatality(pipe):
    text = "An Israeli air strike killed a local commander of Hezbollah in southern Lebanon on Monday."
    assert one(pipe, text).fatalities == 1


@pytest.mark.parametrize(
    "blame",
    ["an attack U.S. officials blamed on Kataib Hezbollah", "an attack attributed to Kataib Hezbollah"],
)
def test_extract_the_group_an_attack_is_blamed_on_is_the_side_that_acted(pipe, blame):
    """No side is named acting, but the sentence says whom the attack is laid at: that side acted."""
    text = f"On Tuesday a ballistic missile was fired at Al-Asad air base in Anbar province, {blame}."
    assert one(pipe, text).actor1 == "Kataib Hezbollah"


def test_extract_an_air_attack_with_missiles_is_typed_by_its_weapons(pipe):
    """ "air attack" says only that it came from the air: missiles make it a missile attack."""
    text = "Russia launched a missile air attack on Dnipro on Friday, killing six people."
    assert one(pipe, text).sub_event_type == "Shelling/artillery/missile attack"


def test_extract_towns_bounding_a_span_of_cities_are_not_where_the_event_was(pipe):
    """ "cities from Lviv in the west to Kharkiv in the east" names how far it reached, not a place."""
    text = (
        "Russia fired missiles at Ukrainian cities from Lviv in the west to Kharkiv in the east on "
        "Friday, killing at least 30 people."
    )
    assert one(pipe, text).location is None


def test_extract_a_sentence_joining_two_places_each_with_its_event_is_two_events(pipe):
    """ "X happened in Lviv, and in Kharkiv Y happened": one event in each city, each with its own toll."""
    text = (
        "Russian missiles struck Ukraine on Friday. One person was killed in Lviv, and in Kharkiv a "
        "missile strike on a hospital wounded three people."
    )
    found = {e.location: (e.fatalities, e.injuries) for e in events(pipe, text)}
    assert found["Lviv"][0] == 1
    assert found["Kharkiv"][1] == 3


def test_extract_the_places_of_a_strike_told_country_wide_keep_its_kind_paragraphs_later(pipe):
    """ "In Iraq, the strikes hit Al-Qaim", two paragraphs after "The United States struck ... in Iraq
    and Syria": the strikes are the U.S. air strikes, not a clash of unknown sides."""
    text = (
        "The United States struck more than 85 targets in Iraq and Syria on Friday.\n\n"
        "The strikes lasted about 30 minutes, officials said.\n\n"
        "Officials would not say how many aircraft took part.\n\n"
        "In Iraq, the strikes hit Al-Qaim in western Anbar province."
    )
    found = {e.location: e for e in events(pipe, text)}
    qaim = found["Al-Qaim"]  # the report's spelling of GeoNames' Al Qa'im
    assert (qaim.sub_event_type, qaim.actor1) == ("Air/drone strike", "US forces")


def test_extract_a_group_saying_its_members_died_in_the_strike_is_the_side_acted_upon(pipe):
    """ "X said several of its members were among the dead": X was hit, even where civilians died too."""
    text = (
        "U.S. aircraft struck targets in Al-Qaim on Friday, killing 16 people, among them civilians. "
        "The Popular Mobilization Forces said several of its members were among the dead."
    )
    assert one(pipe, text).actor2 == "Popular Mobilization Forces"


def test_extract_a_strike_told_in_the_past_perfect_on_the_day_of_telling_is_the_one_told_before(pipe):
    """ "The ministry said on Sunday it had struck ... in Kharkiv": Sunday dates the telling; the
    strike is Saturday's, told in the sentence before, not a second event."""
    text = (
        "On Saturday evening, Russian missiles hit the centre of Kharkiv, injuring 28 people. "
        "Russia's defence ministry said on Sunday it had struck military sites in Kharkiv."
    )
    e = one(pipe, text, published=date(2023, 12, 31))
    assert e.event_date == date(2023, 12, 30)


def test_extract_near_a_town_with_its_own_country_named_stays_in_that_country(pipe):
    """ "around Al-Qaim, on Iraq's border with Syria": Syria is a neighbour named, not where it was."""
    text = "U.S. strikes on Friday on targets in and around Al-Qaim, on Iraq's border with Syria, killed 16 people."
    assert one(pipe, text).country == "Iraq"


def test_extract_a_number_inside_a_place_name_counts_nobody(pipe):
    """ "the drone attack on Tower 22, which killed three U.S. soldiers": 3 dead, not 22."""
    text = (
        "A drone attack on Tower 22 in Jordan on Sunday killed three U.S. soldiers and wounded more than 40."
    )
    e = one(pipe, text)
    assert (e.fatalities, e.injuries) == (3, 40)


def test_extract_the_group_whose_headquarters_were_struck_did_not_act(pipe):
    """ "A drone strike on the headquarters of a Popular Mobilization Forces unit ... killed ...":
    the PMF unit's headquarters were hit; the PMF is acted upon, not acting."""
    text = (
        "A drone strike on the headquarters of a Popular Mobilization Forces unit in eastern Baghdad "
        "on Thursday killed two people."
    )
    e = one(pipe, text)
    assert e.actor1 != "Popular Mobilization Forces"
    assert e.actor2 == "Popular Mobilization Forces"


def test_extract_the_owner_named_in_a_long_relative_clause_is_acted_upon(pipe):
    """The owner may stand far from the verb of its clause: "... which Iran's Islamic Revolutionary
    Guard Corps (IRGC) and the militias it arms use"."""
    text = (
        "British jets bombed three depots outside Hodeidah on Monday, close to the port, which Iran's "
        "Islamic Revolutionary Guard Corps (IRGC) and the militias it arms use to hide drones."
    )
    assert one(pipe, text).actor2 == "Iran"


def test_extract_a_countrys_armed_forces_are_its_state_force(pipe):
    """ "Mali's armed forces said they had taken control of Kidal": the Malian army regained it."""
    text = "Mali's armed forces said on Tuesday they had taken control of Kidal from separatist rebels."
    e = one(pipe, text, published=date(2023, 11, 14))
    assert (e.actor1, e.sub_event_type) == ("Malian Armed Forces", "Government regains territory")


def test_extract_the_side_officials_blame_in_the_next_sentence_acted(pipe):
    """An attack told with no side, then "Officials blamed X": X acted, not the side of the
    paragraph before."""
    text = (
        "On Tuesday, U.S. aircraft struck a drone launch site near Kirkuk, killing five militants.\n\n"
        "On Friday, mortar rounds struck the U.S. Embassy compound in Baghdad. U.S. officials blamed "
        "Kataib Hezbollah."
    )
    found = {e.location: e.actor1 for e in events(pipe, text)}
    assert found.pop("Kirkuk") == "US forces"
    assert list(found.values()) == ["Kataib Hezbollah"]


def test_extract_what_a_sentence_says_of_the_strikes_holds_for_each_of_them(pipe):
    """ "The strikes, carried out by aircraft ...", after strikes told in two countries: both
    events were by aircraft, and so are the places each is then told in."""
    text = (
        "The United States struck more than 85 targets in Iraq and Syria on Friday. "
        "The strikes, carried out by aircraft including long-range bombers, lasted 30 minutes.\n\n"
        "In Iraq, the strikes hit Al-Qaim in Anbar province."
    )
    found = {(e.country, e.location): e.weapons for e in events(pipe, text)}
    assert found and all("aircraft" in w for w in found.values()), found


def test_extract_where_the_strikes_told_of_came_from_is_not_a_place_they_hit(pipe):
    text = (
        "The United States struck more than 85 targets in Iraq and Syria on Friday. "
        "The strikes, carried out by bombers flown from the United States, lasted 30 minutes."
    )
    assert {e.country for e in events(pipe, text)} == {"Iraq", "Syria"}


def test_extract_a_groups_commander_among_the_dead_makes_the_group_acted_upon(pipe):
    """ "killed three people, including ..., a Kataib Hezbollah commander": the group was hit."""
    text = (
        "A U.S. drone strike on a car in eastern Baghdad on Wednesday killed three people, including "
        "Abu Baqir al-Saadi, a Kataib Hezbollah commander."
    )
    e = one(pipe, text)
    assert (e.actor1, e.actor2, e.fatalities) == ("US forces", "Kataib Hezbollah", 3)


def test_extract_a_date_opened_by_since_does_not_date_the_report(pipe):
    """ "..., the deadliest since the military seized power in July 2023": the report is not dated
    July 2023, so its event keeps the day it is given later."""
    text = (
        "NIAMEY - Twenty-three Nigerien soldiers were killed and 17 wounded in an ambush near the "
        "border with Mali, the defence ministry said, the deadliest since the military seized power in July 2023.\n\n"
        "The ministry said that on Wednesday 20 March 2024 a unit was caught in an ambush near the "
        "village of Teguey, in the Tillaberi region."
    )
    e = one(pipe, text, published=date(2024, 3, 23))
    assert (e.event_date, e.country, e.fatalities, e.injuries) == (date(2024, 3, 20), "Niger", 23, 17)


def test_extract_the_group_that_claims_the_attack_told_before_carried_it_out(pipe):
    """ "The Islamic Resistance in Iraq claimed the attack.": the claimant is the side that acted."""
    text = (
        "A drone attack late on Sunday on a base at the Al-Omar oil field in Deir ez-Zor province killed "
        "six fighters.\n\nThe Islamic Resistance in Iraq claimed the attack."
    )
    e = one(pipe, text, published=date(2024, 2, 5))
    assert (e.actor1, e.claimed_by) == ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq")


def test_extract_the_side_whose_fighters_were_killed_is_acted_upon_whatever_their_number(pipe):
    text = "A drone attack on Sunday on a base in Deir ez-Zor province killed six fighters of the Syrian Democratic Forces."
    assert one(pipe, text, published=date(2024, 2, 5)).actor2 == "Syrian Democratic Forces"


def test_extract_a_town_taken_after_fighting_is_a_change_of_territory(pipe):
    """ "After four days of fighting, the army withdrew and the RSF entered the city": the capture,
    not the fighting, is what the sentence tells."""
    text = "After four days of fighting, the army withdrew and the Rapid Support Forces entered the city of Wad Madani on 19 December 2023."
    assert one(pipe, text).sub_event_type == "Non-state actor overtakes territory"


def test_extract_shells_are_artillery(pipe):
    text = "Shells fired by the RSF landed in the Abu Shouk camp north of El Fasher on Saturday, killing several residents."
    e = one(pipe, text)
    assert (e.weapons, e.sub_event_type) == (("artillery",), "Shelling/artillery/missile attack")


def test_extract_fighting_between_two_sides_sets_both_whoever_it_killed(pipe):
    """ "Fighting ... between the RSF and the army ..., killing 27 people": the RSF against the army;
    the dead are counted, they do not make it an attack on civilians."""
    text = (
        "Heavy fighting broke out in El Fasher on Friday between the paramilitary Rapid Support Forces "
        "and the army and its allied armed groups, killing at least 27 people."
    )
    e = one(pipe, text)
    assert (e.actor1, e.actor2, e.fatalities) == ("Rapid Support Forces", "Sudanese Armed Forces", 27)


def test_extract_people_who_tell_of_an_attack_are_not_its_victims(pipe):
    """ "Residents said RSF fighters attacked ...": the residents tell of it; they were not attacked."""
    text = (
        "Residents said RSF fighters attacked army positions from the east and north of El Fasher on Friday."
    )
    assert one(pipe, text).event_type != "Violence against civilians"


def test_extract_a_citys_toll_replaces_the_countrywide_one_it_refines(pipe):
    """ "... killing at least 30 civilians in cities from Lviv to Kharkiv. ... In Kyiv, at least 16 were
    killed": the event placed in Kyiv counts Kyiv's dead, not the whole country's."""
    text = (
        "Russia fired 122 missiles at Ukraine overnight and into Friday morning, killing at least 30 "
        "civilians in cities from Lviv in the west to Kharkiv in the east, officials said.\n\n"
        "Ukraine's air force said it had shot down 87 of the missiles.\n\n"
        "In Kyiv, at least 16 people were killed when missiles and falling debris hit a warehouse."
    )
    found = {e.location: e.fatalities for e in events(pipe, text)}
    assert found.get("Kyiv") == 16, found


def test_extract_a_commander_and_one_of_his_aides_killed_are_two(pipe):
    text = (
        "A U.S. drone strike in eastern Baghdad on Thursday killed a senior commander of Harakat al-Nujaba, "
        "Abu Taqwa, and one of his aides."
    )
    assert one(pipe, text).fatalities == 2


def test_extract_a_claim_of_the_attack_on_a_later_day_names_who_carried_it_out(pipe):
    """ "... claimed the ambush on Friday": Friday dates the claim; the ambush is Wednesday's."""
    text = (
        "Militants ambushed an army unit near Ayorou in Niger's Tillaberi region on Wednesday, killing 23 "
        "soldiers. The Islamic State Sahel Province claimed the ambush on Friday."
    )
    e = one(pipe, text, published=date(2024, 3, 23))
    assert (e.event_date, e.actor1) == (date(2024, 3, 20), "Islamic State Sahel Province")
    assert [ev.text for ev in e.evidence if ev.field == "event_date"] == ["Wednesday"]  # not the claim's day


def test_extract_a_groups_spokesman_telling_of_the_dead_does_not_make_the_group_the_target(pipe):
    text = "An Israeli air strike killed 12 people in Gaza City on Monday, a Hamas leader said."
    assert one(pipe, text).actor2 == "Civilians"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # "launched" is only the verb of the attack, not rockets fired
        (
            "JNIM fighters launched an attack on an army post in Djibo on Monday, killing 12 soldiers.",
            "Armed clash",
        ),
        # raids in the plural, by a state with no weapon named, came from the air
        ("The American-British aggression launched 73 raids at dawn today on Hodeidah.", "Air/drone strike"),
        # a weapon named still decides
        (
            "Militants launched an attack with rockets on the base in Gao on Monday.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_extract_a_verb_of_firing_gives_way_to_the_word_for_what_was_done(pipe, text, sub_event_type):
    assert one(pipe, text, published=date(2024, 1, 12)).sub_event_type == sub_event_type


def test_extract_three_letter_towns_are_places_when_populous_and_written_as_names(pipe):
    assert one(pipe, "Gunmen stormed a police post in Gao on Monday.").location == "Gao"
    # an agency's initials are not the town, and a given name is not a town in Myanmar
    found = events(pipe, "The GAO said on Monday that gunmen had stormed a police post near Mopti.")
    assert [e.location for e in found] == ["Mopti"]
    found = events(pipe, "Ann Lee said gunmen had stormed a police post near Mopti on Monday.")
    assert [(e.location, e.country) for e in found] == [("Mopti", "Mali")]


def test_extract_the_far_end_of_a_route_is_not_a_second_event(pipe):
    text = (
        "Gunmen fired rockets at a bus on the road between Gao and Mopti on Monday, killing nine passengers."
    )
    found = events(pipe, text)
    assert [e.location for e in found] == ["Gao"]
    assert found[0].fatalities == 9


def test_extract_the_side_blamed_acted_even_behind_its_allys_name(pipe):
    """ "blamed the attack on the al Qaeda-linked Group for ...": the group acted, al Qaeda is only
    its label, and it was not the side attacked."""
    text = (
        "Gunmen fired rockets at a passenger boat near Gao on Thursday, killing 20 civilians. "
        "Local officials blamed the attack on the al Qaeda-linked Group for the Support of Islam and Muslims."
    )
    e = one(pipe, text, published=date(2023, 9, 8))
    assert (e.actor1, e.actor2) == ("Jama'at Nusrat al-Islam wal-Muslimin", "Civilians")
    assert e.claimed_by is None  # blamed, not claimed


def test_extract_a_statement_of_officials_is_not_a_claim(pipe):
    """The government's statement tells of the attack; it claims nothing for the group."""
    text = (
        "JNIM fighters attacked an army camp in Bourem on Thursday, killing 15 soldiers, the transitional "
        "government said in a statement."
    )
    assert one(pipe, text, published=date(2023, 9, 8)).claimed_by is None
    text = "JNIM said in a statement that its fighters attacked an army camp in Bourem on Thursday."
    assert one(pipe, text, published=date(2023, 9, 8)).claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_extract_two_forces_that_fought_are_the_two_sides(pipe):
    """ "Russian and Ukrainian forces fought": each other, not side by side; the side the report
    showed attacking comes first."""
    text = (
        "Ukrainian troops attacked Russian border positions near Sudzha on August 6.\n\n"
        "On August 7, Russian and Ukrainian forces fought on the outskirts of Sudzha."
    )
    found = {e.event_date.day: e for e in events(pipe, text, published=date(2024, 8, 8))}
    assert (found[6].actor1, found[6].actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")
    assert (found[7].actor1, found[7].actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")
    assert found[7].assoc_actor_1 is None
    # allies acting together stay together
    e = one(pipe, "American and British warplanes struck Houthi sites in Hodeidah on Friday.")
    assert (e.actor1, e.assoc_actor_1, e.actor2) == ("US forces", "UK forces", "Houthis")


def test_extract_people_named_by_their_work_are_counted_and_are_civilians(pipe):
    text = "A drone struck an ambulance in Sudzha on August 7, killing the driver and a paramedic."
    e = one(pipe, text, published=date(2024, 8, 8))
    assert (e.actor2, e.fatalities) == ("Civilians", 2)


def test_extract_units_of_a_named_army_are_its_forces(pipe):
    e = one(
        pipe, "Ukrainian mechanized units attacked Russian positions in Sudzha on August 6.", date(2024, 8, 8)
    )
    assert (e.actor1, e.actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")


def test_extract_a_list_of_struck_places_naming_one_twice_is_still_one_event_each(pipe):
    """The second name of one place ("the adjoining air base") neither ends the list nor adds an event;
    a later sentence naming the weapons, with no place, holds for every event of the list."""
    text = (
        "American and British warplanes struck more than 60 targets in Houthi-held Yemen early on Friday.\n\n"
        "Strikes hit sites near Sanaa airport and the adjoining Al-Dailami air base, the airport in the port "
        "city of Hodeidah, Taiz airport and positions in Saada province.\n\n"
        "Officials said Tomahawk cruise missiles fired from ships were used alongside fighter jets, and that the targets "
        "included drone and missile launch sites."
    )
    found = events(pipe, text, published=date(2024, 1, 12))
    by_admin1 = {e.admin1: e for e in found}
    assert set(by_admin1) == {"Amanat al Asimah", "Hodeidah", "Taiz", "Saada"}, [e.location for e in found]
    for admin1 in ("Hodeidah", "Taiz", "Saada"):
        e = by_admin1[admin1]
        assert e.sub_event_type == "Air/drone strike"  # aircraft decide over the missiles beside them
        assert {"aircraft", "cruise missile"} <= set(e.weapons) and "drone" not in e.weapons
    assert all(e.actor2 == "Houthis" for e in found)  # whose ground the targets were on


def test_extract_what_a_strike_followed_is_background_to_the_end_with_its_own_event(pipe):
    text = (
        "The strikes followed Tuesday's Houthi barrage, the largest yet, in which U.S. and British warships "
        "shot down 18 drones and two cruise missiles fired toward the southern Red Sea."
    )
    e = one(pipe, text, published=date(2024, 1, 12))
    assert (e.event_date, e.sub_event_type) == (date(2024, 1, 9), "Disrupted weapons use")
    assert (e.actor1, e.actor2, e.country) == ("US forces", "Houthis", "Red Sea")


def test_extract_a_total_told_for_one_place_is_that_events_toll(pipe):
    text = (
        "Russia launched 38 missiles at Ukrainian cities on 8 July 2024.\n\n"
        "In Kyiv, a cruise missile struck a children's hospital, killing two people.\n\n"
        "In total, 33 people were killed in Kyiv."
    )
    found = {e.location: e for e in events(pipe, text, published=None)}
    assert found["Kyiv"].fatalities == 33
    # a total across the country belongs to no one place
    text = text.replace(
        "In total, 33 people were killed in Kyiv.", "In total, 47 people were killed across Ukraine."
    )
    assert {e.location: e for e in events(pipe, text, published=None)}["Kyiv"].fatalities == 2


def test_extract_a_gazetteer_town_keeps_the_reports_spelling_a_curated_place_its_name(pipe):
    e = one(pipe, "Russian missiles struck an apartment block in Kryvyi Rih on Monday, killing ten people.")
    assert (e.location, e.admin1, e.country) == (
        "Kryvyi Rih",
        "Dnipropetrovsk",
        "Ukraine",
    )  # GeoNames: Kryvyy Rih
    # "attacked the Irbil air base" says Irbil is a place even in a report naming no country
    e = one(pipe, "A drone attacked the Irbil air base on Monday.")
    assert e.location == "Erbil Air Base"


def test_extract_an_account_of_two_attacks_told_apart_is_two_events_blamed_together(pipe):
    """A boat (named after a town) and an army post attacked the same day: the second told as "the
    attack on the army's post in X" with its own side hit is an event of its own, and "blamed both
    attacks on" names who carried out each."""
    text = (
        "Militants attacked a river ferry and an army post in central Mali on Thursday.\n\n"
        "The ferry, the Tombouctou, was hit by two rockets near Mopti, killing 20 passengers.\n\n"
        "The attack on the army's post in Djenne came at about the same time. The government blamed both "
        "attacks on JNIM."
    )
    found = {e.location: e for e in events(pipe, text, published=date(2023, 9, 8))}
    assert set(found) == {"Mopti", "Djenne"}, list(found)  # the ferry's name is no place
    assert (found["Mopti"].actor2, found["Mopti"].sub_event_type) == (
        "Civilians",
        "Shelling/artillery/missile attack",
    )
    assert (found["Djenne"].actor2, found["Djenne"].sub_event_type) == ("Malian Armed Forces", "Armed clash")
    assert {e.actor1 for e in found.values()} == {"Jama'at Nusrat al-Islam wal-Muslimin"}
    assert all(e.claimed_by is None for e in found.values())  # blamed, not claimed


def test_extract_drones_downed_by_air_defences_are_the_attacking_sides_and_a_governors_region_is_no_place(
    pipe,
):
    text = (
        "A drone attack set a fuel terminal on fire in the port of Ust-Luga early on Sunday.\n\n"
        "Leningrad regional governor Alexander Drozdenko said two drones had been brought down near the port.\n\n"
        "On Friday, Ukrainian drones struck an oil depot in the town of Klintsy in the Bryansk region.\n\n"
        "Russia's defence ministry said its air defences had destroyed two drones over the Oryol region overnight."
    )
    found = {e.admin1: e for e in events(pipe, text, published=date(2024, 1, 21))}
    assert set(found) == {"Leningrad Oblast", "Bryansk Oblast", "Oryol Oblast"}, [
        e.location for e in found.values()
    ]
    assert found["Leningrad Oblast"].location == "Ust-Luga"  # not Saint Petersburg
    oryol = found["Oryol Oblast"]
    assert oryol.sub_event_type == "Disrupted weapons use"
    assert (oryol.actor1, oryol.actor2) == ("Russian Armed Forces", "Ukrainian Armed Forces")


def test_extract_a_country_wide_strike_placed_by_a_later_list_is_the_lists_events(pipe):
    """ "Among the sites hit were ..." names one event per site: the town a base lies "north of"
    is no site, the sea a port lies on is no site, the country-wide account adds no event of its
    own, and "the strikes on Hodeidah" are the strike on its port."""
    text = (
        "American and British warplanes struck more than 60 targets in Houthi-held Yemen early on Friday.\n\n"
        "Among the sites hit were al-Dailami air base north of the capital Sanaa, a naval facility in the "
        "Red Sea port of Hodeidah, and the airport in Taiz, residents and Houthi media said. The group's "
        "spokesman said five of its fighters were killed in the strikes on Hodeidah."
    )
    found = events(pipe, text, published=date(2024, 1, 12))
    assert sorted(e.admin1 for e in found) == ["Amanat al Asimah", "Hodeidah", "Taiz"], [
        e.location for e in found
    ]
    assert all((e.actor1, e.actor2) == ("US forces", "Houthis") for e in found)
    assert {e.admin1: e.fatalities for e in found}["Hodeidah"] == 5


def test_extract_a_group_claiming_both_attacks_stopped_in_flight_is_the_side_stopped(pipe):
    """Two drones downed at two bases, then "the Islamic Resistance in Iraq said it was behind both
    attacks in Iraq": each is a disrupted attack of that group, claimed by it, stopped by the
    forces holding the base."""
    text = (
        "On Tuesday, U.S. forces engaged two one-way attack drones over Al-Asad Air Base in western Iraq, "
        "destroying both.\n\n"
        "A third drone was brought down near Erbil airport in northern Iraq later that day, causing no damage.\n\n"
        "An umbrella group calling itself the Islamic Resistance in Iraq said on Telegram that it was behind "
        "both attacks in Iraq."
    )
    found = events(pipe, text, published=date(2023, 10, 19))
    assert len(found) == 2, [(e.location, e.sub_event_type) for e in found]
    for e in found:
        assert e.sub_event_type == "Disrupted weapons use"
        assert (e.actor1, e.actor2, e.claimed_by) == (
            "US forces",
            "Islamic Resistance in Iraq",
            "Islamic Resistance in Iraq",
        )


def test_extract_a_barrage_shot_down_is_the_launchers_and_a_record_so_far_is_no_tally(pipe):
    text = (
        "U.S. and British forces shot down 18 drones and two anti-ship cruise missiles launched by Yemen's "
        "Houthis over the southern Red Sea on Tuesday, in the group's largest attack on shipping lanes so far."
    )
    e = one(pipe, text, published=date(2024, 1, 10))
    assert (e.sub_event_type, e.actor1, e.actor2, e.country) == (
        "Disrupted weapons use",
        "US forces",
        "Houthis",
        "Red Sea",
    )


def test_extract_a_headline_sums_up_the_body_and_adds_no_event_of_its_own(pipe):
    doc = Document(
        id="h1",
        title="U.S. strikes Kataib Hezbollah sites south of Baghdad after missile attack on Al-Asad",
        text=(
            "U.S. strikes Kataib Hezbollah sites south of Baghdad after missile attack on Al-Asad\n\n"
            "U.S. warplanes struck two facilities belonging to Kataib Hezbollah at Jurf al-Sakhar early on "
            "Wednesday, the Pentagon said."
        ),
        published=date(2023, 11, 22),
    )
    found = [(m.place.name if m.place else None, m.sub_event_type) for m in pipe.process(doc).mentions]
    assert found == [("Jurf al-Sakhar", "Air/drone strike")]


def test_extract_a_gunship_that_engaged_after_the_launch_tells_a_new_event(pipe):
    """ "Right after the launch, a gunship ... engaged the militants' vehicle near the town of X": a
    verb in the past with its own subject tells a new act, whatever definite words stand near it."""
    text = (
        "Earlier today, Iranian-backed militants fired a close-range ballistic missile at Al-Asad Air Base "
        "in western Iraq.\n\n"
        "Right after the launch, a U.S. AC-130 gunship that was already flying in the area engaged the "
        "militants' vehicle near the town of Al-Baghdadi. Several of the militants were killed."
    )
    found = {e.location: e for e in events(pipe, text, published=date(2023, 11, 21))}
    assert "Al Baghdadi" in found, list(found)
    e = found["Al Baghdadi"]
    assert (e.actor1, e.sub_event_type, e.fatalities) == ("US forces", "Air/drone strike", 3)


def test_extract_an_army_unit_attacked_is_the_army_of_the_country_where_it_was(pipe):
    """A report from Niamey whose menu names Mali first: "an army unit" near Tassia is Niger's; a
    civilian among the dead does not make the attack one on civilians; "and a civilian" is one more;
    "opened fire" is small arms; the junta "which seized power" tells of no event."""
    text = (
        "Mali | Burkina Faso | Niger | Region\n\n"
        "NIAMEY — Twenty soldiers and a civilian were killed when gunmen attacked an army unit near the "
        "village of Tassia in the Tillaberi region on Tuesday, the defence ministry said.\n\n"
        "The attackers had arrived on motorcycles and opened fire on the soldiers. The junta in Niamey, which "
        "seized power in July 2023, said reinforcements had been sent."
    )
    e = one(pipe, text, published=date(2024, 6, 27))
    assert (e.event_type, e.actor2, e.admin1) == ("Battles", "Nigerien Armed Forces", "Tillaberi")
    assert e.fatalities == 21 and "small arms" in e.weapons


def test_extract_a_group_saying_its_fighters_seized_a_base_claims_it_and_its_toll_is_unverified(pipe):
    text = (
        "Hundreds of jihadist fighters overran an army detachment at Djibo on Tuesday, killing dozens of "
        "soldiers, security sources said.\n\n"
        "Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al Qaeda's branch in the Sahel, said in a statement "
        "on Wednesday that its fighters had seized the base. It said more than 100 soldiers had been killed, "
        "a figure that could not be verified.\n\n"
        "The war in the north has killed at least 14,000 people since 2015, according to the United Nations."
    )
    e = one(pipe, text, published=date(2024, 6, 14))
    assert (e.actor1, e.claimed_by) == ("Jama'at Nusrat al-Islam wal-Muslimin",) * 2
    assert e.event_type == "Battles" and e.fatalities == 12  # dozens; not the claim, not the war's toll


def test_extract_an_attack_whose_drones_were_all_shot_down_next_is_a_disrupted_attack(pipe):
    text = (
        "Iranian-backed Houthi terrorists launched a large-scale one-way attack drone attack into the Red Sea "
        "on March 9.\n\n"
        "U.S. Central Command forces and coalition warships shot down 28 drones. There were no commercial "
        "ships damaged and no injuries reported.\n\n"
        "We count at least five attacks on shipping this month."
    )
    e = one(pipe, text, published=date(2024, 3, 9))
    assert (e.sub_event_type, e.actor1, e.actor2, e.country) == (
        "Disrupted weapons use",
        "US forces",
        "Houthis",
        "Red Sea",
    )


def test_extract_two_kinds_of_strike_near_one_city_are_two_events(pipe):
    text = (
        "Russian forces dropped guided aerial bombs on a recreation area on the outskirts of Kharkiv on "
        "Sunday, killing six people.\n\n"
        "Hours earlier, a Russian missile strike on a village north of the city killed five civilians."
    )
    found = sorted((e.sub_event_type, e.fatalities) for e in events(pipe, text, published=date(2024, 5, 19)))
    assert found == [("Air/drone strike", 6), ("Shelling/artillery/missile attack", 5)]


def test_extract_a_town_seized_is_taken_from_the_army_that_withdrew_not_where_it_went(pipe):
    text = (
        "The Rapid Support Forces said on Saturday that they had seized Singa, the capital of Sennar state, "
        "and the headquarters of the army's 17th Infantry Division in the city.\n\n"
        "Residents said RSF fighters entered the city on Saturday morning and that the army withdrew "
        "towards Sennar town."
    )
    e = one(pipe, text, published=date(2024, 6, 30))
    assert (e.sub_event_type, e.location, e.admin1) == (
        "Non-state actor overtakes territory",
        "Singa",
        "Sennar",
    )
    assert (e.actor1, e.actor2, e.claimed_by) == (
        "Rapid Support Forces",
        "Sudanese Armed Forces",
        "Rapid Support Forces",
    )


def test_extract_shelling_is_artillery_and_workers_killed_are_civilians(pipe):
    e = one(pipe, "Russian shelling of the town of Toretsk killed one civilian and wounded three on Sunday.")
    assert (e.weapons, e.fatalities, e.injuries) == (("artillery",), 1, 3)
    e = one(
        pipe, "An explosive-laden drone struck the Khor Mor gas field on Friday, killing four Yemeni workers."
    )
    assert (e.location, e.admin1, e.actor2, e.fatalities) == (
        "Khor Mor gas field",
        "Sulaymaniyah",
        "Civilians",
        4,
    )


def test_extract_the_army_repelling_an_ambush_is_the_same_fight_with_both_sides_dead(pipe):
    text = (
        "Fighters of JNIM ambushed a Malian army supply convoy near Boni, in the Mopti region, on Wednesday.\n\n"
        "The army said on Thursday that it had repelled the attack, losing five soldiers, and that 21 of the "
        "assailants had been killed. JNIM said on its channels that it had destroyed several vehicles and "
        "captured weapons."
    )
    e = one(pipe, text, published=date(2024, 9, 6))
    assert (e.event_type, e.actor1, e.actor2, e.admin1) == (
        "Battles",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Malian Armed Forces",
        "Mopti",
    )  # Boni is no German city here
    assert e.fatalities == 26


def test_extract_a_pair_of_states_raiding_and_jets_firing_from_over_a_border(pipe):
    e = one(
        pipe, "Sixteen people were killed in American-British raids on the province of Hodeidah overnight."
    )
    assert (e.actor1, e.assoc_actor_1, e.sub_event_type, e.weapons) == (
        "US forces",
        "UK forces",
        "Air/drone strike",
        ("aircraft",),
    )
    text = (
        "An Israeli air strike destroyed the consular building of Iran's embassy in Damascus on Monday.\n\n"
        "Syria's defence ministry said Israeli F-35 jets fired six missiles from over the occupied Golan Heights."
    )
    assert [x.location for x in events(pipe, text, published=date(2024, 4, 1))] == ["Damascus"]


def test_extract_a_strike_starting_a_fire_is_no_campaign_begun(pipe):
    e = one(
        pipe,
        "Ukrainian drones struck an oil refinery in the Russian city of Ryazan on Wednesday, starting a fire.",
    )
    assert (e.location, e.actor1) == ("Ryazan", "Ukrainian Armed Forces")


def test_extract_a_president_named_like_a_town_is_no_place_and_blaming_names_the_side(pipe):
    text = (
        "A missile struck a busy market in the town of Kostiantynivka on Wednesday, killing 16 people.\n\n"
        "Rescue workers put out fires in shops along the street.\n\n"
        "President Volodymyr Zelenskiy blamed Russia for the attack."
    )
    e = one(pipe, text, published=date(2023, 9, 6))
    assert (e.location, e.actor1, e.fatalities) == ("Kostiantynivka", "Russian Armed Forces", 16)


def test_extract_an_attack_repulsed_on_the_ground_is_a_clash_and_a_missile_stopped_after_a_hit_is_its_own_event(
    pipe,
):
    text = "The army said its forces had repulsed an attack by the rebels on positions east of Kadugli on Sunday."
    assert one(pipe, text, published=date(2024, 2, 12)).event_type == "Battles"
    text = (
        "Houthi missiles struck a bulk carrier in the Red Sea on Wednesday, injuring one crew member.\n\n"
        "A U.S. Navy destroyer later shot down an anti-ship ballistic missile fired toward the ship."
    )
    found = sorted((e.sub_event_type, e.actor1) for e in events(pipe, text, published=date(2024, 6, 13)))
    assert found == [("Disrupted weapons use", "US forces"), ("Shelling/artillery/missile attack", "Houthis")]


def test_extract_weapons_destroyed_before_launch_by_a_state_are_a_strike_and_predictions_are_no_events(pipe):
    text = (
        "U.S. forces destroyed four anti-ship cruise missiles and seven uncrewed surface vessels being "
        "prepared to launch in Houthi-controlled Yemen on February 8.\n\n"
        "We expect further attacks on shipping in the southern Red Sea and the Gulf of Aden."
    )
    e = one(pipe, text, published=date(2024, 2, 9))
    assert (e.sub_event_type, e.actor1, e.country) == ("Air/drone strike", "US forces", "Yemen")


def test_extract_a_side_with_no_means_to_intercept_stopped_nothing_and_the_blamer_did_not_attack(pipe):
    text = (
        "Three Russian missiles struck the centre of Chernihiv on Wednesday, killing 17 people.\n\n"
        "Ukraine's air force said it had no means to intercept the missiles."
    )
    e = one(pipe, text, published=date(2024, 4, 17))
    assert (e.actor1, e.sub_event_type) == ("Russian Armed Forces", "Shelling/artillery/missile attack")
    text = (
        "A drone attack on a base at the al-Omar oil field in eastern Syria killed six fighters of the "
        "Syrian Democratic Forces late on Sunday.\n\n"
        "The SDF blamed militias for the attack on the base. The Islamic Resistance in Iraq said it had "
        "targeted the base with a drone."
    )
    e = one(pipe, text, published=date(2024, 2, 5))
    assert (e.actor1, e.fatalities) == ("Islamic Resistance in Iraq", 6)


def test_extract_a_claim_of_drones_shot_down_keeps_them_stopped_and_a_months_history_is_no_event(pipe):
    text = (
        "Two drones were shot down near Erbil International Airport late on Friday, causing no damage.\n\n"
        "The Islamic Resistance in Iraq said on Telegram that it had attacked the base at the airport with "
        "drones. The attack was the third on the airport this month."
    )
    e = one(pipe, text, published=date(2024, 1, 13))
    assert (e.sub_event_type, e.actor2, e.claimed_by) == (
        "Disrupted weapons use",
        "Islamic Resistance in Iraq",
        "Islamic Resistance in Iraq",
    )
    text = (
        "Air defences shot down several drones over the Flamingo naval base north of Port Sudan on Monday.\n\n"
        "Aid agencies moved to Port Sudan after fighting broke out in Khartoum in April 2023."
    )
    assert [x.sub_event_type for x in events(pipe, text, published=date(2024, 7, 1))] == [
        "Disrupted weapons use"
    ]


def test_extract_a_village_the_gazetteer_lacks_keeps_its_name_with_the_coordinates_of_what_is_known(pipe):
    # "Qaryat Sufla" is in no data file; the town it lies west of, or the division it is in, is
    near = one(
        pipe,
        "Army aircraft struck rebel positions around the town of Qaryat Sufla, west of El Obeid, on Saturday.",
    )
    town = one(pipe, "Army aircraft struck rebel positions in El Obeid on Saturday.")
    assert (near.location, near.admin1, near.country, near.geo_precision) == (
        "Qaryat Sufla",
        town.admin1,
        "Sudan",
        2,
    )
    assert (near.latitude, near.longitude) == (town.latitude, town.longitude)
    region = one(
        pipe,
        "Gunmen killed nine civilians in an attack on the village of Kourma Nord in the Tillaberi region "
        "on Thursday.",
    )
    assert (region.location, region.admin1, region.country, region.geo_precision) == (
        "Kourma Nord",
        "Tillaberi",
        "Niger",
        3,
    )
    post = one(pipe, "Jihadists attacked an army post at Dabara, in Mali's Mopti region, on Friday.")
    assert (post.location, post.admin1, post.geo_precision) == ("Dabara", "Mopti", 3)
    # a town the gazetteer knows is placed as before, at its own coordinates
    known = one(pipe, "Russian artillery shelled the city of Kherson on Friday, wounding two.")
    assert (known.location, known.geo_precision) == ("Kherson", 1)
    # a village named in another clause is not where the strike was
    apart = one(
        pipe,
        "Army aircraft struck rebel positions in El Obeid on Saturday, and residents fled to the "
        "village of Qaryat Sufla.",
    )
    assert (apart.location, apart.geo_precision) == ("El Obeid", 1)


def test_extract_a_sides_word_for_its_enemy_names_the_enemy_of_the_country_where_it_happened(pipe):
    # a regional administration's post: "the occupiers", "an enemy drone" are Russia's forces in
    # Ukraine (actors.yaml: enemy_of), never the army of the place
    text = (
        "The occupiers shelled the Dniprovskyi district of Kherson this morning. A 67-year-old man was killed. "
        "Two women, aged 54 and 71, were wounded.\n\n"
        "Also this morning, an enemy drone dropped explosives on a car in Bilozerka. The driver, 38, suffered "
        "blast injuries.\n\n"
        "Over the past day, Russian forces carried out 412 attacks on 26 settlements of the region. Two people "
        "were killed and 14 wounded."
    )
    found = sorted(events(pipe, text, date(2024, 5, 14)), key=lambda e: e.location)
    assert [(e.location, e.sub_event_type) for e in found] == [
        ("Bilozerka", "Air/drone strike"),
        ("Kherson", "Shelling/artillery/missile attack"),
    ]
    drone, shelling = found
    assert drone.actor1 == shelling.actor1 == "Russian Armed Forces"
    assert drone.actor2 == shelling.actor2 == "Civilians"
    # ages count nobody; "a man", "the driver" count one; the day's summary keeps its own toll
    assert (shelling.fatalities, shelling.injuries) == (1, 2)
    assert (drone.fatalities, drone.injuries) == (0, 1)
    # the same words in a report from Russia name Ukraine's forces
    belgorod = one(
        pipe, "An enemy drone dropped explosives on a car in Shebekino on Monday.", date(2024, 5, 14)
    )
    assert belgorod.actor1 == "Ukrainian Armed Forces"


def test_extract_a_town_named_with_its_division_word_is_the_division(pipe):
    # "the Zaporizhzhia region" is the oblast, not its capital: the town of Huliaipole in it is where
    e = one(
        pipe,
        "In the Zaporizhzhia region, Russian artillery shelled the town of Huliaipole on Wednesday, "
        "wounding two civilians.",
        date(2024, 4, 4),
    )
    assert e.location == "Huliaipole" and e.geo_precision == 1


def test_extract_a_navy_ship_is_its_navy_and_the_missile_it_downed_is_the_events_weapon(pipe):
    text = (
        "Houthi forces fired an anti-ship ballistic missile at the tanker Marlin Luanda in the Gulf of Aden on "
        "Friday, setting it on fire.\n\n"
        "Earlier that day, USS Carney downed an anti-ship ballistic missile the Houthis had fired toward the "
        "destroyer in the Gulf of Aden.\n\n"
        "Houthi military spokesman Yahya Saree said the group's naval forces had attacked the British tanker "
        "with naval missiles."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 1, 27))}
    stopped = found["Disrupted weapons use"]
    assert (stopped.actor1, stopped.actor2) == ("US forces", "Houthis")
    assert "ballistic missile" in stopped.weapons  # the weapon stopped, though it was the Houthis'
    hit = found["Shelling/artillery/missile attack"]
    # the spokesman saying the group's forces attacked claims it for the group
    assert (hit.actor1, hit.claimed_by) == ("Houthis", "Houthis")


def test_extract_forces_attacked_whose_drone_was_shot_down_stopped_it_themselves(pipe):
    text = (
        "Yesterday, U.S. forces at Al-Tanf garrison were targeted by a one-way attack drone. The drone was shot "
        "down, and there were no injuries or damage."
    )
    e = one(pipe, text, date(2023, 11, 7))
    assert (e.sub_event_type, e.actor1) == ("Disrupted weapons use", "US forces")
    assert e.actor2 != "US forces" and e.actor1 != "Syrian Armed Forces"
    # the words for each side go with it
    by_field = {v.field: v.text for v in e.evidence}
    assert "U.S. forces" in by_field["actor1"]


def test_extract_a_post_overrun_is_a_fight_with_its_army_and_a_months_old_massacre_is_history(pipe):
    text = (
        "Gunmen attacked an army post at Kaya on Saturday, killing about thirty soldiers and civilian "
        "auxiliaries, security sources said on Monday.\n\n"
        "JNIM claimed the attack, saying its fighters had overrun the post and carried off weapons.\n\n"
        "Kaya was the scene of a massacre of civilians in June 2022."
    )
    e = one(pipe, text, date(2024, 6, 17))
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert (e.actor1, e.actor2, e.claimed_by) == (
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Burkina Faso Armed Forces",
        "Jama'at Nusrat al-Islam wal-Muslimin",
    )
    # a town seized is still ground taken, and a month just ended is still news
    town = one(
        pipe,
        "The Rapid Support Forces said they had seized the town of Singa in June, after the army withdrew.",
        date(2024, 7, 10),
    )
    assert town.sub_event_type == "Non-state actor overtakes territory" and town.time_precision == 3


def test_extract_the_people_a_strike_killed_or_the_site_it_hit_name_the_side_struck(pipe):
    # "described as members of the PKK": the group was struck, not civilians
    pkk = one(
        pipe,
        "A Turkish drone struck a car near Zakho on Thursday, killing two people whom officials described "
        "as members of the Kurdistan Workers' Party.",
        date(2024, 8, 23),
    )
    assert (pkk.actor1, pkk.actor2, pkk.fatalities) == ("Turkish Armed Forces", "Kurdistan Workers' Party", 2)
    # a monitor saying whose the building was: the owner was struck, and is not who killed
    text = (
        "An Israeli missile strike hit a residential building in Damascus on Wednesday, killing two people.\n\n"
        "The Syrian Observatory for Human Rights said the building was used by members of Iran's Revolutionary "
        "Guards and that those killed were not Syrian."
    )
    e = one(pipe, text, date(2024, 2, 22))
    assert (e.actor1, e.actor2) == ("Israel", "Iran")
    assert any(v.field == "actor2" and "Revolutionary Guards" in v.text for v in e.evidence)


def test_extract_a_district_named_for_its_town_and_what_weapons_are_for(pipe):
    district = one(
        pipe,
        "Turkish artillery shelled villages in the Qaryat Sufla district of Duhok province on Thursday.",
        date(2024, 8, 23),
    )
    assert (district.location, district.admin1, district.geo_precision) == ("Qaryat Sufla", "Duhok", 3)
    city = one(
        pipe, "Russian troops shelled the Dniprovskyi district of Kherson on Monday.", date(2024, 5, 14)
    )
    assert city.location == "Kherson"
    # "the equipment the Houthis use to attack ships" says what it is for: one event, the strikes
    found = events(
        pipe,
        "U.S. forces carried out 15 strikes on Houthi targets in Dhamar on Oct. 4. The targets included "
        "weapons the Houthis use to attack ships in the Red Sea.",
        date(2024, 10, 5),
    )
    assert [(e.sub_event_type, e.location) for e in found] == [("Air/drone strike", "Dhamar")]


def test_extract_an_air_defence_over_its_own_country_and_missiles_told_before_their_interception(pipe):
    text = (
        "Russian forces attacked port infrastructure in Odesa with drones on Tuesday night, killing a "
        "52-year-old port worker and injuring four others.\n\n"
        "Ukraine's air force said it had shot down 21 of 28 drones launched overnight."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 10, 9))}
    assert (found["Air/drone strike"].fatalities, found["Air/drone strike"].injuries) == (1, 4)
    assert found["Disrupted weapons use"].country == "Ukraine"
    # interceptions of the missiles just told happen where they were aimed, not where launched
    damascus = events(
        pipe,
        "An Israeli missile strike hit a building in Damascus on Wednesday. The source said Israel had "
        "launched the missiles from the occupied Golan Heights and that air defences had intercepted some "
        "of them.",
        date(2024, 2, 22),
    )
    assert all(e.location != "Golan Heights" for e in damascus)


def test_extract_a_weeks_account_claimed_as_all_three_attacks_gives_each_its_claimer(pipe):
    text = (
        "On Monday, two one-way attack drones targeted U.S. troops at Al-Asad Air Base in western Iraq. One was "
        "shot down; the other struck an empty hangar.\n\n"
        "On Wednesday, rockets were fired at Mission Support Site Green Village in eastern Syria.\n\n"
        "On Friday, a drone attack targeted the Harir air base north of Erbil.\n\n"
        "The Islamic Resistance in Iraq, an umbrella for several militias, claimed all three attacks."
    )
    found = events(pipe, text, date(2023, 12, 9))
    assert len(found) == 3
    assert {(e.actor1, e.claimed_by) for e in found} == {
        ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq")
    }


def test_extract_the_side_that_repelled_an_attack_was_attacked_and_a_network_linked_group_is_its_affiliate(
    pipe,
):
    text = (
        "Gunmen from local tribes attacked checkpoints of the Syrian Democratic Forces in Hajin on Wednesday, "
        "killing nine people.\n\n"
        "The SDF said it had repelled the attack."
    )
    e = one(pipe, text, date(2024, 8, 9))
    assert (e.sub_event_type, e.actor1, e.actor2, e.claimed_by) == (
        "Armed clash",
        "Unidentified armed group",
        "Syrian Democratic Forces",
        None,
    )
    ambush = one(
        pipe,
        "JNIM fighters ambushed a convoy of Malian soldiers near Niono on Saturday. The al Qaeda-linked group "
        "claimed to have killed 12 soldiers.",
        date(2024, 3, 19),
    )
    assert ambush.claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_extract_ships_placed_from_a_coastal_town_are_at_its_sea(pipe):
    ship = one(
        pipe,
        "A Liberia-flagged container ship was struck by a missile about 98 nautical miles east of Aden on Monday.",
        date(2024, 6, 25),
    )
    assert ship.country == "Gulf of Aden" and ship.admin1 is None
    mokha = one(
        pipe,
        "Houthi missiles hit a bulk carrier southwest of the port of Mokha on Wednesday.",
        date(2024, 6, 13),
    )
    assert mokha.country == "Red Sea"
    # on land the same words keep the town
    land = one(pipe, "Saudi-led air strikes hit villages west of Hodeidah on Wednesday.", date(2024, 6, 13))
    assert land.location == "Hodeidah" and land.country == "Yemen"
    # boats a state destroys at sea were stopped on their way; the state's word is no claim
    boats = one(
        pipe,
        "U.S. Central Command said its forces had destroyed two Houthi uncrewed surface vessels in the Red Sea "
        "on Monday.",
        date(2024, 6, 25),
    )
    assert (boats.sub_event_type, boats.actor1, boats.actor2, boats.claimed_by) == (
        "Disrupted weapons use",
        "US forces",
        "Houthis",
        None,
    )
    assert "uncrewed surface vessel" in boats.weapons


def test_extract_a_drone_that_got_through_is_its_own_event_and_a_comparison_is_none(pipe):
    text = (
        "Russian air defences destroyed 158 Ukrainian drones over 15 regions on Saturday night, the Defence "
        "Ministry said, in one of the largest drone attacks of the war.\n\n"
        "In Moscow, a drone hit the Kapotnya oil refinery, starting a fire."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 9, 1))}
    assert set(found) == {"Disrupted weapons use", "Air/drone strike"}
    assert (found["Disrupted weapons use"].actor1, found["Disrupted weapons use"].actor2) == (
        "Russian Armed Forces",
        "Ukrainian Armed Forces",
    )
    assert (found["Air/drone strike"].location, found["Air/drone strike"].actor1) == (
        "Moscow",
        "Ukrainian Armed Forces",
    )


def test_extract_a_name_given_to_a_weapon_and_what_a_group_is_said_to_be_are_no_places(pipe):
    text = (
        "A Houthi drone struck central Tel Aviv early on Friday, killing a man.\n\n"
        'The Houthis claimed the attack, saying they had used a new drone called "Jaffa".'
    )
    e = one(pipe, text, date(2024, 7, 21))
    assert (e.location, e.actor1, e.claimed_by) == ("Tel Aviv", "Houthis", "Houthis")
    mansila = one(
        pipe,
        "Hundreds of jihadist fighters overran an army detachment at Mansila, in Burkina Faso's Yagha province, "
        "on Tuesday.\n\nJNIM, al Qaeda's branch in the Sahel, said its fighters had seized the base.",
        date(2024, 6, 14),
    )
    assert mansila.location == "Mansila" and mansila.claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_extract_history_words_and_places_a_sentences_division_settles(pipe):
    # "accused of" after the event word says what the victims were accused of, not that it is history
    e = one(
        pipe,
        "Burkina Faso's soldiers killed 44 people in the village of Nondin on February 25, 2024, in reprisals "
        "against people accused of collaborating with the fighters.",
        date(2024, 4, 25),
    )
    # (a village the gazetteer lacks, in the report's country: its name, the country's coordinates)
    assert (e.location, e.fatalities, e.country, e.geo_precision) == ("Nondin", 44, "Burkina Faso", 3)
    # "the army said at the time": an earlier event told again, no new one
    assert not events(
        pipe,
        "Jordanian forces clashed with armed smugglers on the border earlier this month, killing several of "
        "them, the army said at the time.",
        date(2024, 1, 19),
    )
    # two towns called Zolochiv: the one in the region the sentence names
    z = one(
        pipe,
        "In the Kharkiv region, a Russian guided bomb struck a house in the village of Zolochiv on Saturday.",
        date(2024, 7, 21),
    )
    assert (z.location, z.admin1) == ("Zolochiv", "Kharkiv")


def test_extract_people_protesting_after_a_strike_are_protesters_not_the_striker(pipe):
    text = (
        "Jordanian warplanes struck houses in the village of Arman in Syria's Sweida province on Thursday, "
        "killing at least 10 people. Residents held a sit-in on Friday to demand compensation."
    )
    protest = next(e for e in events(pipe, text, date(2024, 1, 19)) if e.event_type == "Protests")
    assert (protest.actor1, protest.actor2) == ("Protesters", None)


def test_extract_a_groups_own_statement_claims_what_its_fighters_did(pipe):
    doc = Document(
        id="statement",
        title="Statement of the Islamic Resistance in Iraq",
        publisher="Islamic Resistance in Iraq (Telegram)",
        published=date(2024, 2, 3),
        text=(
            "Statement issued by the Islamic Resistance in Iraq.\n\n"
            "The fighters of the Islamic Resistance in Iraq, at dawn today, Saturday, targeted the occupation "
            "base at Al-Tanf with a drone.\n\nThey also targeted the occupation base at the Rumalyn airfield "
            "with a salvo of rockets."
        ),
    )
    found = {e.location: e for e in fuse(pipe.process(doc).mentions, (), {}).events}
    assert set(found) == {"Al-Tanf", "Rumalyn Landing Zone"}
    for e in found.values():
        assert (e.actor1, e.claimed_by) == ("Islamic Resistance in Iraq",) * 2
        assert any(v.field == "claimed_by" for v in e.evidence)
    # the same words published by a newspaper claim nothing by themselves
    paper = one(pipe, "Gunmen targeted the base at Al-Tanf with a drone on Saturday.", date(2024, 2, 3))
    assert paper.claimed_by is None


def test_extract_separately_tells_a_new_event_and_an_area_the_gazetteer_lacks_is_placed_in_its_division(pipe):
    text = (
        "Gunmen stopped a passenger bus near Bandiagara in central Mali on Monday and shot dead 20 travellers.\n\n"
        "Separately, the army said on Tuesday that its aircraft had struck a base near Mopti."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 7, 3))}
    assert found["Air/drone strike"].event_date == date(2024, 7, 2)
    assert found["Attack"].event_date == date(2024, 7, 1)
    area = one(
        pipe,
        "The Sudanese army said on Saturday that it had regained control of the Jebel Moya area in Sennar state "
        "from the Rapid Support Forces.",
        date(2024, 10, 6),
    )
    assert (area.sub_event_type, area.location, area.admin1, area.actor2) == (
        "Government regains territory",
        "Jebel Moya",
        "Sennar",
        "Rapid Support Forces",
    )
    # "36 of them Syrian soldiers": the side whose people were killed
    aleppo = one(
        pipe,
        "Israeli air strikes hit positions near Aleppo on Friday, killing at least 38 people, 36 of them Syrian "
        "soldiers.",
        date(2024, 3, 30),
    )
    assert aleppo.actor2 == "Syrian Armed Forces"


def test_extract_who_beat_back_an_attack_and_who_jihadists_are(pipe):
    wadi = one(
        pipe,
        "The army said on Sunday that it had repelled an RSF attack on the Wadi Seidna military base north of "
        "Omdurman, killing dozens of the attackers.",
        date(2024, 9, 16),
    )
    assert (wadi.event_type, wadi.actor1, wadi.actor2) == (
        "Battles",
        "Rapid Support Forces",
        "Sudanese Armed Forces",
    )
    rebels = one(
        pipe, "Malian troops repulsed an attack by the CSP-PSD near Kidal on Friday.", date(2024, 7, 27)
    )
    assert (rebels.actor1, rebels.actor2) == ("CSP-PSD", "Malian Armed Forces")
    # "jihadists" are a jihadist group, never the pro-government militia named beside the soldiers
    text = (
        "At least 30 soldiers and members of the Volunteers for the Defence of the Homeland (VDP) were killed on "
        "Tuesday when jihadists ambushed a convoy near Kaya, security sources said. The convoy was escorting trucks "
        "carrying food to the besieged town of Djibo when it came under fire.\n\n"
        "Jama'at Nusrat al-Islam wal-Muslimin claimed the ambush in a statement on Thursday."
    )
    e = one(pipe, text, date(2024, 9, 13))
    assert (e.location, e.actor1, e.claimed_by) == ("Kaya", *("Jama'at Nusrat al-Islam wal-Muslimin",) * 2)


def test_extract_an_interception_told_then_blamed_and_claimed_by_the_side_stopped(pipe):
    briefing = (
        "GEN. RYDER: Yesterday there was an attempted one-way drone attack on Erbil Air Base. The drone was "
        "engaged and shot down, and there were no injuries.\n\nQ: Who was behind it?\n\n"
        "GEN. RYDER: We assess it was Iran-backed militia groups."
    )
    e = one(pipe, briefing, date(2024, 1, 23))
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Disrupted weapons use",
        "US forces",
        "Unidentified Iran-backed militia",
    )
    red_sea = one(
        pipe,
        "USS Laboon shot down 12 one-way attack drones fired by the Houthis in the southern Red Sea on Tuesday. "
        "The Houthis said they had targeted the container ship MSC United VIII with drones.",
        date(2023, 12, 27),
    )
    assert (red_sea.sub_event_type, red_sea.claimed_by) == ("Disrupted weapons use", "Houthis")
    # "drones that Russia launched": the state that acted is no place
    ukraine = one(
        pipe,
        "Ukraine's air force says it shot down 20 of 23 drones that Russia launched overnight against several regions.",
        date(2024, 9, 2),
    )
    assert ukraine.country != "Russia"


def test_extract_a_name_written_twice_and_a_month_that_dates_a_when_clause(pipe):
    text = (
        "An air strike hit a vehicle carrying members of Kataib Hezbollah (كتائب حزب الله) near Al-Qaim on "
        "Tuesday, killing three of them, the group said, blaming the United States.\n\n"
        "Washington has carried out several strikes on the group since January, when it blamed Kataib Hezbollah "
        "for a drone attack that killed three U.S. soldiers in Jordan."
    )
    e = one(pipe, text, date(2024, 5, 29))
    assert (e.actor1, e.actor2, e.claimed_by) == ("US forces", "Kataib Hezbollah", None)


def test_extract_friday_prayers_name_no_day_and_a_commander_and_his_driver_are_two(pipe):
    mosque = one(
        pipe,
        "Gunmen killed 44 worshippers during Friday prayers in an attack on a mosque in the village of Fambita, "
        "near Tera in the Tillaberi region, on August 16, Niger's interior ministry said on Thursday.",
        date(2024, 8, 23),
    )
    assert (mosque.event_date, mosque.fatalities, mosque.location) == (date(2024, 8, 16), 44, "Fambita")
    sinjar = one(
        pipe,
        "A Turkish drone struck a car in Sinjar on Monday, killing a commander of the Sinjar Resistance Units "
        "(YBS), a Yazidi militia linked to the PKK, and his driver.",
        date(2024, 6, 11),
    )
    assert (sinjar.actor2, sinjar.fatalities) == ("Sinjar Resistance Units", 2)
    raid = one(
        pipe,
        "U.S. forces conducted a helicopter raid in the village of Al-Jalamah in northern Syria on June 15, "
        "killing a senior Islamic State official.",
        date(2024, 6, 16),
    )
    # a West Bank village of that name is not in northern Syria
    assert (raid.location, raid.country, raid.fatalities) == ("Al-Jalamah", "Syria", 1)


def test_extract_a_missile_intercepted_then_claimed_as_having_evaded_interception_is_one_stopped_attack(pipe):
    text = (
        "A ballistic missile fired from Yemen at central Israel on Sunday morning was intercepted by Israeli air "
        "defences, with debris falling near Modiin.\n\n"
        "The Houthis said they had fired a new ballistic missile at a military target in the Jaffa area, and that "
        "it had evaded interception.\n\nAir raid sirens sent thousands of people to shelters."
    )
    e = one(pipe, text, date(2024, 9, 15))
    assert (e.sub_event_type, e.actor1, e.actor2, e.claimed_by) == (
        "Disrupted weapons use",
        "Israel",
        "Houthis",
        "Houthis",
    )


def test_extract_a_site_struck_on_the_enemys_soil_is_the_enemys_and_counts_add_up(pipe):
    depot = one(
        pipe,
        "Ukrainian drones struck an ammunition depot near the village of Glushkovo in Russia's Kursk region on "
        "Tuesday, setting off explosions.",
        date(2024, 9, 11),
    )
    assert (depot.actor1, depot.actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")
    hospital = one(
        pipe,
        "Artillery fire by the Rapid Support Forces struck the Saudi Hospital in El Fasher on Friday, killing three "
        "patients and a nurse.",
        date(2024, 10, 12),
    )
    assert hospital.fatalities == 4
    base = one(
        pipe,
        "A large explosion at the Kalsu military base in Babil province killed one member of the Popular "
        "Mobilization Forces on Friday.",
        date(2024, 4, 20),
    )
    assert (base.location, base.admin1, base.geo_precision) == ("Kalsu", "Babil", 3)


def test_extract_drones_destroyed_over_the_sea_and_a_rebel_claim_by_claiming(pipe):
    sea = one(
        pipe,
        "On March 19, U.S. Central Command forces engaged and destroyed two Iranian-backed Houthi one-way attack "
        "uncrewed aerial vehicles over the Red Sea.",
        date(2024, 3, 20),
    )
    assert (sea.sub_event_type, sea.actor1, sea.actor2) == ("Disrupted weapons use", "US forces", "Houthis")
    convoy = one(
        pipe,
        "Rebel fighters of the CSP-PSD attacked a convoy of Malian soldiers near Tinzaouaten on Saturday, the "
        "alliance said, claiming to have destroyed several vehicles.",
        date(2024, 9, 8),
    )
    assert convoy.claimed_by == "CSP-PSD"


def test_extract_a_ministrys_own_units_a_military_operation_and_counted_assaults(pipe):
    text = (
        'Russia\'s Defence Ministry said on Thursday that units of its "Centre" group of forces had "liberated" '
        "the settlement of Mykolaivka in the Donetsk region.\n\n"
        "Ukraine's General Staff said its forces had repelled 47 Russian assaults in the Pokrovsk direction over "
        "the past 24 hours.\n\n"
        "Pokrovsk has become the main target of Russia's summer offensive."
    )
    e = one(pipe, text, date(2024, 8, 29))
    assert (e.sub_event_type, e.actor1, e.actor2, e.location) == (
        "Government regains territory",
        "Russian Armed Forces",
        "Ukrainian Armed Forces",
        "Mykolaivka",
    )
    houthi = one(
        pipe,
        "The naval forces of the Yemeni Armed Forces carried out a military operation today, Monday, targeting "
        "the ship MSC Sarah V in the Arabian Sea with a ballistic missile.",
        date(2024, 6, 24),
    )
    assert (houthi.actor1, houthi.country) == ("Houthis", "Arabian Sea")
    army = one(
        pipe,
        "Burkina Faso's armed forces said on Wednesday that they had neutralised more than 100 terrorists during "
        "an offensive around Solenzo.",
        date(2024, 7, 4),
    )
    assert (army.actor1, army.actor2) == ("Burkina Faso Armed Forces", "Unidentified armed group")


def test_extract_two_sites_of_one_owner_and_a_tracker_whose_items_are_each_their_own(pipe):
    strikes = events(
        pipe,
        "U.S. military forces conducted precision strikes on Sunday against two facilities in eastern Syria used by "
        "Iran's Islamic Revolutionary Guard Corps: a training facility near Al-Bukamal and a safehouse near Mayadin.",
        date(2023, 11, 13),
    )
    assert sorted(e.location for e in strikes) == ["Al-Bukamal", "Mayadin"]
    assert {e.actor2 for e in strikes} == {"Iran"}
    tracker = (
        "Feb. 1: The Islamic Resistance in Iraq claimed a drone attack on the Kharab al-Jir base in Hasakah "
        "province. No damage was reported.\n\n"
        "Feb. 1: Rockets were fired at the U.S. base at the Conoco gas field in Deir ez-Zor province.\n\n"
        "Notes: dates are those of the attacks; claims are listed as made. The tracker does not record attacks "
        "on Israel claimed by Iraqi groups."
    )
    found = {e.sub_event_type: e for e in events(pipe, tracker, date(2024, 2, 2))}
    assert set(found) == {"Air/drone strike", "Shelling/artillery/missile attack"}
    assert found["Air/drone strike"].claimed_by == "Islamic Resistance in Iraq"
    assert found["Shelling/artillery/missile attack"].claimed_by is None  # another item, not claimed


def test_extract_an_arrest_is_where_the_suspects_were_held_and_the_arresting_force_attacked_nothing(pipe):
    text = (
        "Iraqi security forces arrested three men in the town of Hit in Anbar province on Wednesday on suspicion "
        "of taking part in Tuesday's rocket attack on the Ain al-Asad air base.\n\n"
        "Two rockets landed inside the base on Tuesday night without causing casualties."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 7, 18))}
    assert found["Arrests"].location == "Hit"
    assert found["Shelling/artillery/missile attack"].actor1 != "Iraqi Security Forces"


def test_extract_both_attacks_repelled_and_a_separate_incident_on_the_same_day(pipe):
    text = (
        "Jihadist fighters attacked two army posts in the Kayes region of western Mali on Monday, one in the town "
        "of Nioro du Sahel and the other near Diema. The army said it had repelled both attacks.\n\n"
        "Jama'at Nusrat al-Islam wal-Muslimin claimed both attacks in a statement."
    )
    found = events(pipe, text, date(2024, 7, 2))
    assert sorted(e.location for e in found) == ["Diema", "Nioro du Sahel"]
    for e in found:
        assert (e.actor1, e.actor2, e.claimed_by) == (
            "Jama'at Nusrat al-Islam wal-Muslimin",
            "Malian Armed Forces",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        )
    sudan = events(
        pipe,
        "A drone strike on a livestock market in El Obeid killed at least 10 people on Sunday.\n\n"
        "In a separate incident on the same day, RSF fighters shelled the town of Babanusa in West Kordofan.",
        date(2024, 10, 21),
    )
    assert {e.location: e.event_date for e in sudan} == {
        "El Obeid": date(2024, 10, 20),
        "Babanusa": date(2024, 10, 20),
    }


def test_extract_a_person_captured_is_an_arrest_and_a_named_adviser_killed_is_one_of_his_side(pipe):
    raid = one(
        pipe,
        "On July 17, U.S. Central Command forces conducted a raid in the town of Al-Shuhail in Deir ez-Zor "
        "province, capturing an ISIS cell leader.\n\nOfficials said the captured man was being held at a "
        "coalition facility.",
        date(2024, 7, 18),
    )
    assert (raid.sub_event_type, raid.location) == ("Arrests", "Al-Shuhail")
    strike = one(
        pipe,
        "An Israeli air strike on the Sayyida Zeinab district south of Damascus on Monday killed Razi Mousavi, a "
        "senior adviser of Iran's Revolutionary Guards in Syria.",
        date(2023, 12, 26),
    )
    assert (strike.location, strike.actor2, strike.fatalities) == ("Sayyida Zeinab", "Iran", 1)
    # "attacks on shipping have continued despite U.S. and British strikes": neither is an event
    assert not events(
        pipe,
        "The group's attacks on shipping in the Red Sea and the Gulf of Aden have continued despite U.S. and "
        "British strikes.",
        date(2024, 5, 30),
    )


def test_extract_a_groups_numbered_operations_are_its_own_and_a_consequence_across_the_country_counts_nothing(
    pipe,
):
    doc = Document(
        id="houthi-ops",
        title="Statement",
        publisher="Houthi military media (Telegram)",
        published=date(2024, 7, 10),
        text=(
            "The naval forces carried out two operations in the past 24 hours:\n\n"
            "First: targeting the ship Maersk Sentosa in the Arabian Sea with ballistic missiles.\n\n"
            "Second: targeting the ship Pumba in the Red Sea with drones."
        ),
    )
    found = fuse(pipe.process(doc).mentions, (), {}).events
    assert sorted(e.country for e in found) == ["Arabian Sea", "Red Sea"]
    assert {(e.actor1, e.claimed_by) for e in found} == {("Houthis", "Houthis")}
    grid = events(
        pipe,
        "Russian missiles and drones struck energy facilities in the Lviv, Volyn and Rivne regions on Monday "
        "morning, the grid operator said, forcing emergency power cuts across the country.",
        date(2024, 8, 26),
    )
    # (a consequence told across the country is no total of the events: the strike is one)
    assert grid and {e.admin1 for e in grid} <= {"Lviv", "Rivne", "Volyn"}


def test_extract_soldiers_with_their_allies_killed_villagers_and_a_foreign_namesake_is_no_place(pipe):
    e = one(
        pipe,
        "Malian soldiers accompanied by fighters of the Russian Wagner Group killed at least 20 civilians in the "
        "village of Welingara, near Niono in the Segou region, on Monday. The soldiers rounded up men in the "
        "village and shot them.",
        date(2024, 7, 5),
    )
    assert (e.sub_event_type, e.actor1, e.location, e.country, e.fatalities) == (
        "Attack",
        "Malian Armed Forces",
        "Welingara",
        "Mali",
        20,
    )
    leader = one(
        pipe,
        "Unidentified gunmen shot dead a Sunni tribal leader outside his home in the town of Tarmiyah in Salah "
        "al-Din province on Monday night.",
        date(2024, 3, 5),
    )
    assert (leader.sub_event_type, leader.actor2) == ("Attack", "Civilians")


def test_extract_gunmen_who_loot_are_no_rioters_a_mission_launched_is_no_fire_and_both_neighbours_place_nothing(
    pipe,
):
    convoy = one(
        pipe,
        "Gunmen attacked a convoy of trucks carrying food aid on the road near Dilling in South Kordofan on "
        "Tuesday, killing two aid workers. Three trucks were looted.",
        date(2024, 6, 19),
    )
    assert (convoy.event_type, convoy.location) == ("Violence against civilians", "Dilling")
    market = one(
        pipe,
        "At least 12 people were killed on Friday when gunmen on motorbikes attacked a weekly market near Tessit, "
        "in the Gao region close to the borders with Niger and Burkina Faso. The attackers also set fire to stalls.",
        date(2024, 8, 11),
    )
    assert (market.sub_event_type, market.location, market.country) == ("Attack", "Tessit", "Mali")
    assert not events(
        pipe, "Aspides, launched in February, escorts merchant ships through the Red Sea.", date(2024, 3, 21)
    )


def test_extract_a_gazetteer_name_opening_with_an_ayin_mark_is_found_as_reports_write_it(pipe):
    """GeoNames writes "‘Amuda"; reports write "Amuda", and the event is placed there."""
    text = "A Turkish drone hit a pickup truck outside Amuda on Tuesday, killing two members of the SDF."
    e = one(pipe, text)
    assert (e.location, e.admin1, e.country) == ("Amuda", "Al-Hasakah", "Syria")


def test_extract_an_event_a_day_before_the_one_told_is_dated_by_it(pipe):
    """ "The raids came a day after gunmen attacked a post in X": the attack is its own event, on the
    day before the raids; counted from another event, it needs a place below a country."""
    text = (
        "Iraqi aircraft bombed Islamic State hideouts in the Hamrin mountains on Wednesday, killing four militants. "
        "The raids came a day after Islamic State fighters stormed an army post in the Mutaibijah area of "
        "Salahuddin province, killing three soldiers."
    )
    found = {e.location: e for e in events(pipe, text, date(2024, 3, 8))}
    post = found["Mutaibijah"]
    assert post.event_date == date(2024, 3, 5) and post.sub_event_type == "Armed clash"
    assert post.actor1 == "Islamic State" and post.fatalities == 3
    assert found["Hamrin"].event_date == date(2024, 3, 6)
    vague = (
        "A drone struck a U.S. base in Syria on Monday. The attack came two days after U.S. strikes on "
        "dozens of targets in Iraq and Syria."
    )
    assert [e.event_date for e in events(pipe, vague, date(2024, 2, 6))] == [date(2024, 2, 5)]


def test_extract_what_a_group_still_does_and_the_risk_of_attack_are_no_events(pipe):
    text = (
        "Islamic State cells still mount hit-and-run attacks in the valleys between Kirkuk and Diyala. "
        "Ships linked to Israel remain at high risk of attack in the Red Sea."
    )
    assert events(pipe, text) == []


def test_extract_one_person_described_between_commas_is_one_casualty(pipe):
    e = one(
        pipe,
        "A Russian drone hit a bus stop in Kherson on Friday, killing a woman. A second woman, a nurse on her "
        "way to work, was wounded.",
    )
    assert (e.fatalities, e.injuries) == (1, 1)


def test_extract_the_next_day_the_story_goes_on_where_it_was_told(pipe):
    """ "The next day, the air force struck ...": a new event a day later, where the report was,
    by the forces of the country the report is about (its divisions count, not only its name)."""
    text = (
        "NIAMEY - Nine Nigerien soldiers were killed when their convoy was ambushed near Bankilare in the "
        "Tillaberi region on Sunday, the army said. The attackers fled towards the border with Burkina Faso. "
        "The next day, the air force struck a group of motorbikes near the border with Burkina Faso, "
        "the army said."
    )
    found = sorted(events(pipe, text, date(2024, 5, 15)), key=lambda e: e.event_date)
    assert [(e.sub_event_type, e.location, e.event_date) for e in found] == [
        ("Armed clash", "Bankilare", date(2024, 5, 12)),
        ("Air/drone strike", "Bankilare", date(2024, 5, 13)),
    ]
    assert found[1].actor1 == "Nigerien Armed Forces"


def test_extract_a_group_active_beyond_its_home_is_the_one_an_unnamed_side_refers_to(pipe):
    """actors.yaml active_in: the Islamic State Sahel Province (home Mali) fights in Niger too."""
    text = (
        "The Islamic State Sahel Province claimed an ambush on a patrol near Abala in Niger's Tillaberi "
        "region on Saturday. The attackers set fire to two army trucks before leaving."
    )
    for e in events(pipe, text, date(2024, 4, 2)):
        assert e.actor1 == "Islamic State Sahel Province", (e.sub_event_type, e.actor1)


def test_extract_a_third_partys_account_in_the_pluperfect_is_a_new_event(pipe):
    """ "The governor said that a drone had struck an ambulance in X": not the speaker's own act told
    again (compare "the ministry said it had struck"), so a second event beside the fighting."""
    text = (
        "Ukrainian and Russian troops fought in the town of Sudzha in Russia's Kursk region on Wednesday. "
        "The regional governor said on Wednesday that a Ukrainian drone had struck an ambulance in Sudzha, "
        "killing a paramedic."
    )
    kinds = sorted(e.sub_event_type for e in events(pipe, text, date(2024, 8, 8)))
    assert kinds == ["Air/drone strike", "Armed clash"]


def test_extract_a_blame_with_its_source_between_the_words_and_a_period_of_the_side(pipe):
    """ "was attributed by residents to the RSF": the side blamed; "the RSF, which have besieged El
    Fasher since May" says what the side does, and does not make the shelling a trend."""
    text = (
        "Shelling hit a camp for displaced people in El Fasher on 12 September 2024, killing eight people.\n\n"
        "The shelling of the camp was attributed by residents to the Rapid Support Forces, which have besieged "
        "El Fasher since May."
    )
    e = one(pipe, text, None)
    assert (e.actor1, e.event_date, e.fatalities) == ("Rapid Support Forces", date(2024, 9, 12), 8)


def test_extract_the_wreckage_of_a_drone_where_drones_were_downed_is_the_attackers(pipe):
    text = (
        "Russian air defences destroyed 18 Ukrainian drones over the Belgorod region overnight, the ministry "
        "said. In the city of Belgorod, the wreckage of a drone fell on a garage, injuring a man."
    )
    hit = next(e for e in events(pipe, text, date(2024, 5, 20)) if e.sub_event_type == "Air/drone strike")
    assert (hit.actor1, hit.location) == ("Ukrainian Armed Forces", "Belgorod")


def test_extract_where_the_wounded_were_treated_is_not_where_it_happened(pipe):
    """ "at around 10 a.m. Three wounded men were taken to a clinic in Gao": a new sentence after
    "a.m.", and Gao is where they were treated."""
    text = (
        "A Malian army drone struck a gold-mining site near Intahaka, in the Gao region, on 17 March 2024, "
        "killing nine civilians. The drone hit a crowd of miners at around 10 a.m. Three wounded men were taken "
        "to a clinic in Gao."
    )
    e = one(pipe, text, date(2024, 3, 28))
    assert (e.location, e.fatalities, e.injuries) == ("Intahaka", 9, 3)


def test_extract_rioters_and_the_arrests_that_ended_the_riot(pipe):
    """Demonstrators who storm and burn are ACLED's rioters; the arrests that end it are part of it."""
    text = (
        "Hundreds of demonstrators stormed the Danish embassy in Baghdad on Thursday and set fire to its gate. "
        "Security forces later cleared the building and arrested 15 people."
    )
    e = one(pipe, text, date(2023, 7, 21))
    assert (e.sub_event_type, e.actor1) == ("Violent demonstration", "Rioters")


def test_extract_a_claim_told_after_the_next_event_finds_the_attack_it_claims(pipe):
    """ "The next morning" dates the raid; "IS later claimed the checkpoint attack" claims the attack,
    not the raid told just before, and arrests are claimed by nobody."""
    text = (
        "Islamic State gunmen opened fire on an SDF checkpoint outside Hajin in Deir ez-Zor on Saturday, "
        "killing two fighters. The next morning, SDF units raided the village of Al-Bahra and arrested four "
        "suspects, the SDF said in a statement. The Islamic State later claimed the checkpoint attack."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 2, 26))}
    assert found["Armed clash"].claimed_by == "Islamic State"
    assert found["Arrests"].claimed_by is None
    assert found["Arrests"].event_date == date(2024, 2, 25)


def test_extract_a_missile_that_splashed_near_a_ship_is_an_attack_that_missed(pipe):
    text = (
        "A missile splashed into the sea close to a bulk carrier about 20 nautical miles west of Mokha on "
        "Friday, causing no damage, and U.S. officials blamed the Houthis."
    )
    e = one(pipe, text, date(2024, 6, 22))
    assert (e.sub_event_type, e.actor1, e.country) == (
        "Shelling/artillery/missile attack",
        "Houthis",
        "Red Sea",
    )


def test_extract_a_side_increasingly_using_drones_is_no_event(pipe):
    text = "The RSF has increasingly used long-range drones to hit targets far from the front lines."
    assert events(pipe, text) == []


def test_extract_towns_listed_before_a_plural_division_word_are_divisions(pipe):
    """ "over the Kursk and Belgorod regions": both regions, not the two cities."""
    text = (
        "MOSCOW - Russian air defences destroyed 12 Ukrainian drones over the Kursk and Belgorod regions "
        "overnight, Russia's Defence Ministry said on Thursday."
    )
    found = sorted((e.location, e.admin1) for e in events(pipe, text, date(2024, 5, 9)))
    assert found == [("Belgorod Oblast", "Belgorod Oblast"), ("Kursk Oblast", "Kursk Oblast")]


def test_extract_a_regional_post_that_never_names_its_country_places_its_villages(pipe):
    # every town lies only in Ukraine: together they say where the report is, with no "Ukraine"
    text = (
        "Sumy region: the night of 2 March\n\n"
        "Over the past day the Russians carried out 41 attacks on the border areas, striking eleven communities.\n\n"
        "Bilopillia community: the enemy dropped three guided aerial bombs on the town. An elderly woman was "
        "killed and three men were wounded.\n\n"
        "Yunakivka community: a drone hit a tractor outside Yunakivka. The driver was wounded."
    )
    found = events(pipe, text, date(2024, 3, 3))
    by_place = {e.location: e for e in found}
    assert set(by_place) == {"Bilopillia", "Yunakivka"}  # the count of 41 attacks is no event
    bombs = by_place["Bilopillia"]
    assert (bombs.sub_event_type, bombs.actor1, bombs.admin1) == (
        "Air/drone strike",
        "Russian Armed Forces",
        "Sumy",
    )
    assert (bombs.fatalities, bombs.injuries) == (1, 3)  # the three men are the wounded, not the dead
    assert "aircraft" in bombs.weapons
    assert all(e.event_date == date(2024, 3, 2) for e in found)  # the heading's day, in the post's year


def test_extract_dropped_is_an_event_word_only_with_a_weapon_after_it(pipe):
    assert events(pipe, "Prosecutors in Gao dropped the charges against two men on Monday.") == []
    e = one(pipe, "A drone dropped two grenades on an army post near Gao on Monday, wounding a soldier.")
    assert e.location == "Gao" and e.injuries == 1


def test_extract_arabic_article_spellings_find_the_gazetteer_town(pipe):
    # GeoNames writes "An Nuhud"; reports write "Al-Nuhud" or "El Nuhud"
    for spelling in ("Al-Nuhud", "El Nuhud", "An Nuhud"):
        e = one(pipe, f"The RSF shelled {spelling} in West Kordofan on Monday, killing four civilians.")
        assert (e.admin1, e.place_id) == ("West Kordofan", "gn:378699"), spelling


def test_extract_a_district_seat_with_no_population_figure_is_a_place(pipe):
    e = one(pipe, "Gunmen attacked an army post in Tessalit, Mali, on Monday, killing three soldiers.")
    assert (e.location, e.admin1) == ("Tessalit", "Kidal")


def test_extract_what_witnesses_heard_is_the_event_already_told(pipe):
    text = (
        "Turkish warplanes struck PKK positions in the Gara mountains on Sunday, local officials said.\n\n"
        "The defence ministry said 11 militants had been neutralised.\n\n"
        "Villagers in the Amedi district said they had heard heavy bombardment through the night."
    )
    found = events(pipe, text)
    assert [e.location for e in found] == ["Gara"]


def test_extract_a_said_and_that_sentence_with_two_days_tells_two_events(pipe):
    text = (
        "Residents said at least nine civilians were killed in Al-Nuhud on Tuesday when shells fell on a "
        "market during the fighting, and that RSF fighters looted the hospital on Wednesday."
    )
    found = sorted(events(pipe, text, date(2024, 5, 2)), key=lambda e: e.event_date)
    assert [(e.event_date, e.sub_event_type) for e in found] == [
        (date(2024, 4, 30), "Shelling/artillery/missile attack"),  # the fighting is when, not what
        (date(2024, 5, 1), "Looting/property destruction"),
    ]
    assert found[0].fatalities == 9 and found[1].actor1 == "Rapid Support Forces"


def test_extract_its_forces_are_the_speakers(pipe):
    e = one(
        pipe,
        "U.S. Central Command said separately that its forces had destroyed two Houthi uncrewed surface "
        "vessels in the Red Sea on Friday.",
    )
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Disrupted weapons use", "US forces", "Houthis")


def test_extract_a_communique_balance_counts_the_soldiers_killed_not_killers(pipe):
    text = (
        "On 4 May 2024, an army patrol was ambushed by armed terrorists near Dioura, in the Segou region. "
        "Balance: on our side, three soldiers killed and five wounded; on the enemy side, 20 terrorists "
        "neutralised."
    )
    e = one(pipe, text, date(2024, 5, 6))
    assert (e.actor1, e.actor2) == ("Unidentified armed group", "Malian Armed Forces")
    assert (e.fatalities, e.injuries) == (3, 5)


def test_extract_personnel_evaluated_for_brain_injuries_are_not_yet_injured(pipe):
    text = (
        "Militants fired rockets at Al-Asad Air Base on Saturday. Several U.S. personnel were being "
        "evaluated for traumatic brain injuries, and one Iraqi soldier was wounded."
    )
    assert one(pipe, text).injuries == 1


def test_extract_regime_forces_are_the_government_of_the_country_told_of(pipe):
    text = (
        "IDLIB - Regime forces fired artillery shells at Ariha in the Idlib countryside on Sunday, killing "
        "a child. Hayat Tahrir al-Sham said its fighters hit a regime position near Saraqib in response, "
        "killing two soldiers."
    )
    found = {e.actor1: e for e in events(pipe, text, date(2024, 2, 19))}
    assert set(found) == {"Syrian Armed Forces", "Hayat Tahrir al-Sham"}
    assert found["Syrian Armed Forces"].location == "Ariha"
    reply = found["Hayat Tahrir al-Sham"]
    assert (reply.actor2, reply.fatalities) == ("Syrian Armed Forces", 2)  # "in response," names no event


def test_extract_a_country_after_in_western_is_where_not_who(pipe):
    e = one(
        pipe, "Iranian-backed militants in western Iraq launched rockets at Al-Asad Air Base on Saturday."
    )
    assert (e.actor1, e.actor2) == ("Unidentified Iran-backed militia", "US forces")


def test_extract_occasional_attacks_of_a_group_are_no_event(pipe):
    text = "Islamic State cells remain active between Kirkuk and Diyala, where they mount occasional attacks on shepherds."
    assert events(pipe, text) == []


def test_extract_a_bomb_no_group_claimed_is_not_the_reports_group(pipe):
    text = (
        "MOPTI - JNIM fighters attacked a checkpoint near Boni on Sunday, killing five soldiers.\n\n"
        "On Saturday, a bus hit a roadside bomb near Hombori, killing four passengers. No group claimed the blast."
    )
    by_place = {e.location: e for e in events(pipe, text, date(2024, 3, 4))}
    assert by_place["Hombori"].actor1 == "Unidentified armed group"
    assert by_place["Boni"].actor1 == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_extract_a_statement_of_the_side_hit_blaming_a_group_is_no_claim(pipe):
    text = (
        "Two PMF fighters were killed on Monday when a roadside bomb struck their vehicle near Tuz Khurmatu, "
        "a PMF statement said. The statement blamed the Islamic State group for the blast."
    )
    e = one(pipe, text, date(2024, 6, 11))
    assert (e.actor1, e.actor2, e.claimed_by) == ("Islamic State", "Popular Mobilization Forces", None)


def test_extract_a_condemnation_that_first_tells_an_attack_is_that_attack(pipe):
    text = (
        "The doctors' network condemns the drone attack carried out by the Rapid Support Forces on Shendi "
        "at dawn on Tuesday. The drones struck near the army's headquarters, killing three civilians. The army "
        "said its air defences had intercepted most of the drones."
    )
    e = one(pipe, text, date(2024, 4, 9))  # the drones stopped are part of the attack that got through
    assert (e.location, e.actor1, e.fatalities) == ("Shendi", "Rapid Support Forces", 3)


def test_extract_unidentified_drones_are_no_side_carried_over(pipe):
    text = (
        "Israeli air strikes near Al-Safira in the countryside of Aleppo killed 38 soldiers and five "
        "Hezbollah members early on Friday, a war monitor said. Hours later, unidentified drones attacked a "
        "position near Al-Bab, the monitor said."
    )
    by_place = {e.location: e for e in events(pipe, text, date(2024, 3, 29))}
    assert set(by_place) == {"Al-Safira", "Al Bab"}  # "As Safirah" in GeoNames
    assert by_place["Al-Safira"].fatalities == 43 and by_place["Al-Safira"].admin1 == "Aleppo"
    assert by_place["Al Bab"].actor1 == "Unidentified armed group"


def test_extract_an_event_told_after_the_sentence_names_its_day_back(pipe):
    text = (
        "The bulk carrier Tutor was taking on water in the Red Sea on Thursday after an explosives-laden "
        "drone boat rammed its stern west of Hodeidah the previous day."
    )
    e = one(pipe, text, date(2024, 6, 13))
    assert (e.event_date, e.country) == (date(2024, 6, 12), "Red Sea")


def test_extract_debris_of_what_was_shot_down_is_no_attack(pipe):
    text = (
        "Over the Belgorod district, air defence systems shot down six Ukrainian drones on Sunday. "
        "Debris fell on a field; there were no casualties."
    )
    e = one(pipe, text, date(2024, 5, 27))
    assert e.sub_event_type == "Disrupted weapons use"


def test_extract_a_side_shown_shelling_for_a_day_strikes_the_posts_towns(pipe):
    text = (
        "Over the past day the Armed Forces of Ukraine continued to shell the settlements of the Belgorod "
        "region.\n\nShebekino: an FPV drone struck a car on Lenin Street. Two men were killed on the spot."
    )
    e = one(pipe, text, date(2024, 5, 28))
    assert (e.location, e.actor1, e.fatalities) == ("Shebekino", "Ukrainian Armed Forces", 2)


def test_extract_an_attack_told_in_passing_keeps_its_claim_and_the_strikes_keep_their_toll(pipe):
    text = (
        "U.S. forces carried out strikes on three facilities used by Kataib Hezbollah near Hillah on Dec. 25.\n\n"
        "The strikes were a direct response to an attack earlier that day on Erbil Air Base, in which a "
        "one-way attack drone injured three U.S. service members. Kataib Hezbollah claimed responsibility "
        "for the drone attack.\n\n"
        "The strikes destroyed the facilities and likely killed a number of Kataib Hezbollah militants."
    )
    found = {e.location: e for e in events(pipe, text, date(2023, 12, 26))}
    strikes, attack = found["Hillah"], found["Erbil Air Base"]
    assert (strikes.actor1, strikes.actor2, strikes.fatalities) == ("US forces", "Kataib Hezbollah", 3)
    assert (attack.actor1, attack.claimed_by, attack.fatalities) == (
        "Kataib Hezbollah",
        "Kataib Hezbollah",
        0,
    )


def test_extract_the_verb_and_the_participle_of_a_count_tell_no_event(pipe):
    text = (
        "Over the past day the Russian army launched 62 attacks on the Kherson region, firing artillery and drones at "
        "21 settlements.\n\nBilozerka: a drone dropped explosives on a bus stop in the evening, wounding two women."
    )
    e = one(pipe, text, date(2024, 8, 10))
    assert (e.location, e.sub_event_type, e.injuries) == ("Bilozerka", "Air/drone strike", 2)
    assert "artillery" not in e.weapons  # the count's weapons are not this strike's


def test_extract_what_a_force_also_did_is_another_event(pipe):
    text = (
        "RSF fighters killed at least 34 people in the town of Al-Hilaliya in Al Jazirah state on Saturday. "
        "Activists said the paramilitary force had also abducted dozens of young men from the town."
    )
    found = sorted(e.sub_event_type for e in events(pipe, text, date(2024, 10, 27)))
    assert found == ["Abduction/forced disappearance", "Attack"]


def test_extract_the_naval_forces_of_a_spokesmans_side_are_that_side(pipe):
    text = (
        "The spokesman for the Yemeni Armed Forces announced on Sunday that the naval forces had targeted the "
        "ship Pumba in the Arabian Sea with ballistic missiles."
    )
    e = one(pipe, text, date(2024, 7, 21))
    assert (e.actor1, e.claimed_by, e.country) == ("Houthis", "Houthis", "Arabian Sea")


@pytest.mark.parametrize(
    ("text", "published", "sides", "claimed_by"),
    [
        (  # a drone aimed at forces and shot down was stopped by those forces
            "Since Friday there have been two more attacks on U.S. forces by Iran-backed militia groups. On "
            "Tuesday, a one-way attack drone targeted U.S. troops at Al-Asad Air Base and was shot down by "
            "air defenses.",
            date(2024, 1, 11),
            ("US forces", "Unidentified Iran-backed militia"),
            None,
        ),
        (  # the air defence of the country an attack was aimed at stopped it
            "Overnight, Russia launched 40 attack drones at Ukraine, the Air Force said. "
            "Air defense shot down 31 of the drones over nine regions.",
            date(2024, 5, 2),
            ("Ukrainian Armed Forces", "Russian Armed Forces"),
            None,
        ),
        (  # those hurt by the debris of a stopped drone are not its owners
            "On Friday, U.S. forces engaged a one-way attack drone over Al-Asad Air Base, destroying it. "
            "Coalition troops suffered minor injuries when debris from the drone came down inside the base. "
            "The Islamic Resistance in Iraq said it was behind the attack.",
            date(2024, 1, 14),
            ("US forces", "Islamic Resistance in Iraq"),
            "Islamic Resistance in Iraq",
        ),
    ],
)
def test_extract_the_sides_of_an_interception(pipe, text, published, sides, claimed_by):
    e = one(pipe, text, published)
    assert e.sub_event_type == "Disrupted weapons use"
    assert (e.actor1, e.actor2) == sides
    assert e.claimed_by == claimed_by


def test_extract_the_group_refers_to_the_side_named_earlier_in_its_sentence(pipe):
    text = (
        "Rockets hit the Ain al-Asad air base on 3 May 2020. Officials blamed Kataib Hezbollah, and on "
        "4 May American aircraft struck two of the group's weapons depots near Al-Qaim."
    )
    found = {e.event_date: e for e in events(pipe, text, None)}
    assert found[date(2020, 5, 3)].actor1 == "Kataib Hezbollah"  # blamed, in a clause of its own
    strike = found[date(2020, 5, 4)]
    assert (strike.actor1, strike.actor2) == ("US forces", "Kataib Hezbollah")
    assert strike.location == "Al-Qaim"


def test_extract_whom_a_side_fights_is_no_clash_and_a_month_summary_gives_way_to_its_days(pipe):
    text = (
        "The Ain al-Asad attacks were two rocket attacks in April 2021 on Ain al-Asad air base, a base "
        "that housed troops of the coalition fighting the Islamic State. On 6 April 2021 rockets hit "
        "Ain al-Asad, wounding two coalition soldiers. On 19 April 2021 a second barrage hit Ain al-Asad."
    )
    found = events(pipe, text, None)
    assert sorted(e.event_date for e in found) == [date(2021, 4, 6), date(2021, 4, 19)]
    assert all(e.sub_event_type == "Shelling/artillery/missile attack" for e in found)
    first = next(e for e in found if e.event_date == date(2021, 4, 6))
    assert first.actor2 == "US-led coalition" and first.injuries == 2


def test_extract_a_ship_named_after_a_town_is_no_place(pipe):
    text = (
        "A bulk carrier was struck by a missile about 30 nautical miles west of Mokha on Monday, UKMTO said. "
        "The Houthis said their naval forces had targeted the ship Bentley I with missiles."
    )
    e = one(pipe, text, date(2024, 7, 2))
    assert e.country == "Red Sea" and e.claimed_by == "Houthis"


def test_extract_a_fight_that_began_at_dawn_is_a_fight_not_a_campaign_begun(pipe):
    text = (
        "Fighting began at dawn on Monday, when RSF units attacked the army garrison in Babanusa with "
        "armoured vehicles and drones, residents said."
    )
    e = one(pipe, text, date(2025, 1, 21))
    assert e.sub_event_type == "Armed clash" and e.event_date == date(2025, 1, 20)


def test_extract_what_a_side_has_done_with_a_place_since_a_year_blocks_no_strike(pipe):
    text = (
        "The army said its aircraft had bombed RSF positions around Al-Fula, which the paramilitaries "
        "have held since 2024, on Sunday."
    )
    e = one(pipe, text, date(2025, 1, 21))
    assert e.sub_event_type == "Air/drone strike" and e.location == "Al-Fula"


def test_extract_one_more_person_after_a_count_of_two_words(pipe):
    e = one(
        pipe,
        "A rocket hit a base near Kirkuk on Monday, killing two American soldiers and a British army medic.",
    )
    assert e.fatalities == 3


def test_extract_drones_that_neutralised_fighters_struck_them(pipe):
    text = "On Monday, the army said air force drones had neutralised several dozen terrorists near Kaya."
    e = one(pipe, text, date(2024, 6, 12))
    assert e.sub_event_type == "Air/drone strike" and e.location == "Kaya"
    assert e.fatalities == 0  # a side's own claim of enemies "neutralised" is not counted (tests/corpus)


def test_extract_a_claim_released_by_a_media_arm_dates_the_claim_not_the_ambush(pipe):
    text = (
        "At least ten soldiers were killed on Tuesday when their convoy was ambushed near Djibo, security "
        "sources said. The attackers also set fire to two trucks. JNIM claimed the ambush in a statement "
        "released by its az-Zallaqa media arm on Wednesday."
    )
    e = one(pipe, text, date(2024, 6, 13))
    assert (e.sub_event_type, e.event_date, e.location) == ("Armed clash", date(2024, 6, 11), "Djibo")
    assert e.claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_extract_the_first_of_those_hit_is_the_side_acted_upon(pipe):
    text = (
        "At least nine soldiers and four members of the Volunteers for the Defence of the Homeland were "
        "killed on Sunday when jihadists ambushed their patrol near Djibo."
    )
    e = one(pipe, text, date(2024, 6, 18))
    assert (e.actor1, e.actor2, e.fatalities) == ("Unidentified armed group", "Burkina Faso Armed Forces", 13)


def test_extract_an_attack_on_a_base_with_its_toll_and_arson_stays_one_attack(pipe):
    text = (
        "On 3 May 2024, JNIM fighters attacked the military camp at Boulkessi. More than 40 people were "
        "killed, most of them soldiers, and some 30 were wounded. JNIM said its fighters had destroyed "
        "two helicopters at the camp. A second group reached the depot, where it set fire to fuel trucks."
    )
    e = one(pipe, text, None)
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert (e.actor1, e.fatalities, e.injuries) == ("Jama'at Nusrat al-Islam wal-Muslimin", 40, 30)


def test_extract_in_the_past_24_hours_is_the_day_just_gone_not_history(pipe):
    text = (
        "In the past 24 hours, U.S. Central Command forces destroyed two Houthi uncrewed surface vessels in "
        "the Red Sea. No injuries or damage were reported."
    )
    e = one(pipe, text, date(2024, 8, 15))
    assert (e.sub_event_type, e.actor1, e.actor2, e.country) == (
        "Disrupted weapons use",
        "US forces",
        "Houthis",
        "Red Sea",
    )


def test_extract_the_weapons_a_site_holds_do_not_type_a_strike_on_it(pipe):
    text = (
        "U.S. forces struck three facilities used by Kataib Hezbollah in Iraq early on Wednesday. The strikes "
        "targeted storage and training locations for rocket, missile, and one-way attack UAV "
        "capabilities, at Jurf al-Sakhar and Al-Qaim."
    )
    found = events(pipe, text, date(2024, 1, 24))
    assert sorted(e.location for e in found) == ["Al-Qaim", "Jurf al-Sakhar"]
    assert all(e.sub_event_type == "Air/drone strike" and e.actor2 == "Kataib Hezbollah" for e in found)


def test_extract_the_killing_of_civilians_by_a_side_and_what_it_came_days_after(pipe):
    text = (
        "The Wad Ashana massacre was the killing of civilians by the Rapid Support Forces in the village of "
        "Wad Ashana on 4 November 2024, when fighters shot at least 30 residents. The attack came days after "
        "a local commander defected to the army on 1 November."
    )
    e = one(pipe, text, None)
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Attack", "Rapid Support Forces", "Civilians")
    assert e.event_date == date(2024, 11, 4)


def test_extract_a_village_some_kilometres_from_a_town_is_one_place(pipe):
    text = (
        "Gunmen killed 12 civilians on Monday in the village of Inekar, about 40 kilometres west of Menaka, "
        "officials said."
    )
    e = one(pipe, text, date(2024, 4, 10))
    assert e.location == "Inekar" and e.fatalities == 12


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        # the word right after a number says whom it counts, whatever follows it
        (
            "Four civilians were killed and 11 wounded when shells fell on a market in Babanusa on Monday.",
            4,
            11,
        ),
        # a crew said to be safe: no one killed or hurt
        ("A missile struck a bulk carrier west of Mokha on Monday, UKMTO said. All crew were safe.", 0, 0),
        # (only the crew as a whole: "the other crew were safe" says nothing of the dead)
        (
            "A missile struck a bulk carrier west of Mokha on Monday, killing two sailors. The other crew were safe.",
            2,
            None,
        ),
    ],
)
def test_extract_casualties_counted_with_what_follows_and_a_crew_safe(pipe, text, fatalities, injuries):
    e = one(pipe, text, date(2025, 1, 21))
    assert (e.fatalities, e.injuries) == (fatalities, injuries)


def test_extract_a_day_of_telling_just_after_the_day_of_a_fight_at_one_place_is_that_fight(pipe):
    text = (
        "The army said on Tuesday it had repelled a large assault by the Rapid Support Forces on its "
        "garrison in Babanusa, killing more than 70 attackers. Fighting began at dawn on Monday, when RSF "
        "units attacked the garrison with armoured vehicles and drones, residents said."
    )
    e = one(pipe, text, date(2025, 1, 21))
    assert (e.sub_event_type, e.event_date, e.fatalities) == ("Armed clash", date(2025, 1, 20), 70)
    assert (e.actor1, e.actor2) == ("Rapid Support Forces", "Sudanese Armed Forces")


def test_extract_a_helicopter_raid_is_a_fight_and_other_dead_add_to_the_toll(pipe):
    text = (
        "On Aug. 11, CENTCOM forces conducted a helicopter raid in eastern Syria that killed a senior ISIS "
        "official. Two other ISIS operatives were killed in the raid, which took place near Al-Busayrah."
    )
    e = one(pipe, text, date(2024, 8, 12))
    assert (e.event_type, e.sub_event_type, e.location) == ("Battles", "Armed clash", "Al-Busayrah")
    assert (e.actor1, e.actor2, e.fatalities) == ("US forces", "Islamic State", 3)


def test_extract_one_event_for_each_day_a_list_gives(pipe):
    text = "The RSF's drone attacks on Port Sudan on May 4 and May 5 struck the airport and a fuel depot."
    found = events(pipe, text, date(2025, 5, 6))
    assert sorted(e.event_date for e in found) == [date(2025, 5, 4), date(2025, 5, 5)]
    assert {e.location for e in found} == {"Port Sudan"}


def test_extract_deaths_with_no_number_are_three(pipe):
    e = one(pipe, "Army airstrikes killed civilians in a market in Nyala on Saturday.", date(2025, 5, 6))
    assert e.fatalities == 3


def test_extract_a_compass_word_before_a_country_is_no_division(pipe):
    text = (
        "U.S. Strikes Weapons Facility in Eastern Syria\n\nU.S. aircraft struck a weapons storage facility "
        "used by Iran's Islamic Revolutionary Guard Corps, officials said Wednesday. The strike hit the "
        "facility near Al-Mayadin in Deir ez-Zor province."
    )
    e = one(pipe, text, date(2023, 11, 9))
    assert (e.country, e.admin1, e.actor1, e.actor2) == ("Syria", "Deir ez-Zor", "US forces", "Iran")


def test_extract_the_year_of_what_a_period_began_with_dates_nothing_after_it(pipe):
    text = (
        "On 13 April 2025 two ballistic missiles struck the centre of Sumy, killing 35 people. The city has "
        "been struck repeatedly since the incursion into Kursk Oblast in August 2024. Nine days earlier, on "
        "4 April, a missile strike on Kryvyi Rih had killed 20 people."
    )
    found = {e.location: e for e in events(pipe, text, None)}
    assert found["Kryvyi Rih"].event_date == date(2025, 4, 4)


def test_extract_the_next_attack_at_sea_is_at_sea_and_dated_by_its_start(pipe):
    text = (
        "On 6 July 2025, Houthi fighters attacked the bulk carrier Magic Seas in the Red Sea with drone boats. "
        "The next day the Houthis attacked the Eternity C with drone boats in an assault that continued "
        "into 8 July."
    )
    found = sorted(events(pipe, text, None), key=lambda e: e.event_date)
    assert [e.event_date for e in found] == [date(2025, 7, 6), date(2025, 7, 7)]
    assert all(e.country == "Red Sea" for e in found)


def test_extract_a_village_near_which_a_site_lies_in_a_named_division(pipe):
    text = "The strike, which hit the facility near Maysalun in Deir ez-Zor province, destroyed it, officials said Wednesday."
    e = one(pipe, "U.S. jets struck a weapons facility in Syria on Wednesday. " + text, date(2023, 11, 9))
    assert (e.location, e.admin1, e.country) == ("Maysalun", "Deir ez-Zor", "Syria")


def test_extract_a_flash_update_with_its_highlights_an_unknown_striker_and_named_sides(pipe):
    text = (
        "HIGHLIGHTS\n- Fighting continues around Um Kadada in North Darfur.\n\nSITUATION OVERVIEW\n"
        "On 14 March a drone struck the main market in Zalingei, Central Darfur, killing six civilians. It is "
        "not known who carried out the strike. On 13 March, heavy clashes between the Sudanese Armed Forces "
        "(SAF) and the Rapid Support Forces (RSF) were reported in Um Kadada."
    )
    found = {e.location: e for e in events(pipe, text, date(2025, 3, 15))}
    assert sorted(found) == ["Um Kadada", "Zalingei"]
    assert found["Zalingei"].actor1 == "Unidentified armed group"
    assert (found["Um Kadada"].actor1, found["Um Kadada"].actor2) == (
        "Sudanese Armed Forces",
        "Rapid Support Forces",
    )
    assert found["Um Kadada"].event_date == date(2025, 3, 13)


def test_extract_two_days_of_one_month_are_two_events_and_the_toll_goes_to_the_first(pipe):
    text = (
        "Militiamen killed Fulani civilians in and around Solenzo on 10 and 11 March 2025. Human Rights "
        "Watch said at least 58 people were killed."
    )
    found = {e.event_date: e for e in events(pipe, text, None)}
    assert sorted(found) == [date(2025, 3, 10), date(2025, 3, 11)]
    assert found[date(2025, 3, 10)].fatalities == 58


def test_extract_a_strike_in_the_area_is_where_the_account_just_given_is(pipe):
    text = (
        "Islamic State militants attacked an army post in the Dibis district of Kirkuk province at dawn on "
        "Saturday, killing two soldiers. An army aircraft later struck a hideout in the area, killing three "
        "militants, officials said."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 6, 2))}
    assert found["Air/drone strike"].location == "Dibis"
    assert found["Air/drone strike"].fatalities == 3


def test_extract_no_us_personnel_hurt_is_none_hurt(pipe):
    e = one(pipe, "A drone struck Tower 22 on Sunday. No U.S. service members were hurt.", date(2024, 1, 29))
    assert (e.fatalities, e.injuries) == (0, 0)


def test_extract_its_fighters_after_a_speaker_are_the_speakers(pipe):
    text = (
        "Kataib Hezbollah fighters fired rockets at Ain al-Asad air base on Saturday. Separately, the Syrian "
        "Democratic Forces said on Monday that six of its fighters had been killed when a drone struck the "
        "Al-Omar oil field base on Sunday."
    )
    found = {e.location: e for e in events(pipe, text, date(2024, 2, 5))}
    assert found["Al-Omar oil field"].actor2 == "Syrian Democratic Forces"


def test_extract_a_span_between_two_days_is_not_two_events(pipe):
    text = "Russian forces shelled Nikopol between 6 and 18 August 2024, killing three civilians."
    e = one(pipe, text, None)
    assert (e.event_date, e.location, e.fatalities) == (None, "Nikopol", 3)  # a span fixes no one day


# -- batch 31: weapons kept, places listed with their own prepositions, tolls and their sources ----


def test_weapons_a_site_stores_do_not_type_the_strike_and_places_listed_with_in_are_two(pipe):
    text = (
        "U.S. aircraft struck Houthi targets in Yemen on Tuesday. The strikes hit bunkers near Hodeidah "
        "and in Hajjah governorate where the Houthis keep the missiles they have fired at merchant ships."
    )
    found = events(pipe, text)
    assert sorted((e.location or e.admin1) for e in found) == ["Hajjah", "Hodeidah"]
    for e in found:
        assert e.sub_event_type == "Air/drone strike"  # (the missiles kept there struck nothing)
        assert (e.actor1, e.actor2) == ("US forces", "Houthis")  # (not the crews of the ships)


def test_a_demonstration_of_ability_is_no_protest(pipe):
    text = (
        "U.S. bombers struck weapons depots in Yemen on Tuesday. The raid was a demonstration of the "
        "United States' ability to reach buried sites anywhere in the world, officials said."
    )
    assert [e.sub_event_type for e in events(pipe, text)] == ["Air/drone strike"]


def test_a_country_wide_account_placed_by_one_sentence_keeps_its_toll(pipe):
    text = (
        "On Jan. 3, U.S. forces conducted an airstrike in northwest Syria, killing Abu Yusuf al-Halabi, "
        "a senior leader in Hurras al-Din. The strike was carried out near Idlib."
    )
    e = one(pipe, text)
    assert (e.location, e.fatalities, e.actor2) == ("Idlib", 1, "Hurras al-Din")


def test_an_official_with_three_words_before_is_one_dead_and_denied_civilians_are_not_hit(pipe):
    text = (
        "On Jan. 3, U.S. aircraft struck a compound near Idlib, killing a senior media and logistics "
        "official of Hurras al-Din. There is no indication that any civilians were harmed in the strike."
    )
    e = one(pipe, text)
    assert (e.fatalities, e.actor2) == (1, "Hurras al-Din")


def test_a_toll_beside_the_deadliest_since_is_counted_and_a_subset_is_not_the_count(pipe):
    text = (
        "Russian forces struck the city of Vinnytsia with cruise missiles on Friday. At least 27 people, "
        "several of them children, were killed and more than 60 were injured, the deadliest attack on the "
        "city since the start of the invasion."
    )
    e = one(pipe, text, date(2024, 1, 7))
    assert (e.location, e.fatalities, e.injuries) == ("Vinnytsia", 27, 60)


def test_missiles_fired_from_bombers_are_a_missile_strike_and_one_event(pipe):
    text = (
        "Russian forces struck Vinnytsia with cruise missiles on Friday, killing 12 civilians. Kh-101 "
        "missiles fired from strategic bombers hit two apartment blocks in the centre of Vinnytsia."
    )
    e = one(pipe, text)
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert "aircraft" not in e.weapons


def test_the_side_that_launched_what_was_shot_down_is_the_one_stopped(pipe):
    text = (
        "Overnight, Russia launched 120 drones and 10 missiles at Ukraine, according to the Ukrainian "
        "Air Force, which said most of them had been shot down."
    )
    e = one(pipe, text)
    assert e.sub_event_type == "Disrupted weapons use"
    assert (e.actor1, e.actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")


def test_pressure_on_a_capital_names_no_place(pipe):
    assert events(pipe, "Zelenskyy said the attack showed that pressure on Moscow was not enough.") == []


def test_a_word_of_a_compound_adjective_names_no_side(pipe):
    text = (
        "Russian missiles struck Vinnytsia on Friday, killing 12 civilians. Russia's defence ministry said "
        "it had struck military-industrial facilities in Vinnytsia."
    )
    e = one(pipe, text)
    assert (e.location, e.actor2) == ("Vinnytsia", "Civilians")


def test_a_district_and_an_oil_field_the_gazetteer_lacks_are_placed_by_name(pipe):
    text = (
        "On Friday, an army drone struck an RSF base in the Sharq Hillat district across the river, "
        "residents said. A drone hit the Bardarash oil field in Duhok province on Saturday; no one was hurt."
    )
    found = {e.location: e for e in events(pipe, text, date(2025, 2, 2))}
    assert {"Sharq Hillat", "Bardarash"} <= set(found)
    assert found["Bardarash"].admin1 == "Duhok"


def test_a_dateline_day_gives_way_to_the_weekday_of_the_event(pipe):
    text = (
        "PORT SUDAN, Feb 2 -- Shells fired by the Rapid Support Forces hit a market in Omdurman on "
        "Saturday, killing 20 people."
    )
    assert one(pipe, text, date(2025, 2, 2)).event_date == date(2025, 2, 1)


def test_greater_city_is_its_division_and_the_dead_described_are_not_counted_again(pipe):
    text = (
        "Shells fired by the Rapid Support Forces hit a market in Omdurman on Saturday, killing 20 people. "
        "The shells struck the market in the west of the city, part of greater Khartoum, at midday. "
        "Officials said most of the dead were women."
    )
    e = one(pipe, text, date(2025, 2, 2))
    assert (e.location, e.fatalities) == ("Omdurman", 20)


def test_a_sides_claimed_toll_gives_way_to_a_lower_count_from_elsewhere(pipe):
    text = (
        "On Sunday, JNIM fighters attacked the army camp at Mondoro in the Mopti region. In a statement "
        "the group claimed it had killed more than 80 soldiers. The army said it had repelled the assault "
        "and that 12 soldiers had been killed."
    )
    e = one(pipe, text)
    assert (e.actor1, e.fatalities, e.claimed_by) == ("Jama'at Nusrat al-Islam wal-Muslimin", 12,
                                                       "Jama'at Nusrat al-Islam wal-Muslimin")  # fmt: skip


def test_an_attack_told_by_its_year_alone_is_not_the_event_just_told(pipe):
    text = (
        "JNIM fighters attacked the army camp at Mondoro in the Mopti region on Sunday, killing nine "
        "soldiers. The camp had been attacked before, notably in 2019, when dozens of soldiers were killed."
    )
    e = one(pipe, text)
    assert e.fatalities == 9


def test_an_infobox_place_the_gazetteer_lacks_places_the_body(pipe):
    text = (
        "2024 Kourakou attack\n"
        "Location: Kourakou, Mopti Region, Mali\n"
        "Date: 3 May 2024\n\n"
        "The attack took place on 3 May 2024, when JNIM fighters stormed the army post at Kourakou. "
        "The militants overran parts of the post and held it for hours before withdrawing, using a car "
        "bomb to breach its walls."
    )
    e = one(pipe, text, None)
    assert (e.location, e.admin1, e.sub_event_type) == ("Kourakou", "Mopti", "Armed clash")


def test_a_fight_that_has_gone_on_past_the_places_named_is_history(pipe):
    text = "Fighting around El Fasher and in Gezira has cut off communities that aid workers once reached."
    assert events(pipe, text, date(2024, 9, 24)) == []


# -- batch 32: villages told apart, habits, arson of a strike, a war's own capital -------------------


def test_a_place_said_to_be_an_island_in_a_division_is_placed_by_name(pipe):
    text = "Militants overran the army post at Kirinta, an island in Lac province, on Sunday, killing 12 soldiers."
    e = one(pipe, text, date(2024, 10, 28))
    assert (e.location, e.admin1, e.country, e.fatalities) == ("Kirinta", "Lac", "Chad", 12)


def test_what_happens_again_and_again_is_no_event(pipe):
    for text in (
        "The Tillaberi region is the scene of frequent attacks by the Islamic State Sahel Province.",
        "The islands are used as hideouts by Boko Haram, which carry out raids on army positions in Chad.",
    ):
        assert events(pipe, text, date(2024, 12, 14)) == [], text


def test_another_group_killing_in_another_village_is_a_second_event_in_the_same_division(pipe):
    text = (
        "Gunmen killed 30 civilians in two villages in Niger's Tillaberi region on Thursday. Armed men "
        "attacked the village of Dinara, killing 19 people, before another group killed 11 people in the "
        "nearby village of Tamou Kwara."
    )
    found = {e.location: e for e in events(pipe, text, date(2024, 12, 14))}
    assert {k: (v.fatalities, v.admin1) for k, v in found.items()} == {
        "Dinara": (19, "Tillaberi"),
        "Tamou Kwara": (11, "Tillaberi"),
    }


def test_a_fire_a_strike_started_is_no_riot_but_one_protesters_started_is(pipe):
    from sitroom.model import Entity
    from sitroom.nlp.classify import classify

    fire = Entity(
        "trigger", 30, 41, "set fire to", "riot", 0, (("family", "riot"), ("sub", "Violent demonstration"))
    )
    strike = Entity("trigger", 0, 7, "strikes", "strike_verb", 0, (("family", "strike"),))
    stormed = Entity("trigger", 0, 7, "stormed", "attack_verb", 0, (("family", "attack"),))
    assert classify([strike, fire], [], pipe.lexicon, False, True).event_type != "Riots"
    assert classify([stormed, fire], [], pipe.lexicon, False, False).sub_event_type == "Violent demonstration"


def test_a_disclosure_months_later_dates_nothing(pipe):
    text = (
        "On 8 September, Israeli aircraft struck several military sites near Masyaf, Syrian state media said."
        "\n\nRaid\nIsrael disclosed in January 2025 that commandos had landed by helicopter near the site "
        "during the strikes and destroyed equipment."
    )
    e = one(pipe, text, date(2025, 1, 20))
    assert e.event_date == date(2024, 9, 8)


def test_a_war_at_home_is_fought_in_its_own_capital_and_a_bridge_names_no_state(pipe):
    text = (
        "PORT SUDAN, Sept 26 -- Sudan's army launched an offensive in the capital on Thursday, pounding "
        "Rapid Support Forces positions with artillery, as troops crossed the White Nile bridge."
    )
    e = one(pipe, text, date(2024, 9, 26))
    assert (e.location, e.actor1, e.actor2) == ("Khartoum", "Sudanese Armed Forces", "Rapid Support Forces")


# -- batch 33: a communique's own toll, its convoy attacked, its air force's strike -----------------


def test_a_toll_of_dead_and_wounded_counts_each_once(pipe):
    text = (
        "On Sunday, a convoy of the army was the target of a complex attack by armed terrorist groups near "
        "Ansongo, in the Gao region. On the friendly side, the toll is three dead and seven wounded."
    )
    e = one(pipe, text)
    assert (e.fatalities, e.injuries) == (3, 7)
    assert (e.actor1, e.actor2) == ("Unidentified armed group", "Malian Armed Forces")


def test_what_air_strikes_destroyed_was_hit_by_the_one_state_force_named(pipe):
    text = (
        "The same day, in the Timbuktu region, a reconnaissance flight by the air force spotted a gathering "
        "of terrorists near Ber, which was engaged and destroyed by air strikes."
    )
    e = one(pipe, text)
    assert (e.location, e.actor1, e.actor2) == ("Ber", "Malian Armed Forces", "Unidentified armed group")


# -- batch 34: a statement's cause told in passing, sides in one phrase, sums of days and areas -----


def test_a_cause_told_with_its_own_day_is_an_event_and_its_shared_toll_goes_to_no_one_place(pipe):
    text = (
        "In response to the American aggression against our country, which targeted civilian sites in the "
        "capital Sanaa and in Saada governorate yesterday, Saturday, killing 31 citizens, the missile force "
        "carried out an operation targeting the American aircraft carrier Harry Truman in the northern Red Sea with "
        "ballistic missiles."
    )
    found = {(e.location or e.admin1 or e.country): e for e in events(pipe, text, date(2025, 3, 16))}
    assert set(found) == {"Sanaa", "Saada", "Red Sea"}
    assert found["Red Sea"].event_date == date(2025, 3, 16) and found["Red Sea"].actor2 == "US forces"
    for where in ("Sanaa", "Saada"):
        e = found[where]
        assert (e.event_date, e.sub_event_type, e.actor1) == (
            date(2025, 3, 15),
            "Air/drone strike",
            "US forces",
        )
        assert e.fatalities in (0, None)  # (31 is both places' toll)


def test_clashes_between_two_sides_named_in_one_phrase(pipe):
    text = "On 12 June, clashes between the Sudanese Armed Forces and the RSF were reported near Dilling."
    e = one(pipe, text, date(2024, 6, 14))
    assert (e.actor1, e.actor2) == ("Sudanese Armed Forces", "Rapid Support Forces")


def test_people_killed_most_of_them_soldiers_is_a_fight(pipe):
    text = (
        "On 11 May, JNIM fighters attacked the town of Djibo in northern Burkina Faso, killing more than 100 "
        "people, most of them soldiers."
    )
    e = one(pipe, text, date(2025, 5, 12))
    assert (e.event_type, e.actor2) == ("Battles", "Burkina Faso Armed Forces")


def test_a_dam_is_placed_by_name_and_a_bridge_names_no_town(pipe):
    text = (
        "Fighting between the Syrian National Army and the Syrian Democratic Forces near the Tishrin dam in "
        "northern Syria killed 22 fighters on Saturday. Turkish drones struck SDF positions around the dam and "
        "the nearby Qara Qozak bridge. The SDF said it had repelled an attack on the dam."
    )
    found = events(pipe, text, date(2025, 1, 5))
    assert sorted((e.location, e.sub_event_type) for e in found) == [
        ("Tishrin", "Air/drone strike"), ("Tishrin", "Armed clash")]  # fmt: skip
    assert all(e.actor2 == "Syrian Democratic Forces" for e in found)


def test_sums_over_days_and_over_many_areas_are_no_event(pipe):
    for text in (
        "Turkey's defence ministry said its forces had neutralised 32 militants in northern Syria over the past two days.",
        "Aviation and artillery struck a fuel depot and concentrations of enemy personnel in 138 areas.",
    ):
        assert events(pipe, text, date(2025, 1, 5)) == [], text


def test_a_ministrys_own_group_of_forces_takes_ground_and_drones_downed_are_another_event(pipe):
    text = (
        "Units of the Centre group of forces liberated the settlement of Novohrodivka in the Donetsk People's "
        "Republic. Air defence systems shot down 47 Ukrainian unmanned aerial vehicles over the past day."
    )
    found = events(pipe, text, date(2024, 9, 20))
    capture = next(e for e in found if e.event_type == "Battles")
    assert (capture.location, capture.actor1, capture.weapons) == ("Novohrodivka", "Russian Armed Forces", ())


def test_in_a_ministrys_own_statement_its_units_are_its_army_and_the_enemy_the_other_side(pipe):
    text = (
        "On 20 September, units of the army repelled an enemy attack near Novohrodivka in the Donetsk region. "
        "The enemy lost up to 40 servicemen."
    )

    def coded(publisher):
        doc = Document(id=Document.make_id(text + publisher), text=text, published=date(2024, 9, 21),
                       publisher=publisher)  # fmt: skip
        return pipe.process(doc).mentions

    (told,) = coded("Ministry of Defence of the Russian Federation")
    assert (told.actor1, told.actor2) == ("Ukrainian Armed Forces", "Russian Armed Forces")
    (told,) = coded("General Staff of the Armed Forces of Ukraine")
    assert (told.actor1, told.actor2) == ("Russian Armed Forces", "Ukrainian Armed Forces")


# -- batch 35: fire on civilians, killings after abduction, a camp assault's outcome, a front's sectors -


def test_fire_on_fleeing_civilians_is_an_attack_in_the_town_and_a_tally_of_weeks_is_not_its_toll(pipe):
    text = (
        "Hundreds of civilians were killed in the following weeks, and on 15 June RSF fighters and militiamen "
        "fired on civilians fleeing El Geneina towards Chad, killing dozens."
    )
    e = one(pipe, text, date(2023, 6, 20))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Attack", "Rapid Support Forces", "Civilians")
    assert (e.location, e.fatalities, e.event_date) == ("El Geneina", 12, date(2023, 6, 15))


def test_a_governor_abducted_and_killed_is_one_killing_of_a_civilian(pipe):
    text = "Khamis Abakar, the governor of West Darfur state, was abducted and killed in El Geneina on 14 June 2023."
    e = one(pipe, text, None)
    assert (e.sub_event_type, e.actor2, e.fatalities) == ("Attack", "Civilians", 1)


def test_a_camp_assault_with_car_bombs_and_small_arms_is_a_fight_whose_outcome_is_its_toll(pipe):
    text = (
        "On 22 July 2022, JNIM fighters attacked the military camp of Kati with two car bombs and small arms. "
        "The army said the assault had been repelled, and that one soldier and seven attackers had been "
        "killed and eight assailants arrested."
    )
    e = one(pipe, text, None)
    assert (e.sub_event_type, e.fatalities) == ("Armed clash", 8)


def test_a_general_staffs_update_names_its_defence_forces_our_positions_and_the_occupiers(pipe):
    text = (
        "Over the past day, 155 combat clashes took place. The enemy launched two missile strikes and 68 air "
        "strikes. In the Kupiansk direction, the invaders attacked our positions near Kruhliakivka. Overnight, "
        "Ukrainian Defence Forces struck an ammunition depot of the occupiers in the area of Dzhankoi in Crimea."
    )
    doc = Document(id=Document.make_id(text), text=text, published=date(2024, 11, 3),
                   publisher="General Staff of the Armed Forces of Ukraine")  # fmt: skip
    found = {m.place.name if m.place else None: m for m in pipe.process(doc).mentions}
    assert set(found) == {"Kruhliakivka", "Dzhankoi"}  # (no event for the day's sums, none in "Kupiansk")
    assert (found["Kruhliakivka"].actor1, found["Kruhliakivka"].actor2) == (
        "Russian Armed Forces", "Ukrainian Armed Forces")  # fmt: skip
    assert (found["Dzhankoi"].actor1, found["Dzhankoi"].actor2) == (
        "Ukrainian Armed Forces",
        "Russian Armed Forces",
    )


def test_a_citys_district_told_with_its_possessive_is_the_city(pipe):
    text = "On Saturday, a missile strike on Kyiv's Dniprovskyi district damaged infrastructure."
    assert one(pipe, text, date(2023, 1, 15)).location == "Kyiv"


# -- batch 36: a palace taken after a night's fighting, an infobox village with a foreign namesake ----


def test_ground_taken_after_a_nights_fighting_is_one_capture_with_the_fights_toll(pipe):
    text = (
        "Sudan's army said on Friday it had taken full control of the presidential palace in central Khartoum. "
        "Soldiers filmed themselves inside the palace grounds after overnight fighting in which the army said it "
        "had killed dozens of RSF fighters."
    )
    e = one(pipe, text, date(2025, 3, 21))
    assert (e.sub_event_type, e.location, e.actor2, e.fatalities) == (
        "Government regains territory", "Khartoum", "Rapid Support Forces", 12)  # fmt: skip


def test_an_infobox_village_with_a_namesake_abroad_is_the_infobox_place(pipe):
    text = (
        "Karma massacre\nLocation: Karma, Nord Region, Burkina Faso\n\n"
        "The massacre was the killing of at least 156 civilians in the village of Karma in northern Burkina Faso "
        "on 20 April 2023."
    )
    e = one(pipe, text, None)
    assert (e.location, e.admin1, e.country) == ("Karma", "Nord", "Burkina Faso")


def test_checkpoints_seized_are_a_fight_for_them(pipe):
    text = "On Tuesday, tribal fighters seized several SDF checkpoints in the town of Dhiban, in Deir ez-Zor province."
    assert one(pipe, text, date(2023, 8, 30)).event_type == "Battles"


# -- batch 37: a toll told the next day, a city's district, a communique's numbers, a tracker's days ----


def test_a_toll_told_on_a_later_day_is_the_toll_of_the_event_just_told(pipe):
    text = (
        "Two Russian missiles struck the centre of Pokrovsk on Monday evening. "
        "At least seven people were killed and 81 wounded, the interior minister said on Tuesday."
    )
    e = one(pipe, text, date(2023, 8, 8))
    assert (e.event_date, e.fatalities, e.injuries) == (date(2023, 8, 7), 7, 81)


def test_a_district_named_after_a_strike_on_a_city_is_part_of_that_city(pipe):
    text = (
        "This morning Russian forces struck Zaporizhzhia with guided aerial bombs, killing five people. "
        "Residential buildings and cars were damaged in the Oleksandrivskyi district."
    )
    e = one(pipe, text, date(2024, 11, 8))
    assert (e.location, e.fatalities) == ("Zaporizhzhia", 5)


def test_a_number_written_out_then_in_digits_counts_once(pipe):
    text = (
        "On 25 June 2024 terrorists attacked an army unit near Tera in the Tillaberi region. "
        "In the fighting that followed, twenty (20) soldiers and one (1) civilian lost their lives and "
        "nine (9) soldiers were wounded."
    )
    e = one(pipe, text, date(2024, 6, 28))
    assert (e.event_type, e.actor2, e.fatalities, e.injuries) == ("Battles", "Nigerien Armed Forces", 21, 9)


def test_where_the_wounded_were_taken_places_no_event(pipe):
    text = (
        "On 25 June 2024 terrorists attacked an army unit near Tera in the Tillaberi region, killing 20 soldiers. "
        "The wounded were evacuated to Niamey. On the enemy side, dozens of terrorists were neutralised."
    )
    assert [e.location for e in events(pipe, text, date(2024, 6, 28))] == ["Tera"]


def test_a_blast_between_two_towns_is_one_event(pipe):
    text = "On 26 June 2024, an explosive device struck an army vehicle between Tera and Gotheye, wounding three soldiers."
    e = one(pipe, text, date(2024, 6, 28))
    assert (e.location, e.injuries) == ("Tera", 3)


def test_a_dated_heading_gives_the_day_of_the_entries_below_it(pipe):
    text = (
        "This tracker logs attacks on U.S. forces in Iraq and Syria, from official statements and from the "
        "claims of the militias.\n\n"
        "Tuesday, 24 October\n"
        "- Al-Tanf garrison (Homs governorate, Syria): rockets were fired at the garrison in the evening.\n\n"
        "Wednesday, 25 October\n"
        "- Ain al-Asad air base (Anbar governorate, Iraq): a drone struck inside the base before dawn.\n"
    )
    found = {e.location: e.event_date for e in events(pipe, text, date(2023, 10, 26))}
    assert found == {"Al-Tanf": date(2023, 10, 24), "Ain al-Asad Air Base": date(2023, 10, 25)}


def test_shelling_that_wounds_a_resident_or_damages_houses_hits_civilians(pipe):
    text = "On Monday, Russian shelling of Toretsk wounded one resident and damaged houses."
    assert one(pipe, text, date(2023, 8, 8)).actor2 == "Civilians"


def test_a_village_told_as_lying_west_of_a_town_is_the_village(pipe):
    text = (
        "On 5 June, fighters of the Rapid Support Forces attacked Wad Al-Nourah village, west of Al Manaqil "
        "locality in Al Jazirah State, killing at least 100 people."
    )
    e = one(pipe, text, date(2024, 6, 6))
    assert (e.location, e.admin1, e.fatalities) == ("Wad al-Noura", "Al Jazirah", 100)


def test_the_coalitions_air_defences_are_the_coalition(pipe):
    text = "On Tuesday, coalition air defences shot down two drones near Al-Harir air base in Erbil."
    e = one(pipe, text, date(2023, 10, 26))
    assert (e.sub_event_type, e.actor1) == ("Disrupted weapons use", "US-led coalition")


def test_a_base_named_with_its_town_places_the_next_sentences_interception(pipe):
    text = "On Tuesday, two drones flew toward Ain al-Asad air base near Al-Baghdadi. U.S. forces shot down both drones."
    e = one(pipe, text, date(2024, 6, 28))
    assert (e.sub_event_type, e.location) == ("Disrupted weapons use", "Ain al-Asad Air Base")


# -- batch 38: missiles from held ground, a flagged ship placed by a port ----------------------------


def test_missiles_fired_from_ground_a_side_holds_are_that_sides(pipe):
    text = (
        "Two missiles fired from Houthi-held Yemen struck a bulk carrier in the southern Red Sea on Monday."
    )
    e = one(pipe, text, date(2024, 2, 13))
    assert (e.actor1, e.actor2, e.country) == ("Houthis", "Civilians", "Red Sea")


def test_a_flagged_ship_hit_off_a_port_is_at_sea(pipe):
    text = (
        "On Monday, the Marshall Islands-flagged Star Iris was hit by two Houthi missiles southwest of Mokha "
        "while sailing north."
    )
    e = one(pipe, text, date(2024, 2, 13))
    assert (e.country, e.location) == ("Red Sea", "Red Sea")


def test_the_defence_and_security_forces_are_the_countrys_army(pipe):
    text = (
        "On Tuesday 25 June 2024, a unit of the Defence and Security Forces near Tassia, in the Tillaberi "
        "region, came under attack by a large number of terrorists on motorcycles."
    )
    e = one(pipe, text, date(2024, 6, 28))
    assert (e.actor1, e.actor2) == ("Unidentified armed group", "Nigerien Armed Forces")


def test_an_ambush_by_a_hundred_attackers_is_theirs_not_the_units_it_caught(pipe):
    text = (
        "On Wednesday 20 March 2024 soldiers on a sweep near the village of "
        "Teguey, in the Tillaberi region, was caught in an ambush by more than a hundred terrorists."
    )
    assert one(pipe, text, date(2024, 3, 22)).actor1 == "Unidentified armed group"


def test_security_forces_firing_tear_gas_at_a_protest_intervene_in_it(pipe):
    text = (
        "Hundreds of supporters of Iran-aligned factions protested near the Green Zone in Baghdad on Sunday. "
        "Security forces fired tear gas when some of them tried to cross a bridge towards the U.S. embassy."
    )
    e = one(pipe, text, date(2024, 2, 5))
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Protest with intervention", "Protesters", "Iraqi Security Forces")  # fmt: skip


def test_two_towns_joined_by_and_are_two_events_however_close(pipe):
    # Molodo lies some twenty kilometres from Niono, ten times its size: still a place of its own
    text = "On Tuesday, armed men attacked army posts at Niono and Molodo, in Mali's Segou region."
    assert sorted(e.location for e in events(pipe, text, date(2025, 7, 2))) == ["Molodo", "Niono"]


def test_names_listed_among_known_towns_are_towns_of_their_division(pipe):
    text = "On Sunday, jihadists attacked army posts in Kayes, Diboli, Sandare and Nioro du Sahel in western Mali."
    found = {e.location: e.admin1 for e in events(pipe, text, date(2025, 7, 7))}
    assert found == {"Kayes": "Kayes", "Diboli": "Kayes", "Sandare": "Kayes", "Nioro du Sahel": "Kayes"}


def test_a_name_after_a_list_of_towns_is_no_town_where_a_title_or_a_verb_marks_a_person(pipe):
    text = "Russian missiles hit Kyiv, Lviv and President Zelensky said on Monday that more would come."
    assert sorted(e.location for e in events(pipe, text, date(2024, 1, 8))) == ["Kyiv", "Lviv"]


def test_a_claim_of_the_attacks_reaches_every_attack_told_that_day(pipe):
    text = (
        "On Monday 3 March 2025, gunmen attacked the army camps at Kayes and Niono. "
        "In Kayes, the soldiers drove the assailants back after an hour. "
        "In Niono, the fighting lasted until noon. "
        "The army said calm had returned to both towns. "
        "Shops reopened in the afternoon. "
        "The Jama'at Nusrat al-Islam wal-Muslimin claimed the attacks on Tuesday."
    )
    found = events(pipe, text, date(2025, 3, 4))
    assert sorted(e.location for e in found) == ["Kayes", "Niono"]
    for e in found:
        assert e.actor1 == e.claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_an_armed_groups_attack_on_a_town_is_a_fight_with_the_army_the_report_names(pipe):
    text = (
        "On Monday, JNIM fighters attacked the town of Niono in central Mali. "
        "The FAMa said in a statement that the situation was under control."
    )
    e = one(pipe, text, date(2025, 3, 4))
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Armed clash", "Jama'at Nusrat al-Islam wal-Muslimin", "Malian Armed Forces")  # fmt: skip


def test_deaths_in_attacks_on_villages_over_a_weekend_are_the_sum_of_those_told_after(pipe):
    text = (
        "At least 50 civilians were killed in attacks on villages near Bara in North Kordofan over the weekend, "
        "local activists said.\n\n"
        "On Saturday, RSF fighters stormed the village of Um Dam Haj, killing 31 people."
    )
    e = one(pipe, text, date(2025, 7, 14))
    assert (e.location, e.admin1, e.fatalities, e.event_date) == (
        "Um Dam Haj",
        "North Kordofan",
        31,
        date(2025, 7, 12),
    )


def test_a_strike_on_the_launcher_is_placed_where_the_fire_came_from(pipe):
    text = (
        "Four rockets were fired late Sunday at the U.S. base near Rumalyn in northeastern Syria. "
        "They were launched from a truck parked near the town of Zummar, northwest of Mosul. "
        "A U.S. aircraft then destroyed the truck, officials said."
    )
    found = {e.sub_event_type: e for e in events(pipe, text, date(2024, 4, 22))}
    assert set(found) == {"Shelling/artillery/missile attack", "Air/drone strike"}
    rockets, strike = found["Shelling/artillery/missile attack"], found["Air/drone strike"]
    assert (rockets.location, rockets.actor2) == ("Rumalyn Landing Zone", "US forces")
    assert (strike.location, strike.admin1, strike.actor1) == ("Zummar", "Nineveh", "US forces")


def test_a_drone_flown_at_a_base_is_an_attack_on_it(pipe):
    text = "Early on Monday, a drone was flown at Ain al-Asad air base in western Iraq but caused no damage."
    e = one(pipe, text, date(2024, 4, 22))
    assert (e.sub_event_type, e.location, e.actor2, e.event_date) == (
        "Air/drone strike", "Ain al-Asad Air Base", "US forces", date(2024, 4, 22))  # fmt: skip


def test_a_second_sources_higher_toll_gives_way_to_the_lower(pipe):
    text = (
        "Air strikes on the town of Qaryatayn in central Syria killed 12 people on Tuesday, the defence "
        "ministry said. A war monitor put the toll at 30, saying most of the dead were fighters."
    )
    assert one(pipe, text, date(2024, 11, 6)).fatalities == 12


def test_a_ship_hit_north_of_the_strait_is_in_the_red_sea_and_south_of_it_in_the_gulf_of_aden(pipe):
    north = "On Monday, a missile struck a Liberian-flagged tanker about 40 nautical miles north of the Bab al-Mandeb."
    south = "On Monday, a missile struck a Liberian-flagged tanker about 40 nautical miles south of the Bab al-Mandeb."
    assert one(pipe, north, date(2024, 1, 9)).country == "Red Sea"
    assert one(pipe, south, date(2024, 1, 9)).country == "Gulf of Aden"


def test_a_missile_launched_from_an_area_a_side_holds_is_that_sides(pipe):
    text = (
        "On Monday, an anti-ship cruise missile launched from a Houthi-controlled area of Yemen struck a "
        "Norwegian-flagged tanker in the Red Sea."
    )
    e = one(pipe, text, date(2023, 12, 12))
    assert (e.actor1, e.actor2) == ("Houthis", "Civilians")


def test_strikes_across_a_region_told_place_by_place_are_those_places(pipe):
    text = (
        "Turkish drones struck targets across northeast Syria overnight. "
        "The strikes hit a power station near Derik, a bakery in Amuda and a checkpoint near Kobani."
    )
    found = events(pipe, text, date(2024, 10, 24))
    assert sorted(e.location for e in found) == ["Amuda", "Derik", "Kobani"]


def test_an_army_and_allied_fighters_retaking_a_city_take_it_from_the_group_that_held_it(pipe):
    text = (
        "The Sudanese army and allied fighters on Saturday retook Sinja, months after the Rapid Support "
        "Forces seized the town."
    )
    e = one(pipe, text, date(2024, 11, 24))
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Government regains territory", "Sudanese Armed Forces", "Rapid Support Forces")  # fmt: skip


def test_drones_on_a_russian_town_with_no_side_named_are_of_the_enemy_the_report_names(pipe):
    text = (
        "Overnight, the town of Engels was attacked by UAVs; an oil depot caught fire.\n\n"
        "Air defences destroyed nine Ukrainian drones over the Saratov region, the ministry said."
    )
    assert one(pipe, text, date(2025, 1, 20)).actor1 == "Ukrainian Armed Forces"


def test_an_air_strike_in_a_defence_ministrys_communique_is_its_own(pipe):
    text = (
        "On Tuesday 10 December 2024, the army post at Chatoumane, in the Tera department of the Tillaberi "
        "region, was attacked by terrorists on motorcycles. Our forces repelled the assault.\n\n"
        "On Wednesday 11 December 2024, in the pursuit of the attackers, an air strike near Petelkole, in "
        "the same department, destroyed a terrorist base."
    )
    doc = Document(
        id="ne", text=text, published=date(2024, 12, 12), publisher="Ministry of National Defence of Niger"
    )
    strike = next(m for m in pipe.process(doc).mentions if m.sub_event_type == "Air/drone strike")
    assert (strike.actor1, strike.place.name, strike.place.admin1) == (
        "Nigerien Armed Forces",
        "Petelkole",
        "Tillaberi",
    )


def test_the_time_of_a_live_page_entry_counts_no_one(pipe):
    text = "15:05 In Nikopol, a Russian kamikaze drone hit a car on the outskirts of the city, killing a 52-year-old man."
    assert one(pipe, text, date(2024, 6, 22)).fatalities == 1


def test_fighters_entering_a_named_city_take_it_and_trucks_entering_one_do_not(pipe):
    text = (
        "Rebel fighters led by Hayat Tahrir al-Sham entered Damascus on Sunday, ending decades of Assad rule."
    )
    e = one(pipe, text, date(2024, 12, 10))
    assert (e.sub_event_type, e.actor1, e.location, e.event_date) == (
        "Non-state actor overtakes territory", "Hayat Tahrir al-Sham", "Damascus", date(2024, 12, 8))  # fmt: skip
    assert events(pipe, "Aid trucks entered El Fasher on Sunday.", date(2024, 12, 10)) == []


def test_parts_of_a_city_listed_as_included_leave_the_city_the_place(pipe):
    text = (
        "On 30 November 2024, rebel forces led by Hayat Tahrir al-Sham captured Aleppo. By the evening the rebels "
        "controlled most of the city, including the citadel and Aleppo International Airport."
    )
    assert one(pipe, text, date(2024, 12, 2)).location == "Aleppo"


def test_arrests_with_no_side_named_are_the_forces_of_the_country(pipe):
    text = (
        "On Thursday, a joint patrol arrested seven suspects with weapons near Gaya, in Niger's Dosso region."
    )
    e = one(pipe, text, date(2025, 3, 22))
    assert (e.sub_event_type, e.actor1) == ("Arrests", "Nigerien Armed Forces")


def test_a_name_known_only_abroad_paired_with_a_town_is_a_place_beside_it(pipe):
    text = (
        "Israeli strikes overnight destroyed Syrian navy vessels moored in the bay of Minet el-Beida and in "
        "the port of Latakia, a war monitor said on Tuesday."
    )
    found = {e.location: (e.admin1, e.country) for e in events(pipe, text, date(2024, 12, 10))}
    assert found == {"Minet el-Beida": ("Latakia", "Syria"), "Latakia": ("Latakia", "Syria")}


def test_the_head_of_a_longer_arabic_name_is_not_a_town_of_that_name(pipe):
    text = (
        "Islamic State militants attacked an army post near Daquq in Kirkuk province on Sunday. On Monday, "
        "Iraqi aircraft struck a hideout of the militants in the Wadi al-Shay area, killing three."
    )
    strike = next(e for e in events(pipe, text, date(2024, 3, 12)) if e.sub_event_type == "Air/drone strike")
    assert (strike.location, strike.admin1, strike.country) == ("Wadi al-Shay", "Kirkuk", "Iraq")


def test_a_name_in_several_divisions_is_the_one_in_the_division_the_report_names(pipe):
    text = (
        "Viacheslav Chaus, head of the Chernihiv Regional Military Administration, gave the day's summary.\n\n"
        "In Semenivka, an enemy drone hit a car on Friday evening. The driver was wounded."
    )
    e = one(pipe, text, date(2024, 9, 14))
    assert (e.location, e.admin1, e.actor2) == ("Semenivka", "Chernihiv", "Civilians")


def test_the_missile_intercepted_is_the_ballistic_missile_just_told(pipe):
    text = (
        "The Houthis fired a ballistic missile at Ben Gurion airport on Saturday. Israel's military said "
        "the missile had been intercepted."
    )
    e = one(pipe, text, date(2024, 9, 30))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Disrupted weapons use", "Israel", "Houthis")


def test_the_event_told_after_including_is_the_one_of_the_day(pipe):
    text = (
        "The strikes were a response to Houthi missile and drone attacks on Israel, including a missile "
        "fired at Ben Gurion airport on Saturday."
    )
    e = one(pipe, text, date(2024, 9, 30))
    assert (e.sub_event_type, e.location) == ("Shelling/artillery/missile attack", "Ben Gurion Airport")
