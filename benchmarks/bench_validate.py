"""Validator speed: checks per second on one core, and ``tactful check`` wall time.

Run: ``python benchmarks/bench_validate.py``. Prints replies checked per second
(each call runs every core check plus placeholders and contact details), the
share of time spent in syntok, and the wall time of ``tactful check "<reply>"``
as a subprocess next to ``python -c "import typer, pydantic"`` (the floor any
typer CLI pays). Targets (issue 2): >= 2,000 checks/s, well under 0.5 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from tactful.text import sentences
from tactful.validation import validate

REPLIES = [
    "Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I've met in person "
    "or through a group, so let's meet at the next Python Montréal meetup first!",
    "Bonjour Marie,\n\nMerci pour ton message sur mon article ! Je garde LinkedIn pour les gens "
    "que j'ai rencontrés en personne ou dans un groupe. On se voit au prochain 5 à 7 ?\n\n"
    "À bientôt,\nSam",
    "Thanks for the note! I keep LinkedIn for people I've met. By the way, we help SaaS "
    "companies double their pipeline: book a call at calendly.com/acme/intro",
    "Merci pour votre invitation. Mon réseau est réservé aux personnes que je connais. "
    "N'hésitez pas à me suivre sur Twitter.",
]


def rate(func: object, seconds: float = 2.0) -> float:
    """Calls per second of ``func`` over the sample replies, for about ``seconds``."""
    assert callable(func)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for reply in REPLIES:
            func(reply)
        done += len(REPLIES)
    return done / (time.perf_counter() - start)


def wall(args: list[str], runs: int = 7) -> float:
    """Median wall time of a subprocess, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for reply in REPLIES:  # warm caches: compiled lexicons, syntok import
        validate(reply)
    auto = rate(validate)
    given = rate(lambda text: validate(text, lang="en" if text.startswith(("Hi", "Th")) else "fr"))
    split = rate(sentences)
    print(f"validate (lang auto):  {auto:8,.0f} checks/s  (target >= 2,000)")
    print(f"validate (lang given): {given:8,.0f} checks/s")
    print(f"syntok split alone:    {split:8,.0f} splits/s  ({auto / split:.0%} of a check's time)")

    exe = Path(sys.executable).with_name("tactful")
    check = wall([str(exe), "check", REPLIES[0]])
    floor = wall([sys.executable, "-c", "import typer, pydantic"])
    print(f"tactful check wall:    {check * 1000:8.0f} ms  (target well under 500 ms)")
    print(f"import typer,pydantic: {floor * 1000:8.0f} ms  (ratio {check / floor:.2f}x)")


if __name__ == "__main__":
    main()
