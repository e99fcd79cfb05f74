"""ACLED event type and sub-event type from event words, weapons and who was hit.

The order of evidence follows the coding rules: a word that fixes the kind of
event ("ambushed", "massacre", "abducted") decides; then the weapon ("drones"
make an Air/drone strike, "rockets" and "indirect fire" a Shelling/artillery/
missile attack); an interception with nothing else hit is Disrupted weapons
use; an attack on civilians without a remote weapon is Violence against
civilians; a strike by state forces with no weapon named is an air strike; any
other attack is an armed clash.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.lexicon import Lexicon
from sitroom.model import SUB_EVENT_TYPES, Entity

REMOTE = frozenset(
    {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb",
     "Grenade", "Chemical weapon"}
)  # fmt: skip
# Weapons that fly and can be downed.
AERIAL = frozenset({"drone", "missile", "ballistic missile", "cruise missile", "anti-ship missile", "rocket"})
# Sub-event types a weapon's name implies when the weapon entry does not say.
_WEAPON_SUB = {
    "drone": "Air/drone strike",
    "aircraft": "Air/drone strike",
    "helicopter": "Air/drone strike",
    "rocket": "Shelling/artillery/missile attack",
    "mortar": "Shelling/artillery/missile attack",
    "artillery": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "ballistic missile": "Shelling/artillery/missile attack",
    "cruise missile": "Shelling/artillery/missile attack",
    "anti-ship missile": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "chemical weapon": "Chemical weapon",
    "small arms": "Armed clash",
}


@dataclass(frozen=True, slots=True)
class Typing:
    event_type: str
    sub_event_type: str
    weak: bool  # decided by default rather than by a word that says so
    harm: bool


def weapon_names(weapons: list[Entity], triggers: list[Entity], lex: Lexicon) -> list[str]:
    names: list[str] = []
    for w in weapons:
        entry = lex.weapons.get(w.ref)
        if entry is not None:
            names.extend(entry.names)
    for t in triggers:
        if t.attr("weapon"):
            names.append(t.attr("weapon"))
    out = [n for n in dict.fromkeys(names) if n != "air defence"]
    return out


def weapon_sub(weapons: list[Entity], lex: Lexicon) -> str | None:
    """The sub-event type of the first weapon that decides one; aircraft before any other ("cruise
    missiles were used alongside fighter jets": an air strike with missiles among its weapons)."""
    for w in weapons:
        entry = lex.weapons.get(w.ref)
        if entry is not None and entry.name in ("aircraft", "helicopter"):
            return entry.sub_event_type or _WEAPON_SUB.get(entry.name)
    for w in weapons:
        entry = lex.weapons.get(w.ref)
        if entry is None:
            continue
        sub = entry.sub_event_type or _WEAPON_SUB.get(entry.name)
        if sub:
            return sub
    return None


def classify(
    triggers: list[Entity],
    weapons: list[Entity],
    lex: Lexicon,
    against_civilians: bool,
    state_actor: bool,
    hurt: bool = False,
) -> Typing:
    """The type of the event the ``triggers`` of one sentence tell of; ``hurt``: someone was
    killed or injured, which rules out an interception with no other harm."""
    families = [t.attr("family") for t in triggers]
    names = {lex.weapons[w.ref].name for w in weapons if w.ref in lex.weapons}  # the weapons' own names
    if "repel" in families:
        # an attack beaten back: stopped in flight where only aerial weapons are named, else a fight
        aerial = bool(weapons) and names <= AERIAL
        families = [("intercept" if aerial else "clash") if f == "repel" else f for f in families]
    if any(f in ("attack", "strike", "clash") for f in families):
        # "launched an attack", "fired on and stormed the post": a bare verb of firing gives way to
        # the word that says what was done (weapons, where named, still decide below)
        families = [f for t, f in zip(triggers, families, strict=True) if f != "shelling" or t.attr("sub")]
    harm = any(t.attr("harm") for t in triggers) or any(
        f in ("attack", "strike", "shelling", "clash", "explosion", "massacre", "kill") for f in families
    )
    # "The strikes hit the research centre and set fire to nearby woodland": a fire the attack
    # started, not a riot
    # (not "protesters stormed and set fire to the embassy": a riot)
    arson_of_attack = "riot" in families and any(f in ("strike", "shelling", "explosion") for f in families)
    # "the assault had been repelled, and that one soldier and seven attackers had been killed and
    # eight assailants arrested": the fight and what came of it, not an arrest of its own
    # (but "a raid ... capturing an ISIS cell leader" is the arrest)
    arrest_in_fight = "arrest" in families and "clash" in families  # (a repel is a clash by now)
    fixed = [
        t.attr("sub") for t in triggers if t.attr("sub") and t.attr("family") not in ("intercept", "seizure")
        and not (arson_of_attack and t.attr("family") == "riot")
        and not (arrest_in_fight and t.attr("family") == "arrest")
    ]  # fmt: skip
    wsub = weapon_sub(weapons, lex)
    if wsub == "Remote explosive/landmine/IED" and "small arms" in names and "attack" in families:
        wsub = "Armed clash"  # "attacked the camp with two car bombs and small arms": an assault
    if (
        wsub == "Air/drone strike"
        and any(t.text.lower() in ("raid", "raided") for t in triggers)
        and names == {"helicopter"}
    ):
        wsub = "Armed clash"  # "a helicopter raid that killed a senior ISIS official": troops on the ground
    # "shot down two missiles fired toward it": the firing is what was intercepted, not a hit
    if "intercept" in families and not any(t.attr("harm") for t in triggers) and not hurt:
        if all(f in ("intercept", "destroy", "shelling", "attack") for f in families):
            return Typing("Strategic developments", "Disrupted weapons use", False, False)
    if set(families) == {"destroy"} and not any(t.attr("harm") for t in triggers) and not hurt:
        # (the air defences that did it are no weapon that was downed)
        downed = names - {"air defence"}
        if downed and downed <= AERIAL:
            # "air defences destroyed two drones": downed in flight, nothing else hit
            return Typing("Strategic developments", "Disrupted weapons use", False, False)
        if downed and state_actor:
            # "U.S. forces destroyed four cruise missiles and seven drone boats being prepared to
            # launch": weapons on the ground struck, by air
            return Typing("Explosions/Remote violence", "Air/drone strike", False, True)
    if "territory" in families and all(SUB_EVENT_TYPES[s] == "Battles" for s in fixed):
        # "after four days of fighting ... the RSF entered the city": the capture is the event
        if state_actor:
            return Typing("Battles", "Government regains territory", False, harm)
        return Typing("Battles", "Non-state actor overtakes territory", False, harm)
    if fixed:
        sub = fixed[0]
        if sub == "Abduction/forced disappearance" and "kill" in families and hurt:
            sub = "Attack"  # "was abducted and killed": a killing, the abduction its first act
        if sub == "Attack" and not against_civilians and wsub in REMOTE:
            sub = wsub  # "massacred" of fighters by drones is a drone strike
        return Typing(SUB_EVENT_TYPES[sub], sub, False, harm)
    if wsub:
        if wsub == "Armed clash" and against_civilians:
            return Typing("Violence against civilians", "Attack", False, harm)
        return Typing(SUB_EVENT_TYPES[wsub], wsub, False, harm)
    if "explosion" in families:
        return Typing("Explosions/Remote violence", "Remote explosive/landmine/IED", True, harm)
    if (
        "shelling" in families
        and against_civilians
        and not weapons
        and not any(t.attr("sub") for t in triggers if t.attr("family") == "shelling")
    ):
        # "fighters fired on civilians fleeing the town": shot at, not shelled
        return Typing("Violence against civilians", "Attack", True, harm)
    if "shelling" in families:
        return Typing("Explosions/Remote violence", "Shelling/artillery/missile attack", True, harm)
    if state_actor and "strike" in families:
        # "U.S. strikes ... killed 16 people, among them civilians": a state's strike is an air
        # strike whoever it killed (ACLED flags the civilians; it does not retype the event)
        return Typing("Explosions/Remote violence", "Air/drone strike", True, harm)
    if against_civilians and any(f in ("attack", "kill", "massacre", "strike") for f in families):
        return Typing("Violence against civilians", "Attack", True, harm)
    if "seizure" in families:
        if against_civilians:  # a ship and its crew, hostages: not a shipment of weapons
            return Typing("Violence against civilians", "Abduction/forced disappearance", False, harm)
        return Typing("Strategic developments", "Disrupted weapons use", False, False)
    if "territory" in families:
        if state_actor:
            return Typing("Battles", "Government regains territory", False, harm)
        return Typing("Battles", "Non-state actor overtakes territory", False, harm)
    if state_actor and any(f in ("strike", "destroy") for f in families):
        return Typing("Explosions/Remote violence", "Air/drone strike", True, harm)
    return Typing("Battles", "Armed clash", True, harm)
