"""Date expressions: recognised by a few compiled patterns, resolved against a reference day.

Every resolved date carries its precision (1 day, 2 week, 3 month). Relative
expressions ("on Saturday", "yesterday", "last week") need a reference day, the
document's publication date; absolute ones ("Dec. 25, 2023", "28 January 2024")
do not, so a report with no publication date still gets those right. A day
and month without a year ("on Dec. 25") take the year that puts them closest
before the reference day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.model import DAY, MONTH, WEEK
from sitroom.nlp import rx

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAYN = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# What an anchor can start: each pattern below needs one of these near it (a month's name, a
# weekday's, a word of time such as "yesterday" or "week", or a year), so a window of text is
# searched only with the patterns its anchors allow.
MONTH_WORD, WEEKDAY_WORD, TIME_WORD, YEAR_NUMBER = 1, 2, 4, 8
ANY_DATE = MONTH_WORD | WEEKDAY_WORD | TIME_WORD | YEAR_NUMBER

_PATTERNS: list[tuple[str, int, re.Pattern[str]]] = [
    ("iso", YEAR_NUMBER, rx.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", MONTH_WORD, rx.compile(rf"\b{_MON}\s+{_DAYN}(?:,?\s+{_YEAR})?\b")),
    ("dmy", MONTH_WORD, rx.compile(rf"\b{_DAYN}\s+{_MON}(?:,?\s+{_YEAR})?\b")),
    (
        "part_month",
        MONTH_WORD,
        rx.compile(
            rf"\b(?P<part>mid|early|late|end of|beginning of|the end of)[- ]{_MON}(?:,?\s+{_YEAR})?\b",
            re.IGNORECASE,
        ),
    ),
    ("month_year", MONTH_WORD, rx.compile(rf"\b{_MON}\s+{_YEAR}\b")),
    ("month_only", MONTH_WORD, rx.compile(rf"\b(?:in|since|during|until|by)\s+{_MON}\b(?!\s+\d)")),
    (
        "weekday",
        WEEKDAY_WORD,
        rx.compile(
            r"\b(?P<mod>late |early |last |on |this past |past )?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"
        ),
    ),
    (
        "relative",
        TIME_WORD,
        rx.compile(
            r"\b(?P<rel>earlier today|earlier this week|earlier this month|earlier in the day|"
            r"later in the day|later that day|the same day|that day|that morning|that afternoon|that evening|that night|"
            r"the following day|the next day|"
            r"the next morning|the following morning|the next evening|the following evening|the next night|the following night|"
            r"the day before|the previous day|the week before|the previous week|last week|this week|"
            r"last month|this month|yesterday|today|tonight|this morning|this afternoon|this evening|"
            r"overnight|last night|hours later|hours before|hours after|a day after|two days after|a day later|two days later|"
            r"days later)\b",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression in text, before resolution."""

    start: int
    end: int
    text: str
    kind: str  # absolute | weekday | relative | frame
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: int = DAY
    offset_days: int = 0  # for relative expressions
    weekday: int | None = None
    part: str | None = None  # early / mid / late for part-of-month expressions


# Words near which a date expression can begin or end; the recogniser reports where they occur so
# that the date patterns run only on small windows of text instead of over all of it.
ANCHOR_WORDS = (
    *MONTHS,
    *WEEKDAYS,
    "today", "yesterday", "tonight", "overnight", "morning", "afternoon", "evening", "night",
    "day", "days", "week", "month", "hours",
)  # fmt: skip
_WINDOW_BEFORE, _WINDOW_AFTER = 24, 40


def anchor_kind(word: str) -> int:
    """The kind of an anchor word (one of ANCHOR_WORDS): which patterns can match near it."""
    w = word.lower()
    return MONTH_WORD if w in MONTHS else WEEKDAY_WORD if w in WEEKDAYS else TIME_WORD


def find_dates(
    text: str, base: int = 0, anchors: Sequence[int | tuple[int, int]] | None = None
) -> list[DateExpr]:
    """Date expressions in ``text`` (offsets shifted by ``base``), leftmost-longest, no overlaps.

    ``anchors``: offsets of anchor words (see ANCHOR_WORDS) and of 4-digit years, each alone or as
    (offset, kind) with kind from anchor_kind() or YEAR_NUMBER; when given, only the text around
    them is searched, and only with the patterns their kinds allow, which finds the same dates far
    faster.
    """
    windows = [(0, len(text), ANY_DATE)] if anchors is None else _windows(text, anchors)
    found: list[DateExpr] = []
    for kind, needs, pat in _PATTERNS:
        for a, b, kinds in windows:
            if not kinds & needs:
                continue
            for m in pat.finditer(text, a, b):
                expr = _build(kind, m, base)
                if expr is not None:
                    found.append(expr)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[DateExpr] = []
    last_end = -1
    for e in found:
        if e.start >= last_end:
            out.append(e)
            last_end = e.end
    return out


