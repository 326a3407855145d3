"""A stand-in for the rewrite pipeline in batch tests that exercise the batch machinery itself
(resume, order, failures, the report), where the real drafting is beside the point."""

from __future__ import annotations

import time
import zlib
from typing import Any, ClassVar

import pytest

from tactful.batch import drafting
from tactful.batch.export import ExportRow
from tactful.batch.names import first_name
from tactful.errors import InputError


class StandInDrafter:
    """A fixed three-part reply; a note with ``FAIL`` fails, one with ``INVALID`` is invalid."""

    calls: ClassVar[list[int]] = []

    def __init__(self, settings: drafting.DraftSettings) -> None:
        self.settings = settings

    def __call__(self, row: ExportRow) -> dict[str, Any]:
        StandInDrafter.calls.append(row.line)
        if "FAIL" in row.message:
            raise InputError("the stand-in refuses this note")
        # Uneven delays make a pool finish rows out of order.
        time.sleep((zlib.crc32(row.key.encode()) % 5) / 1000)
        inviter = first_name(row.counterpart) or ""
        empty = not row.message.strip()
        parts = {
            "appreciation": f"Thank you for the invitation, {inviter}.",
            "rationale": "I keep my network to people I have met in person.",
            "openness": "What brings you here?" if empty else "Let us meet at a meetup first.",
        }
        result = {
            "message": f"Hi {inviter},\n\n" + "\n\n".join(parts.values()),
            "style": self.settings.options.style,
            "lang": drafting.reply_lang(row, self.settings),
            "engine": "stand-in",
            "fallback": False,
            "attempts": 1,
            "parts": parts,
            "validation": {
                "valid": "INVALID" not in row.message,
                "lang": "en",
                "checks": {
                    "no_pitch": {
                        "passed": "INVALID" not in row.message,
                        "severity": "error",
                        "message": "no pitch",
                        "evidence": [],
                    }
                },
            },
        }
        triage = {
            "kind": "stock" if empty else "other",
            "action": "ask" if empty else "decline",
            "reason": "The note is empty." if empty else "A note to decline.",
            "signals": [],
        }
        return drafting.merge(row, result, triage)


@pytest.fixture(name="standin")
def standin_fixture(monkeypatch: pytest.MonkeyPatch) -> type[StandInDrafter]:
    StandInDrafter.calls = []
    monkeypatch.setattr(drafting, "PipelineDrafter", StandInDrafter)
    return StandInDrafter
