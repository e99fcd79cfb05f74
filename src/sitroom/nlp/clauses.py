"""What a sentence's cue words do to the event words around them.

A dictionary coder goes wrong where a sentence tells of something that did
not happen (negation, a threat, a plan, a question), of many things at once
(a running tally), of the past in passing (history in the present perfect), or
of an earlier event given as the reason for this one ("in response to ...").
This module reads those cues with their scope, over character offsets within
one sentence:

- *background spans* ("in response to ...", "amid ...") hold no event of
  their own: a leading one runs to the next comma, one later in the sentence
  runs to its end;
- *relative clauses* ("... that is operating in Iraq and Syria") describe a
  noun; places in them are used only when nothing else places the event;
- a trigger is *blocked* by a negation, modal or threat cue shortly before it
  in the same clause, by a tally or begin cue in its clause, or by a present
  perfect ("has carried out strikes") unless the clause pins a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.model import Entity
from sitroom.nlp import rx
from sitroom.nlp.dates import MONTHS, WEEKDAYS

# Clause edges inside a sentence: punctuation and the conjunctions that start a new clause.
_CLAUSE_EDGE = rx.compile(
    r"[;\u2014]|:(?!\d)|(?<=\s)[\u2013-]\s|,\s*(?=(?:but|while|though|although|whereas|and then|however)\b)"
    # "as the column tried to withdraw, it was ambushed": a pronoun and its verb after a comma
    r"|,\s*(?=(?:it|they|he|she|we)\s+(?:was|were|had|has|have|is|are|\w+ed)\b)"
    # "..., and on 15 June RSF fighters fired on civilians": a clause with a day of its own
    r"|,\s*(?=and\s+on\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2})\b)"
    r"|\b(?:but|while|whereas|although|though|when|because|as soon as|until)\b"
)
_DASHES = "\u2013-"
_SUPERLATIVE = rx.compile(r"\b(?:largest|biggest|deadliest|worst|heaviest|first|most\s+\w+|highest|single)\b"
                          r"(?:\s+[\w.-]+){0,10}\s*$", re.IGNORECASE)  # fmt: skip
_NO_SUBJECT = rx.compile(r"^\s*(?:no|neither|none\s+of)\s+\w+", re.IGNORECASE)
_MODAL_AFTER = rx.compile(r"^\s+(?:would|could|will|may|might|should|must|can)\b", re.IGNORECASE)
_CONDITIONAL = rx.compile(r"^\s*(?:if|unless|should|were)\b", re.IGNORECASE)
_ORDINAL_BEFORE = rx.compile(r"\b\d+(?:st|nd|rd|th)\b(?:\s+[\w-]+){0,3}\s*$", re.IGNORECASE)
# "in one of the largest drone attacks of the war": a comparison with others, not one more event
_ONE_OF_THE = rx.compile(r"\bone\s+of\s+the\s+(?:\w+est|most\s+\w+)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_ORDINAL_AFTER = rx.compile(
    r"^\s+(?:was|is|marked|became)\s+the\s+(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_COMMA = rx.compile(r",")
# A present perfect just before a trigger: "has carried out", "have also been", "have increasingly".
_PERFECT = rx.compile(r"\b(?:has|have)\b(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
# "These attacks have resulted in injuries": the event word is the subject of a present perfect.
_PERFECT_AFTER = rx.compile(r"^\s+(?:have|has)\s+(?:also\s+|now\s+|so\s+far\s+)?(?:\w+ed|been|hit|struck|led|"
                            r"left|caused|resulted|killed|wounded|gone\s+on|raged|continued)\b", re.IGNORECASE)  # fmt: skip
_IN_MANY_PLACES = rx.compile(
    r"\b(?:in|at|on)\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?(?:\d{2,}|dozens\s+of|hundreds\s+of|[a-z]+ty(?:-[a-z]+)?)\s+"
    r"(?:areas|districts|settlements|sectors|localities)\b",  # (not "60 targets at 16 locations", told one by one)
    re.IGNORECASE,
)
_ON_MANY_PLACES = rx.compile(
    r"^\s+(?:on|against)\s+(?:several\s+|many\s+|dozens\s+of\s+|a\s+number\s+of\s+)?"
    r"(?:villages|towns|localities|settlements|communities|camps)\b",
    re.IGNORECASE,
)
_MANY_PLACE_WORDS = ("areas", "districts", "settlements", "sectors", "localities")  # _IN_MANY_PLACES's nouns
_OVER_DAYS = rx.compile(
    r"\b(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:two|three|four|five|six|seven|several|few|\d+)\s+(?:days|weeks)\b",
    re.IGNORECASE,
)
_HABITUAL_BEFORE = rx.compile(
    r"\b(?:frequent|repeated|regular|recurring|recurrent|persistent|constant|near-daily|almost\s+daily)\s+(?:[\w-]+\s+)?$"
    r"|\b(?:which|who|that)\s+(?:regularly\s+|often\s+|frequently\s+|also\s+)?(?:carry|conduct|launch|stage|mount)"
    r"(?:\s+out)?\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "fighting around El Fasher and in Gezira has cut off communities": the same, past the places named
_PERFECT_AFTER_PLACES = rx.compile(
    r"(?:\s+(?:around|in|near|at|across|and|the|[A-Z][\w'\u2019-]*))+\s+(?:have|has)\s+(?:also\s+)?"
    r"(?:\w+ed|been|cut|hit|struck|left|caused|killed|wounded)\b"
)
_RELATIVE = rx.compile(
    r"\b(?:that|which|who|whose)\s+(?:is|are|was|were|has|have|operates|operate|"
    r"operating|controls|control|runs|run|holds|hold|belongs|include|includes)\b"
    # "Al-Fula, which the paramilitaries have held since 2024": what a side has done with a place
    r"|\bwhich\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:has|have|had)\s+(?:\w+\s+)?"
    r"(?:held|controlled|besieged|occupied|seized|captured|taken|ruled|used)\b"
)
# "TAMPA, Fla. --", "KYIV, Ukraine (AP) --", "BAGHDAD, Jan. 5 --": where the report was filed.
DATELINE = rx.compile(
    r"^[A-Z][A-Z .'\u2019-]{2,40}(?:,\s*[A-Z][\w.]*\.?(?:\s+[A-Z][\w.]*\.?)?)*(?:,\s*\w+\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([A-Za-z .]+\))?\s*[\u2013\u2014-]{1,2}\s+"
)
_NEGATION_WINDOW = 48  # characters before a trigger in which a negation applies to it
_MODAL_WINDOW = 90


@dataclass(frozen=True, slots=True)
class Scope:
    """The cue spans of one sentence, in document offsets."""

    start: int
    end: int
    text: str
    background: tuple[tuple[int, int], ...]
    relative: tuple[tuple[int, int], ...]
    edges: tuple[int, ...]  # offsets of clause edges
    commas: tuple[int, ...]
    dateline_end: int = 0  # end of a leading dateline ("TAMPA, Fla. --"), else the sentence start
    periods: tuple[
        tuple[int, int], ...
    ] = ()  # "since ..." phrases (also in background): no event of their own

    # Plain loops: these run tens of thousands of times a megabyte, mostly over empty tuples.
    def in_background(self, pos: int) -> bool:
        for a, b in self.background:  # noqa: SIM110
            if a <= pos < b:
                return True
        return False

    def in_relative(self, pos: int) -> bool:
        for a, b in self.relative:  # noqa: SIM110
            if a <= pos < b:
                return True
        return False

    def same_clause(self, a: int, b: int) -> bool:
        lo, hi = (a, b) if a <= b else (b, a)
        for e in self.edges:  # noqa: SIM110
            if lo < e < hi:
                return False
        return True

    def clause_of(self, pos: int) -> tuple[int, int]:
        lo, hi = self.start, self.end
        for e in self.edges:  # noqa: SIM110
            if e <= pos:
                lo = max(lo, e)
            elif e < hi:
                hi = e
        return lo, hi

    def between(self, a: int, b: int) -> str:
        return self.text[a - self.start : b - self.start]


_start_of = re.Match.start


def scope_of(start: int, text: str, cues: list[Entity]) -> Scope:
    """Analyse the sentence ``text`` that begins at document offset ``start``."""
    end = start + len(text)
    # (a dash between spaces is matched at the dash, which keeps the space out of the scan's
    # first characters; the edge is the space before it)
    edges = tuple(start + k - (text[k] in _DASHES) for k in map(_start_of, _CLAUSE_EDGE.finditer(text)))
    commas = tuple(start + m.start() for m in _COMMA.finditer(text))
    background: list[tuple[int, int]] = []
    m = DATELINE.match(text)
    body = m.end() if m else 0
    for c in cues:
        if c.attr("type") != "background" or text[c.end - start : c.end - start + 4] == " by ":
            continue  # "a barrage followed by a ground assault" tells of both
        if text[c.end - start :].lstrip()[:1] in (",", ".", ";", ""):
            continue  # "hit a regime position in response, killing three soldiers": no earlier event named
        words_before = len(text[body : c.start - start].split())
        lead = words_before <= 2
        if lead and words_before and c.attr("scope") != "rest" and _AFTER_SUBJECT.match(c.text):
            # "The strikes followed Tuesday's barrage, the largest yet, in which ...": after its
            # subject and verb, the sentence is all background up to a clause of its own
            stop = next((k for k in commas if k > c.end and _OWN_CLAUSE.match(text, k - start + 1)), end)
        elif c.attr("scope") == "rest" or not lead:
            stop = end
            if c.attr("scope") != "rest":
                # "..., in retaliation for X, the militia said" ends at the next comma after X
                stop = next((k for k in commas if k > c.end and _closes(text, k - start)), end)
        else:
            stop = next((k for k in commas if k > c.end), end)
            if stop < end and _RELATIVE_AFTER.match(text, stop - start + 1):
                # "In response to the American aggression against our country, which targeted civilian
                # sites yesterday, Saturday, killing 31 citizens, the missile force carried out ...": the
                # clause on the cause runs on to the sentence's own subject
                stop = next((k for k in commas if k > stop and _closes(text, k - start)
                             and not _DAY_WORD.match(text, k - start + 1)), end)  # fmt: skip
        background.append((c.start, stop))
    periods: list[tuple[int, int]] = []
    for c in cues:
        if c.attr("type") == "period" and c.text.lower() == "since":
            # "the first strikes since it began attacking ships in the Red Sea": history in passing
            nxt = text[c.end - start : c.end - start + 20].split()
            if nxt and not nxt[0].lower().endswith(("ed", "en")) and nxt[0].lower() not in ("then", "been"):
                periods.append((c.start, next((k for k in commas if k > c.end), end)))
    relative: list[tuple[int, int]] = []
    for m in _RELATIVE.finditer(text):
        a = start + m.start()
        stop = next((k for k in commas if k > a), end)
        relative.append((a, stop))
    dateline_end = start + body
    return Scope(
        start,
        end,
        text,
        tuple(background + periods),
        tuple(relative),
        edges,
        commas,
        dateline_end,
        tuple(periods),
    )


# a count of events: "at least five attacks", "27 strikes", "dozens of raids" (plural event nouns)
# (a count hedged, or of five or more: "two airstrikes southeast of Irbil" are two strikes told)
_COUNTED_BEFORE = rx.compile(
    r"(?:\b(?:at\s+least|more\s+than|over|some|nearly|almost|about)\s+(?:\d[\d,]*|[a-z]+)"
    r"|\b(?:\d{2,}[\d,]*|[5-9]|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)"
    r"|\b(?:dozens|scores|hundreds)\s+of)\s+(?:[a-z-]+\s+)?$",
    re.IGNORECASE,
)
# "..., striking nine communities", "hitting 14 settlements": the many places a count of attacks hit
_COUNTED_AFTER = rx.compile(
    r"^\s+(?:\d{2,}[\d,]*|[5-9]|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozens\s+of|scores\s+of)"
    r"\s+(?:[a-z-]+\s+)?(?:communities|settlements|towns|villages|localities|cities|regions|oblasts|provinces"
    r"|districts|areas)\b",
    re.IGNORECASE,
)
_GONE_ON_AFTER = rx.compile(
    r"[^.;]{0,70}?\b(?:have|has)\s+(?:continued|persisted|intensified|increased|resumed|grown|become)\b",
    re.IGNORECASE,
)
_CAMPAIGN_NOUNS = frozenset({"offensive", "counteroffensive", "offensives"})
_COUNTED_OBJECT = rx.compile(
    r"\s+(?:more\s+than\s+|over\s+|at\s+least\s+|some\s+|about\s+)?"
    r"(?:\d[\d,]*|dozens\s+of|scores\s+of|hundreds\s+of|several|multiple|numerous|many)\s+(?:[\w-]+\s+)?"
    r"(?:attacks|assaults|attempts|offensives|raids|attempted\s+assaults)\b",
    re.IGNORECASE,
)
# background cues that are the sentence's own verb ("The strikes followed ...", "It came after ...")
_AFTER_SUBJECT = rx.compile(r"(?:follow(?:s|ed)|c(?:a|o)me(?:s)?\s+(?:after|as))\b", re.IGNORECASE)
_OWN_CLAUSE = rx.compile(
    r"\s*(?:\w+ing\b|and\b|but\b|while\b|officials?\b|\w+\s+said\b|said\b)", re.IGNORECASE
)


_RELATIVE_AFTER = rx.compile(r"\s*(?:which|who|whose)\b", re.IGNORECASE)
# a weekday's or a month's name, as written
_DAY_WORD = rx.compile(r"\s*(?:" + "|".join(w.capitalize() for w in (*WEEKDAYS, *MONTHS)) + r")\b")


def _closes(text: str, k: int) -> bool:
    """Whether the comma at ``k`` is followed by the sentence's own clause (a capitalised subject
    or a reporting verb) rather than by more of the background phrase."""
    nxt = text[k + 1 : k + 40].lstrip()
    return bool(
        re.match(r"(?:the|a|an|these|this|those|[A-Z][\w.]*|\w+\s+said|said|officials|it|they|we)\b", nxt)
    )


def blocked(
    trigger: Entity, cues: list[Entity], scope: Scope, has_day_date: bool, day_starts: tuple[int, ...] = ()
) -> str | None:
    """Why ``trigger`` tells of no real event (the cue type), or None when nothing blocks it.

    ``has_day_date``: the trigger's clause names a day (not the start of a period), which keeps a
    present perfect ("have struck ... today") or a "since" an event rather than history.
    ``day_starts``: where those days are named; a day named before a "since the start of the war"
    keeps the event ("on 8 July, Russia launched ... the heaviest attack since the start").
    """
    t0 = trigger.start
    clause_lo, clause_hi = scope.clause_of(t0)
    in_clause = lambda c: clause_lo <= c.start < clause_hi  # noqa: E731
    for c in cues:
        kind = c.attr("type")
        if kind == "modal" and c.text == "May" and c.start > scope.start:
            continue  # the month ("in May"), not the verb
        if kind in ("tally", "period") and scope.in_relative(c.start) and not scope.in_relative(t0):
            continue  # "the RSF, which have besieged El Fasher since May": said of the side, not the event
        if kind in ("negation", "modal", "threat", "reaction"):
            window = _NEGATION_WINDOW if kind == "negation" else _MODAL_WINDOW
            if c.start < t0 and scope.same_clause(c.start, t0) and t0 - c.end <= window:
                return kind
        elif kind == "denial" and scope.start <= c.start < scope.end:
            return "negation"  # "It claimed strikes on Al-Tanf; officials said no attacks had taken place"
        elif (
            kind == "total"
            and scope.start <= c.start < scope.end
            and (c.start < t0 or c.start - trigger.end <= 80)
        ):
            # "In total, at least 47 people were killed": a sum over the events told (not "..., forcing
            # power cuts across the country": a consequence in a clause of its own)
            return kind
        elif kind == "tally" and in_clause(c):
            if c.text.lower().startswith("since") and any(d < c.start for d in day_starts):
                continue  # "on 8 July, Russia launched ... the heaviest attack since the start of the war"
            if compares(c, scope, clause_lo):
                continue  # "..., in the group's largest attack on shipping so far": a comparison
            return kind
        elif kind == "begin" and _begins(trigger, c, scope):
            if has_day_date and c.text.lower() in ("broke out", "erupted"):
                continue  # "Heavy fighting broke out in El Fasher on Friday": that day's fighting
            return kind
        elif (
            kind == "history"
            and (in_clause(c) or (c.attr("scope") == "sentence" and scope.start <= c.start < scope.end))
            and not (c.attr("before") and c.start > t0)
        ):
            return kind
        elif kind == "habitual" and in_clause(c) and c.start < t0 and not has_day_date:
            return "tally"  # "Russia continues to strike Ukraine's cities": a practice, not one event
        elif kind == "accident" and scope.start <= c.start < scope.end:
            return kind
        elif (
            kind == "period"
            and c.text.lower() == "since"
            and in_clause(c)
            and opens_period(c, scope)
            and not has_day_date
        ):
            return "tally"  # "since mid-October ... over 100 attacks": a trend, not one event
    if (
        not has_day_date
        and trigger.text.lower().endswith("s")
        and _COUNTED_BEFORE.search(scope.between(max(clause_lo, t0 - 40), t0))
    ):
        return "count"  # "We count at least five attacks in Iraq and Syria this month": a tally of many
    if not has_day_date and _COUNTED_AFTER.match(
        scope.between(trigger.end, min(scope.end, trigger.end + 50))
    ):
        return "count"  # "... 34 attacks on the border areas, striking nine communities"
    if (
        not has_day_date
        and trigger.text.lower().endswith("s")
        and _GONE_ON_AFTER.match(scope.between(trigger.end, min(scope.end, trigger.end + 80)))
    ):
        return "tally"  # "the group's attacks on shipping have continued": a campaign going on
    if trigger.text.lower() in _CAMPAIGN_NOUNS and not has_day_date:
        return "tally"  # "the main target of Russia's summer offensive": a campaign, not one event
    if trigger.attr("family") == "repel" and _COUNTED_OBJECT.match(
        scope.between(trigger.end, min(clause_hi, trigger.end + 50))
    ):
        return "count"  # "repelled 47 Russian assaults over the past day": a tally of many
    if _CONDITIONAL.match(scope.text):
        return "modal"  # "If confirmed, it would be the deadliest attack ..."
    if _NO_SUBJECT.match(scope.text) and scope.same_clause(scope.start, t0):
        return "negation"  # "No ships were hit in that attack."
    if _MODAL_AFTER.match(scope.between(trigger.end, min(clause_hi, trigger.end + 30))):
        return "modal"  # "the raids would not change ...": the words say what they do, not that they happened
    before = scope.between(max(clause_lo, t0 - 60), t0)
    after = scope.between(trigger.end, min(clause_hi, trigger.end + 40))
    if _ORDINAL_BEFORE.search(before) or _ORDINAL_AFTER.match(after) or _ONE_OF_THE.search(before):
        return "tally"  # "the 23rd Houthi attack on shipping", "the attack was the third this month"
    rest = scope.between(trigger.end, clause_hi)
    # (the words each pattern needs, looked for first: these scan a whole clause for every event word)
    if any(w in rest for w in _MANY_PLACE_WORDS) and _IN_MANY_PLACES.search(rest):
        return "tally"  # "struck ... concentrations of enemy personnel in 138 areas": a day's sum of strikes
    if not has_day_date and trigger.text.lower().endswith("s") and _ON_MANY_PLACES.match(rest):
        return "tally"  # "killed in attacks on villages near Bara over the weekend": a sum of several
    clause = scope.between(clause_lo, clause_hi)
    if ("past" in clause or "last" in clause or "previous" in clause) and _OVER_DAYS.search(clause):
        return "tally"  # "its forces had neutralised 32 militants over the past two days": several days' sum
    if _HABITUAL_BEFORE.search(before) and not has_day_date:
        # "the scene of frequent attacks by the Islamic State", "groups which carry out raids on army
        # positions": what happens there again and again, no one event
        return "tally"
    if (
        _PERFECT.search(before)
        or _PERFECT_AFTER.match(after)
        or _PERFECT_AFTER_PLACES.match(scope.between(trigger.end, min(clause_hi, trigger.end + 70)))
    ) and not has_day_date:
        return "history"
    return None


def _begins(trigger: Entity, cue: Entity, scope: Scope) -> bool:
    """ "began launching rockets", "attacks ... that began on October 17th": a campaign's start."""
    if cue.start < trigger.start:
        return trigger.start - cue.end <= 40 and scope.same_clause(cue.start, trigger.start)
    if cue.text.lower().endswith("ing"):
        return False  # "struck a refinery, starting a fire": what the strike did, not a campaign begun
    gap = scope.between(trigger.end, cue.start)
    if _AT_AN_HOUR.match(scope.between(cue.end, cue.end + 24)):
        return False  # "Fighting began at dawn on Monday, when ...": a fight of one day, from its start
    return len(gap) <= 70 and "since" not in gap.lower() and scope.same_clause(trigger.end, cue.start)


