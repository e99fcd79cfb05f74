"""sitroom's own event scorer, so that the quality tests run from a fresh clone.

Gold and predicted events are dicts with the keys of the event record (``sitroom events
--format jsonl``); gold lines may add ``location_aliases``, ``sub_event_type_alt`` and
``optional``. A prediction *fits* a gold event when

- the types agree: the same event_type, or the predicted sub-type is gold's sub_event_type
  or one of its sub_event_type_alt;
- the dates agree: either is null, or they are at most ``DATE_SLACK`` days apart for
  gold's time_precision (1 day, a week, a month);
- the places agree: the predicted location is gold's location or one of its aliases, else
  the admin1 divisions are the same, else, where gold names neither, the countries are.

Where gold's location is null (an event placed by its province alone, or at sea), a predicted
location is right when it is null too or names no more than gold does: gold's admin1 or, at sea,
the sea gold gives as country. The shared scorer leaves such a location unscored; this one still
counts a town invented where the report named none as wrong.

Pairs are taken greedily, best fit first, one gold event per prediction. A prediction paired
with an optional gold event, or fitting one, counts for nothing either way; a prediction
left over that fits an already matched gold event is a duplicate, and a false positive like
any other. Per-field accuracy is measured on the matched pairs of scored gold events.

    python tests/scoring.py GOLD.jsonl PREDICTED.jsonl
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

Record = Mapping[str, Any]

# Days two dates may lie apart, by gold's time_precision (None: treated as a known day).
DATE_SLACK = {None: 1, 1: 1, 2: 7, 3: 31}
FIELDS = ("sub_event_type", "event_date", "location", "admin1", "country", "actor1", "actor2", "fatalities")
# Fields where a null in gold means "not known" and the pair is not compared; for the others,
# null is a value (no admin1 at sea, no date) that a prediction should also give.
OPEN_WHEN_NULL = {"actor1", "actor2", "fatalities"}
_ARTICLES = {"al", "the"}

# Spellings of the same actor, each under the canonical name the gold uses.
ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "US forces": (
        "U.S. forces", "US military", "U.S. military", "United States military", "American forces",
        "US troops", "U.S. troops", "Military Forces of the United States",
        "Military Forces of the United States (2021-)", "United States",
    ),
    "US-led coalition": ("Coalition forces", "Global Coalition against Daesh", "CJTF-OIR"),
    "Islamic Resistance in Iraq": ("IRI", "Islamic Resistance of Iraq"),
    "Kataib Hezbollah": ("Kata'ib Hizballah", "Kataib Hizbullah", "Kata'ib Hezbollah", "Hezbollah Brigades"),
    "Harakat Hezbollah al-Nujaba": ("Harakat al-Nujaba", "Nujaba", "Harakat Hizballah al-Nujaba"),
    "Kataib Sayyid al-Shuhada": ("Kata'ib Sayyid al-Shuhada",),
    "Popular Mobilization Forces": ("PMF", "Popular Mobilisation Forces", "Hashd al-Shaabi", "PMU"),
    "Iraqi Security Forces": ("ISF", "Iraqi forces", "Military Forces of Iraq"),
    "Syrian Democratic Forces": ("SDF",),
    "Islamic State": ("ISIS", "ISIL", "Daesh"),
    "Houthis": ("Houthi", "Houthi movement", "Houthi rebels", "Ansar Allah", "Ansarallah"),
    "Iran": ("Iranian forces", "Military Forces of Iran"),
    "Israel": ("Israeli forces", "IDF", "Israel Defense Forces", "Military Forces of Israel"),
    "Hamas": ("Qassam Brigades",),
    "Unidentified Iran-backed militia": ("Iran-backed militia", "Iranian-backed militia", "Iran-backed militants"),
    "Unidentified armed group": ("unidentified gunmen", "unknown gunmen"),
    "Civilians": ("civilian",),
    "Russian Armed Forces": ("Russian forces", "Russian military", "Military Forces of Russia", "Russia"),
    "Ukrainian Armed Forces": ("Ukrainian forces", "Ukrainian military", "Military Forces of Ukraine", "Ukraine"),
    "Jama'at Nusrat al-Islam wal-Muslimin": ("JNIM", "Jamaat Nusrat al-Islam wal-Muslimin", "GSIM"),
    "Islamic State Sahel Province": ("ISSP", "IS Sahel", "Islamic State Sahel", "ISGS"),
    "Rapid Support Forces": ("RSF",),
    "Sudanese Armed Forces": ("SAF", "Sudanese army", "Military Forces of Sudan"),
    "Malian Armed Forces": ("FAMa", "Malian army", "Military Forces of Mali"),
    "Nigerien Armed Forces": ("Niger Armed Forces", "Nigerien army", "Military Forces of Niger"),
    "UK forces": ("British forces", "Military Forces of the United Kingdom"),
}  # fmt: skip


def fold(name: str | None) -> str:
    """A name with case, accents, punctuation, hyphens and the articles "al-" and "the" folded away."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    # Apostrophes and full stops join what they split ("Kata'ib", "U.S."); other marks separate.
    text = re.sub(r"[.'\u2018\u2019\u02bc`]", "", text)
    words = re.sub(r"[^\w]+|_", " ", text).split()
    return " ".join(w for w in words if w not in _ARTICLES)


_CANONICAL = {
    fold(alias): fold(name) for name, aliases in ACTOR_ALIASES.items() for alias in (name, *aliases)
}


def actor_key(name: str | None) -> str:
    key = fold(name)
    return _CANONICAL.get(key, key)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def types_agree(pred: Record, gold: Record) -> bool:
    subs = {gold.get("sub_event_type"), *(gold.get("sub_event_type_alt") or ())}
    return pred.get("event_type") == gold.get("event_type") or pred.get("sub_event_type") in subs


