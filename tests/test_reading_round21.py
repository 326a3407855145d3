"""What round 21's blind readers found, fixed in general terms (notes written for these tests).

Each test names the reader's complaint it guards against; none of these notes is from the
round's set.
"""

from __future__ import annotations

import pytest

import tactful
from tactful.reading.analysis import read_note
from tactful.text import fold
from tests.helpers import offline_replies

SEEDS = (1, 2, 3, 4)


def _all(note: str) -> list[str]:
    """Long and short replies for a few seeds: a fix must hold whatever phrase is drawn."""
    return [reply for seed in SEEDS for reply in offline_replies(note, seed=seed)]


def _openness(note: str) -> list[str]:
    return [
        fold(tactful.rewrite(note, style=style, engine="offline", seed=seed).parts.openness)
        for seed in SEEDS
        for style in ("long", "short")
    ]


@pytest.mark.parametrize(
    "note",
    [
        "Hi Dana, I'm a second-year plumbing apprentice in Leeds hoping to move into "
        "heat pumps. Which certificate would you get first? Cheers, Owen",
        "Bonjour Marc, je suis en BTS maintenance à Rouen. Auriez-vous des conseils pour "
        "trouver une alternance dans l'aéronautique ? Merci, Inès",
    ],
)
def test_a_student_who_asked_is_answered_not_invited_to_ask(note: str) -> None:
    """ "Send me a question or two" to a student who had just asked one ("he already asked")."""
    assert read_note(note).role == "student"
    for text in _openness(note):
        assert "question or two" not in text and "une ou deux questions" not in text
        assert "send me your questions" not in text and "m'envoyer vos questions" not in text
        assert "message" in text


def test_asking_only_to_connect_is_no_question() -> None:
    assert not read_note("Hi Jo, I'm a student at Kent. Open to connecting? Sam").questions


@pytest.mark.parametrize(
    "note",
    [
        "Hi Priya, we're launching a women in logistics circle for Midlands hauliers - first "
        "get-together at the Crown, 7pm Thursday 12th. Would love you there! Becky",
        "Bonjour Anne, on lance un petit réseau de sages-femmes libérales du Finistère. "
        "Première rencontre le mardi 4 à 20h à Quimper, ça vous dirait ? Solène",
    ],
)
def test_an_organiser_who_gave_the_day_is_not_asked_for_details(note: str) -> None:
    """ "I'd be glad to read the details by message" to a note that gave place, day and hour."""
    assert read_note(note).dated
    for text in _openness(note):
        assert "detail" not in text and "informations" not in text, text


@pytest.mark.parametrize(
    ("note", "applied"),
    [
        ("Bonjour Mme Leroy, ma candidature a été déposée hier sur votre portail. Paul", True),
        ("Bonjour Léa, je viens d'envoyer ma candidature pour le poste de serveuse. Zoé", True),
        ("Bonjour, je vous ai transmis mon dossier lundi pour le poste de cariste. Rémi", True),
        ("Hi Tom, I've just submitted my application for the site engineer post. Raj", True),
        ("Bonjour, j'ai vu votre annonce. Puis-je vous envoyer mon CV ? Hugo", False),
        ("Salut, j'ai vu ton post. Je t'envoie mon CV en DM si ça te va ? Fred", False),
        ("Hi, could I send my resume over for the nurse post? Amy", False),
    ],
)
def test_an_application_made_is_told_from_one_offered(note: str, applied: bool) -> None:
    """Round 21: "Ma candidature a été déposée hier" was asked for the CV again; an offer to
    send one is no application made."""
    assert read_note(note).applied is applied


def test_a_candidate_who_applied_is_not_asked_for_the_cv() -> None:
    note = (
        "Bonjour Mme Diallo, je me permets de vous écrire au sujet de l'offre de comptable. "
        "Ma candidature a été déposée hier sur votre portail. Cordialement, Awa Ndiaye"
    )
    for text in _openness(note):
        assert "cv" not in text.split() and "candidature" not in text, text


MET = (
    "Great meeting you at the Galway seafood expo on Friday, Cian - thanks for the tip on "
    "the cold store. Let's keep in touch! Aoife",
    "Bonjour Hélène, ravie d'avoir échangé avec vous au salon Vinexpo mardi. Au plaisir de "
    "se recroiser ! Camille",
)


@pytest.mark.parametrize("note", MET)
def test_someone_just_met_is_not_told_the_network_is_for_people_seen_often(note: str) -> None:
    """ "People I work with or see often" read as a pretext to someone just met."""
    for reply in _all(note):
        assert "see often" not in reply and "vois souvent" not in reply


@pytest.mark.parametrize("note", MET)
def test_a_pleasant_meeting_is_answered_in_kind(note: str) -> None:
    """ "Good to hear from you" ignored the meeting the note was about."""
    assert read_note(note).met_recent
    for reply in _all(note):
        text = fold(reply)
        assert "meet you" in text or "rencontrer" in text or "plaisir etait partage" in text


