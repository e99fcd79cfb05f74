"""Checks that keep the independent evaluation corpus honest.

The corpus is scored by the project's scorer, so a typo in a sub-event type, a quote that drifted from its
document or two gold lines for one event would silently distort every figure measured on it.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.lexicon.schema import CODED_WEAPONS
from sitroom.model import EVENT_TYPES

CORPUS = Path(__file__).parent
DOC_PATHS = sorted((CORPUS / "docs").glob("*.json"))
GOLD = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
DOCS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in DOC_PATHS}
# Sibling checkout of the shared evaluation material; absent outside the project's workspace.
SCORER = CORPUS.parents[2] / "shared" / "eval" / "score.py"

ACLED_TYPES = {main: set(subs) for main, subs in EVENT_TYPES.items()}
ALL_SUB_TYPES = set().union(*ACLED_TYPES.values())
WEAPONS = set(CODED_WEAPONS)
# Policy briefings, aid announcements and explainers that mention attacks only as tallies or history.
EVENT_FREE = {"015", "016", "023", "030", "034", "040", "131"}


@pytest.mark.parametrize("path", DOC_PATHS, ids=lambda p: p.stem)
def test_corpus_document_follows_input_format(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"id", "url", "title", "publisher", "published", "text"}
    assert doc["id"] == path.stem
    assert doc["url"].startswith("https://") and doc["title"] and doc["publisher"]
    if doc["published"] is not None:
        date.fromisoformat(doc["published"])
    assert 800 <= len(doc["text"]) <= 2500


def test_corpus_has_its_documents_and_the_named_event_free_ones() -> None:
    assert len(DOCS) == 290
    cited = {doc_id for event in GOLD for doc_id in event["docs"]}
    assert set(DOCS) - cited == EVENT_FREE
    assert cited <= set(DOCS)


@pytest.mark.parametrize("event", GOLD, ids=lambda e: e["id"])
def test_corpus_gold_uses_acled_vocabulary(event: dict) -> None:
    assert event["sub_event_type"] in ACLED_TYPES[event["event_type"]]
    assert set(event.get("sub_event_type_alt", [])) <= ALL_SUB_TYPES
    assert set(event["weapons"]) <= WEAPONS
    assert event["time_precision"] in (1, 2, 3)
    if event["event_date"] is not None:
        date.fromisoformat(event["event_date"])
    for field in ("fatalities", "injuries"):
        assert event[field] is None or (isinstance(event[field], int) and event[field] >= 0)
    assert event["actor1"] and event["country"]
    assert isinstance(event.get("optional", False), bool)


@pytest.mark.parametrize("event", GOLD, ids=lambda e: e["id"])
def test_corpus_evidence_quotes_occur_verbatim(event: dict) -> None:
    texts = [DOCS[doc_id]["text"] for doc_id in event["docs"]]
    for quote in event["evidence"]:
        assert any(quote in text for text in texts), quote
    # Every document listed must itself tell of the event, or fusion is rewarded for nothing.
    for doc_id, text in zip(event["docs"], texts, strict=True):
        assert any(quote in text for quote in event["evidence"]), doc_id


def test_corpus_gold_has_one_line_per_event() -> None:
    ids = [event["id"] for event in GOLD]
    assert len(ids) == len(set(ids))
    keys = [
        # (two ships struck at sea on one day by one side are two events: the sub-type may tell them apart)
        (
            e["sub_event_type"],
            e["event_date"],
            e["country"],
            e["admin1"],
            e["location"],
            e["actor1"],
            e["actor2"],
        )
        for e in GOLD
    ]
    assert len(keys) == len(set(keys))


@pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present in this checkout")
def test_corpus_gold_scores_perfectly_against_itself() -> None:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    result = scorer.score(GOLD, GOLD)
    assert result["f1"] == 1.0 and result["duplicates"] == 0
    assert all(value in (None, 1.0) for value in result["fields"].values())
