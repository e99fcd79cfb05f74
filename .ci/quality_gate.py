"""The quality gate: code the shared development corpus and score it with the shared scorer.

Fails (exit 1) when F1, the duplicate rate or a field accuracy falls below the floors pinned in
quality-floors.json next to this file. Floors are raised as quality rises, never lowered to pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The shared evaluation set sits beside the checkout; SITROOM_EVAL names another place for it.
EVAL = Path(os.environ.get("SITROOM_EVAL") or ROOT.parent / "shared" / "eval")
SITROOM = ROOT / ".venv" / "bin" / "sitroom"


def main() -> int:
    floors = json.loads((Path(__file__).with_name("quality-floors.json")).read_text("utf-8"))
    if not (EVAL / "score.py").exists():
        print(f"quality gate: {EVAL} not found; the gate needs the shared evaluation set", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "eval.db"
        pred = Path(tmp) / "pred.jsonl"
        subprocess.run([str(SITROOM), "run", str(EVAL / "dev" / "docs"), "--db", str(db), "-q"], check=True)
        with pred.open("w", encoding="utf-8") as fh:
            subprocess.run([str(SITROOM), "events", "--db", str(db), "--format", "jsonl"], check=True, stdout=fh)
        out = subprocess.run(
            [sys.executable, str(EVAL / "score.py"), str(EVAL / "dev" / "gold.jsonl"), str(pred), "--json"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    result = json.loads(out.stdout)
    failures = []
    print(f"F1 {result['f1']:.3f}  precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"duplicates {result['duplicates']}/{result['predicted']}")  # fmt: skip
    if result["f1"] < floors["f1"]:
        failures.append(f"F1 {result['f1']:.3f} < floor {floors['f1']:.3f}")
    dup_rate = result["duplicates"] / max(1, result["predicted"])
    if dup_rate > floors["max_duplicate_rate"]:
        failures.append(f"duplicate rate {dup_rate:.3f} > {floors['max_duplicate_rate']:.3f}")
    for field, floor in floors["fields"].items():
        value = result["fields"].get(field)
        print(f"  {field:15s} {value if value is not None else '-'}  (floor {floor})")
        if value is not None and value < floor:
            failures.append(f"{field} {value:.3f} < floor {floor:.3f}")
    for f in failures:
        print(f"quality gate: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
