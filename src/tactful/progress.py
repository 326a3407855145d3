"""Progress of a long run (``batch``, ``eval``) on stderr, never on stdout.

On a terminal, a ``rich`` progress bar (count, rate, elapsed time), which handles
redrawing, width and a final line for us; rich comes with typer, so it costs no new
dependency, and it is imported only when a terminal will show it. In a log or CI run,
about ten plain lines ("batch: 300/3000 replies (1.1 s, 268.4/s)") instead of thousands
of carriage returns.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO


class Progress:
    """Count replies done out of ``total`` under a ``label`` ("batch", "eval")."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._shown_step = 0
        self._bar: Any = None
        self._task: Any = None
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        if self.total and self._tty:
            self._start_bar()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import (
            Progress as Bar,
        )

        self._bar = Bar(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("replies"),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
        )
        self._task = self._bar.add_task(self.label, total=self.total)
        self._bar.start()

    def advance(self, count: int = 1) -> None:
        """``count`` more replies done."""
        self.update(self.done + count)

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` replies so far (the eval runner's callback gives the total too)."""
        if total is not None and total != self.total:
            self.total = total
            if self._tty and self._bar is None and total:
                self._start_bar()
        self.done = done
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total)
            return
        step = 10 * done // self.total if self.total else 10
        if step > self._shown_step and done < self.total:
            self._shown_step = step
            print(self._line(), file=self.stream, flush=True)

    def close(self) -> None:
        """The last line, once: the bar completed, or the plain final count."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif self.total:
            print(self._line(), file=self.stream, flush=True)
        self.total = 0  # closing twice prints nothing more
        self._tty = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"{self.label}: {self.done}/{self.total} replies "
            f"({elapsed:.1f} s, {self.done / elapsed:.1f}/s)"
        )
