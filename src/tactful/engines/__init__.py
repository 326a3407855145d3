"""Engines that draft declines, and the choice between them.

``select_engine`` is the one place that maps ``--engine`` to an object; the
offline engine is imported here, the model engine only when asked for, so the
offline path never loads a model client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tactful.engines.base import Draft, Engine, Style
from tactful.engines.settings import ModelSettings, resolve_settings
from tactful.errors import ConfigError, UsageError

__all__ = ["ENGINES", "REGISTRY", "Draft", "Engine", "Style", "auto_engine", "select_engine"]


def _offline(settings: ModelSettings, options: dict[str, Any]) -> Engine:
    from tactful.engines.offline import OfflineEngine

    return OfflineEngine()


def _model(settings: ModelSettings, options: dict[str, Any]) -> Engine:
    if not settings.configured and options.get("backend") is None:
        raise ConfigError(
            "the model engine needs OPENAI_API_KEY (for OpenAI) or --base-url / OPENAI_BASE_URL "
            "(for a local server such as Ollama or llama.cpp); or use --engine offline"
        )
    from tactful.engines.model import ModelEngine

    return ModelEngine(
        settings, backend=options.get("backend"), retry=options.get("retry"), log=options.get("log")
    )


REGISTRY: dict[str, Callable[[ModelSettings, dict[str, Any]], Engine]] = {
    "offline": _offline,
    "openai": _model,
}
"""Each ``--engine`` name and what builds it: a new engine is one entry here (its module
imported inside its factory, so the offline path never loads a model client)."""

ENGINES = ("auto", *REGISTRY)


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
    return REGISTRY[name](settings, options)
