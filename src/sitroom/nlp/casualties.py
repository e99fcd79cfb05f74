"""Fatalities and injuries in a sentence, by ACLED's conservative conventions.

A count belongs to the casualty word it stands next to: "killing at least 25
people", "three reservists ... died", "wounding over 100", "the death of
several of its members". Vague words take ACLED's values (several = 3, dozens
= 12, hundreds = 100); "at least 25" and "over 200" are 25 and 200. "No
casualties", "no injuries" say 0. Counts of different groups hurt in one
sentence add up ("two U.S. personnel were injured ... one Iraqi service
member was wounded" is 3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.model import Entity
from sitroom.nlp import rx
from sitroom.nlp.clauses import Scope

_KILLED = r"killed|killing|kills|dead|died|die|deaths?|lives|fatalities|fatality|lost\s+their\s+lives|slain"
_INJURED = r"injured|injuring|injuries|injury|wounded|wounding|wounds|hurt|hospitali[sz]ed"
_CASUALTIES = r"casualties|casualty"
_WORD = rx.compile(rf"\b(?:(?P<k>{_KILLED})|(?P<i>{_INJURED})|(?P<c>{_CASUALTIES}))\b", re.IGNORECASE)
_NONE_BEFORE = rx.compile(r"\b(?:no|without|not\s+cause\s+any|not\s+result\s+in\s+any|zero|nobody|no\s+one|neither)\s+"
                          r"(?:[\w.'\u2019-]+\s+){0,4}$", re.IGNORECASE)  # fmt: skip
# "the death toll from Saturday's attack ... rose to 24"
_TOLL = rx.compile(r"\b(?:death\s+)?toll\b.{0,120}?\b(?:rose|climbed|reached|stood|stands|is|was|increased|jumped|"
                   r"risen|grew)\s+(?:to|at)?\s*$", re.IGNORECASE | re.DOTALL)  # fmt: skip
_NONE_AFTER = rx.compile(r"^\s*(?:were|was)\s+(?:not|no)\b", re.IGNORECASE)
# Words after a number that say it counts something other than people.
_NOT_PEOPLE = rx.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:missiles?|drones?|rockets?|rounds?|shells?|grenades?|bombs?|munitions?|mines?|"
    r"vehicles?|targets?|facilities|"
    r"sites?|km|kilometers?|kilometres?|miles?|meters?|metres?|days?|hours?|minutes?|weeks?|months?|years?|"
    r"times|attacks?|strikes?|airstrikes?|buildings?|homes?|houses?|p\.m|a\.m|percent|%|square|year|years)\b",
    re.IGNORECASE,
)
_UNNUMBERED_DEAD = rx.compile(
    # (not "most of the dead were women": who the dead already counted were)
    r"\s+(?:(?:many|scores\s+of|dozens\s+of)\s+)?(?:(?!(?:were|was|are|is|included|including)\b)[a-z]+\s+)?"
    r"(?:civilians|people|residents|villagers|soldiers|troops|"
    r"fighters|militants|worshippers|passengers|children|women|men)\b"
)
_ALL_SAFE = rx.compile(
    r"\b(?:all|the|its|their)\s+(?:\d+\s+)?(?:crew|crew\s+members|crewmembers|sailors|seafarers|passengers|personnel)"
    r"\s+(?:were|was|are|is)\s+(?:reported\s+)?(?:safe|unharmed|unhurt|uninjured|accounted\s+for)\b",
    re.IGNORECASE,
)
_SAFE_WORDS = ("safe", "unharmed", "unhurt", "uninjured", "accounted")  # the ends of _ALL_SAFE
_SUBSET_AFTER = rx.compile(r"\s+(?:of\s+(?:them|whom)|among\s+them)\b", re.IGNORECASE)
_NO_BEFORE = rx.compile(r"\bno\s+$", re.IGNORECASE)  # "no one" is nobody, not one person
# Ages count nobody: "two women, aged 54 and 71", "a 67-year-old man", "the driver, 38,"
_AGE_BEFORE = rx.compile(r"\b(?:aged|ages(?:\s+of)?)\s+(?:\d{1,3}\s*(?:,|and|to|-)\s*)*$", re.IGNORECASE)
_AGE_AFTER = rx.compile(r"(?:-|\s)(?:year|month)s?(?:-|\s)old\b", re.IGNORECASE)
_AGE_APPOSED = rx.compile(r"\b[a-z]{3,},\s*$")  # "the driver, 38, suffered ..."
# "killed a senior commander of ...", "killing an officer": one person named by rank or role
# (matched at a position, so no "^")
_PERSON = (
    r"(?:(?:senior|top|local|prominent|high-ranking|key|former|deputy|military|field|regional|veteran|young|"
    r"elderly|\w+-year-old)\s+){0,3}(?:[\w-]+\s+){0,3}?(?:commander|leader|officer|official|chief|head|soldier|fighter|member|"
    r"militant|civilian|man|woman|boy|girl|child|resident|journalist|doctor|spokesman|founder|operative|"
    r"driver|paramedic|medic|nurse|guard|farmer|shepherd|teacher|student|worker|policeman|gendarme|"
    r"passenger|pilot|bodyguard|aide|son|daughter|wife|husband|brother|companion|adviser|advisor|governor|mayor|"
    r"minister|judge|imam|priest|activist|lawyer)\b"
)
_ONE_PERSON_AFTER = rx.compile(
    # "killing a senior commander", "killed Razi Mousavi, a senior adviser of the Guards"
    # (a name's particles in lower case: "Abu Yusuf al-Halabi", "Hamza bin Laden")
    rf"\s+(?:(?-i:[A-Z][a-z]+(?:\s+(?:(?:al|el|ad|as|ar|an|bin|ibn|abu|ben|de|van|von)[- ])?[A-Z][\w'-]+){{0,3}}),\s+)?"
    rf"(?:a|an|the)\s+{_PERSON}",
    re.IGNORECASE,
)
# "A 67-year-old man was killed", "an elderly woman was wounded", "a third man, a civilian passing
# by, was wounded": one person, told before the word
_ONE_PERSON_BEFORE = rx.compile(
    # ("the governor of West Darfur state, was abducted and killed")
    rf"\b(?:a|an|one|the)\s+{_PERSON}(?:\s+of\s+[^,;.]{{1,40}})?(?:,[^,;.]{{1,50}})?,?\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:was|has\s+been|had\s+been|suffered(?:\s+[\w-]+)?)\s+(?:[\w-]+\s+and\s+)?$",
    re.IGNORECASE,
)
# "... killing the driver and a paramedic": one more person for each named after "and"
_AND_ONE_MORE = rx.compile(rf",?\s+and\s+(?:a|an|the|his|her|their)\s+{_PERSON}", re.IGNORECASE)
# "killing a commander of the YBS, a Yazidi militia linked to the PKK, and his driver": the one named
# first, described, then one of his people
_AND_HIS_LATER = rx.compile(rf"[^.;]{{1,100}}?,\s+and\s+(?:his|her)\s+{_PERSON}", re.IGNORECASE)
# "... and two other people", "... and three others", "... and one of his aides": more people
# counted after the one named
_AND_OTHERS = rx.compile(
    r"[^.;]{0,80}?\band\s+(?=\S+\s+(?:other|others|more|of\s+(?:his|her|their|its))\b)", re.IGNORECASE
)
_AND_ONE_MORE_AFTER = rx.compile(rf"(?:\s+[\w-]+){{1,2}}?\s+and\s+(?:a|an|one)\s+{_PERSON}", re.IGNORECASE)
_AND_ONE_MORE_BETWEEN = rx.compile(
    rf"^(?:\s+[\w-]+){{1,2}}?\s+and\s+(?:a|an|one)\s+{_PERSON}\s+(?:were|was|had\s+been|have\s+been)?\s*$",
    re.IGNORECASE,
)
# a number followed by its own casualty verb: "... and two women were wounded"
# ("two women were wounded", "seven wounded": a number with its own casualty word after it)
_COUNTED_OWN = rx.compile(
    rf"^\s+(?:(?:[\w-]+\s+){{0,3}}?(?:were|was|had\s+been|have\s+been)\s+)?(?:{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
_CHECKED_FOR = rx.compile(
    r"\b(?:evaluated|assessed|examined|screened|checked)\s+for\s+(?:[\w-]+\s+){0,3}$", re.I
)
_GROUP_AND = rx.compile(
    r"^\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+and\s+$"
)  # " soldiers and ", " Syrian troops and "
_LOSING_BEFORE = rx.compile(r"\b(?:losing|lost)\s+(?:at\s+least\s+|some\s+|about\s+)?$", re.IGNORECASE)
_OWN_MEN_AFTER = rx.compile(
    r"^\s+(?:of\s+(?:its|their)\s+)?(?:soldiers|troops|men|fighters|personnel|members|officers|policemen)\b",
    re.I,
)
_BOTH = rx.compile(r"\bboth\s+(?:were\s+)?(?:killed|died|injured|wounded)\b", re.IGNORECASE)


def _is_age(scope: Scope, n: Entity) -> bool:
    if not n.text[:1].isdigit():
        return False
    if _AGE_AFTER.match(scope.text, n.end - scope.start):
        return True
    before = scope.between(max(scope.start, n.start - 24), n.start)
    if "age" in before and _AGE_BEFORE.search(before):
        return True
    return (
        n.attr("value") < 110
        and scope.between(n.end, n.end + 1) == ","
        and _AGE_APPOSED.search(before) is not None
    )


@dataclass(frozen=True, slots=True)
class Count:
    kind: str  # fatalities | injuries
    value: int
    start: int
    end: int
    text: str


def casualties(scope: Scope, numbers: list[Entity], skip: Sequence[tuple[int, int]] = ()) -> list[Count]:
    """Counts of killed and injured people in one sentence, outside the ``skip`` spans (dates)."""
    out: list[Count] = []
    used: set[int] = set()
    text = scope.text
    numbers = [n for n in numbers if not any(a <= n.start < b for a, b in skip)
               and not _NO_BEFORE.search(scope.between(max(scope.start, n.start - 4), n.start))
               and not _is_age(scope, n)]  # fmt: skip
    lowered = text.lower()
    tolls = "toll" in lowered
    for n in numbers:
        if n.attr("vague") or not tolls:
            continue
        before = scope.between(scope.start, n.start)
        if _TOLL.search(before[-160:]) and not scope.in_background(n.start):
            used.add(n.start)
            out.append(Count("fatalities", int(n.attr("value")), n.start, n.end, n.text))
    for n in numbers:
        # "it had repelled the attack, losing five soldiers": the side's own dead
        if n.start in used:
            continue
        if _LOSING_BEFORE.search(
            scope.between(max(scope.start, n.start - 24), n.start)
        ) and _OWN_MEN_AFTER.match(scope.between(n.end, min(scope.end, n.end + 30))):
            used.add(n.start)
            out.append(Count("fatalities", int(n.attr("value")), n.start, n.end, n.text))
    # (the words that can end such a phrase, looked for first: the scan is rare work)
    safe = any(w in lowered for w in _SAFE_WORDS)
    for m in _ALL_SAFE.finditer(text) if safe else ():
        # "all crew were safe", "the crew was reported unharmed": no one killed or hurt
        for k in ("fatalities", "injuries"):
            out.append(Count(k, 0, scope.start + m.start(), scope.start + m.end(), m.group()))
    for m in _WORD.finditer(text):
        pos = scope.start + m.start()
        if scope.in_background(pos) or any(a <= pos < b for a, b in skip):
            continue
        kinds = (
            ["fatalities"] if m.group("k") else ["injuries"] if m.group("i") else ["fatalities", "injuries"]
        )
        before = text[max(0, m.start() - 40) : m.start()]
        if m.group("i") and _CHECKED_FOR.search(before):
            continue  # "personnel were being evaluated for traumatic brain injuries": not yet hurt
        if _NONE_BEFORE.search(before) or _NONE_AFTER.match(text[m.end() : m.end() + 12]):
            for k in kinds:
                out.append(Count(k, 0, pos, scope.start + m.end(), m.group()))
            continue
        if m.group("c"):
            continue  # "casualties" with a number mixes the dead and the hurt: not used
        num = _number_for(m, numbers, scope, used)
        one = _ONE_PERSON_AFTER.match(text, m.end()) if num is None else None
        if one is not None:
            # one person by rank, plus those counted after "and ... other(s)"
            value, stop, at = 1, scope.start + one.end(), one.end()
            while (another := _AND_ONE_MORE.match(text, at) or _AND_HIS_LATER.match(text, at)) is not None:
                value, stop, at = value + 1, scope.start + another.end(), another.end()
            more = _AND_OTHERS.match(text, at)
            if more is not None:
                extra = next(
                    (n for n in numbers if n.start == scope.start + more.end() and n.start not in used), None
                )
                if extra is not None:
                    used.add(extra.start)
                    value, stop = 1 + int(extra.attr("value")), extra.end
            out.append(Count(kinds[0], value, pos, stop, scope.between(pos, stop)))
            continue
        lone = _ONE_PERSON_BEFORE.search(text[max(0, m.start() - 90) : m.start()]) if num is None else None
        if lone is not None:
            s = pos - (len(text[max(0, m.start() - 90) : m.start()]) - lone.start())
            out.append(Count(kinds[0], 1, s, scope.start + m.end(), scope.between(s, scope.start + m.end())))
            continue
        if num is None:
            both = _BOTH.search(text, max(0, m.start() - 12), m.end())
            if both and m.group("k"):
                out.append(
                    Count("fatalities", 2, scope.start + both.start(), scope.start + both.end(), both.group())
                )
            elif m.group("k") and (unnumbered := _UNNUMBERED_DEAD.match(text, m.end())) is not None:
                # "airstrikes killed civilians in a market": deaths with no number are three (ACLED)
                s, e = pos, scope.start + unnumbered.end()
                out.append(Count("fatalities", 3, s, e, scope.between(s, e)))
            continue
        used.add(num.start)
        value = int(num.attr("value"))
        # "38 soldiers and five members of Hezbollah were among the dead", "killed 38 soldiers and
        # five Hezbollah members": both groups counted
        # (not "three dead and seven wounded": the words between are the counts' own)
        if num.end <= pos:
            other = next((n for n in numbers if n.start not in used and n.end < num.start
                          and _GROUP_AND.match(gap := scope.between(n.end, num.start)) and not _WORD.search(gap)),
                         None)  # fmt: skip
        else:
            other = next((n for n in numbers if n.start not in used and n.start > num.end
                          and _GROUP_AND.match(gap := scope.between(num.end, n.start)) and not _WORD.search(gap)),
                         None)  # fmt: skip
        if other is not None:
            used.add(other.start)
            value += int(other.attr("value"))
            num = num._replace(start=min(num.start, other.start), end=max(num.end, other.end))
        if num.end <= pos and _AND_ONE_MORE_BETWEEN.match(scope.between(num.end, pos)):
            value += 1  # "Twenty soldiers and a civilian were killed"
        elif num.start >= pos and (one_more := _AND_ONE_MORE_AFTER.match(text, num.end - scope.start)):
            value += 1  # "killing three patients and a nurse"
            num = num._replace(end=scope.start + one_more.end())
        s, e = min(num.start, pos), max(num.end, scope.start + m.end())
        out.append(Count(kinds[0], value, s, e, scope.between(s, e)))
    return out


def _number_for(m: re.Match[str], numbers: list[Entity], scope: Scope, used: set[int]) -> Entity | None:
    pos, end = scope.start + m.start(), scope.start + m.end()
    word = m.group().lower()
    after_first = word.endswith("ing") or word in ("death", "deaths", "lives")
    cands = []
    for n in numbers:
        if n.start in used or scope.in_background(n.start):
            continue
        if _is_year_or_time(n, scope):
            continue
        if n.start >= end and n.start - end <= 24:
            # "killing at least 25 people", "the death of several of its members"
            if _NOT_PEOPLE.match(scope.between(n.end, n.end + 30)):
                continue
            if not after_first and _COUNTED_OWN.match(scope.between(n.end, n.end + 50)):
                continue  # "a man was killed and two women were wounded": the two are the wounded
            cands.append((0 if after_first else 1, n.start - end, n))
        elif n.end <= pos and pos - n.end <= 90 and scope.same_clause(n.end, pos):
            # "three Army reservists ... died", "40 service members were injured" (and "11 wounded
            # when shells fell": the word right after the number says whom it counts)
            if pos - n.end > 2 and _NOT_PEOPLE.match(scope.between(n.end, n.end + 30)):
                continue
            if scope.between(n.start - 2, n.start) == ", " and _SUBSET_AFTER.match(
                scope.between(n.end, n.end + 12)
            ):
                continue  # "At least 38 people, several of them children, were killed": some of the 38
            cands.append((1 if after_first else 0, pos - n.end, n))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], c[1]))
    return cands[0][2]


def _is_year_or_time(n: Entity, scope: Scope) -> bool:
    value = n.attr("value")
    if 1900 <= value <= 2100 and not n.attr("qualifier"):
        return True
    after = scope.between(n.end, n.end + 6)
    return after.startswith((":", " a.m", " p.m", " GMT", " EST", " UTC", "th", "st", "nd", "rd"))


def total(counts: list[Count], kind: str) -> tuple[int | None, list[Count]]:
    """The sentence's figure for ``kind``: separate counts add up; a zero only stands alone."""
    mine = [c for c in counts if c.kind == kind]
    if not mine:
        return None, []
    positive = [c for c in mine if c.value > 0]
    if positive:
        return sum(c.value for c in positive), positive
    return 0, mine[:1]
