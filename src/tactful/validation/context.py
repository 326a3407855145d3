"""Checks that need the context: the expected language, the invitation, the user's names.

They run only when the caller knows that context (``--lang``, ``--invitation``),
because without it there is nothing to compare against.
"""

from __future__ import annotations

from collections.abc import Sequence

from tactful.compiled import regex
from tactful.errors import InputError
from tactful.reading.analysis import Reading, read_note
from tactful.resources import languages
from tactful.text import fold, in_another_language, language_scores, normalise, visible, words
from tactful.validation.lexicon import Lexicon, flatten
from tactful.validation.reply import Reply, is_name
from tactful.validation.report import Check

_WORD = regex(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_TITLE_DOT = regex(r"\b(Mr|Mrs|Ms|Dr|Pr|Mme|Mlle|M)\. ")
_NAME_END = regex(r"[,.!?:;()\n]| [-–—]")


_SPAN_WORDS = 5
"""A sentence of at least this many words is judged on its own for a language switch."""


def language(reply: Reply, expected: str, found: str | None) -> Check:
    """The reply is written in ``expected``; ``found`` is ``detect_language`` of the reply.

    A reply in the right language may still carry a sentence in another ("Merci pour
    votre message. Thanks again for reaching out."): each sentence of five words or more
    is judged on its own, so a mixed reply fails and quotes the foreign span.
    """
    if found == expected:
        foreign = [
            unit
            for unit in reply.units
            if len(_WORD.findall(unit)) >= _SPAN_WORDS and in_another_language(unit, expected)
        ]
        if foreign:
            return Check(
                passed=False,
                message=f"a sentence is not in {expected}: {foreign[0]!r}",
                evidence=foreign,
                spans=foreign,
                fix=f"write every sentence in the invitation's language ({expected}).",
            )
        return Check(passed=True, message=f"written in {expected}")
    if found is None and language_scores(reply.text).get(expected, 0.0) > 0.0:
        return Check(passed=True, message=f"probably {expected} (too short to be sure)")
    said = found or "another language"
    return Check(
        passed=False,
        message=f"the reply is in {said}, expected {expected}.",
        evidence=reply.units[:1],
        fix=f"write the whole reply in the invitation's language ({expected}).",
    )


def read_invitation(invitation: str | Reading | None, lang: str | None) -> Reading | None:
    """The note being answered, as the reading reads it (once: a ``Reading`` passes through).

    A note without a word is LinkedIn's default invitation: stock, nothing to thank for.
    A note whose language cannot be told is read in the reply's (``lang``).
    """
    if invitation is None or isinstance(invitation, Reading):
        return invitation
    chosen = lang if lang in languages() else "en"
    if not visible(invitation) or not words(invitation):
        return Reading(text=normalise(invitation), lang=chosen, stock=True)
    try:
        return read_note(invitation)
    except InputError:  # no language told: read it in the reply's
        return read_note(invitation, lang=chosen)


def grounded_thanks(
    reply: Reply, invitation: Reading, lex: Lexicon, appreciation: Sequence[str] = ()
) -> Check:
    """The thanks are true of this note.

    No thanks for a personal note when the note is stock or empty; and no thanks
    for a kind of thing (a talk, an article, an event, an introduction) the note
    never mentions: ``appreciation`` is the reply's thanking sentences.
    """
    stock = invitation.stock
    if stock:
        pattern = lex.personal_thanks
        personal = [
            (u, m.group(0))
            for u, f in zip(reply.units, reply.flat, strict=True)
            if pattern and (m := pattern.search(f))
        ]
        if personal:
            return Check(
                passed=False,
                message="thanks for a personal note, but the invitation is the stock line or "
                "empty.",
                evidence=[u for u, _ in personal],
                spans=[span for _, span in personal],
                fix="thank them simply for the invitation or for thinking of you; the note "
                "carries nothing personal to praise.",
            )
    note = flatten(fold(invitation.text))
    invented: list[str] = []
    evidence: list[str] = []
    for sentence in appreciation:
        thanks = _thanking_part(flatten(fold(sentence)), lex)
        for in_reply, in_note in lex.content_kinds:
            for named_kind in in_reply.finditer(thanks):
                if invitation.speaks and "invit" in named_kind.group(0):
                    # "the invitation to talk": the reading found the note asks the user to
                    # speak, record or host ("come on the show"), whatever words it used.
                    continue
                if not in_note.search(note):
                    invented.append(named_kind.group(0))
                    if sentence not in evidence:
                        evidence.append(sentence)
    if invented:
        return Check(
            passed=False,
            message="the thanks name something the invitation never mentions.",
            evidence=evidence,
            spans=invented,
            fix="thank only for what the note really says; do not invent a talk, an article, an "
            "event or an introduction.",
        )
    if stock:
        return Check(passed=True, message="appreciation fits a note without personal words")
    return Check(passed=True, message="the thanks are true of the note")


def _thanking_part(flat: str, lex: Lexicon) -> str:
    """The part of a sentence that thanks: from its first thanks to the opening that follows.

    "I'd be glad to hear more, or say hello if we end up at the same event" thanks for
    nothing: the event it names is a proposal, which the note need not have mentioned.
    """
    starts = [a for a, _ in lex.appreciation.spans(flat)]
    if not starts:
        return ""
    clauses = lex.clause_breaks.split(flat[starts[0] :]) if lex.clause_breaks else [flat]
    kept = clauses[:1]
    for clause in clauses[1:]:
        if lex.openness.matches(clause):
            break
        kept.append(clause)
    return " | ".join(kept)


def _capitalised(text: str) -> set[str]:
    return {fold(w) for w in _WORD.findall(text) if w[0].isupper()}


def _greeted(line: str, lex: Lexicon) -> list[str]:
    """The capitalised names right after a greeting word at the start of ``line``."""
    line = _TITLE_DOT.sub(r"\1 ", line)  # "Dear Mr. Bergström": the title's dot ends nothing
    folded = fold(line)
    if len(folded) != len(line):
        return []
    for greeting in (*(fold(g) for g in lex.name_greetings), *lex.titles):
        if folded.startswith(greeting + " "):
            names = []
            head = _NAME_END.split(line[len(greeting) :].lstrip(" ,"), maxsplit=1)[0]
            for word in [w for w in _WORD.findall(head) if fold(w) not in lex.titles][:3]:
                if not word[0].isupper() or fold(word) in lex.not_names:
                    break
                names.append(word)
            return names
    return []


def named(reply: Reply) -> list[str]:
    """Names the reply gives people: after a greeting word, and on a signature line."""
    lex = reply.lex
    names: list[str] = []
    for index, unit in enumerate(reply.units):
        names += _greeted(unit, lex)
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
    reply: Reply, invitation: Reading, known_names: Sequence[str], own_channels: Sequence[str]
) -> Check:
    """Warns about names that appear neither in the invitation nor in the user's profile."""
    names = [*known_names, invitation.inviter or ""]
    known = _capitalised(invitation.text) | {fold(w) for n in names for w in _WORD.findall(n)}
    known |= _signature_words(invitation.text)
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


