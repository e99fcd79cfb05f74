"""Thousands of hostile and good inputs: no exception, every unit accounted for once."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from sitroom.ingest import iter_inputs, read_bytes

FILES = 2500


def test_ingest_hostile_corpus_every_unit_accounted_for(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    expected = hostile.generate(tmp_path / "corpus", FILES, seed=20240120)
    records = list(iter_inputs([str(tmp_path / "corpus")], max_bytes=hostile.LIMIT))

    keys = Counter(hostile.unit_key(r) for r in records)
    assert [k for k, n in keys.items() if n > 1] == []
    assert sorted(set(keys) - set(expected)) == []
    assert sorted(set(expected) - set(keys)) == []
    for record in records:
        assert (record.document is None) != (record.error is None), record
        if record.error is not None:
            assert record.error.strip() and "\n" not in record.error
            assert not record.error.startswith("internal error"), record
    wrong = [
        (hostile.unit_key(r), expected[hostile.unit_key(r)], r.error)
        for r in records
        if r.ok != (expected[hostile.unit_key(r)] == hostile.GOOD)
    ]
    assert wrong == []
    assert not any(".hidden" in r.origin or os.sep + "." in r.origin for r in records)
    # The size limit is checked before reading: the sparse file's reason names it.
    oversize = [r for r in records if r.origin.endswith("zz-oversize.txt")]
    assert [r.error for r in oversize] == [
        f"file is {hostile.LIMIT + 1} bytes, over the {hostile.LIMIT}-byte limit"
    ]
    # Readers never print, whatever they meet.
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_ingest_hostile_generator_covers_both_outcomes(tmp_path: Path) -> None:
    expected = hostile.generate(tmp_path / "c", 40, seed=1)
    counts = Counter(expected.values())
    assert counts[hostile.GOOD] > 10 and counts[hostile.BAD] > 10
    assert any("::line " in k for k in expected) and any("::entry " in k for k in expected)


SUFFIXES = ["", ".txt", ".json", ".jsonl", ".html", ".xml", ".rss", ".atom", ".bin"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=2048), st.text(max_size=1024).map(str.encode)),
    suffix=st.sampled_from(SUFFIXES),
)
def test_ingest_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    records = list(read_bytes(data, "fuzz" + suffix, suffix=suffix))
    assert records
    for record in records:
        assert (record.document is None) != (record.error is None)
        assert record.error is None or (
            record.error.strip() and not record.error.startswith("internal error")
        )
        if record.document is not None:
            assert record.document.text.strip()
            record.document.text.encode("utf-8")
