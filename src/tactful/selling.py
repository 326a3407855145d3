"""The one selling detector: a small linear model over a text's words, word pairs and word pieces.

Telling prospecting from networking is the judgement the method turns on, and cue lists
alone kept missing each new disguise ("synergies", a product named right after a
compliment, a result figure and "would love to connect"). This model learns the idea
from a corpus (``training/selling/``) instead: hashed word unigrams and bigrams, the
four-letter pieces of longer words (so "prospection" and "prospecting" share evidence),
the shape of numbers ("30%", "$9/hr"), and the cue counts the triage and the validator
already compute, weighed together by logistic regression
(``python training/train_selling.py`` rebuilds the weights from the corpus).

One model serves the three kinds of text (a ``note``, a ``followup`` after a decline, the
user's own ``reply``): every feature exists once for all three and once for its kind, so
what selling looks like everywhere is learnt from every example, and what differs (an
offer in a reply, "now that I have your attention" in a follow-up) from the kind's own.
Each caller keeps its own threshold (``data/selling/model.toml``) and its own evidence.

The weights are data (``data/selling/selling.bin`` and ``stock.bin``: bucket numbers as
uint32, then the weights as float32), read with the standard library once per process
when first needed: no numpy, no network, no cost to commands that never judge selling.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from tactful.compiled import regex
from tactful.resources import data_dir, load_toml
from tactful.text import fold

Domain = Literal["note", "followup", "reply"]
DOMAINS: tuple[Domain, ...] = ("note", "followup", "reply")
Model = Literal["selling", "stock"]
"""``selling`` (every kind of text) and ``stock``: whether a note is a stock line, a generic
"let's connect" with nothing about the recipient or a purpose (notes only), learnt from the
same features on the same corpus (``data/selling/stock.bin``)."""
MODELS: tuple[Model, ...] = ("selling", "stock")

BUCKETS = 1 << 18
"""Hash space for the features (262,144); a few collisions cost nothing measurable."""

_SALT: dict[Domain, int] = {"note": 0x1B873, "followup": 0x2D5A9, "reply": 0x3C6EF}
"""Each kind's copy of a feature lands in another bucket: its bucket xor the kind's salt.

