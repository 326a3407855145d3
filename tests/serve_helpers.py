"""A real ``tactful serve`` app on a free loopback port, in a thread, for the serve tests."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from tactful.options import resolve_options
from tactful.web.app import Server, create_app

TOKEN = "test-token-not-secret"


@dataclass
class Running:
    url: str
    port: int
    server: Server

    def call(
        self,
        path: str,
        body: Any = None,
        *,
        token: str | None = TOKEN,
        host: str | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """One request; the status and the JSON answer (errors included)."""
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data)
        if token is not None:
            request.add_header("X-Tactful-Token", token)
        if host is not None:
            request.add_header("Host", host)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())


@contextmanager
def running(tmp: Path, **option_flags: Any) -> Iterator[Running]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    profile = tmp / "profile.toml"
    options = resolve_options(profile if profile.exists() else None, env={}, **option_flags)
    server = Server(options, token=TOKEN, port=port, profile_path=profile, backlog=tmp / "backlog")
    config = uvicorn.Config(create_app(server), log_level="warning", lifespan="off")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    for _ in range(200):
        if app_server.started:
            break
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", port, server)
    finally:
        app_server.should_exit = True
        thread.join(timeout=10)
        listener.close()
