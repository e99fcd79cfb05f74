"""The shapes of the lexicon's data files, checked with pydantic where the files are read.

Each YAML file holds ``source``, ``licence``, ``kind`` and ``entries``; every
entry has a stable ``id``. Unknown keys are errors, so a misspelt field is
caught on load rather than silently ignored. The loader turns a validation
failure into a :class:`~sitroom.errors.LexiconError` naming the file, the
entry id and the field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from sitroom.model import SUB_EVENT_TYPES

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")

# The weapon names of the coding rules; the lexicon adds a few more for its own use.
CODED_WEAPONS = (
    "drone",
    "rocket",
    "mortar",
    "ballistic missile",
    "cruise missile",
    "anti-ship missile",
    "missile",
    "artillery",
    "aircraft",
    "helicopter",
    "small arms",
    "explosives",
    "uncrewed surface vessel",
)
WEAPON_NAMES = (*CODED_WEAPONS, "grenade", "chemical weapon", "air defence")

ACTOR_KINDS = (
    "state_force",
    "government",
    "militia",
    "rebel",
    "jihadist",
    "pmc",
    "foreign_state",
    "civilians",
    "other",
)
PLACE_KINDS = ("base", "airport", "port", "sea", "strait", "region", "town", "district", "facility")
TERM_KINDS = ("trigger", "cue", "description", "victim", "target", "relation", "war")


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError(f"id {v!r} must be letters, digits, '_', '.', ':' or '-'")
        return v


def _strings(v: Any) -> list[str]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ValueError("must be a list of strings")
    out = []
    for item in v:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{item!r} is not a non-empty string")
        out.append(item.strip())
    return out


StrList = Annotated[list[str], BeforeValidator(_strings)]


class ActorSpec(Entry):
    name: str
    aliases: StrList = Field(default_factory=list)
    case_sensitive: StrList = Field(default_factory=list)
    kind: Literal[ACTOR_KINDS]  # type: ignore[valid-type]
    inter: int = Field(ge=1, le=8)
    country: str | None = None
    umbrella: str | None = None
    sponsors: StrList = Field(default_factory=list)
    enemy_of: StrList = Field(default_factory=list)
    active_in: StrList = Field(default_factory=list)
    since: date | None = None
    until: date | None = None
    note: str | None = None


COMPASS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")


class PlaceSpec(Entry):
    name: str
    kind: Literal[PLACE_KINDS]  # type: ignore[valid-type]
    aliases: StrList = Field(default_factory=list)
    case_sensitive: StrList = Field(default_factory=list)
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    operator: str | None = None
    near_town: str | None = None
    within: StrList = Field(default_factory=list)
    shores: StrList = Field(default_factory=list)  # a sea's coasts: "Country/Admin1"
    # a strait's waters on each side: compass word -> the id of a sea ("north: sea_red_sea")
    sides: dict[Literal[COMPASS], str] = Field(default_factory=dict)  # type: ignore[valid-type]
    geonameid: int | None = None
    note: str | None = None


class CountrySpec(Entry):
    name: str
    iso3: str | None = None
    aliases: StrList = Field(default_factory=list)
    demonyms: StrList = Field(default_factory=list)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    state_force: str | None = None


class WeaponSpec(Entry):
    name: Literal[WEAPON_NAMES]  # type: ignore[valid-type]
    phrases: StrList = Field(default_factory=list)
    case_sensitive: StrList = Field(default_factory=list)
    implies: list[Literal[WEAPON_NAMES]] = Field(default_factory=list)  # type: ignore[valid-type]
    sub_event_type: str | None = None

    @field_validator("sub_event_type")
    @classmethod
    def _sub(cls, v: str | None) -> str | None:
        if v is not None and v not in SUB_EVENT_TYPES:
            raise ValueError(f"{v!r} is not one of ACLED's sub-event types")
        return v


class TermSpec(Entry):
    kind: Literal[TERM_KINDS]  # type: ignore[valid-type]
    phrases: StrList = Field(default_factory=list)
    case_sensitive: StrList = Field(default_factory=list)
    attrs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("attrs")
    @classmethod
    def _attrs(cls, v: dict[str, Any]) -> dict[str, Any]:
        sub = v.get("sub")
        if sub is not None and sub not in SUB_EVENT_TYPES:
            raise ValueError(f"attrs.sub {sub!r} is not one of ACLED's sub-event types")
        return v


SPECS: dict[str, type[Entry]] = {
    "actors": ActorSpec,
    "places": PlaceSpec,
    "countries": CountrySpec,
    "weapons": WeaponSpec,
    "terms": TermSpec,
}


class FileHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    licence: str
    kind: Literal[tuple(SPECS)]  # type: ignore[valid-type]
    entries: list[dict[str, Any]]
