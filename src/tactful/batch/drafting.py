"""Turn one export row into one reply record, through the same pipeline as ``rewrite``.

The record is what ``replies.jsonl`` holds: who and when (``from``, ``sent_at``,
``profile_url``), the triage, and the ``rewrite --json`` object (``message``,
``lang``, ``engine``, ``validation`` ...). The greeting's first name comes from
the export's name column for the other person, never from the note (whose
greeting names the user) and never from the user's own name.
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass, field
from typing import Any

from tactful.batch.export import ExportRow
from tactful.batch.names import first_name
from tactful.batch.store import Record
from tactful.engines.base import Engine
from tactful.options import RewriteOptions
from tactful.pipeline import empty_note
from tactful.text import detect_language, visible


@dataclass(frozen=True)
class DraftSettings:
    """The options every row is drafted with: the run's ``RewriteOptions`` (resolved once
    from flags, environment and profile, as for ``rewrite``), the seed, and the language
    for rows whose note gives none."""

    options: RewriteOptions = field(default_factory=RewriteOptions)
    seed: int | None = None
    default_lang: str = "en"
    """Reply language for an empty note or one in a language Tactful does not write."""


def row_seed(row: ExportRow, seed: int | None) -> int:
    """A per-row seed from the row's key: reruns and any concurrency give the same drafts."""
    return zlib.crc32(row.key.encode("utf-8")) ^ (seed or 0)


def reply_lang(row: ExportRow, settings: DraftSettings) -> str:
    """``--lang`` when given, else the note's language, else the default language."""
    if settings.options.lang != "auto":
        return settings.options.lang
    detected = detect_language(row.message) if row.message.strip() else None
    return detected or settings.default_lang


def base_record(row: ExportRow) -> dict[str, Any]:
    """The fields that come from the export itself."""
    return {
        "key": row.key,
        "line": row.line,
        "from": row.sender,
        "to": row.recipient,
        "sent_at": row.sent_at,
        "profile_url": row.profile_url,
        "direction": row.direction,
        "inviter": first_name(row.counterpart),
        "note": row.message,
    }


def merge(row: ExportRow, result: dict[str, Any], triage: dict[str, Any]) -> Record:
    """The record: the export's fields, the triage, then the ``rewrite --json`` object."""
    record = base_record(row)
    record["triage"] = triage
    for name, value in result.items():
        record.setdefault(name, value)
    return Record.model_validate(record)


class PipelineDrafter:
    """Drafts with ``tactful.rewrite``; each worker thread gets its own engine.

    A model engine remembers things for its run (the response format the server
    accepts, its last reply) and is not shared between threads. The first engine is
    built at once, in the calling thread, so a missing model configuration fails
    before any output is written.
    """

    def __init__(self, settings: DraftSettings) -> None:
        from tactful.engines import select_engine
        from tactful.pipeline import rewrite

        self.settings = settings
        self._rewrite = rewrite
        self._select = select_engine
        self._local = threading.local()
        self._local.engine = self._new_engine()

    def _engine(self) -> Engine:
        engine: Engine | None = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = self._new_engine()
        return engine

    def _new_engine(self) -> Engine:
        options = self.settings.options
        return self._select(options.engine, settings=options.settings)

    def __call__(self, row: ExportRow) -> Record:
        settings = self.settings
        lang = reply_lang(row, settings)
        note = row.message if visible(row.message) else empty_note(lang)
        result = self._rewrite(
            note,
            options=settings.options.model_copy(update={"lang": lang}),
            engine=self._engine(),
            inviter=first_name(row.counterpart),
            seed=row_seed(row, settings.seed),
        )
        data: dict[str, Any] = result.model_dump(mode="json")
        triage = data.get("triage")
        if not isinstance(triage, dict):
            triage = {}
        return merge(row, data, triage)
