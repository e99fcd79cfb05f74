"""The read-only HTTP API and the live dashboard.

One store per app, opened at start-up and shared by the worker threads (the
store serialises its own statements). Every route reads, except
``POST /documents``, which needs the bearer token the server was started with
and is refused outright when it was started without one.

Answers to GETs are kept until the database changes (:mod:`sitroom.web.cache`):
the dashboard is rendered again after every write, by this server or any other
process, and served as kept in between.
"""

from __future__ import annotations

import hmac
import json
import math
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from sitroom import __version__
from sitroom.export import feature
from sitroom.ingest import read_object
from sitroom.model import Document, Event
from sitroom.report.content import gather
from sitroom.report.html import CSP, render_html
from sitroom.report.svg import boundaries
from sitroom.store import EventFilter, Store, open_store
from sitroom.web import schemas
from sitroom.web.cache import CachedReads, DataVersion, ResponseCache, cache_key
from sitroom.web.docs import docs_page
from sitroom.web.errors import ApiError, install

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # beyond any real database; keeps the value inside SQLite's integer range
MAX_POST_DOCUMENTS = 1000
MAX_BODY = 64 * 1024 * 1024
INPUT: TypeAdapter[list[schemas.InputDocument]] = TypeAdapter(list[schemas.InputDocument])
INPUT_SCHEMA = {
    "oneOf": [
        schemas.InputDocument.model_json_schema(),
        {"type": "array", "items": schemas.InputDocument.model_json_schema(), "maxItems": MAX_POST_DOCUMENTS},
    ]
}
WORLD = (-180.0, -90.0, 180.0, 90.0)
HTML_HEADERS = {
    "Content-Security-Policy": str(CSP),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
DASHBOARD_LINKS = (
    ("events", "API: events"),
    ("events.geojson", "GeoJSON"),
    ("claims", "claims"),
    ("documents", "documents"),
    ("docs", "API docs"),
)
ERROR_TEXTS = {
    401: "Missing or wrong token",
    403: "The server is read-only",
    404: "Not found",
    413: "The body is too large",
    422: "Invalid request",
    500: "Server error",
    503: "The extraction pipeline is not available",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the errors a route can answer, all in the one error shape."""
    return {code: {"model": schemas.ErrorOut, "description": ERROR_TEXTS[code]} for code in codes}


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` as four floats, checked; a box may cross the antimeridian."""
    if value is None:
        return None
    try:
        box = tuple(float(p) for p in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise ApiError(422, "bbox must be four numbers: minlon,minlat,maxlon,maxlat", {"bbox": value})
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiError(
            422,
            "bbox out of range: longitudes within -180..180, latitudes within -90..90, minlat <= maxlat",
            {"bbox": value},
        )
    return min_lon, min_lat, max_lon, max_lat


async def event_filter(
    since: Annotated[date | None, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="events on or before this day")] = None,
    country: Annotated[str | None, Query(max_length=200, description="country name, any case")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="first-level division, any case")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of any actor's name")] = None,
    event_type: Annotated[
        str | None, Query(alias="type", max_length=200, description="event type or sub-event type")
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="minlon,minlat,maxlon,maxlat (WGS 84)", examples=["38,29,49,38"]),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EventFilter:
    if since and until and since > until:
        raise ApiError(422, "since is after until", {"since": since.isoformat(), "until": until.isoformat()})
    return EventFilter(
        since=since,
        until=until,
        country=country,
        admin1=admin1,
        actor=actor,
        event_type=event_type,
        bbox=parse_bbox(bbox),
        limit=limit,
        offset=offset,
    )


EventQuery = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def geojson(store: Store, flt: EventFilter) -> dict[str, Any]:
    """A page of located events as a FeatureCollection; the unlocated ones are counted, not drawn."""
    # A box over the whole world keeps exactly the events that have coordinates.
    located = flt if flt.bbox is not None else replace(flt, bbox=WORLD)
    total = store.count_events(located)
    without = 0 if flt.bbox is not None else store.count_events(flt) - total
    return {
        "type": "FeatureCollection",
        "total": total,
        "limit": flt.limit,
        "offset": flt.offset,
        "without_coordinates": without,
        "features": [feature(e) for e in store.events(located)],
    }


def find_event(store: Store, event_id: str) -> Event | None:
    if not store.known_events([event_id]):
        return None
    # The store reads events by filter only: scan in pages so memory stays bounded.
    page, offset = 500, 0
    while True:
        batch = store.events(EventFilter(limit=page, offset=offset))
        for e in batch:
            if e.event_id == event_id:
                return e
        if len(batch) < page:
            return None
        offset += page


def to_documents(items: list[schemas.InputDocument]) -> list[Document]:
    """Posted reports as Documents, through the same reader as files (checks, cleaning, ids)."""
    docs, failures = [], []
    for n, item in enumerate(items, 1):
        record = read_object(item.model_dump(mode="json", exclude_none=True), "api", f"item {n}")
        if record.document is None:
            failures.append({"item": n, "reason": record.error})
        else:
            docs.append(record.document)
    if failures:
        raise ApiError(422, "some posted documents cannot be read", failures)
    return docs


async def read_documents(request: Request) -> list[schemas.InputDocument]:
    """The posted document or list of documents, validated; the body is read up to MAX_BODY bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise ApiError(413, f"the body is larger than {MAX_BODY:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ApiError(413, f"the body is larger than {MAX_BODY:,} bytes")
        chunks.append(chunk)
    try:
        payload = json.loads(b"".join(chunks))
    except ValueError as err:
        raise ApiError(422, f"the body is not JSON: {err}") from err
    if not isinstance(payload, dict | list):
        raise ApiError(422, "the body must be a JSON object (one document) or a list of them")
    single = isinstance(payload, dict)
    try:
        items = INPUT.validate_python([payload] if single else payload)
    except ValidationError as err:
        errors = []
        for e in err.errors(include_url=False):
            loc = tuple(e.get("loc", ()))
            errors.append({**e, "loc": ("body", *(loc[1:] if single else loc))})  # no index we added
        raise RequestValidationError(errors) from err
    if not items:
        raise ApiError(422, "no documents in the request body")
    if len(items) > MAX_POST_DOCUMENTS:
        raise ApiError(422, f"at most {MAX_POST_DOCUMENTS} documents per request", {"got": len(items)})
    return items


def create_app(db: str | None, token: str | None = None, *, cache_size: int = 256) -> FastAPI:
    """The API over the store at ``db`` (see :func:`sitroom.store.open_store`).

    ``token``: the bearer token ``POST /documents`` must carry; without one the
    server is read-only and every write is refused (403). ``cache_size``: how
    many answers to keep until the database changes (0: none; see
    :mod:`sitroom.web.cache`).
    """
    store = open_store(db)
    write_token = token or None
    cache = ResponseCache(DataVersion(store), size=cache_size)

    async def kept(request: Request, make: Callable[[], Response]) -> Response:
        # Reads are answered from the cache on the event loop; a miss is made in a worker thread.
        return await cache.answer(cache_key(request.scope), make)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        boundaries()  # decode the map once now rather than in the first visitor's request
        try:
            yield
        finally:
            cache.version.close()
            store.close()

    app = FastAPI(
        title="sitroom",
        version=__version__,
        description="Conflict events coded from news reports, with their evidence; claims; the input ledger.",
        docs_url=None,  # Swagger UI loads its assets from a CDN; /docs below is served from here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.cache = cache
    app.add_middleware(CachedReads, cache=cache)
    install(app)

    write_lock = threading.Lock()
    pipelines: list[Any] = []

    def write(run_documents: Callable[..., Any], documents: list[Document]) -> Any:
        # One write at a time: fusing two batches at once could make one event twice. The
        # pipeline (its lexicon compiled) is built on the first write and kept for the next.
        from sitroom.pipeline import Pipeline

        with write_lock:
            if not pipelines:
                pipelines.append(Pipeline())
            return run_documents(store, documents, pipelines[0])

    def require_token(request: Request) -> None:
        if write_token is None:
            raise ApiError(403, "this server is read-only: start it with a token to accept documents")
        scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8"), write_token.encode("utf-8")
        ):
            raise ApiError(
                401,
                "a valid 'Authorization: Bearer <token>' header is required",
                None,
                {"WWW-Authenticate": "Bearer"},
            )

    @app.get("/", response_class=HTMLResponse, summary="The situation report as a live dashboard")
    async def dashboard(request: Request) -> Response:
        def make() -> Response:
            page = render_html(gather(store), title="Situation dashboard", api_links=DASHBOARD_LINKS)
            return HTMLResponse(page, headers=HTML_HEADERS)

        return await kept(request, make)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()), headers=HTML_HEADERS)

    @app.get(
        "/health",
        response_model=schemas.Health,
        summary="Liveness and the number of events",
        responses=errors(500),
    )
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "events": store.count_events()}

    @app.get(
        "/events",
        summary="Events, filtered and paged",
        response_model=None,
        responses={
            200: {
                "model": schemas.EventPage,
                "content": {
                    "application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}
                },
                "description": "A page of events (format=json) or of located events as GeoJSON (format=geojson)",
            },
            **errors(422, 500),
        },
    )
    async def events(
        request: Request, flt: EventQuery, format: Annotated[Literal["json", "geojson"], Query()] = "json"
    ) -> Response:
        def make() -> Response:
            if format == "geojson":
                return JSONResponse(geojson(store, flt), media_type="application/geo+json")
            body = {
                "total": store.count_events(flt),
                "limit": flt.limit,
                "offset": flt.offset,
                "events": [e.as_dict() for e in store.events(flt)],
            }
            return JSONResponse(body)

        return await kept(request, make)

    @app.get(
        "/events.geojson",
        summary="Located events as a GeoJSON FeatureCollection",
        response_model=None,
        responses={
            200: {"model": schemas.FeatureCollection, "content": {"application/geo+json": {}}},
            **errors(422, 500),
        },
    )
    async def events_geojson(request: Request, flt: EventQuery) -> Response:
        return await kept(
            request, lambda: JSONResponse(geojson(store, flt), media_type="application/geo+json")
        )

    @app.get(
        "/events/{event_id}",
        summary="One event",
        responses={200: {"model": schemas.EventOut}, **errors(404, 422, 500)},
    )
    async def event(request: Request, event_id: Annotated[str, Path(max_length=200)]) -> Response:
        def make() -> Response:
            found = find_event(store, event_id)
            if found is None:
                raise ApiError(404, f"no event {event_id!r}")
            return JSONResponse(found.as_dict())

        return await kept(request, make)

    @app.get(
        "/claims",
        summary="The claims ledger",
        responses={200: {"model": schemas.ClaimPage}, **errors(422, 500)},
    )
    async def claims(
        request: Request,
        limit: Limit = 100,
        offset: Offset = 0,
        subject: Annotated[str | None, Query(max_length=200, description="part of the subject")] = None,
    ) -> Response:
        def make() -> Response:
            rows = store.claims()
            if subject:
                rows = [c for c in rows if subject.lower() in c.subject.lower()]
            page = [c.as_dict() for c in rows[offset : offset + limit]]
            return JSONResponse({"total": len(rows), "limit": limit, "offset": offset, "claims": page})

        return await kept(request, make)

    @app.get(
        "/documents",
        summary="The input ledger",
        responses={200: {"model": schemas.LedgerPage}, **errors(422, 500)},
    )
    async def documents(
        request: Request,
        status: Annotated[Literal["ok", "duplicate", "failed"] | None, Query()] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        def make() -> Response:
            rows = store.documents(status)
            page = [r.as_dict() for r in rows[offset : offset + limit]]
            return JSONResponse({"total": len(rows), "limit": limit, "offset": offset, "documents": page})

        return await kept(request, make)

    @app.get(
        "/documents/{doc_id}",
        summary="One stored document",
        responses={200: {"model": schemas.DocumentOut}, **errors(404, 422, 500)},
    )
    async def document(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> Response:
        def make() -> Response:
            found = store.get_document(doc_id)
            if found is None:
                raise ApiError(404, f"no document {doc_id!r}")
            return JSONResponse(found)

        return await kept(request, make)

    @app.post(
        "/documents",
        status_code=201,
        summary="Add reports (needs the bearer token)",
        openapi_extra={
            "requestBody": {"required": True, "content": {"application/json": {"schema": INPUT_SCHEMA}}}
        },
        responses={201: {"description": "The run's summary"}, **errors(401, 403, 413, 422, 500, 503)},
    )
    async def post_documents(request: Request) -> JSONResponse:
        # The token is checked before the body is read, so a refused write costs nothing and a
        # malformed body cannot turn a 401/403 into a 422.
        require_token(request)
        documents = to_documents(await read_documents(request))
        try:
            # Imported here: the API serves reads on installations without the extraction stages.
            from sitroom.pipeline import run_documents
        except ImportError as err:
            raise ApiError(503, f"the extraction pipeline is not available: {err}") from err
        summary = await run_in_threadpool(write, run_documents, documents)
        return JSONResponse(summary.as_dict(), status_code=201)

    return app
