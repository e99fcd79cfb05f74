"""Recognition: actors, places, weapons, event words, cues, numbers and dates in one pass.

Every surface form of the lexicon goes into one Aho-Corasick automaton, built
once by :class:`Recogniser` (the factory); a document is then scanned in a
single pass over its lower-cased text. Matches must sit on word boundaries;
case-sensitive forms ("IS", "Hit") are checked against the original text, and
gazetteer town names must be capitalised, so that "most" is not Most in
Czechia. Numbers and dates come from a handful of compiled patterns.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

import ahocorasick

from sitroom.model import Document, Entity
from sitroom.nlp.dates import find_dates

# When two matches overlap, the longer wins; on equal length, the kind that says more.
_KIND_RANK = {"actor": 5, "place": 4, "weapon": 3, "victim": 2, "anaphor": 2}
_LAYER = {"trigger": "event", "cue": "cue"}  # other kinds share the "entity" layer

WORD_NUMBERS = {
    "one": 1, "a single": 1, "two": 2, "both": 2, "a pair of": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
# ACLED's conventions for vague quantities.
VAGUE_NUMBERS = {
    "several": 3, "a number of": 3, "a few": 3, "some": 3, "many": 3, "scores of": 12, "dozens": 12,
    "dozens of": 12, "a dozen": 12, "tens": 10, "tens of": 10, "hundreds": 100, "hundreds of": 100,
    "thousands": 1000, "thousands of": 1000,
}  # fmt: skip
QUALIFIERS = {
    "more than": "more than", "over": "more than", "at least": "at least", "about": "about",
    "around": "about", "approximately": "about", "roughly": "about", "some": "about", "nearly": "nearly",
    "almost": "nearly", "up to": "up to", "fewer than": "fewer than", "less than": "fewer than",
    "another": None, "an estimated": "about", "≥": "at least",
}  # fmt: skip

_num_words = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_vague_words = "|".join(sorted((re.escape(w) for w in VAGUE_NUMBERS), key=len, reverse=True))
_qual_words = "|".join(sorted((re.escape(w) for w in QUALIFIERS), key=len, reverse=True))
_NUMBER_RE = re.compile(
    rf"(?:(?P<qual>{_qual_words})\s+)?"
    rf"(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?P<plus>\+)?(?:\s*(?P<scale>million|thousand))?"
    rf"|(?P<word>{_num_words})(?:[- ](?P<word2>one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?P<vague>{_vague_words}))\b",
    re.IGNORECASE,
)
_WORD_CHAR = re.compile(r"\w")


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters (e.g. "İ") grow when lower-cased; keep offsets aligned.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _boundary(text: str, start: int, end: int) -> bool:
    if start > 0 and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[start]):
        return False
    return not (end < len(text) and _WORD_CHAR.match(text[end]) and _WORD_CHAR.match(text[end - 1]))


class Recogniser:
    """Compiles the lexicon once; calling it on a Document adds entities."""

    def __init__(self, lexicon: Any) -> None:
        self.lexicon = lexicon
        forms: dict[str, list[tuple[str, str, str | None, bool, tuple[tuple[str, Any], ...]]]] = defaultdict(
            list
        )
        for phrase, kind, ref, case_sensitive in lexicon.surface_forms():
            key = phrase.lower().strip()
            if len(key) < 2:
                continue
            attrs: tuple[tuple[str, Any], ...] = ()
            needs_capital = False
            if kind == "place":
                entry = lexicon.places[ref]
                needs_capital = entry.kind in ("town", "admin1") and phrase[:1].isupper()
            elif kind in ("trigger", "cue"):
                attrs = tuple(sorted(lexicon.terms[ref].attrs.items()))
            # A case-sensitive form is verified against the original text ("IS" but not "is").
            item = (kind, ref, phrase.strip() if case_sensitive else None, needs_capital, attrs)
            if item not in forms[key]:
                forms[key].append(item)
        self._automaton = ahocorasick.Automaton()
        for key, items in forms.items():
            self._automaton.add_word(key, (len(key), tuple(items)))
        self._automaton.make_automaton()
        self.size = len(forms)

    def find(self, text: str) -> list[Entity]:
        """Lexicon, number and date entities of ``text`` (sentence index 0)."""
        low = _lower_same_length(text)
        layers: dict[str, list[Entity]] = defaultdict(list)
        for end_idx, (length, items) in self._automaton.iter(low):
            start, end = end_idx - length + 1, end_idx + 1
            if not _boundary(low, start, end):
                continue
            surface = text[start:end]
            for kind, ref, cased, needs_capital, attrs in items:
                if cased is not None and surface != cased:
                    continue
                if needs_capital and not surface[:1].isupper():
                    continue
                layers[_LAYER.get(kind, "entity")].append(Entity(kind, start, end, surface, ref, 0, attrs))
        out: list[Entity] = []
        for layer in layers.values():
            out.extend(_longest_first(layer))
        out.extend(_numbers(text))
        for d in find_dates(text):
            out.append(Entity("date", d.start, d.end, d.text, d.kind, 0, (("expr", d),)))
        out.sort(key=lambda e: (e.start, -e.end))
        return out

    def __call__(self, doc: Document) -> Document:
        """Stage: entities of every sentence, each tagged with its sentence index."""
        starts = [s.start for s in doc.sentences]
        ents = []
        for e in self.find(doc.text):
            i = bisect.bisect_right(starts, e.start) - 1
            if i < 0 or e.end > doc.sentences[i].end:
                continue  # straddles a sentence boundary
            ents.append(replace(e, sentence=i))
        return replace(doc, entities=tuple(ents))


def _longest_first(cands: list[Entity]) -> list[Entity]:
    """Keep non-overlapping matches, preferring the longest, then the more informative kind.

    Several entries may share one span (a town and a base both called "Harir"); all are
    kept so the resolver can choose with context.
    """
    cands.sort(key=lambda e: (-(e.end - e.start), -_KIND_RANK.get(e.kind, 1), e.start))
    taken: list[tuple[int, int]] = []
    kept: list[Entity] = []
    for e in cands:
        clash = False
        for s, t in taken:
            if e.start < t and s < e.end and not (s == e.start and t == e.end):
                clash = True
                break
        if clash:
            continue
        same = [k for k in kept if k.start == e.start and k.end == e.end]
        if same and _KIND_RANK.get(same[0].kind, 1) > _KIND_RANK.get(e.kind, 1):
            continue
        kept.append(e)
        taken.append((e.start, e.end))
    return kept


def _numbers(text: str) -> list[Entity]:
    out = []
    for m in _NUMBER_RE.finditer(text):
        if m.start() > 0 and _WORD_CHAR.match(text[m.start() - 1]):
            continue
        g = m.groupdict()
        vague = False
        if g["digits"]:
            value = float(g["digits"].replace(",", ""))
            if g["scale"]:
                value *= 1_000_000 if g["scale"].lower() == "million" else 1000
        elif g["word"]:
            value = WORD_NUMBERS[g["word"].lower()]
            if g["word2"]:
                value += WORD_NUMBERS[g["word2"].lower()]
        else:
            value = VAGUE_NUMBERS[g["vague"].lower()]
            vague = True
        qual = QUALIFIERS.get(g["qual"].lower()) if g["qual"] else None
        if g.get("plus"):
            qual = "more than"
        if g["qual"] and g["qual"].lower() == "some" and not g["digits"] and not g["word"]:
            continue
        out.append(
            Entity(
                "number",
                m.start(),
                m.end(),
                m.group(),
                str(int(value)) if float(value).is_integer() else str(value),
                0,
                (("value", value), ("qualifier", qual), ("vague", vague)),
            )
        )
    return out
