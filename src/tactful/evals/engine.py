"""Build the engine an eval run measures, with recording or replaying when asked.

The model engine keeps per-conversation state (its re-ask memory, the attempts it
made), so a run gets a *fresh* engine per sample from ``make``; what the samples
share is the backend (one HTTP client, or one recording folder), which is
thread-safe. The offline engine is passed by name and built by the pipeline.

What an engine learns about the server (the ``response_format`` level it accepts,
the sampling parameters it refuses) is shared through ``Learned``: each new
engine starts from what earlier ones found, so a server that refuses
``json_schema`` costs one refused request per run, not one per sample. A
recording run saves that knowledge next to the recordings (``capabilities.json``)
and a replay starts every engine from it. This matters because refused requests
are errors, which are never recorded: without it, a replay would ask the refused
form first and miss.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tactful.errors import ConfigError, UsageError
from tactful.evals.recording import Backend, RecordingBackend, ReplayBackend, slug

MODES = ("json_schema", "json_object", "plain")
"""The model engine's response_format levels, from the richest to the plainest."""
CAPABILITIES = "capabilities.json"


class Learned:
    """The most stepped-down ``mode`` and every refused parameter seen so far in a run."""

    def __init__(self, mode: str = MODES[0], dropped: set[str] | None = None) -> None:
        self.mode = mode
        self.dropped: set[str] = set(dropped or ())
        self._engines: list[Any] = []
        self._lock = threading.Lock()

    def start(self, engine: Any) -> Any:
        """Give a new engine what the run knows, and follow what it learns."""
        with self._lock:
            self._absorb()
            engine.mode = self.mode
            engine.dropped = set(self.dropped)
            self._engines.append(engine)
        return engine

    def settle(self) -> None:
        """Take in what the last engines learned (at the end of a run)."""
        with self._lock:
            self._absorb()

    def _absorb(self) -> None:
        for engine in self._engines:
            mode = str(getattr(engine, "mode", self.mode))
            if mode in MODES and MODES.index(mode) > MODES.index(self.mode):
                self.mode = mode
            self.dropped |= set(getattr(engine, "dropped", ()))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"mode": self.mode, "dropped": sorted(self.dropped)}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Learned:
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        mode = data.get("mode") if data.get("mode") in MODES else MODES[0]
        return cls(mode=mode, dropped=set(data.get("dropped") or ()))


@dataclass
class EngineSetup:
    """What the runner needs, plus the record/replay backend to report on at the end."""

    name: str
    make: Callable[[], Any] | None = None
    model: str | None = None
    prompt_version: str | None = None
    recorder: RecordingBackend | None = None
    replayer: ReplayBackend | None = None
    learned: Learned = field(default_factory=Learned)

    @property
    def engine(self) -> Any:
        """The value for ``rewrite(engine=...)`` when no per-sample factory is needed."""
        return self.name

    @property
    def ok(self) -> bool:
        """False when a replay missed a recording: the recordings are stale."""
        return self.replayer is None or not self.replayer.misses

    def finish(self, say: Callable[[str], None]) -> None:
        """Save what the server taught the engines (recording) and say what the backend did."""
        self.learned.settle()
        if self.recorder is not None:
            self.learned.save(_capabilities(self.recorder.directory, self.model))
            say(f"recorded {self.recorder.recorded} exchanges in {self.recorder.directory}")
        if self.replayer is not None:
            say(f"replayed {self.replayer.hits} exchanges from {self.replayer.directory}")
            if self.replayer.misses:
                say(
                    f"Error: {len(self.replayer.misses)} requests had no recording "
                    f"(first: {self.replayer.misses[0]}); record the suite again with --record"
                )


def _capabilities(directory: Path, model: str | None) -> Path:
    return directory / slug(model or "unknown-model") / CAPABILITIES


def build_engine(
    name: str,
    *,
    model: str | None = None,
    base_url: str | None = None,
    timeout: float | None = None,
    record: Path | None = None,
    replay: Path | None = None,
) -> EngineSetup:
    """An ``EngineSetup`` for ``offline`` or ``openai`` (optionally recording or replaying).

    ``base_url`` and ``timeout`` override the environment like ``rewrite``'s flags: a
    small local model can take minutes per answer, longer than the default timeout.
    """
    if name == "offline":
        return EngineSetup(name="offline", model=None)
    if name != "openai":
        raise UsageError(f"unknown engine {name!r}; use offline or openai")
    from tactful.engines.model import ModelEngine, OpenAIBackend
    from tactful.options import resolve_options
    from tactful.prompts import prompt_version

    # The same resolution as rewrite and batch (flags > environment > profile > defaults).
    settings = resolve_options(model=model, base_url=base_url, timeout=timeout).settings
    version = prompt_version()
    setup = EngineSetup(name="openai", model=settings.model, prompt_version=version)
    backend: Backend
    if replay is not None:
        setup.replayer = ReplayBackend(replay, prompt_version=version)
        setup.learned = Learned.load(_capabilities(replay, settings.model))
        backend = setup.replayer
    else:
        if not settings.configured:
            raise ConfigError(
                "--engine openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server); "
                "or replay recordings with --replay DIR"
            )
        backend = OpenAIBackend(settings.base_url, settings.api_key, settings.timeout)
        if record is not None:
            setup.recorder = RecordingBackend(backend, record, prompt_version=version)
            backend = setup.recorder

    def make() -> Any:
        return setup.learned.start(ModelEngine(settings, backend=backend))

    setup.make = make
    return setup
