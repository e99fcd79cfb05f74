"""Small geographic helpers shared by the extractor, fusion and the report."""

from __future__ import annotations

import math
from typing import Protocol


class Located(Protocol):
    @property
    def latitude(self) -> float | None: ...

    @property
    def longitude(self) -> float | None: ...


def distance_km(a: Located, b: Located) -> float:
    """Great-circle distance in kilometres; infinite where either point is unknown."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
