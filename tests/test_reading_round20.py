"""What round 20's blind readers flagged, fixed in general terms (notes written for these tests).

A calque that three rounds of English readers flagged, a name that French elides before its
"h", an invitation to speak read as one to attend, a talk watched online taken for a place to
meet, and a sales note read as an application because it mentioned an announcement.
"""

from __future__ import annotations

import pytest

from tactful.reading.analysis import read_note
from tests.helpers import offline_replies


@pytest.mark.parametrize(
    "note",
    [
        "Hi Sam, I work in freight rail in Adelaide. Would love to connect. Jo",
        "Hello, I'd like to join your professional network on LinkedIn. Kim",
        "Hi Ana, I'm a dental hygienist in Truro and I'd like to talk about a project. Ben",
    ],
)
def test_english_replies_never_exchange_in_a_group(note: str) -> None:
    for seed in range(6):
        for message in offline_replies(note, seed=seed):
            assert "in a group" not in message, message


def test_a_first_name_elides_de_before_its_h() -> None:
    note = (
        "Bonjour Claire, Hervé Tremblay m'a conseillé de vous contacter au sujet des friches "
        "industrielles. Au plaisir, Stéphane"
    )
    for message in offline_replies(note):
        assert "de Hervé" not in message, message


def test_an_invitation_to_speak_for_twenty_minutes_is_an_invitation_to_speak() -> None:
    note = (
        "Hi Tessa — I run the Calgary Beekeepers meetup (monthly, at the library). Would you "
        "speak for 20 minutes at our March 18 session on winter hive wraps? Lorne"
    )
    assert read_note(note).speaks
    for message in offline_replies(note):
        assert "If I can come" not in message and "if I can come" not in message, message


def test_a_talk_watched_online_is_not_a_place_to_meet() -> None:
    note = (
        "Hello Grace, I just watched your talk on cassava peel compost from the Kampala "
        "agribusiness forum on YouTube. I farm in Kentucky and would love to follow your "
        "research. Best, Caleb"
    )
    assert read_note(note).remote
    for message in offline_replies(note):
        assert "forum" not in message


def test_an_announcement_that_is_no_job_ad_makes_no_candidate() -> None:
    note = (
        "Bonjour Claudine, nous accompagnons plusieurs coopératives dans la numérisation de "
        "leurs factures. Après avoir lu l'annonce de votre fusion, je crois qu'un partenariat "
        "aurait du sens. Auriez-vous 30 minutes la semaine prochaine ? Frédéric, AgriDoc"
    )
    assert read_note(note).role != "candidate"