A salt below ``BUCKETS`` makes the copy a function of the bucket alone, so at run time
a text is scored by looking up each feature's bucket and its kind copy, or, once a process
scores many texts of a kind, one dense table per kind holding both (``_lookup``)."""

_TOKEN = regex(r"[a-z]+(?:'[a-z]+)?|[0-9][0-9.,]*|[$€£%@/]")
_DIGIT = regex(r"[0-9]")
_PIECE = 4
_MIN_PIECE_WORD = 5
MAX_CHARS = 2_000
"""Only the first characters are read: a note is at most 300, a long reply about 1,300."""


@dataclass(frozen=True)
class Verdict:
    """What the detector says of one text.

    ``score`` is the probability that it sells; ``sells`` says the score alone passes the
    kind's ``sells`` threshold; ``plausible`` that it passes the lower ``confirms`` one,
    from which a cue list's own verdict of selling is kept (below it, the cues matched
    a look-alike); ``certain`` that it passes ``overrules``, from which it outweighs
    another purpose the cues read (a recruiter, a collaboration). ``evidence`` is the
    sentence that sells most, when ``plausible``.
    """

    score: float
    sells: bool
    plausible: bool
    certain: bool
    evidence: str


def features(
    text: str, domain: Domain, cues: Mapping[str, float] | None = None, *, folded: bool = False
) -> dict[int, float]:
    """The hashed features of ``text`` as a ``domain`` text, with their values.

    Word unigrams and bigrams count once each; a word of five letters or more adds its
    four-letter pieces, marked at the edges; a number adds its shape ("00%"). The
    caller's cue counts enter as named features valued by the count, so the model learns
    what each cue family is worth beside the words. Every feature is present twice: for
    all kinds of text and for this kind. Word pairs never span two sentences.

    In a reply, the words and pairs of a sentence that thanks are kept apart from the same
    words elsewhere: the model can then tell a product thanked for from a product offered.
    """
    salt = _SALT[domain]
    found: dict[int, float] = {}
    for bucket, value in [(b, 1.0) for b in buckets(text, domain, folded)] + _cue_buckets(cues):
        found[bucket] = found.get(bucket, 0.0) + value
        found[bucket ^ salt] = found.get(bucket ^ salt, 0.0) + value
    return found


def buckets(text: str, domain: Domain, folded: bool = False) -> set[int]:
    """The buckets of the text's words, pairs and pieces (the kinds' shared copy); ``folded``
    says the caller already folded the text (the validator has). The role model
    (``tactful.reading.role_model``) reads notes through the same features."""
    codes = {_BIAS}
    marks = _appreciation_prefixes() if domain == "reply" else ()
    text = text[:MAX_CHARS] if folded else fold(text[:MAX_CHARS])
    for sentence in _SENTENCE.split(text):
        tokens = _TOKEN.findall(sentence)
        thanked = bool(marks) and any(t.startswith(marks) for t in tokens)
        said: set[int] = set()
        previous = _START
        for token in tokens:
            word, own = _token_codes(token)
            said.update(own)
            said.add((previous * _PAIR ^ word) & 0xFFFFFFFF)
            previous = word
        codes.update({code ^ _THANKS for code in said} if thanked else said)
    mask = BUCKETS - 1
    return {code & mask for code in codes}


def _cue_buckets(cues: Mapping[str, float] | None) -> list[tuple[int, float]]:
    """Each non-zero cue count's bucket (the shared copy) and value."""
    mask = BUCKETS - 1
    return [
        (zlib.crc32(("cue:" + name).encode()) & mask, float(value))
        for name, value in (cues or {}).items()
        if value
    ]


_SENTENCE = regex(r"(?<=[.!?…;])\s+|\n+")
_THANKS = zlib.crc32(b"role:thanks")
"""In a reply, the words of a sentence that thanks are features of their own: a price thanked
for is the inviter's, a price stated elsewhere is the replier's offer."""


@cache
def _appreciation_prefixes() -> tuple[str, ...]:
    """The folded word beginnings that make a sentence one of thanks (``model.toml``)."""
    table = load_toml("selling/model.toml")["appreciation"]
    return tuple(sorted({prefix for words in table.values() for prefix in words}))


_BIAS = zlib.crc32(b"bias")
_START = zlib.crc32(b"^")
_PAIR = 0x01000193
"""A word pair's code mixes its two words' codes (FNV's prime): no string is built for it."""


@lru_cache(maxsize=1 << 16)
def _token_codes(token: str) -> tuple[int, tuple[int, ...]]:
    """A token's own code and the codes it adds (itself, its pieces), cached: words recur."""
    if token[0].isdigit():
        token = "#" + _DIGIT.sub("0", token)[:6]
    word = zlib.crc32(("w:" + token).encode())
    own = [word]
    if len(token) >= _MIN_PIECE_WORD:
        marked = f"<{token}>"
        own += [
            zlib.crc32(("p:" + marked[i : i + _PIECE]).encode())
            for i in range(len(marked) - _PIECE + 1)
        ]
    return word, tuple(own)


def logit(weights: Mapping[int, float], found: Mapping[int, float]) -> float:
    """The model's raw score: the sum of the features' weights times their values."""
    return sum(weights.get(bucket, 0.0) * value for bucket, value in found.items())


def _fast_logit(
    text: str,
    domain: Domain,
    cues: Mapping[str, float] | None = None,
    model: Model = "selling",
    folded: bool = False,
) -> float:
    """``logit(weights(model), features(text, domain, cues))``: each feature's bucket and
    its kind copy looked up in the shipped weights (``_lookup``)."""
    look = _lookup(domain, model)
    value = 0.0
    for bucket in buckets(text, domain, folded):
        value += look(bucket)
    for bucket, count in _cue_buckets(cues):
        value += look(bucket) * count
    return value


