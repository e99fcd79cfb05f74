"""The claims ledger: running tallies and standing counts that reports state.

"Attacked more than 110 times since October 7", "66 troops injured as of
mid-December", "about 2,500 troops in Iraq": numbers analysts track over
time, which are not events. A claim records what is counted (subject and
unit), how many with its qualifier, the period it covers (``period_start``
from "since ...", ``as_of`` from "as of ..." or else the publication date),
where, by whom the counted acts were done, who says so, and the words.

The claim id derives from what is claimed, not from who says it, so the same
tally in two reports is one claim with two sources, and differing tallies on
one subject stand side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitroom.lexicon import Lexicon
from sitroom.model import Claim, Document, Entity, Evidence, content_id
from sitroom.nlp import rx
from sitroom.nlp.actors import Salience, build_phrases
from sitroom.nlp.dates import resolve

# unit words after a number: what the number counts
_UNITS: list[tuple[re.Pattern[str], str]] = [
    (rx.compile(r"^\s*(?:\w+\s+){0,2}?(?:times|attacks?|assaults?|incidents?)\b", re.I), "attacks"),
    (rx.compile(r"^\s*(?:\w+\s+){0,2}?(?:air\s*strikes|strikes|raids)\b", re.I), "strikes"),
    (
        rx.compile(
            r"^\s*(?:[\w.]+\s+){0,3}?(?:troops|personnel|service\s*members|servicemembers|soldiers|"
            r"forces|marines)\b",
            re.I,
        ),
        "troops",
    ),  # fmt: skip
    (rx.compile(r"^\s*(?:\w+\s+){0,2}?(?:drones|missiles|rockets|projectiles)\b", re.I), "weapons launched"),
    (rx.compile(r"^\s*(?:\w+\s+){0,2}?(?:people|civilians|persons|fighters|militants)\b", re.I), "people"),
]
_INJURED = rx.compile(r"\b(?:injured|wounded|injuries|hurt)\b", re.I)
_KILLED = rx.compile(r"\b(?:killed|dead|died|deaths|fatalities)\b", re.I)
_TALLY = rx.compile(
    r"\b(?:since|as of|so far|to date|times|in total|a total of|in recent (?:days|weeks|months)|"
    r"have faced|has faced|have been|has been|had been|have carried out|has carried out|have executed|"
    r"has conducted|have conducted|has about|have about|has some|has roughly|deployed|stationed|keeps|keep|"
    r"maintains|maintain|there are)\b"
)  # searched in lower-cased text: a case-blind search of this many words is several times slower
_LOCATIVE = rx.compile(r"^\s*(?:\w+\s+){0,2}?(?:in|across|on)\s+(?:the\s+)?$", re.I)


_PASSIVE = rx.compile(r"\b(?:been|were|was|are|is)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY = rx.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_STANDING = rx.compile(
    r"\b(?:has|have|had|keeps|keep|maintains|maintain|deployed|stationed|there are)\b", re.I
)
_ANOTHER = rx.compile(r"^[^.;]{0,40}\b(?:and|another|while|with)\b[^.;]{0,20}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Previous:
    unit: str
    end_offset: int
    target: str | None
    actor: str | None


class ClaimFinder:
    """Stage: adds the tallies a document states (``Document.claims``)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def __call__(self, doc: Document) -> Document:
        return replace(doc, claims=tuple(self.claims(doc)))

    def claims(self, doc: Document) -> list[Claim]:
        by_sentence: list[list[Entity]] = [[] for _ in doc.sentences]
        for e in doc.entities:
            by_sentence[e.sentence].append(e)
        salience = Salience(self.lex)
        out: list[Claim] = []
        for i, sent in enumerate(doc.sentences):
            ents = by_sentence[i]
            counted = any(e.kind == "number" and e.attr("value") >= 2 for e in ents)
            tally = counted and not sent.furniture and bool(_TALLY.search(sent.text.lower()))
            if not tally:
                for e in ents:
                    if e.kind == "actor":
                        salience.count(e.ref)  # names told before a tally resolve its descriptions
                continue
            phrases = build_phrases(ents, sent.text, sent.start, self.lex)
            for p in phrases:
                salience.add(p)
            previous: _Previous | None = None
            for n in (e for e in ents if e.kind == "number"):
                found = self._claim(doc, sent, ents, phrases, salience, n, previous)
                if found is not None:
                    claim, target = found
                    out.append(claim)
                    previous = _Previous(claim.unit, n.end, target, claim.actor)
        return out

    def _claim(
        self, doc, sent, ents, phrases, salience, n: Entity, previous=None
    ) -> tuple[Claim, str | None] | None:
        value = n.attr("value")
        if value < 2 or n.attr("vague") or (1900 <= value <= 2100 and not n.attr("qualifier")):
            return None
        after = doc.text[n.end : n.end + 60]
        unit = next((u for rx, u in _UNITS if rx.match(after)), None)
        inherited = None
        if unit is None and previous is not None and _ANOTHER.search(doc.text[previous.end_offset : n.start]):
            unit, inherited = previous.unit, previous  # "about 2,500 troops in Iraq and another 900 in Syria"
        if unit is None:
            return None
        clause = sent.text
        tail = doc.text[n.end : sent.end]
        if unit == "troops" and _INJURED.search(tail[:60]):
            unit = "troops injured"
        elif unit == "troops" and _KILLED.search(tail[:60]):
            unit = "troops killed"
        elif unit == "people" and _KILLED.search(doc.text[max(sent.start, n.start - 40) : n.end + 60]):
            unit = "people killed"
        elif unit == "people":
            return None
        cues = [e for e in ents if e.kind == "cue"]
        period_start = self._date_after(doc, ents, cues, "since", n)
        as_of = self._date_after(doc, ents, cues, "as of", n)
        if unit in ("troops",) and not _STANDING.search(clause):
            return None
        if (
            unit not in ("troops",)
            and period_start is None
            and as_of is None
            and not re.search(
                r"\b(?:times|so far|to date|in total|a total of|in recent|have|has)\b", clause, re.I
            )
        ):
            return None
        location = self._location_after(doc, ents, n, sent.end)
        target, actor = self._sides(doc.text, phrases, salience, unit, ents)
        if inherited is not None:
            target, actor = inherited.target, inherited.actor
        elif unit.startswith("troops"):
            target = self._force_of(doc, ents, sent.start, n) or target
            actor = None
        subject = self._subject(unit, target, location)
        qualifier = n.attr("qualifier")
        as_of_final = as_of or doc.published
        claim_id = content_id("claim", subject, value, qualifier, unit, period_start, as_of, location)
        evidence = (Evidence(doc.id, sent.start, sent.end, sent.text, "claim"),
                    Evidence(doc.id, n.start, n.end, n.text, "quantity"))  # fmt: skip
        claim = Claim(
            claim_id=claim_id,
            subject=subject,
            quantity=value,
            qualifier=qualifier,
            unit=unit,
            period_start=period_start,
            as_of=as_of_final,
            attributed_to=self._attribution(doc, sent, cues) or doc.publisher,
            doc_id=doc.id,
            evidence=evidence,
            location=location,
            actor=actor,
        )
        return claim, target

    def _force_of(self, doc, ents, start: int, n: Entity) -> str | None:
        """Whose troops: "2,500 U.S. troops", "The U.S. has about 2,500 troops", "American forces"."""
        best = None
        for e in ents:
            if e.kind not in ("demonym", "place", "actor") or not (start <= e.start < n.end + 25):
                continue
            code = e.ref if e.kind == "demonym" else e.ref[2:] if e.ref.startswith("c:") else None
            if e.kind == "actor":
                a = self.lex.actors.get(e.ref)
                if a and a.state and a.country and e.start < n.end + 25:
                    best = a.name
                continue
            c = self.lex.countries.get(code or "")
            if c and c.state_force in self.lex.actors and (e.start < n.start or e.start - n.end < 6):
                best = self.lex.actors[c.state_force].name
        return best

    def _date_after(self, doc, ents, cues, cue_text: str, n: Entity) -> date | None:
        for c in cues:
            if c.attr("type") != "period" or c.text.lower() != cue_text:
                continue
            for d in ents:
                if d.kind == "date" and 0 <= d.start - c.end <= 90:
                    day, _ = resolve(d.attr("expr"), doc.published)
                    if day is not None:
                        return day
        if cue_text == "since":
            for d in ents:
                if d.kind == "date" and re.search(
                    r"\bsince\b", doc.text[max(0, d.start - 90) : d.start], re.I
                ):
                    day, _ = resolve(d.attr("expr"), doc.published)
                    if day is not None:
                        return day
        return None

    def _location_after(self, doc, ents, n: Entity, stop: int) -> str | None:
        for p in ents:
            if p.kind == "place" and n.end < p.start < min(stop, n.end + 40):
                if _LOCATIVE.match(doc.text[n.end : p.start]) or _LOCATIVE.match(
                    re.sub(r"^\s*\w+\s+", " ", doc.text[n.end : p.start])
                ):
                    place = self.lex.places[p.ref]
                    return place.name
        return None

    def _sides(self, text: str, phrases, salience, unit: str, ents) -> tuple[str | None, str | None]:
        """(the side the counted acts hit, the side that carried them out), read around the verb:
        "Iran-backed militias have attacked U.S. forces more than 130 times", "U.S. bases have been
        targeted more than 110 times by the IRI", "more than 170 attacks on US bases"."""
        named = [(p, salience.resolve(p)) for p in phrases]
        named = [(p, self.lex.actors[r].name if r in self.lex.actors else r) for p, r in named if r]
        target = next((nm for p, nm in named if p.role == "owner"), None)
        actor = None
        verb = next((e for e in ents if e.kind == "trigger"), None)
        if verb is not None:
            passive = bool(verb.attr("passive")) or bool(
                _PASSIVE.search(text[max(0, verb.start - 20) : verb.start])
            )
            before = [nm for p, nm in named if p.end <= verb.start and p.role in ("actor", "weapon")]
            after = [
                (p, nm) for p, nm in named if p.start >= verb.end and p.role in ("actor", "owner", "victim")
            ]
            if passive:
                target = target or (before[-1] if before else None)
                actor = next((nm for p, nm in after if _BY.search(text[max(0, p.start - 8) : p.start])), None)
            else:
                actor = before[-1] if before else None
                target = target or (after[0][1] if after else None)
        if actor is None:
            actor = next(
                (
                    nm
                    for p, nm in named
                    if p.role == "actor" and _BY.search(text[max(0, p.start - 8) : p.start])
                ),
                None,
            )
        return target, (None if unit.startswith("troops") else actor)

    def _subject(self, unit: str, target: str | None, location: str | None) -> str:
        if unit in ("attacks", "strikes"):
            return f"{unit} on {target}" if target else unit
        if unit.startswith("troops"):
            who = (target or "foreign").removesuffix(" forces")
            return f"{who} troops" + (" injured" if unit.endswith("injured") else " killed" if unit.endswith("killed")
                                     else " deployed")  # fmt: skip
        return unit

    def _attribution(self, doc, sent, cues) -> str | None:
        m = re.search(r"\baccording to (?:the )?((?:[A-Z][\w.'-]*\s?){1,5})", sent.text)
        if m:
            return m.group(1).strip().rstrip(".,;:")
        m = re.search(r"((?:[A-Z][\w.'-]*\s){1,4})(?:said|says|told|reported)\b", sent.text)
        if m:
            return m.group(1).strip().rstrip(".,;:")
        return None
