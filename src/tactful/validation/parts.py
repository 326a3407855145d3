"""The three parts of a decline: appreciation, rationale, openness (``method.md``).

Each check looks for its cues sentence by sentence in the folded reply, after
blanking out look-alikes: "non merci" and "merci de + infinitive" are not thanks,
"thanks for your understanding" thanks the reader for the future, a bare
"À bientôt" or "Best" is a sign-off rather than an opening. The evidence is the
sentence that carried the part, in the reply's own words.
"""

from __future__ import annotations

from tactful.text import fold
from tactful.validation.lexicon import CueSet, flatten
from tactful.validation.pitch import own_offers
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
    hits = sorted(reply.find_indexes(reply.lex.appreciation, skip=skip))
    if hits:
        return _found(reply, reply.lex.appreciation, hits, "thanks or a positive word for the note")
    return Check(
        passed=False,
        message=(
            f"no appreciation in {_where(reply)}: looked for thanks or a sincere positive word "
            "about the note ('merci de ...', 'no thanks' and a closing 'Thanks, Sam' do not count)."
        ),
        fix="open with a sentence thanking the inviter for what the note really says.",
    )


def rationale(reply: Reply) -> Check:
    """The reason for declining, rooted in what the network is for."""
    hits = sorted(reply.find_indexes(reply.lex.rationale))
    if hits:
        return _found(reply, reply.lex.rationale, hits, "says what the network is for")
    return Check(
        passed=False,
        message=(
            f"no rationale in {_where(reply)}: looked for what the network is for (people met "
            "in person or in a group, strong ties) or that you have not met; a bare refusal is "
            "not a reason."
        ),
        fix="say that you keep LinkedIn for people you have met (in person or in a group) and "
        "that this has not happened yet.",
    )


def _opening_clause(reply: Reply, index: int, offers: list[str]) -> bool:
    """Whether a clause of a selling sentence opens a path and sells nothing itself."""
    breaks = reply.lex.clause_breaks
    if breaks is None:
        return False
    clauses = breaks.split(reply.flat[index])
    if len(clauses) < 2:
        return False
    selling = [flatten(fold(offer)) for offer in offers]
    return any(
        reply.lex.openness.matches(c) and not any(offer in c for offer in selling) for c in clauses
    )


def openness(reply: Reply) -> Check:
    """A real opening: another path, an invitation to say more, or a condition for later.

    A sentence that sells ("would you be interested in a demo?") is not an
    opening, however inviting its wording: those sentences are skipped, unless
    one of their clauses ("See you at the meetup, and ...") opens without selling.
    """
    selling = own_offers(reply)
    opening = reply.find_indexes(reply.lex.openness, skip=set(selling))
    opening |= {i for i, offers in selling.items() if _opening_clause(reply, i, offers)}
    if opening:
        return _found(reply, reply.lex.openness, sorted(opening), "offers another way to connect")
    return Check(
        passed=False,
        message=(
            f"no openness in {_where(reply)}: looked for a proposal, an invitation, a question "
            "or a condition (meet, a group, an event, another channel); the rationale's policy "
            "and a sign-off alone ('Best', 'À bientôt') are not one."
        ),
        fix="add a sentence that offers another path: meeting at an event or in a group, "
        "another channel, or ask what brings them.",
    )


def _found(reply: Reply, cue_set: CueSet, indexes: list[int], message: str) -> Check:
    """A passed part: the sentences that carry it and the cue words found in them."""
    spans = [span for i in indexes for span in reply.spans(cue_set, i)]
    return Check(
        passed=True, message=message, evidence=[reply.units[i] for i in indexes], spans=spans
    )


def _where(reply: Reply) -> str:
    """Where a missing part was looked for: the sentences counted, greeting and sign-off aside."""
    count = len(reply.body())
    return f"the {count} sentence{'s' if count != 1 else ''} of the reply"
