"""Build the engine an eval run measures, with recording or replaying when asked.

The model engine keeps per-conversation state (its re-ask memory, the attempts it
made), so a run gets a *fresh* engine per sample from ``make``; what the samples
share is the backend (one HTTP client, or one recording folder), which is
thread-safe. The offline engine is passed by name and built by the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tactful.errors import ConfigError, UsageError
from tactful.evals.recording import Backend, RecordingBackend, ReplayBackend


@dataclass
class EngineSetup:
    """What the runner needs, plus the record/replay backend to report on at the end."""

    name: str
    make: Callable[[], Any] | None = None
    model: str | None = None
    prompt_version: str | None = None
    recorder: RecordingBackend | None = None
    replayer: ReplayBackend | None = None

    @property
    def engine(self) -> Any:
        """The value for ``rewrite(engine=...)`` when no per-sample factory is needed."""
        return self.name

    @property
    def ok(self) -> bool:
        """False when a replay missed a recording: the recordings are stale."""
        return self.replayer is None or not self.replayer.misses

    def finish(self, say: Callable[[str], None]) -> None:
        """Say what the backend did (recorded, replayed, missed)."""
        if self.recorder is not None:
            say(f"recorded {self.recorder.recorded} exchanges in {self.recorder.directory}")
        if self.replayer is not None:
            say(f"replayed {self.replayer.hits} exchanges from {self.replayer.directory}")
            if self.replayer.misses:
                say(
                    f"Error: {len(self.replayer.misses)} requests had no recording "
                    f"(first: {self.replayer.misses[0]}); record the suite again with --record"
                )


def build_engine(
    name: str,
    *,
    model: str | None = None,
    record: Path | None = None,
    replay: Path | None = None,
) -> EngineSetup:
    """An ``EngineSetup`` for ``offline`` or ``openai`` (optionally recording or replaying)."""
    if name == "offline":
        return EngineSetup(name="offline", model=None)
    if name != "openai":
        raise UsageError(f"unknown engine {name!r}; use offline or openai")
    from tactful.engines.model import ModelEngine, OpenAIBackend, resolve_settings
    from tactful.prompts import prompt_version

    settings = resolve_settings(model=model)
    version = prompt_version()
    setup = EngineSetup(name="openai", model=settings.model, prompt_version=version)
    backend: Backend
    if replay is not None:
        setup.replayer = ReplayBackend(replay, prompt_version=version)
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
        return ModelEngine(settings, backend=backend)

    setup.make = make
    return setup
