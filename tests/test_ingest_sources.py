"""Where inputs come from: folders, globs, stdin, limits, odd files, sniffing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.ingest import MAX_BYTES, InputRecord, iter_inputs, read_bytes

REPORT = "Rockets hit a base near Al-Tanf\nTwo rockets landed inside the base on Sunday, officials said.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def origins(records: list[InputRecord]) -> list[str]:
    return [r.origin if r.locator is None else f"{r.origin}::{r.locator}" for r in records]


def test_ingest_folder_is_walked_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    write(root / "b.txt", REPORT)
    write(root / "a" / "z.txt", REPORT)
    write(root / "a" / "deeper" / "m.json", json.dumps({"text": "Deeper report."}))
    write(root / "c.jsonl", json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n")
    write(root / ".hidden.txt", REPORT)
    write(root / ".git" / "config.txt", REPORT)
    write(root / "a" / ".cache" / "x.txt", REPORT)
    records = list(iter_inputs([str(root)]))
    assert origins(records) == [
        f"{root}/a/deeper/m.json",
        f"{root}/a/z.txt",
        f"{root}/b.txt",
        f"{root}/c.jsonl::line 1",
        f"{root}/c.jsonl::line 2",
    ]
    assert all(r.ok for r in records)
    assert records[0].document is not None and records[0].document.origin == f"{root}/a/deeper/m.json"


def test_ingest_glob_patterns_expand_sorted(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "c.txt"):
        write(tmp_path / name, json.dumps({"text": f"Report {name}."}))
    write(tmp_path / "sub" / "d.json", json.dumps({"text": "Nested."}))
    assert origins(list(iter_inputs([str(tmp_path / "*.json")]))) == [
        str(tmp_path / "a.json"),
        str(tmp_path / "b.json"),
    ]
    nested = origins(list(iter_inputs([str(tmp_path / "**" / "*.json")])))
    assert nested == [str(tmp_path / "a.json"), str(tmp_path / "b.json"), str(tmp_path / "sub" / "d.json")]


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("missing/report.txt", "no such file or folder"),
        ("missing/*.json", "no files match the pattern"),
        (
            "https://news.example.org/feed.xml",
            "URLs are not fetched: save the page or feed to a file and pass its path",
        ),
        ("", "empty path"),
    ],
)
def test_ingest_unusable_input_specs_fail_with_reason(tmp_path: Path, spec: str, reason: str) -> None:
    spec = str(tmp_path / spec) if spec.startswith("missing") else spec
    (record,) = iter_inputs([spec])
    assert (record.origin, record.locator, record.document, record.error) == (spec, None, None, reason)


def test_ingest_empty_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "only" / ".hidden", REPORT)
    (record,) = iter_inputs([str(tmp_path / "only")])
    assert record.error == "folder holds no files (hidden ones are skipped)"


def test_ingest_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: nothing to read if the size check works
    (record,) = iter_inputs([str(big)])
    assert record.error == f"file is 31457280 bytes, over the {MAX_BYTES}-byte limit"
    assert MAX_BYTES == 20971520
    small = write(tmp_path / "small.txt", REPORT)
    (record,) = iter_inputs([str(small)], max_bytes=20)
    assert record.error == f"file is {small.stat().st_size} bytes, over the 20-byte limit"


def test_ingest_standard_input_is_sniffed(tmp_path: Path) -> None:
    data = json.dumps({"text": "From a pipe.", "title": "Piped"}).encode()
    (record,) = iter_inputs(["-"], stdin=io.BytesIO(data))
    assert record.origin == "<stdin>"
    assert record.document is not None and record.document.title == "Piped"
    (record,) = iter_inputs(["-"], stdin=io.BytesIO(b"x" * 50), max_bytes=10)
    assert record.error == "standard input is over the 10-byte limit"


def test_ingest_real_standard_input_through_a_process() -> None:
    script = (
        "import json, sys\n"
        "from sitroom.ingest import iter_inputs\n"
        "for r in iter_inputs(['-']):\n"
        "    print(json.dumps([r.origin, r.locator, r.document.text if r.document else r.error]))\n"
    )
    lines = "\n".join(json.dumps({"text": t}) for t in ("First piped report.", "Second piped report.")) + "\n"
    done = subprocess.run(
        [sys.executable, "-c", script], input=lines.encode(), capture_output=True, check=True, timeout=60
    )
    assert [json.loads(x) for x in done.stdout.decode().splitlines()] == [
        ["<stdin>", "line 1", "First piped report."],
        ["<stdin>", "line 2", "Second piped report."],
    ]
    assert done.stderr == b""


def test_ingest_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (record,) = iter_inputs([str(fifo)])
    assert record.error == "not a regular file (a pipe, socket or device)"


def test_ingest_symlink_loops_end_and_each_file_is_read_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "a.txt", REPORT)
    os.symlink(root, root / "loop")
    os.symlink(root / "a.txt", root / "b-link.txt")
    os.symlink(root / "gone.txt", root / "c-broken.txt")
    records = list(iter_inputs([str(root)]))
    assert origins(records) == [str(root / "a.txt"), str(root / "b-link.txt"), str(root / "c-broken.txt")]
    assert records[2].error == "cannot read file: No such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingest_unreadable_file_fails_with_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", REPORT)
    path.chmod(0)
    (record,) = iter_inputs([str(path)])
    assert record.error == "cannot read file: Permission denied"


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (REPORT, "text"),
        ("[Reuters] Rebels shelled the town.\nMore text follows.", "text"),
        (json.dumps({"text": "Sniffed JSON."}), "json"),
        (json.dumps([{"text": "Sniffed array."}]), "json"),
        (json.dumps({"text": "a"}) + "\n" + json.dumps({"text": "b"}), "jsonl"),
        ("<!DOCTYPE html><html><body><article><p>Sniffed page text here.</p></article></body></html>", "html"),
        ("<p>A bare fragment of a page with words.</p>", "html"),
        ("<?xml version='1.0'?><rss><channel><item><description>Sniffed feed.</description></item></channel></rss>",
         "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><entry><content>Atom words.</content></entry></feed>", "feed"),
    ],
    ids=["text", "bracket-text", "json", "json-array", "jsonl", "html", "fragment", "rss", "atom"],
)  # fmt: skip
def test_ingest_format_is_sniffed_without_an_extension(content: str, fmt: str) -> None:
    records = list(read_bytes(content.encode(), "<stdin>"))
    assert records and all(r.ok for r in records), [r.error for r in records]
    assert all(("format", fmt) in r.document.meta for r in records if r.document)


def test_ingest_extension_decides_over_content(tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", json.dumps({"text": "Braces in a text file."}))
    (record,) = iter_inputs([str(path)])
    assert record.document is not None
    assert record.document.text == '{"text": "Braces in a text file."}'


def test_ingest_binary_and_empty_files_fail_with_reason(tmp_path: Path) -> None:
    write(tmp_path / "photo.json", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(tmp_path / "empty.txt", b"")
    records = list(iter_inputs([str(tmp_path)]))
    assert [r.error for r in records] == ["empty file (0 bytes)", "binary file (PNG image)"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inputs": "reports/"}, "inputs must be a list of paths"),
        ({"inputs": [], "max_bytes": 0}, "max_bytes must be a positive number"),
        ({"inputs": [], "published": "2024-01-01"}, "published must be a date or None"),
    ],
)
def test_ingest_invalid_arguments_raise_config_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        iter_inputs(**kwargs)  # type: ignore[arg-type]


def test_ingest_paths_may_be_path_objects(tmp_path: Path) -> None:
    path = write(tmp_path / "r.txt", REPORT)
    (record,) = iter_inputs([path], published=date(2024, 1, 7))
    assert record.origin == str(path)
    assert record.document is not None and record.document.published == date(2024, 1, 7)
