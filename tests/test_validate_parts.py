"""The core checks on the boundary cases the method and issue 2 name, in both languages."""

from __future__ import annotations

import pytest

from tactful.validation import validate


def passed(text: str, check: str, **kw: object) -> bool:
    return validate(text, **kw).checks[check].passed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your note about my talk.",
        "Thank you so much for reaching out, Lee!",
        "I appreciated your note about my article on testing.",
        "It's kind of you to think of me.",
        "Merci pour votre message.",
        "Merci beaucoup pour ton invitation !",
        "C'est gentil d'avoir pensé à moi.",
        "c est gentil d avoir pense a moi",
        "Je te remercie pour ton petit mot 🙂",
        "MERCI POUR TON MESSAGE",
        "Merci d'avoir pris le temps de m'écrire.",
        "Ton message m'a fait plaisir.",
        "Merci de votre invitation.",
    ],
)
def test_appreciation_found(text: str) -> None:
    assert passed(text, "appreciation")


@pytest.mark.parametrize(
    "text",
    [
        "Merci de me rappeler demain.",
        "Merci de ne pas insister.",
        "Merci de ne plus m'envoyer d'invitations.",
        "Merci de bien vouloir retirer votre invitation.",
        "Non merci.",
        "Non, merci. Bonne continuation.",
        "No thanks.",
        "Thanks, but no thanks.",
        "Thanks in advance for understanding.",
        "Merci de votre compréhension.",
        "I decline your invitation.",
        "Hi, I keep LinkedIn for people I've met. See you at the meetup.\n\nThanks,\nSam",
    ],
)
def test_appreciation_look_alikes_fail(text: str) -> None:
    assert not passed(text, "appreciation")


def test_appreciation_evidence_is_the_original_sentence() -> None:
    report = validate("Bonjour,\n\nMerci pour ton message sur le Réseau ! Je décline.")
    assert report.checks["appreciation"].evidence == ["Merci pour ton message sur le Réseau !"]


@pytest.mark.parametrize(
    "text",
    [
        "I keep LinkedIn for people I have met in person or through a group.",
        "My network is reserved for people I know.",
        "I only connect with people I've worked with.",
        "I'm trimming my connections to keep strong ties.",
        "Since we haven't met yet, I'll hold off.",
        "Je garde LinkedIn pour les gens que j'ai rencontrés en personne.",
        "Je privilégie les liens forts.",
        "Mon réseau est réservé aux personnes que je connais.",
        "Mon reseau est reserve aux personnes que je connais.",
        "Comme on ne s'est jamais rencontrés, je préfère attendre.",
        "Je fais le ménage dans mes contacts.",
        "Tu comprendras : j'accepte seulement les personnes croisées en vrai.",
    ],
)
def test_rationale_found(text: str) -> None:
    assert passed(text, "rationale")


@pytest.mark.parametrize(
    "text",
    ["I decline.", "I'll pass, sorry.", "Je refuse.", "Je décline ton invitation.", "Non merci."],
)
def test_bare_refusal_is_not_a_rationale(text: str) -> None:
    assert not passed(text, "rationale")


@pytest.mark.parametrize(
    "text",
    [
        "Let's meet at the next Python Montréal meetup.",
        "Feel free to follow me on Twitter.",
        "Join the Python Montréal group, we meet monthly.",
        "Happy to connect once we've met in person.",
        "What brings you to reach out?",
        "N'hésitez pas à me suivre sur Twitter.",
        "N hesitez pas a me suivre sur Twitter.",
        "Au plaisir de te croiser au prochain 5 à 7.",
        "Rejoins le groupe Python Montréal !",
        "Une fois qu'on se sera rencontrés, avec plaisir.",
        "Dites-moi ce qui vous amène.",
        "I'd gladly continue the conversation in person or in a group.",
        "If you're ever at a PyData event, come find me.",
        "If you attend the ASCO meeting this year, I'd welcome a chat there.",
        "See you around at the meetup maybe.",
        "Mon club de lecture est ouvert à tous, viens quand tu veux.",
    ],
)
def test_openness_found(text: str) -> None:
    assert passed(text, "openness")


@pytest.mark.parametrize(
    "text",
    ["À bientôt !", "Bonne continuation.", "Best,\nSam", "Au plaisir.", "Cheers!", "Best of luck."],
)
def test_signoff_alone_is_not_openness(text: str) -> None:
    assert not passed(text, "openness")


