"""The HTTP API and live dashboard over a sitroom store.

    >>> serve("sitroom.db", port=8000)  # doctest: +SKIP

``GET /`` is the situation report, rendered per request; ``/events``,
``/events.geojson``, ``/claims`` and ``/documents`` serve the data as JSON;
``/openapi.json`` describes them and ``/docs`` lists them. The server is
read-only unless started with a token, which ``POST /documents`` must carry.
Needs the ``web`` extra: ``pip install 'sitroom[web]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.errors import ConfigError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]

_WEB_PACKAGES = ("fastapi", "starlette", "uvicorn")


def _missing(err: ModuleNotFoundError) -> ConfigError:
    return ConfigError(f"the HTTP API needs FastAPI and uvicorn: pip install 'sitroom[web]' ({err})")


def create_app(db: str | None, token: str | None = None, *, cache_size: int = 256) -> FastAPI:
    """The API over the store at ``db``; ``token`` enables ``POST /documents`` (see :mod:`sitroom.web.app`)."""
    try:
        from sitroom.web import app
    except ModuleNotFoundError as err:
        if (err.name or "").split(".")[0] not in _WEB_PACKAGES:
            raise
        raise _missing(err) from err
    return app.create_app(db, token=token, cache_size=cache_size)


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the API and dashboard with uvicorn until interrupted."""
    if not 0 < port < 65536:
        raise ConfigError(f"port must be between 1 and 65535 (got {port})")
    try:
        import uvicorn
    except ModuleNotFoundError as err:
        raise _missing(err) from err
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
