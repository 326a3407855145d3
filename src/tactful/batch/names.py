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
from tactful.text import fold, trim_runs

_CLOSING = {"(": ")", "[": "]", "{": "}"}
_NOT_WORD = re.compile(r"[^\w]+")


@cache
def _honorifics() -> frozenset[str]:
    found: set[str] = set()
    for lang in languages():
        try:
            found.update(fold(h) for h in load_toml(f"{lang}/batch.toml")["honorifics"])
        except FileNotFoundError:
            continue
    return frozenset(found)


def _without_brackets(text: str) -> str:
    """Each bracketed part (``(she/her)``, ``[CEO]``, ``{x}``) as a space.

    The same as ``re.sub(r"\\([^)]*\\)|\\[[^\\]]*\\]|\\{[^}]*\\}", " ", text)`` in linear
    time: that pattern looked for a closing bracket from each opening one, so a name of
    20,000 "(" was read 20,000 times. Once a closing bracket is missing after some
    point, it is missing after every later one too.
    """
    out: list[str] = []
    position, kept, unclosed = 0, 0, set()
    while position < len(text):
        closing = _CLOSING.get(text[position])
        end = -1 if closing is None or closing in unclosed else text.find(closing, position + 1)
        if end < 0:
            if closing is not None:
                unclosed.add(closing)
            position += 1
            continue
        out += [text[kept:position], " "]
        position = kept = end + 1
    out.append(text[kept:])
    return "".join(out)


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
    text = _plain(_without_brackets(full_name)).split(",", 1)[0]
    for raw in text.split():
        token = trim_runs(raw, _NOT_WORD)
        if not token or not any(ch.isalpha() for ch in token):
            continue
        if fold(token).rstrip(".") in _honorifics():
            continue
        if len(token) == 1 and token.isascii():
            continue  # an initial ("J." Smith) is not a name to greet with
        return _recase(token)
    return None
