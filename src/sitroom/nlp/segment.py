"""Sentence segmentation that survives page furniture.

Real input keeps menus, banners, captions and transcript speaker labels. The
segmenter first cuts the text into lines (a line break in stored page text is
a block boundary far more often than a wrapped sentence), decides per line
whether it is prose or furniture, joins prose lines that were hard-wrapped
mid-sentence, then splits prose on sentence-final punctuation while
respecting abbreviations ("U.S.", "Jan.", "Maj. Gen.", "p.m.").

Furniture lines are kept as spans too (flagged), because a dateline such as
"Press Release | Dec. 25, 2023" still dates the document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice

from sitroom.model import Document, Sentence
from sitroom.nlp import rx

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr brig pvt sen rep gov pres st mt ft
    no nos vs etc inc ltd co corp dept est approx fig al u.s u.k u.n e.g i.e a.m p.m
    fla calif ga va md tex ariz ill mass mich penn wash
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

_LINE_RE = rx.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets), then space.
_END_RE = rx.compile(
    r"[.!?][\"'\u201d\u2019)\]]*(?:\[(?:\d+|[a-z]|citation needed|verification needed)\])*(?=\s+)"
)
_SPACES = rx.compile(r"\s*")
_FUNCTION_WORD = rx.compile(
    r"(?:The|A|An|It|He|She|They|We|In|On|This|These|But|There|Its|Their|His|Her|At|After|Later|Earlier|"
    r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many)\b"
)  # ("... at around 10 a.m. Three wounded men were taken ...")
_SPEAKER_RE = rx.compile(r"^(?:[A-Z][A-Z.'\-]+\s){0,6}[A-Z][A-Z.'\-]+:\s+")
_WORD_RE = rx.compile(r"[A-Za-z]+")
_CITATIONS = rx.compile(r"(?:\[(?:\d+|[a-z]|citation needed|verification needed)\])+$")


def _is_furniture(line: str, continues: bool = False) -> bool:
    """A line that is navigation, a banner, a heading or a caption rather than prose.

    ``continues``: the next line goes on with the same sentence (starts in lower case), so a
    line without final punctuation is hard-wrapped prose, not a heading.
    """
    stripped = _CITATIONS.sub("", line.strip()) or line.strip()
    words = sum(1 for _ in islice(_WORD_RE.finditer(stripped), 14))  # counted up to 14
    if words < 4:
        return True
    if stripped[-1] not in ".!?\"'\u201d\u2019:;,)" and (words < 14 or not continues):
        return True  # headings, infobox lines and menu entries carry no final punctuation
    if stripped.startswith(("FILE -", "FILE PHOTO", "Photo:", "Image:", "Share", "Follow us", "Subscribe")):
        return True
    lowered = stripped.lower()
    return any(marker in lowered for marker in _PAGE_MARKERS)


# Words of banners, site furniture and reference lists, wherever they stand in a line.
_PAGE_MARKERS = (
    "official website of the united states",
    "here's how you know",
    "lock (",
    "https:// means",
    "this is an old revision",
    "from wikipedia, the free encyclopedia",
    "jump to content",
    "retrieved ",
    "isbn ",
)


def _cut_prose(line: str) -> bool:
    """The last line of a page opening cut mid-sentence: long, and prose until the cut."""
    return len(_WORD_RE.findall(line)) >= 14 and bool(re.search(r"[.!?]\s", line))


def _split_prose(text: str, base: int, paragraph: int) -> list[Sentence]:
    """Split one prose block (starting at document offset ``base``) into sentences."""
    out: list[Sentence] = []
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        after = _SPACES.match(text, end).end()  # type: ignore[union-attr]  # \s* always matches
        if text[m.start()] == ".":
            before = text[start : m.start()]
            word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            word = word.lstrip("(\"'\u201c\u2018")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                # "U.S. forces" keeps going; "... in the U.S. The next" still ends when a
                # capitalised function word follows.
                if not _FUNCTION_WORD.match(text[after : after + 12]):
                    continue
        nxt_char = text[after : after + 1]
        if nxt_char and nxt_char.islower():
            continue
        out.append(_sentence(text, start, end, base, paragraph))
        start = end
    if text[start:].strip():
        out.append(_sentence(text, start, len(text), base, paragraph))
    return [s for s in out if s.text]


def _sentence(
    text: str, start: int, end: int, base: int, paragraph: int, furniture: bool = False
) -> Sentence:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    s = base + start + lead
    if not furniture:
        # Transcript speaker labels ("DEPUTY PRESS SECRETARY SABRINA SINGH: ") are not part of what is said.
        m = _SPEAKER_RE.match(chunk)
        if m and m.end() < len(chunk):
            s += m.end()
            chunk = chunk[m.end() :]
    return Sentence(start=s, end=s + len(chunk), text=chunk, furniture=furniture, paragraph=paragraph)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences and furniture lines of ``text``, with offsets into it."""
    out: list[Sentence] = []
    paragraph = 0
    block_start: int | None = None
    block_end = 0
    prev_end = 0

    def flush() -> None:
        nonlocal block_start
        if block_start is not None:
            out.extend(_split_prose(text[block_start:block_end], block_start, paragraph))
            block_start = None

    lines = list(_LINE_RE.finditer(text))
    for n, m in enumerate(lines):
        line = m.group()
        if not line.strip():
            continue
        nxt = lines[n + 1].group().lstrip()[:1] if n + 1 < len(lines) else ""
        continues = (
            bool(nxt)
            and (nxt.islower() or nxt.isdigit())
            and text[m.end() : lines[n + 1].start()].count("\n") == 1
        )
        gap = text[prev_end : m.start()]
        if gap.count("\n") > 1:
            flush()
            paragraph += 1
        prev_end = m.end()
        if _is_furniture(line, continues) and not (n + 1 == len(lines) and _cut_prose(line)):
            flush()
            out.append(_sentence(text, m.start(), m.end(), 0, paragraph, furniture=True))
            continue
        if block_start is not None:
            prev_text = text[block_start:block_end].rstrip()
            # A wrapped line continues the block unless the previous line closed a sentence.
            if prev_text and prev_text[-1] in '.!?"\u201d' and line.lstrip()[:1].isupper():
                flush()
                paragraph += 1
        if block_start is None:
            block_start = m.start()
        block_end = m.end()
    flush()
    return out


def segment(doc: Document) -> Document:
    """Stage: add sentence spans (furniture included, flagged) to a document."""
    return replace(doc, sentences=tuple(split_sentences(doc.text)))
