"""Content ids: stable across versions, so stored events keep their ids."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from sitroom.model import content_id

SCALARS = st.one_of(
    st.none(), st.text(), st.integers(), st.dates(), st.booleans(), st.floats(allow_nan=False)
)
PARTS = st.one_of(
    SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.text(max_size=3), SCALARS, max_size=3)
)


@given(st.lists(PARTS, max_size=6))
def test_model_content_id_is_sha256_of_each_part_as_canonical_json(parts: list) -> None:
    """The id is the digest of each part as sorted-key JSON (dates as ISO text), parts separated by
    0x1f: the fast path for plain values must write exactly what the JSON encoder writes."""
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
        h.update(b"\x1f")
    assert content_id(*parts) == h.hexdigest()[:16]


def test_model_content_id_of_known_parts_never_changes() -> None:
    """Pinned: a change here would give every stored event a new id."""
    assert content_id("doc-1", "Air/drone strike", None, 3) == "b758407dd7fb9a18"
    assert content_id("a", 1) != content_id("a", "1")
