"""Measure the selling judgement on its three kinds of text: notes, follow-ups and replies.

Telling selling from networking is decided in three places (the triage of a note, the
triage of a follow-up after a decline, the validator's ``no_pitch`` on a reply); this
eval scores the three on one blind round, ``evals/selling/``, written before the
detector's corpus (``training/selling/``) was read:

- ``notes.jsonl`` (``kind`` sales, stock or genuine): a note is called selling when the
  triage says ``sales``, stock when it says ``stock``; a sales note must never be
  offered a meeting.
- ``followups.jsonl`` (``kind`` pitch, genuine or other): the follow-up triage's kind.
- ``replies.jsonl`` (``no_pitch`` true or false): a reply pitches when ``no_pitch`` fails.

``round2_*`` are a second round by another author, written after the first round's
fixes and measured once before any change of its own; ``round3_*`` a third, measured
once on the finished detector.

Figures are named ``set.metric`` (``notes.sales_recall``, ``replies.pitch_precision``...)
so that a gate names them the same way: ``--min notes.sales_recall=0.9``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tactful.errors import UsageError
from tactful.resources import shipped_dir

SETS: tuple[str, ...] = (
    "notes",
    "followups",
    "replies",
    "round2_notes",
    "round2_followups",
    "round2_replies",
    "round3_notes",
    "round3_followups",
    "round3_replies",
)
"""Round 1 (``notes``...), round 2 and round 3 (``round2_*``, ``round3_*``), each written
blind by another author."""


class Row(BaseModel):
    """One labelled text: a note or follow-up has a ``kind``, a reply a ``no_pitch``."""

    id: str
    lang: Literal["fr", "en"]
    text: str
    kind: str | None = None
    no_pitch: bool | None = None


class Miss(BaseModel):
    """A text judged wrong, with what was said and why."""

    id: str
    expected: str
    got: str
    why: str


class SetReport(BaseModel):
    """Figures of one set, by name, and the texts judged wrong."""

    name: str
    cases: int
    figures: dict[str, float]
    misses: list[Miss] = Field(default_factory=list)


def load(name: str, folder: Path | None = None) -> list[Row]:
    """The rows of one set, in file order."""
    path = (folder or shipped_dir("evals") / "selling") / f"{name}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [Row.model_validate_json(line) for line in handle if line.strip()]


def _rates(pairs: Sequence[tuple[bool, bool]]) -> tuple[float, float]:
    """(precision, recall) of the positive class, from (expected, got) pairs."""
    true_positive = sum(1 for expected, got in pairs if expected and got)
    predicted = sum(1 for _, got in pairs if got)
    support = sum(1 for expected, _ in pairs if expected)
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / support if support else 1.0
    return precision, recall


def evaluate_notes(rows: Sequence[Row]) -> SetReport:
    """Sales precision and recall, stock recall, and sales notes offered a meeting."""
    from tactful.triage import triage_note

    sales: list[tuple[bool, bool]] = []
    stock: list[tuple[bool, bool]] = []
    sales_meet = 0
    misses = []
    for row in rows:
        result = triage_note(row.text, lang=row.lang)
        sales.append((row.kind == "sales", result.kind == "sales"))
        stock.append((row.kind == "stock", result.kind == "stock"))
        met = row.kind == "sales" and result.action == "meet"
        sales_meet += met
        if sales[-1][0] != sales[-1][1] or stock[-1][0] != stock[-1][1] or met:
            got = f"{result.kind}/{result.action}"
            misses.append(Miss(id=row.id, expected=row.kind or "", got=got, why=result.reason))
    sales_precision, sales_recall = _rates(sales)
    stock_precision, stock_recall = _rates(stock)
    figures = {
        "sales_precision": sales_precision,
        "sales_recall": sales_recall,
        "stock_precision": stock_precision,
        "stock_recall": stock_recall,
        "sales_meet": float(sales_meet),
    }
    return SetReport(name="notes", cases=len(rows), figures=figures, misses=misses)


def evaluate_followups(rows: Sequence[Row]) -> SetReport:
    """Pitch precision and recall, genuine recall."""
    from tactful.triage import triage_followup

    pitch: list[tuple[bool, bool]] = []
    genuine: list[tuple[bool, bool]] = []
    misses = []
    for row in rows:
        result = triage_followup(row.text, lang=row.lang)
        pitch.append((row.kind == "pitch", result.kind == "pitch"))
        genuine.append((row.kind == "genuine", result.kind == "genuine"))
        if result.kind != row.kind:
            misses.append(
                Miss(id=row.id, expected=row.kind or "", got=result.kind, why=result.reason)
            )
    pitch_precision, pitch_recall = _rates(pitch)
    _, genuine_recall = _rates(genuine)
    figures = {
        "pitch_precision": pitch_precision,
        "pitch_recall": pitch_recall,
        "genuine_recall": genuine_recall,
    }
    return SetReport(name="followups", cases=len(rows), figures=figures, misses=misses)


def evaluate_replies(rows: Sequence[Row]) -> SetReport:
    """``no_pitch`` as a detector of pitching replies: precision and recall of its failures."""
    from tactful.validation import validate

    pitch: list[tuple[bool, bool]] = []
    misses = []
    for row in rows:
        check = validate(row.text, lang=row.lang).checks.get("no_pitch")
        pitches = row.no_pitch is False
        caught = check is not None and not check.passed
        pitch.append((pitches, caught))
        if pitches != caught:
            why = "; ".join(check.spans) if check is not None and check.spans else "nothing found"
            misses.append(
                Miss(
                    id=row.id,
                    expected="pitch" if pitches else "clean",
                    got="pitch" if caught else "clean",
                    why=why,
                )
            )
    precision, recall = _rates(pitch)
    clean_precision, clean_recall = _rates([(not e, not g) for e, g in pitch])
    figures = {
        "pitch_precision": precision,
        "pitch_recall": recall,
        "clean_precision": clean_precision,
        "clean_recall": clean_recall,
    }
    return SetReport(name="replies", cases=len(rows), figures=figures, misses=misses)


_EVALUATE = {"notes": evaluate_notes, "followups": evaluate_followups, "replies": evaluate_replies}


def evaluate(name: str, folder: Path | None = None) -> SetReport:
    """Load and score one set (its kind of text is the last part of its name)."""
    if name not in SETS:
        raise UsageError(f"unknown selling set {name!r}; choose from {', '.join(SETS)}")
    report = _EVALUATE[name.rpartition("_")[2]](load(name, folder))
    return report.model_copy(update={"name": name})


def check_gate(
    reports: Sequence[SetReport], minimums: Mapping[str, float], *, max_sales_meet: int = 0
) -> list[str]:
    """Every missed minimum (``set.metric``), and sales notes offered a meeting beyond
    ``max_sales_meet`` in a set (none by default: the method never meets a pitch)."""
    figures = {f"{r.name}.{k}": v for r in reports for k, v in r.figures.items()}
    failures = [
        f"{r.name}: {int(r.figures['sales_meet'])} sales note(s) offered a meeting"
        for r in reports
        if r.figures.get("sales_meet", 0) > max_sales_meet
    ]
    for metric, limit in minimums.items():
        if metric not in figures:
            raise UsageError(f"no figure {metric!r}; choose from {', '.join(sorted(figures))}")
        if figures[metric] < limit:
            failures.append(f"{metric} {figures[metric]:.3f} < {limit}")
    return failures


def format_report(report: SetReport, *, show_misses: bool = True) -> str:
    """The set's figures, a line each, then its misses."""
    lines = [f"{report.name}: {report.cases} cases"]
    lines += [f"  {name:<18}{value:>7.3f}" for name, value in report.figures.items()]
    if show_misses and report.misses:
        lines.append("  misses:")
        lines += [
            f"    {m.id}: expected {m.expected}, got {m.got} ({m.why})" for m in report.misses
        ]
    return "\n".join(lines)


def run(
    sets: Sequence[str] | None,
    minimums: Mapping[str, float],
    *,
    as_json: bool = False,
    quiet: bool = False,
    folder: Path | None = None,
    max_sales_meet: int = 0,
) -> int:
    """Score, print (tables or one JSON object) and gate; 1 when a minimum is missed."""
    reports = [evaluate(name, folder) for name in (sets or SETS)]
    failures = check_gate(reports, minimums, max_sales_meet=max_sales_meet)
    from tactful.evals.gates import print_gated

    tables = "\n\n".join(format_report(r, show_misses=not quiet) for r in reports)
    return print_gated(
        tables, {"sets": [r.model_dump() for r in reports]}, failures, as_json=as_json
    )
