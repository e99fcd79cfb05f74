"""One JSON shape for every error the API answers::

    {"error": {"code": 404, "message": "no event 'abc'", "detail": null}}

Unknown routes, wrong methods, validation failures, refused writes and
unexpected failures all go through these handlers, so a client parses one
shape whatever went wrong.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.errors import StoreError

log = logging.getLogger("sitroom.web")


class ApiError(Exception):
    """An answer other than success, raised by a handler: status, message, optional detail."""

    def __init__(
        self, status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.headers = headers


def error_response(
    status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": status, "message": message, "detail": detail}}
    return JSONResponse(body, status_code=status, headers=headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.message, exc.detail, exc.headers)


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else _phrase(exc.status_code)
    if exc.status_code == 404 and message == "Not Found":
        message = "no such resource: see /openapi.json for the API's paths"
    detail = None if isinstance(exc.detail, str) else jsonable_encoder(exc.detail)
    return error_response(exc.status_code, message, detail, dict(exc.headers or {}) or None)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    # pydantic's entries carry a docs URL and sometimes the whole input; keep what a client acts on.
    detail = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    first = detail[0] if detail else None
    message = "invalid request"
    if first:
        where = ".".join(str(p) for p in first["loc"])
        message = f"invalid request: {where}: {first['msg']}"
    return error_response(422, message, jsonable_encoder(detail))


async def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    log.error("store error: %s", exc)
    return error_response(500, f"database error: {exc}")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    """Route every error through the shape above (each handler is registered for its own type)."""
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)
