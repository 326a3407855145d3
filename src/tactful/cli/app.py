"""The typer application object and the helpers every subcommand shares.

Subcommands live in sibling modules (``check.py``, ``rewrite.py`` ...) that
register themselves on ``app``; they parse options, call the library and print.
Heavy modules are imported inside the command functions so ``--help`` and the
offline path stay fast.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

app = typer.Typer(
    name="tactful",
    help=(
        "Draft polite declines to LinkedIn invitations: appreciation, rationale, openness, "
        "never a pitch.\n\n"
        'Quick start: tactful rewrite "Hi, I enjoyed your talk on testing. - Lee"'
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def err(message: str) -> None:
    """Print one diagnostic line on stderr (never stdout, which holds the draft)."""
    print(message, file=sys.stderr)


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop with ``Error: message`` on stderr and the given exit code."""
    err(f"Error: {message}")
    raise typer.Exit(code)
