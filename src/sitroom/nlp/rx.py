"""Regular expressions that scan whole sentences, compiled with a first-character guard.

CPython's regex engine finds a match by trying the pattern at every position of the text. For a
pattern that begins with a literal or a character class it skips ahead to the next place where that
first character occurs; for one that begins with ``\\b`` and an alternation of words ("\\b(?:killed|
wounded|...)") it enters every alternative at every position, which made a few such scans a tenth
of the extraction's time. ``compile`` works out the characters a match can begin with and, where the
engine would not skip by itself, puts them in front as a lookahead (``(?=[kdwh...])``): the same
matches, found two to three times faster. A pattern whose first character cannot be known (it may
match the empty string, or begins with ``.``, a negated class or a back-reference) is compiled as
it is.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser the re module itself uses (re._parser since 3.11, sre_parse before)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
    from re._constants import (  # type: ignore[import-not-found]
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # pragma: no cover - a Python without it compiles every pattern plainly
    _sre_parse = None

_CATEGORY_CLASS = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


class _Unknown(Exception):
    """The first character of a match cannot be bounded."""


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's twin
    """``re.compile(pattern, flags)``, guarded by the characters a match can begin with."""
    guard = first_class(pattern, flags)
    return re.compile(f"(?={guard}){pattern}" if guard else pattern, flags)


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of ``pattern`` can begin with, or None
    where no guard is known or none would help (the engine already skips to a leading literal or
    class)."""
    if _sre_parse is None or pattern.startswith("(?") and pattern[2:3] not in (":", "=", "!", "<", "P"):
        return None  # (inline global flags must stay at the very start)
    try:
        tree = _sre_parse.parse(pattern, flags)
        if tree.data and tree.data[0][0] in (LITERAL, IN):
            return None
        parts, nullable = _first(list(tree.data))
    except (_Unknown, re.error):
        return None
    if nullable or not parts:
        return None
    return "[" + "".join(sorted(parts)) + "]"


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The class members a sequence of parsed items can begin with, and whether it can match
    without consuming a character."""
    parts: set[str] = set()
    for op, arg in items:
        if op is AT or op is ASSERT or op is ASSERT_NOT:
            continue  # zero width: the next item consumes the first character
        if op is LITERAL:
            parts.add(_char(arg))
            return parts, False
        if op is IN:
            parts |= _in_class(arg)
            return parts, False
        if op is BRANCH:
            nullable = False
            for alternative in arg[1]:
                sub, empty = _first(list(alternative.data))
                parts |= sub
                nullable = nullable or empty
            if not nullable:
                return parts, False
            continue
        if op is SUBPATTERN:
            _group, add_flags, del_flags, sub_pattern = arg
            if add_flags or del_flags:
                raise _Unknown  # (a local flag changes how the first character compares)
            sub, empty = _first(list(sub_pattern.data))
            parts |= sub
            if not empty:
                return parts, False
            continue
        if op is MAX_REPEAT or op is MIN_REPEAT:
            low, _high, sub_pattern = arg
            sub, empty = _first(list(sub_pattern.data))
            parts |= sub
            if low > 0 and not empty:
                return parts, False
            continue
        if op is ANY:
            raise _Unknown
        raise _Unknown  # back-references, conditionals, atomic groups, possessive repeats
    return parts, True


def _in_class(items: list[tuple[Any, Any]]) -> set[str]:
    parts: set[str] = set()
    for op, arg in items:
        if op is LITERAL:
            parts.add(_char(arg))
        elif op is RANGE:
            parts.add(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is CATEGORY and str(arg) in _CATEGORY_CLASS:
            parts.add(_CATEGORY_CLASS[str(arg)])
        elif op is NEGATE:
            raise _Unknown
        else:
            raise _Unknown
    return parts


def _char(code: int) -> str:
    """One character, escaped for a character class."""
    return f"\\U{code:08x}"
