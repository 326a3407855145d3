"""Context checks (style, language, invitation, names) and the always-on ones."""

from __future__ import annotations

import pytest

from tactful.errors import UsageError
from tactful.resources import languages, load_toml
from tactful.validation import CORE_CHECKS, validate
from tactful.validation.lexicon import lexicon

SHORT_EN = (
    "Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I've met, so let's "
    "meet at the next meetup first!"
)
SHORT_FR = (
    "Bonjour Léa,\nmerci pour ton mot sur ma conférence ! Je garde LinkedIn pour les personnes "
    "rencontrées, alors viens me saluer au prochain meetup."
)


def test_core_checks_always_present_and_context_checks_only_with_context() -> None:
    bare = validate(SHORT_EN)
    assert set(CORE_CHECKS) <= set(bare.checks)
    assert {"placeholders", "contact_details"} <= set(bare.checks)
    assert not {"short_form", "long_form", "language", "grounded_thanks"} & set(bare.checks)


@pytest.mark.parametrize("text", [SHORT_EN, SHORT_FR])
def test_short_form_counts_greeting_with_first_sentence(text: str) -> None:
    assert validate(text, style="short").checks["short_form"].passed


def test_short_form_ignores_greeting_line_and_signature() -> None:
    text = (
        "Hi Lee,\n\nThanks for the note. I keep LinkedIn for people I've met; "
        "see you at PyCon?\n\nBest,\nSam"
    )
    assert validate(text, style="short").checks["short_form"].passed


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the note. I keep LinkedIn for people I've met. See you at PyCon?",
        "Thanks for the note, I keep LinkedIn for people I've met and see you at PyCon.",
        "Thanks for the note. "
        + "I keep LinkedIn for people I've met in person, " * 7
        + "see you.",
    ],
)
def test_short_form_fails_on_count_or_length(text: str) -> None:
    assert not validate(text, style="short").checks["short_form"].passed


def test_long_form_needs_greeting_and_size() -> None:
    body = "Thanks for the note. I keep LinkedIn for people I've met. See you at PyCon?"
    assert validate("Hello Lee,\n\n" + body, style="long").checks["long_form"].passed
    assert not validate(body, style="long").checks["long_form"].passed
    assert not validate("Hello,\n\n" + body * 20, style="long").checks["long_form"].passed


def test_language_check_compares_with_invitation() -> None:
    report = validate(SHORT_EN, invitation="Bonjour, j'ai adoré votre conférence sur les tests.")
    assert not report.checks["language"].passed
    assert not report.valid
    assert validate(SHORT_EN, lang="en").checks["language"].passed


@pytest.mark.parametrize("text", ["Hi [Name], thanks!", "Bonjour {prenom},", "Dear <first name>,"])
def test_placeholders_fail(text: str) -> None:
    report = validate(text + " " + SHORT_EN)
    assert not report.checks["placeholders"].passed


def test_contact_details_allow_own_channels_only() -> None:
    text = SHORT_EN + " Write to sam@sam.dev or read https://sam.dev/blog/post-1."
    report = validate(text)
    assert report.checks["contact_details"].evidence == [
        "sam@sam.dev",
        "https://sam.dev/blog/post-1",
    ]
    ok = validate(text, own_channels=["sam@sam.dev", "https://sam.dev/blog", "Twitter @sam_dev"])
    assert ok.checks["contact_details"].passed
    phone = validate(SHORT_EN + " Call me at +1 514 555 0199.")
    assert phone.checks["contact_details"].evidence == ["+1 514 555 0199"]
    assert validate(SHORT_EN + " See you in 2024-2025.").checks["contact_details"].passed


