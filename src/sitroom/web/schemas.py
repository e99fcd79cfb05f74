"""The API's shapes as pydantic models.

Responses are built from the records' own ``as_dict()`` and sent as they are;
these models describe them in the OpenAPI document (they are not used to
re-validate every response). :class:`InputDocument` is the one model that
checks untrusted input: the body of ``POST /documents``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitroom.ingest import MAX_BYTES


class SourceOut(BaseModel):
    doc_id: str
    url: str | None
    publisher: str | None
    published: str | None


class EvidenceOut(BaseModel):
    doc_id: str
    start: int
    end: int
    text: str
    field: str


class EventOut(BaseModel):
    """One event, the record of DESIGN.md."""

    event_id: str
    event_date: date | None
    time_precision: int | None = Field(description="1 day, 2 week, 3 month")
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None = Field(description="1 place, 2 near a place, 3 region only")
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injuries: int | None
    weapons: list[str]
    claimed_by: str | None
    sources: list[SourceOut]
    source_count: int
    notes: str
    evidence: list[EvidenceOut]
    confidence: float
    place_id: str | None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, all pages")
    limit: int
    offset: int
    events: list[EventOut]


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude]")


class Feature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometry
    properties: EventOut


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    total: int = Field(description="located events matching the filters, all pages")
    limit: int
    offset: int
    without_coordinates: int = Field(description="matching events left out because they have no coordinates")
    features: list[Feature]


class ClaimOut(BaseModel):
    claim_id: str
    subject: str
    quantity: float
    qualifier: str | None
    unit: str
    location: str | None
    period_start: date | None
    as_of: date | None
    attributed_to: str | None
    doc_id: str
    doc_ids: list[str]
    evidence: list[EvidenceOut]


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    claims: list[ClaimOut]


class LedgerOut(BaseModel):
    origin: str
    locator: str | None
    doc_id: str | None
    status: Literal["ok", "duplicate", "failed"]
    reason: str | None
    time: str


class LedgerPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[LedgerOut]


class DocumentOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    origin: str | None
    text: str
    added: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    events: int


class ErrorBody(BaseModel):
    code: int
    message: str
    detail: Any = None


class ErrorOut(BaseModel):
    """Every error the API answers has this shape."""

    error: ErrorBody


class InputDocument(BaseModel):
    """A report in sitroom's input format (as in a .json or .jsonl file)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=4096)
    title: str | None = Field(default=None, max_length=10_000)
    publisher: str | None = Field(default=None, max_length=1_000)
    published: date | None = Field(default=None, description="YYYY-MM-DD or a full ISO 8601 time")
    text: str = Field(min_length=1, max_length=MAX_BYTES)

    @field_validator("published", mode="before")
    @classmethod
    def _day_of(cls, value: Any) -> Any:
        # A full time ("2024-01-28T09:30:00Z") counts by its day, as the file readers do.
        if isinstance(value, str) and len(value) > 10:
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
            except ValueError:
                return value
        return value

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value
