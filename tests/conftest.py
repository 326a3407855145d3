"""Shared fixtures: every test runs offline, with no model configured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.chat_server import ChatServer


@pytest.fixture(autouse=True)
def _offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No key, no base URL, a private config dir: no test reaches a network or a real profile."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TACTFUL_MODEL", "TACTFUL_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))


@pytest.fixture(autouse=True)
def retry_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Tenacity's waits are recorded, never slept: no test waits for real on a retry."""
    import tactful.retry

    waits: list[float] = []
    monkeypatch.setattr(tactful.retry, "sleep", waits.append)
    return waits


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    """A scripted Chat Completions server on 127.0.0.1 (see tests/chat_server.py)."""
    with ChatServer() as server:
        yield server
