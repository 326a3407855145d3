"""What the person did with each card of a backlog: kept beside ``replies.jsonl``.

``serve-state.json`` maps a record's key to its status (``open``, ``sent``, ``skipped``)
and, when the reply was edited on the page, the edited text with its validation. The
drafted records themselves are never rewritten: a second ``tactful batch`` on a newer
export appends new rows, and what was edited or marked stays as it was.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

STATE = "serve-state.json"
Status = Literal["open", "sent", "skipped"]


class CardState(BaseModel):
    """One card's status and, if edited, the reply as edited and whether it held."""

    status: Status = "open"
    message: str | None = None
    valid: bool | None = None


class BacklogState(BaseModel):
    cards: dict[str, CardState] = Field(default_factory=dict)


class StateFile:
    """Read and write ``serve-state.json`` atomically (a temporary file renamed into place)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE
        self._lock = threading.Lock()

    def load(self) -> BacklogState:
        try:
            return BacklogState.model_validate_json(self.path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return BacklogState()  # missing or hand-broken: start clean, never crash the page

    def update(self, key: str, **changes: Any) -> CardState:
        with self._lock:
            state = self.load()
            card = state.cards.get(key, CardState()).model_copy(update=changes)
            state.cards[key] = CardState.model_validate(card.model_dump())
            temporary = self.path.with_name(f".{self.path.name}.tmp")
            temporary.write_text(json.dumps(state.model_dump(mode="json"), ensure_ascii=False))
            os.replace(temporary, self.path)
            return state.cards[key]
