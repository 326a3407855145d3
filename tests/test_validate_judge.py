"""The validator as a model's judge: it keeps good drafts and says exactly why it rejects a bad one.

Each test is a behaviour a user of the model path relies on: a good draft written with a
semicolon, an echo of the note or an opening put as a question is kept; a draft that greets
the user, invents a talk or hides an offer is caught; a re-ask tells the model what to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.cli import main
from tactful.evals.drafts import DraftRow, drafts_misses, evaluate_drafts
from tactful.text import sentences
from tactful.validation import validate

NOTE = "Hi Dana,\nloved your talk on SRE at the meetup. Would be great to connect!\n– Marcus"
LONG = (
    "Hi {name},\n\nThanks for the kind words about my talk on SRE.\n\n"
    "I keep LinkedIn for people I have met in person or in a group, and we have not met yet.\n\n"
    "Come say hi at the next meetup!\n\nBest,\nDana"
)


def test_a_semicolon_or_a_colon_joins_clauses_of_one_sentence() -> None:
    reply = (
        "Thank you for thinking of me; I keep LinkedIn for people I've met, so I'll decline for "
        "now. Tell me what brings you: I read every message."
    )
    assert len(sentences(reply)) == 2
    assert validate(reply, lang="en", style="short").checks["short_form"].passed
    assert sentences("Merci… Je garde LinkedIn petit.") == ["Merci…", "Je garde LinkedIn petit."]


def test_greeting_the_user_instead_of_the_inviter_is_an_error() -> None:
    wrong = validate(LONG.format(name="Dana"), style="long", invitation=NOTE)
    assert not wrong.valid and wrong.checks["greeting"].spans == ["Dana"]
    assert validate(LONG.format(name="Marcus"), style="long", invitation=NOTE).valid
    formal = "Madame Rousseau, j'ai lu votre tribune sur l'énergie. Paul Martin"
    reply = (
        "Madame Rousseau,\n\nMerci pour votre message sur ma tribune.\n\nJe réserve LinkedIn aux "
        "personnes rencontrées en personne.\n\nAu plaisir de vous croiser au prochain colloque.\n\n"
        "Claire"
    )
    assert not validate(reply, style="long", invitation=formal).checks["greeting"].passed


def test_thanks_for_something_the_note_never_mentions_is_an_error() -> None:
    note = "Hi Sam, saw your post about flaky tests, great stuff. Would love to connect! - Ana"
    rationale = " I keep LinkedIn for people I have met, but come say hi at the next meetup."
    good = validate(
        "Thanks Ana, glad my post about flaky tests helped!" + rationale, invitation=note
    )
    assert good.valid
    invented = validate(
        "Thanks for the kind words about my talk at PyCon, Ana!" + rationale, invitation=note
    )
    check = invented.checks["grounded_thanks"]
    assert not invented.valid and check.spans == ["my talk"] and check.fix
    # An event named in the openness is a proposal, not something thanked for.
    proposal = (
        "Thanks for the note, Ana; I keep LinkedIn for people I have met. "
        "Say hello if we end up at the same event!"
    )
    assert validate(proposal, invitation=note).valid


def test_a_stock_line_or_a_bare_greeting_thanked_as_personal_is_an_error() -> None:
    reply = (
        "Thanks for your thoughtful personal note! "
        "I only add people I've met, so let's meet at an event first."
    )
    for note in ("Hi", "I'd like to join your LinkedIn network.", "Coucou !"):
        assert not validate(reply, lang="en", invitation=note).checks["grounded_thanks"].passed
    french = (
        "Merci pour votre message personnalisé ; je garde LinkedIn pour les gens rencontrés, "
        "croisons-nous au prochain 5 à 7."
    )
    note = (
        "Bonjour Luc, j'aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn. "
        "Amélie"
    )
    assert not validate(french, invitation=note).checks["grounded_thanks"].passed


def test_words_echoed_from_the_note_are_not_a_pitch_but_the_repliers_offer_is() -> None:
    note = "Hi Sam, your thread on testing on a budget saved our team. Would love to connect! - Ana"
    echo = (
        "Thanks Ana, glad my thread on testing on a budget helped! I keep LinkedIn for people I "
        "have met, but come say hi at the next meetup."
    )
    assert validate(echo, invitation=note).checks["no_pitch"].passed
    offer = (
        "Thanks Ana! I keep LinkedIn for people I have met; if your team needs help with "
        "testing, my agency offers audits."
    )
    pitch = validate(offer, invitation=note).checks["no_pitch"]
    assert not pitch.passed and "my agency offers" in pitch.spans


def test_the_rationales_policy_is_not_an_opening() -> None:
    no_opening = (
        "Bonjour Julien,\n\nMerci pour votre message et vos mots sur ma conférence.\n\n"
        "Je réserve LinkedIn aux personnes que j'ai rencontrées en personne ou avec qui j'ai "
        "échangé dans un groupe ; je décline donc pour le moment.\n\nAu plaisir d'échanger,\nMarie"
    )
    assert not validate(no_opening, lang="fr", style="long").checks["openness"].passed
    question = (
        "Thanks for reaching out about the role. I keep LinkedIn for people I've met, so I'll "
        "decline; what specific idea did you have in mind?"
    )
    assert validate(question, lang="en", style="short").checks["openness"].passed


def test_a_call_proposed_is_an_opening_and_a_call_to_book_is_a_pitch() -> None:
    base = "Thanks for the kind note, Lee. I keep LinkedIn for people I've met, so I'll decline. "
    assert validate(base + "I'd be happy to have a short phone call sometime.", lang="en").valid
    booked = validate(base + "Book a quick call on my calendar.", lang="en")
    assert not booked.checks["no_pitch"].passed


def test_a_finding_quotes_the_words_and_says_how_to_fix_them() -> None:
    reply = "Hi Lee, thanks; I keep LinkedIn for people I've met. Book a call at 20% off!"
    report = validate(reply, lang="en", style="short", invitation="Hi Sam, nice talk. - Lee")
    line = next(f for f in report.findings() if f.startswith("no_pitch"))
    assert "«Book a call»" in line and "Fix:" in line and "\n" not in line
    assert all("warning" not in f for f in report.findings())
    missing = next(f for f in report.findings() if f.startswith("openness"))
    assert "looked for" in missing


def rows(*specs: tuple[str, str, str | None]) -> list[DraftRow]:
    return [
        DraftRow(
            id=f"r{i}", lang="en", style="long", invitation=NOTE, text=text, kind=kind,  # type: ignore[arg-type]
            defect=defect,
        )
        for i, (text, kind, defect) in enumerate(specs)
    ]  # fmt: skip


def test_drafts_eval_counts_false_rejections_and_catches_per_defect() -> None:
    result = evaluate_drafts(
        rows(
            (LONG.format(name="Marcus"), "good", None),
            (LONG.format(name="Dana"), "good", None),  # labelled good, but greets the user
            (LONG.format(name="Dana"), "defect", "recipient_greeted"),
            (LONG.format(name="Marcus"), "defect", "offer"),  # a defect the judge misses
        )
    )
    assert result.false_rejection_rate == 0.5 and result.catch_rate == 0.5
    assert result.caught_by_defect["recipient_greeted"].rate == 1.0
    assert result.caught_by_defect["offer"].rate == 0.0
    assert {v.id for v in result.wrong} == {"r1", "r3"}
    assert drafts_misses(result) == [
        "false rejection rate 0.500 > 0.03",
        "catch rate 0.500 < 0.95",
    ]


@pytest.mark.slow
def test_eval_validator_gates_on_the_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "drafts.jsonl"
    row = {"id": "x", "lang": "en", "style": "long", "invitation": NOTE, "kind": "good"}
    path.write_text(json.dumps({**row, "text": LONG.format(name="Dana")}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as code:
        main(["eval", "validator", "--drafts", str(path)])
    assert code.value.code == 1
    out = capsys.readouterr()
    assert "false rejection rate 1.000 > 0.03" in out.err and "x:rejected(greeting)" in out.out
    path.write_text(
        json.dumps({**row, "text": LONG.format(name="Marcus")}) + "\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit) as code:
        main(["eval", "validator", "--drafts", str(path)])
    assert code.value.code == 0


@pytest.mark.slow
def test_the_shipped_draft_sets_pass_the_ci_gate() -> None:
    from tactful.evals.drafts import default_drafts_dir, load_draft_rows

    files = sorted(default_drafts_dir().glob("*.jsonl"))
    assert len(files) >= 3
    result = evaluate_drafts(row for f in files for row in load_draft_rows(f))
    assert result.accepted["all"].total >= 150 and result.caught["all"].total >= 150
    assert drafts_misses(result) == [], [v.id for v in result.wrong]
