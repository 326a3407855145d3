"""What round 17's blind readers flagged, fixed in general terms (notes written for these tests).

Topics cut inside a number or an inclusive word, applicants read as peers or students, a
candidate thanked for "your words about my post" when the post was the job ad, and a French
reason joined to its decision by "; et".
"""

from __future__ import annotations

import pytest

from tactful.pipeline import rewrite_variants
from tactful.reading.analysis import read_note
from tests.helpers import offline_replies


@pytest.mark.parametrize(
    ("note", "whole"),
    [
        (
            "Your article on grazing sheep at 1,200 m in the Cairngorms changed how I plan my "
            "summer. Would be glad to follow your work. - Fergus",
            "1,200 m",
        ),
        (
            "Bonjour Hélène, votre article sur le télétravail à 60 % dans les cabinets m'a "
            "beaucoup parlé. Au plaisir de vous suivre, Marc",
            "60 %",
        ),
    ],
)
def test_a_topic_keeps_its_number_whole(note: str, whole: str) -> None:
    number = whole.split()[0]
    for message in offline_replies(note):
        if number.split(",")[0] in message:  # the topic is echoed: never cut inside it
            assert whole in message, message


def test_an_inclusive_word_is_not_cut_at_its_dot() -> None:
    note = (
        "Bonjour Inès, votre article sur le métier de chargé·e de mission m'a beaucoup "
        "parlé. Au plaisir de vous suivre, Paul"
    )
    topics = [ref.topic or "" for ref in read_note(note).references]
    assert any("chargé·e" in topic for topic in topics), topics
    assert not any(topic.endswith("chargé") for topic in topics), topics


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour Sophie, j'ai répondu à votre offre de comptable publiée pour l'agence de "
        "Vannes. Un court échange vous conviendrait-il ? Cordialement, Hugo Le Gall",
        "Bonjour Marc, je vous écris au sujet de l'annonce d'assistante dentaire pour votre "
        "cabinet de Brest. Mon dossier est parti par courriel hier. Bonne journée, Léa",
    ],
)
def test_a_french_applicant_who_already_applied_is_read_so(note: str) -> None:
    reading = read_note(note)
    assert reading.role == "candidate" and reading.applied
    for message in offline_replies(note):
        assert "CV" not in message  # never asked for the application again


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour Claire, titulaire d'un CAP ébénisterie, je serais heureux de rejoindre votre "
        "atelier de Rennes si la place d'apprenti pour septembre est encore libre. Tom",
        "Hi Dana, Priya at the farmers' market said you're bringing on an assistant baker for "
        "the winter. I've worked two seasons at a sourdough bakery. Could I send over my "
        "details? - Sam",
    ],
)
def test_an_applicant_is_read_as_a_candidate(note: str) -> None:
    assert read_note(note).role == "candidate"


def test_a_candidate_is_thanked_for_the_role_not_for_the_job_ad_as_a_post() -> None:
    note = (
        "Bonjour Julie, suite à votre publication sur le poste de technicien son au théâtre "
        "de Lorient, je me permets de vous contacter. Puis-je vous transmettre mon CV ? Yann"
    )
    assert read_note(note).role == "candidate"
    for message in offline_replies(note):
        assert "ma publication" not in message, message
        assert any(word in message for word in ("poste", "équipe", "candidature")), message


def test_a_french_reason_never_runs_into_a_decision_by_semicolon_and_et() -> None:
    notes = [
        "Bonjour Camille, on lance à Nantes une offre de location de vélos cargo pour les "
        "entreprises. Un partenariat aurait du sens. Un café la semaine prochaine ? Bastien",
        "Bonjour Camille, je travaille dans la logistique et j'aimerais rejoindre votre réseau. "
        "Bonne journée, Louis",
    ]
    for note in notes:
        for result in rewrite_variants(note, 8, style="long", engine="offline"):
            assert "; et " not in result.message, result.message


def test_a_lower_case_abbreviation_in_a_signature_does_not_hide_the_name() -> None:
    note = (
        "Allô Léa! On cherche une technicienne de scène pour la tournée. Si ça te parle, "
        "écris-moi!\nJulien, dir. de production, Théâtre La Lune Bleue"
    )
    assert read_note(note).inviter == "Julien"


