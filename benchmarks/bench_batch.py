"""Benchmark: ``tactful batch`` on a generated LinkedIn export with the offline engine.

Runs the real CLI in a child process (as a user would) on a 1,000-row export and
prints rows per second and the child's peak memory (max RSS). It then runs a
export several times larger: if the reader streams as it should, the peak memory
barely moves while the row count grows, and the script prints that ratio.

    python benchmarks/bench_batch.py            # 1,000 rows, then 4,000
    python benchmarks/bench_batch.py --rows 10000 --scale 1

With ``--model-latency L`` it instead measures ``--concurrency`` with the model engine:
a loopback Chat Completions server (``tests/chat_server.py``) answers each request after
L seconds, and the same export runs with 1 and with 8 workers; the ratio is the speed-up.

    python benchmarks/bench_batch.py --model-latency 0.2 --rows 100
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

FIRST = ["Priyanka", "Jean-François", "Amy", "Élodie", "Marc", "Lucía", "Tomás", "Lee", "Zoë"]
LAST = ["Sharma", "Tremblay", "Chen", "Gagnon", "Dubois", "García", "Wong", "Roy", "Nguyen"]
NOTES = [
    "Hi Sofia, I enjoyed your article on remote onboarding. Would love to connect. - {first}",
    "Bonjour Sofia, j'ai beaucoup aimé votre conférence sur les tests à Montréal. {first}",
    "Hi Sofia,\nYour design background stood out.\nAt Shipfast we help studios ship three "
    "times faster. Book a call: https://shipfast.example/book",
    "I'd like to add you to my professional network on LinkedIn.",
    "J'aimerais faire partie de votre réseau professionnel sur LinkedIn.",
    "",
    "Hi Sofia, I'm a student in data science and would value your advice on moving into "
    "analytics. Thanks, {first}",
    "Salut Sofia, on est tous les deux dans le groupe Python Montréal, au plaisir ! {first}",
    "Hello Sofia, we are hiring a senior engineer in Toronto and your profile fits. {first}",
]
HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]


def export_zip(path: Path, rows: int, seed: int = 8) -> None:
    """A data-archive ZIP: mostly INCOMING rows, some OUTGOING, some mis-decoded accents."""
    rng = random.Random(seed)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        note = rng.choice(NOTES).format(first=first)
        name = f"{first} {last}"
        if i % 7 == 0:  # what a wrong decoding upstream leaves behind
            name = name.encode("utf-8").decode("cp1252", errors="replace")
            note = note.encode("utf-8").decode("cp1252", errors="replace")
        url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i}"
        me = "https://www.linkedin.com/in/sofia-martin"
        sent = f"{1 + i % 12}/{1 + i % 28}/24, {1 + i % 12}:{i % 60:02d} PM"
        if i % 10 == 9:
            writer.writerow(["Sofia Martin", name, sent, note, "OUTGOING", me, url])
        else:
            writer.writerow([name, "Sofia Martin", sent, note, "INCOMING", url, me])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Basic_LinkedInDataExport/Invitations.csv", text.getvalue())


_CHILD = """
import resource, sys, time
from tactful.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"BENCH {elapsed} {peak_kib} {code}", file=sys.stderr)
"""


def run(rows: int, workdir: Path) -> tuple[int, float, float]:
    """Drafted rows, seconds, and peak RSS in MiB of one ``tactful batch`` run."""
    export = workdir / f"export-{rows}.zip"
    out = workdir / f"out-{rows}"
    export_zip(export, rows)
    command = [sys.executable, "-c", _CHILD, "batch", str(export), "--out", str(out)]
    command += ["--engine", "offline", "--concurrency", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("BENCH "))
    _, elapsed, peak_kib, code = line.split()
    if code not in ("0", "None"):
        sys.exit(f"tactful batch failed ({code}):\n{done.stderr[-2000:]}")
    with (out / "replies.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(x) for x in handle]
    invalid = sum(1 for r in records if not r["validation"]["valid"])
    if invalid:
        print(f"  note: {invalid} of {len(records)} drafts were judged invalid")
    return len(records), float(elapsed), int(peak_kib) / 1024


def model_runs(rows: int, latency: float) -> None:
    """The same export with the model engine at --concurrency 1 and 8 against a slow server."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.chat_server import ChatServer, Reply, completion
    from tests.evals_fakes import request_lang, valid_long_draft

    def answer(body: object) -> Reply:
        return Reply(body=completion(valid_long_draft(request_lang(body))), delay=latency)

    from tactful.cli import main as cli

    with tempfile.TemporaryDirectory(prefix="tactful-bench-") as tmp, ChatServer() as server:
        server.default = answer
        export = Path(tmp) / "export.zip"
        export_zip(export, rows)
        seconds = {}
        for workers in (1, 8):
            out = Path(tmp) / f"out-{workers}"
            start = time.perf_counter()
            quiet = io.StringIO()
            try:
                with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                    cli(["batch", str(export), "--out", str(out), "--engine", "openai",
                         "--base-url", server.url, "--concurrency", str(workers)])  # fmt: skip
            except SystemExit as exc:
                if exc.code not in (0, None):
                    sys.exit(f"tactful batch failed ({exc.code}):\n{quiet.getvalue()[-2000:]}")
            seconds[workers] = time.perf_counter() - start
        print(
            f"{rows} rows, model answering after {latency} s: --concurrency 1 {seconds[1]:.1f} s, "
            f"--concurrency 8 {seconds[8]:.1f} s, speed-up x{seconds[1] / seconds[8]:.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=4, help="size of the memory check run")
    parser.add_argument("--model-latency", type=float, default=None, help="seconds per answer")
    options = parser.parse_args()
    if options.model_latency is not None:
        model_runs(options.rows, options.model_latency)
        return
    with tempfile.TemporaryDirectory(prefix="tactful-bench-") as tmp:
        workdir = Path(tmp)
        drafted, seconds, peak = run(options.rows, workdir)
        print(
            f"{options.rows:,} export rows, {drafted:,} replies drafted (offline engine): "
            f"{seconds:.2f} s, {drafted / seconds:,.0f} rows/s, peak RSS {peak:.0f} MiB"
        )
        if options.scale > 1:
            big = options.rows * options.scale
            drafted_big, seconds_big, peak_big = run(big, workdir)
            print(
                f"{big:,} export rows, {drafted_big:,} replies: {seconds_big:.2f} s, "
                f"{drafted_big / seconds_big:,.0f} rows/s, peak RSS {peak_big:.0f} MiB"
            )
            print(
                f"rows x{big / options.rows:.0f} -> peak memory x{peak_big / peak:.2f} "
                "(streaming: stays near 1)"
            )


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")
