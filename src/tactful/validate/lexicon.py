"""Load a language's validator data (``data/<lang>/validator.toml``) and compile it once.

The cue lists are data so that a third language is a data change; this module
turns them into one compiled regular expression per list, applying the
conventions documented at the top of each ``validator.toml`` (word boundaries,
apostrophes that may be missing, flexible spaces). Compilation is cached per
language, so a check costs regex searches only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tactful.resources import languages, load_toml

_APOSTROPHE = r"['\s]?"
_SPACE = r"\s+"


def _prepare(pattern: str) -> str:
    """Apply the data-file conventions outside character classes and escapes.

    A bare ``'`` becomes "apostrophe, space or nothing" (``j'ai``, ``j ai``,
    ``jai``) and a bare space becomes "one or more spaces or newlines"; when
    followed by a quantifier (`` ?``), they stand for one character as written.
    """
    out: list[str] = []
    in_class = escaped = False
    for index, ch in enumerate(pattern):
        quantified = pattern[index + 1 : index + 2] in ("?", "*", "+", "{")
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == "'":
            out.append(r"['\s]" if quantified else _APOSTROPHE)
        elif ch == " ":
            out.append(r"\s" if quantified else _SPACE)
        else:
            out.append(ch)
    return "".join(out)


def compile_cues(patterns: list[str], *, bounded: bool = True) -> re.Pattern[str] | None:
    """One alternation of all ``patterns``, each wrapped in word boundaries; ``None`` if empty."""
    if not patterns:
        return None
    if not bounded:
        return re.compile("|".join(f"(?:{_prepare(p)})" for p in patterns))
    # One shared look-behind for the whole alternation: the same meaning as wrapping
    # each pattern, but the engine tests it once per position (about 4x faster).
    return re.compile(r"(?<!\w)(?:" + "|".join(rf"(?:{_prepare(p)})(?!\w)" for p in patterns) + ")")


@dataclass(frozen=True)
class CueSet:
    """Cues for one check, and the look-alike spans blanked out before searching them."""

    cues: re.Pattern[str] | None
    blockers: re.Pattern[str] | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the checks need for one language, compiled."""

    lang: str
    appreciation: CueSet
    thanks_signoff: re.Pattern[str] | None
    rationale: CueSet
    openness: CueSet
    pitch: CueSet
    short_greeting: re.Pattern[str]
    short_signoff: re.Pattern[str]
    long_greeting: re.Pattern[str]
    stock_invitation: re.Pattern[str] | None
    personal_thanks: re.Pattern[str] | None
    name_greetings: tuple[str, ...]
    not_names: frozenset[str]
    placeholders: re.Pattern[str] | None
    register_tu: re.Pattern[str] | None
    register_vous: re.Pattern[str] | None


def _cue_set(section: dict[str, Any]) -> CueSet:
    return CueSet(
        cues=compile_cues(list(section.get("cues", []))),
        blockers=compile_cues(list(section.get("blockers", []))),
    )


def _anchored(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(_prepare(pattern), re.DOTALL) if pattern else None


@cache
def stock_invitation(lang: str) -> re.Pattern[str] | None:
    """LinkedIn's stock lines in ``lang``, compiled on their own.

    Deciding whether an invitation is stock looks at every language; compiling
    only this list keeps that from compiling every other language's whole lexicon.
    """
    grounded = load_toml(f"{lang}/validator.toml").get("grounded_thanks", {})
    return compile_cues(list(grounded.get("stock_invitation", [])))


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled validator data for ``lang`` (one of ``tactful.resources.languages()``)."""
    if lang not in languages():
        raise KeyError(lang)
    data = load_toml(f"{lang}/validator.toml")
    short, long_ = data["short_form"], data["long_form"]
    grounded = data.get("grounded_thanks", {})
    names = data.get("invented_names", {})
    register = data.get("register", {})
    greeting = _anchored(short["greeting"])
    signoff = _anchored(short["signoff"])
    long_greeting = _anchored(long_["greeting"])
    assert greeting and signoff and long_greeting  # required keys, checked by tests
    return Lexicon(
        lang=lang,
        appreciation=_cue_set(data["appreciation"]),
        thanks_signoff=_anchored(data["appreciation"].get("signoff")),
        rationale=_cue_set(data["rationale"]),
        openness=_cue_set(data["openness"]),
        pitch=_cue_set(data["no_pitch"]),
        short_greeting=greeting,
        short_signoff=signoff,
        long_greeting=long_greeting,
        stock_invitation=stock_invitation(lang),
        personal_thanks=compile_cues(list(grounded.get("personal_thanks", []))),
        name_greetings=tuple(names.get("greeting_words", [])),
        not_names=frozenset(n.casefold() for n in names.get("not_names", [])),
        placeholders=compile_cues(list(data["placeholders"]["patterns"]), bounded=False),
        register_tu=compile_cues(list(register.get("tu", []))),
        register_vous=compile_cues(list(register.get("vous", []))),
    )
