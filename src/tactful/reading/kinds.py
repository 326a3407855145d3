"""The triage's cue lexicons: loaded from data once, compiled once, matched fast.

Patterns live in ``data/<lang>/triage.toml`` (plus language-independent ones in
``data/triage.toml``) and match the *folded* note (lower case, no accents), so a
lexicon author writes ``reseau`` once instead of every spelling of ``réseau``.
Evidence is always cut from the original note, so a user sees the words the
inviter wrote. One alternation per cue group keeps a note at a few dozen regex
scans: the triage must handle thousands of notes per second on one core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tactful.errors import ConfigError
from tactful.resources import load_toml
from tactful.text import fold, fold_aligned, normalise

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    """One alternation whose branches never start or end inside a word."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


@dataclass(frozen=True)
class CueGroup:
    """Patterns that show one signal and vote for some kinds.

    ``name_first`` groups keep one regex per pattern: each match's first word
    must be a capitalised name in the note ("Julie suggested I reach out"),
    which folded text cannot tell from "I suggested".
    """

    signal: str
    votes: Mapping[str, int]
    regexes: tuple[re.Pattern[str], ...]
    name_first: bool = False


@dataclass(frozen=True)
class Combo:
    """Signals that prove a kind only together (``data/triage.toml`` ``[[combos]]``).

    Each entry of ``when`` lists alternative signals; one of each must be present.
    A seller describing their business *and* asking for time is prospecting
    whatever the wording, while either alone is common in honest notes ("we help
    refugees learn to code", "could I have 15 minutes of your time?"). Combining
    general cues generalises to unseen pitches better than listing their phrasings.
    """

    signal: str
    when: tuple[frozenset[str], ...]
    votes: Mapping[str, int]


MAX_MATCHES = 2
"""Distinct matches a group may count: two claims weigh more than one, ten do not."""


@dataclass(frozen=True)
class Lexicon:
    """Everything the triage needs for one language, compiled."""

    lang: str
    greeting: re.Pattern[str]
    stock: re.Pattern[str]
    generic: re.Pattern[str]
    filler: re.Pattern[str]
    cues: tuple[CueGroup, ...]
    combos: tuple[Combo, ...]
    min_content_words: int
    stopwords: frozenset[str]
    not_names: frozenset[str]
    purpose_kinds: tuple[str, ...]
    context_kinds: tuple[str, ...]
    threshold: int
    reasons: Mapping[str, str]


def _shared(key: str) -> list[str]:
    """A pattern of ``data/contact.toml`` (links, e-mails, phones), without its inline flags.

    Those patterns are written for original-case text with ``(?i)``; the triage
    matches folded (lower-case) text, where the flag is moot.
    """
    pattern = str(load_toml("contact.toml")[key])
    return [pattern.removeprefix("(?i)")]


def _groups(raw: Iterable[Mapping[str, Any]]) -> list[CueGroup]:
    groups = []
    for group in raw:
        name_first = bool(group.get("name_first", False))
        patterns = list(group["patterns"]) if "patterns" in group else _shared(group["from"])
        regexes = [_compile([p]) for p in patterns] if name_first else [_compile(patterns)]
        groups.append(
            CueGroup(
                signal=str(group["signal"]),
                votes={str(k): int(v) for k, v in dict(group.get("votes", {})).items()},
                regexes=tuple(regexes),
                name_first=name_first,
            )
        )
    return groups


def _combos(raw: Iterable[Mapping[str, Any]]) -> list[Combo]:
    return [
        Combo(
            signal=str(combo["signal"]),
            when=tuple(frozenset(map(str, alternatives)) for alternatives in combo["when"]),
            votes={str(k): int(v) for k, v in dict(combo["votes"]).items()},
        )
        for combo in raw
    ]


@cache
def lexicon(lang: str) -> Lexicon:
    """Load and compile the cues of ``lang`` (cached: compiled once per process)."""
    try:
        data = load_toml(f"{lang}/triage.toml")
    except FileNotFoundError:
        raise ConfigError(f"no triage data for language {lang!r}; use --lang fr or en") from None
    common = load_toml("triage.toml")
    analysis = load_toml(f"{lang}/analysis.toml")
    language = load_toml(f"{lang}/language.toml")
    return Lexicon(
        lang=lang,
        greeting=re.compile(data["greeting"]),
        # The analysis's stock lines (plain phrases) count too: one place to add a new one.
        stock=_compile([*data["stock"], *map(re.escape, analysis.get("stock", ()))]),
        generic=_compile(data["generic"]),
        filler=_compile(data["filler"]),
        cues=tuple(_groups(data["cues"]) + _groups(common["cues"])),
        combos=tuple(_combos(common.get("combos", ()))),
        min_content_words=int(data["min_content_words"]),
        stopwords=frozenset(fold(w) for w in language["stopwords"]),
        not_names=frozenset(data.get("not_names", ())),
        purpose_kinds=tuple(data["purpose_kinds"]),
        context_kinds=tuple(data["context_kinds"]),
        threshold=int(data["threshold"]),
        reasons=dict(data["reasons"]),
    )


@dataclass(frozen=True)
class Note:
    """A note ready for matching: the normalised original and its folded twin.

    ``text.fold`` keeps every character at its index, so a span found in ``folded``
    is the same span of ``original``.
    """

    original: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Note:
        original = normalise(text)
        return cls(original, fold_aligned(original))

    def span(self, start: int, end: int) -> str:
        """The original words behind a folded span, trimmed of punctuation."""
        return self.original[start:end].strip(" ,;:.!?-–—\n")


@dataclass(frozen=True)
class Hit:
    """A cue group that matched: the note's own words as evidence, and its weight."""

    signal: str
    evidence: str
    votes: Mapping[str, int]
    count: int = 1


def _is_name(note: Note, start: int, lex: Lexicon) -> bool:
    word = _WORD.match(note.folded, start)
    if word is None or word.group() in lex.not_names:
        return False
    return note.span(start, word.end())[:1].isupper()


def match(note: Note, lex: Lexicon) -> list[Hit]:
    """Every cue group that matches the note, in data order, then the combinations that hold.

    The first match is the evidence; up to ``MAX_MATCHES`` distinct matches count.
    """
    hits: list[Hit] = []
    for group in lex.cues:
        spans: list[tuple[int, int]] = []
        for regex in group.regexes:
            for found in regex.finditer(note.folded):
                if group.name_first and not _is_name(note, found.start(), lex):
                    continue
                spans.append(found.span())
                if len(spans) >= MAX_MATCHES:
                    break
            if len(spans) >= MAX_MATCHES:
                break
        if spans:
            start, end = min(spans)
            hits.append(Hit(group.signal, note.span(start, end), group.votes, len(spans)))
    return hits + _combined(hits, lex.combos)


def _combined(hits: list[Hit], combos: Iterable[Combo]) -> list[Hit]:
    """A hit for each combination whose signals all showed; its evidence is the first part's."""
    out = []
    for combo in combos:
        parts = [next((h for h in hits if h.signal in either), None) for either in combo.when]
        first = parts[0] if parts else None
        if first is not None and all(parts):
            out.append(Hit(combo.signal, first.evidence, combo.votes))
    return out


def content_words(folded: str, lex: Lexicon) -> list[str]:
    """Words left once stock lines, generic requests and pleasantries are removed."""
    rest = lex.filler.sub(" ", lex.generic.sub(" ", lex.stock.sub(" ", folded)))
    return [w for w in _WORD.findall(rest) if w not in lex.stopwords]
