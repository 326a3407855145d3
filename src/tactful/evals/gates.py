"""The validator's CI gate: which thresholds a ``ValidatorEval`` misses.

Kept out of the CLI so that tests and scripts judge a run the same way the
``tactful eval validator`` command does. Thresholds apply to every core check
over both languages (the validator issue's targets); the per-language figures
are printed for reading, not gated, because each language slice is small.
"""

from __future__ import annotations

from tactful.evals.validator import ALL, ValidatorEval
from tactful.validation.report import CORE_CHECKS


def validator_misses(
    result: ValidatorEval,
    *,
    min_precision: float = 0.90,
    min_recall: float = 0.90,
    min_accuracy: float = 0.92,
) -> list[str]:
    """One line per threshold the run falls short of; empty when the gate holds."""
    if result.rows == 0:
        return ["no labelled rows were read"]
    out: list[str] = []
    for check in CORE_CHECKS:
        score = result.score(check, ALL)
        if score.precision < min_precision:
            out.append(f"{check} precision {score.precision:.3f} < {min_precision:.2f}")
        if score.recall < min_recall:
            out.append(f"{check} recall {score.recall:.3f} < {min_recall:.2f}")
    accuracy = result.valid_accuracy.get(ALL, 0.0)
    if accuracy < min_accuracy:
        out.append(f"valid accuracy {accuracy:.3f} < {min_accuracy:.2f}")
    return out


def validator_json(result: ValidatorEval) -> dict[str, object]:
    """The scores with their ratios spelled out, for ``--json`` readers."""
    scores = {
        check: {
            lang: {
                **score.model_dump(),
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
            }
            for lang, score in by_lang.items()
        }
        for check, by_lang in result.scores.items()
    }
    return {
        "rows": result.rows,
        "scores": scores,
        "valid_accuracy": result.valid_accuracy,
        "misses": [miss.model_dump() for miss in result.misses],
    }
