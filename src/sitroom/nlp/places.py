"""Where an event happened: choosing among the places a sentence names, and resolving them.

A sentence names places in several roles: where the event was ("at Tower 22"),
near where ("northeast of Erbil", geo_precision 2), where the weapon came from
("launched from Yemen into the Red Sea": Yemen is the origin), what contains
it ("Al-Tanf and Al-Shaddadi bases in Syria"), or what describes a side ("a
group operating in Iraq and Syria"). The event takes the most specific place
outside those roles; coordinated places ("Kyiv, Dnipro and Pokrovsk") give one
event each. A name that fits several gazetteer entries is settled by the
countries the report talks about, then by population.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom import model
from sitroom.geo import distance_km
from sitroom.lexicon import INSTALLATIONS, WATER, Lexicon, Place
from sitroom.model import Entity
from sitroom.nlp import rx
from sitroom.nlp.clauses import Scope
from sitroom.nlp.recognise import fold_for_match

_COORD_GAP = rx.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)"
    r"(?:(?:in|at|near|around|outside)\s+)?"  # "near Sanaa and in Saada governorate"
    r"(?:the\s+|both\s+)?(?:(?:cities|towns|port|city|town|village|bay)\s+of\s+)?$",  # ("and in the port of Latakia")
    re.IGNORECASE,
)
# "Wadi al-Shay", "Deir ez-Zor": a name that goes on past the word matched
_NAME_GOES_ON = rx.compile(r"[ -](?:al|el|ad|as|ar|an|ash|ez|es)-[A-Z]")
# "Niono and Molodo": two names joined by a plain "and"
_AND_GAP = rx.compile(r"^\s*,?\s*(?:and|or)\s+(?:(?:in|at|near|around|outside)\s+)?$")
# "a training facility near Al-Bukamal and a safehouse near Mayadin": two items, each with its own words
_PAIR_GAP = rx.compile(
    r"^\s*,?\s*and\s+(?:a|an|the)\s+(?:[\w-]+\s+){1,3}?(?:near|in|at|outside)\s+(?:the\s+)?$", re.IGNORECASE
)
# A list item's own words between two places: ", the airport in the port city of", " province and positions in".
_LIST_GAP = rx.compile(r"^(?=[^.;:]*(?:,|\band\b))[^.;:]{1,60}$")
_DIVISION_AFTER = rx.compile(
    r"^\s+(?:region|oblast|province|governorate|state|prefecture|countryside)\b"
    r"(?!\s+(?:capital|governor|administration))",
    re.IGNORECASE,
)
_DIVISIONS = r"(oblasts|provinces|governorates|regions|states)\b"  # the plural words of first-level divisions
_LISTED_DIVISIONS = rx.compile(
    r"^(?:,\s*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)*,?\s+and\s+(?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s+"
    rf"{_DIVISIONS}|^\s+{_DIVISIONS}"
)
_DIVISIONS_AFTER = rx.compile(rf"^\s+{_DIVISIONS}", re.IGNORECASE)
# The ends of a stretch of places ("towns from X to Y", "regions between X and Y")
_SPAN_OF_PLACES = rx.compile(
    r"\b(?:cities|towns|villages|regions|areas|provinces|oblasts|communities|places|settlements)\s+"
    r"(?:from|between)\s+(?:(?:[\w'\u2019-]+\s+){1,6}?(?:to|and)\s+)?$",
    re.IGNORECASE,
)
# "on the route between Gao and Mopti", "the road from Gao to Mopti": the far end of a route
_ROUTE_END = rx.compile(
    r"\b(?:roads?|routes?|highways?|axis|corridor|stretch|track)\s+(?:linking\s+|connecting\s+)?"
    r"(?:from|between)\s+(?:[\w'\u2019-]+\s+){1,4}?(?:to|and)\s+$",
    re.IGNORECASE,
)
_OFF = rx.compile(
    r"\b(?:off|off\s+the\s+coast\s+of|(?:north|south|east|west|northwest|northeast|southwest|southeast)\s+of)"
    r"\s+(?:the\s+)?(?:\w+\s+)?(?:port\s+(?:city\s+)?of\s+)?$",
    re.IGNORECASE,
)
_IN_DIVISION_GAP = rx.compile(
    r"^\s*,?\s*in\s+(?:the\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+|"
    r"central\s+)?$",
    re.IGNORECASE,
)
# between "north of" and the town: "northeast of Erbil", "north of the capital Sanaa"
_NEAR_GAP = rx.compile(r"^\s*(?:the\s+)?(?:(?:capital|city|town|village|port)\s+(?:of\s+)?)?$", re.IGNORECASE)
# the word before a person's name ("President Volodymyr Zelenskiy", "Gen. Pat Ryder")
_TITLES = frozenset({"President", "Minister", "Secretary", "General", "Gen.", "Governor", "Mayor", "Colonel",
                     "Col.", "Commander", "Sheikh", "Mr.", "Mrs.", "Ms.", "Dr.", "spokesman", "spokeswoman",
                     "governor", "mayor", "commander", "leader"})  # fmt: skip
_MOVED = rx.compile(
    r"withdr|retreat|fle[de]|pulled|headed|moved", re.IGNORECASE
)  # a cheap test before _TOWARDS
_FROM_OVER = rx.compile(r"\bfrom\s+over\s+(?:the\s+)?(?:occupied\s+)?$", re.IGNORECASE)
_TOWARDS = rx.compile(
    r"\b(?:withdrew|withdrawn|withdrawing|retreated|retreating|fled|fleeing|pulled\s+back|headed|moved)\s+"
    r"(?:\w+\s+){0,3}?(?:towards?|to|into)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",  # ("fleeing the town towards Chad")
    re.IGNORECASE,
)
# (goods carried to a town are its supplies; a convoy "heading to Tinzaouaten" may be hit near it)
_GOODS_WORDS = (
    "carrying",
    "bringing",
    "delivering",
    "transporting",
    "supplying",
)  # (also a cheap test first)
_DESTINATION = rx.compile(
    rf"\b(?:{'|'.join(_GOODS_WORDS)})\b[^.;]{{0,40}}?\b(?:to|for)\s+(?:the\s+)?"
    r"(?:besieged\s+|blockaded\s+|encircled\s+)?(?:(?:town|city|village|port|base)\s+of\s+)?$",
    re.IGNORECASE,
)
# "near the border with Mali", "on Iraq's border with Syria": the neighbour, not where it was
_BORDER_WITH = rx.compile(
    r"\bborders?\s+with\s+(?:the\s+)?(?:[\w-]+\s+(?:and|or)\s+(?:the\s+)?)?$", re.IGNORECASE
)
# "fired from X" (not "from X into Y"); "fired six missiles from over the Golan Heights"
_ORIGIN = rx.compile(
    r"\bfrom\b(?!.*\b(?:into|to|at|on|in|toward|towards|against|over)\b)|\bfrom\s+over\b"
    r"|\bfrom\s+the\s+direction\s+of\b",  # "launched from the direction of Athriya in south-eastern Hama"
    re.IGNORECASE,
)
_WITHIN = rx.compile(r"\b(?:in|inside|at|on|over|into|near|outside|of)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
NEAR_TOWN_KM = 25.0
BASE_IN_TOWN_KM = 6.0
_NOT_WHERE_AFTER = rx.compile(r"^(?:\s*(?:time|standard time)\b"
                              # "Russia's attack", but not "Kyiv's Dniprovskyi district": a part of the city
                              r"|(?:'s|\u2019s)(?!\s+(?:[A-Z][\w'-]*\s+)?(?:district|neighbou?rhood|suburbs?|outskirts|centre|center|"
                              r"port|airport|old\s+city))\b|[\s-]*flagged\b|-based\b|-owned\b"
                              # "the Wad Madani Resistance Committee said": a body named after a town
                              # ("the head of the Deir ez-Zor Military Council": a body, not a place)
                              r"|\s+(?:(?:Military|Local|Provincial|Revolutionary|Civil)\s+)?(?:Resistance\s+Committees?|Committee|"
                              r"Council|Observatory|Media\s+Office)\b"
                              # "Leningrad regional governor Alexander Drozdenko said": an office, not where
                              r"|\s+(?:regional\s+|region(?:al)?\s+|oblast\s+|provincial\s+|province\s+|city\s+)?"
                              r"(?:governor|mayor|police\s+chief)\b"
                              # "the Red Sea port of Hodeidah": the sea names the port's coast
                              r"|\s+(?:port|coastal\s+city|port\s+city)\s+of\b"
                              # "the White Nile bridge": a bridge's name, not the state
                              r"|\s+(?-i:[A-Z][\w-]*\s+)?bridge\b"
                              # "in the Kupiansk direction": a sector of the front named after the town
                              r"|\s+(?:direction|axis)\b)",
                              re.IGNORECASE)  # fmt: skip
_AIMED = rx.compile(
    r"\b(?:aimed|prepared to|preparing to|ready to|poised to|was going to|were going to|intended)\b", re.I
)
_NOT_WHERE_BEFORE = rx.compile(r"(?:\b(?:flagged|registered|headquartered|based|born|made|built|backed|supported|"
                               r"sponsored|armed|aligned|allied|funded|trained)\s+(?:in|by|with|to)\s+(?:the\s+)?"
                               r"|\b(?:USS|HMS|INS|USNS|HNLMS|FS|M/V|MV|M/T|MT|RFS)\s+"
                               # "pressure on Moscow", "sanctions against Tehran": the state, not a place
                               r"|\b(?:pressure|sanctions|demands?|influence|leverage)\s+(?:on|against|over)\s+"
                               # "JNIM, al Qaeda's branch in the Sahel": what the group is, not where
                               r"|\b(?:branch|affiliate|wing|franchise|offshoot|chapter|arm)\s+in\s+(?:the\s+)?"
                               # "a new drone called \"Jaffa\"": a name given to a thing
                               r"|\b(?:called|named|dubbed|codenamed|code-named)\s+[\"\u201c'\u2018]?"
                               # "three wounded men were taken to a clinic in Gao": where they were treated
                               r"|\b(?:taken|rushed|evacuated|transferred|flown|brought|admitted|treated)\s+(?:to|at|in)\s+"
                               r"(?:a\s+|the\s+)?(?:hospitals?|clinics?|medical\s+cent(?:re|er)s?)\s+in\s+(?:the\s+)?"
                               # "the boat, the Tombouctou, ...": a vessel's name
                               # ("targeted the ship Bentley I": named right after the word)
                               # ("the aircraft carrier Harry Truman": a first name before it)
                               r"|\b(?:[Bb]oat|[Ss]hip|[Vv]essel|[Ff]erry|[Tt]anker|[Ff]reighter|[Cc]arrier|[Dd]estroyer|"
                               r"[Ff]rigate|[Ww]arship)(?:,\s+(?:the\s+)?|\s+)(?:[A-Z][\w.'-]*\s+){0,2})$")  # fmt: skip
_COMPASS = frozenset(
    {
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "north",
        "south",
        "east",
        "west",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "upper",
        "lower",
    }
)
# a capitalised name after the word, not the word a division's own name goes on with
_NAME_AFTER = rx.compile(r"^\s+(?!(?:State|Province|Region|Division|Governorate|Oblast|District)\b)[A-Z]")
_PART_OF = r"(?:(?:central|northern|southern|eastern|western|north-eastern|north-western|south-eastern|south-western|downtown)\s+)?"
_LOCATIVE_BEFORE = rx.compile(r"\b(?:in|at|near|outside|into|from|to|on|of|over|across|around|toward|towards|between)\s+"
                              rf"(?:the\s+)?{_PART_OF}$", re.IGNORECASE)  # fmt: skip
# "shelled Nikopol", "captured Bakhmut": the object of a verb of attack is a place as surely as "in X"
_STRUCK_BEFORE = rx.compile(r"\b(?:shelled|shell|struck|strike|hit|attacked|attack|bombed|bombarded|pounded|"
                            rf"targeted|raided|stormed|captured|seized|recaptured|retook)\s+(?:the\s+)?{_PART_OF}$", re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place name in a sentence with the entries it may stand for and its role."""

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    near: bool = False
    origin: bool = False
    relative: bool = False
    hypothetical: bool = False  # in a relative clause that says what was planned or aimed
    background: bool = False
    near_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """The place of one event, with the words that say so."""

    place: Place
    start: int
    end: int
    text: str
    near: bool = False
    precision: int | None = None  # set where the coordinates are another place's (see unlisted_place)


