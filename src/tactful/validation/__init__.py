"""The deterministic validator: does a reply carry the three parts, without a pitch?

``validate`` reads the reply once (``Reply.read``: normalise, split with syntok,
fold), then runs one small function per check. The four core checks always run;
``placeholders`` and ``contact_details`` always run too, since they need no
context; the others run only when their context is given. No model, no network:
the same text always gets the same report, which is what lets the engines, the
re-ask loop and the evals stand on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from tactful.choices import check_lang, check_style
from tactful.reading.analysis import Reading
from tactful.text import detect_language, language_scores
from tactful.validation.contact import contact_details
from tactful.validation.context import (
    greeted_recipient,
    grounded_thanks,
    invented_names,
    language,
    read_invitation,
    register,
)
from tactful.validation.form import long_form, placeholders, short_form
from tactful.validation.lexicon import lexicon
from tactful.validation.parts import appreciation, openness, rationale
from tactful.validation.pitch import no_pitch
from tactful.validation.reply import Reply
from tactful.validation.report import CORE_CHECKS, Check, Report

__all__ = ["CORE_CHECKS", "Check", "Report", "validate"]


def _reply_lang(
    text: str, found: str | None, requested: str | None, invitation: Reading | None
) -> str:
    """The language whose cues judge the reply: the reply's own, else the requested one."""
    if found is not None:
        return found
    if requested is not None:
        return requested
    if invitation is not None and invitation.text:
        return invitation.lang
    scores = language_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else "en"


def validate(
    text: str,
    *,
    lang: str | None = None,
    style: str | None = None,
    invitation: str | Reading | None = None,
    own_channels: Sequence[str] = (),
    known_names: Sequence[str] = (),
) -> Report:
    """Check ``text`` as a decline; ``valid`` is false when any error-severity check fails.

    ``lang`` is the expected language ("fr", "en"; ``None`` or "auto" to detect);
    ``style`` ("long" or "short") adds the shape checks; ``invitation`` (the note
    being answered, may be empty; its ``Reading`` when the caller has read it, as the
    pipeline has, else its text, read here once) adds ``grounded_thanks``, ``invented_names`` and,
    in French, ``register``; ``own_channels`` are the user's URLs, handles and
    e-mails, which a reply may contain; ``known_names`` are the user's names.
    ``contact_details`` is an error once the invitation or the user's channels are
    known (a link then comes from the note or is foreign); with neither, a link may
    well be the writer's own, so it is only a warning that says how to tell.
    """
    requested = None if lang in (None, "auto") else check_lang(str(lang))
    if style is not None:
        check_style(style)
    detected = detect_language(text)
    note = read_invitation(invitation, requested or detected)
    reply_lang = _reply_lang(text, detected, requested, note)
    lex = lexicon(reply_lang)
    reply = Reply.read(text, lex, note.text if note else None)

    checks: dict[str, Check] = {
        "appreciation": appreciation(reply),
        "rationale": rationale(reply),
        "openness": openness(reply),
        "no_pitch": no_pitch(reply),
        "placeholders": placeholders(reply),
        "contact_details": contact_details(
            reply, own_channels, known_context=note is not None or bool(own_channels)
        ),
    }
    if style == "short":
        checks["short_form"] = short_form(reply)
    elif style == "long":
        checks["long_form"] = long_form(reply)
    expected = requested or (detect_language(note.text) if note is not None else None)
    if expected is not None:
        checks["language"] = language(reply, expected, detected)
    if note is not None:
        checks["grounded_thanks"] = grounded_thanks(
            reply, note, lex, checks["appreciation"].evidence
        )
        checks["greeting"] = greeted_recipient(reply, note, lex, known_names)
        checks["invented_names"] = invented_names(reply, note, known_names, own_channels)
        if reply_lang == "fr" and lex.register_tu is not None:
            checks["register"] = register(reply, note)
    valid = all(c.passed for c in checks.values() if c.severity == "error")
    return Report(valid=valid, lang=cast(Literal["fr", "en"], reply_lang), checks=checks)
