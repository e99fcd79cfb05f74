"""The on-disk cache of the compiled recogniser: reused when the lexicon is the same, never when
a data file changed, and harmless when broken or turned off."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sitroom import cache
from sitroom.lexicon import load_lexicon
from sitroom.nlp.recognise import Recogniser

GROUP = """\
    source: test
    licence: MIT
    kind: actors
    entries:
      - id: liwa_al_test
        name: {name}
        kind: militia
        inter: 3
        country: Iraq
    """
TEXT = "Liwa al-Qamar and Saraya Nur claimed the drone attack on Erbil."


def actors_in(recogniser: Recogniser, text: str = TEXT) -> set[str]:
    return {e.ref for e in recogniser.find(text) if e.kind == "actor"}


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("recogniser-*.pickle"))


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def theatre(tmp_path):
    folder = tmp_path / "theatre"
    folder.mkdir()
    (folder / "actors.yaml").write_text(textwrap.dedent(GROUP.format(name="Liwa al-Qamar")), "utf-8")
    return folder


def test_cache_second_recogniser_loads_what_the_first_stored(cache_folder, theatre):
    lex = load_lexicon([theatre])
    first = Recogniser(lex)
    assert len(entries(cache_folder)) == 1
    stored = entries(cache_folder)[0].stat().st_mtime_ns
    second = Recogniser(load_lexicon([theatre]))
    assert entries(cache_folder)[0].stat().st_mtime_ns == stored  # read, not rewritten
    assert second.size == first.size
    assert actors_in(second) == actors_in(first) == {"liwa_al_test"}


def test_cache_edited_data_file_is_never_served_stale(cache_folder, theatre):
    """Renaming a group in a user folder must show in the next run, with the old entry on disk."""
    assert actors_in(Recogniser(load_lexicon([theatre]))) == {"liwa_al_test"}
    (theatre / "actors.yaml").write_text(textwrap.dedent(GROUP.format(name="Saraya Nur")), "utf-8")
    edited = load_lexicon([theatre])
    found = [e for e in Recogniser(edited).find(TEXT) if e.kind == "actor"]
    assert [TEXT[e.start : e.end] for e in found] == ["Saraya Nur"]
    assert len(entries(cache_folder)) == 2  # one per lexicon


def test_cache_unreadable_entry_is_rebuilt_and_replaced(cache_folder, theatre):
    lex = load_lexicon([theatre])
    Recogniser(lex)
    [path] = entries(cache_folder)
    path.write_bytes(b"not a pickle")
    assert actors_in(Recogniser(lex)) == {"liwa_al_test"}
    assert path.stat().st_size > 1000  # written again, whole


def test_cache_off_writes_nothing(tmp_path, monkeypatch, theatre):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() is None
    assert actors_in(Recogniser(load_lexicon([theatre]))) == {"liwa_al_test"}
    assert not (tmp_path / "xdg").exists()


def test_cache_unwritable_folder_costs_only_the_build(tmp_path, monkeypatch, theatre):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", "utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "sitroom"))
    assert actors_in(Recogniser(load_lexicon([theatre]))) == {"liwa_al_test"}


def test_cache_keeps_the_most_recent_entries_of_a_kind(cache_folder):
    for n in range(cache.KEEP + 2):
        cache.store("thing", f"k{n}", {"n": n})
        os.utime(cache_folder / f"thing-k{n}.pickle", (n, n))  # file times coarser than the loop
    kept = sorted(p.name for p in cache_folder.glob("thing-*.pickle"))
    assert len(kept) == cache.KEEP
    assert cache.load("thing", f"k{cache.KEEP + 1}") == {"n": cache.KEEP + 1}
    assert cache.load("thing", "k0") is None


def test_cache_key_follows_the_code_files(tmp_path):
    code = tmp_path / "module.py"
    code.write_text("A = 1\n", "utf-8")
    before = cache.key_for("fp", files=[code])
    code.write_text("A = 2\n", "utf-8")
    assert cache.key_for("fp", files=[code]) != before
    assert cache.key_for("fp", files=[code]) == cache.key_for("fp", files=[code])