def test_foreign_link_invalidates_once_the_invitation_is_known() -> None:
    text = SHORT_EN + " Details at https://bit.ly/3xYz."
    bare = validate(text)
    assert bare.checks["contact_details"].severity == "warning" and bare.valid
    answered = validate(text, invitation="Great post! See https://bit.ly/3xYz - Mark")
    assert answered.checks["contact_details"].severity == "error"
    assert not answered.valid
    assert validate(text, own_channels=["Twitter @sam_dev"]).valid is False


@pytest.mark.parametrize(
    "invitation",
    [
        "",
        "Hi Sam, I'd like to add you to my professional network. - Lee",
        "Bonjour, j'aimerais vous ajouter à mon réseau professionnel.",
    ],
)
def test_grounded_thanks_refuses_thanks_for_a_personal_note_on_stock_invitations(
    invitation: str,
) -> None:
    reply = "Thanks for your personal note! I keep LinkedIn for people I've met. See you at PyCon?"
    assert not validate(reply, invitation=invitation).checks["grounded_thanks"].passed
    plain = "Thanks for the invitation! I keep LinkedIn for people I've met. See you at PyCon?"
    assert validate(plain, invitation=invitation).checks["grounded_thanks"].passed


def test_grounded_thanks_accepts_personal_thanks_for_a_personal_note() -> None:
    reply = "Thanks for your personal note! I keep LinkedIn for people I've met. See you at PyCon?"
    note = (
        "Hi Sam, I loved your talk on legacy code at PyCon and would like to stay in touch. - Lee"
    )
    assert validate(reply, invitation=note).checks["grounded_thanks"].passed


def test_invented_names_are_a_warning() -> None:
    note = "Hi Sam, I loved your talk on legacy code. - Lee"
    reply = (
        "Hi Priya, thanks for the note! I keep LinkedIn for people I've met. "
        "See you at PyCon?\n\nSam"
    )
    report = validate(reply, invitation=note, known_names=["Sam Roy"])
    check = report.checks["invented_names"]
    assert (check.passed, check.severity, check.evidence) == (False, "warning", ["Priya"])
    assert report.valid  # a warning does not make the reply invalid
    fine = validate(reply.replace("Priya", "Lee"), invitation=note, known_names=["Sam Roy"])
    assert fine.checks["invented_names"].passed


def test_register_follows_the_inviter() -> None:
    note = "Salut Sam, j'ai adoré ton article ! Marc"
    vous = (
        "Bonjour Marc, merci pour votre message. Je garde LinkedIn pour les gens rencontrés. "
        "Au plaisir de vous croiser au meetup."
    )
    assert not validate(vous, invitation=note).checks["register"].passed
    assert validate(SHORT_FR, invitation=note).checks["register"].passed


def test_register_sees_elided_tu() -> None:
    note = "Ravie de t'avoir croisée au salon, on reste en contact ? Léa"
    assert validate(SHORT_FR, invitation=note).checks["register"].passed


def test_a_lowercase_signature_is_a_known_name() -> None:
    note = "Hi, I read your newsletter on design every week.\n- jen"
    reply = "Hi Jen, thanks for the note! I keep LinkedIn for people I've met. See you at PyCon?"
    assert validate(reply, invitation=note).checks["invented_names"].passed


def test_good_day_is_a_greeting() -> None:
    reply = (
        "Good day Martin,\n\nThanks for the note about my podcast. I keep LinkedIn for people "
        "I've met in person.\n\nIf our paths cross at a conference, let's talk then.\n\nBest,\nAl"
    )
    assert validate(reply, style="long").checks["long_form"].passed


def test_unknown_language_or_style_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        validate("hello", lang="de")
    with pytest.raises(UsageError):
        validate("hello", style="medium")


@pytest.mark.parametrize("lang", languages())
def test_every_language_has_complete_validator_data(lang: str) -> None:
    data = load_toml(f"{lang}/validator.toml")
    for section in ("appreciation", "rationale", "openness", "no_pitch"):
        assert data[section]["cues"], f"{lang}: {section} has no cues"
    assert lexicon(lang).short_greeting.pattern