_AT_AN_HOUR = rx.compile(
    r"\s+(?:at\s+(?:dawn|dusk|daybreak|first\s+light|midnight|noon|around\s+\d|about\s+\d|\d)|"
    r"(?:early\s+)?(?:in\s+the\s+)?(?:early\s+)?(?:morning|afternoon|evening)\s+(?:on|of)\b|before\s+dawn)",
    re.IGNORECASE,
)


def compares(cue: Entity, scope: Scope, lo: int | None = None) -> bool:
    """Whether a tally cue ("so far", "to date", "since the start of ...") ends a comparison: "the
    group's largest attack on shipping so far", "the deadliest attack on the city since the start
    of the invasion" rank one event among others; they count none. ``lo``: where to look back from
    (the start of the cue's clause; the sentence's by default)."""
    text = cue.text.lower()
    if not (text in ("so far", "to date") or text.startswith("since")):
        return False
    lo = scope.start if lo is None else lo
    return bool(_SUPERLATIVE.search(scope.between(max(lo, cue.start - 60), cue.start)))


def opens_period(cue: Entity, scope: Scope) -> bool:
    """ "since October 7", "since the outbreak" open a period; "have since returned" and "the
    deadliest since 2022" (a comparison) do not."""
    if cue.text.lower() != "since":
        return cue.attr("type") == "period"
    nxt = scope.between(cue.end, min(scope.end, cue.end + 20)).split()
    if not nxt or nxt[0].lower().endswith(("ed", "en")) or nxt[0].lower() in ("then", "been", "returned"):
        return False
    return not _SUPERLATIVE.search(scope.between(max(scope.start, cue.start - 60), cue.start))


def perfect_before(scope: Scope, pos: int) -> bool:
    lo, _ = scope.clause_of(pos)
    return bool(_PERFECT.search(scope.between(max(lo, pos - 60), pos)))
