"""Who the inviter is, learnt: a small multiclass linear model over the note's words.

The role decides what a reply may say (a job seeker is never asked for "the role", an
organiser's event is where to meet). Cue lists read it well on the notes they were written
beside and poorly on fresh ones: on the first runs of blind rounds 8-12 they agreed with the
authors' labels on 0.68-0.86 of the notes. A softmax regression over the same hashed words,
word pairs and word pieces as the selling detector (``tactful.selling.buckets``), each note
a vector of unit length, trained on the labelled reading sets and on notes written for
training, agrees on 0.89-0.99 of each round left out
(``python training/train_roles.py --check``): the words of a whole note carry the role
better than a list of phrases can.

The model reads the role; the other detectors keep their calls. A stock line and a note the
selling detector calls a sale keep their verdicts (``generic``, ``seller``), the model never
turns a note into a sale or a stock line on its own, a candidate needs a note that speaks of
hiring, and below ``threshold`` (data/roles/model.toml) the cue reading stands.

The weights are data (``data/roles/roles.bin``: bucket numbers as uint32, then one float32
per role for each bucket), mapped (``tactful.selling.map_sparse``) once per process.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from tactful.resources import data_dir, load_toml
from tactful.selling import Sparse, buckets, map_sparse, read_sparse


@dataclass(frozen=True)
class Model:
    """The shipped model: its roles in column order, its weights by bucket, its threshold."""

    roles: tuple[str, ...]
    table: Sparse
    """One row of weights per bucket, a column per role (found by bisection, as the
    selling detector's)."""
    threshold: float
    hiring_only: frozenset[str] = frozenset()
    """Roles the model gives only to a note that speaks of hiring."""


def encode(roles: Sequence[str], table: Mapping[int, Sequence[float]]) -> bytes:
    """Weights in the shipped layout: every bucket (uint32, ascending), then its row."""
    keys = sorted(table)
    flat = [w for bucket in keys for w in table[bucket]]
    assert all(len(table[b]) == len(roles) for b in keys)
    return struct.pack(f"<{len(keys)}I", *keys) + struct.pack(f"<{len(flat)}f", *flat)


def decode(raw: bytes, roles: Sequence[str]) -> Sparse:
    """The inverse of ``encode``."""
    return read_sparse(raw, len(roles))


@cache
def model() -> Model:
    """The shipped model, read once per process."""
    settings = load_toml("roles/model.toml")
    roles = tuple(settings["roles"])
    return Model(
        roles,
        map_sparse(data_dir() / "roles" / "roles.bin", len(roles)),
        float(settings["threshold"]),
        hiring_only=frozenset(settings.get("hiring_only", ())),
    )


def feature_value(count: int) -> float:
    """Each feature's value in a note with ``count`` of them: the vector has unit length.

    With every feature worth 1, a long formal letter added up hundreds of weights and the
    model was all but certain of anything ("Maître, ... votre chronique" read as a referral
    at 0.99); at unit length a long note is as sure as its words are, not as it is long.
    """
    return 1.0 / math.sqrt(count) if count else 0.0


def probabilities(text: str, found: Model | None = None) -> dict[str, float]:
    """Each role's probability for a note's text (normalised, untrusted parts removed)."""
    current = found or model()
    width = len(current.roles)
    scores = [0.0] * width
    table = current.table
    present = buckets(text, "note")
    value = feature_value(len(present))
    for bucket in present:
        row = table.row(bucket)
        if row >= 0:
            start = row * width
            for k, weight in enumerate(table.values[start : start + width]):
                scores[k] += weight * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {role: e / total for role, e in zip(current.roles, exps, strict=True)}


def sure_role(text: str) -> str | None:
    """The model's role for the note when its probability reaches ``threshold``, else None."""
    found = model()
    chances = probabilities(text, found)
    role = max(chances, key=chances.__getitem__)
    return role if chances[role] >= found.threshold else None


def learnt_role(sure: str | None, fallback: str, *, hiring: bool) -> str:
    """The model's ``sure`` role (``sure_role``) when it has one, else ``fallback`` (the cues').

    The model never makes a seller or a stock line: whether a note sells or says nothing
    of its own is the selling and stock detectors' call, made before this is asked. A
    candidate needs a note that speaks of ``hiring``.
    """
    if sure is None or sure in ("seller", "generic"):
        return fallback
    if sure in model().hiring_only and not hiring:
        return fallback
    return sure
