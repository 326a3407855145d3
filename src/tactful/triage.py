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

import re
from collections import Counter
from typing import Literal, get_args

from pydantic import BaseModel, Field

from tactful.choices import check_lang
from tactful.errors import ConfigError, InputError
from tactful.reading.kinds import Hit, Lexicon, Note, content_words, lexicon, match
from tactful.selling import Verdict, judge, score, stock_threshold, top_sentence
from tactful.text import detect_language
from tactful.triage_policy import (
    FollowupAction,
    FollowupKind,
    NoteAction,
    NoteKind,
    TriagePolicy,
)

__all__ = [
    "FollowupTriage",
    "NoteTriage",
    "TriagePolicy",
    "TriageSignal",
    "triage_followup",
    "triage_note",
]

_FOLLOWUP_ACTION: dict[FollowupKind, FollowupAction] = {
    "pitch": "ignore",
    "genuine": "meet",
    "other": "reply",
}


class TriageSignal(BaseModel):
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


class NoteTriage(BaseModel):
    """The triage of an invitation note."""

    kind: NoteKind
    action: NoteAction
    reason: str
    signals: list[TriageSignal] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    recipient: str | None = None
    selling: float = 0.0
    """The selling detector's score (0 to 1; ``tactful.selling``)."""


class FollowupTriage(BaseModel):
    """The triage of a reply received after a decline."""

    kind: FollowupKind
    action: FollowupAction
    reason: str
    signals: list[TriageSignal] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    selling: float = 0.0
    """The selling detector's score (0 to 1; ``tactful.selling``)."""


def _language(note: Note, lang: str) -> Literal["fr", "en"]:
    if lang == "auto":
        found = detect_language(note.original)
        if found is None:
            raise InputError(
                "could not tell whether the note is French or English; pass --lang fr or --lang en"
            )
        lang = found
    check_lang(lang, auto=False)
    return "fr" if lang == "fr" else "en"


def _greeting(note: Note, lex: Lexicon) -> tuple[TriageSignal | None, str | None, int]:
    """The greeting that names the user (the recipient), that name, and where the rest starts.

    "Hi Sofia," names the user, not the inviter, and is no sign of personalisation.
    """
    found = lex.greeting.match(note.folded)
    if found is None or found.end() == 0:
        return None, None, 0
    recipient = None
    if found.group("name"):
        name = note.span(found.start("name"), found.end("name"))
        if name[:1].isupper() and found.group("name").split()[0] not in lex.not_names:
            recipient = name
    if recipient is None:  # "Hi," names nobody: nothing to show
        return None, None, found.end()
    return TriageSignal(kind="greeting", evidence=note.span(0, found.end())), recipient, found.end()


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_SIGNATURE_CHARS = _LETTERS | frozenset("'.-")
_BLANKS = frozenset(" \t")
_SIGNATURE_SEPARATORS = frozenset("\n,.!?;:)-–—")


def _signature_words(folded: str) -> tuple[int, int] | None:
    r"""The span of the note's last one to three words, when a separator or the start precedes them.

    The words hold letters, apostrophes, dots and hyphens (a letter first) and are
    separated by spaces or tabs; they run to the end of the note and follow its start
    or a separator (a newline, ``,.!?;:)`` or a dash) and optional blanks. When
    several spans qualify, the longest wins. This is the span of group 1 of
    ``re.search(r"(?:^|[\n,.!?;:)\-–—])[ \t]*((?:[a-z][a-z'.-]*[ \t]*){1,3})$", folded)``,
    found in one backward and one forward pass: that expression backtracked
    cubically on a long word (a note of 2,000 letters took 48 s).
    """
    end = len(folded) - 1 if folded.endswith("\n") else len(folded)  # ``$`` before a final \n
    # The words may start no earlier than ``low``: after the last character no word
    # can hold, after a run of blanks followed by no letter, after a third inner run.
    low, runs = 0, 0
    for index in range(end - 1, -1, -1):
        char = folded[index]
        if char in _BLANKS:
            after = folded[index + 1] if index + 1 < end else ""
            if after and after not in _BLANKS:  # the last blank of an inner run
                runs += 1
                if runs > 2 or after not in _LETTERS:
                    low = index + 1
                    break
        elif char not in _SIGNATURE_CHARS:
            low = index + 1
            break
    for start in range(low, end):
        if folded[start] not in _LETTERS:
            continue
        before = start - 1
        while before >= 0 and folded[before] in _BLANKS:
            before -= 1
        if before < 0 or folded[before] in _SIGNATURE_SEPARATORS:
            return start, end
    return None


