"""A scripted Chat Completions server on 127.0.0.1, for tests that drive the real ``openai`` client.

Tests queue replies (a body, a status, headers, an optional delay) and read back every
request the server received, so they can check what Tactful sent (model, messages,
response_format) as well as how it reacts to faults (429, 500, slow answers, bad JSON).

    with ChatServer() as server:
        server.queue(Reply(429, error_body("slow down"), {"Retry-After": "2"}),
                     Reply(body=completion('{"message": "..."}')))
        ... point OPENAI_BASE_URL / --base-url at server.url ...
        assert server.requests[0]["body"]["model"] == "gpt-4o-mini"

When the queue is empty the ``default`` answers (a ``Reply``, or a callable taking the
request body and returning one); without a default the server answers 500 with a body
saying the script ran out, so a test that sends more requests than it scripted fails loudly.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

MODEL_ID = "test-model"


@dataclass
class Reply:
    """One scripted answer. ``body`` may be a dict (sent as JSON), a str or bytes (sent raw)."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Default = Reply | Callable[[Any], Reply] | None


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    usage: dict[str, int] | None = None,
    refusal: str | None = None,
    model: str = MODEL_ID,
) -> dict[str, Any]:
    """A ChatCompletion body with one choice, as OpenAI returns it."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "logprobs": None,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": usage
        if usage is not None
        else {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


def error_body(
    message: str, *, type_: str = "invalid_request_error", code: str | None = None
) -> dict[str, Any]:
    """An OpenAI-style error body (``{"error": {...}}``)."""
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


class ChatServer:
    """A threaded HTTP server speaking just enough Chat Completions for tests."""

    def __init__(self, script: list[Reply] | None = None, default: Default = None) -> None:
        self.requests: list[dict[str, Any]] = []
        self.default = default
        self._replies: deque[Reply] = deque(script or [])
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._started = False

    @property
    def url(self) -> str:
        """Base URL for the OpenAI client (``http://127.0.0.1:PORT/v1``)."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        """Only the ``/chat/completions`` requests (what most tests inspect)."""
        with self._lock:
            return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def queue(self, *replies: Reply) -> None:
        """Append replies, answered in order, one per chat request."""
        with self._lock:
            self._replies.extend(replies)

    def start(self) -> ChatServer:
        if not self._started:
            self._thread.start()
            self._started = True
        return self

    def close(self) -> None:
        self._closing.set()  # wakes handlers waiting out a delay
        if self._started:
            self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ChatServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _next_reply(self, body: Any) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
        if isinstance(self.default, Reply):
            return self.default
        if callable(self.default):
            return self.default(body)
        return Reply(500, error_body("chat_server: the script ran out of replies", type_="test"))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _record(self, body: Any) -> None:
                entry = {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                }
                with server._lock:
                    server.requests.append(entry)

            def _send(self, reply: Reply) -> None:
                if reply.delay and server._closing.wait(reply.delay):
                    return
                if isinstance(reply.body, bytes):
                    payload, ctype = reply.body, "application/octet-stream"
                elif isinstance(reply.body, str):
                    payload, ctype = reply.body.encode(), "text/plain; charset=utf-8"
                else:
                    payload, ctype = json.dumps(reply.body).encode(), "application/json"
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Type": ctype, **reply.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def do_GET(self) -> None:
                self._record(None)
                if self.path.rstrip("/").endswith("/models"):
                    models = {"object": "list", "data": [_model_entry()]}
                    self._send(Reply(body=models))
                else:
                    self._send(Reply(404, error_body(f"no route {self.path}")))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body: Any = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                self._record(body)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(Reply(404, error_body(f"no route {self.path}")))
                    return
                self._send(server._next_reply(body))

        return Handler


def _model_entry() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": 1_700_000_000, "owned_by": "tests"}
