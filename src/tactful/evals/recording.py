"""Record model exchanges once, replay them in CI without a network.

Both classes sit on the model engine's backend seam (``complete(request) ->
response``, the kwargs of ``chat.completions.create`` in and the ChatCompletion
as a dict out), so the engine's request building, parsing, re-asks and
validation all run for real during a replay; only the HTTP exchange is canned.

A recording is keyed by the model, the prompt-set version and a SHA-256 of the
canonical request JSON (sorted keys, transport-only options dropped). Any change
to the prompts, the analysis or the previous draft in a re-ask changes the key,
so a replay can never answer a question it was not asked: a missing key is a
``ReplayMissError``, never a network call.

Layout: ``DIR/<model>/<prompt_version>/<hash>.json`` holding the key, the
request and the response (no headers, so never an API key).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

from tactful.errors import ModelError

TRANSPORT_ONLY = frozenset({"timeout", "extra_headers", "extra_query"})
"""Request options that change how a request travels, not what it asks."""

UNVERSIONED = "unversioned"


class Backend(Protocol):
    """The model engine's backend seam (structurally ``engines.model.ChatBackend``)."""

    def complete(self, request: dict[str, Any]) -> dict[str, Any]: ...


class ReplayMissError(ModelError):
    """A replay was asked a request that was never recorded (exit code 1)."""


def canonical(request: dict[str, Any]) -> str:
    """The request as canonical JSON: what the hash is taken of."""
    kept = {k: v for k, v in request.items() if k not in TRANSPORT_ONLY}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def request_hash(request: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(request).encode("utf-8")).hexdigest()


def slug(text: str) -> str:
    """A file-system-safe folder name for a model or version (``gpt-4o-mini`` stays as is)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "_"


def recording_path(directory: Path, request: dict[str, Any], prompt_version: str) -> Path:
    model = str(request.get("model") or "unknown-model")
    return directory / slug(model) / slug(prompt_version) / f"{request_hash(request)}.json"


class RecordingBackend:
    """Passes each request to ``inner`` and stores the exchange before returning it."""

    def __init__(
        self, inner: Backend, directory: Path, *, prompt_version: str | None = None
    ) -> None:
        self.inner = inner
        self.directory = Path(directory)
        self.prompt_version = prompt_version or UNVERSIONED
        self.recorded = 0
        self._lock = threading.Lock()

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        response = self.inner.complete(request)
        path = recording_path(self.directory, request, self.prompt_version)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "key": {
                "model": request.get("model"),
                "prompt_version": self.prompt_version,
                "hash": path.stem,
            },
            "request": json.loads(canonical(request)),
            "response": response,
        }
        _write_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True))
        with self._lock:
            self.recorded += 1
        return response


class ReplayBackend:
    """Answers from recordings only; a request never recorded raises ``ReplayMissError``."""

    def __init__(self, directory: Path, *, prompt_version: str | None = None) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise ReplayMissError(f"no recordings folder at {self.directory}; record one first")
        self.prompt_version = prompt_version or UNVERSIONED
        self.misses: list[str] = []
        self.hits = 0
        self._lock = threading.Lock()

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        path = recording_path(self.directory, request, self.prompt_version)
        if not path.is_file():
            key = f"{path.parent.parent.name}/{path.parent.name}/{path.stem[:12]}"
            with self._lock:
                self.misses.append(key)
            raise ReplayMissError(f"no recording for {key} in {self.directory}{self._hint(path)}")
        with path.open(encoding="utf-8") as handle:
            response: dict[str, Any] = json.load(handle)["response"]
        with self._lock:
            self.hits += 1
        return response

    def _hint(self, path: Path) -> str:
        """Say why the key is missing when the cause is a changed model or prompt set."""
        model_dir = path.parent.parent
        if not model_dir.is_dir():
            models = sorted(p.name for p in self.directory.iterdir() if p.is_dir())
            return f" (recorded models: {', '.join(models) or 'none'})"
        if not path.parent.is_dir():
            versions = sorted(p.name for p in model_dir.iterdir() if p.is_dir())
            return f" (prompts changed? recorded prompt versions: {', '.join(versions)})"
        return " (the request differs from every recorded one; record again)"


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a recording."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
