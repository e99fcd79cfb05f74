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
from collections.abc import Sequence
from dataclasses import replace
from importlib import metadata
from typing import Any

import ahocorasick

import sitroom.lexicon as lexicon_module
import sitroom.lexicon.schema as lexicon_schema
from sitroom import cache
from sitroom.model import Document, Entity, Span
from sitroom.nlp import dates, rx
from sitroom.nlp.dates import ANCHOR_WORDS, YEAR_NUMBER, anchor_kind, find_dates

# When two matches overlap, the longer wins; on equal length, the kind that says more.
_KIND_RANK = {"actor": 6, "place": 5, "weapon": 4, "description": 3, "demonym": 3, "victim": 2, "target": 2}
# Kinds in different layers may overlap ("drone strike" is a trigger and holds the weapon "drone").
_LAYER = {"trigger": "event", "cue": "cue", "relation": "cue", "war": "war"}
lexicon_term_kinds = frozenset({"trigger", "cue", "description", "victim", "target", "relation", "war"})

WORD_NUMBERS = {
    "one": 1, "a single": 1, "two": 2, "both": 2, "a pair of": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
# ACLED's conventions for vague quantities.
VAGUE_NUMBERS = {
    "several": 3, "a number of": 3, "a few": 3, "scores of": 12, "dozens": 12,
    "dozens of": 12, "a dozen": 12, "tens": 10, "tens of": 10, "hundreds": 100, "hundreds of": 100,
    "thousands": 1000, "thousands of": 1000, "several dozen": 12, "a few dozen": 12, "several hundred": 100,
    "a few hundred": 100,
}  # fmt: skip
QUALIFIERS = {
    "more than": "more than", "over": "more than", "at least": "at least", "about": "about",
    "around": "about", "approximately": "about", "roughly": "about", "some": "about", "nearly": "nearly",
    "almost": "nearly", "up to": "up to", "fewer than": "fewer than", "less than": "fewer than",
    "another": None, "an estimated": "about", "≥": "at least",
}  # fmt: skip

# (not the hours and minutes of a time: "15:05 In Nikopol, a drone ...")
_DIGITS_RE = rx.compile(
    r"(?<![\w.,:])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\+)?(?:\s*(million|thousand))?(?![\w]|:\d)"
)
_TWO_WORDS_RE = rx.compile(r"[- ](one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)
# "twenty (20) soldiers": a number written out, then in digits, as official communiques do
_DIGITS_AGAIN_RE = rx.compile(r"\s*\((\d{1,5})\)")
_WORD_CHAR = rx.compile(r"\w")


# The matching copy of a text folds case and turns every non-word character into a space, one
# character for one, so that offsets into it are offsets into the original. Keys are stored padded
# with a space on each side: the automaton then only ever reports matches that begin and end on
# word boundaries ("harakat al nujaba" finds "Harakat-al-Nujaba" but "ira" never fires in "Iraq").
_NON_WORD = rx.compile(r"[^\w]|_")
_NUMBER_KINDS = frozenset({"numword", "vague", "qualifier"})
_NAMED_KINDS = frozenset({"place", "actor", "weapon"})
_DATE_CUE = "datecue"
# The usual punctuation and spaces, blanked by a table (much faster than the regex above).
_BLANK = {ord(c): " " for c in "".join(chr(i) for i in range(128) if not (chr(i).isalnum()))}
_BLANK.update({ord(c): " " for c in "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2012\u2015\u2026"
               "\u2022\u00b7\u00ab\u00bb\u2039\u203a\u2032\u2033\u00a0\u2009\u200a\u202f\u2010\u2011\u00ad"
               "\u00b0\u00a7\u00a9\u00ae\u2122\u20ac\u00a3\u00a5\u00bf\u00a1\u2212\u00d7\u00f7"})  # fmt: skip


_NON_ASCII = rx.compile(r"[^\x00-\x7f]+")
# Folded runs of non-ASCII characters (curly quotes, dashes, words in Arabic script), bounded.
_RUNS: dict[str, str] = {}


def fold_for_match(text: str) -> str:
    """Lower-case ``text`` and blank its punctuation for matching, keeping its length."""
    low = text.lower()
    if len(low) != len(text):
        # A few characters (e.g. "İ") grow when lower-cased; keep offsets aligned.
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii():
        return low.translate(_BLANK)
    # str.translate is fast only over ASCII: blank the ASCII stretches in bulk and fold each run
    # of other characters apart (seven times faster on news text with curly quotes and dashes).
    out: list[str] = []
    pos = 0
    for m in _NON_ASCII.finditer(low):
        out.append(low[pos : m.start()].translate(_BLANK))
        run = m.group()
        folded = _RUNS.get(run)
        if folded is None:
            folded = _NON_WORD.sub(" ", run.translate(_BLANK))
            if len(_RUNS) > 50_000:
                _RUNS.clear()
            _RUNS[run] = folded
        out.append(folded)
        pos = m.end()
    out.append(low[pos:].translate(_BLANK))
    return "".join(out)


class Recogniser:
    """Compiles the lexicon once; calling it on a Document adds entities."""

    size: int  # surface forms compiled

    def __init__(self, lexicon: Any) -> None:
        self.lexicon = lexicon
        # The automaton depends on the lexicon's files and on the code that reads them into surface
        # forms and compiles those: this module, the date anchors' and the lexicon's.
        fingerprint = getattr(lexicon, "fingerprint", "")
        code = (__file__, dates.__file__, lexicon_module.__file__, lexicon_schema.__file__)
        key = cache.key_for(fingerprint, _automaton_version(), files=code)
        cached = cache.load("recogniser", key) if fingerprint else None
        if cached is None:
            cached = self._build(lexicon)
            if fingerprint:
                cache.store("recogniser", key, cached)
        self._automaton, self.size = cached

    @staticmethod
    def _build(lexicon: Any) -> tuple[Any, int]:
        """The automaton of every surface form, and how many keys it holds."""
        forms: dict[str, list[tuple[str, str, str | None, bool, tuple[tuple[str, Any], ...]]]] = defaultdict(
            list
        )
        for phrase, kind, ref, case_sensitive in _with_plurals(lexicon.surface_forms()):
            phrase = phrase.strip()
            key = fold_for_match(phrase)
            if len(key.strip()) < 2:
                continue
            attrs: tuple[tuple[str, Any], ...] = ()
            needs_capital = False
            if kind == "place":
                entry = lexicon.places[ref]
                # Gazetteer names are proper nouns: "most" in a sentence is not the town of Most.
                generated = entry.kind in ("town", "admin1") and entry.id[:3] in ("gn:", "a1:")
                if generated and (not phrase[:1].isupper() or len(key) < 3):
                    continue  # GeoNames' lower-case and very short alternate names match prose
                if generated and len(key) == 3:
                    if entry.kind == "town" and entry.population < SHORT_TOWN_POPULATION:
                        continue
                    case_sensitive = True  # "Gao" and "Jos" as written, never "GAO" or "jos"
                needs_capital = entry.kind in ("town", "admin1", "district") and phrase[:1].isupper()
            elif kind in lexicon_term_kinds:
                attrs = tuple(sorted(lexicon.terms[ref].attrs.items()))
            # A case-sensitive form is verified against the original text ("IS" but not "is").
            item = (kind, ref, phrase.strip() if case_sensitive else None, needs_capital, attrs)
            if item not in forms[key]:
                forms[key].append(item)
        for key, items in forms.items():
            forms[key] = _fewest_places(items, lexicon)
        for table, kind in ((WORD_NUMBERS, "numword"), (VAGUE_NUMBERS, "vague"), (QUALIFIERS, "qualifier")):
            for word in table:
                if fold_for_match(word).strip():  # a sign ("≥") folds to a blank: it would match any gap
                    forms[fold_for_match(word)].append((kind, word, None, False, ()))
        for word in ANCHOR_WORDS:
            forms[fold_for_match(word)].append((_DATE_CUE, word, None, False, ()))
        automaton = ahocorasick.Automaton()
        for key, items in forms.items():
            automaton.add_word(f" {key} ", _compact(len(key) + 2, items))
        automaton.make_automaton()
        return automaton, len(forms)

    def find(self, text: str, sentences: Sequence[Span] = ()) -> list[Entity]:
        """Lexicon, number and date entities of ``text``. With ``sentences`` (spans covering the
        text), each entity carries its sentence index and ones straddling two are dropped."""
        padded = f" {fold_for_match(text)} "
        # Candidates are (start, end, rank, kind, ref, attrs) tuples until the overlaps are settled.
        layers: dict[str, list[tuple]] = {"war": [], "entity": [], "event": [], "cue": []}
        number_words: list[tuple[int, int, str, str]] = []
        anchors: list[tuple[int, int]] = []
        for end_idx, (length, anchor, numbers, plain, checked) in self._automaton.iter(padded):
            # In the original text the key spans [start, end): see fold_for_match.
            start, end = end_idx - length + 1, end_idx - 1
            if anchor:
                anchors.append((start, anchor))
            for kind, ref in numbers:
                number_words.append((start, end, kind, ref))
            for layer, rank, kind, ref, attrs in plain:
                layers[layer].append((start, end, rank, kind, ref, attrs))
            if checked:
                surface = text[start:end]
                capital = surface[:1].isupper()
                for layer, rank, kind, ref, attrs, cased, needs_capital in checked:
                    if (cased is None or surface == cased) and (capital or not needs_capital):
                        layers[layer].append((start, end, rank, kind, ref, attrs))
        wars = _longest_first(layers.pop("war"))
        kept: list[tuple] = list(wars)
        for layer in layers.values():
            chosen = _longest_first(layer)
            if wars:
                # "the Israel-Hamas war" names a war, not Israel or Hamas doing something
                chosen = [c for c in chosen if not any(w[0] <= c[0] and c[1] <= w[1] for w in wars)]
            kept.extend(chosen)
        starts = [s.start for s in sentences]
        ends = [s.end for s in sentences]

        def sentence_of(a: int, b: int) -> int | None:
            if not starts:
                return 0
            k = bisect.bisect_right(starts, a) - 1
            return k if k >= 0 and b <= ends[k] else None  # None: straddles a sentence boundary

        out: list[Entity] = []
        for start, end, _, kind, ref, attrs in kept:
            k = sentence_of(start, end)
            if k is not None:
                out.append(Entity(kind, start, end, text[start:end], ref, k, attrs))
        # a number inside a name counts nothing ("Tower 22", "Air Base 101"); names do not overlap
        names = sorted((c[0], c[1]) for c in kept if c[3] in _NAMED_KINDS)
        name_starts = [a for a, _ in names]

        def in_name(n: Entity) -> bool:
            k = bisect.bisect_right(name_starts, n.start) - 1
            return k >= 0 and n.end <= names[k][1]

        numbers = [n for n in _numbers(text, number_words) if not in_name(n)]
        anchors.extend((n.start, YEAR_NUMBER) for n in numbers if 1900 <= n.attr("value") <= 2100)
        for n in numbers:
            k = sentence_of(n.start, n.end)
            if k is not None:
                out.append(n if k == 0 else Entity(n.kind, n.start, n.end, n.text, n.ref, k, n.attrs))
        for d in find_dates(text, anchors=anchors):
            k = sentence_of(d.start, d.end)
            if k is not None:
                out.append(Entity("date", d.start, d.end, d.text, d.kind, k, (("expr", d),)))
        out.sort(key=lambda e: (e.start, -e.end))
        return out

    def __call__(self, doc: Document) -> Document:
        """Stage: entities of every sentence, each tagged with its sentence index."""
        return replace(doc, entities=tuple(self.find(doc.text, doc.sentences)))


MAX_TOWNS_PER_NAME = 4
# A three-letter gazetteer name is matched only for a town this populous (Gao, Jos, Wau, Kas),
# or a division, and only as written: short names are otherwise abbreviations and syllables.
SHORT_TOWN_POPULATION = 50_000


def _automaton_version() -> str:
    try:
        return metadata.version("pyahocorasick")
    except metadata.PackageNotFoundError:
        return "unknown"


def _compact(length: int, items: list) -> tuple:
    """What the automaton keeps for one key, sorted for the scan: (length, is a date anchor,
    number words, entries with no check, entries checked against the original text's case)."""
    anchor = 0  # the kinds of date an anchor word here can begin (see dates.anchor_kind)
    for it in items:
        if it[0] == _DATE_CUE:
            anchor |= anchor_kind(it[1])
    numbers = tuple((it[0], it[1]) for it in items if it[0] in _NUMBER_KINDS)
    rest = [it for it in items if it[0] != _DATE_CUE and it[0] not in _NUMBER_KINDS]
    plain = tuple((_LAYER.get(k, "entity"), _KIND_RANK.get(k, 1), k, ref, attrs)
                  for k, ref, cased, cap, attrs in rest if cased is None and not cap)  # fmt: skip
    checked = tuple((_LAYER.get(k, "entity"), _KIND_RANK.get(k, 1), k, ref, attrs, cased, cap)
                    for k, ref, cased, cap, attrs in rest if cased is not None or cap)  # fmt: skip
    return length, anchor, numbers, plain, checked


def _fewest_places(items: list, lexicon: Any) -> list:
    """A name many GeoNames towns share ("Washington": nine) keeps its few most populous ones
    beside every place a theatre file names: the rest would never win against them."""
    towns = [it for it in items if it[0] == "place" and it[1].startswith("gn:")]
    if len(towns) <= MAX_TOWNS_PER_NAME:
        return items
    towns.sort(key=lambda it: lexicon.places[it[1]].population, reverse=True)
    drop = {id(it) for it in towns[MAX_TOWNS_PER_NAME:]}
    return [it for it in items if id(it) not in drop]


def _with_plurals(forms):  # noqa: ANN001, ANN202
    """Weapon names are written in the plural as often as not ("one-way attack drones")."""
    for phrase, kind, ref, cased in forms:
        yield phrase, kind, ref, cased
        if kind == "weapon" and not cased and phrase[-1:].isalpha() and not phrase.endswith("s"):
            yield phrase + "s", kind, ref, cased


def _longest_first(cands: list[tuple]) -> list[tuple]:
    """Keep non-overlapping matches, preferring the longest, then the more informative kind.

    Candidates are (start, end, rank, ...) tuples in the scan's order (by end). Several entries may
    share one span (a town and a base both called "Harir"); all of the best rank are kept so the
    resolver can choose with context. Only the clusters of overlapping spans need the full
    resolution: the greedy choice never reaches across two clusters, so each is settled alone.
    """
    if len(cands) < 2:
        return cands
    disjoint = _disjoint(cands)
    if disjoint is not None:
        return disjoint
    kept: list[tuple] = []
    for cluster in _clusters(cands):
        if len(cluster) == 1:
            kept.append(cluster[0])
        else:
            kept.extend(_settle(cluster))
    return kept


def _clusters(cands: list[tuple]) -> list[list[tuple]]:
    """Candidates (ordered by end) in groups joined by overlaps, the groups in text order."""
    stack: list[list[Any]] = []  # [start, end, members], disjoint and in order
    for c in cands:
        start, end = c[0], c[1]
        members = [c]
        lo, hi = start, end
        while stack and stack[-1][1] > start:
            top = stack.pop()  # it overlaps c (it ends after c begins, and no later than c ends)
            members = top[2] + members
            lo, hi = min(lo, top[0]), max(hi, top[1])
        stack.append([lo, hi, members])
    return [entry[2] for entry in stack]


def _settle(cands: list[tuple]) -> list[tuple]:
    """The longest-first resolution of one cluster of overlapping candidates."""
    lo = min(c[0] for c in cands)
    cands = sorted(cands, key=lambda c: (c[0] - c[1], -c[2], c[0]))
    taken = bytearray(max(c[1] for c in cands) - lo + 1)
    best_rank: dict[tuple[int, int], int] = {}
    kept: list[tuple] = []
    for c in cands:
        start, end, rank = c[0], c[1], c[2]
        span = (start, end)
        if span in best_rank:
            if rank >= best_rank[span]:
                kept.append(c)
            continue
        if taken.find(1, start - lo, end - lo) >= 0:
            continue
        taken[start - lo : end - lo] = (
            _ONES[: end - start] if end - start <= len(_ONES) else b"\x01" * (end - start)
        )
        best_rank[span] = rank
        kept.append(c)
    return kept


_ONES = b"\x01" * 256


def _disjoint(cands: list[tuple]) -> list[tuple] | None:
    """The common case, in one pass: candidates in the scan's order (by end) whose spans never
    overlap, bar entries sharing one span; each span keeps its entries of the best rank. None
    where two spans overlap (the full resolution is needed)."""
    kept: list[tuple] = []
    last_start = last_end = -1
    best = 0
    for c in cands:
        start, end, rank = c[0], c[1], c[2]
        if start == last_start and end == last_end:
            if rank > best:
                kept = [k for k in kept if (k[0], k[1]) != (start, end)]
                best = rank
            if rank == best:
                kept.append(c)
            continue
        if start < last_end or end < last_end:
            return None
        last_start, last_end, best = start, end, rank
        kept.append(c)
    return kept


def _numbers(text: str, words: list[tuple[int, int, str, str]]) -> list[Entity]:
    """Number entities: digits found by a regex, number words and qualifiers found by the automaton.

    ``words`` holds (start, end, kind, key) for "numword", "vague" and "qualifier" hits.
    """
    values: list[tuple[int, int, float, bool]] = []
    plus_at: set[int] = set()
    for m in _DIGITS_RE.finditer(text):
        value = float(m.group(1).replace(",", ""))
        if m.group(3):
            value *= 1_000_000 if m.group(3).lower() == "million" else 1000
        values.append((m.start(), m.end(), value, False))
        if m.group(2):
            plus_at.add(m.end(1))
    quals: dict[int, tuple[int, str | None]] = {}  # end offset -> (start, qualifier)
    for start, end, kind, key in words:
        if kind == "numword":
            value, stop = float(WORD_NUMBERS[key]), end
            unit = _TWO_WORDS_RE.match(text, end)
            if unit and WORD_NUMBERS[key] >= 20 and WORD_NUMBERS[key] % 10 == 0:
                value += WORD_NUMBERS[unit.group(1).lower()]
                stop = unit.end()
            again = _DIGITS_AGAIN_RE.match(text, stop)
            if again and float(again.group(1)) == value:
                stop = again.end()  # (the digits inside fall within this number: see below)
            values.append((start, stop, value, False))
        elif kind == "vague":
            values.append((start, end, float(VAGUE_NUMBERS[key]), True))
        else:
            quals[end] = (start, QUALIFIERS[key])
    out = []
    last_end = -1
    for start, end, value, vague in sorted(values, key=lambda v: (v[0], -v[1])):
        if start < last_end:
            continue  # "five" inside "twenty-five", "dozens" inside "dozens of"
        last_end = end
        qual = "more than" if end in plus_at or text[end - 1 : end] == "+" else None
        lead = start
        j = start - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        if j + 1 < start and (j + 1) in quals:
            q_start, q = quals[j + 1]
            if not (vague and q == "about"):  # "some" before a vague word is no qualifier
                lead, qual = q_start, q or qual
        out.append(
            Entity(
                "number",
                lead,
                end,
                text[lead:end],
                str(int(value)) if float(value).is_integer() else str(value),
                0,
                (("value", value), ("qualifier", qual), ("vague", vague)),
            )
        )
    return out
