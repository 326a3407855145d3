"""Reading the note right (issue 12): who signs, who asks what, what a reply may echo, and
which next step it offers. The examples are written for these tests; the blind sets'
gates are at the end (slow)."""

from __future__ import annotations

import pytest

import tactful
from tactful.pipeline import rewrite_variants
from tactful.reading.analysis import read_note
from tactful.text import fold


def _both(note: str) -> list[tactful.Result]:
    return [tactful.rewrite(note, style=style) for style in ("long", "short")]


@pytest.mark.parametrize(
    ("note", "inviter"),
    [
        (
            "Loved your post on kiln firing. Would be great to connect.\nMaya Cohen\n"
            "Studio Manager\nRedclay Ceramics",
            "Maya",
        ),
        ("Enjoyed your talk on port logistics. All the best, Idris – Harbourline Freight", "Idris"),
        ("Great thread on sourdough starters, saved it. thx! wren", "Wren"),
        (
            "Votre article sur la taille des vignes m'a aidé. Bonne journée, Lucie – Domaine "
            "des Trois Puits",
            "Lucie",
        ),
        ("Merci pour votre conférence sur le bois lamellé. Bàv, Olivier", "Olivier"),
        ("Your piece on rural broadband was spot on. Cheers,Noor\nFibreWest Networks", "Noor"),
    ],
)
def test_the_signer_is_greeted_never_the_company_or_a_sign_off(note: str, inviter: str) -> None:
    for result in _both(note):
        assert result.analysis.inviter == inviter
        head = result.message.split("\n", 1)[0] if result.style == "long" else result.message
        assert inviter in head


def test_a_candidate_is_not_thanked_as_a_recruiter_nor_asked_for_the_role() -> None:
    note = (
        "Hi Priya, I applied last week for the warehouse supervisor position you posted and "
        "would love to be considered. I ran night shifts at a cold-storage site for 4 years. "
        "Best, Tomasz"
    )
    assert read_note(note).role == "candidate"
    for result in _both(note):
        text = fold(result.message)
        assert "thinking of me" not in text and "considering my profile" not in text
        assert "details of the role" not in text and "role details" not in text


def test_a_congratulation_is_thanked_as_such() -> None:
    note = "Congratulations on making head chef at Le Comptoir, so well deserved! — Hana"
    for result in _both(note):
        assert "congratulations" in fold(result.parts.appreciation)
        assert "role" not in fold(result.parts.appreciation)


def test_a_named_mutual_contact_is_the_next_step() -> None:
    note = (
        "Hello, Gemma Pike suggested I get in touch as we both work on coastal flood "
        "modelling. Kind regards, Oskar"
    )
    for result in _both(note):
        # The short reply, which thanked "Gemma Pike" in its first sentence, says "Gemma".
        assert "Gemma" in result.parts.openness


@pytest.mark.parametrize(
    ("note", "words"),
    [
        (
            "Hi Jo, fellow ceramicist here in Bristol. Loved your glaze tests. Fancy a coffee "
            "sometime? Mia",
            "coffee",
        ),
        (
            "Bonjour Claire, je travaille aussi dans la logistique à Lyon. Un café un de ces "
            "jours pour parler de nos pratiques ? Marc",
            "café",
        ),
    ],
)
def test_the_meeting_the_note_proposes_can_come_first(note: str, words: str) -> None:
    results = rewrite_variants(note, 3, style="short", engine="offline")
    assert any(words in r.parts.openness for r in results), [r.parts.openness for r in results]


def test_a_note_that_asks_is_not_asked_what_brings_them() -> None:
    note = (
        "Hi Sam, could I ask you two questions about moving from nursing into health data "
        "analysis? Thanks, Ade"
    )
    for result in _both(note):
        text = fold(result.parts.openness)
        assert "what brings you" not in text and "what you have in mind" not in text


@pytest.mark.parametrize(
    ("note", "words"),
    [
        (
            "Hey Lena, your thread on restoring old sash windows was gold. I'm a joiner in "
            "Leeds and would love to follow along with your builds. Cheers, Tom",
            "follow",
        ),
        (
            "Bonjour Hugo, j'ai adoré ton reportage sur les vitraux de Chartres. Je suis "
            "verrière amateur et j'aimerais bien suivre ton travail ! Inès",
            "suivre",
        ),
    ],
)
def test_a_note_that_asks_to_follow_is_offered_that_first(note: str, words: str) -> None:
    for result in _both(note):
        assert words in fold(result.parts.openness), result.message


