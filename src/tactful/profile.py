"""The user's profile: who signs, what the network is for, which other paths to offer.

Values come from four layers, highest first: command-line flags, environment
variables (``TACTFUL_<FIELD>``; list fields are ``;``-separated), the TOML file
(``--profile PATH``, else ``$TACTFUL_PROFILE``, else ``profile.toml`` in the user
config directory), then defaults. ``load_profile`` records where each value came
from so that ``tactful profile show`` can explain a surprising sign-off.

The loader walks ``Profile.model_fields``: adding a field to ``Profile`` is
enough for it to be read from the file, the environment and flags.
"""

from __future__ import annotations

import json
import os
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from tactful.datamodel import DataModel
from tactful.errors import ConfigError
from tactful.triage_policy import TriagePolicy

ENV_PREFIX = "TACTFUL_"
PATH_ENV = "TACTFUL_PROFILE"
LIST_SEPARATOR = ";"


class Profile(DataModel):
    """Effective settings for drafting. ``None`` means "use the language's default".

    ``policy`` completes "I keep LinkedIn for ..." ("people I have worked with");
    ``channels`` are the other paths a reply offers ("Twitter @ana", "the Python
    Montréal group"), written the way the user wants them to appear.
    """

    name: str | None = None
    policy: str | None = None
    channels: list[str] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    style: Literal["long", "short"] = "long"
    # Model settings (the flags and environment variables win over these).
    model: str | None = None
    base_url: str | None = None
    timeout: float | None = Field(default=None, gt=0)
    max_attempts: int | None = Field(default=None, ge=1)
    triage: TriagePolicy = Field(default_factory=TriagePolicy)


class LoadedProfile(DataModel):
    """A profile plus the file it was read from and the source of every value."""

    profile: Profile
    path: Path
    exists: bool
    sources: dict[str, str]


def default_path() -> Path:
    """``profile.toml`` in the platform's user config directory."""
    import platformdirs

    return Path(platformdirs.user_config_dir("tactful")) / "profile.toml"


def profile_path(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The profile file to use: ``path``, else ``$TACTFUL_PROFILE``, else the default."""
    env = os.environ if env is None else env
    if path:
        return Path(path).expanduser()
    if env.get(PATH_ENV):
        return Path(env[PATH_ENV]).expanduser()
    return default_path()


def _is_list(name: str) -> bool:
    return typing.get_origin(Profile.model_fields[name].annotation) is list


FLAG_NAMES = {"channels": "--channel"}
"""Flags whose name is not ``--<field>`` (a repeatable option is named in the singular)."""


def flag_name(field: str) -> str:
    """The command-line flag for a profile field."""
    return FLAG_NAMES.get(field, "--" + field.replace("_", "-"))


def env_name(field: str) -> str:
    """The environment variable for a profile field (``name`` -> ``TACTFUL_NAME``)."""
    return ENV_PREFIX + field.upper()


def read_file(path: Path) -> dict[str, Any]:
    """Parse a profile file; a malformed file or an unknown key is a ``ConfigError``."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"profile {path} is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and retry"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"profile {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read profile {path}: {exc.strerror}") from None
    unknown = sorted(set(data) - set(Profile.model_fields))
    if unknown:
        known = ", ".join(Profile.model_fields)
        raise ConfigError(f"profile {path} has unknown key(s) {', '.join(unknown)}; known: {known}")
    return data


def load_profile(
    path: str | Path | None = None,
    *,
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> LoadedProfile:
    """Merge defaults < file < environment < flags into one validated ``Profile``.

    ``flags`` maps field names to values given on the command line; ``None`` and
    empty lists mean "not given". An explicitly named file (``path`` or
    ``$TACTFUL_PROFILE``) must exist; the default file may be missing.
    """
    env = os.environ if env is None else env
    explicit = bool(path) or bool(env.get(PATH_ENV))
    file = profile_path(path, env)
    values: dict[str, Any] = {}
    sources = {name: "default" for name in Profile.model_fields}
    if file.is_dir():
        raise ConfigError(
            f"profile {file} is a folder; pass a file, such as {file / 'profile.toml'}"
        )
    exists = file.is_file()
    if exists:
        for key, value in read_file(file).items():
            values[key] = value
            sources[key] = f"file {file}"
    elif explicit:
        raise ConfigError(
            f"profile {file} does not exist; create it with 'tactful profile init --profile {file}'"
        )
    for name in Profile.model_fields:
        raw = env.get(env_name(name))
        if raw is None or not raw.strip():
            continue
        if _is_list(name):
            values[name] = [item.strip() for item in raw.split(LIST_SEPARATOR) if item.strip()]
        else:
            values[name] = raw.strip()
        sources[name] = f"env {env_name(name)}"
    for name, value in (flags or {}).items():
        if name not in Profile.model_fields:
            raise ValueError(f"unknown profile field {name!r}")
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        values[name] = list(value) if isinstance(value, list | tuple) else value
        sources[name] = f"flag {flag_name(name)}"
    try:
        profile = Profile.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "profile"
        where = ".".join(str(part) for part in first["loc"]) or field  # e.g. triage.stock_action
        origin = sources.get(field, "profile")
        raise ConfigError(
            f"invalid profile value for {where} (from {origin}): {first['msg']}"
        ) from None
    return LoadedProfile(profile=profile, path=file, exists=exists, sources=sources)


def to_toml(values: Mapping[str, Any]) -> str:
    """Serialise flat profile values as TOML (strings, numbers, booleans, lists of strings).

    JSON string escapes are valid TOML basic-string escapes, so ``json.dumps``
    quotes safely without a TOML-writing dependency.
    """
    lines = ["# Tactful profile: see 'tactful profile show' for the effective values."]
    tables = {k: v for k, v in values.items() if isinstance(v, Mapping)}
    for key, value in values.items():
        if value is None or key in tables:
            continue
        if isinstance(value, bool):
            rendered = "true" if value else "false"
        elif isinstance(value, int | float):
            rendered = repr(value)
        elif isinstance(value, list | tuple):
            rendered = "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
        else:
            rendered = json.dumps(str(value), ensure_ascii=False)
        lines.append(f"{key} = {rendered}")
    for key, table in tables.items():  # e.g. [triage]: one level of nesting
        lines.append(f"\n[{key}]")
        lines.extend(to_toml(table).splitlines()[1:])
    return "\n".join(lines) + "\n"


def write_profile(path: Path, profile: Profile, *, force: bool = False) -> Path:
    """Write ``profile`` to ``path``; an existing file is kept unless ``force``."""
    if path.exists() and not force:
        raise ConfigError(f"profile {path} already exists; pass --force to overwrite it")
    values = profile.model_dump(exclude_defaults=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_toml(values), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write profile {path}: {exc.strerror}") from None
    return path
