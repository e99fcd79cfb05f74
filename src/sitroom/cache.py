"""A per-user cache for what is slow to build and quick to load: the compiled recogniser.

Building the recogniser's automaton from the lexicon's 270,000 surface forms takes about
4.5 s on one core; loading the pickled automaton takes 0.3 s. Every ``sitroom`` command that
reads text pays the build once per process, so the result is kept on disk, keyed by the
lexicon's fingerprint (a digest of every data file read) and by the code that builds it.
Anything that does not match exactly is ignored and rebuilt; a cache that cannot be read
or written costs the build and nothing else.

Where: ``$SITROOM_CACHE`` if set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/sitroom``, else ``~/.cache/sitroom``. Only the user's own files are
ever unpickled from there. Of each kind of entry, the :data:`KEEP` most recently written stay.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ENV_VAR = "SITROOM_CACHE"
KEEP = 3
log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """The cache folder, or None where the user turned the cache off."""
    raw = os.environ.get(ENV_VAR)
    if raw is not None:
        return None if raw.strip().lower() in ("off", "0", "no", "false") else Path(raw)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitroom"


def key_for(*parts: str, files: Iterable[str | Path] = ()) -> str:
    """A key from strings and the bytes of source files (so that editing the code invalidates)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (*parts, sys.version, sys.implementation.cache_tag or ""):
        digest.update(part.encode() + b"\0")
    for f in files:
        digest.update(Path(f).read_bytes() + b"\0")
    return digest.hexdigest()


def _path(kind: str, key: str) -> Path | None:
    d = cache_dir()
    return d / f"{kind}-{key}.pickle" if d is not None else None


def load(kind: str, key: str) -> Any | None:
    """The value stored under (kind, key), or None if there is none or it cannot be read."""
    path = _path(kind, key)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception as err:  # a truncated or foreign file: rebuild and overwrite it
        log.debug("cache entry %s unreadable (%s); rebuilding", path, err)
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Write the value atomically, then drop the oldest entries of the kind beyond KEEP."""
    path = _path(kind, key)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{kind}-", delete=False) as fh:
            tmp = fh.name
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        others = [p for p in path.parent.glob(f"{kind}-*.pickle") if p != path]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[KEEP - 1 :]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as err:
        log.debug("cannot write cache entry %s: %s", path, err)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
