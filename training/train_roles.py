"""Rebuild the role model's weights from the labelled notes: ``python training/train_roles.py``.

The corpus is every labelled reading set, ``evals/rewrite/reading*.jsonl`` (notes written by
blind authors, one round a file, each labelled with the inviter's role; README "Reading the
note" says who wrote which round), and ``training/roles/*.jsonl``, labelled notes written by
other blind authors for training only, short ones and look-alikes above all.

One softmax regression over ``tactful.selling.buckets`` (the selling detector's words, word
pairs and word pieces, each worth ``role_model.feature_value``) learns the fourteen roles;
``researcher/journalist`` and ``journalist`` are one role, ``researcher``, as the replies
treat them alike. Training is plain stochastic gradient descent in an order fixed by the
epoch number, with fixed settings: the same notes give the same weights, which a test
compares with the shipped ``src/tactful/data/roles/roles.bin``. No numpy: fifteen hundred
notes take about ten seconds.

``--check`` trains once per round with that round left out and prints, per round, how often
the model alone, the cue reading alone and the two as shipped (the model from its threshold,
else the cues) agree with the labels on the round it never saw. Writes nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tactful.reading import cues, role_model
from tactful.reading.analysis import read_note
from tactful.reading.lexicon import lexicon
from tactful.reading.role_model import (
    Model,
    decode,
    encode,
    feature_value,
    model,
    probabilities,
)
from tactful.resources import data_dir, load_toml
from tactful.selling import buckets
from tactful.text import normalise

CORPUS = Path(__file__).resolve().parents[1] / "evals" / "rewrite"
EXTRA = Path(__file__).resolve().parent / "roles"
SHIPPED = data_dir() / "roles"
SAME = {"researcher/journalist": "researcher", "journalist": "researcher"}

EPOCHS = 15
RATE = 5.0
L2 = 1e-4
PRUNE = 2e-3
"""Rows whose every weight is smaller than this are left out of the shipped file."""


@dataclass(frozen=True)
class Note:
    """One labelled note: its round (the file it comes from), language, text and role."""

    round: str
    lang: str
    text: str
    role: str

    def words(self) -> list[int]:
        """The note's features, read as the runtime reads them: normalised, links and
        injected orders removed."""
        safe = cues.strip_untrusted(normalise(self.text), lexicon(self.lang))
        return sorted(buckets(safe, "note"))


def load(folder: Path = CORPUS, extra: Path = EXTRA) -> list[Note]:
    """Every labelled note, in file-name and line order: the reading rounds (each its own
    round), then the notes written for training only (round ``train``, never held out)."""
    out = []
    paths = sorted(folder.glob("reading*.jsonl")) + sorted(extra.glob("*.jsonl"))
    for path in paths:
        name = (path.stem.removeprefix("reading") or "1") if path.parent == folder else "train"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(Note(name, row["lang"], row["text"], SAME.get(row["role"], row["role"])))
    return out


def train(rows: Sequence[tuple[list[int], int]], width: int) -> dict[int, list[float]]:
    """Softmax regression by SGD; each epoch visits the rows in its own fixed order."""
    table: dict[int, list[float]] = {}
    order = list(range(len(rows)))
    for epoch in range(EPOCHS):
        random.Random(epoch).shuffle(order)
        shrink = 1 - RATE * L2
        for i in order:
            found, label = rows[i]
            value = feature_value(len(found))
            weights = [table.setdefault(bucket, [0.0] * width) for bucket in found]
            sums = [sum(column) for column in zip(*weights, strict=True)] or [0.0] * width
            scores = [total * value for total in sums]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            steps = [
                RATE * value * ((1.0 if k == label else 0.0) - e / total)
                for k, e in enumerate(exps)
            ]
            for row in weights:
                for k in range(width):
                    row[k] = row[k] * shrink + steps[k]
    return {
        bucket: [round(w, 5) for w in row]
        for bucket, row in table.items()
        if max(abs(w) for w in row) >= PRUNE
    }


def build(notes: Sequence[Note], roles: Sequence[str]) -> bytes:
    """The weights file the notes give, as bytes."""
    rows = [(note.words(), roles.index(note.role)) for note in notes]
    return encode(roles, train(rows, len(roles)))


def check(notes: Sequence[Note], shipped: Model) -> str:
    """Agreement with the labels on each round, by a model trained without it: the model
    alone, the cue reading alone (a threshold no probability reaches) and the two as
    shipped. ``read_note`` is run with the fold's model in place of the shipped one."""
    lines = ["round  notes  model  cues  shipped"]
    for name in sorted({n.round for n in notes if n.round.isdigit()}, key=int):
        held = [n for n in notes if n.round == name]
        table = decode(build([n for n in notes if n.round != name], shipped.roles), shipped.roles)
        fold = replace(shipped, table=table)
        hits = [0, 0, 0]
        for note in held:
            safe = cues.strip_untrusted(normalise(note.text), lexicon(note.lang))
            chances = probabilities(safe, fold)
            hits[0] += max(chances, key=chances.__getitem__) == note.role
            for column, used in ((1, replace(fold, threshold=2.0)), (2, fold)):
                role_model.model = lambda used=used: used  # type: ignore[assignment]
                hits[column] += read_note(note.text, lang=note.lang).role == note.role
        rates = "  ".join(f"{h / len(held):.2f}" for h in hits)
        lines.append(f"{name:>5}  {len(held):>5}  {rates}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave each round out; write nothing")
    args = parser.parse_args(argv)
    notes = load()
    if args.check:
        print(check(notes, model()))
        return 0
    roles = load_toml("roles/model.toml")["roles"]
    raw = build(notes, roles)
    SHIPPED.mkdir(parents=True, exist_ok=True)
    (SHIPPED / "roles.bin").write_bytes(raw)
    print(f"roles: {len(notes)} notes; wrote {len(raw) // (4 * (1 + len(roles))):,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