def test_a_wish_to_meet_again_is_not_taken_for_a_proposal() -> None:
    """ "Au plaisir de se recroiser" was answered "comme vous le proposez"."""
    for reply in _all(MET[1]):
        assert "propos" not in reply, reply


def test_a_proposed_beer_is_a_drink_not_a_lunch() -> None:
    note = "Sean! Good craic at the match on Saturday. Grab a pint before the next one? Niall"
    assert read_note(note).meeting == "drink"
    for text in _openness(note):
        assert "lunch" not in text and "drink" in text


@pytest.mark.parametrize(
    ("note", "wrong"),
    [
        ("Salut Yann, tes kouign-amann sont une merveille. Kenavo, Gwenaël", "Kenavo"),
        ("Keep in touch!\nJ. Okafor, Lagos Port Services", "Okafor"),
    ],
)
def test_a_goodbye_or_a_bare_surname_is_not_greeted(note: str, wrong: str) -> None:
    """ "Bonjour Kenavo" (Breton for goodbye) and "Dear Alvarez" (signed "R. Alvarez, ...")."""
    for reply in _all(note):
        assert f" {wrong}," not in reply.split("\n")[0] + ","


def test_a_title_is_not_taken_for_the_contact_s_name() -> None:
    """ "As Deacon suggested": the contact was Deacon Harold Simmons."""
    note = (
        "Hi Ruth, Pastor Daniel Okoro suggested I reach out about the winter coat drive. "
        "Could we talk sometime? Grace"
    )
    for reply in _all(note):
        assert "as Pastor suggested" not in reply and "Pastor's" not in reply


@pytest.mark.parametrize(
    ("note", "wrong"),
    [
        (
            "Bonjour Luc, ravie d'avoir discuté avec vous au forum de l'emploi de Lille : "
            "votre conseil était le meilleur de la journée. Nadia",
            "journée ou",
        ),
        (
            "Salut Tom, on crée un groupe des devs mobiles de Nantes. Premier apéro le 14 "
            "à Chantenay, tu viens ? Lou",
            "Premier apéro",
        ),
    ],
)
def test_a_time_of_day_or_a_first_edition_is_no_event_name(note: str, wrong: str) -> None:
    """ "Au plaisir de vous revoir à journée ou ailleurs", "un mot sur Premier afterwork"."""
    for reply in _all(note):
        assert wrong not in reply, reply


def test_thanks_for_congratulations_do_not_guess_the_user_s_gender() -> None:
    """ "M'a beaucoup touché" written for Morgane (it should agree with the user, unknown)."""
    note = "Bravo Morgane pour ta nomination à la tête du service ! Bises, Julie"
    for reply in _all(note):
        assert "touché" not in reply and "touchée" not in reply


def test_a_maori_sign_off_is_not_taken_for_the_signer() -> None:
    """ "Ngā mihi, Anna Whitcombe" (a New Zealand closing) left the reply greeting no one."""
    note = (
        "Kia ora Rawiri,\nWe're running a hui on river restoration in Whanganui next month and "
        "would love your input.\nNgā mihi, Mere Tane\nWhanganui River Trust"
    )
    assert read_note(note).inviter == "Mere"


@pytest.mark.parametrize(
    "note",
    [
        "Coucou Lina, j'ai vu ton spectacle au Théâtre de Liège jeudi, bravo ! Max",
        "Hi Ada, caught your set at the Regent Theatre on Friday. Loved it! Sam",
    ],
)
def test_a_building_is_no_event_to_meet_at(note: str) -> None:
    """ "Lors d'un événement comme le Théâtre de Namur": the venue read as an event."""
    assert not [ref for ref in read_note(note).references if ref.kind == "event"]
    for reply in _all(note):
        assert "Theatre" not in reply and "Théâtre" not in reply


def test_a_quoted_title_is_echoed_in_quotes() -> None:
    """ "Au sujet de Financer le cinéma d'Afrique de l'Ouest": a bare title read as a glitch."""
    note = (
        "Bonjour Awa, nous préparons une table ronde « Énergie solaire et agriculture » à "
        "Thiès en mars et aimerions beaucoup vous y entendre. Seriez-vous partante ? Moussa"
    )
    replies = _all(note)
    assert any("Énergie solaire et agriculture" in reply for reply in replies)
    for reply in replies:
        if "Énergie solaire et agriculture" in reply:
            assert "« Énergie solaire et agriculture »" in reply, reply


def test_a_student_is_not_told_they_are_interested_in_the_user_s_path() -> None:
    """ "Que mon parcours vous intéresse" to a student who asked about an internship."""
    note = (
        "Bonjour Mme Roy, je suis en 2e année de BTS à Caen. Prenez-vous des stagiaires en "
        "atelier cet été ? Merci, Léo"
    )
    for reply in _all(note):
        assert "parcours" not in reply and "my path" not in reply
