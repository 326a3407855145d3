"""Load a language's validator data (``data/<lang>/validator.toml``) and compile it once.

The cue lists are data so that a third language is a data change; this module
turns them into one compiled regular expression per list, applying the
conventions documented at the top of each ``validator.toml`` (word boundaries,
apostrophes that may be missing, flexible spaces).

Compiling is most of the cost of a first call (``tactful check`` pays it on every
run), so it is kept small: cue lists are matched against *flat* text (every run
of whitespace is one space, see ``flatten``), which lets a space in a pattern be
a literal instead of ``\\s+``; the word boundary after each cue is written once
for the whole alternation; and what only some calls need (shape, register and
grounding patterns) is compiled the first time it is used. Everything is cached
per language, so later checks cost regex searches only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from tactful.compiled import regex
from tactful.reading.lexicon import language_data, not_names, titles
from tactful.resources import languages, load_toml
from tactful.text import fold

_WHITESPACE = regex(r"\s+")
# One token of a pattern as ``_prepare`` sees it: an escape, a character class,
# or a bare apostrophe / space (with whether a quantifier follows it).
_TOKEN = regex(r"\\.|\[(?:\\.|[^\\\]])*\]?|(?P<mark>[' ])(?P<quantified>(?=[?*+{]))?", re.S)


def flatten(text: str) -> str:
    """Every run of whitespace (newlines included) as one space: what cue lists match."""
    return _WHITESPACE.sub(" ", text)


def _prepare(pattern: str, *, flat: bool = False) -> str:
    """Apply the data-file conventions outside character classes and escapes.

    A bare ``'`` becomes "apostrophe, space or nothing" (``j'ai``, ``j ai``,
    ``jai``) and a bare space becomes "one or more spaces or newlines"; when
    followed by a quantifier (`` ?``), they stand for one character as written.
    With ``flat`` (text passed through ``flatten``) a space is simply a space.
    """
    space = " " if flat else r"\s"

    def convert(match: re.Match[str]) -> str:
        mark = match.group("mark")
        if mark is None:
            return match.group(0)
        one = f"['{space}]" if mark == "'" else space
        if match.group("quantified") is not None:
            return one
        return one + "?" if mark == "'" else (" " if flat else r"\s+")

    return _TOKEN.sub(convert, pattern)


def compile_cues(
    patterns: list[str], *, bounded: bool = True, flat: bool = False
) -> re.Pattern[str] | None:
    """One alternation of all ``patterns``, as a whole between word boundaries; ``None`` if empty.

    The boundaries wrap the alternation once: ``(?<!\\w)(?:a|b)(?!\\w)`` finds the
    same matches as wrapping each pattern, since the engine backtracks into the
    other branches when the boundary after one fails, and it parses much less.
    ``flat`` patterns are meant for text passed through ``flatten``.
    """
    if not patterns:
        return None
    body = "|".join(f"(?:{_prepare(p, flat=flat)})" for p in patterns)
    if not bounded:
        return regex(body)
    return regex(rf"(?<!\w)(?:{body})(?!\w)")


@dataclass(frozen=True)
class CueSet:
    """Cues for one check, and the look-alike spans blanked out before searching them.

    Both match flat text (``flatten``).
    """

    cues: re.Pattern[str] | None
    blockers: re.Pattern[str] | None

    def matches(self, flat: str) -> bool:
        """Whether a cue is found in ``flat`` once the look-alike spans are blanked out."""
        return self.cues is not None and self.cues.search(self.blank(flat)) is not None

    def blank(self, flat: str) -> str:
        """``flat`` with the look-alike spans replaced by bars of the same length.

        Keeping the length keeps every offset, so a cue found in the blanked text
        can be quoted from the reply itself (``spans``).
        """
        if self.blockers is None:
            return flat
        return self.blockers.sub(lambda found: "|" * len(found.group(0)), flat)

    def spans(self, flat: str) -> list[tuple[int, int]]:
        """Where the cues match in ``flat`` (offsets into it), look-alikes excluded."""
        if self.cues is None:
            return []
        return [found.span() for found in self.cues.finditer(self.blank(flat)) if found.group(0)]


def _cue_set(section: dict[str, Any]) -> CueSet:
    return CueSet(
        cues=compile_cues(list(section.get("cues", [])), flat=True),
        blockers=compile_cues(list(section.get("blockers", [])), flat=True),
    )


def _anchored(pattern: str | None) -> re.Pattern[str] | None:
    return regex(_prepare(pattern), re.DOTALL) if pattern else None


def _required(pattern: str) -> re.Pattern[str]:
    compiled = _anchored(pattern)
    assert compiled is not None  # required keys, checked by tests
    return compiled


class Lexicon:
    """Everything the checks need for one language, compiled when first used.

    The core cue sets are compiled up front (every call runs the four core
    checks); the rest waits for the check that needs it, so a bare
    ``tactful check`` never compiles the register or grounding patterns.
    """

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self._data = data
        self.appreciation = _cue_set(data["appreciation"])
        self.rationale = _cue_set(data["rationale"])
        self.openness = _cue_set(data["openness"])
        self.pitch = _cue_set(data["no_pitch"])
        # Who a reply names is read with the reading's lists (greetings, sign-offs, titles,
        # words never a name), the same ones a note's greeting and signature are read with.
        note = language_data(lang, "analysis")
        openers = {fold(w) for w in (*note["greetings"], *note["signoffs"])}
        self.name_greetings: tuple[str, ...] = tuple(sorted(openers, key=len, reverse=True))
        self.not_names = not_names(lang)
        self.titles = titles(lang)

    @cached_property
    def thanks_signoff(self) -> re.Pattern[str] | None:
        return _anchored(self._data["appreciation"].get("signoff"))

    @cached_property
    def short_greeting(self) -> re.Pattern[str]:
        return _required(self._data["short_form"]["greeting"])

    @cached_property
    def short_signoff(self) -> re.Pattern[str]:
        return _required(self._data["short_form"]["signoff"])

    @cached_property
    def long_greeting(self) -> re.Pattern[str]:
        return _required(self._data["long_form"]["greeting"])

    @cached_property
    def personal_thanks(self) -> re.Pattern[str] | None:
        grounded = self._data.get("grounded_thanks", {})
        return compile_cues(list(grounded.get("personal_thanks", [])), flat=True)

    @cached_property
    def content_kinds(self) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
        """Per kind of content (talk, article, event...): (named in a reply, named in a note).

        A reply names a kind with a determiner before it ("your talk", "ma
        conférence"); a note counts as naming it with any word of the group. Some
        words count only after a first-person determiner: "my presentation" is the
        user's talk, while "your presentation of Kinéo" is the inviter introducing a firm.
        """
        grounded = self._data.get("grounded_thanks", {})
        kinds = []
        for determiners, groups in (
            (grounded.get("content_determiners", []), grounded.get("content_kinds", [])),
            (grounded.get("own_determiners", []), grounded.get("own_content_kinds", [])),
        ):
            before = "|".join(determiners)
            for group in groups:
                stems = "|".join(group)
                kinds.append(
                    (
                        regex(rf"(?<!\w)(?:{before}) ?(?:[\w-]+ ){{0,2}}(?:{stems})[\w-]*"),
                        regex(rf"(?<!\w)(?:{stems})"),
                    )
                )
        return kinds

    @cached_property
    def clause_breaks(self) -> re.Pattern[str] | None:
        """Where a sentence splits into clauses ("..., and ...", ";"), for openness."""
        breaks = list(self._data["openness"].get("clause_breaks", []))
        return compile_cues(breaks, bounded=False, flat=True)

    @cached_property
    def placeholders(self) -> re.Pattern[str] | None:
        patterns = list(self._data["placeholders"]["patterns"])
        return compile_cues(patterns, bounded=False)

    @cached_property
    def register_tu(self) -> re.Pattern[str] | None:
        return compile_cues(list(self._data.get("register", {}).get("tu", [])), flat=True)

    @cached_property
    def register_vous(self) -> re.Pattern[str] | None:
        return compile_cues(list(self._data.get("register", {}).get("vous", [])), flat=True)

    @property
    def has_register(self) -> bool:
        """Whether the language marks a register at all (French tu/vous; not English)."""
        return bool(self._data.get("register", {}).get("tu"))


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled validator data for ``lang`` (one of ``tactful.resources.languages()``)."""
    if lang not in languages():
        raise KeyError(lang)
    return Lexicon(lang, load_toml(f"{lang}/validator.toml"))
