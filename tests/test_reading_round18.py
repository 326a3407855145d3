"""What round 18's blind readers flagged, fixed in general terms (notes written for these tests).

Signers missed or mistaken (a "thank you" in Chichewa, a name after a closing phrase or
before a bar, a brand glued by an apostrophe, a lone lower-case name), places that were no
place to meet (a school, a river inside a talk's title, "these days"), a shared group
thanked as the subject, a remote recording offered as a place to meet, applicants and call
requests missed, and phrases a native would not write.
"""

from __future__ import annotations

import pytest

from tactful.reading.analysis import read_note
from tests.helpers import offline_replies


@pytest.mark.parametrize(
    ("note", "signer"),
    [
        (
            "Moni Chisomo! We're hiring a ward nurse mentor in Zomba. Can I send you the job "
            "description?\nZikomo,\nGrace Phiri\nHR Lead\nMercy Children's Hospital",
            "Grace",
        ),
        (
            "Hi Kath we sat together at the hospice awards dinner last Friday, lovely chatting "
            "about respite care, let's stay in touch Morwenna",
            "Morwenna",
        ),
        (
            "Hi Nusrat! Quick question: do you have a recycling partner for solar panels yet? "
            "I think there's a real fit 🙌 Tanvir | Sales Lead @ GreenLoop",
            "Tanvir",
        ),
        (
            "Petite question Karim : comment gérez-vous vos déchets de chantier ? Je vous offre "
            "un diagnostic gratuit. Zoé, Récup'Bati",
            "Zoé",
        ),
        (
            "allo julie! super démo au salon. on se recroise au prochain festival?\nmarco",
            "Marco",
        ),
    ],
)
def test_the_signer_is_found(note: str, signer: str) -> None:
    assert read_note(note).inviter == signer


def test_a_lone_closing_word_on_the_last_line_is_no_signer() -> None:
    assert read_note("Salut, on se voit bientôt?\nbises").inviter is None


def test_a_school_named_with_an_elided_article_is_no_place_to_meet() -> None:
    note = (
        "Salut Émilie! Ancienne de l'Université de Sherbrooke moi aussi (promo 2012). Je "
        "travaille maintenant au CHU de Québec. Au plaisir! Justine"
    )
    places = [ref.topic for ref in read_note(note).references if ref.kind in ("event", "group")]
    assert places == [], places


def test_a_quoted_group_after_a_group_noun_is_a_group_not_the_subject() -> None:
    note = (
        "Bonjour Rania, ergothérapeute à Tunis. Nous faisons partie du même groupe « Ergo "
        "Maghreb » et j'aimerais échanger avec vous sur la rééducation de la main. Bien à vous, "
        "Sami"
    )
    reading = read_note(note)
    assert [ref.topic for ref in reading.references if ref.kind == "group"] == ["Ergo Maghreb"]
    for message in offline_replies(note):
        assert "mot sur Ergo" not in message and "au sujet d'Ergo" not in message, message


@pytest.mark.parametrize(
    "note",
    [
        "Good to meet you at Agribition in Regina last week. Be great to keep in touch about "
        "leather suppliers. Wade",
        "Hi Sam! I run ops for a shortline out of Burlington these days and saw you're at the "
        "AAR in DC. Go Cats! Nate",
    ],
)
def test_a_time_phrase_is_not_part_of_a_place(note: str) -> None:
    topics = [ref.topic or "" for ref in read_note(note).references if ref.kind == "event"]
    assert not any(t.endswith(("last week", "these days")) for t in topics), topics


def test_a_name_inside_a_quoted_title_is_no_event() -> None:
    note = (
        "Bonjour Luc, votre conférence « Protéger les berges du Saint-Laurent : ce qu'on a "
        "appris à Rimouski » au colloque de l'AQEI m'a beaucoup appris. Simon"
    )
    topics = [ref.topic or "" for ref in read_note(note).references if ref.kind == "event"]
    assert not any("Saint-Laurent" in t for t in topics), topics


def test_a_remote_recording_is_never_a_place_to_meet() -> None:
    note = (
        "Let's talk about your edit of 'Salt Road'! I host Cut to Black, a podcast about "
        "documentary editing. Would you join us for an episode this autumn? Remote recording "
        "works fine.\n— Farzana Haque, host"
    )
    assert read_note(note).remote
    for message in offline_replies(note):
        assert "meet there" not in message and "meet you there" not in message, message


@pytest.mark.parametrize(
    "note",
    [
        "Hi Gareth, I gather you're heading up the new Exeter office for Tamar Freight. I hold "
        "the CCQ and have done export declarations since 2021. If you're still building the "
        "team I'd be really keen to be considered. Thanks, Zoe",
        "Hi Callum, saw on the Cornish thatchers group that you're after an apprentice for "
        "September. I've just finished my Level 3 at Truro College. Would love to come out and "
        "show you what I can do. Cheers, Josh",
    ],
)
def test_an_applicant_is_read_as_a_candidate(note: str) -> None:
    assert read_note(note).role == "candidate"


def test_a_short_phone_call_is_the_next_step_taken() -> None:
    note = (
        "Hi Alice, Martin Rowe at the Guild gave me your name; he says you're the person to "
        "ask about lime plaster on cob walls. I'm restoring a farmhouse near Bodmin and would "
        "really value a short phone call when you have a moment. Many thanks, Philippa"
    )
    for message in offline_replies(note):
        assert "call" in message


@pytest.mark.parametrize(
    "note",
    [
        "Hi Sam, I work in freight rail in Adelaide. Would love to connect. Jo",
        "Hi Ana, I saw your talk on battery recycling last week. Great stuff! Tom",
        "Hello, I'd like to join your professional network on LinkedIn. Kim",
    ],
)
def test_english_replies_use_no_calque_and_keep_the_comma_before_and_so(note: str) -> None:
    for seed in range(6):
        for message in offline_replies(note, seed=seed):
            assert "aside" not in message, message
            assert "person and so" not in message, message


def test_a_one_off_evening_is_not_offered_as_where_to_meet_again() -> None:
    note = (
        "Hi Kath, we sat together at the Hospice UK awards dinner in Leeds last Friday. Lovely "
        "chatting about respite weekends, let's stay in touch. Bronwyn"
    )
    for message in offline_replies(note):
        assert "dinner" not in message


def test_questions_asked_in_writing_are_answered_in_writing() -> None:
    note = (
        "bonjour, je suis étudiante en soins infirmiers à Caen et je prépare mon mémoire sur "
        "les soins palliatifs à domicile. votre post sur la démarche « patient partenaire » m'a "
        "beaucoup parlé, est-ce que je pourrais vous poser quelques questions par mail ? Léa"
    )
    for message in offline_replies(note):
        assert "par écrit" in message or "par message" in message, message
        assert "café" not in message and "téléphone" not in message, message


def test_a_document_sent_by_mail_is_not_a_wish_to_exchange_questions() -> None:
    note = (
        "Bonjour Denis, merci pour la discussion de vendredi au congrès des courtiers à Québec. "
        "Tel que promis, je vous envoie le document sur la tarification par courriel. Lyne"
    )
    for message in offline_replies(note):
        assert "questions" not in message


def test_a_quoted_name_stays_whole_in_a_topic() -> None:
    note = (
        "Bonjour Anne, votre post sur la démarche « zéro contention » dans votre établissement "
        "m'a beaucoup parlé. Au plaisir de vous lire, Chloé"
    )
    topics = [ref.topic or "" for ref in read_note(note).references]
    assert any(topic.endswith("« zéro contention »") for topic in topics), topics
