"""``tactful batch --engine openai`` against the loopback Chat Completions server, concurrently.

The scripted server answers each request with a decline in the language and to the
name the request carries, sleeping a little so that requests overlap: the test
checks that they did overlap (the pool works), that the output keeps the export's
order, and that a server that goes down stops the run with one line, keeping what
was written.
"""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.batch_export import ROWS, incoming, write_csv
from tests.chat_server import ChatServer, Reply, completion, error_body
from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # batch against a loopback server

_PARTS = {
    "en": (
        "Hi {name},",
        "Thank you for the invitation, {name}.",
        "I keep LinkedIn for people I have met in person or in a group, so I decline for now.",
        "I would be glad to meet at a community event first; thanks for understanding.",
        "Best regards",
    ),
    "fr": (
        "Bonjour {name},",
        "Merci pour votre invitation, {name}.",
        "Je garde LinkedIn pour les personnes rencontrées en personne ou dans un groupe, "
        "donc je décline pour l'instant.",
        "Au plaisir d'échanger lors d'un événement ou dans un groupe d'ici là ; "
        "merci de votre compréhension.",
        "Au plaisir",
    ),
}


class Writer:
    """Answers like a model would, and counts how many requests were in flight at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most = 0

    def __call__(self, body: Any) -> Reply:
        with self.lock:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        try:
            time.sleep(0.05)
            prompt = body["messages"][-1]["content"]
            lang = "fr" if "- Register:" in prompt else "en"  # the brief names it for French
            name = re.search(r"- Inviter: (.+?) \(greet", prompt)
            greeting, appreciation, rationale, openness, closing = (
                part.format(name=name.group(1) if name else "") for part in _PARTS[lang]
            )
            message = "\n\n".join((greeting, appreciation, rationale, openness, closing))
            draft = {
                "appreciation": appreciation,
                "rationale": rationale,
                "openness": openness,
                "message": message,
            }
            return Reply(body=completion(json.dumps(draft, ensure_ascii=False)))
        finally:
            with self.lock:
                self.in_flight -= 1


def test_model_engine_drafts_concurrently_in_export_order(
    tmp_path: Path, chat_server: ChatServer
) -> None:
    writer = Writer()
    chat_server.default = writer
    rows = [*ROWS, *(incoming(f"Guest{i} Roy", f"g{i}", f"12/{i}/24", "Hi!") for i in range(6))]
    out = tmp_path / "out"
    result = run_cli(
        "batch", str(write_csv(tmp_path / "Invitations.csv", rows)), "--out", str(out),
        "--engine", "openai", "--base-url", chat_server.url, "--concurrency", "4",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert "Engine: model" in result.stderr
    records = [json.loads(line) for line in (out / "replies.jsonl").open(encoding="utf-8")]
    assert [r["inviter"] for r in records] == [
        "Priyanka", "Jean-François", "Marc", "Amy", "Élodie", *(f"Guest{i}" for i in range(6))
    ]  # fmt: skip
    assert all(r["engine"] == "openai" and r["fallback"] is False for r in records)
    assert all(r["validation"]["valid"] for r in records)
    assert records[1]["message"].startswith("Bonjour Jean-François,")
    assert writer.most > 1  # requests overlapped
    assert "fallbacks to the offline engine: 0" in result.stdout


def test_a_server_that_fails_stops_the_run_with_one_line_and_keeps_what_was_written(
    tmp_path: Path, chat_server: ChatServer
) -> None:
    chat_server.default = Reply(401, error_body("bad key"))
    out = tmp_path / "out"
    result = run_cli(
        "batch", str(write_csv(tmp_path / "Invitations.csv")), "--out", str(out),
        "--engine", "openai", "--base-url", chat_server.url, "--concurrency", "2",
    )  # fmt: skip
    assert result.code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert (out / "report.html").is_file()  # the outputs still match replies.jsonl
