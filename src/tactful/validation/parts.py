"""The three parts of a decline: appreciation, rationale, openness (``method.md``).

Each check looks for its cues sentence by sentence in the folded reply, after
blanking out look-alikes: "non merci" and "merci de + infinitive" are not thanks,
"thanks for your understanding" thanks the reader for the future, a bare
"À bientôt" or "Best" is a sign-off rather than an opening. The evidence is the
sentence that carried the part, in the reply's own words.
"""

from __future__ import annotations

from tactful.validation.reply import Reply
from tactful.validation.report import Check


def appreciation(reply: Reply) -> Check:
    """Thanks or a sincere positive remark about the note, the invitation or the inviter."""
    skip: set[int] = set()
    last = len(reply.units) - 1
    signoff = reply.lex.thanks_signoff
    # "Thanks,\nSam" closing a longer reply is a sign-off, not appreciation of the note.
    if last > 0 and signoff is not None and signoff.match(reply.folded[last]):
        skip.add(last)
    found = reply.find(reply.lex.appreciation, skip=skip)
    if found:
        return Check(passed=True, message="thanks or a positive word for the note", evidence=found)
    return Check(
        passed=False,
        message=(
            "no appreciation: thank the person or say what you liked in the note "
            "(a request like 'merci de ...', 'no thanks' or a sign-off does not count)"
        ),
    )


def rationale(reply: Reply) -> Check:
    """The reason for declining, rooted in what the network is for."""
    found = reply.find(reply.lex.rationale)
    if found:
        return Check(passed=True, message="says what the network is for", evidence=found)
    return Check(
        passed=False,
        message=(
            "no rationale: say why you decline in terms of what your network is for "
            "(e.g. people you have met in person or in a group); a bare refusal is not a reason"
        ),
    )


def _opening_clause(reply: Reply, index: int) -> bool:
    """Whether a clause of a selling sentence opens a path and sells nothing itself."""
    breaks = reply.lex.clause_breaks
    if breaks is None:
        return False
    clauses = breaks.split(reply.flat[index])
    if len(clauses) < 2:
        return False
    lex = reply.lex
    return any(lex.openness.matches(c) and not lex.pitch.matches(c) for c in clauses)


def openness(reply: Reply) -> Check:
    """A real opening: another path, an invitation to say more, or a condition for later.

    A sentence that sells ("would you be interested in a demo?") is not an
    opening, however inviting its wording: those sentences are skipped, unless
    one of their clauses ("See you at the meetup, and ...") opens without selling.
    """
    selling = reply.find_indexes(reply.lex.pitch)
    opening = reply.find_indexes(reply.lex.openness, skip=selling)
    opening |= {i for i in selling if _opening_clause(reply, i)}
    found = [reply.units[i] for i in sorted(opening)]
    if found:
        return Check(passed=True, message="offers another way to connect", evidence=found)
    return Check(
        passed=False,
        message=(
            "no openness: offer another path (meet, a group, an event, another channel) or a "
            "condition for later; a sign-off alone ('Best', 'À bientôt') is not an opening"
        ),
    )
