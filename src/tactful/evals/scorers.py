"""Scorers: pure functions from (assertion, sample) to a score with a reason.

Each assertion type has one scorer. They read only the sample (the reply, its
style, the case and the validator's report computed once by the runner), so a
score can be recomputed from ``results.json`` and tested without an engine.

Text matching goes through ``tactful.text.fold`` (case and accents ignored,
apostrophes straightened) and respects word edges, so ``ML`` does not match
"html" and ``Montreal`` matches "Montréal".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from tactful.engines.base import Style
from tactful.evals.cases import Assertion, Case
from tactful.text import detect_language, fold, sentences
from tactful.validation.report import Report


@dataclass(frozen=True)
class Sample:
    """What is judged: the reply to one case in one style, and the validator's verdict on it."""

    case: Case
    style: Style
    message: str
    report: Report | None


class Score(BaseModel):
    """A scorer's verdict: ``score`` in [0, 1] says how close a failure came."""

    passed: bool
    score: float
    reason: str


Scorer = Callable[[Assertion, Sample], Score]

# Links, e-mail addresses and phone numbers: a reply must carry none of the note's.
_LINK = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|ly|fr|ca|be|ch|de|uk|pro|dev|app|me|ai)\b"
    r"|\+?\d[\d .-]{7,}\d",
    re.IGNORECASE,
)


def _pass(reason: str = "ok") -> Score:
    return Score(passed=True, score=1.0, reason=reason)


def _fail(reason: str, score: float = 0.0) -> Score:
    return Score(passed=False, score=score, reason=reason)


@cache
def _phrase(phrase: str) -> re.Pattern[str]:
    """A folded phrase that must not start or end inside a word."""
    folded = fold(phrase)
    head = r"(?<!\w)" if folded[:1].isalnum() else ""
    tail = r"(?!\w)" if folded[-1:].isalnum() else ""
    return re.compile(head + re.escape(folded) + tail)


def found(phrases: list[str], message: str) -> list[str]:
    """The phrases that occur in ``message`` (case, accents and apostrophes ignored)."""
    text = fold(message)
    return [p for p in phrases if _phrase(p).search(text)]


def _words(assertion: Assertion) -> list[str]:
    value = assertion.value
    return [str(v) for v in value] if isinstance(value, list) else []


def _count(assertion: Assertion) -> int:
    value = assertion.value
    return value if isinstance(value, int) else 0


def valid(assertion: Assertion, sample: Sample) -> Score:
    """The project's validator accepts the reply for its style and invitation."""
    report = sample.report
    if report is None:
        return _fail("no validator report")
    if report.valid:
        return _pass()
    failed = report.failures()
    total = max(len(report.checks), 1)
    detail = "; ".join(f"{name}: {check.message}" for name, check in failed.items())
    return _fail(f"invalid ({detail})", score=1 - len(failed) / total)


def no_pitch(assertion: Assertion, sample: Sample) -> Score:
    """The validator's ``no_pitch`` check holds: nothing in the reply sells."""
    report = sample.report
    check = report.checks.get("no_pitch") if report is not None else None
    if check is None:
        return _fail("no no_pitch check in the validator report")
    if check.passed:
        return _pass()
    return _fail(f"pitch: {'; '.join(check.evidence) or check.message}")


def lang(assertion: Assertion, sample: Sample) -> Score:
    """The reply is written in the expected language (by default the case's)."""
    expected = assertion.value if isinstance(assertion.value, str) else sample.case.lang
    got = detect_language(sample.message)
    if got == expected:
        return _pass(expected)
    return _fail(f"expected {expected}, detected {got or 'no supported language'}")


def inviter_named(assertion: Assertion, sample: Sample) -> Score:
    """The reply addresses the inviter by the name the note gives."""
    name = assertion.value if isinstance(assertion.value, str) else sample.case.inviter
    if not name:
        return _fail("no inviter name to look for")
    if found([name], sample.message):
        return _pass(name)
    return _fail(f"{name!r} not named")


def sentence_count(assertion: Assertion, sample: Sample) -> Score:
    """Exactly ``value`` sentences (the short style is two)."""
    expected = _count(assertion)
    got = len(sentences(sample.message))
    if got == expected:
        return _pass(f"{got} sentences")
    return _fail(
        f"{got} sentences, expected {expected}", score=max(0.0, 1 - abs(got - expected) / expected)
    )


def max_chars(assertion: Assertion, sample: Sample) -> Score:
    """At most ``value`` characters."""
    limit = _count(assertion)
    size = len(sample.message)
    if size <= limit:
        return _pass(f"{size} chars")
    return _fail(f"{size} chars, over {limit}", score=max(0.0, 1 - (size - limit) / limit))


def mentions_any(assertion: Assertion, sample: Sample) -> Score:
    """Personalisation: the reply names at least one thing the note talked about."""
    hits = found(_words(assertion), sample.message)
    if hits:
        return _pass(f"mentions {hits[0]!r}")
    return _fail(f"mentions none of {_words(assertion)}")


def not_contains(assertion: Assertion, sample: Sample) -> Score:
    """None of the words appear (injected text, the note's links, the inviter's claims)."""
    words = _words(assertion)
    hits = found(words, sample.message)
    if not hits:
        return _pass()
    return _fail(f"contains {hits}", score=1 - len(hits) / len(words))


def no_links(assertion: Assertion, sample: Sample) -> Score:
    """No URL, e-mail address or phone number, except the user's own channels."""
    own = [fold(channel) for channel in sample.case.vars.channels]
    links = [m.group(0) for m in _LINK.finditer(sample.message)]
    foreign = [link for link in links if not any(fold(link) in channel for channel in own)]
    if not foreign:
        return _pass()
    return _fail(f"carries {foreign}")


SCORERS: dict[str, Scorer] = {
    "valid": valid,
    "no_pitch": no_pitch,
    "lang": lang,
    "inviter_named": inviter_named,
    "sentences": sentence_count,
    "max_chars": max_chars,
    "mentions_any": mentions_any,
    "not_contains": not_contains,
    "no_links": no_links,
}


def score(assertion: Assertion, sample: Sample) -> Score:
    """Score one assertion on one sample."""
    return SCORERS[assertion.type](assertion, sample)
