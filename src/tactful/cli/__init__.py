"""Command-line entry point: ``tactful`` and its subcommands.

``main`` runs the click command in non-standalone mode so that every known
failure becomes one ``Error: ...`` line on stderr with a documented exit code
(see ``tactful.errors``), and tracebacks appear only with ``TACTFUL_DEBUG=1``.
"""

from __future__ import annotations

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


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the documented code for the outcome."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="tactful", standalone_mode=False)
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
