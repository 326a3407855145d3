"""Benchmark: ``tactful serve``'s two hot paths, through a real loopback HTTP server.

"Write" is pressing the button: POST /api/rewrite (read, triage, draft, validate, offline
engine); "re-check" is one debounced check of an edited reply: POST /api/check. Both run
against the app on 127.0.0.1 in this process (uvicorn in a thread), warm, over 200 notes of
the labelled reading sets; the script prints the median and p95 of each against the
issue's targets (100 ms and 30 ms at the median on a 2-core machine).

    python benchmarks/bench_serve.py [N]
"""

from __future__ import annotations

import json
import socket
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn

from tactful.options import resolve_options
from tactful.resources import shipped_dir
from tactful.web.app import Server, create_app

TOKEN = "bench"


def _notes(count: int) -> list[str]:
    notes: list[str] = []
    for path in sorted((shipped_dir("evals") / "rewrite").glob("reading*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            notes.append(json.loads(line)["text"])
    return notes[:count]


def _post(url: str, body: dict[str, object]) -> tuple[float, dict[str, object]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("X-Tactful-Token", TOKEN)
    request.add_header("Content-Type", "application/json")
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.loads(response.read())
    return time.perf_counter() - start, data


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 200
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    folder = Path(".bench-serve-backlog")
    options = resolve_options(engine="offline", env={})
    server = Server(options, token=TOKEN, port=port, profile_path=folder / "p.toml", backlog=folder)
    app_server = uvicorn.Server(uvicorn.Config(create_app(server), log_level="warning"))
    threading.Thread(target=app_server.run, kwargs={"sockets": [listener]}, daemon=True).start()
    while not app_server.started:
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port}"
    notes = _notes(count)
    _post(base + "/api/rewrite", {"note": notes[0]})  # warm-up: the lexicons compile once
    writes, checks = [], []
    for note in notes:
        seconds, data = _post(base + "/api/rewrite", {"note": note, "style": "long"})
        writes.append(seconds)
        edited = str(data["message"]) + " Thanks again."
        seconds, _ = _post(base + "/api/check", {"reply": edited, "note": note})
        checks.append(seconds)
    app_server.should_exit = True
    print(f"{len(notes)} notes, offline engine, over loopback HTTP")
    print(
        f"write:    median {1000 * statistics.median(writes):6.1f} ms, "
        f"p95 {1000 * _p95(writes):6.1f} ms  (target: median under 100 ms)"
    )
    print(
        f"re-check: median {1000 * statistics.median(checks):6.1f} ms, "
        f"p95 {1000 * _p95(checks):6.1f} ms  (target: median under 30 ms)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
