"""The lexicon: packaged data files load and validate; user folders extend and override by id."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import LexiconError
from sitroom.lexicon import load_lexicon
from sitroom.pipeline import Pipeline


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_lexicon_packaged_files_load(lex):
    assert len(lex.actors) >= 90
    assert len(lex.countries) >= 240
    assert len(lex.weapons) >= 20
    kinds = {p.kind for p in lex.places.values()}
    assert {"base", "town", "admin1", "country", "sea"} <= kinds


@pytest.mark.parametrize(
    ("actor_id", "name"),
    [
        ("islamic_resistance_in_iraq", "Islamic Resistance in Iraq"),
        ("kataib_hezbollah", "Kataib Hezbollah"),
        ("harakat_hezbollah_al_nujaba", "Harakat Hezbollah al-Nujaba"),
        ("houthis", "Houthis"),
        ("state_us", "US forces"),
        ("us_led_coalition", "US-led coalition"),
    ],
)
def test_lexicon_canonical_actor_names(lex, actor_id, name):
    assert lex.actors[actor_id].name == name


def test_lexicon_umbrella_and_sponsor_relations(lex):
    for member in ("kataib_hezbollah", "harakat_hezbollah_al_nujaba"):
        actor = lex.actors[member]
        assert actor.umbrella == "islamic_resistance_in_iraq"
        assert "state_ir" in actor.sponsors
    assert any("\u0600" <= ch <= "\u06ff" for a in lex.actors["kataib_hezbollah"].aliases for ch in a)


@pytest.mark.parametrize(
    ("place_id", "admin1", "country"),
    [
        ("base_al_tanf", "Homs", "Syria"),
        ("base_al_shaddadi", "Al-Hasakah", "Syria"),
        ("base_harir", "Erbil", "Iraq"),
        ("base_erbil_air_base", "Erbil", "Iraq"),
        ("base_ain_al_asad", "Anbar", "Iraq"),
        ("base_tower_22", "Mafraq", "Jordan"),
        ("base_green_village", "Deir ez-Zor", "Syria"),
    ],
)
def test_lexicon_installations_have_divisions_and_coordinates(lex, place_id, admin1, country):
    p = lex.places[place_id]
    assert (p.admin1, p.country) == (admin1, country)
    assert p.latitude is not None and p.longitude is not None


def test_lexicon_admin1_names_follow_acled_spelling(lex):
    assert lex.admin1_place("Iraq", "Erbil") is not None
    assert lex.admin1_place("Syria", "Deir ez-Zor") is not None
    assert lex.admin1_place("Russia", "Belgorod Oblast") is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("entries:\n  - {id: x, name: X, kind: militia, inter: 3}\n", "field source"),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: bad_one, name: X, kind: militia, inter: 12}\n",
            "entry 'bad_one': field inter",
        ),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: odd, name: X, kind: wizard, inter: 3}\n",
            "entry 'odd': field kind",
        ),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: typo, name: X, kind: militia, inter: 3, alias: [Y]}\n",
            "entry 'typo': field alias",
        ),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: orphan, name: X, kind: militia, inter: 3, umbrella: nobody}\n",
            "entry 'orphan': field umbrella",
        ),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: foe, name: X, kind: state_force, inter: 1, enemy_of: [Narnia]}\n",
            "entry 'foe': field enemy_of",
        ),
        (
            "source: s\nlicence: l\nkind: actors\nentries:\n  - {id: roamer, name: X, kind: jihadist, inter: 2, active_in: [Narnia]}\n",
            "entry 'roamer': field active_in",
        ),
        (
            "source: s\nlicence: l\nkind: places\nentries:\n  - {id: lost_base, name: B, kind: base, country: Atlantis}\n",
            "entry 'lost_base': field country",
        ),
        (
            "source: s\nlicence: l\nkind: places\nentries:\n  - {id: sea_x, name: X Sea, kind: sea, country: X Sea, shores: [Yemen/Atlantis]}\n",
            "entry 'sea_x': field shores",
        ),
        (
            "source: s\nlicence: l\nkind: places\nentries:\n  - {id: strait_x, name: X Strait, kind: strait, country: X Strait, sides: {north: sea_nowhere}}\n",
            "entry 'strait_x': field sides",
        ),
        (
            "source: s\nlicence: l\nkind: places\nentries:\n  - {id: strait_x, name: X Strait, kind: strait, country: X Strait, sides: {upward: sea_red_sea}}\n",
            "entry 'strait_x': field sides",
        ),
        (
            "source: s\nlicence: l\nkind: weapons\nentries:\n  - {id: w, name: laser, phrases: [ray gun]}\n",
            "entry 'w': field name",
        ),
        ("source: [unclosed\n", "cannot read YAML"),
    ],
)
def test_lexicon_malformed_file_names_file_entry_and_field(tmp_path, body, message):
    path = write(tmp_path, "actors.yaml", body)
    with pytest.raises(LexiconError) as err:
        load_lexicon([tmp_path])
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_lexicon_user_entry_overrides_by_id(tmp_path):
    write(
        tmp_path,
        "mine.yaml",
        """\
        source: test
        licence: MIT
        kind: actors
        entries:
          - id: kataib_hezbollah
            name: Kataib Hezbollah (KH)
            aliases: [Hezbollah Brigades]
            kind: militia
            inter: 3
            country: Iraq
        """,
    )
    lex = load_lexicon([tmp_path])
    assert lex.actors["kataib_hezbollah"].name == "Kataib Hezbollah (KH)"


def test_lexicon_new_group_and_base_are_picked_up(tmp_path):
    """A new theatre is data: a group and a base added in a folder are found in a report."""
    write(
        tmp_path,
        "actors.yaml",
        """\
        source: test
        licence: MIT
        kind: actors
        entries:
          - id: saraya_al_fajr
            name: Saraya al-Fajr
            aliases: [Dawn Brigades]
            kind: militia
            inter: 3
            country: Iraq
            sponsors: [state_ir]
        """,
    )
    write(
        tmp_path,
        "places.yaml",
        """\
        source: test
        licence: MIT
        kind: places
        entries:
          - id: base_camp_falcon_test
            name: Camp Falcon Ridge
            kind: base
            country: Iraq
            admin1: Anbar
            latitude: 33.4
            longitude: 42.1
            operator: state_us
        """,
    )
    pipe = Pipeline(load_lexicon([tmp_path]))
    from sitroom.pipeline import extract_events

    text = "The Dawn Brigades said they attacked Camp Falcon Ridge with two drones on Tuesday."
    events = extract_events(text, date(2024, 3, 7), pipeline=pipe)
    assert len(events) == 1
    e = events[0]
    assert (e.actor1, e.location, e.admin1, e.actor2) == (
        "Saraya al-Fajr",
        "Camp Falcon Ridge",
        "Anbar",
        "US forces",
    )
    assert e.event_date == date(2024, 3, 5)
    assert e.sub_event_type == "Air/drone strike"
