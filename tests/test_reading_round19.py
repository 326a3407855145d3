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
from tests.helpers import offline_replies


def test_an_invitation_to_come_on_a_show_is_thanked_for_without_a_refusal() -> None:
    note = (
        "Hi Naledi — I host Story Hour, a podcast about the craft of radio drama (episode 12 "
        "records next month!). Listeners keep asking about your Sesotho adaptations. Would "
        "you come on the show?\nPieter @ Story Hour Podcast"
    )
    assert read_note(note).speaks
    for message in offline_replies(note):
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


def test_a_clause_cut_before_its_verb_is_not_echoed() -> None:
    note = (
        "Dumela Kabo, your post on why mobile clinics in Maun run out of vaccines before the "
        "rains hit home. I run a small outreach charity in Gaborone. Would love to follow your "
        "work. Neo"
    )
    for message in offline_replies(note):
        # Echoed whole (with its verb) or not at all.
        assert "why mobile clinics" not in message or "run out" in message, message


def test_an_organisers_panel_is_not_what_the_user_is_invited_to_talk_about() -> None:
    note = (
        "Hi Rosa, I run the Boise Food Rescue meetup and we'd love you on the panel on 12 May, "
        "since your cold-chain work for donated produce is exactly what members ask about. "
        "Details are on the event page. Dale"
    )
    for message in offline_replies(note):
        assert "about the panel" not in message


def test_the_contact_who_suggested_writing_is_not_brought_to_the_meeting() -> None:
    note = (
        "Bonjour Claire, Aurélie Martin m'a conseillé de vous contacter au sujet de la "
        "reconversion des friches industrielles. Au plaisir, Stéphane"
    )
    for message in offline_replies(note):
        assert "pourquoi pas avec" not in message and "d'abord avec" not in message, message


def test_no_closing_thanks_again_when_nothing_was_thanked() -> None:
    notes = [
        "Bonjour Sophie, je travaille sur les huîtres de l'étang de Thau. J'aimerais échanger "
        "avec vous sur les mortalités estivales. Claire",
        "Hi Tom, I read your post about sheep scab. Would love to connect. Ben",
    ]
    for note in notes:
        for seed in range(8):
            message = rewrite(note, style="long", engine="offline", seed=seed).message
            assert "Merci encore, et" not in message and "Thanks again, and" not in message


@pytest.mark.parametrize(
    "note",
    [
        "Hey Megan, fellow UNB grad here! Saw you're in reinsurance in Toronto now, I'm doing "
        "the same at Aon Re out of Halifax. Would be fun to connect. Eric",
        "Namaste Prakash! Fellow KU grad here. I'm doing soil carbon research at Massey in "
        "Palmerston North. Would be great to stay in touch. Sujan",
    ],
)
def test_where_the_inviter_works_or_studies_is_no_event(note: str) -> None:
    events = [ref.topic for ref in read_note(note).references if ref.kind == "event"]
    assert events == [], events
