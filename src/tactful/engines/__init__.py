"""Engines that draft declines, and the choice between them.

``select_engine`` is the one place that maps ``--engine`` to an object; the
offline engine is imported here, the model engine only when asked for, so the
offline path never loads a model client.
"""

from __future__ import annotations

from typing import Any

from tactful.engines.base import Draft, Engine, Style
from tactful.errors import ConfigError, UsageError

__all__ = ["ENGINES", "Draft", "Engine", "Style", "select_engine"]

ENGINES = ("auto", "offline", "openai")


def select_engine(name: str = "auto", **options: Any) -> Engine:
    """The engine for ``--engine NAME``: ``auto`` picks offline while no model is configured."""
    if name in ("auto", "offline"):
        from tactful.engines.offline import OfflineEngine

        return OfflineEngine()
    if name == "openai":
        raise ConfigError(
            "the model engine needs configuration (a model, a base URL and an API key) "
            "and is not available in this build yet; use --engine offline"
        )
    raise UsageError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
