"""One error family, each class carrying the exit code the CLI maps it to.

The CLI catches ``TactfulError`` and prints ``Error: <message>`` on one line, so
every message here must say what happened *and* what to do about it, and must
never contain secrets (an API key is never interpolated into a message).

Exit codes (documented in the README):

* 0 - success (for ``check``: the reply is valid)
* 1 - the reply is invalid (``check``), or a model/server error
* 2 - usage error: bad option, empty/huge/undecodable input, unsupported language,
  an output path that cannot be written
* 3 - no valid draft could be produced and fallback was disabled
* 130 - interrupted (Ctrl-C)
"""

from __future__ import annotations

from collections.abc import Sequence


class TactfulError(Exception):
    """Base class: a failure the user can act on, with its exit code."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TactfulError):
    """The command was called wrongly (options, arguments)."""

    exit_code = 2


class InputError(TactfulError):
    """The input text cannot be used: empty, too long, undecodable, wrong language."""

    exit_code = 2


class ConfigError(TactfulError):
    """A profile or configuration value is missing or malformed."""

    exit_code = 2


class OutputError(TactfulError):
    """An output path that cannot be written (``--out``): which one and why."""

    exit_code = 2


class Interrupted(TactfulError):
    """Ctrl-C during a long run, once what was done is saved: say what was kept."""

    exit_code = 130


class ModelError(TactfulError):
    """The model server failed in a way retries cannot fix (auth, quota, unreachable)."""

    exit_code = 1


class NoValidDraftError(TactfulError):
    """Every attempt failed validation and the offline fallback was disabled.

    ``attempts`` is how many drafts were tried and ``findings`` what the judge said of the
    last one (one line per failed check), so a caller (the Python API, ``batch``, the eval
    runner) can show why without parsing the message."""

    exit_code = 3

    def __init__(self, message: str, *, attempts: int = 0, findings: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.findings = list(findings)
