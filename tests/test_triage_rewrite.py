"""`tactful rewrite` uses the triage: `ask` notes are asked what brings them, `meet` get a meeting.

Every reply here must also pass the validator, as every reply Tactful prints does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

STOCK_EN = "Hi Sofia, I'd like to join your LinkedIn network. - Priyanka"
STOCK_FR = "Bonjour Mathilde, je souhaiterais vous ajouter à mon réseau professionnel. Paul"
OTHER_EN = "Hi Sofia, I'm a data engineer in Lyon, mostly dbt and Airflow. Tom"
MEET_EN = (
    "Hi Sofia, we're organising a panel on remote work at DevConf in March and would love to "
    "have you as a speaker. Anna"
)
MEET_FR = (
    "Bonjour Mathilde, je suis chargée de recrutement chez Desjardins et nous recrutons un "
    "analyste de données senior. Seriez-vous disponible pour en discuter cette semaine ? Julie"
)
MEET_TU = (
    "Salut Mathilde ! J'organise un atelier sur l'accessibilité en mai et je cherche des "
    "mentores. Serais-tu partante ? Inès"
)
SALES = (
    "Hi Sofia, your design background stood out. We help studios ship three times faster with "
    "our AI platform. Open to a quick call next week?"
)


def rewrite(*args: str) -> dict[str, object]:
    result = run_cli("rewrite", "--json", *args)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert data["validation"]["valid"] is True  # type: ignore[index]
    return data


def openness(data: dict[str, object]) -> str:
    parts = data["parts"]
    assert isinstance(parts, dict)
    return str(parts["openness"]).casefold()


ASKS = ("what brings you", "ce qui vous amène", "ce qui t'amène", "what you have in mind")
ASKS += ("what prompted your note", "more about yourself", "more about you")
ASKS += ("m'en volontiers un peu plus", "ce qui motive", "donné envie de m'écrire")
ASKS += ("a few lines about what you do", "introduce yourself", "quelques mots sur ce que")
ASKS += ("présentez-vous", "présente-toi")
MEETS = ("meet first", "meet over a coffee first", "rencontrer d'abord", "rencontre d'abord")
MEETS += ("parler d'abord", "talk it through", "prenons d'abord un café")
# The meeting the note itself offers (its event, its call) or a call for one person's ask.
MEETS += ("talk there first", "meet you there first", "en parlerons sur place", "y rencontrer")
MEETS += ("en parlera sur place", "call or a coffee first", "un appel ou un café", "appel d'abord")
MEETS += ("un court appel ou un café", "meet there", "occasion de nous rencontrer")
MEETS += ("nous y rencontrerons", "occasion de se rencontrer", "on s'y rencontrera")
MEETS += ("meet you there", "parlons-en d'abord", "d'en parler d'abord au téléphone")


@pytest.mark.parametrize("style", ["long", "short"])
@pytest.mark.parametrize("note", [STOCK_EN, STOCK_FR, OTHER_EN])
def test_an_ask_note_is_asked_what_brings_them(note: str, style: str) -> None:
    data = rewrite("--style", style, note)
    triage = data["triage"]
    assert isinstance(triage, dict) and triage["action"] == "ask"
    assert data["analysis"]["action"] == "ask"  # type: ignore[index]
    assert any(words in openness(data) for words in ASKS), openness(data)


@pytest.mark.parametrize("style", ["long", "short"])
@pytest.mark.parametrize("note", [MEET_EN, MEET_FR, MEET_TU])
def test_a_meet_note_is_offered_a_meeting_first(note: str, style: str) -> None:
    data = rewrite("--style", style, note)
    assert data["triage"]["action"] == "meet"  # type: ignore[index]
    assert any(words in openness(data) for words in MEETS), openness(data)
    assert not any(words in openness(data) for words in ASKS)


@pytest.mark.parametrize("style", ["long", "short"])
def test_a_meet_reply_offers_the_profiles_own_path(style: str) -> None:
    data = rewrite("--style", style, "--channel", "the Python Montréal group", MEET_EN)
    assert data["triage"]["action"] == "meet"  # type: ignore[index]
    assert "python montréal group" in openness(data)


@pytest.mark.parametrize("style", ["long", "short"])
def test_a_sales_note_is_declined_without_a_meeting(style: str) -> None:
    data = rewrite("--style", style, SALES)
    assert (data["triage"]["kind"], data["triage"]["action"]) == ("sales", "decline")  # type: ignore[index]
    assert not any(words in openness(data) for words in MEETS + ASKS)


def test_the_profiles_policy_reaches_the_reply(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('[triage]\nstock_action = "decline"\nnever_meet = ["collaboration"]\n')
    stock = rewrite("--profile", str(profile), STOCK_EN)
    assert stock["triage"]["action"] == "decline"  # type: ignore[index]
    assert not any(words in openness(stock) for words in ASKS)
    panel = rewrite("--profile", str(profile), MEET_EN)
    assert panel["triage"]["action"] == "decline"  # type: ignore[index]
    assert not any(words in openness(panel) for words in MEETS)


def test_the_python_api_carries_the_triage() -> None:
    import tactful
    from tactful.profile import Profile
    from tactful.triage_policy import TriagePolicy

    result = tactful.rewrite(STOCK_EN, style="short")
    assert result.triage is not None and result.triage.kind == "stock"
    declined = tactful.rewrite(
        STOCK_EN, style="short", profile=Profile(triage=TriagePolicy(stock_action="decline"))
    )
    assert declined.triage is not None and declined.triage.action == "decline"
    assert declined.validation.valid
