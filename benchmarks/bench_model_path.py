"""The model path as a strong model drives it: how often its first draft is kept, and its cost.

A loopback Chat Completions server answers every request with the good draft written (blind,
to Tactful's own prompt) for that invitation in ``evals/validator/drafts``. Each invitation
goes through the real pipeline (``tactful.rewrite`` with the model engine and the real
``openai`` client), so the validator, the re-asks and the fallback all run. Printed:

* first-attempt acceptance: the share of replies whose first draft passed the validator;
* mean requests per reply (target <= 1.05): a false rejection costs a re-ask;
* characters sent per reply and per first request (target <= 4,500): the prompt's cost.

The server keeps answering the same good draft to a re-ask, so a rejected draft is rejected
again and ends on the offline engine: the fallbacks are counted too.

Usage: ``python benchmarks/bench_model_path.py [DRAFTS.jsonl ...]`` (default: every set).
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tactful.engines.model import ModelEngine, ModelSettings
from tactful.evals.drafts import default_drafts_dir, load_draft_rows
from tactful.pipeline import rewrite
from tactful.prompts import redact
from tactful.reading.analysis import read_note

_FENCED = re.compile(r"<<<INVITATION \w+>>>\n(.*)\n<<<END OF INVITATION \w+>>>", re.S)


class _Answers:
    """Good drafts by (style, normalised invitation), and what the server was sent."""

    def __init__(self) -> None:
        self.drafts: dict[tuple[str, str], str] = {}
        self.requests = 0
        self.first_request_chars: list[int] = []
        self.chars = 0
        self.lock = threading.Lock()

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        messages = body["messages"]
        size = sum(len(m["content"]) for m in messages)
        user = next(m["content"] for m in messages[::-1] if "<<<INVITATION" in m["content"])
        style = "short" if "(short style)" in user else "long"
        found = _FENCED.search(user)
        note = found.group(1) if found else ""
        with self.lock:
            self.requests += 1
            self.chars += size
            if messages[-1]["content"] is user:
                self.first_request_chars.append(size)
        message = self.drafts.get((style, note), "")
        return {
            "id": "cmpl",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": json.dumps({"message": message})},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": size // 4, "completion_tokens": 100, "total_tokens": 0},
        }


def _serve(answers: _Answers) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            data = json.dumps(answers.answer(body)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv] or sorted(default_drafts_dir().glob("*.jsonl"))
    rows = [r for path in paths for r in load_draft_rows(path) if r.kind == "good"]
    answers = _Answers()
    for row in rows:  # keyed as the model sees the note: links, e-mails and phones blanked
        answers.drafts[(row.style, redact(read_note(row.invitation)).text)] = row.text
    server = _serve(answers)
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    settings = ModelSettings(model="bench", base_url=url, api_key="sk-bench", timeout=10)
    first_ok = fallbacks = 0
    for row in rows:
        result = rewrite(
            row.invitation, style=row.style, engine=ModelEngine(settings), max_attempts=2
        )
        first_ok += result.history[0].outcome == "valid"
        fallbacks += result.fallback
    server.shutdown()
    n = len(rows)
    first = answers.first_request_chars
    print(f"replies:                        {n} (good drafts in {len(paths)} set(s))")
    print(f"first-attempt acceptance:       {first_ok / n:.3f}")
    print(f"mean requests per reply:        {answers.requests / n:.3f}  (target <= 1.05)")
    print(f"fell back to the offline engine: {fallbacks}")
    print(f"characters sent per reply:      {answers.chars / n:,.0f}")
    print(
        f"characters per first request:   mean {sum(first) / len(first):,.0f}, "
        f"max {max(first):,}  (target <= 4,500)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
