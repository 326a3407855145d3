"""Run the real CLI entry point and capture stdout, stderr and the exit code separately."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: bytes | None = None) -> Run:
    """Call ``tactful.cli.main`` in-process, as the console script does."""
    from tactful.cli import main

    out, error = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin if stdin is not None else b""), encoding="utf-8")
    code = 0
    old_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(error):
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = old_stdin
    return Run(code, out.getvalue(), error.getvalue())


def offline_replies(note: str, *, seed: int | None = None) -> list[str]:
    """The offline engine's long and short replies to ``note``, the pair most reading tests
    assert on."""
    from tactful.pipeline import rewrite

    return [
        rewrite(note, style=style, engine="offline", seed=seed).message
        for style in ("long", "short")
    ]
