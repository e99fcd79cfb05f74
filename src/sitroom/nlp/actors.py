"""Actor phrases: who is named, described or implied in a sentence, and what they resolve to.

Recognised pieces that touch each other form one phrase: "Iranian sponsored
Kataib Hezbollah terrorists" is Kataib Hezbollah; "Iraqi militias" is a
description with a country; "Russian missiles" says whose weapon it was;
"American bases" whose base was hit; "jihadists from JNIM" is JNIM.

A description ("the armed faction", "the rebels") refers back to the most
prominent named group of a fitting kind that the report named before it, as
a reader would resolve it; a description that says only who backs the group
("Iran-backed militants") stays unidentified, because the writer did not know
or say which group it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitroom.lexicon import Country, Lexicon
from sitroom.model import Entity
from sitroom.nlp import rx

# What may sit between two pieces of one phrase: spaces, hyphens, a possessive, "the".
# (and the odd word that says which of a side's places: "Russian border positions")
_GLUE = rx.compile(
    r"^(?:\s|-|'s|\u2019s|'|\u2019|the|of the|of|from|and affiliated|border|front-?line|forward|defensive)*$",
    re.IGNORECASE,
)
_OWNER_GAP = rx.compile(
    r"^\s*(?:used by|belonging to|operated by|run by|held by|of|linked to)\s+(?:the\s+|a\s+|an\s+)?$"
)
_SUBJECT_AFTER = rx.compile(r"^\s+(?:had\s+|has\s+|have\s+|then\s+|also\s+|again\s+|reportedly\s+)*"
                            r"(?:fired|launched|struck|attacked|shelled|bombed|hit|targeted|carried\s+out|"
                            r"conducted|sent|used|unleashed|pounded)\b", re.IGNORECASE)  # fmt: skip
_ACCUSED = rx.compile(r"\b(?:accused|accuses|accusing|blamed|blames|blaming)\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATIVE = rx.compile(
    r"\b(?:in|into|at|from|on|over|across|to|toward|towards|of|against)\s+(?:the\s+)?"
    r"(?:(?:north|south)?(?:east|west)?(?:ern)?\s+|central\s+)?$",  # "militants in western Iraq launched"
    re.I,
)
_POSSESSIVE = rx.compile(r"^(?:'s|\u2019s)\b")
_ARMY = rx.compile(
    r"^(?:the\s+)?(?:(?:regime|government)\s+(?:forces|troops|soldiers|army)|army|military|armed forces|air force"
    # ("a unit of the Defence and Security Forces": the national forces of Niger, Mali or Burkina Faso)
    r"|navy|warplanes|army warplanes|troops|soldiers|security forces|defen[cs]e and security forces)\b",
    re.I,
)
# "its forces", "their fighters", and a branch of the speaker's ("the naval forces had targeted ...")
_ITS_BEFORE = rx.compile(r"\b(?:its|their|our|the\s+naval|the\s+missile)\s+$", re.IGNORECASE)
_AND = rx.compile(r"^\s*(?:and|&)\s+(?:the\s+)?$", re.IGNORECASE)
# ("residents and Houthi media said")
_SAYS_AFTER = rx.compile(
    r"(?:\s+and\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    # "villagers in the Amedi district said": where the people telling it live
    r"(?:\s+(?:in|from|near)\s+(?:the\s+)?(?-i:[A-Z][\w'-]*\s+){1,3}(?:district|area|region|province|village|town|camp)?)?"
    r"\s*(?:said|say|says|told|reported|recounted|described)\b",
    re.I,
)
_SOURCE_BEFORE = rx.compile(r"\baccording\s+to\s+(?:the\s+|some\s+|local\s+|several\s+)*$", re.IGNORECASE)
_CONTROLLED = rx.compile(r"^[\s-]*(?:controlled|held|run)\b", re.IGNORECASE)
_WHAT_IT_DID = rx.compile(r"\s+(?:operations?|action|campaign|exercises?|offensive|mission)\b", re.IGNORECASE)
_AFFILIATED = rx.compile(
    r"^(?:-(?:linked|affiliated|aligned|allied|inspired|sponsored|supported|backed)\b"
    # "JNIM, al Qaeda's branch in the Sahel": the name says whose branch, not who
    r"|(?:'s|\u2019s)\s+(?:\w+\s+)?(?:branch|affiliate|wing|arm|franchise|offshoot|ally|proxy|subsidiary)\b"
    # "the al Qaeda affiliate JNIM"
    r"|\s+(?:affiliate|franchise|offshoot|subsidiary)\b)",
    re.I,
)
PIECES = frozenset({"actor", "description", "demonym", "victim", "target", "weapon", "place"})


@dataclass(frozen=True, slots=True)
class ActorPhrase:
    """One mention of a side in a sentence."""

    start: int
    end: int
    text: str
    actor: str | None  # a resolved actor id (named, or the state forces a demonym implies)
    role: str  # actor | victim | target | owner (of a base or place) | weapon (owner of a weapon)
    description: Entity | None = None
    sponsor: str | None = None  # the unidentified group a sponsor word implies ("Iran-backed")
    country: str | None = None  # country code a demonym or place inside the phrase gives
    named: bool = False
    assoc: str | None = None  # a side acting together with this one ("Coalition forces and SDF")
    affiliate_of: str | None = None  # the network a described group belongs to ("the al Qaeda-linked group")


def build_phrases(ents: list[Entity], text: str, base: int, lex: Lexicon) -> list[ActorPhrase]:
    """Group the entities of one sentence (document offsets; ``text`` starts at ``base``)."""
    pieces = sorted((e for e in ents if e.kind in PIECES), key=lambda e: e.start)
    # "military-industrial facilities", "military-grade explosives": a word of a compound adjective
    pieces = [
        e for e in pieces if not (e.kind == "description" and _COMPOUND_AFTER.match(text, e.end - base))
    ]
    groups: list[list[Entity]] = []
    for e in pieces:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end - base : e.start - base]
            if (
                e.start >= prev.end
                and _GLUE.match(gap)
                and " - " not in gap  # "IDLIB - Regime forces ...": a dateline, then the sentence
                and _joinable(groups[-1], e, gap, text[e.end - base : e.end - base + 12])
            ):
                groups[-1].append(e)
                continue
        groups.append([e])
    out: list[ActorPhrase] = []
    pending_demonym: list[Entity] | None = None
    trigger_starts: set[int] | None = None
    for g in groups:
        if len(g) == 1 and (
            g[0].kind == "weapon" or (g[0].kind == "place" and not g[0].ref.startswith("c:"))
        ):
            pending_demonym = None  # a weapon or a town alone names no side (the common case, kept fast)
            continue
        if len(g) == 1 and g[0].kind == "description" and _WHAT_IT_DID.match(text, g[0].end - base):
            continue  # "carried out a military operation": what was done, not who did it
        phrase = _resolve_group(g, text, base, lex)
        if phrase is None and len(g) <= 2 and all(e.kind == "demonym" for e in g):
            if trigger_starts is None:
                trigger_starts = {e.start for e in ents if e.kind == "trigger"}
            # ("American-British raids": the first named, the other its partner)
            phrase = _demonym_before_event(g[0], text, base, lex, trigger_starts, g[-1].end)
            if phrase is not None and len(g) == 2:
                partner = lex.countries.get(g[1].ref)
                if (
                    partner is not None
                    and partner.state_force in lex.actors
                    and partner.state_force != phrase.actor
                ):
                    phrase = replace(phrase, end=g[-1].end, assoc=partner.state_force)
        if pending_demonym is not None and phrase is not None and phrase.role in ("actor", "weapon"):
            gap = text[pending_demonym[-1].end - base : g[0].start - base]
            first = _resolve_group([*pending_demonym, *g[1:]], text, base, lex) if _AND.match(gap) else None
            if first is None and _AND.match(gap) and len(g) == 1 and is_state(lex, phrase.actor):
                # "Russian and Ukrainian forces", where the lexicon knows "Ukrainian forces" whole
                c = lex.countries.get(pending_demonym[0].ref)
                if c is not None and is_state(lex, c.state_force):
                    first = ActorPhrase(pending_demonym[0].start, phrase.end, "", c.state_force, phrase.role,
                                        named=True, country=c.code)  # fmt: skip
            if first is not None and first.actor and first.actor != phrase.actor:
                # "American and British warplanes": both sides, the first named the main one
                phrase = ActorPhrase(pending_demonym[0].start, phrase.end, text[pending_demonym[0].start - base :
                                     phrase.end - base], first.actor, phrase.role, named=True,
                                     assoc=phrase.actor, country=first.country)  # fmt: skip
        elif phrase is not None and out and _AND.match(text[out[-1].end - base : phrase.start - base]):
            last = out[-1]
            if (
                last.named
                and phrase.named
                and last.role == phrase.role == "actor"
                and last.actor != phrase.actor
            ):
                # "Coalition forces and SDF fired ...": one side acting with another
                out[-1] = ActorPhrase(last.start, phrase.end, text[last.start - base : phrase.end - base],
                                      last.actor, "actor", named=True, assoc=phrase.actor)  # fmt: skip
                continue
        pending_demonym = g if len(g) == 1 and g[0].kind == "demonym" else None
        if (
            phrase is not None
            and out
            and phrase.actor is not None
            and phrase.actor == out[-1].actor
            and text[out[-1].end - base : phrase.start - base].strip() == "("
        ):
            continue  # "Kataib Hezbollah (كتائب حزب الله)", "the Syrian Democratic Forces (SDF)": one mention
        if phrase is not None:
            out.append(phrase)
    return out


def is_state(lex: Lexicon, actor_id: str | None) -> bool:
    actor = lex.actors.get(actor_id or "")
    return actor is not None and actor.state


def _joinable(group: list[Entity], e: Entity, gap: str, after: str) -> bool:
    kinds = {x.kind for x in group}
    if e.kind == "place":
        return False  # "Houthi militants in Yemen": a place after a side is where, not who
    if e.kind == "actor" and "actor" in kinds:
        return False  # two named sides side by side are two phrases ("KH, IRI")
    if "from" in gap.lower() or "of" in gap.lower().split():
        # "jihadists from JNIM", "missiles of the Russian military" -- but not "a missile from
        # Houthi-controlled areas", where the name says whose ground, not whose weapon
        return e.kind == "actor" and bool(kinds & {"description", "weapon"}) and not _CONTROLLED.match(after)
    # a weapon joins only a side that owns it ("Russian missiles", "Houthi drones")
    return e.kind != "weapon" or bool(kinds & {"actor", "demonym"})


def _resolve_group(g: list[Entity], text: str, base: int, lex: Lexicon) -> ActorPhrase | None:
    start, end = g[0].start, g[-1].end
    surface = text[start - base : end - base]
    named: list[Entity] = []
    demonyms: list[Entity] = []
    places: list[Entity] = []
    descs: list[Entity] = []
    weapons: list[Entity] = []
    victims: list[Entity] = []
    targets: list[Entity] = []
    by_kind = {"actor": named, "demonym": demonyms, "place": places, "description": descs,
               "weapon": weapons, "victim": victims, "target": targets}  # fmt: skip
    for e in g:
        bucket = by_kind.get(e.kind)
        if bucket is not None and (bucket is not places or e.ref.startswith("c:")):
            bucket.append(e)
    country = demonyms[0].ref if demonyms else (places[0].ref[2:] if places else None)
    sponsor = next((d.attr("sponsor") for d in descs if d.attr("sponsor")), None)
    if named:
        a = named[-1]
        # a placeholder ("Iran-backed militias") is a description, however it was matched
        real = not a.ref.startswith("unidentified_") and a.ref != "civilians"
        role = "weapon" if weapons else "victim" if a.ref == "civilians" else "actor"
        if targets and targets[-1].start > a.start:
            role = "owner"  # "a Kataib Hezbollah weapons depot": whose site was hit
        if _CONTROLLED.match(text[end - base : end - base + 12]):
            role = "owner"  # "Houthi-controlled areas of Yemen": whose ground it is
        elif _AFFILIATED.match(text[end - base : end - base + 30]):
            # "the al Qaeda-linked Group for ...": the name says whose ally, not who; "the al
            # Qaeda-linked group claimed ...": a group of that network, the one the report told of
            after = [d for d in descs if d.start > a.end and not d.attr("modifier")]
            if after:
                return ActorPhrase(
                    start, end, surface, None, "actor", after[-1], sponsor, country, affiliate_of=a.ref
                )
            return None
        return ActorPhrase(start, end, surface, a.ref, role, named=real)
    state_desc = [d for d in descs if d.attr("state")]
    if places and state_desc and not weapons:
        # "Mali's armed forces", "the army of Sudan": the state force of the country named
        c = lex.countries.get(places[0].ref[2:])
        if c is not None and c.state_force in lex.actors:
            return ActorPhrase(start, end, surface, c.state_force, "actor", country=c.code, named=True)
    if places and len(g) == 1:
        c = lex.countries.get(places[0].ref[2:])
        if c is None or c.state_force not in lex.actors:
            return None
        if _POSSESSIVE.match(text[end - base : end - base + 3]):
            return ActorPhrase(start, end, surface, c.state_force, "possessor", country=c.code, named=True)
        accused = _ACCUSED.search(text[max(0, start - base - 24) : start - base])
        if accused or (
            _SUBJECT_AFTER.match(text[end - base : end - base + 40])
            and not _LOCATIVE.search(text[max(0, start - base - 24) : start - base])
        ):
            # "Russia fired 122 missiles", "Ukraine had launched drones": a state as the one acting
            return ActorPhrase(start, end, surface, c.state_force, "actor", country=c.code, named=True)
        return None
    if demonyms:
        c = lex.countries.get(demonyms[0].ref)
        force = c.state_force if c and c.state_force in lex.actors else None
        if weapons and force:
            return ActorPhrase(start, end, surface, force, "weapon", country=country)
        if state_desc and force:
            return ActorPhrase(start, end, surface, force, "actor", country=country, named=True)
        if victims and not _told_by(text, start - base, end - base):
            return ActorPhrase(start, end, surface, "civilians", "victim", country=country)
        if descs:
            return ActorPhrase(start, end, surface, None, "actor", descs[-1], sponsor, country)
        if force and (targets or _base_follows(text, end - base, lex)):
            # "American bases", "American positions": the side whose places were hit
            return ActorPhrase(start, end, surface, force, "owner", country=country)
        return None
    if victims and _told_by(text, start - base, end - base):
        return None  # "according to residents", "residents said": who told of it, not who was hit
    if victims and not descs:
        return ActorPhrase(start, end, surface, victims[-1].attr("actor"), "victim")
    if targets and not descs:
        if targets[-1].attr("state"):
            # "an army post", "a police station": the state's, resolved like "the army"
            return ActorPhrase(start, end, surface, None, "target", targets[-1])
        return ActorPhrase(start, end, surface, targets[-1].attr("actor"), "target")
    if descs and not state_desc:
        if all(d.attr("modifier") for d in descs):
            return None  # "Iran-backed" alone, with no noun after it
        role = "owner" if targets and targets[-1].start > descs[-1].start else "actor"  # "militia positions"
        return ActorPhrase(start, end, surface, None, role, descs[-1], sponsor, country)
    if state_desc and not weapons and _ITS_BEFORE.search(text[max(0, start - base - 12) : start - base]):
        # "CENTCOM said its forces had destroyed ...": the speaker's, whoever that is (see
        # extract._roles); the phrase names no side of its own
        return ActorPhrase(start, end, surface, None, "actor")
    if state_desc and (weapons or _ARMY.match(surface)):
        # "Army warplanes struck ...", "the army said ...": the forces of the country told of;
        # "near the army's headquarters": whose site was hit
        role = (
            "weapon"
            if weapons
            else "owner"
            if targets and targets[-1].start > state_desc[-1].start
            else "actor"
        )
        return ActorPhrase(start, end, surface, None, role, state_desc[-1])
    return None


def _told_by(text: str, start: int, end: int) -> bool:
    """Whether the people at ``text[start:end]`` tell of what happened ("according to residents",
    "witnesses said") rather than suffer it."""
    return bool(
        _SOURCE_BEFORE.search(text[max(0, start - 30) : start]) or _SAYS_AFTER.match(text[end : end + 40])
    )


def _base_follows(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a base word follows: "American bases", "a U.S. military base"."""
    return bool(re.match(r"\s+(?:military\s+|occupation\s+|air\s+)?(?:base|bases|airbase|garrison|outpost)\b",
                         text[pos : pos + 40], re.IGNORECASE))  # fmt: skip


