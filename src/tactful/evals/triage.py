"""Evaluate the triage on labelled notes and follow-ups: precision and recall per kind and action.

Cases live in ``evals/triage/*.jsonl`` (one JSON object a line: ``id``, ``lang``,
``text``, ``kind``, ``action``). ``notes`` and ``followups`` are the sets the
lexicons were tuned on; ``holdout`` and ``holdout_followups`` were written apart,
in other words, and are never used to tune: the gap between the two is the
honest estimate of how the triage does on notes nobody has seen. ``blind_notes``
and ``blind_followups`` were written by a second author before reading the cue
lists (many pitches in disguise, stock-line variants); their first-run figures
are in the README, and later fixes are general cues, never their wording.
``blind2_*`` is a second round written after those fixes, measured once the same way;
``blind3_*`` a third (vendor-sponsored events, free audits, advisers, MLM, feedback asks).

``tactful eval triage`` prints the tables and, with thresholds, exits 1 when one
is missed (the CI gate). A sales note proposed a meeting always fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from tactful.errors import UsageError
from tactful.resources import shipped_dir

SetName = Literal[
    "notes",
    "followups",
    "holdout",
    "holdout_followups",
    "blind_notes",
    "blind_followups",
    "blind2_notes",
    "blind2_followups",
    "blind3_notes",
    "blind3_followups",
]
SETS: dict[str, bool] = {
    "notes": False,
    "followups": True,
    "holdout": False,
    "holdout_followups": True,
    "blind_notes": False,
    "blind_followups": True,
    "blind2_notes": False,
    "blind2_followups": True,
    "blind3_notes": False,
    "blind3_followups": True,
}
"""Each set and whether it holds follow-ups (replies to a decline) rather than notes."""


class Case(BaseModel):
    """One labelled text."""

    id: str
    lang: Literal["fr", "en"]
    text: str
    kind: str
    action: str


class Score(BaseModel):
    """Precision and recall of one label (a kind or an action)."""

    label: str
    support: int
    predicted: int
    correct: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 1.0


class Miss(BaseModel):
    """A case the triage got wrong, with what it said instead."""

    id: str
    expected: str
    got: str
    reason: str


class SetReport(BaseModel):
    """Results on one case set."""

    name: str
    cases: int
    kind_accuracy: float
    action_accuracy: float
    kinds: list[Score]
    actions: list[Score]
    sales_meet: int = 0
    misses: list[Miss] = Field(default_factory=list)

    def score(self, axis: Literal["kind", "action"], label: str) -> Score | None:
        table = self.kinds if axis == "kind" else self.actions
        return next((s for s in table if s.label == label), None)


def load_cases(name: str, folder: Path | None = None) -> list[Case]:
    """Read one set (``notes``, ``followups``, ``holdout``, ``holdout_followups``)."""
    path = (folder or shipped_dir("evals") / "triage") / f"{name}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [Case.model_validate_json(line) for line in handle if line.strip()]


def _scores(pairs: list[tuple[str, str]]) -> list[Score]:
    labels = sorted({expected for expected, _ in pairs} | {got for _, got in pairs})
    return [
        Score(
            label=label,
            support=sum(1 for expected, _ in pairs if expected == label),
            predicted=sum(1 for _, got in pairs if got == label),
            correct=sum(1 for expected, got in pairs if expected == got == label),
        )
        for label in labels
    ]


def evaluate(cases: Sequence[Case], *, followup: bool = False, name: str = "cases") -> SetReport:
    """Run the triage on every case and score kinds and actions.

    Each case is triaged in its labelled language, as a caller who knows it
    would (``--lang``); language detection has its own tests.
    """
    from tactful.triage import triage_followup, triage_note

    run: Callable[[str, str], tuple[str, str, str]]
    if followup:

        def run(text: str, lang: str) -> tuple[str, str, str]:
            result = triage_followup(text, lang=lang)
            return result.kind, result.action, result.reason

    else:

        def run(text: str, lang: str) -> tuple[str, str, str]:
            result = triage_note(text, lang=lang)
            return result.kind, result.action, result.reason

    kinds: list[tuple[str, str]] = []
    actions: list[tuple[str, str]] = []
    misses: list[Miss] = []
    sales_meet = 0
    for case in cases:
        kind, action, reason = run(case.text, case.lang)
        kinds.append((case.kind, kind))
        actions.append((case.action, action))
        if action == "meet" and "sales" in (kind, case.kind):
            sales_meet += 1
        if (kind, action) != (case.kind, case.action):
            misses.append(
                Miss(
                    id=case.id,
                    expected=f"{case.kind}/{case.action}",
                    got=f"{kind}/{action}",
                    reason=reason,
                )
            )
    total = max(len(cases), 1)
    return SetReport(
        name=name,
        cases=len(cases),
        kind_accuracy=sum(1 for e, g in kinds if e == g) / total,
        action_accuracy=sum(1 for e, g in actions if e == g) / total,
        kinds=_scores(kinds),
        actions=_scores(actions),
        sales_meet=sales_meet,
        misses=misses,
    )


def evaluate_set(name: str, folder: Path | None = None) -> SetReport:
    """Load and evaluate one named set."""
    if name not in SETS:
        raise ValueError(f"unknown triage set {name!r}; choose from {', '.join(SETS)}")
    return evaluate(load_cases(name, folder), followup=SETS[name], name=name)


def format_report(report: SetReport, *, show_misses: bool = True) -> str:
    """Plain tables: one row per kind and per action, then the misses."""
    lines = [
        f"{report.name}: {report.cases} cases, kind accuracy {report.kind_accuracy:.2f}, "
        f"action accuracy {report.action_accuracy:.2f}, sales proposed a meeting: "
        f"{report.sales_meet}",
        f"  {'label':<15}{'n':>4}{'precision':>11}{'recall':>8}",
    ]
    for title, table in (("kind", report.kinds), ("action", report.actions)):
        lines.append(f"  [{title}]")
        for s in table:
            lines.append(f"  {s.label:<15}{s.support:>4}{s.precision:>11.2f}{s.recall:>8.2f}")
    if show_misses and report.misses:
        lines.append("  misses:")
        for miss in report.misses:
            lines.append(f"    {miss.id}: expected {miss.expected}, got {miss.got}")
    return "\n".join(lines)


class Gate(BaseModel):
    """Thresholds a set must meet (CI)."""

    min_kind_accuracy: float = 0.0
    min_action_accuracy: float = 0.0
    min_recall: dict[str, float] = Field(default_factory=dict)
    min_precision: dict[str, float] = Field(default_factory=dict)


def check_gate(report: SetReport, gate: Gate) -> list[str]:
    """Every threshold the report misses, as lines a person can act on."""
    failures = []
    if report.sales_meet:
        failures.append(f"{report.name}: {report.sales_meet} sales note(s) proposed a meeting")
    if report.kind_accuracy < gate.min_kind_accuracy:
        failures.append(
            f"{report.name}: kind accuracy {report.kind_accuracy:.2f} < {gate.min_kind_accuracy}"
        )
    if report.action_accuracy < gate.min_action_accuracy:
        failures.append(
            f"{report.name}: action accuracy {report.action_accuracy:.2f} "
            f"< {gate.min_action_accuracy}"
        )
    for what, limits in (("recall", gate.min_recall), ("precision", gate.min_precision)):
        for label, limit in limits.items():
            score = report.score("kind", label) or report.score("action", label)
            if score is None:
                failures.append(f"{report.name}: no case labelled {label!r}")
                continue
            value = score.recall if what == "recall" else score.precision
            if value < limit:
                failures.append(f"{report.name}: {label} {what} {value:.2f} < {limit}")
    return failures


def thresholds(values: Sequence[str], option: str) -> dict[str, float]:
    """Parse ``LABEL=NUMBER`` options (``sales=0.9``) into a mapping."""
    out: dict[str, float] = {}
    for value in values:
        label, sep, number = value.partition("=")
        try:
            if not sep:
                raise ValueError
            out[label] = float(number)
        except ValueError:
            raise UsageError(f"{option} expects LABEL=NUMBER, got {value!r}") from None
    return out


def run(
    sets: Sequence[str] | None,
    gate: Gate,
    *,
    as_json: bool = False,
    quiet: bool = False,
    folder: Path | None = None,
) -> int:
    """Evaluate, print the tables (or JSON) and the gate's failures; 1 when one is missed.

    The work of ``tactful eval triage`` (the CLI only parses the options).
    """
    unknown = [name for name in sets or () if name not in SETS]
    if unknown:
        raise UsageError(f"unknown triage set {unknown[0]!r}; choose from {', '.join(SETS)}")
    reports = [evaluate_set(name, folder) for name in (sets or list(SETS))]
    failures = [line for report in reports for line in check_gate(report, gate)]
    from tactful.evals.gates import print_gated

    tables = "\n\n".join(format_report(r, show_misses=not quiet) for r in reports)
    payload = {"sets": [r.model_dump() for r in reports], "gate": gate.model_dump()}
    return print_gated(tables, payload, failures, as_json=as_json)
