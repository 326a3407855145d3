"""``no_pitch``: a decline never sells.

Cues cover services and offers, prices and discounts, booking or calendar links,
demos, free audits or calls, courses, "we help companies ...", "would you be
interested ...". Blockers clear the look-alikes a decline legitimately uses: a
free community meetup, "I don't sell anything", "my network is not for sales".
Naming a personal channel or a group is openness, so those cues stay out of here.
"""

from __future__ import annotations

from tactful.validation.reply import Reply
from tactful.validation.report import Check


def no_pitch(reply: Reply) -> Check:
    """Passes when no sentence sells; the evidence lists the selling sentences."""
    found = reply.find(reply.lex.pitch)
    if found:
        return Check(
            passed=False,
            message="the reply sells (offer, price, booking link, demo, course or service pitch)",
            evidence=found,
        )
    return Check(passed=True, message="nothing is sold")
