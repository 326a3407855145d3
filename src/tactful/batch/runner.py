"""Run a batch: scan the export, draft every pending invitation, write the outputs.

Two streaming passes over the export: the first checks it is an export at all
(before any output folder is created), counts the work for the progress bar and
finds the export's main language (the reply language for empty or unreadable
notes); the second drafts. Drafting runs on a bounded thread pool (the model
engine waits on the network) while records are written in the export's order,
so the same export gives the same files whatever ``--concurrency`` is.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tactful.batch.export import ExportRow, read_export
from tactful.batch.html import write_report
from tactful.batch.store import Record, ReplyStore
from tactful.batch.tables import Summary, write_csv_and_summarise
from tactful.errors import ModelError, TactfulError
from tactful.progress import Progress
from tactful.text import detect_language

Drafter = Callable[[ExportRow], Record]
Warn = Callable[[str], None]


@dataclass
class Scan:
    """What the first pass learnt about the export."""

    rows: int = 0
    eligible: int = 0
    pending: int = 0
    done: int = 0
    majority_lang: str | None = None


@dataclass
class RunStats:
    """What this run did with each row (every skipped row is counted and said)."""

    drafted: int = 0
    resumed: int = 0
    duplicates: int = 0
    outgoing: int = 0
    malformed: int = 0
    failed: int = 0


def scan_export(
    path: Path, *, done: set[str], include_outgoing: bool, languages: bool = True
) -> Scan:
    """Count rows and pending work; raises ``InputError`` if ``path`` is not an export."""
    scan = Scan()
    seen: set[str] = set()
    votes: Counter[str] = Counter()
    for row in read_export(path, lambda _line, _message: None):
        scan.rows += 1
        if row.direction != "INCOMING" and not include_outgoing:
            continue
        scan.eligible += 1
        if row.key in done:
            scan.done += 1
        elif row.key not in seen:
            scan.pending += 1
            seen.add(row.key)
        if languages and row.message.strip():
            lang = detect_language(row.message)
            if lang is not None:
                votes[lang] += 1
    if votes:
        scan.majority_lang = votes.most_common(1)[0][0]
    return scan


def run_batch(
    path: Path,
    store: ReplyStore,
    drafter: Drafter,
    *,
    done: set[str],
    include_outgoing: bool,
    concurrency: int,
    progress: Progress,
    warn: Warn,
) -> RunStats:
    """Draft every pending row and append it to ``store`` (inside ``store.writing()``)."""
    stats = RunStats()

    def problem(_line: int, message: str) -> None:
        stats.malformed += 1
        warn(f"Warning: {message}")

    def pending_rows() -> Iterator[ExportRow]:
        seen: set[str] = set()
        for row in read_export(path, problem, lambda message: warn(f"Note: {message}")):
            if row.direction != "INCOMING" and not include_outgoing:
                stats.outgoing += 1
            elif row.key in done:
                stats.resumed += 1
            elif row.key in seen:
                stats.duplicates += 1
                warn(f"Warning: line {row.line}: same invitation as an earlier row; skipped")
            else:
                seen.add(row.key)
                yield row

    def finish(row: ExportRow, record: Record | BaseException) -> None:
        if isinstance(record, BaseException):
            _row_failed(row, record, stats, warn)
        else:
            store.append(record)
            stats.drafted += 1
        progress.advance()

    if concurrency <= 1:
        for row in pending_rows():
            finish(row, _attempt(drafter, row))
        return stats
    window: deque[tuple[ExportRow, Future[Record | BaseException]]] = deque()
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="tactful-batch")
    try:
        for row in pending_rows():
            window.append((row, pool.submit(_attempt, drafter, row)))
            if len(window) >= concurrency * 2:
                finish(*_settled(window.popleft()))
        while window:
            finish(*_settled(window.popleft()))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return stats


def _attempt(drafter: Drafter, row: ExportRow) -> Record | BaseException:
    """Draft one row; a failure is returned (not raised) so it is handled in order."""
    try:
        return drafter(row)
    except Exception as exc:
        return exc


def _settled(
    item: tuple[ExportRow, Future[Record | BaseException]],
) -> tuple[ExportRow, Record | BaseException]:
    row, future = item
    return row, future.result()


def _row_failed(row: ExportRow, exc: BaseException, stats: RunStats, warn: Warn) -> None:
    """A model failure stops the run (every row would fail); anything else skips one row."""
    if isinstance(exc, ModelError):
        raise exc
    if not isinstance(exc, TactfulError) and os.environ.get("TACTFUL_DEBUG"):
        raise exc
    stats.failed += 1
    reason = exc.message if isinstance(exc, TactfulError) else f"{type(exc).__name__}: {exc}"
    warn(f"Warning: line {row.line}: no reply drafted ({reason}); a rerun retries it")


def finish_outputs(store: ReplyStore) -> Summary:
    """Rewrite ``replies.csv`` and ``report.html`` from everything in ``replies.jsonl``."""
    summary = write_csv_and_summarise(store)
    write_report(store, summary)
    return summary
