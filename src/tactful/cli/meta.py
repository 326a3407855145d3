"""The group callback: ``--version``."""

from __future__ import annotations

from typing import Annotated

import typer

from tactful import __version__
from tactful.cli.app import app


def _version(value: bool) -> None:
    if value:
        print(f"tactful {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Draft polite declines to LinkedIn invitations.

    Three parts (appreciation, rationale, openness), never a pitch.
    """
