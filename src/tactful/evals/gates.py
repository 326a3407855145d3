"""The evals' CI gates: which thresholds a run misses, and how a gated run is printed.

Kept out of the CLI so that tests and scripts judge a run the same way the
``tactful eval`` commands do. Thresholds apply to every core check
over both languages (the validator issue's targets); the per-language figures
are printed for reading, not gated, because each language slice is small.
"""

from __future__ import annotations

import json
import sys
from typing import Any

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


def print_gated(tables: str, payload: dict[str, Any], failures: list[str], *, as_json: bool) -> int:
    """Print a gated run (its tables, or ``payload`` with the verdict as one JSON object), each
    failure on stderr; 1 when one threshold is missed. Shared by the triage and selling evals."""
    if as_json:
        print(
            json.dumps(
                {**payload, "passed": not failures, "failures": failures},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(tables)
    for line in failures:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failures else 0
