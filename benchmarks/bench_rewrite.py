"""Wall time of ``tactful rewrite`` (offline) against its baselines, as ratios.

Runs, alternating so that machine noise hits every command alike:

* baseline: ``python -c "import typer, pydantic"`` (the issue's yardstick);
* floor: a no-op typer command (typer imports pydantic when it runs any command,
  so this is the least a typer CLI can cost here);
* tactful: the real console script, ``tactful rewrite "<note>"``, offline engine, with
  its compiled lexicons cached from an earlier run (``tactful.compiled``), as every run
  after the first on a user's machine;
* cold: the same with the cache off (``TACTFUL_NO_CACHE=1``), as a first run.

Prints the medians and the ratios tactful/baseline (issue 12's target: <= 2.5) and
tactful/floor (tactful's own overhead). Usage: ``python benchmarks/bench_rewrite.py [RUNS]``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOTE = "Hi Sofia, I loved your article on remote onboarding. Would love to connect! - Priyanka"
NOOP = (
    "import typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def hello(name: str = 'x') -> None:\n"
    "    pass\n"
    "app()\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main(runs: int = 30) -> None:
    python = sys.executable
    script = shutil.which("tactful", path=str(Path(python).parent)) or shutil.which("tactful")
    if script is None:
        raise SystemExit("tactful is not installed in this environment (pip install -e .)")
    env = dict(os.environ)
    env.pop("OPENAI_API_KEY", None)
    env.pop("TACTFUL_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # every command runs from its .pyc files
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = str(Path(home) / ".config")
        noop = Path(home) / "noop.py"
        noop.write_text(NOOP)
        commands = {
            "baseline": [python, "-c", "import typer, pydantic"],
            "floor": [python, str(noop), "--name", "y"],
            "tactful": [script, "rewrite", NOTE],
            "cold": [script, "rewrite", NOTE],
        }
        envs = {name: env for name in commands} | {"cold": env | {"TACTFUL_NO_CACHE": "1"}}
        for name, cmd in commands.items():  # warm the file cache, .pyc files and lexicon cache
            _time(cmd, envs[name])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(_time(cmd, envs[name]))
    med = {name: statistics.median(values) for name, values in times.items()}
    for name, value in med.items():
        print(f"{name:9s} median {value * 1000:7.1f} ms over {runs} runs")
    print(f"tactful / baseline (import typer, pydantic): {med['tactful'] / med['baseline']:.2f}x")
    print(f"cold / baseline (no compiled cache):         {med['cold'] / med['baseline']:.2f}x")
    print(f"tactful / floor (no-op typer command):       {med['tactful'] / med['floor']:.2f}x")
    print(f"floor / baseline:                            {med['floor'] / med['baseline']:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