def greeted_recipient(
    reply: Reply, invitation: Reading, lex: Lexicon, known_names: Sequence[str] = ()
) -> Check:
    """The reply does not greet the person the note's own greeting named: that is the user.

    "Hi Dana, ... – Marcus" is written *to* Dana; a reply opening "Hi Dana," answers
    the user instead of the inviter. A name the note also signs with, or one the user
    gave as the inviter's, is the inviter's as well and passes.
    """
    recipients = {fold(invitation.recipient)} if invitation.recipient else set()
    recipients -= _signature_words(invitation.text)
    inviter = [*known_names, invitation.inviter or ""]
    recipients -= {fold(w) for n in inviter for w in _WORD.findall(n)}
    greeted = _greeted(reply.units[0], lex) if reply.units else []
    wrong = [name for name in greeted if fold(name) in recipients]
    if wrong:
        return Check(
            passed=False,
            message="the reply greets the person the invitation's own greeting names, who is "
            "you, the recipient, not the inviter.",
            evidence=reply.units[:1],
            spans=wrong,
            fix="greet the inviter by the name they signed with, or greet without a name.",
        )
    return Check(passed=True, message="the greeting is not addressed to the recipient")


def register(reply: Reply, invitation: Reading) -> Check:
    """In French, the reply follows the inviter's register: tu if they used tu, else vous."""
    expected = invitation.register
    found = _register(" ".join(reply.flat), reply.lex)
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
