"""Everything a draft depends on, resolved once: ``RewriteOptions``.

Before, the CLI's ``rewrite``, ``batch`` and the Python API each merged the profile, the
environment and the flags their own way (the Python API ignored the profile's
``max_attempts``), and handed the result on as an untyped dict. ``resolve_options`` is now
the one place: flags win over the environment, which wins over the profile file, which
wins over the defaults, and every value keeps where it came from (``sources``), so
``tactful profile show`` can explain a surprising model or style.

The layering of the profile itself (file, ``TACTFUL_<FIELD>`` variables, flags) stays in
``tactful.profile``; the model settings (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
``TACTFUL_MODEL``) in ``tactful.engines.settings``. This module joins them and decides
what ``--engine auto`` means, without importing the model client.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field

from tactful.choices import check_lang, check_style
from tactful.datamodel import DataModel
from tactful.engines import ENGINES, auto_engine
from tactful.engines.settings import DEFAULT_MAX_ATTEMPTS, ModelSettings, resolve_settings
from tactful.errors import UsageError
from tactful.profile import Profile, load_profile

EngineName = Literal["offline", "openai"]


class RewriteOptions(DataModel):
    """The resolved options of a run: what to write, with which engine, and why.

    ``engine`` is never ``auto``: ``resolve_options`` has already picked the model (a key
    or a base URL is set) or the offline engine. ``sources`` maps each option to where its
    value came from ("flag --style", "env OPENAI_BASE_URL", "file ~/.config/...", "default");
    the API key's value is never kept here, only whether and where it was found.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    profile: Profile = Field(default_factory=Profile)
    profile_path: Path | None = None
    style: Literal["long", "short"] = "long"
    lang: Literal["auto", "fr", "en"] = "auto"
    engine: EngineName = "offline"
    settings: ModelSettings = Field(default_factory=ModelSettings)
    max_attempts: int = Field(default=DEFAULT_MAX_ATTEMPTS, ge=1)
    fallback: bool = True
    sources: dict[str, str] = Field(default_factory=dict)


def resolve_options(
    profile_path: str | Path | None = None,
    *,
    style: str | None = None,
    lang: str = "auto",
    engine: str = "auto",
    name: str | None = None,
    policy: str | None = None,
    channels: Sequence[str] = (),
    model: str | None = None,
    base_url: str | None = None,
    timeout: float | None = None,
    max_attempts: int | None = None,
    fallback: bool = True,
    env: Mapping[str, str] | None = None,
) -> RewriteOptions:
    """Merge flags > environment > profile file > defaults into one ``RewriteOptions``.

    The keyword arguments are the command-line flags (``None`` or empty: not given).
    A bad language, style or engine is a ``UsageError``; a bad profile a ``ConfigError``.
    """
    env = os.environ if env is None else env
    check_lang(lang)
    if style is not None:
        check_style(style)
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use --engine {', '.join(ENGINES)}")
    flags = {"name": name, "policy": policy, "channels": list(channels)}
    loaded = load_profile(profile_path, flags=flags, env=env)
    profile = loaded.profile
    settings = resolve_settings(
        profile,
        model=model,
        base_url=base_url,
        timeout=timeout,
        max_attempts=max_attempts,
        environ=env,
        profile_sources=loaded.sources,
    )
    sources = {**loaded.sources, **settings.sources}
    sources["style"] = "flag --style" if style else loaded.sources["style"]
    sources["lang"] = "flag --lang" if lang != "auto" else "default (detected from the note)"
    sources["api_key"] = "env OPENAI_API_KEY" if settings.api_key else "not set"
    chosen = auto_engine(settings) if engine == "auto" else engine
    if engine != "auto":
        sources["engine"] = "flag --engine"
    elif chosen == "openai":
        sources["engine"] = "auto: a key or a base URL is set"
    else:
        sources["engine"] = "auto: no key or base URL, so offline"
    return RewriteOptions(
        profile=profile,
        profile_path=loaded.path if loaded.exists else None,
        style=style or profile.style,
        lang=lang,
        engine=chosen,
        settings=settings,
        max_attempts=settings.max_attempts,
        fallback=fallback,
        sources=sources,
    )
