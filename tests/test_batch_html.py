"""The report's reply highlighting: each part marked where the message carries it."""

from __future__ import annotations

from tactful.batch.html import highlight


def test_parts_found_verbatim_are_marked_and_the_rest_escaped() -> None:
    parts = {"appreciation": "Thanks <3 for the note.", "rationale": "I keep", "openness": "Meet?"}
    message = "Hi Ann,\n\nThanks <3 for the note. I keep my network small. Meet?"
    html, missing = highlight(message, parts)
    assert missing == []
    assert '<mark class="part appreciation" title="appreciation">Thanks &lt;3 for the note.' in html
    assert html.startswith("Hi Ann,\n\n<mark")
    assert "my network small. <mark" in html


def test_short_style_parts_joined_with_other_case_and_punctuation_are_found() -> None:
    parts = {
        "appreciation": "Thank you for your kind words on my talk.",
        "rationale": "I keep LinkedIn for people I have met.",
        "openness": "Let's talk at the next meetup!",
    }
    message = (
        "Thank you for your kind words on my talk, Lee; i keep LinkedIn for people I have met. "
        "Let's talk at the next meetup!"
    )
    html, missing = highlight(message, parts)
    assert missing == []
    assert html.count("<mark") == 3


def test_a_part_the_message_does_not_carry_is_reported_missing() -> None:
    html, missing = highlight("Hello there.", {"appreciation": "Nowhere to be seen."})
    assert missing == ["appreciation", "rationale", "openness"]
    assert html == "Hello there."
