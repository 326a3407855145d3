"""Shape checks: the short and long styles, and unfilled template slots.

A short reply is what fits in LinkedIn's 300-character note: exactly two
sentences. Sentences come from syntok (``tactful.text.sentences``); a greeting
alone at the start (``Hi Lee,`` on its own line) and sign-offs, signature names
or emoji at the end (``À bientôt !``, ``— Sam``) are not counted, while a
greeting on the same line as the first sentence ("Hi Lee, thanks ...") is part
of that sentence.
"""

from __future__ import annotations

from tactful.validation.reply import Reply
from tactful.validation.report import Check

SHORT_MAX_CHARS = 300
"""LinkedIn's invitation-note limit, which the short style must fit."""

LONG_MAX_CHARS = 1300
"""A long reply stays under this many characters (a few short paragraphs)."""


def short_form(reply: Reply) -> Check:
    """Exactly two sentences and at most 300 characters."""
    body = reply.body()
    size = len(reply.text)
    problems = []
    if len(body) != 2:
        problems.append(f"{len(body)} sentence{'s' if len(body) != 1 else ''} instead of 2")
    if size > SHORT_MAX_CHARS:
        problems.append(f"{size} characters, over {SHORT_MAX_CHARS}")
    if problems:
        return Check(
            passed=False,
            message="short style: " + ", ".join(problems) + ".",
            evidence=body,
            fix="write exactly two sentences (a sentence ends at . ! ? or …; a semicolon joins "
            "two clauses of one sentence), at most 300 characters, no greeting or signature.",
        )
    return Check(passed=True, message=f"two sentences, {size} characters")


def long_form(reply: Reply) -> Check:
    """A greeting first, and under 1,300 characters."""
    size = len(reply.text)
    greeted = bool(reply.folded) and bool(reply.lex.long_greeting.match(reply.folded[0]))
    problems = []
    if not greeted:
        problems.append("no greeting at the start")
    if size >= LONG_MAX_CHARS:
        problems.append(f"{size:,} characters, not under {LONG_MAX_CHARS:,}")
    if problems:
        evidence = reply.units[:1] if not greeted else []
        return Check(
            passed=False,
            message="long style: " + ", ".join(problems) + ".",
            evidence=evidence,
            fix="start with a greeting line, then three short paragraphs and a sign-off, "
            f"under {LONG_MAX_CHARS:,} characters in all.",
        )
    return Check(passed=True, message=f"greeting present, {size:,} characters")


def placeholders(reply: Reply) -> Check:
    """No unfilled template slot such as ``[Name]``, ``{name}`` or ``<first name>``."""
    pattern = reply.lex.placeholders
    found = [m.group(0) for m in pattern.finditer(reply.text)] if pattern else []
    if found:
        return Check(
            passed=False,
            message="unfilled placeholder left in the reply.",
            spans=found,
            fix="write the real words or leave the slot out.",
        )
    return Check(passed=True, message="no placeholder left")
