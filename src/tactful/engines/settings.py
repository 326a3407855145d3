"""Where and how to reach a model: settings resolved from flags, environment and profile.

Kept apart from ``engines/model.py`` so the CLI can decide between the offline and
the model engine (``--engine auto``) without importing the model client, the retry
library or the prompts: the offline path stays as fast as it was.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tactful.profile import Profile

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_TEMPERATURE = 0.4
OPENAI_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class ModelSettings:
    """Where and how to ask: resolved from flags, then environment, then profile, then defaults."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    temperature: float = DEFAULT_TEMPERATURE
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    """Where ``model``, ``base_url``, ``timeout`` and ``max_attempts`` came from ("flag
    --model", "env OPENAI_BASE_URL", the profile's own source, "default")."""

    @property
    def configured(self) -> bool:
        """A key or a base URL is set: ``--engine auto`` picks the model."""
        return bool(self.api_key or self.base_url)

    @property
    def url(self) -> str:
        """The server's address, for messages."""
        return self.base_url or OPENAI_URL


def resolve_settings(
    profile: Profile | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    timeout: float | None = None,
    max_attempts: int | None = None,
    environ: Mapping[str, str] | None = None,
    profile_sources: Mapping[str, str] | None = None,
) -> ModelSettings:
    """Flags win over ``TACTFUL_MODEL``/``OPENAI_BASE_URL``, which win over the profile.

    The key comes only from ``OPENAI_API_KEY``: it does not belong in a profile file.
    ``profile_sources`` (``LoadedProfile.sources``) says where the profile's values came
    from; each resolved value keeps its source in ``ModelSettings.sources``.
    """
    env = os.environ if environ is None else environ
    prof = profile or Profile()
    sources: dict[str, str] = {}

    def pick(name: str, flag: Any, env_name: str | None, default: Any) -> Any:
        from_profile = getattr(prof, name)
        candidates = (
            (flag, "flag --" + name.replace("_", "-")),
            (env.get(env_name) if env_name else None, f"env {env_name}"),
            (from_profile, (profile_sources or {}).get(name, "profile")),
        )
        for value, source in candidates:
            if value not in (None, ""):
                sources[name] = source
                return value
        sources[name] = "default"
        return default

    return ModelSettings(
        model=pick("model", model, "TACTFUL_MODEL", DEFAULT_MODEL),
        base_url=pick("base_url", base_url, "OPENAI_BASE_URL", None),
        api_key=env.get("OPENAI_API_KEY") or None,
        timeout=float(pick("timeout", timeout, None, DEFAULT_TIMEOUT)),
        max_attempts=int(pick("max_attempts", max_attempts, None, DEFAULT_MAX_ATTEMPTS)),
        sources=sources,
    )