_DENSE_AFTER = 64
"""Texts of one kind scored before that kind's dense table is built (``_table``)."""
_scored: dict[tuple[Domain, Model], int] = {}


def _lookup(domain: Domain, model: Model) -> Callable[[int], float]:
    """A feature's weight in a kind of text: its bucket's plus its kind copy's.

    The first texts of a kind are scored by bisection in the shipped arrays: a CLI call
    scores a handful and pays nothing to load (the dense table of one kind costs ~22 ms to
    build). Past ``_DENSE_AFTER`` texts (a batch, the triage, an eval) the kind's table is
    built once and lookups are three times as fast. Both give the same float for every
    bucket (the same two float32 weights added in float64), so a score never depends on how
    many texts the process scored before.
    """
    key = (domain, model)
    _scored[key] = _scored.get(key, 0) + 1
    if _scored[key] > _DENSE_AFTER:
        return _table(domain, model).__getitem__
    shipped = _shipped(model)
    salt = _SALT[domain]
    return lambda bucket: shipped.weight(bucket) + shipped.weight(bucket ^ salt)


@cache
def _table(domain: Domain, model: Model) -> array[float]:
    """The kind's weight of every bucket, its own plus its kind copy's, in float64 (2 MiB)."""
    shipped = _shipped(model)
    salt = _SALT[domain]
    table = array("d", bytes(8 * BUCKETS))
    for bucket, value in zip(shipped.buckets, shipped.values, strict=True):
        table[bucket] += value
        table[bucket ^ salt] += value
    return table


def sigmoid(value: float) -> float:
    """A logit as a probability, without overflow on either side."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    z = math.exp(value)
    return z / (1.0 + z)


@cache
def weights(model: Model = "selling") -> dict[int, float]:
    """A model's shipped weights, read once per process."""
    return decode((data_dir() / "selling" / f"{model}.bin").read_bytes())


@dataclass(frozen=True)
class Sparse:
    """Weights as shipped: the buckets that have any, ascending, and each one's row of
    ``width`` weights, end to end.

    A bucket's row is found by bisection, so a note touches a few pages of the table and
    the shipped files are mapped, not read: copying the role model's 4 MB into arrays
    cost a first call some 8 ms, mapping it costs a tenth of a millisecond. (The dict, or
    the dense table per kind, that the arrays replaced cost a seventh of a first call.)
    The role model (``tactful.reading.role_model``) reads its weights the same way.
    """

    buckets: Sequence[int]
    values: Sequence[float]
    width: int = 1

    def row(self, bucket: int) -> int:
        """The bucket's row, or -1 when the bucket has no weights."""
        at = bisect_left(self.buckets, bucket)
        return at if at < len(self.buckets) and self.buckets[at] == bucket else -1

    def weight(self, bucket: int) -> float:
        """The bucket's weight in a one-column table (0.0 when it has none)."""
        at = self.row(bucket)
        return self.values[at] if at >= 0 else 0.0


def read_sparse(raw: bytes | memoryview, width: int = 1) -> Sparse:
    """Weights in the shipped layout (``encode``) as ``Sparse`` views on ``raw``, no copy."""
    count = len(raw) // (4 * (1 + width))
    view = memoryview(raw)
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        keys, values = array("I"), array("f")
        keys.frombytes(view[: 4 * count])
        values.frombytes(view[4 * count :])
        keys.byteswap()
        values.byteswap()
        return Sparse(keys, values, width)
    return Sparse(view[: 4 * count].cast("I"), view[4 * count :].cast("f"), width)


def map_sparse(path: Path, width: int = 1) -> Sparse:
    """A shipped weights file, mapped read-only for the life of the process."""
    with path.open("rb") as handle:
        if not path.stat().st_size:
            return read_sparse(b"", width)
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return read_sparse(memoryview(mapped), width)


