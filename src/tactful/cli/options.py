"""Options that several commands share, defined once so their names, help and limits agree.

``rewrite`` and ``batch`` take the same profile and model options; each command
declares its parameters with these aliases (``name: NameOption = None``). Values
left unset fall through to the environment and the profile in
``tactful.profile`` and ``tactful.engines.settings``, which is why none of these
options reads an environment variable itself.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

MODEL_PANEL = "Model (OpenAI-compatible server)"

# --lang and --style: one spelling, one check (tactful.choices) for every command; the
# value stays a plain string, refused with the same one line wherever it is wrong.
_LANGS = "auto|fr|en"
_STYLES = "long|short"


def lang_option(help: str) -> Any:
    """``--lang``/``-l``: ``auto`` or a supported language (checked by ``tactful.choices``)."""
    return typer.Option("--lang", "-l", metavar=_LANGS, help=help)


def style_option(help: str) -> Any:
    """``--style``/``-s``: ``long`` or ``short`` (checked by ``tactful.choices``)."""
    return typer.Option("--style", "-s", metavar=_STYLES, help=help)


NameOption = Annotated[
    str | None,
    typer.Option("--name", help="Your name for the sign-off. [env: TACTFUL_NAME]"),
]
ChannelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        help="Another way to connect (repeatable), e.g. 'Twitter @ana'. "
        "[env: TACTFUL_CHANNELS, ';'-separated]",
    ),
]
PolicyOption = Annotated[
    str | None,
    typer.Option(
        "--policy",
        help="Who your network is for, completing 'I keep LinkedIn for ...'. [env: TACTFUL_POLICY]",
    ),
]
ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", help="Profile TOML file. [env: TACTFUL_PROFILE]"),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="Model name. [env: TACTFUL_MODEL; default: gpt-4o-mini]",
        rich_help_panel=MODEL_PANEL,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="Chat Completions server, e.g. http://localhost:11434/v1. [env: OPENAI_BASE_URL]",
        rich_help_panel=MODEL_PANEL,
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Seconds to wait for each answer. [env: TACTFUL_TIMEOUT; default: 30]",
        rich_help_panel=MODEL_PANEL,
    ),
]
MaxAttemptsOption = Annotated[
    int | None,
    typer.Option(
        "--max-attempts",
        min=1,
        help="Model drafts to try before falling back. [env: TACTFUL_MAX_ATTEMPTS; default: 3]",
        rich_help_panel=MODEL_PANEL,
    ),
]
