"""What round 19's blind readers found: an offline reply its own validator refused.

"Would you come on the show?" is an invitation to speak (the reading's ``speaks``), so the
offline engine thanked "for the invitation to talk about ..."; the validator, reading the note
with its own word list, found no talk named and refused all three drafts, and the user got an
error instead of a reply. The validator now trusts the reading's ``speaks``.
"""

from __future__ import annotations

import json

import pytest

from tactful.errors import TactfulError
from tactful.pipeline import rewrite
from tactful.reading.analysis import read_note
from tactful.resources import shipped_dir


def test_an_invitation_to_come_on_a_show_is_thanked_for_without_a_refusal() -> None:
    note = (
        "Hi Naledi — I host Story Hour, a podcast about the craft of radio drama (episode 12 "
        "records next month!). Listeners keep asking about your Sesotho adaptations. Would "
        "you come on the show?\nPieter @ Story Hour Podcast"
    )
    assert read_note(note).speaks
    for style in ("long", "short"):
        message = rewrite(note, style=style, engine="offline").message
        assert "invitation" in message, message


@pytest.mark.slow
def test_every_labelled_note_gets_a_reply_its_validator_accepts() -> None:
    """The offline engine answers every note of every reading round in both styles: a
    refusal is an error a user sees instead of a reply (it happened on a fresh round)."""
    refused = []
    for path in sorted((shipped_dir("evals") / "rewrite").glob("reading*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            for style in ("long", "short"):
                try:
                    rewrite(case["text"], style=style, engine="offline")
                except TactfulError as exc:
                    refused.append(f"{case['id']}/{style}: {exc}")
    assert refused == []