class Gazetteer:
    """Place look-ups the extractor needs beyond the lexicon: containment, installations near a
    town, the nearest division of a country. Built once per extractor."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.installations_by_town: dict[str, list[Place]] = defaultdict(list)
        self.admin1_by_country: dict[str, list[Place]] = defaultdict(list)
        self.towns_by_country: dict[str, list[Place]] = defaultdict(list)
        self._capitals: dict[str, bool] = {}
        self.sea_by_shore: dict[tuple[str, str], Place] = {}
        for p in lex.places.values():
            for shore in p.shores:
                country, _, admin1 = shore.partition("/")
                self.sea_by_shore.setdefault((country, admin1), p)
        for p in lex.places.values():
            if p.kind in INSTALLATIONS:
                for name in filter(None, (p.near_town, *_base_stems(p))):
                    self.installations_by_town[_key(name)].append(p)
            elif p.kind == "admin1" and p.country:
                self.admin1_by_country[p.country].append(p)
            elif p.kind == "town" and p.country and p.population >= 200_000:
                self.towns_by_country[p.country].append(p)

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether ``inner`` lies within ``outer`` (or is it)."""
        if outer.id == inner.id:
            return True
        if outer.kind == "country":
            return inner.country == outer.country and inner.kind != "country"
        if outer.kind == "admin1":
            return inner.country == outer.country and inner.admin1 == outer.name and inner.kind != "admin1"
        if outer.kind == "region":
            return inner.country == outer.country and (
                inner.admin1 in outer.within or inner.name in outer.within
            )
        if outer.kind in ("town", "district") and inner.kind in INSTALLATIONS:
            if inner.near_town and _key(inner.near_town) in {_key(n) for n in (outer.name, *outer.aliases)}:
                return True
            return distance_km(outer, inner) <= BASE_IN_TOWN_KM
        if outer.kind == "town" and inner.kind in ("town", "district") and inner.country == outer.country:
            # a district of a city ("the Holosiivskyi District" of Kyiv)
            return (
                outer.population >= 5 * max(inner.population, 1) and distance_km(outer, inner) <= NEAR_TOWN_KM
            )
        return False

    def nested(self, a: Place, b: Place) -> bool:
        """Whether one of the two places lies within the other (or they are one)."""
        return self.contains(a, b) or self.contains(b, a)

    def is_capital(self, p: Place) -> bool:
        """A country's capital (where its capital point lies), which reports use for its government."""
        if p.kind not in ("town", "admin1") or (p.kind == "town" and p.population < 200_000):
            return False
        known = self._capitals.get(p.id)
        if known is None:
            c = self.lex.country(p.country)
            known = c is not None and c.latitude is not None and distance_km(p, c) <= 15  # type: ignore[arg-type]
            self._capitals[p.id] = known
        return known

    def capital_of(self, country_code: str | None) -> Place | None:
        c = self.lex.countries.get(country_code or "")
        if c is None:
            return None
        towns = [p for p in self.towns_by_country.get(c.name, ()) if self.is_capital(p)]
        return max(towns, key=lambda p: p.population) if towns else None

    def installation_near(self, town: Place) -> Place | None:
        for name in (town.name, *town.aliases[:10]):
            for inst in self.installations_by_town.get(_key(name), ()):
                if inst.country == town.country:
                    return inst
        return None

    def nearest_admin1(self, country: str, point: Place) -> Place | None:
        best: tuple[float, Place] | None = None
        for a in self.admin1_by_country.get(country, ()):
            d = distance_km(a, point)
            if best is None or d < best[0]:
                best = (d, a)
        return best[1] if best else None


