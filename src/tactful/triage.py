"""Triage: which notes deserve a decline, a question or a meeting; what follow-ups are worth.

The method (``shared/method.md``) keeps LinkedIn for strong ties. Most notes are
pitches dressed as compliments or LinkedIn's stock line; a few state a real,
current need. The triage names the note's ``kind``, suggests an ``action`` that
shapes the reply's openness (``decline``, ``ask`` what brings them, or ``meet``
first), and says why, with the note's own words as evidence. It is
deterministic: cue lexicons in ``data/<lang>/triage.toml`` vote for kinds, and a
few plain rules decide; nothing here needs a model or the network.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tactful.datamodel import DataModel
from tactful.errors import InputError
from tactful.reading.kinds import (
    KindReading,
    Note,
    cue_counts,
    lexicon,
    match,
    read_kind,
    scores,
    signals_of,
    strongest,
    which_language,
)
from tactful.reading.note import NoteKind, TriageSignal
from tactful.selling import judge, top_sentence
from tactful.triage_policy import FollowupAction, FollowupKind, NoteAction, TriagePolicy

__all__ = [
    "FollowupTriage",
    "NoteTriage",
    "TriagePolicy",
    "TriageSignal",
    "triage",
    "triage_followup",
    "triage_note",
]

_FOLLOWUP_ACTION: dict[FollowupKind, FollowupAction] = {
    "pitch": "ignore",
    "genuine": "meet",
    "other": "reply",
}


class NoteTriage(DataModel):
    """The triage of an invitation note."""

    kind: NoteKind
    action: NoteAction
    reason: str
    signals: list[TriageSignal] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    recipient: str | None = None
    selling: float = 0.0
    """The selling detector's score (0 to 1; ``tactful.selling``)."""


class FollowupTriage(DataModel):
    """The triage of a reply received after a decline."""

    kind: FollowupKind
    action: FollowupAction
    reason: str
    signals: list[TriageSignal] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    selling: float = 0.0
    """The selling detector's score (0 to 1; ``tactful.selling``)."""


def _action(kind: NoteKind, need: bool, sales_points: int, policy: TriagePolicy) -> NoteAction:
    """The policy's answer: stock and other as set, sales declined, a need met if welcome.

    A meeting only answers a stated need, never a note that also sells (one weak
    sales cue, such as "open to a call", is tolerated as noise).
    """
    if kind == "stock":
        return policy.stock_action
    if kind == "other":
        return policy.other_action
    if kind != "sales" and need and policy.welcomes_meeting(kind) and sales_points <= 1:
        return "meet"
    return "decline"


def triage(reading: KindReading, policy: TriagePolicy | None = None) -> NoteTriage:
    """The action the user's policy gives a note already read, and the reason in one sentence."""
    policy = policy or TriagePolicy()
    reasons = lexicon(reading.lang or "en").reasons
    if reading.empty:
        return NoteTriage(
            kind="stock",
            action=policy.stock_action,
            reason=f"{reasons['empty']}{reasons['separator']}{reasons[policy.stock_action]}.",
        )
    action = _action(reading.kind, reading.need is not None, reading.sales_points, policy)
    template = reasons[reading.kind]
    if reading.kind == "sales" and reading.compliment:
        template = reasons["sales_compliment"]
    first = template.format(evidence=reading.evidence)
    second = reasons["decline_sales" if reading.kind == "sales" else action].format(
        need=reading.need or ""
    )
    return NoteTriage(
        kind=reading.kind,
        action=action,
        reason=f"{first}{reasons['separator']}{second}.",
        signals=reading.signals,
        lang=reading.lang,
        recipient=reading.recipient,
        selling=reading.selling,
    )


def triage_note(text: str, *, lang: str = "auto", policy: TriagePolicy | None = None) -> NoteTriage:
    """Classify an invitation note and suggest what the reply's openness should do.

    ``tactful triage`` and ``batch`` ask this of a bare note; ``rewrite`` reads the kind
    once with the rest of the note (``reading.read``) and asks ``triage`` for the action.
    """
    return triage(read_kind(text, lang=lang), policy)


def triage_followup(text: str, *, lang: str = "auto") -> FollowupTriage:
    """Classify a reply received after a decline: ``pitch``, ``genuine`` or ``other``.

    The method's two follow-ups: "now that I have your attention, here is my
    work" (a pitch: ignore it) and "I respect your choice; I am looking for
    people in your field" (a genuine, current need: meet). A pitch that also
    claims a need is still a pitch when selling outweighs it.
    """
    note = Note.of(text)
    if not note.folded.strip():
        raise InputError("the follow-up is empty; pass the reply you received")
    language = which_language(note, lang)
    lex = lexicon(language)
    hits = match(note, lex)
    points = scores(hits)
    has_need = any(h.signal == "need" for h in hits)
    verdict = judge(note.original, "followup", cue_counts(hits), folded=note.folded, quote=False)
    cues_say_pitch = points["pitch"] >= lex.threshold and points["pitch"] >= points["genuine"]
    kind: FollowupKind
    if verdict.sells or (cues_say_pitch and verdict.plausible):
        kind = "pitch"
    elif has_need:
        kind = "genuine"
    else:
        kind = "other"
    key = "followup_other" if kind == "other" else kind
    selling = top_sentence(note.original, "followup") if kind == "pitch" else ""
    evidence = strongest(hits, kind) or selling
    reason = lex.reasons[key].format(evidence=evidence) + "."
    relevant = {"pitch", "genuine"}
    signals = signals_of([h for h in hits if relevant & set(h.votes) or h.signal == "compliment"])
    if selling:
        signals.append(TriageSignal(kind="selling", evidence=selling))
    return FollowupTriage(
        kind=kind,
        action=_FOLLOWUP_ACTION[kind],
        reason=reason,
        signals=signals,
        lang=language,
        selling=round(verdict.score, 3),
    )
