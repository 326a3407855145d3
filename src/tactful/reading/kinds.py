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
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args

from pydantic import Field

from tactful.choices import check_lang
from tactful.compiled import regex as compile_cached
from tactful.datamodel import DataModel
from tactful.errors import ConfigError, InputError
from tactful.reading.cues import find_greeting, is_name_word
from tactful.reading.lexicon import contact, language_data, pattern_re
from tactful.reading.lexicon import lexicon as reading_lexicon
from tactful.reading.note import NoteKind, TriageSignal
from tactful.resources import load_toml
from tactful.selling import Verdict, judge, score, stock_threshold, top_sentence
from tactful.text import detect_language, fold, fold_aligned, normalise

_WORD = compile_cached(r"[a-z]+(?:'[a-z]+)?")
_NAME = compile_cached(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


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
    stock: re.Pattern[str]
    generic: re.Pattern[str]
    filler: re.Pattern[str]
    cues: tuple[CueGroup, ...]
    combos: tuple[Combo, ...]
    min_content_words: int
    stopwords: frozenset[str]
    purpose_kinds: tuple[str, ...]
    context_kinds: tuple[str, ...]
    threshold: int
    reasons: Mapping[str, str]


def _shared(key: str) -> list[str]:
    """A pattern of ``data/contact.toml`` (links, e-mails, phones), without its inline flags.

    Those patterns are written for original-case text with ``(?i)``; the triage
    matches folded (lower-case) text, where the flag is moot.
    """
    pattern: re.Pattern[str] = getattr(contact(), key)
    return [pattern.pattern.removeprefix("(?i)")]


def _groups(raw: Iterable[Mapping[str, Any]]) -> list[CueGroup]:
    groups = []
    for group in raw:
        name_first = bool(group.get("name_first", False))
        patterns = list(group["patterns"]) if "patterns" in group else _shared(group["from"])
        regexes = [pattern_re([p]) for p in patterns] if name_first else [pattern_re(patterns)]
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
    data = language_data(lang, "triage")
    common = load_toml("triage.toml")
    analysis = language_data(lang, "analysis")
    language = language_data(lang, "language")
    return Lexicon(
        lang=lang,
        # The analysis's stock lines (plain phrases) count too: one place to add a new one.
        stock=pattern_re(data["stock"], analysis.get("stock", ())),
        generic=pattern_re(data["generic"]),
        filler=pattern_re(data["filler"]),
        cues=tuple(_groups(data["cues"]) + _groups(common["cues"])),
        combos=tuple(_combos(common.get("combos", ()))),
        min_content_words=int(data["min_content_words"]),
        stopwords=frozenset(fold(w) for w in language["stopwords"]),
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
    word = _NAME.match(note.original, start)
    return word is not None and is_name_word(word.group(), lex.lang)


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


class KindReading(DataModel):
    """What the kind cues read in a note: its kind, with the note's words as evidence.

    The triage turns it into an action and a reason under the user's policy; the
    reading (``analysis.read``) folds its verdict into the one ``Reading`` of the note.
    """

    kind: NoteKind
    lang: Literal["fr", "en"] | None = None
    recipient: str | None = None
    signals: list[TriageSignal] = Field(default_factory=list)
    evidence: str = ""
    """The strongest words for the kind (the selling sentence of a sale)."""
    need: str | None = None
    """The words that show a specific, current need, if any."""
    sales_points: int = 0
    compliment: bool = False
    """A compliment cue matched (a sale that opens with one is said so)."""
    empty: bool = False
    """No note, or not a single letter in it (LinkedIn's default invitation, emoji only)."""
    selling: float = 0.0
    """The selling detector's score (0 to 1; ``tactful.selling``)."""


def read_kind(text: str, *, lang: str = "auto") -> KindReading:
    """Read what kind of note ``text`` is, from the cue lexicons and the selling detector.

    An empty note (LinkedIn's default) or one without a single word (emoji only)
    is ``stock``: it says nothing about the user or a purpose. ``lang`` is
    ``"auto"``, ``"fr"`` or ``"en"``; an undetectable language raises
    ``InputError`` (exit 2), as ``rewrite`` does.
    """
    note = Note.of(text)
    if not any(char.isalpha() for char in note.folded):  # no note, or only emoji
        return KindReading(kind="stock", empty=True)
    language = which_language(note, lang)
    lex = lexicon(language)
    greeting, recipient, body_start = _greeting(note, language)
    hits = match(note, lex)
    points = scores(hits)
    stock_line = lex.stock.search(note.folded)
    signals = [greeting] if greeting else []
    if stock_line:
        evidence = note.span(stock_line.start(), stock_line.end())
        signals.append(TriageSignal(kind="stock_line", evidence=evidence))
    signals += signals_of(hits)

    cues = cue_counts(hits)
    verdict = judge(note.original, "note", cues, folded=note.folded, quote=False)
    if not verdict.plausible:
        points["sales"] = 0  # the cues matched a look-alike: the words say it does not sell
    best = _best(points, lex.purpose_kinds, lex.threshold) or _best(
        points, lex.context_kinds, lex.threshold
    )
    body = note.original[body_start : _signature_start(note)]
    generic = (  # asked only where it can change the kind: no kind read, or a model-only sale
        (best is None or (verdict.sells and best != "sales"))
        and not any(h.signal in _PERSONAL for h in hits)
        and not _SPECIFIC.search(body)
        and score(note.folded, "note", cues, model="stock", folded=True) >= stock_threshold()
    )
    kind: NoteKind
    if best == "sales" or (verdict.sells and _model_sale(best, verdict, generic, lex)):
        kind = "sales"
    elif best is not None:
        kind = _note_kind(best)
    else:
        rest = content_words(note.folded[body_start : _signature_start(note)], lex)
        kind = "stock" if generic or len(rest) < lex.min_content_words else "other"
    selling = top_sentence(note.original, "note") if kind == "sales" else ""
    if selling:
        signals.append(TriageSignal(kind="selling", evidence=selling))
    return KindReading(
        kind=kind,
        lang=language,
        recipient=recipient,
        signals=signals,
        evidence=strongest(hits, kind) or selling,
        need=_current_need(hits, request=kind in lex.purpose_kinds),
        sales_points=points["sales"],
        compliment=any(h.signal == "compliment" for h in hits),
        selling=round(verdict.score, 3),
    )


def which_language(note: Note, lang: str) -> Literal["fr", "en"]:
    if lang == "auto":
        found = detect_language(note.original)
        if found is None:
            raise InputError(
                "could not tell whether the note is French or English; pass --lang fr or --lang en"
            )
        lang = found
    check_lang(lang, auto=False)
    return "fr" if lang == "fr" else "en"


def _greeting(note: Note, lang: str) -> tuple[TriageSignal | None, str | None, int]:
    """The greeting that names the user (the recipient), that name, and where the rest starts.

    "Hi Sofia," names the user, not the inviter, and is no sign of personalisation. The
    greeting is read as the rest of the reading reads it (``cues.find_greeting``).
    """
    found = find_greeting(note.original, reading_lexicon(lang))
    if found.recipient is None:  # "Hi," names nobody: nothing to show
        return None, None, found.end
    evidence = TriageSignal(kind="greeting", evidence=note.span(0, found.end))
    return evidence, found.recipient, found.end


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_SIGNATURE_CHARS = _LETTERS | frozenset("'.-")
_BLANKS = frozenset(" \t")
_SIGNATURE_SEPARATORS = frozenset("\n,.!?;:)-–—")


def _signature_words(folded: str) -> tuple[int, int] | None:
    r"""The span of the note's last one to three words, when a separator or the start precedes them.

    The words hold letters, apostrophes, dots and hyphens (a letter first) and are
    separated by spaces or tabs; they run to the end of the note and follow its start
    or a separator (a newline, ``,.!?;:)`` or a dash) and optional blanks. When
    several spans qualify, the longest wins. This is the span of group 1 of
    ``re.search(r"(?:^|[\n,.!?;:)\-–—])[ \t]*((?:[a-z][a-z'.-]*[ \t]*){1,3})$", folded)``,
    found in one backward and one forward pass: that expression backtracked
    cubically on a long word (a note of 2,000 letters took 48 s).
    """
    end = len(folded) - 1 if folded.endswith("\n") else len(folded)  # ``$`` before a final \n
    # The words may start no earlier than ``low``: after the last character no word
    # can hold, after a run of blanks followed by no letter, after a third inner run.
    low, runs = 0, 0
    for index in range(end - 1, -1, -1):
        char = folded[index]
        if char in _BLANKS:
            after = folded[index + 1] if index + 1 < end else ""
            if after and after not in _BLANKS:  # the last blank of an inner run
                runs += 1
                if runs > 2 or after not in _LETTERS:
                    low = index + 1
                    break
        elif char not in _SIGNATURE_CHARS:
            low = index + 1
            break
    for start in range(low, end):
        if folded[start] not in _LETTERS:
            continue
        before = start - 1
        while before >= 0 and folded[before] in _BLANKS:
            before -= 1
        if before < 0 or folded[before] in _SIGNATURE_SEPARATORS:
            return start, end
    return None


def _signature_start(note: Note) -> int:
    """Where a closing signature ("- Priyanka", "Cordialement, Jean-Pierre Morel") starts.

    A signature is the inviter's name, not content: it must not turn LinkedIn's
    stock line into a personal note. Every word must be capitalised in the note.
    """
    found = _signature_words(note.folded)
    if found is None:
        return len(note.folded)
    start, end = found
    words = note.span(start, end).split()
    if words and all(word[:1].isupper() for word in words):
        return start
    return len(note.folded)


def _best(scores: Counter[str], kinds: tuple[str, ...], threshold: int) -> str | None:
    """Highest-scoring kind at or over the threshold; ties go to the earlier kind."""
    best, top = None, threshold - 1
    for kind in kinds:
        if scores[kind] > top:
            best, top = kind, scores[kind]
    return best


def _note_kind(name: str) -> NoteKind:
    """A kind named in the data files, checked against the kinds the triage knows."""
    for kind in get_args(NoteKind):
        if kind == name:
            return kind  # type: ignore[no-any-return]
    raise ConfigError(f"triage data names an unknown kind {name!r}")


def strongest(hits: list[Hit], kind: str) -> str:
    """The strongest piece of evidence for ``kind`` (the cue with the most votes)."""
    voting = [h for h in hits if h.votes.get(kind, 0) > 0]
    return max(voting, key=lambda h: h.votes[kind]).evidence if voting else ""


def signals_of(hits: list[Hit]) -> list[TriageSignal]:
    seen: set[tuple[str, str]] = set()
    out = []
    for hit in hits:
        if (hit.signal, hit.evidence) not in seen:
            seen.add((hit.signal, hit.evidence))
            out.append(TriageSignal(kind=hit.signal, evidence=hit.evidence))
    return out


_PERSONAL = frozenset({"compliment", "reference"})
_SPECIFIC = compile_cached(r"[«“\"]|(?<=[^\W\d_]) +(?!LinkedIn\b)[A-Z][^\W\d_]+|\d")
"""A note that speaks of the recipient's work, quotes a title or names something (a
capitalised word inside a sentence: "INSA Lyon", "PyCon US"; a number) is never a stock
line, whatever the stock model says of its other words: the model learnt stock lines as
short and bare, and a short note with one specific thing is personal."""


def _model_sale(best: str | None, verdict: Verdict, generic: bool, lex: Lexicon) -> bool:
    """Whether the detector's word alone makes a note a sale the cue lists did not read.

    Not over a purpose the cues read (a recruiter, a collaboration) unless it is certain,
    and not over a stock line ("connect to share ideas and opportunities"): LinkedIn's
    generic lines borrow prospecting words without prospecting anyone.
    """
    if best in lex.purpose_kinds:
        return verdict.certain
    return best is not None or not generic


def selling_cues(text: str, lang: str) -> dict[str, float]:
    """The cue counts the selling detector weighs beside the words of a note or follow-up."""
    return cue_counts(match(Note.of(text), lexicon(lang)))


def cue_counts(hits: list[Hit]) -> dict[str, float]:
    """How often each signal of the lexicons matched (``vendor``, ``ask``, ``claim``...), named
    so the selling detector learns what each is worth (``tactful.selling``). The kinds'
    points are left out: they restate the same signals, and the model did better without."""
    counts: dict[str, float] = {}
    for hit in hits:
        name = f"signal:{hit.signal}"
        counts[name] = counts.get(name, 0.0) + hit.count
    return counts


def _current_need(hits: list[Hit], *, request: bool) -> str | None:
    """The words that show a specific, current need, if any.

    A stated need ("we're looking for", "I'm organising") is one. A date alone is
    not: "your thread went round our team this week" looks back. A date makes a
    request current when the note is one (a purpose kind: an interview, a role,
    guidance) or asks for the user's time ("15 minutes next Friday?").
    """
    need = next((h.evidence for h in hits if h.signal == "need"), None)
    if need is not None:
        return need
    asks = request or any(h.signal in ("ask", "call_to_action") for h in hits)
    return next((h.evidence for h in hits if h.signal == "timing"), None) if asks else None


def scores(hits: list[Hit]) -> Counter[str]:
    """Points per kind: each group's votes times its (capped) number of matches."""
    scores: Counter[str] = Counter()
    for hit in hits:
        scores.update({kind: weight * hit.count for kind, weight in hit.votes.items()})
    return scores
