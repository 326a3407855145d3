"""``tactful triage``: what a note (or a follow-up) is, and what the reply should do."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tactful.cli.app import app
from tactful.cli.options import lang_option


def _plain(result: dict[str, object]) -> str:
    lines = [
        f"kind: {result['kind']}",
        f"action: {result['action']}",
        f"reason: {result['reason']}",
    ]
    signals = result.get("signals") or []
    if isinstance(signals, list) and signals:
        lines.append("signals:")
        for signal in signals:
            note = " (names you, not the inviter)" if signal["kind"] == "greeting" else ""
            lines.append(f'  {signal["kind"]}: "{signal["evidence"]}"{note}')
    return "\n".join(lines)


@app.command()
def triage(
    text: Annotated[
        str | None,
        typer.Argument(help="The note (or, with --followup, the reply); '-' or none reads stdin."),
    ] = None,
    lang: Annotated[str, lang_option("Language of the note: auto, fr or en.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="Profile TOML whose [triage] table sets the policy. [env: TACTFUL_PROFILE]",
        ),
    ] = None,
    followup: Annotated[
        bool, typer.Option("--followup", help="TEXT is a reply received after your decline.")
    ] = False,
) -> None:
    """Triage an invitation note: kind, suggested action (decline, ask, meet) and why.

    With --followup, triage a reply to your decline: pitch (ignore), genuine (meet)
    or other (reply). An empty note is LinkedIn's default: stock.
    """
    from tactful.choices import check_lang
    from tactful.profile import load_profile
    from tactful.text import read_input
    from tactful.triage import triage_followup, triage_note

    check_lang(lang)
    # An empty *note* is LinkedIn's default (no note at all): the triage calls it stock.
    body = read_input(text, what="follow-up" if followup else "note", allow_empty=not followup)
    if followup:
        result = triage_followup(body, lang=lang).model_dump()
    else:
        policy = load_profile(profile).profile.triage
        result = triage_note(body, lang=lang, policy=policy).model_dump()
    print(json.dumps(result, ensure_ascii=False) if as_json else _plain(result))
