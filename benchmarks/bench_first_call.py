"""Cost of the first call in a fresh process: what ``tactful check`` / ``rewrite`` pay each run.

Run: ``python benchmarks/bench_first_call.py [RUNS]``. Each run starts a new
interpreter that imports the API (not timed), then times, in-process, the first
``validate`` of an English and of a French reply (compiling that language's
validator lexicon), and the first offline ``rewrite`` (analysis cues, validator
lexicon, phrase banks). Runs alternate so machine noise hits every case alike;
medians are printed, with each figure's ratio to the import of typer+pydantic
(the yardstick the CLI benchmarks use). To compare two versions, run the script
with each version's ``src`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

CASES = {
    "validate en": (
        "from tactful.validation import validate",
        "validate(\"Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I've "
        "met in person, so let's meet at the next meetup first!\")",
    ),
    "validate fr": (
        "from tactful.validation import validate",
        "validate(\"Bonjour, merci pour ton message ! Je garde LinkedIn pour les gens que j'ai "
        'rencontrés. On se voit au prochain 5 à 7 ?")',
    ),
    "rewrite en": (
        "from tactful.pipeline import rewrite",
        'rewrite("Hi Sofia, I loved your article on remote onboarding. Would love to connect! '
        '- Priyanka", engine="offline")',
    ),
    "rewrite fr": (
        "from tactful.pipeline import rewrite",
        "rewrite(\"Bonjour Claire, j'ai lu votre billet sur la sobriété numérique, bravo. "
        'Au plaisir, Paul", engine="offline")',
    ),
}
TIMED = "import time\n{setup}\nt = time.perf_counter()\n{call}\nprint(time.perf_counter() - t)\n"


def _run(code: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(out.stdout.strip().splitlines()[-1])


def _import_floor(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import typer, pydantic"], check=True, env=env)
    return time.perf_counter() - start


def main(runs: int = 9) -> None:
    env = dict(os.environ)
    env.pop("OPENAI_API_KEY", None)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = os.path.join(home, ".config")
        for setup, call in CASES.values():  # warm .pyc files and the file cache
            _run(TIMED.format(setup=setup, call=call), env)
        for _ in range(runs):
            for name, (setup, call) in CASES.items():
                times[name].append(_run(TIMED.format(setup=setup, call=call), env))
            floor.append(_import_floor(env))
    base = statistics.median(floor)
    print(f"import typer,pydantic (wall): {base * 1000:6.1f} ms  (median of {runs})")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"first {name:<12} {median * 1000:6.1f} ms  ({median / base:.2f}x the import)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
