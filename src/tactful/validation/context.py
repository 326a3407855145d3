"""Checks that need the context: the expected language, the invitation, the user's names.

They run only when the caller knows that context (``--lang``, ``--invitation``),
because without it there is nothing to compare against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tactful.resources import languages
from tactful.text import fold, language_scores
from tactful.validation.lexicon import Lexicon, flatten, stock_invitation
from tactful.validation.reply import Reply, is_name
from tactful.validation.report import Check

_STOCK_MAX_EXTRA_WORDS = 6
"""Words beyond the stock line (greeting, names, sign-off) a note may carry and still be stock."""

_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def language(reply: Reply, expected: str, found: str | None) -> Check:
    """The reply is written in ``expected``; ``found`` is ``detect_language`` of the reply."""
    if found == expected:
        return Check(passed=True, message=f"written in {expected}")
    if found is None and language_scores(reply.text).get(expected, 0.0) > 0.0:
        return Check(passed=True, message=f"probably {expected} (too short to be sure)")
    said = found or "another language"
    return Check(
        passed=False,
        message=f"the reply is in {said}, expected {expected}",
        evidence=reply.units[:1],
    )


def is_stock(invitation: str) -> bool:
    """True when the note is empty, or only a stock line (any language) plus greeting and names."""
    if not invitation.strip():
        return True
    folded = flatten(fold(invitation))
    for lang in languages():
        stock = stock_invitation(lang)
        if stock is None:
            continue
        rest = stock.sub(" ", folded)
        if rest != folded and len(_WORD.findall(rest)) <= _STOCK_MAX_EXTRA_WORDS:
            return True
    return False


def grounded_thanks(reply: Reply, invitation: str, lex: Lexicon) -> Check:
    """No thanks for a personal note, or for content it never mentioned, when the note is stock."""
    if not is_stock(invitation):
        return Check(passed=True, message="the invitation has a personal note to thank for")
    pattern = lex.personal_thanks
    found = [
        u for u, f in zip(reply.units, reply.flat, strict=True) if pattern and pattern.search(f)
    ]
    if found:
        return Check(
            passed=False,
            message="thanks for a personal note, but the invitation is the stock line or empty",
            evidence=found,
        )
    return Check(passed=True, message="appreciation fits a note without personal words")


def _capitalised(text: str) -> set[str]:
    return {fold(w) for w in _WORD.findall(text) if w[0].isupper()}


def named(reply: Reply) -> list[str]:
    """Names the reply gives people: after a greeting word, and on a signature line."""
    lex = reply.lex
    names: list[str] = []
    greetings = tuple(fold(g) for g in lex.name_greetings)
    for index, (unit, folded) in enumerate(zip(reply.units, reply.folded, strict=True)):
        for greeting in greetings:
            if folded.startswith(greeting + " ") and len(unit) == len(folded):
                tail = unit[len(greeting) :].lstrip(" ,")
                for word in _WORD.findall(tail)[:3]:
                    if not word[0].isupper() or fold(word) in lex.not_names:
                        break
                    names.append(word)
                break
        if index == len(reply.units) - 1 or reply.is_signoff(index):
            last_line = unit.split("\n")[-1]
            if is_name(last_line) and (index > 0 or "\n" in unit):
                names += [w for w in _WORD.findall(last_line) if fold(w) not in lex.not_names]
    return list(dict.fromkeys(names))


def _signature_words(invitation: str) -> set[str]:
    """The last words of the note, whatever their case: a signature like ``- jen``."""
    lines = [line for line in invitation.strip().splitlines() if line.strip()]
    return {fold(w) for w in _WORD.findall(lines[-1])[-3:]} if lines else set()


def invented_names(
    reply: Reply, invitation: str, known_names: Sequence[str], own_channels: Sequence[str]
) -> Check:
    """Warns about names that appear neither in the invitation nor in the user's profile."""
    known = _capitalised(invitation) | {fold(w) for n in known_names for w in _WORD.findall(n)}
    known |= _signature_words(invitation)
    known |= {fold(w) for c in own_channels for w in _WORD.findall(c)}
    unknown = [n for n in named(reply) if fold(n) not in known]
    if unknown:
        return Check(
            passed=False,
            severity="warning",
            message="names not found in the invitation or your profile (possibly invented)",
            evidence=unknown,
        )
    return Check(passed=True, severity="warning", message="every name comes from the context")


def register(reply: Reply, invitation: str, lex: Lexicon) -> Check:
    """In French, the reply follows the inviter's register: tu if they used tu, else vous."""
    expected = _register(flatten(fold(invitation)), lex) or "vous"
    found = _register(" ".join(reply.flat), lex)
    if found is None or found == expected:
        return Check(passed=True, severity="warning", message=f"register: {expected}")
    return Check(
        passed=False,
        severity="warning",
        message=f"the reply says {found} but the invitation uses {expected}",
    )


def _register(folded: str, lex: Lexicon) -> str | None:
    tu = len(lex.register_tu.findall(folded)) if lex.register_tu else 0
    vous = len(lex.register_vous.findall(folded)) if lex.register_vous else 0
    if tu == vous == 0:
        return None
    return "tu" if tu > vous else "vous"
