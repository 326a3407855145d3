"""``tactful eval validator``: the table, the JSON, and the thresholds that gate CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # the validator eval over every labelled set

FULL = {"appreciation": True, "rationale": True, "openness": True, "no_pitch": True}
GOOD = (
    "Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I have met in person "
    "or through a group. If you are at the next meetup, come say hi!"
)


def rows_file(tmp_path: Path, labels: dict[str, bool]) -> Path:
    path = tmp_path / "rows.jsonl"
    rows = [{"id": f"r{i}", "lang": "en", "text": GOOD, "labels": labels} for i in range(3)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_shipped_rows_pass_the_validator_issue_thresholds() -> None:
    run = run_cli("eval", "validator")
    assert run.code == 0, run.stderr
    assert "valid accuracy" in run.stdout and run.stderr.startswith("PASS")


def test_a_disagreement_below_the_thresholds_exits_1_and_names_it(tmp_path: Path) -> None:
    # The labels say the openness is missing; the validator sees it: precision and accuracy drop.
    wrong = rows_file(tmp_path, {**FULL, "openness": False})
    run = run_cli("eval", "validator", str(wrong))
    assert run.code == 1
    assert "FAIL:" in run.stderr and "valid accuracy 0.000 < 0.92" in run.stderr
    assert "r0:openness" in run.stdout
    lenient = run_cli("eval", "validator", str(wrong), "--min-accuracy=0", "--min-precision=0")
    assert lenient.code == 0, lenient.stderr


def test_json_spells_out_the_ratios(tmp_path: Path) -> None:
    run = run_cli("eval", "validator", str(rows_file(tmp_path, FULL)), "--json")
    assert run.code == 0
    data = json.loads(run.stdout)
    assert data["rows"] == 3
    assert data["scores"]["openness"]["all"]["recall"] == 1.0
    assert data["scores"]["valid"]["en"]["tp"] == 3


def test_missing_or_malformed_rows_are_usage_errors(tmp_path: Path) -> None:
    assert run_cli("eval", "validator", str(tmp_path / "none.jsonl")).code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    run = run_cli("eval", "validator", str(bad))
    assert run.code == 2 and "bad.jsonl:1" in run.stderr
