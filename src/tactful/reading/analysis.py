"""What an invitation says, read once, for every engine and the triage.

This module holds the shape of the analysis (the contract the engines, the
prompts and the triage rely on) and ``read_note()``, which fills it from the note.
Every cue comes from ``data/<lang>/analysis.toml``: the code only knows *how* to
look (greeting, signature, "your <noun> on <topic>"), the data knows *what* to look for.

The reading modules import one another at the top only, in one direction:
``note`` (the shapes) <- ``cues`` (lexicons, people, signals) <- ``salient`` (fallback
topics) <- ``content`` (the user's content named) <- ``references`` (all of it, ordered)
<- ``analysis``; ``tests/test_reading_imports.py`` keeps it so.

The note is untrusted: links, e-mails, handles and sentences carrying injected
instructions are removed before anything is extracted, and extracted topics go
through ``sanitise_topic`` so that only short, plain noun phrases can reach a reply.
"""

from __future__ import annotations

import warnings
from typing import Literal

from pydantic import Field

from tactful.choices import check_lang
from tactful.datamodel import DataModel
from tactful.errors import InputError
from tactful.reading import cues as lx
from tactful.reading.kinds import KindReading, read_kind
from tactful.reading.lexicon import lexicon
from tactful.reading.note import (
    Lang,
    Purpose,
    Reference,
    ReferenceKind,
    Register,
    Role,
    Signal,
    SignalKind,
)
from tactful.reading.references import find_references
from tactful.reading.role_model import learnt_role, sure_role
from tactful.resources import languages
from tactful.text import (
    check_size,
    detect_language,
    fold_aligned,
    in_another_language,
    normalise,
    words,
)

__all__ = [
    "Lang",
    "Purpose",
    "Reading",
    "Reference",
    "ReferenceKind",
    "Register",
    "Role",
    "Signal",
    "SignalKind",
    "read_note",
]

SEEKERS = frozenset({"candidate", "job_seeker"})
"""Roles whose own words say they apply or look for work (read before the selling detector)."""

# ``register`` is the contract's field name; pydantic warns that it shadows ABCMeta.register
# (a class attribute nobody calls on an Reading): the warning is silenced, the field kept.
warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)


class Reading(DataModel):
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
    met: bool = False
    """The note says the two already met or exchanged (at an event, in a group)."""
    meeting: str | None = None
    """A meeting the note proposes: ``coffee``, ``call``, ``lunch``, ``drink``, ``visit`` or
    ``written`` (data: ``[meetings]``; its ``again`` cues are a visit only when proposed)."""
    asks: bool = False
    """The note asks for something (a question, a request, a meeting, to follow the user's
    work): it says what brings them."""
    follows: bool = False
    """The note asks to follow the user's work: the reply offers that first."""
    speaks: bool = False
    """The note asks the user to speak, present, host, record or contribute (``[speaking]``
    cues): an organiser's request the reply answers apart from the connection."""
    applied: bool = False
    """The note says its writer already applied or sent a CV (``[applied]`` cues): a
    candidate is not asked for the application again."""
    met_recent: bool = False
    """The two met, and the note says it was good to meet (``[met_recent]``): the thanks
    answers that, not "good to hear from you"."""
    questions: bool = False
    """The note asks the user something in writing, not only to connect, and proposes no
    meeting ("Any advice on which tickets to get first?"): a student gets an answer, not an
    invitation to ask."""
    dated: bool = False
    """The note gives a day, a month or an hour (``[events] days``, ``dated``): an organiser's
    details are in it."""
    sends: bool = False
    """The note promises to send something (``[sends]`` cues): the long reply takes it up."""
    remote: bool = False
    """The note's proposal happens at a distance (``[remote]`` cues): nowhere to meet."""
    role: Role = "peer"
    """Who the inviter is here (``cues.find_role``): a candidate is never thanked for
    "thinking of me", a student never offered "send me the role"."""
    action: Literal["decline", "ask", "meet"] | None = None
    """The triage's suggestion for the openness (``tactful.triage``); ``None``: not triaged."""
    kinds: KindReading | None = Field(default=None, exclude=True)
    """What the kind cues read (``reading.kinds``): the triage's input, left out of JSON
    (the result carries the triage itself)."""

    def has_signal(self, kind: SignalKind) -> bool:
        """Whether the note carries a signal of this kind."""
        return any(signal.kind == kind for signal in self.signals)


