"""Sentence segmentation that survives page furniture."""

from __future__ import annotations

import pytest

from sitroom.nlp.segment import split_sentences


def prose(text: str) -> list[str]:
    return [s.text for s in split_sentences(text) if not s.furniture]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. forces struck two sites. The Pentagon said so.", ["U.S. forces struck two sites.", "The Pentagon said so."]),
        ("Maj. Gen. Pat Ryder spoke on Jan. 5 in Washington. He took questions.",
         ["Maj. Gen. Pat Ryder spoke on Jan. 5 in Washington.", "He took questions."]),
        ("Drones hit the base.[3] Nobody was hurt.[4][5]", ["Drones hit the base.[3]", "Nobody was hurt.[4][5]"]),
        ("It was at 8:45 p.m. on Monday that the rockets came.", ["It was at 8:45 p.m. on Monday that the rockets came."]),
    ],
)  # fmt: skip
def test_segment_splits_on_sentence_ends_not_abbreviations(text, expected):
    assert prose(text) == expected


def test_segment_flags_menus_banners_and_headings():
    text = (
        "An official website of the United States government\n"
        "Here's how you know\n"
        "News | Press Releases\n"
        "Coalition forces came under attack at a base in northeast Syria on Monday morning.\n"
    )
    sents = split_sentences(text)
    assert [s.furniture for s in sents] == [True, True, True, False]


def test_segment_joins_hard_wrapped_prose_and_drops_speaker_labels():
    text = (
        "MAJ. GEN. PAT RYDER: Good afternoon. Militia groups have attacked U.S. forces in Iraq more than\n"
        "sixty times since the war began, officials said.\n"
    )
    assert prose(text) == [
        "Good afternoon.",
        "Militia groups have attacked U.S. forces in Iraq more than\nsixty times since the war began, officials said.",
    ]


def test_segment_offsets_point_into_the_text():
    text = "Menu\n\nA drone hit Tower 22. Three soldiers died.\nSubscribe\n"
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