def _windows(text: str, anchors: Sequence[int | tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Merged windows around the anchors, widened to whitespace so no word is cut, each with the
    kinds of the anchors inside it. A window holds every anchor whose offset lies in it, so any
    date found there has all of its anchors' kinds in the window's."""
    out: list[tuple[int, int, int]] = []
    n = len(text)
    typed = sorted(a if isinstance(a, tuple) else (a, ANY_DATE) for a in anchors)
    for pos, kind in typed:
        a, b = max(0, pos - _WINDOW_BEFORE), min(n, pos + _WINDOW_AFTER)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], b), last[2] | kind)
        else:
            out.append((a, b, kind))
    return out


def _build(kind: str, m: re.Match[str], base: int) -> DateExpr | None:
    g = m.groupdict()
    start, end, text = m.start() + base, m.end() + base, m.group()
    year = int(g["year"]) if g.get("year") else None
    if kind == "iso":
        month, day = int(g["m"]), int(g["day"])
        return _valid(DateExpr(start, end, text, "absolute", year, month, day, DAY))
    if kind in ("mdy", "dmy"):
        month, day = MONTHS[g["mon"].lower().rstrip(".")], int(g["day"])
        if g["mon"] == "May" and kind == "mdy" and not year and day > 31:
            return None
        return _valid(DateExpr(start, end, text, "absolute", year, month, day, DAY))
    if kind == "part_month":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        part = g["part"].lower().replace("the ", "").replace(" of", "")
        day = {"early": 5, "beginning": 5, "mid": 15, "late": 25, "end": 28}.get(part, 15)
        return DateExpr(start, end, text, "absolute", year, month, day, WEEK, part=part)
    if kind == "month_year":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        return DateExpr(start, end, text, "absolute", year, month, None, MONTH)
    if kind == "month_only":
        if g["mon"] == "May":
            return None  # "in May" is too often the verb "may" after a capital
        month = MONTHS[g["mon"].lower().rstrip(".")]
        s = m.start("mon") + base
        return DateExpr(s, end, text[m.start("mon") - m.start() :], "absolute", None, month, None, MONTH)
    if kind == "weekday":
        mod = (g.get("mod") or "").strip().lower()
        s = m.start("wd") + base if mod in ("on", "") else start
        return DateExpr(
            s, end, text[s - start :], "weekday", weekday=WEEKDAYS[g["wd"].lower()], part=mod or None
        )
    rel = g["rel"].lower()
    offsets = {
        "yesterday": (-1, DAY), "last night": (-1, DAY), "overnight": (0, DAY), "today": (0, DAY),
        "tonight": (0, DAY), "this morning": (0, DAY), "this afternoon": (0, DAY), "this evening": (0, DAY),
        "earlier today": (0, DAY), "earlier this week": (-2, WEEK), "this week": (-2, WEEK),
        "last week": (-7, WEEK), "earlier this month": (-10, MONTH), "this month": (-10, MONTH),
        "last month": (-30, MONTH),
    }  # fmt: skip
    if rel in offsets:
        off, prec = offsets[rel]
        return DateExpr(start, end, text, "relative", offset_days=off, precision=prec)
    # Expressions relative to the event just told of, not to the publication date.
    frame = {
        "earlier in the day": (0, DAY), "later in the day": (0, DAY), "later that day": (0, DAY),
        "the same day": (0, DAY), "that day": (0, DAY), "that morning": (0, DAY), "that afternoon": (0, DAY),
        "that evening": (0, DAY), "that night": (0, DAY), "hours later": (0, DAY), "hours before": (0, DAY),
        "hours after": (0, DAY), "two days after": (2, DAY),
        "the following day": (1, DAY), "the next day": (1, DAY), "the next morning": (1, DAY),
        "the following morning": (1, DAY), "the next evening": (1, DAY), "the following evening": (1, DAY),
        "the next night": (1, DAY), "the following night": (1, DAY), "a day after": (1, DAY),
        "a day later": (1, DAY), "two days later": (2, DAY), "days later": (3, WEEK),
        "the day before": (-1, DAY), "the previous day": (-1, DAY), "the week before": (-7, WEEK),
        "the previous week": (-7, WEEK),
    }  # fmt: skip
    off, prec = frame[rel]
    return DateExpr(start, end, text, "frame", offset_days=off, precision=prec)


def _valid(e: DateExpr) -> DateExpr | None:
    """Drop impossible calendar dates ("February 30")."""
    try:
        date(e.year or 2000, e.month or 1, e.day or 1)
    except ValueError:
        return None
    return e


def resolve(expr: DateExpr, ref: date | None, frame: date | None = None) -> tuple[date | None, int]:
    """The calendar date an expression stands for, and its precision.

    ref: the reference day (publication date); frame: the date of the event
    told just before, for "earlier in the day" and the like.
    """
    if expr.kind == "absolute":
        year = expr.year
        if year is None:
            anchor = ref or frame
            if anchor is None:
                return None, expr.precision
            year = anchor.year
            candidate = _safe_date(year, expr.month or 1, expr.day or 1)
            # "on Dec. 25" in a January report is last December.
            if candidate and candidate > anchor + timedelta(days=31):
                year -= 1
        if expr.day is None:
            return _safe_date(year, expr.month or 1, 15), MONTH
        return _safe_date(year, expr.month or 1, expr.day), expr.precision
    if expr.kind == "weekday":
        anchor = ref
        if anchor is None or expr.weekday is None:
            return None, DAY
        back = (anchor.weekday() - expr.weekday) % 7
        if expr.part in ("last", "past", "this past") and back == 0:
            back = 7
        return anchor - timedelta(days=back), DAY
    if expr.kind == "relative":
        if ref is None:
            return None, expr.precision
        return ref + timedelta(days=expr.offset_days), expr.precision
    base = frame or ref
    if base is None:
        return None, expr.precision
    return base + timedelta(days=expr.offset_days), expr.precision


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_iso_date(value: str | None) -> date | None:
    """A date from 'YYYY-MM-DD' or a full ISO time; None when empty or impossible."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
