"""The first-character guard of sitroom.nlp.rx: the same matches as the plain pattern, always."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.nlp import actors, casualties, claims, clauses, dates, extract, places, recognise, rx, segment

CORPUS = Path(__file__).parent / "corpus" / "docs"
MODULES = (actors, casualties, claims, clauses, dates, extract, places, recognise, segment)


def _plain(p: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern as written, where rx put a guard in front of it."""
    if not p.pattern.startswith("(?=["):
        return None
    return re.compile(p.pattern[p.pattern.index("])") + 2 :], p.flags)


def _guarded_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    out = []
    for mod in MODULES:
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and (plain := _plain(value)) is not None:
                out.append((f"{mod.__name__}.{name}", value, plain))
    return out


def _spans(p: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in p.finditer(text)]


def test_word_alternation_gets_the_initials_of_its_words():
    guard = rx.first_class(r"\b(?:killed|wounded|(?:hurt|dead))\b", re.IGNORECASE)
    assert guard is not None
    assert {c for c in "kwhd"} == {chr(c) for c in range(128) if re.fullmatch(guard, chr(c))}


@pytest.mark.parametrize(
    "pattern",
    [
        r"\s*$",  # may match the empty string: no first character
        r"(?:a|b)?c?",  # ... nor here
        r"abc|abd",  # a literal first: the engine already skips to it
        r"[xyz]q",  # a class first: likewise
        r"\b.foo",  # any character
        r"\b[^a]b",  # a negated class
        r"(?i:x)y|z",  # a local flag changes how the first character compares
        r"(?i)\bfoo",  # inline global flags stay at the start
    ],
)
def test_no_guard_where_none_is_known_or_useful(pattern):
    assert rx.first_class(pattern) is None
    assert rx.compile(pattern).pattern == pattern


def test_most_sentence_scans_are_guarded():
    # (a check that the mechanism is in use: the hot scans of casualties and clauses)
    names = {name for name, _, _ in _guarded_patterns()}
    assert {"sitroom.nlp.casualties._WORD", "sitroom.nlp.clauses._CLAUSE_EDGE"} <= names
    assert len(names) > 100


def test_every_guarded_pattern_finds_what_the_plain_one_finds_in_the_corpus():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(CORPUS.glob("*.json"))[:80]]
    assert texts
    for name, guarded, plain in _guarded_patterns():
        for text in texts:
            assert _spans(guarded, text) == _spans(plain, text), name
            for pos in range(0, len(text), 97):  # anchored use at a position, as the extractor does
                a, b = guarded.match(text, pos), plain.match(text, pos)
                assert (a and a.span()) == (b and b.span()), (name, pos)


# Letters whose case folding reaches outside ASCII (the Kelvin sign, the long s, the dotless i).
_ALPHABET = "aAkKsSiI \u212a\u017f\u0131\u0130-,;:.\n\u2013\u2014'1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET + "killedwoundsafthe", max_size=60))
def test_guard_is_sound_for_case_insensitive_words(text):
    pattern = r"(?<![\w])(?:kills?|sank|is\s+safe|\d+\s*-\s*(?:ki|s))\b|\bs[i\u0131]t\b|;|\u2014"
    guarded, plain = rx.compile(pattern, re.IGNORECASE), re.compile(pattern, re.IGNORECASE)
    assert guarded.pattern != pattern
    assert _spans(guarded, text) == _spans(plain, text)
