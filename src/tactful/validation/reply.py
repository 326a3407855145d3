"""A reply read once for all checks: normalised text, sentences and their folded forms.

Sentence splitting (syntok) is the costly step, so it happens once per call here
and every check reads the same units. Units keep their original spelling (after
``normalise``: NFC, straight apostrophes) so evidence quotes the reply; checks
match against the folded form (no accents, lower case), so ``Réseau``,
``reseau`` and ``RÉSEAU`` meet the same cue; cue lists read its flat copy (one
space for every run of whitespace, which keeps their compiled form small).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tactful.compiled import regex
from tactful.text import fold, normalise, sentences, trim_runs, words
from tactful.validation.lexicon import CueSet, Lexicon, flatten

_NAME_WORD = regex(r"^[^\W\d_][\w.'-]*$")
_LETTER = regex(r"[^\W\d_]")
_EDGES = regex(r"[\W_]+")


@dataclass
class Reply:
    """The reply as every check sees it."""

    text: str
    lex: Lexicon
    units: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    flat: list[str] = field(default_factory=list)
    context_words: frozenset[str] = frozenset()
    offers: dict[int, list[str]] | None = field(default=None, repr=False)
    _hits: dict[int, set[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, text: str, lex: Lexicon, invitation: str | None = None) -> Reply:
        """Normalise ``text`` and split it into sentences, once.

        ``invitation`` is the note answered, when known: its folded words let a
        check tell the reply's own words from the ones it echoes.
        """
        clean = normalise(text)
        units = sentences(clean) if clean else []
        folded = _fold_units(clean, units)
        return cls(
            text=clean,
            lex=lex,
            units=units,
            folded=folded,
            flat=[flatten(f) for f in folded],
            context_words=frozenset(words(invitation)) if invitation else frozenset(),
        )

    def find(self, cue_set: CueSet, *, skip: set[int] | None = None) -> list[str]:
        """Sentences where a cue matches once look-alike spans (blockers) are blanked out."""
        return [self.units[i] for i in sorted(self.find_indexes(cue_set, skip=skip))]

    def find_indexes(self, cue_set: CueSet, *, skip: set[int] | None = None) -> set[int]:
        """Indexes of the sentences ``find`` returns; results are cached per cue set."""
        key = id(cue_set)
        if key not in self._hits:
            self._hits[key] = {i for i, flat in enumerate(self.flat) if cue_set.matches(flat)}
        return self._hits[key] - (skip or set())

    def spans(self, cue_set: CueSet, index: int) -> list[str]:
        """The words of sentence ``index`` that matched ``cue_set``, as the reply wrote them."""
        return [self.quote(index, a, b) for a, b in cue_set.spans(self.flat[index])]

    def quote(self, index: int, start: int, end: int) -> str:
        """The reply's own words behind ``flat[index][start:end]``.

        ``flat`` only shrinks runs of whitespace, and folding keeps the length of
        nearly every text; when it does not (``ß``, ligatures) the folded words are
        quoted instead.
        """
        unit, folded = self.units[index], self.folded[index]
        source = unit if len(unit) == len(folded) else folded
        if len(self.flat[index]) == len(folded):  # no run of spaces shrank: same offsets
            return source[start:end]
        offsets = _flat_offsets(folded)
        return source[offsets[start] : offsets[end - 1] + 1]

    def is_greeting(self, index: int) -> bool:
        """A unit that is only a greeting (``Hi Lee,``, ``Bonjour Marie !``)."""
        return bool(self.lex.short_greeting.match(self.folded[index]))

    def is_signoff(self, index: int) -> bool:
        """A unit that is only a sign-off, a signature or emoji (``Best,\\nSam``, ``— Sam``)."""
        unit, folded = self.units[index], self.folded[index]
        if not _LETTER.search(unit):
            return True  # emoji or punctuation only
        match = self.lex.short_signoff.match(folded)
        if match is None:
            return is_name(unit)
        if len(folded) != len(unit):  # offsets cannot be mapped back: judge the folded rest
            return not _LETTER.search(folded[match.end() :])
        rest = unit[match.end() :]
        return not _LETTER.search(rest) or is_name(rest)

    def body(self) -> list[str]:
        """Units that count as sentences: without a leading greeting or trailing sign-offs."""
        start, end = 0, len(self.units)
        while start < end and self.is_greeting(start):
            start += 1
        while end > start and self.is_signoff(end - 1):
            end -= 1
        return self.units[start:end]


def _flat_offsets(folded: str) -> list[int]:
    """For each character of ``flatten(folded)``, its offset in ``folded``."""
    offsets: list[int] = []
    in_space = False
    for position, char in enumerate(folded):
        if char.isspace():
            if not in_space:
                offsets.append(position)
            in_space = True
        else:
            offsets.append(position)
            in_space = False
    return offsets


def _fold_units(clean: str, units: list[str]) -> list[str]:
    """Fold the whole text once and slice it per unit (folding is a per-character loop).

    Folding keeps the length of nearly every text (accents are one code point
    after NFC); when it does not (``ß``, ligatures), each unit is folded alone.
    """
    folded = fold(clean)
    if len(folded) != len(clean):
        return [fold(u) for u in units]
    out, position = [], 0
    for unit in units:
        start = clean.find(unit, position)
        if start < 0:
            return [fold(u) for u in units]
        out.append(folded[start : start + len(unit)])
        position = start + len(unit)
    return out


def is_name(text: str) -> bool:
    """One to three capitalised words (a signature like ``Sam`` or ``— Marie-Ève Roy``)."""
    stripped = trim_runs(text, _EDGES)
    parts = stripped.split()
    if not 1 <= len(parts) <= 3:
        return False
    return all(_NAME_WORD.match(p) and p[0].isupper() for p in parts)
