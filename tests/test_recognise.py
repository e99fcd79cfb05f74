"""Recognition: one automaton pass finds the lexicon's names on word boundaries, numbers, dates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.lexicon import default_lexicon
from sitroom.nlp.recognise import Recogniser, _longest_first


@pytest.fixture(scope="module")
def rec():
    return Recogniser(default_lexicon())


def kinds(rec, text):
    return [(e.kind, e.text, e.ref) for e in rec.find(text)]


def test_recognise_matches_whole_words_only(rec):
    found = kinds(rec, "Iraqis in Iraq and the Syrian border")
    places = [t for k, t, _ in found if k == "place"]
    assert places == ["Iraq"]


def test_recognise_spelling_variants_and_case(rec):
    found = kinds(rec, "Harakat-al-Nujaba and Kata’ib Hezbollah; IS fighters; this is not IS")
    actors = [(t, r) for k, t, r in found if k == "actor"]
    assert ("Harakat-al-Nujaba", "harakat_hezbollah_al_nujaba") in actors
    assert ("Kata’ib Hezbollah", "kataib_hezbollah") in actors
    assert sum(1 for t, r in actors if r == "islamic_state") == 2  # "IS" twice, never "is"


def test_recognise_longest_match_wins(rec):
    found = kinds(rec, "the Islamic Resistance in Iraq attacked")
    assert ("actor", "Islamic Resistance in Iraq", "islamic_resistance_in_iraq") in found
    assert not any(k == "place" and t == "Iraq" for k, t, _ in found)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("more than 110 times", 110, "more than"),
        ("over 100 attacks", 100, "more than"),
        ("about 2,500 troops", 2500, "about"),
        ("at least 25 people", 25, "at least"),
        ("twenty-five people", 25, None),
        ("dozens of people", 12, None),
        ("21+ killed", 21, "more than"),
    ],
)
def test_recognise_numbers_with_qualifiers(rec, text, value, qualifier):
    (n,) = [e for e in rec.find(text) if e.kind == "number"]
    assert (n.attr("value"), n.attr("qualifier")) == (value, qualifier)


def test_recognise_common_words_are_not_towns(rec):
    found = kinds(rec, "Most of the missiles were intercepted. Since then, Green forces waited.")
    assert not [t for k, t, _ in found if k == "place"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_recognise_never_raises_and_offsets_hold(rec, text):
    for e in rec.find(text):
        assert text[e.start : e.end] == e.text


@given(
    st.text(
        alphabet=st.sampled_from(
            [*"aB z9_-.,'\n", "\u2019", "\u2014", "\u00e9", "\u0130", "\u062d", "\u00a0", "\u2603"]
        ),
        max_size=60,
    )
)
def test_recognise_fold_for_match_is_lower_case_with_every_non_word_character_blanked(text: str) -> None:
    """The fast fold (ASCII stretches in bulk, other runs apart) must equal the plain definition,
    character for character, so offsets in the folded copy are offsets in the text."""
    import re

    from sitroom.nlp.recognise import fold_for_match

    def plain(c: str) -> str:
        low = c.lower() if len(c.lower()) == 1 else c
        return " " if re.match(r"[^\w]|_", low) else low

    folded = fold_for_match(text)
    assert len(folded) == len(text)
    assert folded == "".join(plain(c) for c in text)


def _longest_first_whole_text(cands: list[tuple]) -> list[tuple]:
    """The plain resolution over all candidates at once: longest first, then rank, and every
    entry of the best rank on a span already taken."""
    kept, best_rank, taken = [], {}, set()
    for c in sorted(cands, key=lambda c: (c[0] - c[1], -c[2], c[0])):
        span = (c[0], c[1])
        if span in best_rank:
            if c[2] >= best_rank[span]:
                kept.append(c)
            continue
        if taken & set(range(c[0], c[1])):
            continue
        taken |= set(range(c[0], c[1]))
        best_rank[span] = c[2]
        kept.append(c)
    return kept


_spans = st.tuples(st.integers(0, 60), st.integers(1, 12), st.integers(1, 6))


@settings(max_examples=300, deadline=None)
@given(st.lists(_spans, max_size=25))
def test_recognise_overlaps_settled_cluster_by_cluster_as_over_the_whole_text(raw) -> None:
    # candidates arrive in the scan's order, by end; each carries its index to tell entries apart
    cands = sorted(((a, a + n, rank) for a, n, rank in raw), key=lambda c: c[1])
    cands = [(*c, i) for i, c in enumerate(cands)]
    got = _longest_first(list(cands))
    assert sorted(got) == sorted(_longest_first_whole_text(cands))
    # the kept spans never overlap unless they are one span
    spans = sorted({(c[0], c[1]) for c in got})
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))


def test_recognise_several_dozen_is_a_dozen_by_the_vague_numbers_rule(rec):
    n = next(e for e in rec.find("several dozen fighters") if e.kind == "number")
    assert (n.text, n.attr("value"), n.attr("vague")) == ("several dozen", 12, True)
