"""Record and replay on the backend seam: same request, same answer, and never a silent miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tactful.evals.recording import (
    RecordingBackend,
    ReplayBackend,
    ReplayMissError,
    recording_path,
    request_hash,
)


class CountingBackend:
    """Stands in for the HTTP backend: answers with a completion naming the call number."""

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        self.calls += 1
        return {"choices": [{"message": {"content": f"answer {self.calls}"}}], "model": "m"}


def request(text: str = "Hi, I liked your talk.", **extra: Any) -> dict[str, Any]:
    return {"model": "gpt-test", "messages": [{"role": "user", "content": text}], **extra}


def test_record_then_replay_answers_without_the_inner_backend(tmp_path: Path) -> None:
    inner = CountingBackend()
    recorder = RecordingBackend(inner, tmp_path, prompt_version="p1")
    first = recorder.complete(request("one"))
    second = recorder.complete(request("two"))
    assert inner.calls == 2 and recorder.recorded == 2

    replay = ReplayBackend(tmp_path, prompt_version="p1")
    assert replay.complete(request("two")) == second
    assert replay.complete(request("one")) == first
    assert replay.hits == 2 and replay.misses == []
    assert inner.calls == 2


def test_key_is_model_prompt_version_and_request_hash(tmp_path: Path) -> None:
    path = recording_path(tmp_path, request(), "p1")
    assert path.parent.parent.name == "gpt-test" and path.parent.name == "p1"
    assert path.stem == request_hash(request())
    # Key order and transport options do not change the key; the content does.
    reordered = {"messages": request()["messages"], "model": "gpt-test", "timeout": 5}
    assert request_hash(reordered) == request_hash(request())
    assert request_hash(request(temperature=0.2)) != request_hash(request())


def test_recordings_never_hold_headers(tmp_path: Path) -> None:
    recorder = RecordingBackend(CountingBackend(), tmp_path, prompt_version="p1")
    recorder.complete(request(extra_headers={"Authorization": "Bearer sk-secret-123"}))
    (saved,) = tmp_path.rglob("*.json")
    assert "sk-secret" not in saved.read_text(encoding="utf-8")


def test_a_miss_raises_with_a_reason_and_is_counted(tmp_path: Path) -> None:
    RecordingBackend(CountingBackend(), tmp_path, prompt_version="p1").complete(request("one"))
    replay = ReplayBackend(tmp_path, prompt_version="p1")
    with pytest.raises(ReplayMissError, match="differs from every recorded one"):
        replay.complete(request("changed"))
    stale = ReplayBackend(tmp_path, prompt_version="p2")
    with pytest.raises(ReplayMissError, match="recorded prompt versions: p1"):
        stale.complete(request("one"))
    other = ReplayBackend(tmp_path, prompt_version="p1")
    with pytest.raises(ReplayMissError, match="recorded models: gpt-test"):
        other.complete({**request("one"), "model": "other"})
    assert len(replay.misses) == 1 and replay.misses[0].startswith("gpt-test/p1/")
    assert ReplayMissError("x").exit_code == 1


def test_replay_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(ReplayMissError, match="no recordings folder"):
        ReplayBackend(tmp_path / "none")
