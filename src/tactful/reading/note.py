"""The shapes of what a note says: its language and register, what it refers to, the
signals it carries and who the inviter is.

Kept apart from ``tactful.reading.analysis`` (which fills them) so that the extractors
(``cues``, ``salient``, ``references``) and the analysis all import them at the top:
no module of the reading imports another inside a function to dodge a cycle.
"""

from __future__ import annotations

from typing import Literal

from tactful.datamodel import DataModel

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
ReferenceSource = Literal["quoted", "role", "complement", "name", "interest"]
"""How a fallback (``other``) reference was found: see ``Reference.source``."""
CONTENT_KINDS: tuple[ReferenceKind, ...] = (
    "article",
    "post",
    "talk",
    "podcast",
    "book",
    "newsletter",
    "course",
    "video",
    "work",
)
"""Reference kinds that are a piece of the user's content ("your article", "your work")."""
Role = Literal[
    "generic",
    "seller",
    "recruiter",
    "candidate",
    "job_seeker",
    "student",
    "researcher",
    "organiser",
    "congratulator",
    "alumni",
    "referred",
    "met",
    "fan",
    "peer",
]
SignalKind = Literal["link", "email", "phone", "call_to_action", "pitch", "injection", "stock"]


class Reference(DataModel):
    """Something the note refers to, with the words that name it.

    ``topic`` is what a reply can echo ("remote onboarding" from "your article on
    remote onboarding"); ``evidence`` is the span of the note it came from.
    ``noun`` is the note's word for a piece of content ("article", "conférence"),
    in the singular, and ``plural`` whether the note used it in the plural; the
    engines need both to turn "your" into "my" ("ma conférence", "mes articles").
    """

    kind: ReferenceKind
    topic: str | None = None
    evidence: str
    noun: str | None = None
    plural: bool = False
    preposition: str | None = None
    """The note's own word between noun and topic when it is not "on"/"sur" ("of", "de")."""
    source: ReferenceSource | None = None
    """For an ``other`` reference, how ``reading.salient`` found it: a quoted title or a
    recruiter's role is what the note is about; a complement or a capitalised name is as
    often a detail (a tool, a place, the user's own background) as the subject."""


class Signal(DataModel):
    """A cue that matters for safety or triage (a link, a call to action, an injection)."""

    kind: SignalKind
    evidence: str


# What kind of note it is (the triage's cue lexicons, ``reading.kinds``).
NoteKind = Literal[
    "content",
    "event",
    "group",
    "mutual",
    "recruiter",
    "advice",
    "collaboration",
    "sales",
    "stock",
    "other",
]


class TriageSignal(DataModel):
    """A cue the decision rests on, with the note's words that showed it.

    ``kind`` is ``greeting`` (names the recipient, i.e. the user), ``stock_line``,
    or a cue group's signal from the data files: ``compliment``, ``claim``,
    ``offer``, ``commercial``, ``call_to_action``, ``self_promotion``, ``link``,
    ``email``, ``phone``, ``reference``, ``event``, ``group``, ``contact`` (a
    named mutual contact), ``recruiting``, ``advice_request``, ``collaboration``,
    ``need``, ``timing``, ``respect``, ``broadcast``, ``vendor`` (the sender describes
    the business they sell), ``ask`` (time or attention asked of a stranger), and
    ``prospecting`` (both together: a combination, see ``data/triage.toml``).
    """

    kind: str
    evidence: str
