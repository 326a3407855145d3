"""What round 22's first run showed, fixed in general terms (notes written for these tests)."""

from __future__ import annotations

import pytest

from tactful.reading.analysis import read_note
from tests.helpers import offline_replies


@pytest.mark.parametrize(
    ("note", "signer"),
    [
        ("Hi Rhys, could we talk about the placement? Diolch yn fawr!\nGwen Price", "Gwen"),
        ("Boozhoo Dana, quick chat about the youth program sometime? miigwech, Aiden", "Aiden"),
        ("Bonjour, votre avis sur les semences ?\nSaha,\nNadir Belkacem – AgroTell", "Nadir"),
    ],
)
def test_a_thanks_in_another_language_is_a_sign_off(note: str, signer: str) -> None:
    """ "Bonjour Saha" (Algerian thanks), "Diolch!" and "miigwech" (Welsh, Ojibwe thanks)."""
    assert read_note(note).inviter == signer


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour Anne,\nJ'ai vu votre conférence. Passionnant, et très clair !\nLuc B.",
        "Hi Mo, watched your talk on tidal power. Fascinating, and so clear. Thanks! Kate",
    ],
)
def test_a_one_word_exclamation_is_not_the_signer(note: str) -> None:
    """ "Bonjour Passionnant": an exclamation that opened a sentence, greeted as the signer."""
    assert read_note(note).inviter not in ("Passionnant", "Fascinating")


def test_a_wish_to_meet_again_is_no_proposal_when_the_role_says_they_met() -> None:
    """ "Nous voir en personne comme vous le proposez" to "Au plaisir de se recroiser", from
    someone met the evening before (the role model, not the cue lists, read the meeting)."""
    note = (
        "Bonjour Claire,\nRavi d'avoir pu échanger avec vous hier soir au cocktail de la "
        "Chambre de commerce. Votre remarque sur les quotas m'a fait réfléchir tout le trajet.\n"
        "Au plaisir de se recroiser,\nPaul Martin – Cabinet Vauban"
    )
    reading = read_note(note)
    assert reading.met and reading.meeting is None
    for reply in offline_replies(note):
        assert "propos" not in reply, reply
