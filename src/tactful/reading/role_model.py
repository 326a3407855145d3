"""Who the inviter is, learnt: a small multiclass linear model over the note's words.

The role decides what a reply may say (a job seeker is never asked for "the role", an
organiser's event is where to meet). Cue lists read it well on the notes they were written
beside and poorly on fresh ones: on the first runs of blind rounds 8-11 they agreed with
the authors' labels on 0.70-0.80 of the notes. A softmax regression over the same hashed
words, word pairs and word pieces as the selling detector (``tactful.selling.buckets``),
trained on the labelled reading sets, agrees on 0.88 of them left one round out
(``python training/train_roles.py --check``), 0.90-0.95 on rounds 8-11: the words of a
whole note carry the role better than a list of phrases can.

The model reads the role; the cues keep what they do best. A stock line and a note the
selling detector calls a sale keep their verdicts (``generic``, ``seller``), the model
never turns a note into a sale on its own, and below ``threshold`` (data/roles/model.toml)
the cue reading stands.

The weights are data (``data/roles/roles.bin``: bucket numbers as uint32, then one float32
per role for each bucket), read with the standard library once per process.
"""

from __future__ import annotations

import math
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from tactful.resources import data_dir, load_toml
from tactful.selling import buckets


@dataclass(frozen=True)
class Model:
    """The shipped model: its roles in column order, its weights by bucket, its threshold."""

    roles: tuple[str, ...]
    buckets: array[int]
    """The buckets that have weights, ascending: a bucket's index here is its row in
    ``weights`` (found by bisection: loading it is one copy, no dict to build)."""
    weights: array[float]
    threshold: float
    kept: frozenset[str] = frozenset()
    """Roles the cues read from explicit words, which stand when the cues read them."""
    sure: float = 1.0
    sure_over: frozenset[str] = frozenset()
    """Cue roles the model overrides only from probability ``sure``."""
    hiring_only: frozenset[str] = frozenset()
    """Roles the model gives only to a note that speaks of hiring."""


def encode(roles: Sequence[str], table: Mapping[int, Sequence[float]]) -> bytes:
    """Weights in the shipped layout: every bucket (uint32, ascending), then its row."""
    keys = sorted(table)
    flat = [w for bucket in keys for w in table[bucket]]
    assert all(len(table[b]) == len(roles) for b in keys)
    return struct.pack(f"<{len(keys)}I", *keys) + struct.pack(f"<{len(flat)}f", *flat)


def decode(raw: bytes, width: int) -> tuple[array[int], array[float]]:
    """The inverse of ``encode``: the buckets, and their rows end to end."""
    count = len(raw) // (4 * (1 + width))
    keys = array("I")
    keys.frombytes(raw[: 4 * count])
    weights = array("f")
    weights.frombytes(raw[4 * count :])
    if sys.byteorder == "big":  # pragma: no cover - the file is little-endian
        keys.byteswap()
        weights.byteswap()
    return keys, weights


@cache
def model() -> Model:
    """The shipped model, read once per process."""
    settings = load_toml("roles/model.toml")
    roles = tuple(settings["roles"])
    keys, weights = decode((data_dir() / "roles" / "roles.bin").read_bytes(), len(roles))
    return Model(
        roles,
        keys,
        weights,
        float(settings["threshold"]),
        kept=frozenset(settings.get("kept", ())),
        sure=float(settings.get("sure", 1.0)),
        sure_over=frozenset(settings.get("sure_over", ())),
        hiring_only=frozenset(settings.get("hiring_only", ())),
    )


def probabilities(text: str, found: Model | None = None) -> dict[str, float]:
    """Each role's probability for a note's text (normalised, untrusted parts removed)."""
    current = found or model()
    width = len(current.roles)
    scores = [0.0] * width
    keys = current.buckets
    for bucket in buckets(text, "note"):
        row = bisect_left(keys, bucket)
        if row < len(keys) and keys[row] == bucket:
            start = row * width
            for k, weight in enumerate(current.weights[start : start + width]):
                scores[k] += weight
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {role: e / total for role, e in zip(current.roles, exps, strict=True)}


def learnt_role(text: str, fallback: str, *, hiring: bool) -> str:
    """The model's role for the note when it is sure enough, else ``fallback`` (the cues').

    The model never makes a seller or a stock line: whether a note sells or says nothing
    of its own is the selling and stock detectors' call, made before this is asked. A role
    the cues read from explicit words (``kept``) stands; some give way only to a surer
    model (``sure_over``); a candidate needs a note that speaks of ``hiring``.
    """
    found = model()
    if fallback in found.kept:
        return fallback
    chances = probabilities(text, found)
    role = max(chances, key=chances.__getitem__)
    needed = found.sure if fallback in found.sure_over else found.threshold
    if role in ("seller", "generic") or chances[role] < needed:
        return fallback
    if role in found.hiring_only and not hiring:
        return fallback
    return role
