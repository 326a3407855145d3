"""Score the validator against labelled replies (``evals/validator/*.jsonl``).

Each row carries the four core labels; the validator's verdicts are compared
per check and per language (precision, recall, F1 and the confusion counts),
and a reply's ``valid`` is "all four core checks pass", as the labels define it
(context checks such as ``short_form`` are not labelled, so they are not scored).
``evaluate`` is pure, so tests and ``tactful eval validator`` share it.

Usage: ``python -m tactful.evals.validator [PATH ...]`` (default: replies.jsonl).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from tactful.validation.report import CORE_CHECKS

ALL = "all"
RowT = TypeVar("RowT", bound=BaseModel)


class Labels(BaseModel):
    """What a person decided the reply carries (``no_pitch`` true means nothing is sold)."""

    appreciation: bool
    rationale: bool
    openness: bool
    no_pitch: bool


class Row(BaseModel):
    """One labelled reply."""

    id: str
    lang: Literal["fr", "en"]
    text: str
    labels: Labels
    style: Literal["long", "short"] | None = None
    invitation: str | None = None
    own_channels: list[str] = Field(default_factory=list)
    note: str = ""

    @property
    def valid(self) -> bool:
        return all(getattr(self.labels, name) for name in CORE_CHECKS)


class Score(BaseModel):
    """Confusion counts for one check on one slice, with the ratios derived from them.

    "Positive" means the check passes (the part is there, or nothing is sold).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1


class Miss(BaseModel):
    """A row where the validator disagreed with the label."""

    id: str
    check: str
    expected: bool
    predicted: bool


class ValidatorEval(BaseModel):
    """Scores per check (the core four and ``valid``) and language (``fr``, ``en``, ``all``)."""

    rows: int
    scores: dict[str, dict[str, Score]]
    valid_accuracy: dict[str, float]
    misses: list[Miss]

    def score(self, check: str, lang: str = ALL) -> Score:
        return self.scores[check][lang]


def load_jsonl(path: str | Path, shape: type[RowT]) -> list[RowT]:
    """Read a JSONL file into ``shape`` rows; a malformed line names its line number."""
    rows = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(shape.model_validate(json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
    return rows


def load_rows(path: str | Path) -> list[Row]:
    """Read a JSONL file of labelled replies."""
    return load_jsonl(path, Row)


def evaluate(rows: Iterable[Row]) -> ValidatorEval:
    """Run the validator on every row and compare with its labels."""
    from tactful.validation import validate

    names = (*CORE_CHECKS, "valid")
    scores: dict[str, dict[str, Score]] = {n: {} for n in names}
    correct: dict[str, list[bool]] = {}
    misses: list[Miss] = []
    count = 0
    for row in rows:
        count += 1
        report = validate(
            row.text,
            lang=row.lang,
            style=row.style,
            invitation=row.invitation,
            own_channels=row.own_channels,
        )
        predicted = {n: report.checks[n].passed for n in CORE_CHECKS}
        predicted["valid"] = all(predicted.values())
        expected = {n: getattr(row.labels, n) for n in CORE_CHECKS}
        expected["valid"] = row.valid
        for name in names:
            for lang in (row.lang, ALL):
                scores[name].setdefault(lang, Score()).add(expected[name], predicted[name])
            if expected[name] != predicted[name] and name != "valid":
                misses.append(
                    Miss(id=row.id, check=name, expected=expected[name], predicted=predicted[name])
                )
        for lang in (row.lang, ALL):
            correct.setdefault(lang, []).append(expected["valid"] == predicted["valid"])
    accuracy = {lang: sum(v) / len(v) for lang, v in correct.items()}
    return ValidatorEval(rows=count, scores=scores, valid_accuracy=accuracy, misses=misses)


def format_table(result: ValidatorEval) -> str:
    """A plain-text table: one line per check and language."""
    lines = [
        f"{'check':<14}{'lang':<5}{'prec':>6}{'rec':>6}{'f1':>6}{'tp':>5}{'fp':>4}{'fn':>4}{'tn':>5}"
    ]
    for name, by_lang in result.scores.items():
        for lang in sorted(by_lang, key=lambda k: (k == ALL, k)):
            s = by_lang[lang]
            lines.append(
                f"{name:<14}{lang:<5}{s.precision:>6.3f}{s.recall:>6.3f}{s.f1:>6.3f}"
                f"{s.tp:>5}{s.fp:>4}{s.fn:>4}{s.tn:>5}"
            )
    acc = ", ".join(f"{lang} {v:.3f}" for lang, v in sorted(result.valid_accuracy.items()))
    lines.append(f"valid accuracy: {acc}  ({result.rows} rows)")
    if result.misses:
        lines.append("misses: " + ", ".join(f"{m.id}:{m.check}" for m in result.misses))
    return "\n".join(lines)


def default_path() -> Path:
    from tactful.resources import shipped_dir

    return shipped_dir("evals") / "validator" / "replies.jsonl"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table for each file given (default: the shipped ``replies.jsonl``)."""
    paths = list(argv if argv is not None else sys.argv[1:]) or [str(default_path())]
    for path in paths:
        print(f"# {path}")
        print(format_table(evaluate(load_rows(path))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
