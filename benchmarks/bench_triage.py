"""Notes per second of ``tactful.triage.triage_note`` on one core, against the 2,000/s target.

Triages every note of ``evals/triage`` (tuning and held-out sets, French and English,
empty notes included) in a loop, after one warm-up pass that compiles the cue
lexicons (a one-off cost per process, reported apart). Two runs: with the
language given (``lang="fr"|"en"``, as a batch that knows it) and with
``lang="auto"`` (detection included, as the CLI does by default).

Usage: ``python benchmarks/bench_triage.py [SECONDS]`` (default 3 per run).
"""

from __future__ import annotations

import json
import sys
import time

from tactful.resources import shipped_dir

TARGET = 2_000.0


def _notes() -> list[tuple[str, str]]:
    folder = shipped_dir("evals") / "triage"
    notes = []
    for name in ("notes.jsonl", "holdout.jsonl"):
        with (folder / name).open(encoding="utf-8") as handle:
            notes += [(c["text"], c["lang"]) for c in map(json.loads, handle) if c]
    return notes


def _rate(notes: list[tuple[str, str]], seconds: float, *, auto: bool) -> float:
    from tactful.triage import triage_note

    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, lang in notes:
            triage_note(text, lang="auto" if auto else lang)
        done += len(notes)
    return done / (time.perf_counter() - start)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    notes = _notes()
    start = time.perf_counter()
    from tactful.triage import triage_note

    for lang in ("en", "fr"):
        triage_note(next(text for text, lang_ in notes if lang_ == lang and text), lang=lang)
    warm = time.perf_counter() - start
    print(f"{len(notes)} notes; import + compile of both lexicons: {warm * 1000:.0f} ms (once)")
    for label, auto in (("language given", False), ("language detected", True)):
        rate = _rate(notes, seconds, auto=auto)
        print(f"{label:<18} {rate:>8,.0f} notes/s  ({rate / TARGET:.1f}x the 2,000/s target)")


if __name__ == "__main__":
    main()
