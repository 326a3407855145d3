"""What the selling detector costs: its load, its scoring rate, and its share of triage and check.

Run: ``python benchmarks/bench_selling.py [SECONDS]`` (default 2 per measure). Prints the
time to read the weights (once per process), notes scored per second, replies judged per
second (every sentence scored), and, measured in the same run so that the shared machine's
noise cancels, the triage and the validator with the detector against the same code with
every score a constant (no words read): the ratio is the detector's cost. To compare with
the code before the detector, run ``bench_triage.py`` and ``bench_validate.py`` on both.
Targets (issue 13): triage and validator each at least 2,000 per second on one core.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from tactful import selling
from tactful.resources import shipped_dir
from tactful.triage import triage_note
from tactful.validation import validate

TARGET = 2_000.0


def _rows(folder: str, name: str) -> list[dict[str, Any]]:
    path = shipped_dir("evals") / folder / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _rate(work: Callable[[], int], seconds: float) -> float:
    """Items per second of ``work`` (returns how many it did), repeated for ``seconds``."""
    work()  # warm-up: caches, compiled lexicons
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += work()
    return done / (time.perf_counter() - start)


@contextmanager
def _constant_detector() -> Any:
    """Every score computed as a constant: what the code costs without reading the words
    (the features and the weight lookups, where the detector spends its time)."""
    import tactful.selling as module

    real = module._fast_logit
    module._fast_logit = lambda *args, **kwargs: 0.0  # type: ignore[assignment]
    try:
        yield
    finally:
        module._fast_logit = real


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    notes = _rows("triage", "notes.jsonl") + _rows("selling", "notes.jsonl")
    replies = _rows("validator", "replies.jsonl") + _rows("selling", "replies.jsonl")

    start = time.perf_counter()
    selling._shipped("selling")
    print(f"weights read once: {(time.perf_counter() - start) * 1000:.0f} ms")

    def score_notes() -> int:
        for row in notes:
            selling.score(row["text"], "note")
        return len(notes)

    def triage() -> int:
        for row in notes:
            triage_note(row["text"], lang=row["lang"])
        return len(notes)

    def check() -> int:
        for row in replies:
            validate(row["text"], lang=row["lang"])
        return len(replies)

    print(f"notes scored alone     {_rate(score_notes, seconds):8,.0f} /s")
    with_triage = _rate(triage, seconds)
    with_check = _rate(check, seconds)
    with _constant_detector():
        without_triage = _rate(triage, seconds)
        without_check = _rate(check, seconds)
    print(
        f"triage                 {with_triage:8,.0f} notes/s ({with_triage / TARGET:.1f}x the "
        f"target; {without_triage / with_triage:.2f}x as fast without the detector)"
    )
    print(
        f"validator              {with_check:8,.0f} checks/s ({with_check / TARGET:.1f}x the "
        f"target; {without_check / with_check:.2f}x as fast without the detector)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