def _signature_start(note: Note) -> int:
    """Where a closing signature ("- Priyanka", "Cordialement, Jean-Pierre Morel") starts.

    A signature is the inviter's name, not content: it must not turn LinkedIn's
    stock line into a personal note. Every word must be capitalised in the note.
    """
    found = _signature_words(note.folded)
    if found is None:
        return len(note.folded)
    start, end = found
    words = note.span(start, end).split()
    if words and all(word[:1].isupper() for word in words):
        return start
    return len(note.folded)


def _best(scores: Counter[str], kinds: tuple[str, ...], threshold: int) -> str | None:
    """Highest-scoring kind at or over the threshold; ties go to the earlier kind."""
    best, top = None, threshold - 1
    for kind in kinds:
        if scores[kind] > top:
            best, top = kind, scores[kind]
    return best


def _note_kind(name: str) -> NoteKind:
    """A kind named in the data files, checked against the kinds the triage knows."""
    for kind in get_args(NoteKind):
        if kind == name:
            return kind  # type: ignore[no-any-return]
    raise ConfigError(f"triage data names an unknown kind {name!r}")


def _evidence(hits: list[Hit], kind: str) -> str:
    """The strongest piece of evidence for ``kind`` (the cue with the most votes)."""
    voting = [h for h in hits if h.votes.get(kind, 0) > 0]
    return max(voting, key=lambda h: h.votes[kind]).evidence if voting else ""


def _signals(hits: list[Hit]) -> list[TriageSignal]:
    seen: set[tuple[str, str]] = set()
    out = []
    for hit in hits:
        if (hit.signal, hit.evidence) not in seen:
            seen.add((hit.signal, hit.evidence))
            out.append(TriageSignal(kind=hit.signal, evidence=hit.evidence))
    return out


def triage_note(text: str, *, lang: str = "auto", policy: TriagePolicy | None = None) -> NoteTriage:
    """Classify an invitation note and suggest what the reply's openness should do.

    An empty note (LinkedIn's default) or one without a single word (emoji only)
    is ``stock``: it says nothing about the user or a purpose. ``lang`` is
    ``"auto"``, ``"fr"`` or ``"en"``; an undetectable language raises
    ``InputError`` (exit 2), as ``rewrite`` does.
    """
    policy = policy or TriagePolicy()
    note = Note.of(text)
    if not any(char.isalpha() for char in note.folded):  # no note, or only emoji
        lex = lexicon("en")
        return NoteTriage(
            kind="stock",
            action=policy.stock_action,
            reason=f"{lex.reasons['empty']}{lex.reasons['separator']}"
            f"{lex.reasons[policy.stock_action]}.",
        )
    language = _language(note, lang)
    lex = lexicon(language)
    greeting, recipient, body_start = _greeting(note, lex)
    hits = match(note, lex)
    scores = _scores(hits)
    stock_line = lex.stock.search(note.folded)
    signals = [greeting] if greeting else []
    if stock_line:
        evidence = note.span(stock_line.start(), stock_line.end())
        signals.append(TriageSignal(kind="stock_line", evidence=evidence))
    signals += _signals(hits)

    cues = cue_counts(hits)
    verdict = judge(note.original, "note", cues, folded=note.folded, quote=False)
    if not verdict.plausible:
        scores["sales"] = 0  # the cues matched a look-alike: the words say it does not sell
    best = _best(scores, lex.purpose_kinds, lex.threshold) or _best(
        scores, lex.context_kinds, lex.threshold
    )
    body = note.original[body_start : _signature_start(note)]
    generic = (  # asked only where it can change the kind: no kind read, or a model-only sale
        (best is None or (verdict.sells and best != "sales"))
        and not any(h.signal in _PERSONAL for h in hits)
        and not _SPECIFIC.search(body)
        and score(note.folded, "note", cues, model="stock", folded=True) >= stock_threshold()
    )
    kind: NoteKind
    if best == "sales" or (verdict.sells and _model_sale(best, verdict, generic, lex)):
        kind = "sales"
    elif best is not None:
        kind = _note_kind(best)
    else:
        rest = content_words(note.folded[body_start : _signature_start(note)], lex)
        kind = "stock" if generic or len(rest) < lex.min_content_words else "other"
    need = _current_need(hits, request=kind in lex.purpose_kinds)
    action = _action(kind, need is not None, scores["sales"], policy)
    selling = top_sentence(note.original, "note") if kind == "sales" else ""
    evidence = _evidence(hits, kind) or selling
    if selling:
        signals.append(TriageSignal(kind="selling", evidence=selling))
    reason = _note_reason(kind, action, hits, evidence, need, lex)
    return NoteTriage(
        kind=kind,
        action=action,
        reason=reason,
        signals=signals,
        lang=language,
        recipient=recipient,
        selling=round(verdict.score, 3),
    )