def _demonym_before_event(
    d: Entity, text: str, base: int, lex: Lexicon, trigger_starts: set[int], end: int | None = None
) -> ActorPhrase | None:
    """ "U.S. strikes", "Russian missile attacks", "Israeli airstrikes": the state whose act it was;
    ``end``: where the demonyms end, for a pair ("American-British raids")."""
    end = d.end if end is None else end
    gap = text[end - base : end - base + 3]
    starts = {end + k for k in range(len(gap) - len(gap.lstrip()) + 1)}
    if not starts & trigger_starts:
        return None
    c = lex.countries.get(d.ref)
    if c is None or c.state_force not in lex.actors:
        return None
    return ActorPhrase(d.start, d.end, d.text, c.state_force, "actor", country=c.code, named=True)


def owner_after(phrase: ActorPhrase, others: list[ActorPhrase], text: str, base: int) -> ActorPhrase | None:
    """ "facilities used by Kataib Hezbollah": the named owner of a target phrase (or a state's
    forces or its enemy described: "an ammunition depot of the occupiers")."""
    for o in others:
        described = o.description is not None and bool(
            o.description.attr("hostile") or o.description.attr("state")
        )
        if o.start >= phrase.end and (o.named or described):
            gap = text[phrase.end - base : o.start - base]
            if _OWNER_GAP.match(gap):
                return o
            return None
    return None


