"""``tactful profile init|show``: write the profile file, and explain the effective profile."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from tactful.cli.app import app, err

profile_app = typer.Typer(
    name="profile",
    help="Your profile: name for the sign-off, network policy, other channels, defaults.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(profile_app, name="profile")

_PATH_HELP = "Profile file. [env: TACTFUL_PROFILE; default: the user config directory]"


def _ask(label: str, default: str | None) -> str | None:
    answer: str = typer.prompt(label, default=default or "", show_default=bool(default))
    return answer.strip() or None


@profile_app.command("init")
def init(
    name: Annotated[str | None, typer.Option("--name", help="Your name for the sign-off.")] = None,
    policy: Annotated[
        str | None,
        typer.Option("--policy", help="Who your network is for ('people I have worked with')."),
    ] = None,
    channel: Annotated[
        list[str] | None, typer.Option("--channel", help="Another way to connect (repeatable).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Default language: fr or en.")] = None,
    style: Annotated[
        str | None, typer.Option("--style", help="Default style: long or short.")
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", help=_PATH_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a profile file (asks when run in a terminal, else takes the flags)."""
    from tactful.errors import ConfigError
    from tactful.profile import Profile, profile_path, write_profile

    path = profile_path(profile)
    if path.is_dir():
        raise ConfigError(
            f"profile {path} is a folder; pass a file, such as {path / 'profile.toml'}"
        )
    if path.exists() and not force:
        raise ConfigError(f"profile {path} already exists; pass --force to overwrite it")
    values: dict[str, Any] = {
        "name": name,
        "policy": policy,
        "channels": list(channel or []),
        "lang": lang,
        "style": style,
    }
    if sys.stdin is not None and sys.stdin.isatty():
        values["name"] = _ask("Your name (for the sign-off)", name)
        values["policy"] = _ask("Who your network is for (empty: the default)", policy)
        joined = _ask("Other ways to connect, separated by ';'", "; ".join(values["channels"]))
        values["channels"] = [c.strip() for c in (joined or "").split(";") if c.strip()]
        values["lang"] = _ask("Default language (fr/en, empty: follow the note)", lang)
        values["style"] = _ask("Default style (long/short)", style or "long")
    clean = {k: v for k, v in values.items() if v is not None}
    try:
        created = Profile.model_validate(clean)
    except ValueError as exc:
        raise ConfigError(f"invalid profile value: {str(exc).splitlines()[-1].strip()}") from None
    written = write_profile(path, created, force=force)
    err(f"Wrote {written}")


@profile_app.command("show")
def show(
    profile: Annotated[str | None, typer.Option("--profile", help=_PATH_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Print the effective profile and where each value comes from, then what a run would
    use (engine, model, server, timeout, attempts) once the environment is applied."""
    from tactful.options import resolve_options
    from tactful.profile import load_profile

    loaded = load_profile(profile)
    values = loaded.profile.model_dump(mode="json")
    resolved = resolve_options(profile)
    settings = resolved.settings
    run = {
        "engine": resolved.engine,
        "model": settings.model,
        "base_url": settings.url,
        "timeout": settings.timeout,
        "max_attempts": resolved.max_attempts,
        "api_key": "set" if settings.api_key else "not set",  # never the key itself
    }
    if as_json:
        payload = {
            "path": str(loaded.path),
            "exists": loaded.exists,
            "values": values,
            "sources": loaded.sources,
            "run": {
                key: {"value": value, "source": resolved.sources[key]} for key, value in run.items()
            },
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    state = "" if loaded.exists else " (not found: using defaults)"
    print(f"profile file: {loaded.path}{state}")
    for key, value in values.items():
        shown = "; ".join(value) if isinstance(value, list) else value
        print(f"{key}: {shown if shown not in (None, '') else '-'}  ({loaded.sources[key]})")
    print("a run would use:")
    for key, value in run.items():
        print(f"  {key}: {value}  ({resolved.sources[key]})")