_PERSONAL = frozenset({"compliment", "reference"})
_SPECIFIC = re.compile(r"[«“\"]|(?<=[^\W\d_]) +(?!LinkedIn\b)[A-Z][^\W\d_]+|\d")
"""A note that speaks of the recipient's work, quotes a title or names something (a
capitalised word inside a sentence: "INSA Lyon", "PyCon US"; a number) is never a stock
line, whatever the stock model says of its other words: the model learnt stock lines as
short and bare, and a short note with one specific thing is personal."""


def _model_sale(best: str | None, verdict: Verdict, generic: bool, lex: Lexicon) -> bool:
    """Whether the detector's word alone makes a note a sale the cue lists did not read.

    Not over a purpose the cues read (a recruiter, a collaboration) unless it is certain,
    and not over a stock line ("connect to share ideas and opportunities"): LinkedIn's
    generic lines borrow prospecting words without prospecting anyone.
    """
    if best in lex.purpose_kinds:
        return verdict.certain
    return best is not None or not generic


def selling_cues(text: str, lang: str) -> dict[str, float]:
    """The cue counts the selling detector weighs beside the words of a note or follow-up."""
    return cue_counts(match(Note.of(text), lexicon(lang)))


def cue_counts(hits: list[Hit]) -> dict[str, float]:
    """How often each signal of the lexicons matched (``vendor``, ``ask``, ``claim``...), named
    so the selling detector learns what each is worth (``tactful.selling``). The kinds'
    points are left out: they restate the same signals, and the model did better without."""
    counts: dict[str, float] = {}
    for hit in hits:
        name = f"signal:{hit.signal}"
        counts[name] = counts.get(name, 0.0) + hit.count
    return counts


def _current_need(hits: list[Hit], *, request: bool) -> str | None:
    """The words that show a specific, current need, if any.

    A stated need ("we're looking for", "I'm organising") is one. A date alone is
    not: "your thread went round our team this week" looks back. A date makes a
    request current when the note is one (a purpose kind: an interview, a role,
    guidance) or asks for the user's time ("15 minutes next Friday?").
    """
    need = next((h.evidence for h in hits if h.signal == "need"), None)
    if need is not None:
        return need
    asks = request or any(h.signal in ("ask", "call_to_action") for h in hits)
    return next((h.evidence for h in hits if h.signal == "timing"), None) if asks else None


def _scores(hits: list[Hit]) -> Counter[str]:
    """Points per kind: each group's votes times its (capped) number of matches."""
    scores: Counter[str] = Counter()
    for hit in hits:
        scores.update({kind: weight * hit.count for kind, weight in hit.votes.items()})
    return scores


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


def _note_reason(
    kind: str, action: NoteAction, hits: list[Hit], evidence: str, need: str | None, lex: Lexicon
) -> str:
    """One sentence: what the note is (with its words) and what the reply should do."""
    reasons = lex.reasons
    template = reasons[kind]
    if kind == "sales" and any(h.signal == "compliment" for h in hits):
        template = reasons["sales_compliment"]
    first = template.format(evidence=evidence)
    key = "decline_sales" if kind == "sales" else action
    second = reasons[key].format(need=need or "")
    return f"{first}{reasons['separator']}{second}."


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
    language = _language(note, lang)
    lex = lexicon(language)
    hits = match(note, lex)
    scores = _scores(hits)
    has_need = any(h.signal == "need" for h in hits)
    verdict = judge(note.original, "followup", cue_counts(hits), folded=note.folded, quote=False)
    cues_say_pitch = scores["pitch"] >= lex.threshold and scores["pitch"] >= scores["genuine"]
    kind: FollowupKind
    if verdict.sells or (cues_say_pitch and verdict.plausible):
        kind = "pitch"
    elif has_need:
        kind = "genuine"
    else:
        kind = "other"
    key = "followup_other" if kind == "other" else kind
    selling = top_sentence(note.original, "followup") if kind == "pitch" else ""
    evidence = _evidence(hits, kind) or selling
    reason = lex.reasons[key].format(evidence=evidence) + "."
    relevant = {"pitch", "genuine"}
    signals = _signals([h for h in hits if relevant & set(h.votes) or h.signal == "compliment"])
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