@pytest.mark.parametrize(
    "note",
    [
        "Hi Ravi, I run the bakery two doors down from your clinic. I'll drop by next week "
        "to say hello properly! Meg",
        "Salut Chloé, on a fait connaissance au marché de Noël de Colmar. On se recroise "
        "à Strasbourg en janvier ? Paul",
    ],
)
def test_a_proposed_visit_is_taken_up_and_not_asked_about(note: str) -> None:
    for result in _both(note):
        assert result.analysis.meeting == "visit" and result.analysis.asks
        text = fold(result.parts.openness)
        assert "in person" in text or "en personne" in text, result.message
        assert "what brings you" not in text and "ce qui t'amene" not in text


def test_a_town_is_not_echoed_as_the_subject() -> None:
    note = "Hi, I'm a joiner based in Dundee and always keen to meet others in the trade. Rab"
    for result in _both(note):
        assert "Dundee" not in result.message


def test_variants_offer_different_next_steps_where_several_fit() -> None:
    note = (
        "Hi Lena, your blog post on vineyard sensors was excellent and I would love to "
        "follow your work. Are you in the Agritech Growers group too? - Carl"
    )
    results = rewrite_variants(note, 3, style="short", engine="offline")
    assert len({r.parts.openness for r in results}) == 3
    assert len({("Agritech" in r.parts.openness) for r in results}) == 2


def test_french_contracts_before_a_filled_slot() -> None:
    note = (
        "Bonjour, on s'est rencontrés au salon Batimat et j'ai aimé notre échange sur la "
        "rénovation. Cordialement, Paul"
    )
    for result in _both(note):
        assert "à le " not in result.message and "de le " not in result.message


@pytest.mark.slow
def test_blind_reading_sets_gates() -> None:
    """The three blind reading rounds together (220 notes per language): replies to
    different people rarely share both their rationale and openness, signers are found,
    companies never greeted, genuine notes are not taken for sales, and --variants differ
    where several next steps fit."""
    from tactful.evals import reading
    from tactful.resources import shipped_dir

    root = shipped_dir("evals") / "rewrite"
    cases = [c for name in ("", "2", "3") for c in reading.load(root / f"reading{name}.jsonl")]
    assert len(cases) == 440
    tallies = reading.measure(cases)
    detail = "\n".join(line for t in tallies.values() for line in t.failures)
    for (lang, style), tally in tallies.items():
        assert tally.notes == 220
        assert tally.same / tally.notes <= 0.10, (lang, style, tally.same)
        assert tally.inviter_ok / tally.notes >= 0.97, detail
        assert tally.company_greeted == 0, detail
        assert tally.slips <= 4, detail
        # The selling detector learns from these notes (training/selling/authors5_*): a
        # guard against a retrain that takes colleagues and recruiters for sellers again.
        assert tally.sold / tally.genuine <= 0.03, detail
        if style == "short":
            assert tally.vary_ok / tally.vary_n >= 0.9, detail


def test_the_judge_catches_a_sentence_in_another_language() -> None:
    """Issue 14: a reply in the right language may still switch language mid-way."""
    mixed = (
        "Bonjour Léa, merci pour votre message sur mon article. Je réserve LinkedIn aux "
        "personnes que je connais bien, donc je décline pour l'instant. Thanks again for "
        "reaching out, and let's meet at a conference sometime."
    )
    check = tactful.validate(mixed, lang="fr").checks["language"]
    assert not check.passed
    assert any("Thanks again" in span for span in check.spans)
    named = (
        "Bonjour Léa, merci pour votre message sur mon article. Je réserve LinkedIn aux "
        "personnes que je connais bien, mais retrouvons-nous au Python Montréal meetup."
    )
    assert tactful.validate(named, lang="fr").checks["language"].passed


def test_channels_described_in_another_language_keep_only_their_names() -> None:
    from tactful.profile import Profile

    note = "Bonjour, j'ai lu votre article sur le compostage, très utile. Au plaisir, Julie"
    profile = Profile(channels=["the Python Montréal group", "my newsletter on data engineering"])
    for style in ("long", "short"):
        result = tactful.rewrite(note, style=style, profile=profile)
        assert "Python Montréal" in result.message
        assert "the Python" not in result.message and "newsletter on" not in result.message
        assert result.validation.checks["language"].passed
