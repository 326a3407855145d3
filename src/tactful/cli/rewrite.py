"""``tactful rewrite``: an invitation note in, a validated decline out.

Parses options, loads the profile, calls ``tactful.pipeline`` and prints: the bare
message on stdout (ready to paste), notices on stderr, or JSON with ``--json``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from tactful.cli.app import app, err
from tactful.cli.options import (
    MODEL_PANEL,
    BaseUrlOption,
    ChannelOption,
    MaxAttemptsOption,
    ModelOption,
    NameOption,
    PolicyOption,
    ProfileOption,
    TimeoutOption,
    lang_option,
    style_option,
)

_STYLE_HELP = (
    "long: greeting, three short paragraphs, sign-off; short: two sentences, <= 300 chars."
)


@app.command()
def rewrite(
    text: Annotated[
        str | None,
        typer.Argument(
            help="The invitation note; '-' or omitted reads stdin. An empty note (LinkedIn's "
            "default invitation) is answered as its stock line.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        str | None, style_option(_STYLE_HELP + " [default: profile, else long]")
    ] = None,
    lang: Annotated[str, lang_option("Language of the note: auto, fr or en.")] = "auto",
    inviter: Annotated[
        str | None,
        typer.Option("--inviter", help="The inviter's first name, if the note is not signed."),
    ] = None,
    name: NameOption = None,
    channel: ChannelOption = None,
    policy: PolicyOption = None,
    profile: ProfileOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            "-e",
            help="auto, offline or openai (auto: the model once OPENAI_API_KEY or a base URL "
            "is set, else offline).",
        ),
    ] = "auto",
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    timeout: TimeoutOption = None,
    max_attempts: MaxAttemptsOption = None,
    no_fallback: Annotated[
        bool,
        typer.Option(
            "--no-fallback",
            help="If no model draft passes validation, exit 3 instead of writing offline.",
            rich_help_panel=MODEL_PANEL,
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Log each attempt (reason, tokens, request id) on stderr.",
            rich_help_panel=MODEL_PANEL,
        ),
    ] = False,
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
    from tactful.engines import select_engine
    from tactful.options import resolve_options
    from tactful.pipeline import rewrite as run
    from tactful.pipeline import rewrite_variants
    from tactful.text import read_input

    resolved = resolve_options(
        profile,
        style=style,
        lang=lang,
        engine=engine,
        name=name,
        policy=policy,
        channels=channel or (),
        model=model,
        base_url=base_url,
        timeout=timeout,
        max_attempts=max_attempts,
        fallback=not no_fallback,
    )
    note = read_input(text, what="invitation", allow_empty=True)
    settings = resolved.settings
    chosen = resolved.engine
    announced: list[str] = []

    def announce() -> None:
        # Once per run. With --verbose, before the attempt log; otherwise only after a
        # reply was written, so a bad note or a model error stays a one-line error.
        if engine == "auto" and not announced:
            announced.append(chosen)
            err(_announce(chosen, settings.model, settings.url))

    log = err if verbose else None
    # One engine object for the whole run: a model engine keeps what it learnt
    # (the response_format the server accepts) across variants.
    options: dict[str, Any] = {
        "options": resolved,
        "engine": select_engine(chosen, settings=settings, log=log),
        "inviter": inviter,
        "log": log,
        "before_draft": announce if verbose else None,
    }
    if variants > 1:
        results = rewrite_variants(note, variants, seed=seed, **options)
    else:
        results = [run(note, seed=seed, **options)]
    announce()
    for result in results:
        for notice in result.notices:
            err(f"Note: {notice}")
    if as_json:
        payload = [r.model_dump(mode="json") for r in results]
        print(json.dumps(payload if variants > 1 else payload[0], ensure_ascii=False, indent=2))
        return
    print("\n\n---\n\n".join(r.message for r in results))


def _announce(chosen: str, model: str, url: str) -> str:
    """The one stderr line saying what ``--engine auto`` picked."""
    if chosen == "openai":
        return f"Engine: model {model} at {url} (--engine offline to stay offline)"
    return "Engine: offline (set OPENAI_API_KEY or --base-url to use a model)"