def _base_stems(p: Place) -> list[str]:
    """ "Harir Air Base" -> "Harir": the name a report may give with a base word around it."""
    out = []
    for name in (p.name, *p.aliases):
        stem = re.sub(
            r"(?i)\b(?:air\s*base|airbase|base|garrison|airport|international airport|airfield|"
            r"camp|patrol base|landing zone|mission support site)\b",
            " ",
            name,
        )
        stem = " ".join(stem.split())
        if stem and stem.casefold() != name.casefold():
            out.append(stem)
    return out


def _key(name: str) -> str:
    k = " ".join(fold_for_match(name).split())
    return k[3:] if k.startswith(("al ", "as ", "ad ", "an ", "ar ", "at ", "ash ", "el ")) else k


class GeoContext:
    """The countries a report talks about, to settle ambiguous names ("Pokrovsk" in Ukraine)."""

    def __init__(self, lex: Lexicon, ents: list[Entity]) -> None:
        self.weights: Counter[str] = Counter()
        self._scores: dict[str, float] = {}  # place id -> score; the weights are fixed per report
        # The country the report is most about ("the army" is its army) also counts the places named
        # in it whose every reading lies in it: "... near Bankilare in the Tillaberi region" is about
        # Niger however often a neighbour is named ("the border with Burkina Faso").
        self.home_weights: Counter[str] = Counter()
        lands: dict[tuple[int, int], set[str]] = defaultdict(set)  # the countries of a name's readings
        names: dict[tuple[int, int], str] = {}
        for e in ents:
            if e.kind == "place" and e.ref.startswith("c:"):
                self.weights[lex.places[e.ref].country or ""] += 2
                names[(e.start, e.end)] = ""  # a country's name ("Niger", also a state of Nigeria)
            elif e.kind == "place":
                lands[(e.start, e.end)].add(lex.places[e.ref].country or "")
                names.setdefault((e.start, e.end), e.text.casefold())
            elif e.kind == "actor":
                a = lex.actors.get(e.ref)
                if a and a.country:
                    self.weights[a.country] += 1
        # the divisions of the names whose every reading lies in one division ("Chernihiv", "Snovsk"),
        # to choose among a name's readings in several ("Semenivka": four oblasts have one)
        spans: dict[tuple[int, int], set[tuple[str, str]]] = defaultdict(set)
        for e in ents:
            if e.kind == "place" and not e.ref.startswith("c:"):
                p = lex.places[e.ref]
                spans[(e.start, e.end)].add(
                    (p.country or "", p.name if p.kind == "admin1" else p.admin1 or "")
                )
        self.divisions: Counter[tuple[str, str]] = Counter(
            next(iter(d)) for d in spans.values() if len(d) == 1
        )
        # the names whose every reading lies in one country, by country
        self._lone: defaultdict[str, set[str]] = defaultdict(set)
        for span, countries in lands.items():
            # (a country's name is that country, already counted: "Niger's" adds nothing to Nigeria
            # for its Niger State)
            if len(countries) == 1 and names[span] != "":
                country = countries.pop()
                self.home_weights[country] += 2
                if names[span]:
                    self._lone[country].add(names[span])
        self.home_weights.update(self.weights)

    def corroborated(self, country: str, name: str) -> bool:
        """Whether the report names ``country``, or another place (not ``name``) that lies only in it."""
        if self.weights.get(country, 0) > 0:
            return True
        lone = self._lone.get(country, ())
        return len(lone) > 1 or (len(lone) == 1 and name.casefold() not in lone)

    def score(self, p: Place) -> float:
        s = self._scores.get(p.id)
        if s is None:
            s = _KIND_BONUS.get(p.kind, 0) + 3 * math.log1p(self.weights.get(p.country or "", 0))
            if p.id.startswith(("gn:", "a1:")):
                s += math.log10(max(p.population, 1)) / 2
            else:
                s += 3  # a place a theatre file names is one the analyst cares about
            self._scores[p.id] = s
        return s


_KIND_BONUS = {"base": 4, "airport": 3, "port": 2, "facility": 3, "sea": 3, "strait": 3, "region": 2}


