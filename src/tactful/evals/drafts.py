"""Score the validator as a model's judge: good drafts it must accept, broken copies it must reject.

``evals/validator/drafts/*.jsonl`` holds replies written as a strong model would answer
Tactful's prompt (``kind: good``), each next to a copy carrying exactly one defect a model
makes (``kind: defect``: an offer slipped in, a booking link, a part removed, the wrong
language, the recipient greeted, a detail the note never mentions...). Each row is judged
exactly as the pipeline judges a draft: with its language, style and invitation. Two
figures matter to a user: how often a good draft is thrown away for nothing (the **false
rejection rate**, which costs a re-ask and, at worst, a worse offline reply) and how often
a broken one gets through (the **catch rate**, per kind of defect).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tactful.evals.validator import ALL, load_jsonl

Kind = Literal["good", "defect"]


class DraftRow(BaseModel):
    """One drafted reply to one invitation, good or with one named defect."""

    id: str
    lang: Literal["fr", "en"]
    style: Literal["long", "short"]
    invitation: str
    text: str
    kind: Kind
    defect: str | None = None
    of: str | None = None
    note: str = ""

    @property
    def slice(self) -> str:
        return f"{self.lang}-{self.style}"


class Tally(BaseModel):
    """How many rows of a slice the validator got right, out of how many."""

    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, right: bool) -> None:
        self.total += 1
        self.right += int(right)


class Verdict(BaseModel):
    """A row the validator got wrong, with what it said."""

    id: str
    kind: Kind
    defect: str | None = None
    failed: list[str] = Field(default_factory=list)


class DraftsEval(BaseModel):
    """Good drafts accepted and defects caught, per slice (``en-long``...) and per defect."""

    accepted: dict[str, Tally]
    caught: dict[str, Tally]
    caught_by_defect: dict[str, Tally]
    wrong: list[Verdict]

    @property
    def false_rejection_rate(self) -> float:
        return 1.0 - self.accepted[ALL].rate if ALL in self.accepted else 0.0

    @property
    def catch_rate(self) -> float:
        return self.caught[ALL].rate if ALL in self.caught else 1.0


def load_draft_rows(path: str | Path) -> list[DraftRow]:
    """Read a JSONL file of drafts."""
    return load_jsonl(path, DraftRow)


def evaluate_drafts(rows: Iterable[DraftRow]) -> DraftsEval:
    """Judge every row as the pipeline would, and count what was accepted and caught."""
    from tactful.validation import validate

    accepted: dict[str, Tally] = {}
    caught: dict[str, Tally] = {}
    by_defect: dict[str, Tally] = {}
    wrong: list[Verdict] = []
    for row in rows:
        report = validate(row.text, lang=row.lang, style=row.style, invitation=row.invitation)
        if row.kind == "good":
            for key in (row.slice, ALL):
                accepted.setdefault(key, Tally()).add(report.valid)
            if not report.valid:
                wrong.append(Verdict(id=row.id, kind="good", failed=list(report.failures())))
            continue
        for key in (row.slice, ALL):
            caught.setdefault(key, Tally()).add(not report.valid)
        by_defect.setdefault(row.defect or "unnamed", Tally()).add(not report.valid)
        if report.valid:
            wrong.append(Verdict(id=row.id, kind="defect", defect=row.defect))
    return DraftsEval(accepted=accepted, caught=caught, caught_by_defect=by_defect, wrong=wrong)


def drafts_misses(
    result: DraftsEval, *, max_false_rejection: float = 0.03, min_catch: float = 0.95
) -> list[str]:
    """One line per threshold the run falls short of; empty when the gate holds."""
    out = []
    if not result.accepted and not result.caught:
        return ["no drafts were read"]
    if result.false_rejection_rate > max_false_rejection:
        out.append(
            f"false rejection rate {result.false_rejection_rate:.3f} > {max_false_rejection:.2f}"
        )
    if result.catch_rate < min_catch:
        out.append(f"catch rate {result.catch_rate:.3f} < {min_catch:.2f}")
    return out


def format_drafts(result: DraftsEval) -> str:
    """A plain-text table: acceptance and catch rates per slice, catch rate per defect."""
    lines = [f"{'drafts':<22}{'good accepted':>16}{'defects caught':>18}"]
    for key in sorted(set(result.accepted) | set(result.caught), key=lambda k: (k == ALL, k)):
        good = result.accepted.get(key, Tally())
        bad = result.caught.get(key, Tally())
        lines.append(
            f"{key:<22}{good.right:>7}/{good.total:<4}{good.rate:>5.3f}"
            f"{bad.right:>8}/{bad.total:<4}{bad.rate:>6.3f}"
        )
    for defect, tally in sorted(result.caught_by_defect.items()):
        lines.append(f"  caught {defect:<24}{tally.right:>4}/{tally.total:<4}{tally.rate:>6.3f}")
    lines.append(
        f"false rejection rate {result.false_rejection_rate:.3f}, "
        f"catch rate {result.catch_rate:.3f}"
    )
    if result.wrong:
        lines.append(
            "wrong: "
            + ", ".join(
                f"{v.id}:rejected({'+'.join(v.failed)})" if v.kind == "good" else f"{v.id}:missed"
                for v in result.wrong
            )
        )
    return "\n".join(lines)


def drafts_json(result: DraftsEval) -> dict[str, object]:
    """The figures with their rates spelled out, for ``--json`` readers."""

    def table(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
        return {
            key: {"right": t.right, "total": t.total, "rate": round(t.rate, 4)}
            for key, t in tallies.items()
        }

    return {
        "false_rejection_rate": round(result.false_rejection_rate, 4),
        "catch_rate": round(result.catch_rate, 4),
        "accepted": table(result.accepted),
        "caught": table(result.caught),
        "caught_by_defect": table(result.caught_by_defect),
        "wrong": [v.model_dump() for v in result.wrong],
    }


def default_drafts_dir() -> Path:
    from tactful.resources import shipped_dir

    return shipped_dir("evals") / "validator" / "drafts"