@pytest.mark.parametrize(
    ("note", "event"),
    [
        (
            "Good to meet you at the Tyne Ports supplier day at the Quayside centre on 2 May. "
            "Happy to keep in touch. - Aidan",
            "the Tyne Ports supplier day",
        ),
        (
            "Hi Ama, it was lovely meeting you at the midwifery skills workshop at Korle Bu on "
            "Friday. Let us keep in touch. Esi",
            "the midwifery skills workshop",
        ),
    ],
)
def test_an_event_is_named_whole_and_its_venue_is_not_the_event(note: str, event: str) -> None:
    events = [ref.topic for ref in read_note(note).references if ref.kind == "event"]
    assert events == [event], events


def test_a_venue_is_kept_when_it_is_the_only_place_the_note_names() -> None:
    note = (
        "Bonjour Noé, nous sommes un petit groupe de brasseurs qui se retrouvent tous les mois. "
        "Prochaine rencontre le 3 décembre au Baobab. Ça vous dirait de vous joindre à nous ? Léa"
    )
    topics = [ref.topic or "" for ref in read_note(note).references if ref.kind == "event"]
    assert any("Baobab" in topic for topic in topics), topics


@pytest.mark.parametrize(
    "note",
    [
        "Salut Hugo, je fais aussi de la taille de vigne en Anjou et j'ai vu que tu testes la "
        "taille douce. Ça m'intéresserait vraiment de comparer nos résultats. Chloé",
        "Hi Dev, I also run a small cider press in Somerset and saw you trialled wild "
        "ferments this year. Would be great to compare notes sometime. Tom",
    ],
)
def test_a_note_that_says_what_it_wants_is_not_asked_what_brings_them(note: str) -> None:
    for reply in offline_replies(note):
        message = reply.lower()
        for question in (
            "what brings you",
            "what you have in mind",
            "introduce yourself",
            "qu'est-ce qui",
            "dis-m'en un peu plus",
            "quelques mots",
            "en quelques lignes",
        ):
            assert question not in message, message


def test_a_topic_never_opens_with_a_preposition() -> None:
    note = (
        "Hey Marta, I host Fold & Thread, a small podcast for bookbinders. Your coptic "
        "stitch videos are lovely. Would you come on for an episode this spring? Super "
        "relaxed, ~40 mins over Zoom. - Jo"
    )
    for message in offline_replies(note):
        assert "about for" not in message and "for an episode." not in message, message


def test_met_thanks_in_french_do_not_suppose_a_long_silence() -> None:
    note = (
        "Salut Jonathan, c'était trop cool de jouer avec toi au tournoi de pétanque samedi à "
        "Nîmes ! On se refait ça ? Mika"
    )
    for message in offline_replies(note):
        assert "nouvelles" not in message


def test_an_offer_to_send_is_taken_up() -> None:
    note = (
        "Good to meet you at the Leeds rail forum last week. I was the one asking about brake "
        "wear. Happy to send over the depot data we discussed. Priya"
    )
    assert read_note(note).sends


def test_a_coffee_by_its_local_name_is_the_next_step() -> None:
    note = (
        "Siew Lan! Great chatting at the Fintech Week summit last Thursday. Let's grab kopi "
        "when you're back from Manila. Arjun"
    )
    for message in offline_replies(note):
        assert "coffee" in message


def test_a_topic_does_not_end_on_sometime() -> None:
    note = (
        "Hi Wes, I do bookbinding in Hobart. Would love to swap notes on sewing frames "
        "sometime! Alan"
    )
    for message in offline_replies(note):
        assert "frames sometime" not in message, message


def test_a_job_seekers_target_post_is_not_thanked_as_an_opening_of_the_users() -> None:
    note = (
        "Bonjour, comptable (8 ans en cabinet) je m'installe à Lyon en juin. Je cherche un "
        "poste de chef de mission en cabinet, si votre réseau peut m'aider je suis preneur. "
        "Merci, Paul Girard"
    )
    assert read_note(note).role == "job_seeker"
    for message in offline_replies(note):
        assert "du poste" not in message and "au sujet du poste" not in message, message
