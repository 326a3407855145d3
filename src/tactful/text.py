"""Input reading and normalisation, sentence splitting and language identification.

Everything downstream (analysis, engines, the validator) works on text that went
through here, so the same apostrophes, spaces and limits hold everywhere.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache, lru_cache
from typing import BinaryIO

from tactful.compiled import regex
from tactful.errors import InputError
from tactful.resources import languages, load_toml

MAX_CHARS = 20_000
"""Longest input accepted; a LinkedIn note is 300 characters, a reply about 1,300."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_SPACES = regex(r"[ \t\u00a0\u202f\u2009]+")
_WORD = regex(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def decode(raw: bytes, source: str = "stdin") -> str:
    """Decode UTF-8 bytes (a BOM is tolerated) or raise a clear ``InputError``."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source} is not valid UTF-8 (byte {exc.start}); save the text as UTF-8 and retry"
        ) from None


def read_input(
    text: str | None,
    stream: BinaryIO | None = None,
    *,
    what: str = "text",
    allow_empty: bool = False,
) -> str:
    """Return the text to work on: the argument, or standard input for ``-`` / no argument.

    ``stream`` defaults to ``sys.stdin.buffer``; reading from an interactive
    terminal is refused rather than left waiting for input that never comes.
    ``allow_empty`` turns blank input into ``""`` instead of an error (a LinkedIn
    invitation often has no note at all).
    """
    if text is not None and text != "-":
        return check_size(_from_argument(text, what), what, allow_empty=allow_empty)
    if stream is None:
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise InputError(f"no {what} given; pass it as an argument or pipe it on stdin")
        if text is None and stdin.isatty():
            raise InputError(f"no {what} given; pass it as an argument or pipe it on stdin")
        stream = stdin.buffer
    raw = stream.read(MAX_CHARS * 4 + 1)
    if len(raw) > MAX_CHARS * 4:  # cut short: its length is unknown, only that it is too long
        raise InputError(
            f"the {what} is over {MAX_CHARS * 4:,} bytes, more than the {MAX_CHARS:,}-character "
            "limit; pass only the message itself"
        )
    return check_size(decode(raw), what, allow_empty=allow_empty)


_SURROGATE = regex(r"[\udc80-\udcff]")


def _from_argument(text: str, what: str) -> str:
    """An argument as Python received it: bytes that were not UTF-8 arrive as surrogates."""
    bad = _SURROGATE.search(text)
    if bad:
        raise InputError(
            f"the {what} given as an argument is not valid UTF-8 (character {bad.start() + 1}); "
            "save the text as UTF-8, or pipe it on stdin"
        )
    return text


def visible(text: str) -> bool:
    """Whether ``text`` has a character one can see: not only spaces, non-breaking or
    zero-width spaces, joiners, direction marks and other invisible format characters."""
    return any(not c.isspace() and unicodedata.category(c) not in _INVISIBLE for c in text)


_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})


def check_size(text: str, what: str = "text", *, allow_empty: bool = False) -> str:
    """Refuse empty (unless ``allow_empty``) or oversized input, saying what to do.

    Text of invisible characters only (zero-width or non-breaking spaces) is empty, for
    every command alike."""
    if not visible(text):
        if allow_empty:
            return ""
        raise InputError(f"the {what} is empty; pass the text as an argument or on stdin")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the {what} is {len(text):,} characters, over the {MAX_CHARS:,} limit; "
            "pass only the message itself"
        )
    return text


def normalise(text: str) -> str:
    """NFC, straight apostrophes, single spaces, trimmed lines: one form for every matcher.

    A one-line ASCII text (most cue phrases, thousands folded on a first call) is already
    NFC and holds no curly apostrophe: only its spaces are normalised.
    """
    if text.isascii() and "\n" not in text and "\r" not in text:
        return _SPACES.sub(" ", text).strip()
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def trim_runs(text: str, run: re.Pattern[str]) -> str:
    """``text`` without the run of ``run`` (a repeated character class, ``[...]+``) at each end.

    The same as ``re.sub(f"^{run}|{run}$", "", text)`` (whose ``$`` also matches before a
    final newline) in linear time: searched for, ``[...]+$`` restarts at each character
    of a long run and reads it to its end, so a line of 20,000 dashes took seconds.
    """
    lead = run.match(text)
    start = lead.end() if lead else 0
    end = len(text) - 1 if text.endswith("\n") and not run.match("\n") else len(text)
    tail = run.match(text[start:end][::-1])
    stop = end - tail.end() if tail else end
    return text[start:stop] + text[end:]


def fold_aligned(text: str) -> str:
    """Lower-case and strip accents one character at a time: every index stays where it was.

    A cue found in the folded text slices the original spelling back out of the text it
    was folded from (evidence, echoed topics, names). A character whose fold would not be
    one character ("ß", "…", "œ" has none) is kept as it is, lower-cased when that is one
    character. ASCII text only needs ``lower()``.
    """
    if text.isascii():
        return text.lower()
    return "".join(ch.lower() if ch.isascii() else _fold_char(ch) for ch in text)


@cache
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """The one fold every matcher uses: ``normalise`` then ``fold_aligned``.

    ``Réseau`` and ``reseau`` match the same cue, and offsets in the result are offsets in
    ``normalise(text)``: the reading, the triage, the selling detector and the validator
    fold alike, so a cue list means the same thing wherever it is read.
    """
    return fold_aligned(normalise(text))


def words(text: str) -> list[str]:
    """Folded words (letters and inner apostrophes) of ``text``."""
    return _WORD.findall(fold(text))


def sentences(text: str) -> list[str]:
    """Split into sentences, keeping each sentence's original spelling.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (``method.md``), never at ``;`` or
    ``:``, which join two clauses of one sentence; the prompt tells the model the
    same, so what it is asked to write and what is counted agree. syntok finds the
    candidate ends (it knows abbreviations such as "Mr." and "e.g."); a unit that
    follows a semicolon or a colon is joined back to the one before it, and an
    ellipsis (or a full stop after a closing quote) followed by a capital ends a
    sentence, which syntok does not do.
    Paragraph breaks always end a sentence (a greeting line such as ``Hi Lee,``
    counts as its own unit), which syntok's paragraph handling gives us.

    The split of a recent text is kept: reading a note splits it up to three times
    (links stripped, injected sentences dropped twice), and syntok is the slowest
    step on a long one (0.6 s for 20,000 characters of "x((((...").
    """
    return list(_sentences(text))


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[str, ...]:
    from syntok import segmenter

    text = normalise(text)
    out: list[str] = []
    for paragraph in segmenter.analyze(text):
        spans: list[tuple[int, int]] = []
        for sentence in paragraph:
            if not sentence:
                continue
            start = sentence[0].offset
            end = sentence[-1].offset + len(sentence[-1].value)
            if spans and text[spans[-1][0] : spans[-1][1]].rstrip()[-1:] in _CLAUSE_JOINS:
                start = spans.pop()[0]
            if text[start:end].strip():
                spans.append((start, end))
        out += [part for a, b in spans for part in _split_ellipsis(text[a:b].strip())]
    return tuple(out)


_CLAUSE_JOINS = frozenset(";:")
"""Marks that join two clauses of one sentence: syntok may end a sentence there."""

_ELLIPSIS_END = regex(r"(?<=…)\s+(?=[\"«(]?[^\W\d_])|(?<=[»”\"][.!?])\s+(?=[\"«(]?[^\W\d_])")


def _split_ellipsis(unit: str) -> list[str]:
    """``Thanks a lot… I keep it small.`` is two sentences: an ellipsis before a capital.

    So is ``... dans « Designers UX ». Je garde ...``: syntok misses a full stop after
    a closing quote.
    """
    if "…" not in unit and "»" not in unit and '"' not in unit and "”" not in unit:
        return [unit]
    parts, start = [], 0
    for found in _ELLIPSIS_END.finditer(unit):
        following = unit[found.end()]
        letter = following if following.isalpha() else unit[found.end() + 1 : found.end() + 2]
        if letter[:1].isupper():
            parts.append(unit[start : found.start()])
            start = found.end()
    parts.append(unit[start:])
    return [part for part in parts if part.strip()]


def stopwords(lang: str) -> frozenset[str]:
    """Frequent function words of a supported language (folded)."""
    return _stopwords(lang)


@cache
def _stopwords(lang: str) -> frozenset[str]:
    if lang in languages():
        words_ = load_toml(f"{lang}/language.toml")["stopwords"]
    else:
        words_ = load_toml("foreign.toml")["stopwords"][lang]
    return frozenset(fold(w) for w in words_)


@cache
def _foreign() -> tuple[str, ...]:
    return tuple(load_toml("foreign.toml")["stopwords"])


def language_scores(text: str) -> dict[str, float]:
    """Share of the text's words that are stopwords of each known language."""
    tokens = words(text)
    if not tokens:
        return {lang: 0.0 for lang in languages()}
    scores: dict[str, float] = {}
    for lang in languages():
        stop = _stopwords(lang)
        scores[lang] = sum(1 for t in tokens if t in stop) / len(tokens)
    return scores


def in_another_language(text: str, lang: str) -> bool:
    """Whether ``text`` (four words or more) reads as another language than ``lang``: another
    language's function words are more frequent in it (German, Spanish, Italian,
    Portuguese, or the other supported language). A note answered in ``lang`` that is
    written in another must not have its words echoed into the reply."""
    tokens = words(text)
    if len(tokens) < 4:
        return False
    scores = language_scores(text)
    others = [share for other, share in scores.items() if other != lang]
    return max([*others, _foreign_share(tokens)]) > scores.get(lang, 0.0)


def _foreign_share(tokens: list[str]) -> float:
    """The highest share of the tokens that are function words of one unsupported language."""
    return max(
        (sum(1 for t in tokens if t in _stopwords(f)) / max(len(tokens), 1) for f in _foreign()),
        default=0.0,
    )


def detect_language(text: str) -> str | None:
    """The most likely supported language, or ``None`` when no language is convincing.

    A short text needs at least one stopword hit; a longer one a share of 8 %,
    so that Spanish or German text is not silently taken for French or English.
    """
    scores = language_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    tokens = words(text)
    if _foreign_share(tokens) > scores[best]:
        return None
    if scores[best] == 0.0:
        return None
    if len(tokens) >= 8 and scores[best] < 0.08:
        return None
    ranked = sorted(scores.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return _tie_break(tokens, [lang for lang in scores if scores[lang] == ranked[0]])
    return best


def _tie_break(tokens: list[str], tied: list[str]) -> str | None:
    """Between languages with as many function words, count the distinct words that belong
    to one of them only: an English note full of names ("... winning a Michelin Bib Gourmand
    ... for a 30-seat place") tied on "hi, for, the" against French "a, a, a" and was
    refused as "not French or English"."""
    own = {
        lang: len(
            {
                t
                for t in tokens
                if t in _stopwords(lang) and not any(t in _stopwords(o) for o in tied if o != lang)
            }
        )
        for lang in tied
    }
    ranked = sorted(own.values(), reverse=True)
    if ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(own, key=lambda lang: own[lang])
