"""What rounds 7 and 8 of the blind reading taught, as rules a user relies on.

Each case is written fresh here (not copied from the blind sets) and states the general
rule: who the inviter is, who signed, who the mutual contact is, what the reply thanks for.
"""

from __future__ import annotations

import pytest

import tactful
from tactful.reading.analysis import read_note


@pytest.mark.parametrize(
    ("note", "role"),
    [
        # Someone sought and the user sized up for it, without "role" or "hiring".
        (
            "Hi Ana, we need a site supervisor for our Hull depot and your time at Balfour "
            "stood out. Coffee next week? Rob",
            "recruiter",
        ),
        (
            "Bonjour Léa, on cherche une cheffe de rang pour l'ouverture à Annecy et ton "
            "parcours colle parfaitement. Un appel jeudi ? Paul",
            "recruiter",
        ),
        # An inviter running or starting a place people gather in.
        (
            "Hi Jo, I co-run the Sheffield Beekeepers Circle and we'd love you to join us "
            "on the 3rd. Kim",
            "organiser",
        ),
        (
            "Bonjour Marc, je co-anime le réseau des aidants de Tournai, nous nous voyons "
            "chaque mois. Vous y seriez le bienvenu. Anne",
            "organiser",
        ),
        # A candidate who names the opening without "apply".
        (
            "Hi Sue, noticed Riverside Dental is looking for a hygienist. I've 5 years in "
            "general practice. Could I send my CV? Jo",
            "candidate",
        ),
        # People who met, in their own words.
        (
            "Hi Dev, great chatting with you by the coffee stand at the Harrogate show. "
            "Cheers, Ali",
            "met",
        ),
        # Former classmates.
        ("Salut Hugo ! Promo 2014 de l'ENSAM aussi, ravi de te retrouver ici. Max", "alumni"),
        ("Hi Kat, fellow Otago grad here, small world! Tom", "alumni"),
    ],
)
def test_the_inviter_is_read_in_their_own_words(note: str, role: str) -> None:
    assert read_note(note).role == role


@pytest.mark.parametrize(
    ("note", "signer"),
    [
        ("Bonjour Awa, je vous invite à rejoindre mon réseau. CordialementSeydou", "Seydou"),
        ("Merci pour votre article.\nBien à vousClaire", "Claire"),
        ("Loved the workshop on dry stone walls. Cheers, Will", "Will"),
    ],
)
def test_a_signer_glued_to_the_sign_off_or_sharing_a_common_word_is_found(
    note: str, signer: str
) -> None:
    assert read_note(note).inviter == signer


@pytest.mark.parametrize(
    ("note", "contact", "not_contact"),
    [
        (
            "Bonjour Anne, c'est Paul Girard de la mairie de Haute-Goulaine qui m'a conseillé "
            "de vous écrire. Merci, Gilles",
            "Paul Girard",
            "Haute-Goulaine",
        ),
        (
            "Hi Sam, Dr. Okafor from the Lagos Heart Foundation gave me your name. Ada",
            "Dr. Okafor",
            "Foundation",
        ),
        (
            "Hi Liam, Grace Hill at Northgate Foods passed on your details. Cheers, Ben",
            "Grace Hill",
            "Northgate",
        ),
    ],
)
def test_the_mutual_contact_is_the_person_not_their_organisation(
    note: str, contact: str, not_contact: str
) -> None:
    mutual = [ref.topic for ref in read_note(note).references if ref.kind == "mutual"]
    assert mutual and mutual[0] == contact
    assert not any(not_contact in (topic or "") for topic in mutual)


def test_a_name_found_in_passing_is_not_thanked_as_the_subject() -> None:
    # "Gold Coast" is where the job is, not what the note is about.
    note = (
        "Hi Mia, we need an ICU nurse unit manager for our Gold Coast hospital and your "
        "background looks spot on. Open to a chat? Lee"
    )
    for style in ("long", "short"):
        result = tactful.rewrite(note, style=style)
        assert result.validation.valid
        assert "about Gold Coast" not in result.message
        assert "mentioning Gold Coast" not in result.message