def place_hits(
    ents: list[Entity],
    scope: Scope,
    lex: Lexicon,
    gaz: Gazetteer,
    geo: GeoContext,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[PlaceHit]:
    """The place names of one sentence, alternatives grouped by span and ranked by the context."""
    by_span: dict[tuple[int, int], list[Place]] = defaultdict(list)
    foreign: list[tuple[int, int]] = []  # names whose every reading lies in a country the report never names
    for e in ents:
        if e.kind != "place" or e.start < scope.dateline_end:
            continue  # "TAMPA, Fla. --" says where the report was written
        if _NAME_GOES_ON.match(scope.text, e.end - scope.start):
            continue  # "the Wadi al-Shay area": the head of a longer name, not the town of Wadi
        if _NOT_WHERE_AFTER.match(scope.between(e.end, e.end + 24)) or _NOT_WHERE_BEFORE.search(
            scope.between(max(scope.start, e.start - 30), e.start)
        ):
            continue  # "(Sanaa time)", "Russia's attack", "flagged in Singapore", "backed by Tehran"
        lead = scope.between(max(scope.start, e.start - 60), e.start)
        if ("from" in lead or "between" in lead) and (
            _SPAN_OF_PLACES.search(lead) or _ROUTE_END.search(lead)
        ):
            # "cities from Lviv in the west to Kharkiv in the east": how far it reached; "on the
            # road between Gao and Mopti": the route starts at the event, it is not a second one
            continue
        tail = lead[-40:]
        if tail.endswith(" ") and tail.rstrip().rpartition(" ")[2] in _TITLES:
            continue  # "President Volodymyr Zelenskiy": a person's name, not Volodymyr-Volynskyi
        if "over" in tail and _FROM_OVER.search(tail):
            continue  # "fired six missiles from over the Golan Heights": the launch, in the air
        if ("to" in tail or "into" in tail) and _MOVED.search(tail) and _TOWARDS.search(tail):
            continue  # "the army withdrew towards Sennar town": where it went, not where it happened
        if (
            (" to " in lead[-40:] or " for " in lead[-40:])
            and any(w in lead for w in _GOODS_WORDS)
            and _DESTINATION.search(lead)
        ):
            continue  # "trucks carrying food to the besieged town of Djibo": where it was going
        if e.ref.startswith("c:") and _BORDER_WITH.search(lead[-45:]):
            continue  # "near the border with Mali": the neighbour, not where it was
        if any(a <= e.start < b for a, b in exclude):
            continue  # the side that acted ("Russia fired ..."), not where
        place = lex.places[e.ref]
        if place.kind == "town" and lead.lower().endswith("greater ") and place.admin1:
            # "part of greater Khartoum": the city and the towns around it (Omdurman, Bahri), so
            # the division they lie in
            place = lex.admin1_place(place.country, place.admin1) or place
        if (
            place.kind == "admin1"
            and e.text.lower() in _COMPASS
            and _NAME_AFTER.match(scope.between(e.end, e.end + 24))
        ):
            continue  # "in Eastern Syria", "Northern Iraq": a part of a country, not Fiji's Eastern Division
        if (place.kind == "country" or gaz.is_capital(place)) and not _country_as_place(
            scope, e.start, e.end
        ):
            continue  # "Ukraine attributed the explosions ...", "Moscow denies ...": the state, not a place
        if place.id[:3] in ("gn:", "a1:") and not geo.corroborated(place.country or "", e.text):
            # A GeoNames name in a country the report never names, nor any other place only in it
            # ("Velyka Pysarivka", "Yunakivka" and "Khotin" in a Sumy post): only where the words
            # before it say it is a place ("in X", "near X"), not a surname or a common word.
            before = scope.between(max(scope.start, e.start - 20), e.start)
            if not (_LOCATIVE_BEFORE.search(before) or _STRUCK_BEFORE.search(before)):
                foreign.append((e.start, e.end))
                continue
        by_span[(e.start, e.end)].append(place)
    if not by_span:
        return []
    sentence_countries: dict[str | None, int] = {}  # spans whose every reading lies in one country
    for c in by_span.values():
        country = c[0].country
        if all(p.country == country for p in c):
            sentence_countries[country] = sentence_countries.get(country, 0) + 1
    # "In the Kharkiv region, ... the village of Zolochiv": not the Zolochiv of the Lviv region
    divisions = {span: (p.country, p.name) for span, c in by_span.items() for p in c if p.kind == "admin1"}
    near_ends = [(e.start, e.end) for e in ents if e.kind == "relation" and e.attr("type") == "near"]
    base_words = [(e.start, e.end) for e in ents if e.kind == "relation" and e.attr("type") == "base"]
    hits = []
    prev_end = scope.start
    for (a, b), cands in sorted(by_span.items()):
        own_countries = {p.country for p in cands}
        others = {
            c
            for c, n in sentence_countries.items()
            if n - (c in own_countries and len(own_countries) == 1) > 0
        }
        if (
            others
            and all(p.id.startswith("gn:") and p.country not in others for p in cands)
            and not any(geo.weights.get(p.country or "") for p in cands)
        ):
            # "the village of Welingara, near Niono in the Segou region": not the Gambian town of that
            # name, in a sentence whose other places lie in Mali
            continue
        cands.sort(key=lambda p: geo.score(p) + 3 * (sentence_countries.get(p.country, 0) > 0), reverse=True)
        named = {d for span, d in divisions.items() if span != (a, b)}
        if all(p.kind == "town" for p in cands) and len({p.admin1 for p in cands}) > 1:
            if named:
                cands.sort(key=lambda p: (p.country, p.admin1) not in named)
            elif len({p.country for p in cands}) == 1 and any(
                geo.divisions.get((p.country, p.admin1)) for p in cands
            ):
                # "In Semenivka, a drone hit a car", in a post from the Chernihiv region: the
                # Semenivka of the division the report names, not the Poltava one
                cands.sort(key=lambda p: -geo.divisions.get((p.country or "", p.admin1 or ""), 0))
        if len(cands) > 1 and (
            _DIVISION_AFTER.match(scope.between(b, b + 16))
            # "the countryside of Aleppo", "the Idlib countryside": the governorate around the city
            or scope.between(max(scope.start, a - 16), a).endswith("countryside of ")
            or _LISTED_DIVISIONS.match(scope.between(b, b + 70))
        ):
            # "the Zaporizhzhia region", "Kharkiv oblast", "the Bryansk, Kursk and Belgorod regions":
            # the division, not its capital
            cands.sort(key=lambda p: p.kind != "admin1")
        cands = _with_installation(cands, a, b, base_words, gaz)
        gap = scope.between(prev_end, a)
        near_span = next(
            (
                (s, t)
                for s, t in near_ends
                if 0 <= a - t <= 22 and s >= prev_end and _NEAR_GAP.match(scope.between(t, a))
            ),
            None,
        )
        hits.append(
            PlaceHit(
                a,
                b,
                scope.between(a, b),
                tuple(cands),
                near=near_span is not None,
                origin=bool(_ORIGIN.search(gap)),
                relative=scope.in_relative(a),
                hypothetical=scope.in_relative(a) and bool(_AIMED.search(scope.text)),
                background=scope.in_background(a),
                near_span=near_span,
            )
        )
        prev_end = b
    if foreign and hits:
        hits = _paired_namesakes(hits, foreign, scope, gaz)
    return _unlisted_items(hits, scope, ents, gaz) if len(hits) >= 2 else hits


# "in the bay of Minet el-Beida and in the port of Latakia": a name joined to a town by "and"
_PAIR_WORDS = r"(?:(?:in|at|near|on)\s+)?(?:the\s+(?:port|city|town|village|bay|base|area)\s+of\s+)?"
_NAME_LEAD = rx.compile(r"(?:[A-Z][\w'\u2019]+[ -](?:(?:el|al|ad|as|ar|an|ash)-)?)+$")
_PAIRED_AFTER = rx.compile(rf"^\s*,?\s*(?:and|or)\s+{_PAIR_WORDS}$", re.IGNORECASE)


def _paired_namesakes(
    hits: list[PlaceHit], foreign: list[tuple[int, int]], scope: Scope, gaz: Gazetteer
) -> list[PlaceHit]:
    """ "destroyed vessels in the bay of Minet el-Beida and in the port of Latakia": a name the
    gazetteer knows only abroad (a Libyan town, a Yemeni one), named with a town of the country
    the sentence is about, is a place of that town's division the gazetteer lacks."""
    out = list(hits)
    for a, b in dict.fromkeys(foreign):
        partner = next((h for h in hits if h.start >= b and h.candidates and h.candidates[0].rank == 1
                        and _PAIRED_AFTER.match(scope.between(b, h.start))), None)  # fmt: skip
        if partner is None:
            continue
        ref = _shared_division([partner], gaz)
        lead = _NAME_LEAD.search(scope.between(max(scope.start, a - 24), a))
        if lead is not None:
            a -= len(lead.group())  # "Minet el-Beida", where the gazetteer matched only "Beida"
        name = scope.between(a, b)
        out.append(PlaceHit(a, b, name, (_unlisted(name, ref),), near=True, background=partner.background,
                            relative=partner.relative))  # fmt: skip
    out.sort(key=lambda x: x.start)
    return out


# One name of a list of places: "Diboli", "Nioro du Sahel", "Wad Madani"
_ITEM = r"[A-Z][\w'\u2019-]+(?:\s(?:du|de|el|al|es)\s[A-Z][\w'\u2019-]+|\s[A-Z][\w'\u2019-]+)?"
_ITEMS_BETWEEN = rx.compile(rf"^,\s*((?:{_ITEM},\s*)*{_ITEM})(?:,\s*(?:and\s+)?|\s+and\s+)$")
_ITEMS_AFTER = rx.compile(
    rf"^((?:,\s*{_ITEM})*)(?:,\s*|\s+)and\s+({_ITEM})(?=\s+(?!said\b|says\b|told\b|added\b|warned\b)[a-z]|\s*[.;:,]|\s*$)"
)
_ITEM_SPLIT = rx.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")


def _unlisted_items(hits: list[PlaceHit], scope: Scope, ents: list[Entity], gaz: Gazetteer) -> list[PlaceHit]:
    """ "attacks on Kayes, Nioro du Sahel, Diboli, Sandare, Gogui, Niono and Molodo": names listed
    among towns of one country are towns too, where the gazetteer lacks them. Each is placed in the
    division its neighbours in the list share, else only in their country (geo_precision 3)."""
    taken = [(e.start, e.end) for e in ents if e.kind not in ("place", "number", "date")]
    out: list[PlaceHit] = []
    for k, h in enumerate(hits):
        out.append(h)
        nxt = hits[k + 1] if k + 1 < len(hits) else None
        if not _list_town(h):
            continue
        m = None
        if nxt is not None and _list_town(nxt) and nxt.candidates[0].country == h.candidates[0].country:
            m = _ITEMS_BETWEEN.match(scope.between(h.end, nxt.start))
            groups, neighbours = [1], [h, nxt]
        before = out[-2] if len(out) >= 2 else None
        if (
            m is None
            and before is not None
            and _list_town(before)
            and _COORD_GAP.match(scope.between(before.end, h.start))
        ):
            # (a list told as such: two towns at least, then the names it ends with)
            m = _ITEMS_AFTER.match(scope.between(h.end, nxt.start if nxt is not None else scope.end))
            groups, neighbours = [1, 2], [before, h]
        if m is None:
            continue
        ref = _shared_division(neighbours, gaz)
        for g in groups:
            a0 = h.end + m.start(g)
            for item in _ITEM_SPLIT.split(m.group(g).strip(", ")):
                if not item:
                    continue
                a = scope.start + scope.text.index(item, a0 - scope.start)
                b = a0 = a + len(item)
                if any(s < b and a < t for s, t in taken) or item.split()[0] in _TITLES:
                    break  # a side, a weapon, a word of the event or a person's title is no place
                out.append(PlaceHit(a, b, item, (_unlisted(item, ref),), near=True, background=h.background,
                                    relative=h.relative))  # fmt: skip
    out.sort(key=lambda x: x.start)
    return out


def _list_town(h: PlaceHit) -> bool:
    return bool(h.candidates) and h.candidates[0].kind == "town"


def _shared_division(hits: list[PlaceHit], gaz: Gazetteer) -> Place:
    first = hits[0].candidates[0]
    if all(h.candidates[0].admin1 == first.admin1 for h in hits) and first.admin1:
        division = gaz.lex.admin1_place(first.country, first.admin1)
        if division is not None:
            return division
    return gaz.lex.country_place(first.country) or first


_SUBJECT_VERB = rx.compile(
    r"^\s+(?:had\s+|has\s+|have\s+)?(?:launched|fired|struck|attacked|shelled|bombed|sent|used|said|says|"
    r"denied|denies|claimed|accused|carried\s+out)\b",
    re.IGNORECASE,
)


def _country_as_place(scope: Scope, start: int, end: int) -> bool:
    if _SUBJECT_VERB.match(scope.between(end, end + 24)):
        return False  # "20 of 23 drones that Russia launched": the state that acted, not a place
    if re.match(r"^\s*(?:,\s*(?!which|who|that)|and\s+[A-Z])", scope.between(end, end + 8)):
        return True  # "Kyiv, Kryvyi Rih and Dnipro came under fire": a list of places
    before = scope.between(max(scope.start, start - 40), start)
    if _LOCATIVE_BEFORE.search(before[-14:]) or re.search(r"(?:,|\band|\bor)\s*$", before):
        return True
    if re.search(
        r"\b(?:entered|entering|stormed|captured|seized|retook|recaptured|overran)\s+$", before, re.I
    ):
        return True  # "rebel fighters entered Damascus": the city taken, not the government
    # "in Iraq, Jordan and Syria", "in northern Iraq", "in Houthi-controlled areas of Yemen"
    return bool(re.search(r"\b(?:in|into|across|over|of|from|at|near)\s+(?:[\w-]+\s+){1,3}$", before, re.I))


def _with_installation(
    cands: list[Place], a: int, b: int, base_words: list[tuple[int, int]], gaz: Gazetteer
) -> list[Place]:
    """ "the air base in Irbil", "Harir base": a town named with a base word means the base there."""
    if not cands or cands[0].kind in INSTALLATIONS:
        return cands
    touching = any(0 <= a - t <= 5 or 0 <= s - b <= 2 for s, t in base_words)
    if not touching:
        return cands
    for c in cands:
        if c.kind in ("town", "district"):
            inst = gaz.installation_near(c)
            if inst is not None:
                return [inst, *cands]
    return cands


def choose_places(
    hits: list[PlaceHit], scope: Scope, gaz: Gazetteer, trigger: int | None = None
) -> list[PlaceChoice]:
    """The place of each event a sentence tells of: one per coordinated place, most specific first.

    Places in the clause of the event word come first ("..., until a drone attack killed three
    soldiers in Jordan"): a sentence may name other places for other things it says.
    """
    live = [h for h in hits if not h.background and h.candidates]
    if trigger is not None:
        own = [h for h in live if scope.same_clause(h.start, trigger)]
        live = own or live
    # "a missile that was aimed into the Gulf and was prepared to launch": not where anything happened
    live = [h for h in live if not (h.relative and h.hypothetical)] or [h for h in live if not h.relative]
    pool = [h for h in live if not h.origin] or live
    pool = _off_the_coast(_within_named_division(pool, scope, gaz), scope)
    if not pool:
        return []
    groups = _coordination(pool, scope, gaz)
    best = min(groups, key=lambda g: (min(h.candidates[0].rank for h in g), g[0].start))
    others = [h for h in pool if h not in best]
    division = _division_after(scope, best[-1].end)
    choices = []
    for h in best:
        place = h.candidates[0]
        if division and place.kind != "admin1":
            # "over Moscow, Bryansk, Oryol, and Kursk Oblasts": the divisions, not their capitals
            place = gaz.lex.admin1_place(place.country, f"{h.text} {division}") or place
        # A place inside a more specific one named beside it ("Erbil, Iraq") adds nothing;
        # a country named beside a place it does not contain overrides it.
        # (not where the sentence names the place's own country: "around Al-Qaim, on Iraq's border with Syria")
        if h.near and not _names_country(scope, place.country):
            for o in others:
                c = o.candidates[0]
                if c.kind == "country" and c.country != place.country and c.country:
                    # "in Syria northwest of Al Qa'im": the division of Syria nearest the named town
                    place = gaz.nearest_admin1(c.country, place) or c
        choices.append(PlaceChoice(place, h.start, h.end, h.text, h.near))
    return choices


def _off_the_coast(pool: list[PlaceHit], scope: Scope) -> list[PlaceHit]:
    """ "in the Red Sea off Hodeidah", "southwest of the port of Mokha" with the sea named: a ship
    at sea, placed by the sea; the town only says which stretch of it."""
    seas = [h for h in pool if h.candidates[0].kind in WATER]
    if not seas:
        return pool
    return [
        h
        for h in pool
        if h in seas or not _OFF.search(scope.between(max(scope.start, h.start - 40), h.start))
    ]


def _within_named_division(pool: list[PlaceHit], scope: Scope, gaz: Gazetteer) -> list[PlaceHit]:
    """ "near Boni, in the Mopti region", "the village of Al-Jalamah in northern Syria": a name whose
    every reading lies outside the division or country named right after it is some other place of
    that name (Bonn, for Boni; a West Bank village, for Al-Jalamah); the division stays."""
    out = []
    for k, h in enumerate(pool):
        nxt = pool[k + 1] if k + 1 < len(pool) else None
        if (
            nxt is not None
            and _IN_DIVISION_GAP.match(scope.between(h.end, nxt.start))
            and nxt.candidates[0].kind in ("admin1", "country")
            and not any(gaz.contains(nxt.candidates[0], c) for c in h.candidates)
        ):
            continue
        out.append(h)
    return out


def _names_country(scope: Scope, country: str | None) -> bool:
    """Whether the sentence names ``country`` itself (as a place or as a possessor: "Iraq's")."""
    return bool(country) and re.search(rf"\b{re.escape(country or '')}\b", scope.text) is not None


# "between Tera and Gotheye", "between the towns of X and Y": a stretch told by the towns at its ends
_BETWEEN_TOWNS = rx.compile(
    r"\bbetween\s+(?:the\s+(?:towns|villages|cities|localities)\s+of\s+)?$", re.IGNORECASE
)
# "Wad Al-Nourah village, west of Al Manaqil", "Sinjar, near the border": where the first place lies
_APPOSED_NEAR_GAP = rx.compile(
    r"(?:\s+(?:village|town|city|locality|area|camp))?\s*,\s*(?:just\s+|some\s+|about\s+)?"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+)?$|\s*,\s*(?:near|outside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the village of Inekar, about 40 kilometres west of Menaka": the second place says where the first lies
_DISTANCE_GAP = rx.compile(r"\b\d+\s*(?:km|kilometres|kilometers|miles)\b", re.IGNORECASE)


def _coordination(pool: list[PlaceHit], scope: Scope, gaz: Gazetteer) -> list[list[PlaceHit]]:
    """Places listed together ("Kyiv, Dnipro and Pokrovsk"; "sites near Sanaa airport, the airport
    in Hodeidah, a radar site in Hajjah province and positions in Saada") are one group, one event
    each; places of one list that lie close together are one place (the first named)."""
    groups: list[list[PlaceHit]] = []
    prev_end = 0  # where the last name of the list ended, a name folded into an earlier one included
    for h in pool:
        if groups:
            last = groups[-1][-1]
            gap = scope.between(prev_end, h.start)
            a, b = last.candidates[0], h.candidates[0]
            if h.near and (
                (a.rank < b.rank and len(gap) <= 30)
                or (_DISTANCE_GAP.search(gap) and len(gap) <= 40)
                or (a.rank <= b.rank and _APPOSED_NEAR_GAP.match(gap))
            ):
                # "al-Dailami air base north of the capital Sanaa", "the village of Inekar, about 40
                # kilometres west of Menaka", "Wad Al-Nourah village, west of Al Manaqil": where the
                # first place lies
                prev_end = h.end
                continue
            if gap.strip().lower() == "and" and _BETWEEN_TOWNS.search(
                scope.between(max(scope.start, last.start - 30), last.start)
            ):
                # "a vehicle struck between Tera and Gotheye": one stretch of road, told by its first town
                prev_end = h.end
                continue
            # ("Erbil, Iraq", "a base in Erbil": one place; "the port of Ras Isa, a radio building in
            # the city of Hodeidah": two items of a list, each with its own words)
            # ("Niono and Molodo": two towns joined by "and", each its own place, however close)
            joined = a.kind == b.kind == "town" and (
                _AND_GAP.match(gap) is not None or "unlisted:" in (a.id[:9], b.id[:9])
            )
            nested = a.id != b.id and len(gap) <= 12 and gaz.nested(a, b) and not joined
            listed = (
                _COORD_GAP.match(gap)
                or _PAIR_GAP.match(gap)
                or (_LIST_GAP.match(gap) and len(groups[-1]) + _later_items(pool, h) >= 2)
            )
            if not nested and listed and abs(a.rank - b.rank) <= 1:
                prev_end = h.end
                if not joined and any(distance_km(x.candidates[0], b) <= NEAR_TOWN_KM for x in groups[-1]):
                    continue  # "Sanaa airport and the adjoining Al-Dailami air base": one place
                groups[-1].append(h)
                continue
        groups.append([h])
        prev_end = h.end
    return groups


def _later_items(pool: list[PlaceHit], h: PlaceHit) -> int:
    return len(pool) - pool.index(h) - 1


def _division_after(scope: Scope, hit_end: int) -> str | None:
    m = _DIVISIONS_AFTER.match(scope.between(hit_end, min(scope.end, hit_end + 16)))
    return m.group(1).rstrip("s").capitalize() if m else None


# A place the gazetteer lacks, named as one: "the village of Tassia", "the town of Um Sumeima".
_UNLISTED_OF = rx.compile(
    r"\b(?:town|village|hamlet|locality|settlement|commune)\s+of\s+"
    r"((?:(?:al|el|as|ad|ar|an|ash|Um|Umm|Abu|Ain|Wad|Tel|Tal|Bir|Ras|Jebel|Kafr|Deir|Beit)[- ])?"
    r"[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)"
)
_AREA_WORD = rx.compile(r"\b(?:area|mountains?|valley|hills|plain|base|fields?|dam)\b")
WENT_TO = rx.compile(
    r"\b(?:fled|flee|fleeing|withdrew|retreated|moved|headed|displaced|returned|evacuated|transferred|airlifted|flown)\b[^.,;]{0,30}$",
    re.IGNORECASE,
)
# ... or a district named after its town: "villages in the Amedi district of Duhok province"
_UNLISTED_DISTRICT = rx.compile(
    r"\bthe\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\s+(?:district|sub-?district)\b"
    # ("the Dniprovskyi district of Kherson", "the East Nile district across the river")
    r"(?:\s+(?:of\b|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\b))?"
)
# ... or an area named as one: "the Jebel Moya area in Sennar state", "the Gara and Metina mountains"
_UNLISTED_AREA = rx.compile(
    r"\bthe\s+([A-Z][\w'\u2019-]+(?:\s(?:(?:al|el|ad|as|ar|an|ash)-)?[A-Z][\w'\u2019-]+)?)(?:\s+and\s+[A-Z][\w'\u2019-]+)?\s+"
    r"(?:area|mountains|mountain|valley|hills|plain|(?:oil\s+|gas\s+)?fields?|dam)\b"  # "the Sarsang field"
)
# ... or a base the gazetteer lacks: "the Kalsu military base in Babil province"
_UNLISTED_BASE = rx.compile(
    r"\bthe\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\s+(?:military\s+|army\s+|air\s+)?base\b"
)
_AREA_PATTERNS = (_UNLISTED_AREA, _UNLISTED_BASE)  # each needs a word of _AREA_WORD
# ... or said to be one right after its name: "the military post at Barkaram, an island in Lac province"
_UNLISTED_APPOSED = rx.compile(
    r"\b(?:at|on|in|near|of)\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?),\s+(?:an?|the)\s+(?:[\w-]+\s+)?"
    r"(?:island|village|town|oasis|hamlet|locality|settlement|district)\s+(?:in|of|near|on)\b"
)
# ... or placed in a division right after its name: "at Seytenga, in Burkina Faso's Seno province"
_UNLISTED_IN = rx.compile(
    # (or with no comma after a word of nearness: "the facility near Maysalun in Deir ez-Zor province")
    r"\b(?:(?:at|near|in|into|outside|around)\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?),\s+in\s+"
    r"|(?:near|outside|around)\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\s+in\s+)"
    r"(?:the\s+|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*(?:'s|\u2019s)\s+)?[A-Z][\w'\u2019-]+(?:\s(?:[a-z]{1,3}-)?[A-Z][\w'\u2019-]+)?\s+"
    r"(?:province|region|state|governorate|oblast|district|prefecture|department|county|cercle)\b"
)

# ... or placed in the division just told: "an air strike near Petelkole, in the same department"
_UNLISTED_SAME = rx.compile(
    r"\b(?:at|near|in|into|outside|around)\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?),\s+in\s+the\s+same\s+"
    r"(?:department|region|province|district|state|governorate|prefecture|county|cercle|area)\b"
)


def unlisted_place(
    scope: Scope, ents: list[Entity], choices: list[PlaceChoice], trigger: int, gaz: Gazetteer
) -> PlaceChoice | None:
    """The village a clause names where the gazetteer has only the town near it or its division.

    "struck RSF positions around the town of Um Sumeima, west of El Obeid": the event is at Um
    Sumeima; the gazetteer knows only El Obeid, so the record takes Um Sumeima's name with El
    Obeid's coordinates (geo_precision 2), or a division's (geo_precision 3) where that is all
    the clause gives, as ACLED's coders place a village their gazetteer lacks."""
    if len(choices) != 1 or choices[0].place.rank == 0 or choices[0].place.kind in WATER:
        return None
    text = scope.text
    district = "district" in text
    area = _AREA_WORD.search(text) is not None  # (also a word the area and base patterns need)
    if " of " not in text and ", " not in text and " near " not in text and not district and not area:
        return None
    ref = choices[0]
    taken = [(e.start, e.end) for e in ents if e.kind in ("actor", "weapon")]
    for pattern in (
        _UNLISTED_OF,
        _UNLISTED_IN,
        _UNLISTED_APPOSED,
        _UNLISTED_SAME,
        _UNLISTED_DISTRICT,
        _UNLISTED_AREA,
        _UNLISTED_BASE,
    ):
        if not (district if pattern is _UNLISTED_DISTRICT else area if pattern in _AREA_PATTERNS else True):
            continue  # (the word the pattern needs is not in the clause)
        if pattern is _UNLISTED_DISTRICT and ref.place.rank == 1 and not ref.near:
            # "the Dniprovskyi district of Kherson": a part of the city, which stays the place (but "the
            # Sayyida Zeinab district south of Damascus" lies outside it)
            continue
        for m in pattern.finditer(text):
            k = next(j for j in range(1, pattern.groups + 1) if m.group(j))  # the name's group
            a, b = scope.start + m.start(k), scope.start + m.end(k)
            within = a <= ref.start and ref.end <= b and (a, b) != (ref.start, ref.end)
            if any(s < b and a < t for s, t in taken) or not (
                scope.same_clause(a, trigger) or scope.same_clause(a, ref.start)
            ):
                continue
            if not within and ref.start < b and a < ref.end:
                continue  # the name is the place chosen
            if scope.in_background(a) or WENT_TO.search(scope.between(max(scope.start, a - 40), a)):
                continue  # "residents fled to the village of X": where they went
            p = ref.place
            if within:
                # "the Jebel Moya area in Sennar state": "Jebel" was a misreading of the longer name;
                # the division the sentence names, else the country, is all that is known
                p = _division_named(ents, p, gaz) or gaz.lex.country_place(p.country) or p
                ref = PlaceChoice(p, ref.start, ref.end, ref.text)
            if p.rank == 1 and not (0 <= ref.start - b <= (60 if ref.near else 30) or 0 <= a - ref.end <= 12):
                continue  # a town named apart from the village is no reference for it
            name = m.group(k)
            place = _unlisted(name, p)
            precision = model.NEAR if p.rank == 1 else model.REGION
            return PlaceChoice(place, a, b, name, near=True, precision=precision)
    return None


# An infobox line of where the event was: "Location: Boulkessi, Mopti Region, Mali"
_INFOBOX_LOCATION = rx.compile(
    r"^\s*(?:-\s*)?Locations?\s*:\s*(?P<name>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){0,2})\s*,"
)


def infobox_places(
    sentences: Sequence[model.Sentence], by_sentence: list[list[Entity]], lex: Lexicon
) -> list[Place]:
    """The places an article's infobox names that the gazetteer lacks: "Location: Boulkessi, Mopti
    Region, Mali" gives a place Boulkessi in the Mopti region, at the region's coordinates (the
    body's "stormed the army camp at Boulkessi" is then placed there, not at the region)."""
    out = []
    for i, sent in enumerate(sentences):
        m = _INFOBOX_LOCATION.match(sent.text)
        if m is None:
            continue
        a, b = sent.start + m.start("name"), sent.start + m.end("name")
        ents = by_sentence[i]
        ref = next((lex.places[e.ref] for e in ents if e.kind == "place" and e.start >= b
                    and lex.places[e.ref].kind in ("admin1", "town")), None)  # fmt: skip
        if ref is None:
            continue
        if any(e.kind == "place" and e.start < b and a < e.end and lex.places[e.ref].country == ref.country
               for e in ents):  # fmt: skip
            continue  # a place the gazetteer knows there (not "Karma", a Belarusian town's other name)
        out.append(_unlisted(m.group("name"), ref))
    return out


def _unlisted(name: str, ref: Place) -> Place:
    """A place the gazetteer lacks, named ``name``, in ``ref``'s division and at its coordinates."""
    admin1 = None if ref.kind == "country" else ref.name if ref.kind == "admin1" else ref.admin1
    return Place(
        f"unlisted:{ref.country_code or ref.country}:{_key(name)}",
        name,
        "town",
        ref.country,
        country_code=ref.country_code,
        admin1=admin1,
        latitude=ref.latitude,
        longitude=ref.longitude,
    )


def infobox_choice(local: Sequence[Place], scope: Scope, choices: list[PlaceChoice]) -> PlaceChoice | None:
    """The infobox's own place where the clause names it ("the army camp at Boulkessi"), unless
    the clause also names a place in another division (another event's)."""
    for p in local:
        m = re.search(rf"\b{re.escape(p.name)}\b", scope.text)
        if m is None:
            continue
        if any(c.place.kind != "country" and (c.place.admin1 or c.place.name) != p.admin1
               and c.place.country == p.country for c in choices):  # fmt: skip
            continue
        return PlaceChoice(p, scope.start + m.start(), scope.start + m.end(), m.group(), near=True,
                           precision=model.REGION)  # fmt: skip
    return None


# "98 nautical miles east of Aden", "10 km off Mokha", "off the coast of Hodeidah", "southwest of the
# port of Mokha": somewhere at sea, told by the coastal town nearest to it
_DIRECTION = r"(?:north|south|east|west|northwest|northeast|southwest|southeast|north-west|north-east|south-west|south-east)"
_OFFSHORE = rx.compile(
    rf"(?P<unit>\bnautical\s+miles?|\bnm|\bkm|\bkilomet(?:er|re)s?|\bmiles?)?\s*"
    rf"(?:\boff\s+(?:the\s+coast\s+of\s+)?|\b{_DIRECTION}\s+of\s+)"
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:(?:port\s+(?:city\s+)?|coastal\s+(?:city|town)\s+)of\s+)?$",
    re.IGNORECASE,
)
_SIDE_OF = rx.compile(rf"\b({_DIRECTION})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_VESSEL = rx.compile(
    r"\b(?:ships?|vessels?|tankers?|carriers?|freighters?|boats?|crew|sailors|seafarers|mariners|destroyers?|"
    r"warships?|frigates?|[\w-]+-flagged|sailing|underway)\b",  # ("the Marshall Islands-flagged Star Iris")
    re.IGNORECASE,
)


def offshore(choice: PlaceChoice, scope: Scope, gaz: Gazetteer) -> PlaceChoice | None:
    """The sea a ship was at, where the clause places it from a coastal town ("a container ship
    was struck about 98 nautical miles east of Aden"): the sea on whose shore the town lies
    (places.yaml: shores). None where the words put the event on land."""
    p = choice.place
    if p.sides:
        # "about 60 nautical miles north of the Bab al-Mandeb Strait": the sea on that side of it
        side = _SIDE_OF.search(scope.between(max(scope.start, choice.start - 30), choice.start))
        sea = (
            gaz.lex.places.get(dict(p.sides).get(side.group(1).lower().replace("-", ""), ""))
            if side
            else None
        )
        return PlaceChoice(sea, choice.start, choice.end, choice.text) if sea is not None else None
    if p.rank != 1 or p.admin1 is None or p.country is None:
        return None
    m = _OFFSHORE.search(scope.between(max(scope.start, choice.start - 70), choice.start))
    if m is None:
        return None
    nautical = m.group("unit") is not None and m.group("unit").lower().startswith(("nautical", "nm"))
    if not nautical and not _VESSEL.search(scope.text):
        return None  # "villages west of Hodeidah": on land
    sea = gaz.sea_by_shore.get((p.country, p.admin1))
    if sea is None:
        return None
    return PlaceChoice(sea, choice.start, choice.end, choice.text)


def _division_named(ents: list[Entity], near: Place, gaz: Gazetteer) -> Place | None:
    """A division the sentence names, one of ``near``'s country first."""
    divisions = [
        p for e in ents if e.kind == "place" and (p := gaz.lex.places.get(e.ref)) and p.kind == "admin1"
    ]
    return min(divisions, key=lambda p: p.country != near.country, default=None)


def country_record(p: Place) -> model.Place:
    """The place record of an event placed by its country alone."""
    return model.Place(p.id, p.name, p.country, None, None, p.latitude, p.longitude, model.REGION, "country")


def to_model_place(choice: PlaceChoice, gaz: Gazetteer) -> model.Place:
    """The event's place record: location, divisions, coordinates and geo_precision."""
    p = choice.place
    precision = choice.precision or (model.NEAR if choice.near else model.PLACE)
    if p.kind == "country":
        return country_record(p)
    if p.kind in ("sea", "strait"):
        return model.Place(p.id, p.name, p.country or p.name, None, None, p.latitude, p.longitude,
                           model.REGION if p.kind == "sea" else precision, p.kind)  # fmt: skip
    if p.kind in ("admin1", "region"):
        admin1 = p.name if p.kind == "admin1" else (p.within[0] if len(p.within) == 1 else None)
        return model.Place(
            p.id, p.name, p.country, admin1, None, p.latitude, p.longitude, model.REGION, p.kind
        )
    return model.Place(
        p.id, _as_written(choice), p.country, p.admin1, None, p.latitude, p.longitude, precision, p.kind
    )


def _as_written(choice: PlaceChoice) -> str:
    """A gazetteer town under the spelling the report uses, where it is one of the town's names:
    GeoNames' transliterations ("Kryvyy Rih", "Al Hudaydah") are not what readers call them.
    Places our own files name keep their curated name."""
    p = choice.place
    written = " ".join(choice.text.split())
    if not p.id.startswith("gn:") or written == p.name or not written[:1].isupper():
        return p.name
    folded = written.casefold()
    if any(folded == n.casefold() for n in p.aliases):
        return written
    return p.name
