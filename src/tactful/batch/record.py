"""One line of ``replies.jsonl``, typed: what the CSV, the report and a resumed run read.

Records were ``dict[str, Any]`` read back with ``isinstance`` guards in three places;
now the store parses each line once into a ``ReplyRecord`` and every reader uses its
fields. The file format is unchanged: the export's fields (``from``, ``sent_at``,
``profile_url`` ...), the triage, then the ``rewrite --json`` object, whose other fields
(``analysis``, ``history``, ``usage`` ...) are kept as they are (``extra="allow"``), so a
folder written by an earlier version still resumes and renders.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class BatchTriage(BaseModel):
    """The triage's verdict as stored: kind, action and the reason shown to the user."""

    model_config = ConfigDict(extra="allow")

    kind: str = "?"
    action: str = "?"
    reason: str | None = None


class StoredCheck(BaseModel):
    """One validator check as stored."""

    model_config = ConfigDict(extra="allow")

    passed: bool = False
    severity: str = "error"
    message: str | None = None


class StoredValidation(BaseModel):
    """The validator's verdict on the reply as written."""

    model_config = ConfigDict(extra="allow")

    valid: bool = False
    checks: dict[str, StoredCheck] = Field(default_factory=dict)


class ReplyRecord(BaseModel):
    """One invitation and its drafted reply."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    key: str
    line: int | None = None
    sender: str | None = Field(default=None, alias="from")
    to: str | None = None
    sent_at: str | None = None
    profile_url: str | None = None
    direction: str | None = None
    inviter: str | None = None
    note: str = ""
    triage: BatchTriage = Field(default_factory=BatchTriage)
    message: str = ""
    style: str | None = None
    lang: str | None = None
    engine: str | None = None
    fallback: bool = False
    parts: dict[str, str | None] = Field(default_factory=dict)
    validation: StoredValidation | None = None

    @property
    def valid(self) -> bool:
        """The validator passed the reply as written (no validation recorded: not valid)."""
        return self.validation is not None and self.validation.valid

    def to_json(self) -> dict[str, Any]:
        """The JSON object written to ``replies.jsonl`` (``from`` under its own name)."""
        return self.model_dump(mode="json", by_alias=True)