@pytest.mark.parametrize(
    "text",
    [
        "N'hésitez pas à réserver un appel.",
        "Book a call here: calendly.com/sam/intro",
        "I offer a free audit of your funnel.",
        "We help companies ship three times faster.",
        "Seriez-vous intéressé par une démo ?",
        "My course is 20% off this week.",
        "Nos tarifs commencent à 99 € par mois.",
        "Check out my course on leadership.",
        "Would you be interested in a quick 15-minute call?",
        "J'accompagne les PME dans leur transformation digitale.",
        "If your company ever needs a fractional CFO, the first consultation is on me.",
        "I'd love to see if there's a fit with what we do.",
        "Je serais curieux de voir si nous pourrions travailler ensemble.",
        "DM me about pricing for our retainer.",
        "We offer workshops on sales enablement.",
    ],
)
def test_pitch_detected(text: str) -> None:
    assert not passed(text, "no_pitch")


@pytest.mark.parametrize(
    "text",
    [
        "N'hésitez pas à me suivre sur Twitter.",
        "Follow me on Twitter @sam_dev.",
        "Join the Python Montréal group, it's free and open to all.",
        "I keep LinkedIn for people I've met, not for sales pitches.",
        "Je ne vends rien, je garde simplement un petit réseau.",
        "Come say hi at the next meetup!",
        "Le meetup est gratuit et ouvert à tous.",
        "Come to my workshop on accessibility testing next month.",
        "Viens à ma formation sur Excel avancé.",
        "My newsletter on pricing experiments is the best place to follow along.",
        "Thanks for your message about my post on SaaS pricing.",
        "Merci pour ton mot sur mon billet à propos de la prospection B2B.",
        "I host a monthly dev breakfast, drop me a line if you want to come.",
    ],
)
def test_openness_look_alikes_are_not_pitches(text: str) -> None:
    assert passed(text, "no_pitch")


def test_full_decline_in_both_registers_is_valid() -> None:
    tu = (
        "Salut Léa, merci pour ton mot sur ma conférence ! Je garde LinkedIn pour les personnes "
        "rencontrées en vrai ou dans un groupe. Viens me dire bonjour au prochain meetup 🙂"
    )
    vous = (
        "Bonjour, merci pour votre message. Je réserve mon réseau aux personnes que j’ai "
        "rencontrées. N’hésitez pas à venir au prochain atelier du groupe."
    )
    assert validate(tu).valid
    assert validate(vous).valid


@pytest.mark.parametrize(
    "text",
    [
        "See you at the meetup, and happy to send our case studies if you're curious.",
        "On se voit au meetup de jeudi, et je te présenterai notre outil de facturation.",
    ],
)
def test_a_clause_can_open_a_path_in_a_selling_sentence(text: str) -> None:
    """The opening clause counts; the sale in the other clause still fails no_pitch."""
    assert passed(text, "openness")
    assert not passed(text, "no_pitch")


@pytest.mark.parametrize(
    "text",
    [
        "Happy to chat, just grab a slot on my calendar.",
        "Si cela vous intéresse, je peux vous faire parvenir notre offre d'accompagnement.",
    ],
)
def test_a_selling_sentence_without_a_separate_clause_is_not_openness(text: str) -> None:
    assert not passed(text, "openness")


@pytest.mark.parametrize(
    "text",
    [
        "Because we have no shared history yet, I won't accept it.",
        "Comme nous n'avons pas encore d'histoire commune, je ne l'accepte pas.",
        "Comme on n'a pas encore travaillé ensemble, je préfère attendre.",
    ],
)
def test_implicit_rationale_is_a_rationale(text: str) -> None:
    assert passed(text, "rationale")


@pytest.mark.parametrize(
    "text",
    [
        "Je serais ouvert à y revenir une fois que nous nous serons rencontrés.",
        "Si ça te tente, viens jaser au prochain 5 à 7 de la communauté!",
    ],
)
def test_first_person_openness_and_invitations_are_not_pitches(text: str) -> None:
    assert passed(text, "no_pitch")
    assert passed(text, "openness")


@pytest.mark.parametrize(
    "text",
    ["Au plaisir de suivre vos publications.", "Looking forward to following your updates."],
)
def test_following_the_inviters_posts_is_not_openness(text: str) -> None:
    assert not passed(text, "openness")