def test_a_date_is_never_the_subject() -> None:
    note = (
        "Hi Raj, we're hosting a breakfast on 14th Feb for port logistics folks. Come along! Tess"
    )
    for style in ("long", "short"):
        message = tactful.rewrite(note, style=style).message
        assert "about 14th Feb" not in message and "mentioning 14th Feb" not in message


def test_a_meet_note_from_a_recruiter_is_never_offered_a_group() -> None:
    note = (
        "Bonjour Inès, mon client cherche sa future directrice financière et votre profil "
        "a retenu mon attention. Seriez-vous disponible pour un appel mardi ? Cordialement, "
        "Ousmane"
    )
    for style in ("long", "short"):
        result = tactful.rewrite(note, style=style)
        assert result.analysis.role == "recruiter"
        assert "groupe" not in result.parts.openness


@pytest.mark.parametrize(
    ("note", "topic"),
    [
        # A date or a frequency ends the topic, which is echoed whole without it.
        (
            "Bonjour Maître, votre intervention sur la gestion des successions le 18 mai m'a "
            "beaucoup apporté. Leila",
            "la gestion des successions",
        ),
        (
            "I've been reading your newsletter on rural bus routes for about a year now. Ruth",
            "rural bus routes",
        ),
    ],
)
def test_a_date_or_a_duration_ends_the_topic(note: str, topic: str) -> None:
    topics = [ref.topic for ref in read_note(note).references if ref.topic]
    assert topics and topics[0] == topic


def test_people_who_crossed_paths_are_not_told_they_never_met() -> None:
    note = "Bonjour, ravi de vous avoir croisé au Salon du Vélo mardi. Paul"
    assert read_note(note).met
    message = tactful.rewrite(note, style="long").message
    assert "pas encore" not in message and "les avoir rencontrées" not in message


def test_a_french_noun_without_its_article_is_not_echoed() -> None:
    # "votre mot sur oncologie" is a mistake no native writer makes; the gender is unknown.
    note = "Bonjour Inès, votre expérience en oncologie pédiatrique m'a marquée. Au plaisir, Léa"
    for style in ("long", "short"):
        message = tactful.rewrite(note, style=style).message
        assert "sur oncologie" not in message and "de oncologie" not in message
        assert "à propos d'oncologie" not in message


@pytest.mark.parametrize(
    ("note", "signer"),
    [
        ("Bonjour, merci pour la formation de mardi.\nLtn Camille Roux\nSDIS 44", "Camille"),
        ("Great sermon on Sunday, thank you. Fr. Declan", "Declan"),
        ("old shiftmate here! Now at a small firm in Galway, would be great to reconnect", None),
    ],
)
def test_a_rank_is_a_title_and_an_adverb_is_no_name(note: str, signer: str | None) -> None:
    assert read_note(note).inviter == signer


def test_an_agency_recruiter_asking_for_a_quick_chat_is_no_seller() -> None:
    note = (
        "Hi Ola, I'm recruiting a site manager on behalf of my client, a builder in Derby. "
        "£55k + van. Would you be open to a quick chat this week? Cheers, Tom – Apex Recruitment"
    )
    reading = read_note(note)
    assert reading.purpose == "recruiting" and reading.role == "recruiter"
    pitch = "We help builders win more tenders. Would you be open to a quick chat? Book a demo."
    assert read_note(pitch).purpose == "selling"  # a pitch with a call to action still is


@pytest.mark.parametrize(
    ("note", "role"),
    [
        (
            "Saw you're hiring a pastry chef! Already sent my app through the website but "
            "wanted to say hi. Happy to come in for a trial shift. Mia",
            "candidate",
        ),
        (
            "salut Paul, cuisinier depuis 8 ans, je cherche une place pour la saison d'été. "
            "si tu connais une brasserie je suis preneur ! Léo",
            "job_seeker",
        ),
        (
            "Good day Sir, I am a civil engineer with 3 years of site experience. Any guidance "
            "or reference from your side would be a great help. Regards, Ravi",
            "job_seeker",
        ),
    ],
)
def test_a_person_asking_for_work_is_not_read_as_a_seller_or_a_recruiter(
    note: str, role: str
) -> None:
    reading = read_note(note)
    assert reading.role == role and reading.purpose != "selling"
    for style in ("long", "short"):
        message = tactful.rewrite(note, style=style).message.lower()
        assert "thinking of me" not in message and "pensé à moi" not in message