def date_gap(pred: Record, gold: Record) -> int | None:
    """Days between the two dates, or None where either is null."""
    p, g = _day(pred.get("event_date")), _day(gold.get("event_date"))
    return None if p is None or g is None else abs((p - g).days)


def dates_agree(pred: Record, gold: Record) -> bool:
    gap = date_gap(pred, gold)
    return gap is None or gap <= DATE_SLACK.get(gold.get("time_precision"), 1)


def location_agrees(pred: Record, gold: Record) -> bool:
    names = {fold(n) for n in (gold.get("location"), *(gold.get("location_aliases") or ())) if n}
    return bool(names) and fold(pred.get("location")) in names


def _names_no_more(location: str, gold: Record) -> bool:
    """Where gold names no place below a division or a sea, a location that is that division or
    that sea ("Kherson Oblast", "Red Sea") claims nothing more specific than gold does."""
    return fold(location) in {fold(gold.get("admin1")), fold(gold.get("country"))} - {fold(None)}


def place_level(pred: Record, gold: Record) -> int:
    """3: the location agrees; 2: the admin1 does; 1: the country does where gold has neither; 0: no."""
    if location_agrees(pred, gold):
        return 3
    if gold.get("admin1") and fold(pred.get("admin1")) == fold(gold["admin1"]):
        return 2
    if not gold.get("location") and not gold.get("admin1"):
        return 1 if gold.get("country") and fold(pred.get("country")) == fold(gold["country"]) else 0
    return 0


def fits(pred: Record, gold: Record) -> bool:
    return types_agree(pred, gold) and dates_agree(pred, gold) and place_level(pred, gold) > 0


def fit_score(pred: Record, gold: Record) -> float:
    """How well a fitting prediction fits: ranks candidate pairs for the greedy matching."""
    gap = date_gap(pred, gold)
    score = 2.0 if field_correct("sub_event_type", pred, gold) else 1.0
    score += 0.5 if gap is None else 2.0 / (1 + gap)
    score += place_level(pred, gold)
    for name in ("actor1", "actor2", "fatalities"):
        if gold.get(name) is not None and field_correct(name, pred, gold):
            score += 0.5
    return score


def field_correct(name: str, pred: Record, gold: Record) -> bool:
    want, got = gold.get(name), pred.get(name)
    if name == "sub_event_type":
        return got == want or got in (gold.get("sub_event_type_alt") or ())
    if name == "location":
        return location_agrees(pred, gold) if want else not got or _names_no_more(got, gold)
    if name in ("actor1", "actor2"):
        return actor_key(got) == actor_key(want)
    if name in ("admin1", "country"):
        return fold(got) == fold(want)
    return got == want


@dataclass(frozen=True, slots=True)
class Score:
    """The figures of one scoring run; ``pairs`` are (gold id, prediction index)."""

    gold: int
    predicted: int
    matched: int
    duplicates: int
    false_positives: int
    neutral: int
    fields: Mapping[str, float]
    pairs: tuple[tuple[str, int], ...]
    missed: tuple[str, ...]

    @property
    def precision(self) -> float:
        judged = self.matched + self.false_positives
        return self.matched / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self, name: str = "score") -> list[str]:
        head = (
            f"{name}: precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"({self.matched} of {self.gold} gold events matched, {self.predicted} predicted, "
            f"{self.false_positives} false positives of which {self.duplicates} duplicates, "
            f"{self.neutral} on optional events)"
        )
        fields = ", ".join(f"{k} {v:.3f}" for k, v in self.fields.items())
        return [head, f"  fields: {fields}", f"  missed: {', '.join(self.missed) or 'none'}"]


def score(gold: Sequence[Record], predicted: Sequence[Record]) -> Score:
    candidates = sorted(
        (-fit_score(p, g), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if fits(p, g)
    )
    gold_of: dict[int, int] = {}  # prediction index -> gold index
    taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in taken and pi not in gold_of:
            taken.add(gi)
            gold_of[pi] = gi
    optional = {gi for gi, g in enumerate(gold) if g.get("optional")}
    matched = {pi: gi for pi, gi in gold_of.items() if gi not in optional}
    neutral = duplicates = false_positives = 0
    for pi, p in enumerate(predicted):
        if pi in matched:
            continue
        fitting = {gi for gi, g in enumerate(gold) if fits(p, g)}
        if pi in gold_of or fitting & optional:
            neutral += 1
            continue
        false_positives += 1
        if fitting & set(matched.values()):
            duplicates += 1
    fields = {}
    for name in FIELDS:
        compared = [
            field_correct(name, predicted[pi], gold[gi])
            for pi, gi in matched.items()
            if not (name in OPEN_WHEN_NULL and gold[gi].get(name) is None)
        ]
        fields[name] = sum(compared) / len(compared) if compared else 1.0
    scored = [gi for gi in range(len(gold)) if gi not in optional]
    hit = set(matched.values())
    return Score(
        gold=len(scored),
        predicted=len(predicted),
        matched=len(matched),
        duplicates=duplicates,
        false_positives=false_positives,
        neutral=neutral,
        fields=fields,
        pairs=tuple(sorted((str(gold[gi].get("id", gi)), pi) for pi, gi in matched.items())),
        missed=tuple(str(gold[gi].get("id", gi)) for gi in scored if gi not in hit),
    )


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    if len(args) != 2:
        print("usage: python tests/scoring.py GOLD.jsonl PREDICTED.jsonl", file=sys.stderr)
        return 2
    result = score(read_jsonl(args[0]), read_jsonl(args[1]))
    print("\n".join(result.lines(Path(args[1]).name)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
