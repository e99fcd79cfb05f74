"""sitroom: news reports about armed conflict in, an ACLED-style event dataset out."""

from __future__ import annotations

__version__ = "0.1.0"
