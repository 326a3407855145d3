"""The triage's vocabulary and the user's triage policy (the profile's ``[triage]`` table).

Kept apart from the classifier so that the profile (and everything that loads
it) can name the policy without compiling a single cue.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from tactful.datamodel import DataModel
from tactful.reading.note import NoteKind

NoteAction = Literal["decline", "ask", "meet"]
FollowupKind = Literal["pitch", "genuine", "other"]
FollowupAction = Literal["ignore", "meet", "reply"]

PERSONAL_KINDS: tuple[NoteKind, ...] = (
    "recruiter",
    "advice",
    "collaboration",
    "mutual",
    "event",
    "group",
    "content",
)
"""Kinds a meeting may be proposed for, when the note states a current need."""

NEVER_MEET: frozenset[str] = frozenset({"sales", "stock", "other"})
"""Kinds no policy can meet: a pitch never earns a meeting, a blank note has no need."""


class TriagePolicy(DataModel):
    """What the user wants done with each kind (the profile's ``[triage]`` table).

    The defaults follow the method: ask a stock line's sender what brings them,
    and propose a meeting only to a personal note that states a current need.
    """

    model_config = ConfigDict(extra="forbid")

    stock_action: Literal["ask", "decline"] = "ask"
    other_action: Literal["ask", "decline"] = "ask"
    meet_kinds: list[NoteKind] = Field(default_factory=lambda: list(PERSONAL_KINDS))
    never_meet: list[NoteKind] = Field(default_factory=list)

    @field_validator("meet_kinds")
    @classmethod
    def _no_meeting_for_pitches(cls, kinds: list[NoteKind]) -> list[NoteKind]:
        refused = sorted(set(kinds) & NEVER_MEET)
        if refused:
            raise ValueError(
                f"{', '.join(refused)} notes are never met; remove them from meet_kinds"
            )
        return kinds

    def welcomes_meeting(self, kind: NoteKind) -> bool:
        """Whether a need stated in a note of this kind earns a proposed meeting."""
        return kind in self.meet_kinds and kind not in self.never_meet
