"""``tactful rewrite``: an invitation note in, a validated decline out.

Parses options, loads the profile, calls ``tactful.pipeline`` and prints: the bare
message on stdout (ready to paste), notices on stderr, or JSON with ``--json``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from tactful.cli.app import app, err

_STYLE_HELP = (
    "long: greeting, three short paragraphs, sign-off; short: two sentences, <= 300 chars."
)


@app.command()
def rewrite(
    text: Annotated[
        str | None,
        typer.Argument(help="The invitation note; '-' or omitted reads stdin.", show_default=False),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option("--style", "-s", help=_STYLE_HELP + " [default: profile, else long]"),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of the note: auto, fr or en.")
    ] = "auto",
    inviter: Annotated[
        str | None,
        typer.Option("--inviter", help="The inviter's first name, if the note is not signed."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Your name for the sign-off. [env: TACTFUL_NAME]"),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            help="Another way to connect (repeatable), e.g. 'Twitter @ana'. "
            "[env: TACTFUL_CHANNELS, ';'-separated]",
        ),
    ] = None,
    policy: Annotated[
        str | None,
        typer.Option(
            "--policy",
            help="Who your network is for, completing 'I keep LinkedIn for ...'. "
            "[env: TACTFUL_POLICY]",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Profile TOML file. [env: TACTFUL_PROFILE]"),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", "-e", help="auto, offline or openai (auto: offline until a model is set)."
        ),
    ] = "auto",
    variants: Annotated[
        int, typer.Option("--variants", "-n", min=1, max=10, help="Write N distinct drafts.")
    ] = 1,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Same note and seed, same draft.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON object (a list with --variants).")
    ] = False,
) -> None:
    """Turn an invitation note into a polite three-part decline (never a pitch)."""
    from tactful.errors import UsageError
    from tactful.pipeline import rewrite as run
    from tactful.pipeline import rewrite_variants
    from tactful.profile import load_profile
    from tactful.text import read_input

    if lang not in ("auto", "fr", "en"):
        raise UsageError(f"unknown language {lang!r}; use --lang auto, fr or en")
    if style is not None and style not in ("long", "short"):
        raise UsageError(f"unknown style {style!r}; use --style long or short")
    note = read_input(text, what="invitation")
    loaded = load_profile(profile, flags={"name": name, "policy": policy, "channels": channel})
    options: dict[str, Any] = {
        "style": style or loaded.profile.style,
        "lang": lang,
        "profile": loaded.profile,
        "engine": engine,
        "inviter": inviter,
    }
    if variants > 1:
        results = rewrite_variants(note, variants, seed=seed, **options)
    else:
        results = [run(note, seed=seed, **options)]
    for result in results:
        for notice in result.notices:
            err(f"Note: {notice}")
    if as_json:
        payload = [r.model_dump(mode="json") for r in results]
        print(json.dumps(payload if variants > 1 else payload[0], ensure_ascii=False, indent=2))
        return
    print("\n\n---\n\n".join(r.message for r in results))
