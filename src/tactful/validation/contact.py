"""``contact_details``: no URL, e-mail or phone number unless it is the user's own.

Links in an invitation are untrusted and must never reach a reply; a booking
link is a pitch. The user's own channels (``Profile.channels``, e.g. "Twitter
@sam_dev", "https://sam.dev/blog") are allowed: a detail is the user's when it
equals one of theirs, or sits under one of their URLs (``sam.dev/blog/post``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tactful.reading.lexicon import contact
from tactful.validation.reply import Reply
from tactful.validation.report import Check

_TRAILING = ".,;:!?)]}»\"'"


def _key(detail: str) -> str:
    """A comparable form: lower case, no scheme, no ``www.``, no trailing slash or dot."""
    key = detail.strip().rstrip(_TRAILING).casefold()
    key = re.sub(r"^(?:https?://)?(?:www\.)?", "", key)
    key = re.sub(r"^mailto:", "", key)
    return key.rstrip("/")


def details(text: str) -> list[str]:
    """URLs, e-mail addresses and phone numbers in ``text``, in order of appearance."""
    pats = contact()
    found: list[tuple[int, str]] = []
    emails = [(m.start(), m.end()) for m in pats.email.finditer(text)]

    def inside_email(start: int) -> bool:
        return any(a <= start < b for a, b in emails)

    found += [(m.start(), m.group(0)) for m in pats.email.finditer(text)]
    found += [
        (m.start(), m.group(0).rstrip(_TRAILING))
        for m in pats.url.finditer(text)
        if not inside_email(m.start())
    ]
    for m in pats.phone.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits >= pats.phone_min_digits:
            found.append((m.start(), m.group(0).strip()))
    return [detail for _, detail in sorted(found)]


def own_keys(own_channels: Sequence[str]) -> set[str]:
    """Comparable forms of every URL, e-mail, phone and handle in the user's channels."""
    pats = contact()
    keys: set[str] = set()
    for channel in own_channels:
        found = {_key(d) for d in details(channel)}
        found.update(m.group(0).casefold() for m in pats.handle.finditer(channel))
        if not found and channel.strip():
            found.add(_key(channel))  # a bare "sam.dev" style entry
        keys |= found
    return keys


def _is_own(detail: str, keys: set[str]) -> bool:
    key = _key(detail)
    digits = re.sub(r"\D", "", key)
    for own in keys:
        if key == own or key.startswith(own + "/"):
            return True
        if digits and len(digits) >= 7 and digits == re.sub(r"\D", "", own):
            return True
    return False


def contact_details(
    reply: Reply, own_channels: Sequence[str] = (), *, known_context: bool = True
) -> Check:
    """Fails on a URL, e-mail or phone number that is not one of the user's own channels.

    Without ``known_context`` (no invitation, no channels) nothing tells the
    writer's own blog from a foreign link, so the failure is only a warning.
    """
    keys = own_keys(own_channels)
    foreign = [d for d in details(reply.text) if not _is_own(d, keys)]
    if foreign:
        if not known_context:
            return Check(
                passed=False,
                severity="warning",
                message="contains a link, e-mail or phone number; if it is yours, pass it with "
                "--channel, otherwise remove it (links never come from the invitation)",
                evidence=foreign,
                spans=foreign,
            )
        return Check(
            passed=False,
            message="contact detail that is not one of your own channels (links never come "
            "from the invitation; pass your channels in the profile).",
            evidence=foreign,
            spans=foreign,
            fix="remove every link, e-mail address and phone number that is not one of the "
            "user's channels.",
        )
    return Check(passed=True, message="no foreign link, e-mail or phone number")
