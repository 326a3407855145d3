"""What an invitation says, read once, for every engine and the triage.

This module holds the shape of the analysis (the contract the engines, the
prompts and the triage rely on). ``analyse()`` fills it from the note.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Lang = Literal["fr", "en"]
Register = Literal["tu", "vous"]
Purpose = Literal["recruiting", "selling", "advice", "collaboration", "networking"]
ReferenceKind = Literal[
    "article",
    "post",
    "talk",
    "podcast",
    "book",
    "newsletter",
    "course",
    "video",
    "group",
    "event",
    "mutual",
    "school",
    "work",
    "other",
]
SignalKind = Literal["link", "email", "phone", "call_to_action", "pitch", "injection", "stock"]


class Reference(BaseModel):
    """Something the note refers to, with the words that name it.

    ``topic`` is what a reply can echo ("remote onboarding" from "your article on
    remote onboarding"); ``evidence`` is the span of the note it came from.
    """

    kind: ReferenceKind
    topic: str | None = None
    evidence: str


class Signal(BaseModel):
    """A cue that matters for safety or triage (a link, a call to action, an injection)."""

    kind: SignalKind
    evidence: str


class Analysis(BaseModel):
    """The invitation as the engines see it. ``text`` is the normalised note (untrusted data)."""

    text: str
    lang: Lang
    register: Register = "vous"
    inviter: str | None = None
    inviter_source: Literal["option", "signature", "introduction", "greeting"] | None = None
    recipient: str | None = None
    personalised: bool = False
    stock: bool = False
    references: list[Reference] = Field(default_factory=list)
    purpose: Purpose = "networking"
    signals: list[Signal] = Field(default_factory=list)