@cache
def _shipped(model: Model = "selling") -> Sparse:
    """A model's shipped weights, mapped once per process."""
    return map_sparse(data_dir() / "selling" / f"{model}.bin")


def encode(table: Mapping[int, float]) -> bytes:
    """Weights in the shipped layout: every bucket (uint32, ascending), then every weight."""
    buckets = sorted(table)
    return struct.pack(f"<{len(buckets)}I", *buckets) + struct.pack(
        f"<{len(buckets)}f", *(table[b] for b in buckets)
    )


def decode(raw: bytes) -> dict[int, float]:
    """The inverse of ``encode``, as a dict (for training and tests; scoring reads
    ``read_sparse``, the same layout without building the dict)."""
    found = read_sparse(raw)
    return dict(zip(found.buckets, found.values, strict=True))


@dataclass(frozen=True)
class Thresholds:
    """One kind's thresholds (``data/selling/model.toml``; ``Verdict`` says what each does)."""

    sells: float
    confirms: float
    overrules: float

    def verdict(self, score: float, evidence: str) -> Verdict:
        plausible = score >= self.confirms
        return Verdict(
            score,
            score >= self.sells,
            plausible,
            score >= self.overrules,
            evidence if plausible else "",
        )


@cache
def thresholds(domain: Domain) -> Thresholds:
    """The kind's thresholds, read once."""
    table = load_toml("selling/model.toml")[domain]
    return Thresholds(
        float(table["sells"]), float(table["confirms"]), float(table.get("overrules", 1.0))
    )


def score(
    text: str,
    domain: Domain,
    cues: Mapping[str, float] | None = None,
    model: Model = "selling",
    *,
    folded: bool = False,
) -> float:
    """The probability that ``text``, read as a ``domain`` text, sells (or, for the ``stock``
    model, is a stock line); ``folded`` when the caller already folded it."""
    return sigmoid(_fast_logit(text, domain, cues, model, folded))


def stock_threshold() -> float:
    """The stock score from which a note with no stated purpose is a stock line."""
    return float(load_toml("selling/model.toml")["stock"]["is_stock"])


def judge(
    text: str,
    domain: Domain,
    cues: Mapping[str, float] | None = None,
    *,
    folded: str | None = None,
    quote: bool = True,
) -> Verdict:
    """Score ``text`` against its kind's thresholds; quote the sentence that sells most.

    ``folded`` is ``fold(text)`` when the caller has it (the triage does): not redone.
    ``quote=False`` leaves the evidence empty, for a caller that asks ``top_sentence``
    only when it shows the verdict (scoring each sentence costs as much as the text)."""
    value = (
        score(folded, domain, cues, folded=True)
        if folded is not None
        else score(text, domain, cues)
    )
    limits = thresholds(domain)
    evidence = top_sentence(text, domain) if quote and value >= limits.confirms else ""
    return limits.verdict(value, evidence)


def sentence_scores(
    sentences: Sequence[str],
    domain: Domain,
    cues: Sequence[Mapping[str, float]] = (),
    folded: Sequence[str] | None = None,
) -> list[tuple[float, str]]:
    """Each sentence's score and the clause that gave it; ``cues`` are each sentence's cue
    counts and ``folded`` its folded text (when the caller has it), in order.

    A sentence sells as much as its most selling clause: a decline joins its reason and an
    offer in one sentence ("I keep LinkedIn for people I've met, but our studio has two
    slots open this autumn"), and scored whole, the reason's clean words drown the offer.
    A clause of fewer than three words ("Hi Lee,", "Best,") scores 0 unless a cue matched
    in its sentence: nothing that short sells by its words alone.
    """
    out = []
    for parts in clause_parts(sentences, cues, folded):
        best = (0.0, "")
        for clause, folded_clause, own in parts:
            value = sigmoid(_fast_logit(folded_clause, domain, own, folded=True))
            if value > best[0]:
                best = (value, clause)
        out.append(best)
    return out


Part = tuple[str, str, Mapping[str, float] | None]
"""A clause as written, folded, and its sentence's cue counts."""


