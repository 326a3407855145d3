"""Engines that draft declines, and the choice between them.

``select_engine`` is the one place that maps ``--engine`` to an object; the
offline engine is imported here, the model engine only when asked for, so the
offline path never loads a model client.
"""

from __future__ import annotations

from typing import Any

from tactful.engines.base import Draft, Engine, Style
from tactful.engines.settings import ModelSettings, resolve_settings
from tactful.errors import ConfigError, UsageError

__all__ = ["ENGINES", "Draft", "Engine", "Style", "auto_engine", "select_engine"]

ENGINES = ("auto", "offline", "openai")


def auto_engine(settings: ModelSettings) -> str:
    """What ``--engine auto`` means: the model once a key or a base URL is set, else offline."""
    return "openai" if settings.configured else "offline"


def select_engine(name: str = "auto", **options: Any) -> Engine:
    """The engine for ``--engine NAME``: ``auto`` picks offline while no model is configured.

    Options for the model engine: ``settings`` (a ``ModelSettings``; else resolved
    from ``profile`` and the environment), ``backend``, ``retry`` and ``log``.
    """
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    settings: ModelSettings = options.get("settings") or resolve_settings(options.get("profile"))
    if name == "auto":
        name = auto_engine(settings)
    if name == "offline":
        from tactful.engines.offline import OfflineEngine

        return OfflineEngine()
    if not settings.configured and options.get("backend") is None:
        raise ConfigError(
            "the model engine needs OPENAI_API_KEY (for OpenAI) or --base-url / OPENAI_BASE_URL "
            "(for a local server such as Ollama or llama.cpp); or use --engine offline"
        )
    from tactful.engines.model import ModelEngine

    return ModelEngine(
        settings, backend=options.get("backend"), retry=options.get("retry"), log=options.get("log")
    )
