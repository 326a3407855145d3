"""Command-line entry point: ``tactful`` and its subcommands.

``main`` runs the click command in non-standalone mode so that every known
failure becomes one ``Error: ...`` line on stderr with a documented exit code
(see ``tactful.errors``), and tracebacks appear only with ``TACTFUL_DEBUG=1``.
"""

from __future__ import annotations

import copy
import os
import sys

import typer

# typer >= 0.29 vendors click; its exceptions are the ones the command raises.
from typer._click import exceptions as click

from tactful.cli.app import app, err
from tactful.errors import TactfulError

# Subcommands register themselves on ``app`` when imported (one line each).
from tactful.cli import meta as _meta  # noqa: F401  isort: skip
from tactful.cli import check as _check  # noqa: F401  isort: skip
from tactful.cli import profile as _profile  # noqa: F401  isort: skip
from tactful.cli import rewrite as _rewrite  # noqa: F401  isort: skip
from tactful.cli import triage as _triage  # noqa: F401  isort: skip
from tactful.cli import eval as _eval  # noqa: F401  isort: skip
from tactful.cli import batch as _batch  # noqa: F401  isort: skip
from tactful.cli import serve as _serve  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def _invoked(argv: list[str]) -> typer.Typer:
    """The app as this run needs it: only the subcommand named first, when there is one.

    Building the click group resolves every subcommand's signature (type hints, one
    pydantic adapter per option); a run invokes one subcommand, and the others cost a
    first call some 20 ms. Anything else (no arguments, ``--help``, ``--version``, an
    unknown name) gets the whole app, so help lists and usage errors are unchanged.
    """
    name = argv[0] if argv else ""
    commands = [info for info in app.registered_commands if _name(info) == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    narrow = copy.copy(app)
    narrow.registered_commands, narrow.registered_groups = commands, groups
    return narrow


def _name(info: typer.models.CommandInfo) -> str:
    """The name typer gives the command (its own rule: the function's, dashed)."""
    if info.name:
        return info.name
    return typer.main.get_command_name(info.callback.__name__) if info.callback else ""


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the documented code for the outcome."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(_invoked(args))
    try:
        result = command.main(args=args, prog_name="tactful", standalone_mode=False)
    except TactfulError as exc:
        err(f"Error: {exc.message}")
        sys.exit(exc.exit_code)
    except click.NoArgsIsHelpError as exc:
        # Bare ``tactful``: show the help, as a user expects, and exit 2 like click.
        print(exc.ctx.get_help())
        sys.exit(2)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        err(f"Error: {exc.format_message()}{hint}")
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err("Error: aborted")
        sys.exit(130)
    except click.ClickException as exc:
        err(f"Error: {exc.format_message()}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("Error: interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: one line, unless debugging
        if os.environ.get("TACTFUL_DEBUG"):
            raise
        err(f"Error: unexpected {type(exc).__name__}: {exc} (set TACTFUL_DEBUG=1 for a traceback)")
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
