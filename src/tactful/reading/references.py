"""Everything a note refers to, in the order a reply would echo it.

The specific shapes come from ``tactful.reading.cues`` ("your article on X", "at PyCon Lyon",
"Sarah Chen suggested ..."), the fallbacks from ``tactful.reading.salient`` (quoted titles, a
recruiter's role, complements, names); this module puts them in order and drops
duplicates and spans not worth echoing. It sits above both, so neither imports the other
to reach it.
"""

from __future__ import annotations

from tactful.reading.content import content_references
from tactful.reading.cues import (
    interests,
    mutual_contacts,
    named_places,
    unnamed_events,
)
from tactful.reading.lexicon import Lexicon
from tactful.reading.note import Reference
from tactful.reading.salient import salient_references, worth_echoing
from tactful.text import fold_aligned


def find_references(
    safe: str, lex: Lexicon, *, exclude: tuple[str | None, ...] = ()
) -> list[Reference]:
    """Everything the note refers to, most echo-worthy first, without duplicates.

    Order: named content with a topic, named events and groups, mutual contacts,
    content without a topic, unnamed events, then plain interests.
    """
    content = content_references(safe, lex)
    named = named_places(safe, lex, exclude)
    ordered = (
        [r for r in content if r.topic]
        + named
        + mutual_contacts(safe, lex, exclude)
        + [r for r in content if not r.topic]
        + ([] if any(r.kind == "event" for r in named) else unnamed_events(safe, lex))
        + interests(safe, lex)
    )
    # Fallback topics come last; capitalised names only when no content is named.
    ordered += salient_references(safe, lex, exclude=exclude, names=not content)
    ordered = [r for r in ordered if r.kind != "other" or worth_echoing(r.topic or "", lex)]
    seen: set[tuple[str, str | None]] = set()
    out: list[Reference] = []
    for ref in ordered:
        key = (ref.kind, fold_aligned(ref.topic) if ref.topic else ref.noun)
        if key in seen:
            continue
        if ref.topic and any(
            r.topic and fold_aligned(ref.topic) in fold_aligned(r.topic) for r in out
        ):
            continue
        seen.add(key)
        out.append(ref)
    return out
