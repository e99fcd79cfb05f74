"""The HTTP API over real HTTP: uvicorn on a loopback port, httpx as the client.

Every test runs on SQLite and on PostgreSQL: the read-only servers share one filled database
per backend (``module_store_url``), the tests that write or break a database get their own
(``store_url``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from sitroom.store import open_store
from sitroom.web import create_app
from test_report_fixtures import HOSTILE_PLACE, fill, live_server, sample

TOKEN = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def db(module_store_url: str) -> str:
    with open_store(module_store_url) as store:
        fill(store)
    return module_store_url


@pytest.fixture(scope="module")
def api(db: str) -> Iterator[httpx.Client]:
    with live_server(create_app(db)) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def writable(db: str) -> Iterator[httpx.Client]:
    with live_server(create_app(db, token=TOKEN)) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


def error_of(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == response.status_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_web_events_by_country_returns_only_that_country(api: httpx.Client) -> None:
    body = api.get("/events", params={"country": "Iraq"}).json()
    iraqi = [e for e in sample().events if e.country == "Iraq"]
    assert body["total"] == len(iraqi) == len(body["events"])
    assert {e["country"] for e in body["events"]} == {"Iraq"}
    assert {e["event_id"] for e in body["events"]} == {e.event_id for e in iraqi}


@pytest.mark.parametrize(
    ("params", "locations"),
    [
        ({"type": "Air/drone strike"}, {"Erbil Air Base", "Tower 22"}),
        ({"type": "strategic developments"}, {"Al-Tanf", None}),
        ({"actor": "islamic resistance"}, {"Erbil Air Base", "Tower 22"}),
        ({"admin1": "Al Anbar"}, {"Al Asad Air Base"}),
        ({"since": "2024-01-23", "until": "2024-01-28"}, {"Tower 22", HOSTILE_PLACE}),
        ({"country": "Jordan", "type": "Battles"}, set()),
    ],
)
def test_web_events_filters(api: httpx.Client, params: dict[str, str], locations: set[str | None]) -> None:
    body = api.get("/events", params=params).json()
    assert {e["location"] for e in body["events"]} == locations
    assert body["total"] == len(locations)


def test_web_events_pages_cover_every_event_once(api: httpx.Client) -> None:
    seen: list[str] = []
    for offset in range(0, 8, 2):
        body = api.get("/events", params={"limit": 2, "offset": offset}).json()
        assert (body["total"], body["limit"], body["offset"]) == (6, 2, offset)
        assert len(body["events"]) == (2 if offset < 6 else 0)
        seen += [e["event_id"] for e in body["events"]]
    assert sorted(seen) == sorted(e.event_id for e in sample().events)
    assert api.get("/events").json()["limit"] == 100


@pytest.mark.parametrize(
    ("bbox", "locations"),
    [
        ("38,33,39,34", {"Al-Tanf", "Tower 22"}),  # the Syria-Jordan-Iraq border
        ("42,33.5,44.5,37", {"Al Asad Air Base", "Erbil Air Base"}),
        ("-10,-10,10,10", set()),
        ("170,33,39,37", {"Al-Tanf", "Tower 22"}),  # across the antimeridian: 170E to 39E eastwards
    ],
)
def test_web_events_bbox(api: httpx.Client, bbox: str, locations: set[str]) -> None:
    body = api.get("/events", params={"bbox": bbox}).json()
    assert {e["location"] for e in body["events"]} == locations


def test_web_events_geojson_has_points_lon_lat_and_counts_the_rest(api: httpx.Client) -> None:
    for response in (api.get("/events.geojson"), api.get("/events", params={"format": "geojson"})):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/geo+json")
        body = response.json()
        assert body["type"] == "FeatureCollection"
        assert body["without_coordinates"] == 1 and body["total"] == 5 == len(body["features"])
        tower = next(f for f in body["features"] if f["properties"]["location"] == "Tower 22")
        assert tower["geometry"] == {"type": "Point", "coordinates": [38.7048, 33.3206]}
        assert tower["properties"]["fatalities"] == 3 and tower["id"] == tower["properties"]["event_id"]
    paged = api.get("/events.geojson", params={"limit": 2, "offset": 4, "country": "Iraq"}).json()
    assert (paged["total"], len(paged["features"]), paged["without_coordinates"]) == (3, 0, 1)


def test_web_event_by_id(api: httpx.Client) -> None:
    tanf = sample().by_location("Al-Tanf")
    body = api.get(f"/events/{tanf.event_id}").json()
    assert body == tanf.as_dict()
    missing = api.get("/events/0000000000000000")
    assert missing.status_code == 404
    assert error_of(missing)["message"] == "no event '0000000000000000'"


def test_web_claims_and_documents(api: httpx.Client) -> None:
    claims = api.get("/claims").json()
    assert claims["total"] == 1
    assert claims["claims"][0]["quantity"] == 150 and claims["claims"][0]["qualifier"] == "at least"
    assert api.get("/claims", params={"subject": "ATTACKS"}).json()["total"] == 1
    assert api.get("/claims", params={"subject": "protest"}).json()["total"] == 0
    ledger = api.get("/documents", params={"status": "ok"}).json()
    assert ledger["total"] == len(sample().documents)
    assert api.get("/documents", params={"status": "failed"}).json() == {
        "total": 0,
        "limit": 100,
        "offset": 0,
        "documents": [],
    }
    doc = sample().documents[0]
    stored = api.get(f"/documents/{doc.id}").json()
    assert (stored["id"], stored["text"], stored["title"]) == (doc.id, doc.text, doc.title)
    assert error_of(api.get("/documents/nope"))["code"] == 404


def test_web_health(api: httpx.Client) -> None:
    body = api.get("/health").json()
    assert body["status"] == "ok" and body["events"] == 6


@pytest.mark.parametrize(
    ("method", "path", "params", "status"),
    [
        ("GET", "/no/such/thing", {}, 404),
        ("DELETE", "/events", {}, 405),
        ("GET", "/events", {"limit": "1001"}, 422),
        ("GET", "/events", {"limit": "0"}, 422),
        ("GET", "/events", {"offset": "-1"}, 422),
        ("GET", "/events", {"since": "yesterday"}, 422),
        ("GET", "/events", {"since": "2024-02-01", "until": "2024-01-01"}, 422),
        ("GET", "/events", {"bbox": "1,2,3"}, 422),
        ("GET", "/events", {"bbox": "a,b,c,d"}, 422),
        ("GET", "/events", {"bbox": "0,50,10,40"}, 422),
        ("GET", "/events", {"bbox": "0,0,200,10"}, 422),
        ("GET", "/events", {"format": "xml"}, 422),
        ("GET", "/documents", {"status": "lost"}, 422),
    ],
)
def test_web_errors_share_one_shape(
    api: httpx.Client, method: str, path: str, params: dict, status: int
) -> None:
    response = api.request(method, path, params=params)
    assert response.status_code == status
    error_of(response)


def test_web_limit_at_most_1000(api: httpx.Client) -> None:
    assert api.get("/events", params={"limit": 1000}).status_code == 200
    detail = error_of(api.get("/events", params={"limit": 1001}))["detail"]
    assert detail[0]["loc"] == ["query", "limit"]


def test_web_server_error_has_the_error_shape(store_url: str, raw_sql) -> None:
    with open_store(store_url) as store:
        fill(store)
    with live_server(create_app(store_url)) as base:
        # Another process breaks the database under the running server.
        raw_sql("DROP TABLE claim_sources")
        response = httpx.get(f"{base}/claims", timeout=10)
    assert response.status_code == 500
    assert error_of(response)["message"].startswith("internal error")


def test_web_writes_refused_without_a_configured_token(api: httpx.Client) -> None:
    doc = {"title": "A report", "text": "Gunmen attacked a checkpoint on Monday."}
    for headers in ({}, {"Authorization": "Bearer anything"}):
        response = api.post("/documents", json=doc, headers=headers)
        assert response.status_code == 403
        assert "read-only" in error_of(response)["message"]
    # Refused before the body is read: a malformed body changes nothing.
    assert (
        api.post("/documents", content=b"{not json", headers={"content-type": "application/json"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}],
)
def test_web_writes_need_the_right_token(writable: httpx.Client, headers: dict[str, str]) -> None:
    response = writable.post("/documents", json={"text": "Shelling hit the town."}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    error_of(response)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"title": "no text"}, ["body", "text"]),
        ([{"text": "fine"}, {"text": "   "}], ["body", 1, "text"]),
        ({"text": "x", "published": "someday"}, ["body", "published"]),
        ("just a string", None),
        ([], None),
    ],
)
def test_web_post_validates_the_body(writable: httpx.Client, body: object, where: list | None) -> None:
    response = writable.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    error = error_of(response)
    if where is not None:
        assert error["detail"][0]["loc"] == where


def test_web_post_runs_the_pipeline(store_url: str) -> None:
    pytest.importorskip("sitroom.pipeline", reason="the extraction pipeline is not in this checkout yet")
    doc = {
        "title": "Drone strike near Erbil",
        "published": "2024-02-03T08:00:00Z",
        "url": "https://news.example.org/erbil-2",
        "text": "A drone struck a base near Erbil on Friday, officials said. Nobody was hurt.",
    }
    with (
        live_server(create_app(store_url, token=TOKEN)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        assert client.get("/documents").json()["total"] == 0
        response = client.post("/documents", json=doc, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 201, response.text
        assert isinstance(response.json(), dict)
        # The write shows at once, though the empty ledger was answered (and kept) before it.
        ledger = client.get("/documents").json()
        assert ledger["total"] == 1 and ledger["documents"][0]["status"] == "ok"


def test_web_answers_follow_the_database(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store)
    app = create_app(store_url)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(3):
            assert client.get("/events").json()["total"] == 6
        assert app.state.cache.hits >= 2
        # Another process (here: another connection) adds an event; the next answer has it.
        tanf = sample().by_location("Al-Tanf")
        with open_store(store_url) as other:
            other.write_batch(
                ledger=[], documents=[], events=[replace(tanf, event_id="added-later")], links=[]
            )
        assert client.get("/events").json()["total"] == 7
        assert client.get("/events/added-later").status_code == 200


def begin_write(url: str, sql: str) -> Callable[[], None]:
    """Run ``sql`` in a transaction of another connection, left open; returns what commits and closes it."""
    if url.startswith("sqlite:///"):
        lite = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        lite.execute("BEGIN IMMEDIATE")
        lite.execute(sql)

        def commit_lite() -> None:
            lite.execute("COMMIT")
            lite.close()

        return commit_lite
    import psycopg

    conn = psycopg.connect(url)  # not autocommit: the statement opens a transaction
    conn.execute(sql.encode())

    def commit_pg() -> None:
        conn.commit()
        conn.close()

    return commit_pg


def test_web_answer_made_during_another_write_is_not_kept_past_its_commit(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store)
    app = create_app(store_url)
    failed = {"status": "failed"}
    with live_server(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/documents", params=failed).json()["total"] == 0
        # Another process has begun writing (not committed yet) when the next answers are made.
        commit = begin_write(
            store_url,
            "INSERT INTO ledger (origin, locator, doc_id, status, reason, time) "
            "VALUES ('late.txt', NULL, NULL, 'failed', 'unreadable', '2024-01-30T10:00:00+00:00')",
        )
        hits = app.state.cache.hits
        assert client.get("/documents", params=failed).json()["total"] == 0
        assert client.get("/documents", params=failed).json()["total"] == 0
        assert app.state.cache.hits > hits, "the answer made during the write was kept"
        commit()
        assert client.get("/documents", params=failed).json()["total"] == 1


def test_web_dashboard_is_the_report(api: httpx.Client) -> None:
    response = api.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    html = response.text
    assert html.count("<circle ") == 5
    assert "&lt;img src=x onerror=alert(&#39;place&#39;)&gt;" in html
    assert '<a href="events">' in html


def test_web_docs_page_needs_no_cdn(api: httpx.Client) -> None:
    response = api.get("/docs")
    assert response.status_code == 200
    assert "<script" not in response.text and "cdn" not in response.text.lower()
    assert "/events.geojson" in response.text
    assert api.get("/redoc").status_code == 404


def test_web_openapi_is_valid(api: httpx.Client) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    spec = api.get("/openapi.json").json()
    validator.validate(spec)
    assert spec["openapi"].startswith("3.")
    assert {"/events", "/events.geojson", "/events/{event_id}", "/claims", "/documents", "/health"} <= set(
        spec["paths"]
    )


def test_web_serves_concurrent_readers(api: httpx.Client) -> None:
    paths = ["/events?country=Iraq", "/events.geojson", "/claims", "/", "/health", "/documents"] * 10

    def get(path: str) -> int:
        return api.get(path).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert set(pool.map(get, paths)) == {200}


def test_web_dashboard_rendered_once_for_concurrent_visitors(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store)
    app = create_app(store_url)
    with (
        live_server(app) as base,
        httpx.Client(base_url=base, timeout=30) as client,
        ThreadPoolExecutor(max_workers=20) as pool,
    ):
        pages = list(pool.map(lambda _: client.get("/").text, range(40)))
    assert len(set(pages)) == 1
    assert app.state.cache.misses == 1 and app.state.cache.hits >= 1
