"""`tactful triage` through the CLI: every kind and action, both languages, follow-ups, policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.triage import triage_note
from tests.helpers import run_cli


def triage(*args: str, stdin: bytes | None = None) -> dict[str, object]:
    result = run_cli("triage", "--json", *args, stdin=stdin)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


NOTES = [
    # (note, kind, action)
    (
        "Hi Nadia, your post on design ops stood out. We help agencies cut delivery costs by 30% "
        "with our platform. Free for a 15-min demo this week?",
        "sales",
        "decline",
    ),
    (
        "Bonjour Nadia, j'ai adoré votre dernière publication ! Notre cabinet aide les PME à "
        "réduire leurs coûts de 20 %. Puis-je vous présenter notre offre ?",
        "sales",
        "decline",
    ),
    ("Hi Nadia, I'd like to join your LinkedIn network.", "stock", "ask"),
    ("Bonjour Nadia, je souhaiterais vous ajouter à mon réseau professionnel.", "stock", "ask"),
    (
        "Hi Nadia, your article on flaky tests saved my team a week. Thanks for writing it! Omar",
        "content",
        "decline",
    ),
    (
        "Bonjour Nadia, j'ai écouté votre podcast sur la sobriété numérique, très juste. Lina",
        "content",
        "decline",
    ),
    (
        "Hi Nadia, we met at the Data Council conference in Austin. Great chat about dbt! Raj",
        "event",
        "decline",
    ),
    (
        "Bonjour Nadia, on s'est croisées lors du salon RH de Lyon mardi. Au plaisir ! Julie",
        "event",
        "decline",
    ),
    (
        "Hi Nadia, we're both members of the Ladies that UX group in Leeds. Amy",
        "group",
        "decline",
    ),
    (
        "Bonjour Nadia, nous sommes tous deux membres de l'association des diplômés de l'ETS. Luc",
        "group",
        "decline",
    ),
    (
        "Hi Nadia, Priya Raman suggested I reach out about accessibility audits. Ben",
        "mutual",
        "decline",
    ),
    (
        "Bonjour Nadia, Marc Tremblay m'a suggéré de vous contacter. Au plaisir, Léa",
        "mutual",
        "decline",
    ),
    (
        "Hi Nadia, I'm a recruiter at Shopify and we're hiring a Staff Designer in Toronto. "
        "Open to a call next week?",
        "recruiter",
        "meet",
    ),
    (
        "Bonjour Nadia, chasseuse de têtes dans le retail, j'aimerais garder le contact. Anne",
        "recruiter",
        "decline",
    ),
    (
        "Hi Nadia, I'm a design student at OCAD and would love any advice on portfolio "
        "reviews. Kim",
        "advice",
        "decline",
    ),
    (
        "Bonjour Nadia, je suis étudiante en UX et je cherche un stage cet été. Auriez-vous "
        "quelques conseils ? Inès",
        "advice",
        "meet",
    ),
    (
        "Hi Nadia, we're organising a panel on inclusive design in May and would love to have "
        "you as a speaker. Tom",
        "collaboration",
        "meet",
    ),
    (
        "Bonjour Nadia, nous organisons une table ronde sur l'accessibilité en juin et aimerions "
        "vous inviter comme intervenante. Chloé",
        "collaboration",
        "meet",
    ),
    (
        "Hi Nadia, I'm a product designer in Lisbon, mostly on fintech apps. Hugo",
        "other",
        "ask",
    ),
    ("Bonjour Nadia, ingénieure logicielle à Nantes, passionnée de voile. Maude", "other", "ask"),
]


@pytest.mark.parametrize(("note", "kind", "action"), NOTES)
def test_every_kind_and_action_in_both_languages(note: str, kind: str, action: str) -> None:
    data = triage(note)
    assert (data["kind"], data["action"]) == (kind, action), data["reason"]
    assert isinstance(data["reason"], str) and data["reason"].endswith(".")


def test_a_compliment_opening_a_pitch_is_sales_never_meet_and_says_why() -> None:
    data = triage(
        "Hi Nadia, loved your keynote! We help SaaS teams double their pipeline with outbound. "
        "We're looking for design partners this month - open to a chat next week?"
    )
    assert (data["kind"], data["action"]) == ("sales", "decline")
    assert "compliment" in str(data["reason"])
    kinds = {s["kind"] for s in data["signals"]}  # type: ignore[attr-defined]
    assert {"compliment", "claim"} <= kinds


def test_the_greeting_names_the_user_and_is_not_personalisation() -> None:
    data = triage("Hi Sofia, I'd like to connect with you.")
    assert data["kind"] == "stock"
    assert data["recipient"] == "Sofia"
    assert {"kind": "greeting", "evidence": "Hi Sofia"} in data["signals"]  # type: ignore[operator]


def test_evidence_is_the_inviters_own_words() -> None:
    data = triage("Bonjour Élodie, j'ai lu votre article sur le télétravail. Paul")
    assert data["kind"] == "content"
    evidence = [s["evidence"] for s in data["signals"]]  # type: ignore[attr-defined]
    assert any("votre article" in e for e in evidence)
    assert "Élodie" in data["recipient"]  # type: ignore[operator]


@pytest.mark.parametrize("stdin", [b"", b"  \n", "👋🙂".encode()])
def test_an_empty_or_wordless_note_is_stock(stdin: bytes) -> None:
    data = triage("-", stdin=stdin)
    assert (data["kind"], data["action"]) == ("stock", "ask")


def test_stdin_and_plain_output() -> None:
    result = run_cli("triage", stdin=b"Hi Sofia, I'd like to join your LinkedIn network.")
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["kind: stock", "action: ask"]
    assert lines[2].startswith("reason: ")
    assert '  greeting: "Hi Sofia" (names you, not the inviter)' in lines


FOLLOWUPS = [
    (
        "Now that I have your attention, here is more about my agency: we build apps in 4 weeks. "
        "www.fastapps.io",
        "pitch",
        "ignore",
    ),
    (
        "Maintenant que j'ai votre attention, voici nos services : audit SEO gratuit ce mois-ci.",
        "pitch",
        "ignore",
    ),
    (
        "I completely respect your choice. I'm looking for people in your field for a study on "
        "onboarding; could we meet for coffee next week?",
        "genuine",
        "meet",
    ),
    (
        "Je respecte tout à fait votre choix. Je cherche des personnes de votre domaine pour une "
        "étude ; un café la semaine prochaine ?",
        "genuine",
        "meet",
    ),
    ("Thanks for the kind words, have a lovely week!", "other", "reply"),
    ("Merci pour votre réponse, bonne journée !", "other", "reply"),
]


@pytest.mark.parametrize(("text", "kind", "action"), FOLLOWUPS)
def test_followups_tell_the_methods_two_answers_apart(text: str, kind: str, action: str) -> None:
    data = triage("--followup", text)
    assert (data["kind"], data["action"]) == (kind, action), data["reason"]


def test_an_empty_followup_is_refused() -> None:
    result = run_cli("triage", "--followup", "-", stdin=b"")
    assert result.code == 2
    assert result.stderr.startswith("Error:") and "empty" in result.stderr


def _profile(tmp_path: Path, body: str) -> str:
    path = tmp_path / "profile.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


RECRUITER = (
    "Hi Nadia, I'm a recruiter at Shopify and we're hiring a Staff Designer in Toronto. "
    "Open to a call next week?"
)


def test_the_profile_changes_the_policy(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        'name = "Nadia"\n[triage]\nstock_action = "decline"\nnever_meet = ["recruiter"]\n',
    )
    stock = triage("--profile", profile, "Hi Nadia, I'd like to join your LinkedIn network.")
    assert (stock["kind"], stock["action"]) == ("stock", "decline")
    recruiter = triage("--profile", profile, RECRUITER)
    assert (recruiter["kind"], recruiter["action"]) == ("recruiter", "decline")
    assert triage(RECRUITER)["action"] == "meet"


def test_meet_kinds_limits_meetings(tmp_path: Path) -> None:
    profile = _profile(tmp_path, '[triage]\nmeet_kinds = ["collaboration"]\n')
    assert triage("--profile", profile, RECRUITER)["action"] == "decline"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('[triage]\nmeet_kinds = ["sales"]\n', "never met"),
        ('[triage]\nstock_action = "maybe"\n', "stock_action"),
        ("[triage]\nunknown = 1\n", "unknown"),
        ("[triage\n", "not valid TOML"),
    ],
)
def test_a_bad_policy_is_one_line_exit_2(tmp_path: Path, body: str, words: str) -> None:
    result = run_cli("triage", "--profile", _profile(tmp_path, body), "Hi, let's connect.")
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error:") and words in result.stderr


def test_bad_language_and_unknown_language_exit_2() -> None:
    assert run_cli("triage", "--lang", "de", "Hallo").code == 2
    result = run_cli("triage", "Hola, me gustaría agregarte a mi red profesional.")
    assert result.code == 2 and "--lang" in result.stderr


def test_a_built_product_offered_to_a_stranger_is_sales_in_both_languages() -> None:
    # "We've built X that ..." plus an offer of access or a demo is prospecting.
    en = triage_note(
        "Hi Dana, loved your post on hiring. We've built an AI screener that shortlists "
        "candidates overnight; happy to give you early access if you're curious!"
    )
    fr = triage_note(
        "Bonjour Paul, bravo pour votre article. Nous avons développé un outil qui automatise "
        "la paie des PME : une démo de 15 minutes vous tenterait ?"
    )
    assert (en.kind, fr.kind) == ("sales", "sales")
    assert "meet" not in (en.action, fr.action)


def test_a_product_benefit_or_a_sponsorship_request_is_sales() -> None:
    en = triage_note(
        "Hi Lin, congrats on the promotion! Most CTOs in your role are rethinking their "
        "on-call setup. Happy to show you how Pagerly saves engineering teams 5 hours a week."
    )
    fr = triage_note(
        "Salut Inès ! Je lance ma chaîne YouTube sur la finance perso et je cherche des "
        "sponsors, ça pourrait t'intéresser ?"
    )
    honest = triage_note(
        "Hi Lin, many managers like you inspired me to study HR. Could I ask you one "
        "question about your path? Thanks, Tim"
    )
    assert (en.kind, fr.kind) == ("sales", "sales")
    assert honest.kind != "sales"


def test_side_income_and_partner_sponsored_events_are_sales() -> None:
    mlm = triage_note(
        "Hey Nadia! I've built a side hustle from my kitchen table and I'm sharing it with a few "
        "positive people. Curious?"
    )
    dinner = triage_note(
        "Bonjour Paul, un petit-déjeuner entre DRH est sponsorisé par notre partenaire Paysoft "
        "le 4 avril. Je vous garde une place ?"
    )
    assert (mlm.kind, dinner.kind) == ("sales", "sales")
    assert "meet" not in (mlm.action, dinner.action)


def test_a_date_alone_is_no_current_need() -> None:
    # Looking back ("this week") is no request; a date with time asked of the user is.
    past = triage_note("Hi Nadia, your essay on code review did the rounds at work this week. Al")
    asked = triage_note(
        "Hi Nadia, I'm a third-year dentistry student with a placement interview next Monday. "
        "Could I ask you 10 minutes about it? Al"
    )
    assert (past.kind, past.action) == ("content", "decline")
    assert (asked.kind, asked.action) == ("advice", "meet")
