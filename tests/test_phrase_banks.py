"""The offline engine's phrase banks: what a careful native writer would write, and nothing that
contradicts the decline (issue 12, points 4 and 6).

Read from the shipped data, so a sentence added later is checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tactful.resources import load_toml

# Phrasings a reader flagged: a decision still pending after declining, a conversation
# "continued" that never took place, promises of weeks, and French no native writes.
CONTRADICTS_THE_DECLINE = re.compile(r"before i decide|avant de d[ée]cider", re.I)
CONTINUES = re.compile(
    r"continue the conversation|keep talking|poursuivre (?:l'échange|la conversation)|"
    r"continuons",
    re.I,
)
NOT_NATIVE = re.compile(
    r"avec plaisir pour|dites-moi volontiers|dis-moi volontiers|la courtoisie d'un mot|"
    r"clin d'œil vers|\ballô\b",
    re.I,
)


def _sentences(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a phrase bank, with where it sits (``vous.openness.met.long``)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for item in node:
            yield from _sentences(item, path)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _sentences(value, f"{path}.{key}" if path else key)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_sentence_leaves_the_decision_pending_after_declining(lang: str) -> None:
    found = [(w, s) for w, s in _sentences(load_toml(f"{lang}/phrases.toml"))]
    assert found
    assert [(w, s) for w, s in found if CONTRADICTS_THE_DECLINE.search(s)] == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_only_people_who_met_are_offered_to_continue_a_conversation(lang: str) -> None:
    bank = load_toml(f"{lang}/phrases.toml")
    continuing = [(w, s) for w, s in _sentences(bank) if CONTINUES.search(s)]
    assert all(".openness.met" in where for where, _ in continuing), continuing


def test_french_banks_hold_no_phrasing_a_native_reader_flagged() -> None:
    flagged = [(w, s) for w, s in _sentences(load_toml("fr/phrases.toml")) if NOT_NATIVE.search(s)]
    assert flagged == []


STACKED = re.compile(
    r"\b(?:mots?|message|note|billet|intérêt) sur (?:mon|ma|mes|ton|ta|tes|votre|vos)\b[^.]*\bsur\b"
)
"""The thanks' own "sur" before a named work whose title says "sur" again."""


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour, j'ai lu votre article sur la façon de recruter des développeurs juniors. Paul",
        "Bonjour Claire, merci pour votre billet sur la gestion des retours sur investissement.",
        "Salut, super ta conférence sur les tests sur du code legacy ! Hugo",
    ],
)
@pytest.mark.parametrize("style", ["long", "short"])
def test_french_thanks_never_stack_sur_before_a_topic_that_says_sur(note: str, style: str) -> None:
    from tactful import rewrite
    from tactful.text import sentences

    reply = rewrite(note, style=style, lang="fr", engine="offline")
    thanks = next(s for s in sentences(reply.message) if "merci" in s.lower() or "apprécié" in s)
    assert not STACKED.search(thanks.split(" sur ", 1)[0] + " sur " + "x"), thanks
    assert not re.search(
        r"\b(?:mots?|message|note|billet) sur (?:mon|ma|mes|ton|ta|tes)\b[^.]*\bsur\b", thanks
    ), thanks


def test_each_french_register_keeps_to_its_own_forms() -> None:
    """A "vous" phrase never says "n'hésite pas" or "si tu veux bien", nor a "tu" phrase
    "votre" (a reader caught "si tu veux bien" in a reply to a stranger written with vous)."""
    bank = load_toml("fr/phrases.toml")
    tu_forms = re.compile(r"\b(?:tu|ton|ta|tes|toi|te)\b|n'hésite pas|si tu ", re.IGNORECASE)
    vous_forms = re.compile(r"\b(?:vous|votre|vos)\b|n'hésitez pas", re.IGNORECASE)
    for register, wrong in (("vous", tu_forms), ("tu", vous_forms)):
        slips = [
            (where, s)
            for where, s in _sentences({register: bank[register]})
            if wrong.search(s) and "nous nous" not in s
        ]
        assert not slips, slips
