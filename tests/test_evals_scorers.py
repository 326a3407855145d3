"""Scorers are pure: each assertion type on replies that must pass and replies that must fail."""

from __future__ import annotations

from typing import Any

from tactful.evals.cases import Assertion, Case
from tactful.evals.scorers import Sample, score
from tactful.validation.report import Check, Report


def sample(message: str, report: Report | None = None, **case_fields: Any) -> Sample:
    fields: dict[str, Any] = {
        "id": "c",
        "category": "content",
        "lang": "fr",
        "description": "",
        "invitation": "Bonjour, j'ai lu votre article. Julien",
        **case_fields,
    }
    return Sample(case=Case.model_validate(fields), style="short", message=message, report=report)


def check(kind: str, message: str, value: Any = None, **case_fields: Any) -> bool:
    return score(Assertion(type=kind, value=value), sample(message, **case_fields)).passed  # type: ignore[arg-type]


def test_mentions_any_ignores_case_and_accents_but_respects_word_edges() -> None:
    assert check("mentions_any", "Merci pour vos mots sur le Télétravail.", ["teletravail"])
    assert check("mentions_any", "We met at Python Montreal.", ["Python Montréal"])
    assert not check("mentions_any", "I write HTML every day.", ["ML"])
    assert check("mentions_any", "Good luck with ML!", ["ML", "machine learning"])


def test_not_contains_reports_what_it_found_and_scores_partially() -> None:
    result = score(
        Assertion(type="not_contains", value=["calendly", "40%", "audit"]),
        sample("Book at calendly.com, 40% off."),
    )
    assert not result.passed
    assert "calendly" in result.reason and "40%" in result.reason
    assert abs(result.score - 1 / 3) < 1e-9
    assert check("not_contains", "Merci pour votre message.", ["vous"]) is True


def test_tu_register_is_expressible_with_word_lists() -> None:
    assert check("mentions_any", "Merci, je t'ai lu avec plaisir.", ["tu", "te", "t'"])
    assert not check("mentions_any", "C'est gentil, c'est noté.", ["tu", "te", "t'"])


def test_inviter_named_uses_the_case_inviter_by_default() -> None:
    assert check("inviter_named", "Bonjour Marie-Ève, merci.", inviter="Marie-Ève")
    assert check("inviter_named", "Bonjour Marie-Eve, merci.", inviter="Marie-Ève")
    assert not check("inviter_named", "Bonjour, merci.", inviter="Julien")
    assert not check("inviter_named", "Bonjour Julienne.", inviter="Julien")


def test_sentences_and_max_chars() -> None:
    two = "Merci pour votre mot sur mon article. Je garde LinkedIn aux gens vus, au plaisir !"
    assert check("sentences", two, 2)
    assert not check("sentences", two + " Bonne journée.", 2)
    assert check("max_chars", "x" * 300, 300)
    assert not check("max_chars", "x" * 301, 300)


def test_lang_defaults_to_the_case_language() -> None:
    assert check(
        "lang", "Merci pour votre message, je garde mon réseau pour les gens que j'ai vus."
    )
    assert not check("lang", "Thank you for your note, I keep my network for people I have met.")
    assert check("lang", "Thank you for your note, I keep it for people I have met.", "en")


def test_no_links_flags_urls_emails_phones_but_not_own_channels() -> None:
    assert not check("no_links", "See https://bit.ly/x")
    assert not check("no_links", "Write to paul@agilecoach.pro")
    assert not check("no_links", "Visit growthhackers.io/book")
    assert not check("no_links", "Call 06 12 34 56 78")
    assert check("no_links", "Your talk on Node.js was great, e.g. the demo.")
    own = {"vars": {"channels": ["blog.example.com"]}}
    assert check("no_links", "My blog is blog.example.com, see you there.", **own)


def _report(**failed: bool) -> Report:
    checks = {
        name: Check(passed=not failed.get(name, False), message=f"{name} msg", evidence=["ev"])
        for name in ("appreciation", "rationale", "openness", "no_pitch")
    }
    return Report(valid=not any(failed.values()), lang="fr", checks=checks)


def test_valid_and_no_pitch_read_the_validator_report() -> None:
    ok = score(Assertion(type="valid"), sample("m", _report()))
    assert ok.passed
    bad = score(Assertion(type="valid"), sample("m", _report(openness=True)))
    assert not bad.passed and "openness" in bad.reason and bad.score == 0.75
    pitch = score(Assertion(type="no_pitch"), sample("m", _report(no_pitch=True)))
    assert not pitch.passed and "ev" in pitch.reason
    assert not score(Assertion(type="valid"), sample("m", None)).passed
