"""Summarise one blind round's grades: the README's first-run figures.

Usage: ``python docs/blind/summarise.py docs/blind/round21``. Reads ``graded_<lang>_<half>.jsonl``
(one object per reply, as ``docs/blind/readers.md`` asks) and prints, per language: replies with
a factual error (any category but "language"), would send as is, the mean of each score, the
errors by category and each reader's share of replies with a factual error.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path


def _factual(grade: dict[str, object]) -> bool:
    errors = grade["errors"]
    assert isinstance(errors, list)
    return any(error["category"] != "language" for error in errors)


def main(folder: Path) -> None:
    for lang in ("en", "fr"):
        readers = [
            [json.loads(line) for line in (folder / f"graded_{lang}_{half}.jsonl").open()]
            for half in ("a", "b")
        ]
        rows = [grade for reader in readers for grade in reader]
        categories = Counter(error["category"] for grade in rows for error in grade["errors"])
        scores = " ".join(
            f"{axis} {statistics.mean(grade[axis] for grade in rows):.2f}"
            for axis in ("natural", "truth", "tact", "fit")
        )
        shares = [round(sum(map(_factual, reader)) / len(reader), 2) for reader in readers]
        print(
            f"{lang}: {len(rows)} replies, factual {sum(map(_factual, rows)) / len(rows):.2f}, "
            f"would send {sum(grade['would_send'] for grade in rows) / len(rows):.2f}, {scores}, "
            f"errors {sum(categories.values())} {dict(categories)}, per reader {shares}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
