"""The first name a batch reply greets, taken from the export's ``From`` column.

The export gives full display names, which carry titles ("Dr."), pronouns in
brackets, emoji and shouting capitals; the reply wants "Jane". Titles are
language data (``data/<lang>/batch.toml``), so a new language adds its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tactful.resources import languages, load_toml
from tactful.text import fold

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


@cache
def _honorifics() -> frozenset[str]:
    found: set[str] = set()
    for lang in languages():
        try:
            found.update(fold(h) for h in load_toml(f"{lang}/batch.toml")["honorifics"])
        except FileNotFoundError:
            continue
    return frozenset(found)


def _plain(text: str) -> str:
    """Drop symbols (emoji, pictographs) that display names often carry."""
    return "".join(" " if unicodedata.category(ch)[0] in "SC" else ch for ch in text)


def _recase(token: str) -> str:
    """ "JEAN-PIERRE" or "jean-pierre" -> "Jean-Pierre"; a mixed-case name is kept as written."""
    if token.isupper() or token.islower():
        return "-".join(part[:1].upper() + part[1:].lower() for part in token.split("-"))
    return token


def first_name(full_name: str) -> str | None:
    """The given name in a display name, or ``None`` when there is none to use."""
    text = _plain(_BRACKETS.sub(" ", full_name)).split(",", 1)[0]
    for raw in text.split():
        token = _EDGE.sub("", raw)
        if not token or not any(ch.isalpha() for ch in token):
            continue
        if fold(token).rstrip(".") in _honorifics():
            continue
        if len(token) == 1 and token.isascii():
            continue  # an initial ("J." Smith) is not a name to greet with
        return _recase(token)
    return None
