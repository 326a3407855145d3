"""``tactful check``: judge a reply with the deterministic validator.

Parses options, reads the reply, prints the report (one line per check, or one
JSON object with ``--json``) and exits 0 when valid, 1 when not. The validator
is imported inside the command so ``tactful --help`` stays fast; nothing here
imports a model client.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tactful.cli.app import app
from tactful.cli.options import lang_option, style_option


@app.command()
def check(
    text: Annotated[
        str | None,
        typer.Argument(help="The reply to check; '-' or nothing reads standard input."),
    ] = None,
    lang: Annotated[str, lang_option("Expected language of the reply.")] = "auto",
    style: Annotated[
        str | None, style_option("Also check the shape: long or short (2 sentences).")
    ] = None,
    invitation: Annotated[
        str | None,
        typer.Option(
            "--invitation",
            "-i",
            help="The invitation note answered (checks language, grounded thanks, names).",
        ),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel", help="One of your own channels (URL, handle, e-mail); repeatable."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of lines.")
    ] = False,
) -> None:
    """Check that a reply carries appreciation, rationale and openness, without a pitch.

    Exit code 0 when the reply is valid, 1 when it is not, 2 for a usage error.
    """
    from tactful.choices import check_lang, check_style
    from tactful.text import read_input
    from tactful.validation import validate

    check_lang(lang)
    if style is not None:
        check_style(style)
    reply = read_input(text, what="reply")
    report = validate(
        reply,
        lang=lang,
        style=style,
        invitation=invitation,
        own_channels=channel or (),
    )
    if as_json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False))
    else:
        for name, result in report.checks.items():
            mark = "✓" if result.passed else ("✗" if result.severity == "error" else "!")
            evidence = f"  «{' | '.join(result.evidence)}»" if result.evidence else ""
            print(f"{mark} {name}: {result.message}{evidence}".replace("\n", " "))
        print("valid" if report.valid else "invalid")
    raise typer.Exit(0 if report.valid else 1)
