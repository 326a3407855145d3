"""`tactful eval triage`: the triage eval through the main CLI, with its exit codes."""

from __future__ import annotations

import json

from tests.helpers import run_cli


def test_eval_triage_passes_reachable_thresholds_as_json() -> None:
    result = run_cli("eval", "triage", "--set", "notes", "--json", "--min-recall", "sales=0.5")
    assert result.code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert "notes" in json.dumps(payload)


def test_eval_triage_fails_an_unreachable_threshold() -> None:
    result = run_cli("eval", "triage", "--set", "notes", "--quiet", "--min-kind-accuracy", "1.01")
    assert result.code == 2  # out of range is a usage error
    result = run_cli("eval", "triage", "--set", "followups", "--quiet", "--min-recall", "sales=1")
    assert result.code == 1
    assert "FAIL" in result.stderr


def test_eval_triage_unknown_set_is_a_usage_error() -> None:
    result = run_cli("eval", "triage", "--set", "nope")
    assert result.code == 2
    assert result.stderr.strip().startswith("Error:")
    assert "notes" in result.stderr