_COMPOUND_AFTER = rx.compile(r"-[a-z]")


class Salience:
    """The named sides a report has mentioned so far, to resolve descriptions against."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.counts: Counter[str] = Counter()
        self.first: dict[str, int] = {}
        self.enemies = lex.enemy_sides()
        # The country whose ministry, army or general staff is speaking ("Ministry of Defence of the
        # Russian Federation"): its "units" and "our forces" are its army, and "the enemy" its enemy.
        self.speaker: str | None = None

    def add(self, phrase: ActorPhrase) -> None:
        if phrase.named and phrase.actor and phrase.role in ("actor", "weapon", "owner"):
            self.count(phrase.actor)

    def count(self, actor_id: str) -> None:
        self.counts[actor_id] += 1
        self.first.setdefault(actor_id, len(self.first))

    def _affiliate(self, network: str, country_hint: str | None) -> str | None:
        """The group of ``network`` the report has named most, else the network's group in the
        country the report is about."""
        members = [a for a in self.lex.actors.values() if a.umbrella == network]
        told = [a for a in members if a.id in self.counts]
        if told:
            return max(told, key=lambda a: (self.counts[a.id], -self.first[a.id])).id
        country = self.lex.countries.get(country_hint or "")
        local = [a for a in members if country is not None and a.country == country.name]
        return local[0].id if len(local) == 1 else None

    def resolve(
        self, phrase: ActorPhrase, country_hint: str | None = None, nearby: Sequence[str] = ()
    ) -> str | None:
        """The actor id a phrase stands for, or None where it names nothing. ``nearby``: the sides
        named earlier in the same sentence, the nearest of which a description of its kind refers
        to ("The United States blamed Kataib Hezbollah ... struck five of the group's depots")."""
        if phrase.actor:
            return phrase.actor
        desc = phrase.description
        if desc is None:
            return None
        if phrase.sponsor:
            return phrase.sponsor  # the unidentified group of that sponsor: see the module docstring
        if phrase.affiliate_of:
            return self._affiliate(phrase.affiliate_of, phrase.country or country_hint)
        kinds = set(desc.attr("kinds") or ())
        country = self.lex.countries.get(phrase.country or country_hint or "")
        if self.speaker and not phrase.country and (desc.attr("hostile") or desc.attr("state")):
            country = self.lex.countries.get(self.speaker) or country
        if desc.attr("hostile"):
            # "the occupiers" in a Ukrainian governor's post: the side Ukraine calls its enemy
            return self.enemies.get(country.name) if country is not None else None
        if desc.attr("state"):
            force = country.state_force if country else None
            return force if force in self.lex.actors else None
        for actor_id in reversed(nearby):
            if self._fits(actor_id, kinds, country):
                return actor_id
        best: tuple[int, int, str] | None = None
        home_force = country.state_force if country is not None else None
        for actor_id, n in self.counts.items():
            if not self._fits(actor_id, kinds, country):
                continue
            if home_force and home_force in self.lex.actors[actor_id].sponsors:
                continue  # ("the attackers" in Burkina Faso are not the army's own VDP auxiliaries)
            key = (n, -self.first[actor_id], actor_id)
            if best is None or key > best:
                best = key
        if best is not None:
            return best[2]
        return desc.attr("fallback")

    def _fits(self, actor_id: str, kinds: set[str], country: Country | None) -> bool:
        """Whether a description of these kinds, in a report about ``country``, may stand for the actor."""
        a = self.lex.actors.get(actor_id)
        if a is None or a.kind not in kinds:
            return False
        # (not a group of another country: "the attackers" in Niger; actors.yaml active_in)
        return country is None or not a.country or a.country == country.name or country.name in a.active_in
