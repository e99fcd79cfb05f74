"""The quality gate: the pipeline codes two gold-coded sets and must not fall below pinned floors.

(a) the bundled examples (``src/sitroom/examples``, gold ``expected.jsonl``), plain-text files
dated from ``published.json`` as ``sitroom demo`` dates them; (b) the independent corpus
(``tests/corpus``). Each set is coded with ``sitroom.pipeline.run`` into a fresh SQLite file and
fused across the set, and the stored events are scored by ``tests/scoring.py``. The floors in
``tests/quality_floors.json`` are the figures when they were pinned, rounded down to 0.05:
raise them when the extractor improves. ``pytest tests/test_quality.py -s`` prints the figures.

The scorer itself is tested at the end, on small hand-made gold.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import scoring
from sitroom.demo import examples_dir
from sitroom.pipeline import Pipeline, run
from sitroom.store import open_store

TESTS = Path(__file__).parent
FLOORS = json.loads((TESTS / "quality_floors.json").read_text(encoding="utf-8"))
EXAMPLES = examples_dir()
CORPUS = TESTS / "corpus"
GOLD = {"examples": EXAMPLES / "expected.jsonl", "corpus": CORPUS / "gold.jsonl"}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def code_examples(pipe: Pipeline, db: str) -> list[dict[str, Any]]:
    dated = json.loads((EXAMPLES / "published.json").read_text(encoding="utf-8"))
    reports = sorted((EXAMPLES / "reports").iterdir())
    with open_store(db) as store:
        for path in reports:
            day = dated.get(f"reports/{path.name}")
            if day is not None:
                run([str(path)], store, published=date.fromisoformat(day), pipeline=pipe)
        rest = [str(p) for p in reports if f"reports/{p.name}" not in dated]
        summary = run(rest, store, pipeline=pipe)
        assert summary.failed == 0, summary.reasons()
        return [e.as_dict() for e in store.events()]


def code_corpus(pipe: Pipeline, db: str) -> list[dict[str, Any]]:
    with open_store(db) as store:
        summary = run([str(CORPUS / "docs")], store, pipeline=pipe)
        assert summary.failed == 0, summary.reasons()
        return [e.as_dict() for e in store.events()]


@pytest.mark.parametrize("name", ["examples", "corpus"])
def test_quality_meets_pinned_floors(name: str, pipe: Pipeline, tmp_path: Path) -> None:
    coder = code_examples if name == "examples" else code_corpus
    predicted = coder(pipe, str(tmp_path / f"{name}.db"))
    result = scoring.score(scoring.read_jsonl(GOLD[name]), predicted)
    print("\n" + "\n".join(result.lines(name)))
    floors = FLOORS[name]
    assert set(floors["fields"]) <= set(result.fields), "a floor names a field the scorer does not report"
    below = [f"F1 {result.f1:.3f} < {floors['f1']}"] if result.f1 < floors["f1"] else []
    below += [
        f"{field} {result.fields[field]:.3f} < {floor}"
        for field, floor in floors["fields"].items()
        if result.fields[field] < floor
    ]
    assert not below, f"{name} fell below its floors: {'; '.join(below)}\n" + "\n".join(result.lines(name))


# -- the scorer ------------------------------------------------------------------------


def gold_event(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": "G1",
        "event_date": "2024-01-28",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Islamic Resistance in Iraq",
        "actor2": "US forces",
        "country": "Jordan",
        "admin1": "Mafraq",
        "location": "Tower 22",
        "location_aliases": ["Rukban"],
        "fatalities": 3,
    }
    event.update(fields)
    return event


def shifted(event: dict[str, Any], days: int) -> dict[str, Any]:
    day = date.fromisoformat(event["event_date"]) + timedelta(days=days)
    return {**event, "event_date": day.isoformat()}


@pytest.mark.parametrize("name", ["examples", "corpus"])
def test_quality_scorer_gives_gold_against_itself_full_marks(name: str) -> None:
    gold = scoring.read_jsonl(GOLD[name])
    result = scoring.score(gold, gold)
    assert (result.precision, result.recall, result.f1, result.duplicates) == (1.0, 1.0, 1.0, 0)
    assert set(result.fields.values()) == {1.0}
    assert result.neutral == sum(1 for g in gold if g.get("optional"))


@pytest.mark.parametrize(
    ("precision", "days", "matches"),
    [(1, 0, True), (1, 1, True), (1, -1, True), (1, 2, False), (1, 3, False), (1, -3, False),
     (2, 5, True), (2, 10, False), (3, 20, True), (3, 45, False)],
)  # fmt: skip
def test_quality_scorer_dates_match_within_the_precision_slack(
    precision: int, days: int, matches: bool
) -> None:
    gold = gold_event(time_precision=precision)
    result = scoring.score([gold], [shifted(gold, days)])
    assert result.matched == int(matches)
    assert result.false_positives == int(not matches)


def test_quality_scorer_null_date_matches_any_date() -> None:
    gold = gold_event()
    assert scoring.score([gold], [{**gold, "event_date": None}]).matched == 1
    assert scoring.score([{**gold, "event_date": None}], [shifted(gold, 30)]).matched == 1


@pytest.mark.parametrize(
    ("gold_fields", "pred_fields", "matches"),
    [
        ({}, {"location": "tower-22"}, True),
        ({}, {"location": "RUKBAN", "admin1": None}, True),
        ({"location": "Al-Asad Air Base", "admin1": "Anbar", "country": "Iraq"}, {"location": "Asad Air Base"}, True),
        ({"location": "Al-Qaim", "admin1": "Anbar", "country": "Iraq"}, {"location": "the Qaim"}, True),
        ({"location": "Deir ez-Zor", "admin1": None}, {"location": "Déir ez Zor"}, True),
        ({}, {"location": "Rukban camp", "admin1": "mafraq"}, True),
        ({}, {"location": "Amman", "admin1": "Amman"}, False),
        ({"location": None, "admin1": None, "country": "Red Sea"}, {"location": None, "country": "Red Sea"}, True),
        ({"location": None, "admin1": None, "country": "Red Sea"}, {"location": None, "country": "Gulf of Aden"}, False),
        ({}, {"location": None, "admin1": None, "country": "Jordan"}, False),
    ],
    ids=["case-hyphen", "alias", "al-prefix", "the-article", "accents", "admin1", "other-admin1", "sea",
         "other-sea", "country-not-enough"],
)  # fmt: skip
def test_quality_scorer_places_agree_by_location_then_admin1_then_country(
    gold_fields: dict[str, Any], pred_fields: dict[str, Any], matches: bool
) -> None:
    gold = gold_event(**gold_fields)
    assert scoring.score([gold], [{**gold, **pred_fields}]).matched == int(matches)


@pytest.mark.parametrize(
    ("pred_type", "pred_sub", "matches"),
    [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", True),
        ("Strategic developments", "Disrupted weapons use", True),
        ("Strategic developments", "Other", False),
        ("Battles", "Armed clash", False),
    ],
)
def test_quality_scorer_types_agree_by_type_or_alternative_sub_type(
    pred_type: str, pred_sub: str, matches: bool
) -> None:
    gold = gold_event(sub_event_type_alt=["Disrupted weapons use"])
    pred = {**gold, "event_type": pred_type, "sub_event_type": pred_sub}
    result = scoring.score([gold], [pred])
    assert result.matched == int(matches)
    if matches:
        assert result.fields["sub_event_type"] == (1.0 if pred_sub == "Disrupted weapons use" else 0.0)


def test_quality_scorer_counts_duplicates_as_false_positives() -> None:
    gold = [
        gold_event(),
        gold_event(id="G2", location="Al-Tanf", location_aliases=[], admin1="Homs", country="Syria"),
    ]
    tower = dict(gold[0])
    predicted = [tower, shifted(tower, 1), {**tower, "location": "Rukban"}, gold[1]]
    result = scoring.score(gold, predicted)
    assert (result.matched, result.duplicates, result.false_positives) == (2, 2, 2)
    assert result.precision == 0.5 and result.recall == 1.0
    assert result.pairs == (("G1", 0), ("G2", 3)), "the exact copy is the match, the others duplicates"


def test_quality_scorer_optional_gold_is_neither_rewarded_nor_punished() -> None:
    scored = gold_event()
    optional = gold_event(
        id="G2", location="Al-Tanf", location_aliases=[], admin1="Homs", country="Syria", optional=True
    )
    found = scoring.score([scored, optional], [scored, dict(optional), dict(optional)])
    missed = scoring.score([scored, optional], [scored])
    for result in (found, missed):
        assert (result.gold, result.matched, result.false_positives, result.f1) == (1, 1, 0, 1.0)
    assert found.neutral == 2


def test_quality_scorer_pairs_the_best_fit_one_to_one() -> None:
    near = gold_event(id="G1")
    far = gold_event(id="G2", event_date="2024-01-29", fatalities=0)
    # Each prediction fits both gold events (a day apart at one place); each fits one of them best.
    predicted = [{**near, "event_date": "2024-01-29", "fatalities": 0}, dict(near)]
    result = scoring.score([near, far], predicted)
    assert result.pairs == (("G1", 1), ("G2", 0))
    assert result.f1 == 1.0


@pytest.mark.parametrize(
    ("gold_name", "pred_name", "same"),
    [
        ("US forces", "U.S. forces", True),
        ("US forces", "US military", True),
        ("US forces", "Military Forces of the United States (2021-)", True),
        ("Kataib Hezbollah", "Kata'ib Hizballah", True),
        ("Kataib Hezbollah", "KATAIB HEZBOLLAH", True),
        ("Harakat Hezbollah al-Nujaba", "Harakat al-Nujaba", True),
        ("Houthis", "Ansar Allah", True),
        ("Jama'at Nusrat al-Islam wal-Muslimin", "JNIM", True),
        ("Nigerien Armed Forces", "Niger Armed Forces", True),
        ("Unidentified Iran-backed militia", "Iranian-backed militia", True),
        ("Kataib Hezbollah", "Islamic Resistance in Iraq", False),
        ("US forces", "US-led coalition", False),
    ],
)
def test_quality_scorer_compares_actor_names_through_aliases(
    gold_name: str, pred_name: str, same: bool
) -> None:
    gold = gold_event(actor1=gold_name)
    result = scoring.score([gold], [{**gold, "actor1": pred_name}])
    assert result.fields["actor1"] == (1.0 if same else 0.0)


def test_quality_scorer_leaves_open_fields_unscored_when_gold_is_null() -> None:
    gold = gold_event(actor2=None, fatalities=None)
    result = scoring.score([gold], [{**gold, "actor2": "Civilians", "fatalities": 12, "admin1": None}])
    assert result.fields["actor2"] == result.fields["fatalities"] == 1.0
    assert result.fields["admin1"] == 0.0


@pytest.mark.parametrize(
    ("gold_place", "pred_location", "right"),
    [
        ({"location": None, "admin1": "Kherson", "country": "Ukraine"}, None, True),
        ({"location": None, "admin1": "Kherson", "country": "Ukraine"}, "Kherson", True),
        ({"location": None, "admin1": "Kherson", "country": "Ukraine"}, "Bilozerka", False),
        ({"location": None, "admin1": None, "country": "Red Sea"}, "Red Sea", True),
        ({"location": None, "admin1": None, "country": "Red Sea"}, "Hodeidah", False),
    ],
)
def test_quality_scorer_location_naming_no_more_than_a_null_gold_is_right(
    gold_place: dict, pred_location: str | None, right: bool
) -> None:
    gold = gold_event(**gold_place)
    result = scoring.score([gold], [{**gold, "location": pred_location}])
    assert result.matched == 1
    assert result.fields["location"] == (1.0 if right else 0.0)
