"""The triage eval: scores per kind and action, and the CI gate's exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.evals.triage import Case, evaluate
from tests.helpers import run_cli


def _write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    (folder / f"{name}.jsonl").write_text(lines + "\n", encoding="utf-8")


SALES = "Hi Ana, loved your post! We help SaaS teams double their pipeline. Open to a quick call?"
STOCK = "Hi Ana, I'd like to join your LinkedIn network."


def test_precision_and_recall_per_kind_and_action() -> None:
    cases = [
        Case(id="a", lang="en", text=SALES, kind="sales", action="decline"),
        Case(id="b", lang="en", text=STOCK, kind="stock", action="ask"),
        Case(id="c", lang="en", text=STOCK, kind="sales", action="decline"),  # mislabelled
    ]
    report = evaluate(cases, name="mini")
    sales = report.score("kind", "sales")
    stock = report.score("kind", "stock")
    assert sales is not None and (sales.precision, sales.recall) == (1.0, 0.5)
    assert stock is not None and (stock.precision, stock.recall) == (0.5, 1.0)
    assert [miss.id for miss in report.misses] == ["c"]
    assert report.kind_accuracy == pytest.approx(2 / 3)


def test_the_gate_fails_below_a_threshold_and_passes_at_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        "notes",
        [
            {"id": "a", "lang": "en", "text": SALES, "kind": "sales", "action": "decline"},
            {"id": "b", "lang": "en", "text": STOCK, "kind": "other", "action": "ask"},
        ],
    )
    args = ["eval", "triage", "--cases", str(tmp_path), "--set", "notes", "--quiet"]
    assert run_cli(*args, "--min-recall", "sales=1.0").code == 0
    missed = run_cli(*args, "--min-kind-accuracy", "0.9")
    assert missed.code == 1 and "kind accuracy 0.50 < 0.9" in missed.stderr
    shown = run_cli(*args, "--json")
    assert shown.code == 0
    payload = json.loads(shown.stdout)
    assert payload["passed"] is True and payload["sets"][0]["cases"] == 2


def test_a_sales_note_given_a_meeting_fails_the_gate_whatever_the_thresholds() -> None:
    from tactful.evals.triage import Gate, check_gate

    pitch = SALES + " We're looking for design partners next week."
    report = evaluate([Case(id="a", lang="en", text=pitch, kind="sales", action="decline")])
    assert report.sales_meet == 0 and check_gate(report, Gate()) == []
    flagged = report.model_copy(update={"sales_meet": 1})
    assert check_gate(flagged, Gate()) == ["cases: 1 sales note(s) proposed a meeting"]


def test_shipped_sets_are_well_formed_and_cover_every_kind() -> None:
    from tactful.evals.triage import load_cases

    notes = load_cases("notes")
    assert len(notes) >= 120
    assert {c.lang for c in notes} == {"fr", "en"}
    assert {c.kind for c in notes} >= {
        "content",
        "event",
        "group",
        "mutual",
        "recruiter",
        "advice",
        "collaboration",
        "sales",
        "stock",
        "other",
    }
    assert len(load_cases("followups")) >= 40
    assert {c.kind for c in load_cases("followups")} == {"pitch", "genuine", "other"}
    held = {c.text for c in load_cases("holdout")}
    assert not held & {c.text for c in notes}, "held-out cases must not be in the tuning set"


def test_blind_sets_are_large_and_apart_from_tuning() -> None:
    """The blind sets were written before tuning on them: they must stay apart and big enough."""
    from tactful.evals.triage import load_cases

    blind = load_cases("blind_notes")
    assert len(blind) >= 100
    assert sum(c.kind == "sales" for c in blind) >= 45
    assert sum(c.kind == "stock" for c in blind) >= 15
    assert len(load_cases("blind_followups")) >= 30
    tuning = {c.text for c in load_cases("notes")} - {""}  # the empty note is everywhere
    later = [*load_cases("blind2_notes"), *load_cases("blind3_notes")]
    assert not tuning & {c.text for c in [*blind, *later]}


@pytest.mark.parametrize("name", ["blind_notes", "blind2_notes", "blind3_notes"])
def test_blind_notes_meet_the_release_targets(name: str) -> None:
    """What the team checks on real notes: pitches found and never met, stock lines stock."""
    from tactful.evals.triage import evaluate_set

    report = evaluate_set(name)
    sales, stock = report.score("kind", "sales"), report.score("kind", "stock")
    assert report.sales_meet == 0
    assert sales is not None and sales.recall >= 0.90 and sales.precision >= 0.90
    assert stock is not None and stock.recall >= 0.90


@pytest.mark.parametrize("name", ["blind_followups", "blind2_followups", "blind3_followups"])
def test_blind_followups_tell_the_two_types_apart(name: str) -> None:
    """The method's follow-ups: 'here is my work' is a pitch, 'I respect your choice' genuine."""
    from tactful.evals.triage import evaluate_set

    report = evaluate_set(name)
    pitch, genuine = report.score("kind", "pitch"), report.score("kind", "genuine")
    assert pitch is not None and pitch.recall >= 0.90 and pitch.precision >= 0.90
    assert genuine is not None and genuine.recall >= 0.90 and genuine.precision >= 0.90
