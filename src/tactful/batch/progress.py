"""A progress line on stderr: redrawn in place on a terminal, a few plain lines otherwise.

Stdout holds the summary table, so progress never goes there; a log file or a CI
run gets about ten lines rather than thousands of carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Count rows done out of ``total`` and show the rate."""

    def __init__(self, total: int, stream: TextIO | None = None, *, width: int = 28) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._step = max(1, self.total // 10)
        self._last_draw = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.tty:
            if now - self._last_draw >= 0.1 or self.done >= self.total:
                self._last_draw = now
                self.stream.write("\r" + self._line())
                self.stream.flush()
        elif self.done % self._step == 0 and self.done < self.total:
            print(self._line(), file=self.stream)

    def close(self) -> None:
        if self.total == 0:
            return
        if self.tty:
            self.stream.write("\r" + self._line() + "\n")
        else:
            print(self._line(), file=self.stream)
        self.stream.flush()

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(share, 1.0))
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} replies  {self.done / elapsed:.1f}/s"
