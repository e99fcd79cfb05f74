"""Hostile and good input files for the ingest stage, generated on the spot.

``generate(folder, n, seed)`` writes ``n`` files (plus a few hidden ones that a
folder walk must skip) and returns what reading them must give: one key per
input unit, ``"<path>"`` for a file read as a whole and ``"<path>::<locator>"``
("line 3", "item 2", "entry 1") for units inside a file, each mapped to
``"good"`` or ``"bad"``. :func:`unit_key` builds the same key from an
InputRecord, so a test can check that every unit is accounted for exactly once.

Read the files with ``max_bytes=LIMIT``: some are written just over it.
The reports are made up for these tests; place and group names are real facts.
"""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Callable
from pathlib import Path

LIMIT = 2 * 1024 * 1024

GOOD, BAD = "good", "bad"

_ACTORS = ["Militants", "Government forces", "An armed faction", "Unidentified gunmen", "Tribal fighters"]
_PLACES = ["Erbil", "Deir ez-Zor", "Al-Tanf", "Baghdad", "Aleppo", "Sanaa", "Mosul", "Raqqa", "Hodeidah"]
_ACTS = [
    "fired rockets at a checkpoint near",
    "clashed with a patrol outside",
    "launched a drone at a depot in",
    "shelled a village east of",
    "detained two men in",
]
_TAILS = [
    "officials said.",
    "according to a local council member.",
    "residents told reporters.",
    "and no group claimed it.",
    "the ministry said in a statement.",
]
_DAYS = ["on Monday", "on Tuesday", "late on Friday", "early on Saturday", "overnight"]
_ARABIC = "قصفت القوات مواقع قرب المدينة صباح اليوم"


def unit_key(record: object) -> str:
    """The key :func:`generate` uses for the unit an InputRecord stands for."""
    origin, locator = record.origin, record.locator  # type: ignore[attr-defined]
    return origin if locator is None else f"{origin}::{locator}"


def sentence(rng: random.Random) -> str:
    """One made-up report sentence."""
    return f"{rng.choice(_ACTORS)} {rng.choice(_ACTS)} {rng.choice(_PLACES)} {rng.choice(_DAYS)}, {rng.choice(_TAILS)}"


def report(rng: random.Random, sentences: int = 4) -> tuple[str, str]:
    """A made-up (title, body) pair."""
    title = f"{rng.choice(_ACTORS)} active near {rng.choice(_PLACES)}"
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(sentences)]
    return title, "\n\n".join(paras)


# A case writes one file: (suffix, bytes, {locator: label}); locator None is the whole file.
Case = Callable[[random.Random], tuple[str, bytes, dict[str | None, str]]]


def _whole(label: str) -> dict[str | None, str]:
    return {None: label}


def _txt(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng)
    if rng.random() < 0.3:
        body += "\n" + _ARABIC
    return ".txt", f"{title}\n\n{body}\n".encode(), _whole(GOOD)


def _txt_crlf(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng)
    return ".txt", f"{title}\r\n\r\n{body}\r\n".replace("\n\n", "\r\n\r\n").encode(), _whole(GOOD)


