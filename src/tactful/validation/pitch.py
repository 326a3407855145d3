"""``no_pitch``: a decline never sells.

Cues cover services and offers, prices and discounts, booking or calendar links,
demos, free audits or calls, courses, "we help companies ...", "would you be
interested ...". Blockers clear the look-alikes a decline legitimately uses: a
free community meetup, "I don't sell anything", "my network is not for sales".
Naming a personal channel or a group is openness, so those cues stay out of here.
"""

from __future__ import annotations

from collections.abc import Callable

from tactful.selling import judge_sentences, sentence_scores, thanks, thresholds
from tactful.text import stopwords, words
from tactful.validation.reply import Reply
from tactful.validation.report import Check


def no_pitch(reply: Reply) -> Check:
    """Passes when no sentence sells; the evidence lists the selling sentences and words.

    A pitch is an offer the *replier* makes. Words the reply shares with the
    invitation it answers (the note's "budget", its "coût", the firm it named) are
    an echo of the note's topic, not an offer, so a cue made only of such words is
    set aside; the same cue with a word the note never used still counts.

    The selling detector (``tactful.selling``) reads each clause too: a clause it scores
    as selling (``model.toml``'s ``sells``) fails even when no cue matched, since cue
    lists miss each new way to offer one's work. When the invitation is not known
    (``tactful check`` alone), a cue in a sentence of thanks it scores as clean is taken
    for the note's own offer thanked for ("thanks for the note on your $9/h
    assistants"); when it is known, the echo test above decides, word by word.
    """
    scores = sentence_scores(reply.units, "reply", offer_cues(reply), reply.folded)
    offers = own_offers(reply)
    if not reply.context_words:  # the note is unknown: the words of thanks tell an echo
        offers = {
            index: spans
            for index, spans in offers.items()
            if scores[index][0] >= thresholds("reply").confirms or not thanks(reply.units[index])
        }
    verdict = judge_sentences(scores, "reply")
    if verdict.sells and not offers:
        index = max(range(len(scores)), key=lambda i: scores[i][0])
        offers = {index: [verdict.evidence]}
    if offers:
        return Check(
            passed=False,
            message="the reply sells (an offer of services, a price, a booking link, a demo, "
            "a course or a call to buy).",
            evidence=[reply.units[i] for i in offers],
            spans=[span for spans in offers.values() for span in spans],
            fix="remove the offer: a decline offers nothing for sale; keep only a personal path "
            "(an event, a group, a channel of yours).",
        )
    return Check(passed=True, message="nothing is sold")


def own_offers(reply: Reply) -> dict[int, list[str]]:
    """The sentences that sell, by index, with the selling words the replier wrote.

    Cached on the reply: ``openness`` asks too (a selling sentence opens no path).
    """
    if reply.offers is None:
        echoed = _echo_test(reply)
        reply.offers = {}
        for index in sorted(reply.find_indexes(reply.lex.pitch)):
            own = [span for span in reply.spans(reply.lex.pitch, index) if not echoed(span)]
            if own:
                reply.offers[index] = own
    return reply.offers


def offer_cues(reply: Reply) -> list[dict[str, float]]:
    """Each sentence's count of the replier's own selling words, for the selling detector."""
    offers = own_offers(reply)
    return [{"offers": float(len(offers.get(i, ())))} for i in range(len(reply.units))]


def _echo_test(reply: Reply) -> Callable[[str], bool]:
    """A test telling whether a cue's words all come from the invitation."""
    note = reply.context_words
    common = stopwords(reply.lex.lang)

    def echoed(span: str) -> bool:
        if not note:
            return False
        content = [w for w in words(span) if len(w) > 2 and w not in common]
        return bool(content) and all(_in_note(w, note) for w in content)

    return echoed


def _in_note(word: str, note: frozenset[str]) -> bool:
    """The word, or a form of it sharing its first letters ("costs" for "cost", "pricing")."""
    if word in note:
        return True
    stem = word[:5]
    return len(word) >= 4 and any(w.startswith(stem) for w in note if len(w) >= len(stem))