def read_note(
    text: str,
    *,
    lang: str = "auto",
    inviter: str | None = None,
    fallback_lang: str | None = None,
) -> Reading:
    """Read an invitation note.

    ``lang`` is ``"auto"`` (detect), ``"fr"`` or ``"en"``. ``inviter`` (from
    ``--inviter``) wins over anything found in the note. ``fallback_lang`` is used
    only when the note has no word of any language at all (an emoji-only note);
    a note in another language is refused with advice to pass ``--lang``.
    """
    check_size(text, "invitation")
    norm = normalise(text)
    chosen = _choose_language(norm, lang, fallback_lang)
    lex = lexicon(chosen)
    # A note written in another language than the reply's (a German note answered in
    # English by --lang or a batch's default): none of its words may reach the reply, and
    # its sign-off ("Grüße, Klaus") is not a name this language's lists can read.
    foreign = lang != "auto" and in_another_language(norm, chosen)

    recipient = lx.find_recipient(norm, lex)
    found, found_in = (None, None) if foreign else lx.find_inviter(norm, lex, recipient)
    source: Literal["option", "signature", "introduction"] | None = found_in
    if inviter is not None and inviter.strip():
        found, source = lx.clean_person_name(inviter), "option"

    signals = lx.find_signals(norm, lex)
    safe = lx.strip_untrusted(norm, lex)
    references = [] if foreign else find_references(safe, lex, exclude=(recipient, found))
    stock = lx.is_stock(norm, lex, recipient=recipient, inviter=found)
    if stock:
        signals.append(Signal(kind="stock", evidence=norm[:80]))
    purpose, pitch_cues = lx.find_purpose(safe, lex, signals)
    if purpose == "selling" and lx.only_meeting_asks(pitch_cues, lex):
        # "Would you be open to a quick call before I send my application?": the meeting
        # asks of someone applying or looking for work are no pitch (round 16).
        seeker = lx.find_role(
            safe, lex, stock=stock, purpose="networking", references=references, met=False
        )
        if seeker in SEEKERS:
            purpose, pitch_cues = "networking", []
    signals.extend(Signal(kind="pitch", evidence=cue) for cue in pitch_cues)
    folded = fold_aligned(safe)  # folded once for every cue list below
    met = lx.find_met(folded, lex)
    meeting = lx.find_meeting(folded, lex)
    follows = lx.find_follow(folded, lex)
    speaks = lx.find_speaking(folded, lex)
    applied = lx.find_applied(folded, lex)
    sends = lx.find_sends(folded, lex)
    remote = lx.find_remote(folded, lex)
    own_words = lx.without_injections(norm, lex)
    # The kind cues read the inviter's own words: an injected sentence (and the link it
    # carries) is an attack on the drafter, not the inviter's pitch, and must not turn a
    # genuine compliment into a "sales" note that echoes nothing.
    kinds = read_kind(own_words, lang=chosen)
    stock = stock or kinds.kind == "stock"
    # Their verdict only ever makes the reply more careful: a sale gets a courteous
    # thanks that echoes nothing, a stock line no thanks for a personal note. One
    # exception, for a note with no pitch cue of its own: one that says its writer applies
    # or looks for work ("already sent my app", "je cherche une place"), or one the role
    # model reads, surely, as another role than a seller's. Rounds 8-13 saw the detector
    # score candidates, job seekers, a fan of a pharmacy article and agency recruiters
    # 0.8-1.0; left one round out, the model read 2 of 124 sellers surely as someone else.
    role = lx.find_role(safe, lex, stock=stock, purpose=purpose, references=references, met=met)
    sure = sure_role(safe)
    if role not in ("generic", "seller"):
        # The cues' verdicts of a stock line and a sale stand; any other role is the role
        # model's when it is sure (it reads fresh notes far better than the cue lists).
        role = learnt_role(sure, fallback=role, hiring=purpose == "recruiting")
        met = met or role == "met"
    if meeting == "again":
        # "Au plaisir de se recroiser !" between two who met (by the cues or the role) is a
        # wish the met openness answers in kind; asked ("On se recroise en janvier ?") or
        # from a stranger, a visit.
        meeting = None if met and lx.only_wished(folded, lex, "again") else "visit"
    questions = meeting is None and lx.find_question(folded, lex)
    told = role in SEEKERS or sure not in (None, "seller")
    if kinds.kind == "sales" and purpose != "selling" and not (told and not pitch_cues):
        purpose = "selling"  # read again only then: the role a sale's purpose gives
        role = lx.find_role(safe, lex, stock=stock, purpose=purpose, references=references, met=met)

    return Reading(
        text=norm,
        lang=chosen,
        register=lx.find_register(own_words, lex),
        inviter=found,
        inviter_source=source,
        recipient=recipient,
        personalised=not stock,
        stock=stock,
        references=references,
        purpose=purpose,
        signals=signals,
        met=met,
        asks=lx.find_request(safe, lex) or meeting is not None or follows,
        meeting=meeting,
        follows=follows,
        speaks=speaks,
        applied=applied,
        questions=questions,
        met_recent=met and lx.find_met_recent(folded, lex),
        dated=lx.find_dated(folded, lex),
        sends=sends,
        remote=remote,
        role=role,
        kinds=kinds,
    )


def _choose_language(norm: str, lang: str, fallback_lang: str | None) -> str:
    """The note's language, or an ``InputError`` that tells the user about ``--lang``."""
    supported = languages()
    if lang != "auto":
        return check_lang(lang)
    found = detect_language(norm)
    if found is not None:
        return found
    if fallback_lang in supported and not words(norm):
        return str(fallback_lang)
    raise InputError(
        "the invitation does not look like French or English; Tactful writes only those. "
        "If it is one of them, pass --lang fr or --lang en"
    )
