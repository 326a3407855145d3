"""The output folder: ``replies.jsonl`` is the record; CSV and HTML are derived from it.

Each drafted invitation is appended to ``replies.jsonl`` and flushed at once, so
an interrupted run loses at most the line being written. A rerun reads the keys
already there (profile URL and send time), repairs a torn last line, and skips
those rows. ``replies.csv`` and ``report.html`` are rewritten from the JSONL at
the end of every run (atomically, via a temporary file), so they always match it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from tactful.batch.record import ReplyRecord
from tactful.errors import UsageError
from tactful.resources import writing_to

JSONL = "replies.jsonl"
CSV = "replies.csv"
HTML = "report.html"
_LOCK = ".tactful-batch.lock"

Record = ReplyRecord
"""A stored reply (``tactful.batch.record.ReplyRecord``)."""


class ReplyStore:
    """Append-only store of reply records in ``out/replies.jsonl``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / JSONL
        self._handle: IO[str] | None = None

    def done_keys(self) -> set[str]:
        """Keys of the invitations already written (empty when the folder is new)."""
        return {record.key for record in self.records()}

    def records(self) -> Iterator[Record]:
        """Stream the records written so far, skipping a torn or hand-broken line."""
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.endswith("\n"):
                    return  # torn by an interrupted write: redone on this run
                with suppress(json.JSONDecodeError, ValidationError):
                    yield ReplyRecord.model_validate_json(line)

    @contextmanager
    def writing(self) -> Iterator[ReplyStore]:
        """Create the folder, take its lock, drop a torn last line, and open for appending."""
        with writing_to(self.out), _locked(self.out / _LOCK):
            _drop_torn_tail(self.path)
            with self.path.open("a", encoding="utf-8", newline="\n") as handle:
                self._handle = handle
                try:
                    yield self
                finally:
                    self._handle = None

    def append(self, record: Record) -> None:
        """Write one record as one line and flush it, so a crash cannot tear earlier ones."""
        if self._handle is None:
            raise RuntimeError("ReplyStore.append outside writing()")
        self._handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        self._handle.flush()


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line that lacks its newline (the run that wrote it was interrupted)."""
    if not path.exists():
        return
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        # Walk back to the previous newline in small blocks (the file may be large).
        position = size
        while position > 0:
            step = min(4096, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                handle.truncate(position + cut + 1)
                return
        handle.truncate(0)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Refuse a second batch writing to the same folder at the same time."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock, proceed
        yield
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(
                f"another 'tactful batch' is writing to {path.parent}; "
                "wait for it or use another --out"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def replacing(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file renamed into place only when complete."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()