def _txt_encoded(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng)
    text = f"{title}\n{body} Caf\u00e9 owners fled.\n"
    encoding = rng.choice(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"])
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    return rng.choice([".txt", ""]), data, _whole(GOOD)


def _txt_mixed_encoding(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng)
    data = (
        f"{title}\n{body} Caf\u00e9, na\u00efve, r\u00e9sum\u00e9.".encode() + b" He said \x93enough\x94.\n"
    )
    return ".txt", data, _whole(GOOD)


def _txt_unnormalised(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng, sentences=6)
    # Decomposed accents, a bell, a vertical tab and a NUL well past the 8 KiB sniff window.
    text = f"{title}\n{body} Cafe\u0301.\x07 Next\x0bline.\n" + "Padding sentence. " * 500 + "\x00 end.\n"
    return ".txt", text.encode(), _whole(GOOD)


def _txt_single_or_huge_line(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    repeat = rng.choice([1, 4_000])
    line = " ".join(sentence(rng) for _ in range(3)) * repeat
    return ".txt", line.encode(), _whole(GOOD)


def _doc_object(rng: random.Random) -> dict[str, object]:
    title, body = report(rng)
    obj: dict[str, object] = {"text": body}
    if rng.random() < 0.8:
        obj["title"] = title
    if rng.random() < 0.5:
        obj["id"] = rng.choice([f"wire-{rng.randint(1, 99999)}", rng.randint(1, 10**6)])
    if rng.random() < 0.5:
        obj["url"] = f"https://news.example.org/{rng.randint(1, 9999)}"
    if rng.random() < 0.5:
        obj["publisher"] = "Example Wire"
    obj["published"] = rng.choice(
        [None, "2024-01-20", "2024-01-20T08:30:00+03:00", "2024-02-30", "Sat, 20 Jan 2024 08:30:00 GMT"]
    )
    return obj


_BAD_OBJECTS: list[object] = [
    {"title": "No text here"},
    {"text": 42},
    {"text": ["a", "list"]},
    {"text": "   "},
    {"text": "Valid words.", "published": 20240120},
    {"text": "Valid words.", "published": "yesterday"},
    {"text": "Valid words.", "title": ["not", "a", "string"]},
    {"text": "Valid words.", "id": {"nested": True}},
    {"text": "Valid words.", "id": True},
    "a bare string",
    17,
    None,
    [1, 2, 3],
]


def _json_object(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    obj = _doc_object(rng)
    lone = rng.random() < 0.3
    if lone:
        obj["text"] = str(obj["text"]) + " Lone surrogate: @LONE@."
    text = json.dumps(obj, ensure_ascii=rng.random() < 0.5)
    # A JSON escape for half a surrogate pair: legal JSON, not encodable text.
    return ".json", text.replace("@LONE@", "\\ud800").encode(), _whole(GOOD)


def _json_array(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    items: list[object] = []
    labels: dict[str | None, str] = {}
    for n in range(1, rng.randint(2, 6) + 1):
        if rng.random() < 0.7:
            items.append(_doc_object(rng))
            labels[f"item {n}"] = GOOD
        else:
            items.append(rng.choice(_BAD_OBJECTS))
            labels[f"item {n}"] = BAD
    return ".json", json.dumps(items, indent=rng.choice([None, 2])).encode(), labels


def _jsonl(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    lines: list[str] = []
    labels: dict[str | None, str] = {}
    for n in range(1, rng.randint(3, 12) + 1):
        roll = rng.random()
        if roll < 0.1:
            lines.append(rng.choice(["", "   "]))
            continue
        if roll < 0.55:
            obj = _doc_object(rng)
            if rng.random() < 0.05:
                obj["text"] = str(obj["text"]) + " " + "Long wire copy. " * 20_000
            lines.append(json.dumps(obj))
            labels[f"line {n}"] = GOOD
        elif roll < 0.75:
            lines.append(json.dumps(rng.choice(_BAD_OBJECTS)))
            labels[f"line {n}"] = BAD
        else:
            good = json.dumps(_doc_object(rng))
            lines.append(good[: rng.randint(1, len(good) - 1)])
            labels[f"line {n}"] = BAD
    if not labels:
        lines.append(json.dumps(_doc_object(rng)))
        labels[f"line {len(lines)}"] = GOOD
    newline = rng.choice(["\n", "\r\n"])
    return rng.choice([".jsonl", ".ndjson"]), newline.join(lines).encode(), labels


def _json_broken(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    kind = rng.choice(["truncated", "shape", "deep", "digits", "field"])
    if kind == "truncated":
        good = json.dumps(_doc_object(rng))
        data = good[: rng.randint(1, len(good) - 1)].encode()
    elif kind == "shape":
        data = json.dumps(rng.choice(["string", 3.5, None, True, []])).encode()
    elif kind == "deep":
        data = b"[" * 100_000 + b"]" * 100_000
    elif kind == "digits":
        data = b'{"text": "Valid words.", "id": ' + b"9" * 50_000 + b"}"
    else:
        data = json.dumps(rng.choice([o for o in _BAD_OBJECTS if isinstance(o, dict)])).encode()
    return ".json", data, _whole(BAD)


def _html_article(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng, sentences=5)
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | Example News</title>"
        f"<meta property='article:published_time' content='2024-01-{rng.randint(1, 28):02d}T10:00:00Z'>"
        "<link rel='canonical' href='https://news.example.org/a'><script>var tracking = 1;</script></head>"
        "<body><div class='cookie-consent'>We use cookies. Accept all.</div>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>Copyright Example News</footer></body></html>"
    )
    return rng.choice([".html", ".htm", ""]), page.encode(), _whole(GOOD)


def _html_malformed(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    title, body = report(rng)
    page = f"<html><body><div><p>{title}<p>{body}<b><i>unclosed <<< >>> &amp &bogus; <td>cell</div></span>"
    return ".html", page.encode(), _whole(GOOD)


def _html_nested(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    depth = rng.choice([300, 5_000, 100_000])
    _, body = report(rng, sentences=2)
    page = "<html><body>" + "<div>" * depth + f"<p>{body}</p>" + "</div>" * rng.choice([depth, 0])
    return ".html", page.encode(), _whole(GOOD)


def _html_empty(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    page = (
        "<html><head><script>var a = 'no words for readers';</script><style>p {color: red}</style></head>"
        "<body><script>document.write('x')</script><!-- a comment --></body></html>"
    )
    return ".html", page.encode(), _whole(BAD)


def _rss(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    items, labels = [], {}
    for n in range(1, rng.randint(1, 5) + 1):
        title, body = report(rng, sentences=2)
        if rng.random() < 0.8:
            desc = (
                "<description>"
                + f"<p>{body}</p>".replace("<", "&lt;").replace(">", "&gt;")
                + "</description>"
            )
            labels[f"entry {n}"] = GOOD
        else:
            desc = ""
            labels[f"entry {n}"] = BAD
        items.append(
            f"<item><title>{title}</title><link>https://wire.example/{n}</link><guid>w-{n}</guid>"
            f"<pubDate>Sat, 20 Jan 2024 0{n}:00:00 +0300</pubDate>{desc}</item>"
        )
    feed = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example Wire</title>"
        + "".join(items)
        + "</channel></rss>"
    )
    return rng.choice([".rss", ".xml", ""]), feed.encode(), labels


def _atom(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    entries, labels = [], {}
    for n in range(1, rng.randint(1, 4) + 1):
        title, body = report(rng, sentences=2)
        entries.append(
            f"<entry><title>{title}</title><link href='https://wire.example/a{n}'/><id>urn:a:{n}</id>"
            f"<updated>2024-01-2{n}T06:00:00Z</updated><content type='text'>{body}</content></entry>"
        )
        labels[f"entry {n}"] = GOOD
    feed = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Example Atom</title>" + "".join(entries) + "</feed>"
    )
    return rng.choice([".atom", ".xml"]), feed.encode("utf-8"), labels


def _rss_sloppy(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    # Not well-formed (a bare ampersand), but nothing dangerous: the lenient parser reads it.
    title, body = report(rng, sentences=2)
    feed = (
        "<rss version='2.0'><channel><title>Wire & Co</title><item><title>Raids & arrests</title>"
        f"<description>{body} Officials & residents agreed.</description></item></channel></rss>"
    )
    return ".rss", feed.encode(), {"entry 1": GOOD}


def _xml_hostile(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    kind = rng.choice(["laughs", "xxe", "dtd", "param", "notfeed", "empty", "deep", "sloppy-entity"])
    item = "<item><title>t</title><description>words</description></item>"
    if kind == "laughs":
        ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        data = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{ents}]><rss><channel><title>&l9;</title>{item}</channel></rss>'
    elif kind == "xxe":
        data = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title>{item}</channel></rss>'
    elif kind == "dtd":
        data = f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://dtd.example.invalid/rss.dtd"><rss><channel>{item}</channel></rss>'
    elif kind == "param":
        data = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "http://x.example.invalid/p.dtd"> %p;]><rss><channel>{item}</channel></rss>'
    elif kind == "notfeed":
        data = "<?xml version='1.0'?><catalog><book><title>Not news</title></book></catalog>"
    elif kind == "empty":
        data = "<rss version='2.0'><channel><title>Quiet wire</title></channel></rss>"
    elif kind == "deep":
        data = "<rss><channel>" + "<x>" * 10_000 + "</x>" * 10_000 + f"{item}</channel></rss>"
    else:
        data = (
            f'<!DOCTYPE rss [<!ENTITY e "expanded">]><rss><channel><title>& &e;</title>{item}</channel></rss>'
        )
    return rng.choice([".xml", ".rss", ""]), data.encode(), _whole(BAD)


def _binary(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    kind = rng.choice(["random", "random", "png", "pdf", "gzip", "zip", "controls", "bad-utf16"])
    noise = rng.randbytes(rng.randint(512, 4096))
    if kind == "random":
        # Never starting with a byte-order mark: that would make it (unlikely) wide text.
        data = bytes([rng.randrange(1, 0xEF)]) + noise
    elif kind == "png":
        data = b"\x89PNG\r\n\x1a\n" + noise
    elif kind == "pdf":
        data = b"%PDF-1.7\n" + noise
    elif kind == "gzip":
        data = b"\x1f\x8b\x08\x00" + noise
    elif kind == "zip":
        data = b"PK\x03\x04" + noise
    elif kind == "controls":
        data = bytes(rng.choice(b"\x01\x02\x03\x04\x05\x06\x08\x0e\x0fabc ") for _ in range(600))
    else:
        data = codecs.BOM_UTF16_LE + "Odd length".encode("utf-16-le") + b"\x41"
    return rng.choice([".txt", ".json", ".html", ".xml", ".bin", ""]), data, _whole(BAD)


def _empty(rng: random.Random) -> tuple[str, bytes, dict[str | None, str]]:
    data = rng.choice([b"", b"   \n\n\t ", b"\xef\xbb\xbf", b"\n\r\n"])
    return rng.choice([".txt", ".json", ".jsonl", ".html", ".rss", ""]), data, _whole(BAD)


# (case, weight): heavy cases (nested pages, huge files) are rare so the whole set reads fast.
CASES: list[tuple[Case, float]] = [
    (_txt, 10),
    (_txt_crlf, 3),
    (_txt_encoded, 6),
    (_txt_mixed_encoding, 3),
    (_txt_unnormalised, 3),
    (_txt_single_or_huge_line, 1),
    (_json_object, 8),
    (_json_array, 5),
    (_jsonl, 6),
    (_json_broken, 6),
    (_html_article, 5),
    (_html_malformed, 2),
    (_html_nested, 0.05),
    (_html_empty, 1),
    (_rss, 4),
    (_atom, 3),
    (_rss_sloppy, 1),
    (_xml_hostile, 6),
    (_binary, 7),
    (_empty, 3),
]


def generate(folder: Path, n: int, seed: int) -> dict[str, str]:
    """Write ``n`` input files under ``folder`` and return the expected label of every unit."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cases = [c for c, _ in CASES]
    weights = [w for _, w in CASES]
    expected: dict[str, str] = {}
    subfolders = [Path("."), Path("a"), Path("b"), Path("b/deeper"), Path("c d"), Path("é")]
    for i in range(n):
        # Every case at least once, then a weighted mix.
        case = cases[i] if i < len(cases) else rng.choices(cases, weights)[0]
        suffix, data, labels = case(rng)
        name = f"{i:05d}-{case.__name__.strip('_')}{suffix}"
        path = folder / rng.choice(subfolders) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for locator, label in labels.items():
            expected[str(path) if locator is None else f"{path}::{locator}"] = label
    if n > len(cases):
        big = folder / "a" / "zz-oversize.txt"
        with open(big, "wb") as handle:
            # Sparse: the reader must refuse it by its size, before reading a byte.
            handle.truncate(LIMIT + 1)
        expected[str(big)] = BAD
    # Hidden files and folders: a folder walk must not read them at all.
    (folder / "a").mkdir(exist_ok=True)
    (folder / ".hidden").mkdir(exist_ok=True)
    (folder / ".hidden" / "secret.txt").write_text("Hidden\nNot a unit.\n")
    (folder / "a" / ".dotfile.json").write_text('{"text": "not a unit"}')
    return expected