def clause_parts(
    sentences: Sequence[str],
    cues: Sequence[Mapping[str, float]] = (),
    folded: Sequence[str] | None = None,
) -> list[list[Part]]:
    """The clauses of each sentence that are scored (the trainer reads the same ones)."""
    out = []
    for index, sentence in enumerate(sentences[:_MAX_SENTENCES]):
        own = cues[index] if index < len(cues) else None
        flat = folded[index] if folded is not None else fold(sentence)
        same = len(flat) == len(sentence)
        parts = []
        for start, end in _clause_spans(flat):
            clause = sentence[start:end] if same else flat[start:end]
            if scored(flat[start:end], own):
                parts.append((clause, flat[start:end], own))
        out.append(parts)
    return out


_MAX_SENTENCES = 60
"""A reply is read to its sixtieth sentence: a real one has under ten."""

_CLAUSE = regex(
    r"(?:\s*[,;:—–]\s+|\s+)(?=(?:but|though|although|however|and if|by the way|otherwise|"
    r"mais|et si|par contre|cependant|d'ailleurs|sinon|au fait|en revanche)\b)"
    r"|\s*[;:—–]\s+",
    re.IGNORECASE,
)


_TURN = regex(
    r"[;:—–]|\b(?:but|though|although|however|and if|by the way|otherwise|mais|et si|"
    r"par contre|cependant|d'ailleurs|sinon|au fait|en revanche)\b",
    re.IGNORECASE,
)
"""Any place ``_CLAUSE`` could cut: most sentences have none, and one search tells."""


def _clause_spans(text: str) -> list[tuple[int, int]]:
    """Where each clause of a sentence starts and ends: cut before a turn ("but", "mais",
    "by the way", "d'ailleurs") or at a semicolon, colon or dash, outer spaces trimmed."""
    spans, start = [], 0
    cuts = _CLAUSE.finditer(text, 0, MAX_CHARS) if _TURN.search(text, 0, MAX_CHARS) else ()
    for cut in cuts:
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, min(len(text), MAX_CHARS)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if a < b:
            out.append((a, b))
    return out


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, as ``sentence_scores`` cuts them."""
    return [sentence[a:b] for a, b in _clause_spans(sentence)]


def scored(folded_part: str, cues: Mapping[str, float] | None) -> bool:
    """Whether ``sentence_scores`` scores this (folded) clause."""
    return bool(cues and any(cues.values())) or len(_TOKEN.findall(folded_part, 0, 80)) >= 3


def judge_sentences(scores: Sequence[tuple[float, str]], domain: Domain) -> Verdict:
    """A text sells as much as its most selling clause (``scores`` from ``sentence_scores``),
    which is the evidence.

    Why: a reply is mostly a courteous decline, and a pitch in it is one clause ("by the
    way, my studio builds stores from $2,000"). Scored as a whole, the decline's many
    clean words drown it; scored alone, it stands out.
    """
    value, best = max(scores, default=(0.0, ""))
    return thresholds(domain).verdict(value, best)


def thanks(sentence: str) -> bool:
    """Whether a sentence thanks or appreciates (``model.toml`` ``[appreciation]``)."""
    marks = _appreciation_prefixes()
    return any(token.startswith(marks) for token in _TOKEN.findall(fold(sentence)))


_BREAK = regex(r"(?<=[.!?…])\s+|\n+")


def top_sentence(text: str, domain: Domain) -> str:
    """The sentence whose own words weigh most towards selling.

    Scored without the bias and the cue counts, so sentences compare on their words alone.
    """
    bias = _fast_logit("", domain)
    best, best_logit = "", -math.inf
    for sentence in _pieces(text):
        value = _fast_logit(sentence, domain) - bias
        if value > best_logit:
            best, best_logit = sentence, value
    return best


def _pieces(text: str) -> Iterator[str]:
    for piece in _BREAK.split(text[:MAX_CHARS]):
        if piece.strip():
            yield piece.strip()
