"""Rebuild the selling detector's weights from the corpus: ``python training/train_selling.py``.

The corpus is ``training/selling/*.jsonl`` (one text a line: ``lang``, ``domain`` note,
followup or reply, ``kind``, ``selling`` true/false, ``text``, ``source``; README "Selling
detector" says who wrote which file). One logistic regression over
``tactful.selling.features`` learns the three kinds of text at once, with the cue counts
of the triage (notes, follow-ups) or of the validator (replies) as extra features, so it
learns what the words add to the cues. A second one, on the notes alone, learns which
are stock lines (``kind`` stock). Training is plain stochastic gradient descent in file
order with fixed settings: the same corpus gives the same weights, which a test compares
with the shipped ``src/tactful/data/selling/<model>.bin``. No numpy: a few thousand
lines take seconds.

``--check`` prints five-fold cross-validated precision and recall per kind of text at a
few thresholds (how ``data/selling/model.toml``'s were chosen) and writes nothing.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tactful.resources import data_dir
from tactful.selling import (
    DOMAINS,
    MODELS,
    Domain,
    Model,
    clause_parts,
    encode,
    features,
    logit,
    sigmoid,
)

CORPUS = Path(__file__).resolve().parent / "selling"
SHIPPED = data_dir() / "selling"

EPOCHS = 10
RATE = 0.1
L2 = 1e-4
PRUNE = 2e-3
"""Weights smaller than this are left out of the shipped file: they move no verdict."""


@dataclass(frozen=True)
class Example:
    """One labelled text of the corpus."""

    lang: str
    domain: Domain
    text: str
    selling: bool
    stock: bool

    def label(self, model: Model) -> float:
        """1 when the text is what ``model`` detects, else 0."""
        return 1.0 if (self.selling if model == "selling" else self.stock) else 0.0


def examples_for(model: Model, examples: Sequence[Example]) -> list[Example]:
    """What a model learns from: every text for ``selling``, the notes for ``stock``."""
    return [e for e in examples if model == "selling" or e.domain == "note"]


def load(folder: Path = CORPUS) -> list[Example]:
    """Every example of the corpus, in file-name and line order."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(
                    Example(
                        row["lang"],
                        row["domain"],
                        row["text"],
                        bool(row["selling"]),
                        row["kind"] == "stock",
                    )
                )
    return out


Bag = list[dict[int, float]]
"""A text as the model reads it: one feature set (a note, a follow-up) or one per sentence
(a reply, scored as its most selling clause: ``tactful.selling.sentence_scores``)."""


def bag(example: Example) -> Bag:
    """The features the runtime caller scores for this text, with its cue counts."""
    if example.domain == "reply":
        from tactful.validation.lexicon import lexicon
        from tactful.validation.pitch import offer_cues
        from tactful.validation.reply import Reply

        reply = Reply.read(example.text, lexicon(example.lang))
        parts = clause_parts(reply.units, offer_cues(reply), reply.folded)
        return [features(flat, "reply", c, folded=True) for one in parts for _, flat, c in one]
    from tactful.reading.kinds import selling_cues

    return [features(example.text, example.domain, selling_cues(example.text, example.lang))]


def vectors(examples: Sequence[Example], model: Model = "selling") -> list[tuple[Bag, float]]:
    """Each example's bag and its label for ``model``."""
    return [(bag(e), e.label(model)) for e in examples]


def _top(table: dict[int, float], parts: Bag) -> tuple[dict[int, float], float]:
    """The bag's most selling part under the current weights, and its logit."""
    return max(((found, logit(table, found)) for found in parts), key=lambda p: p[1])


def train(rows: Sequence[tuple[Bag, float]]) -> dict[int, float]:
    """Logistic regression by SGD on each bag's top part (its score is its top part's);
    classes weighed to balance; rows in the given order."""
    positives = sum(label for _, label in rows) or 1.0
    negatives = (len(rows) - positives) or 1.0
    weigh = {1.0: len(rows) / (2 * positives), 0.0: len(rows) / (2 * negatives)}
    table: dict[int, float] = {}
    for epoch in range(EPOCHS):
        rate = RATE / (1 + epoch)
        shrink = 1 - rate * L2
        for parts, label in rows:
            found, value = _top(table, parts) if parts else ({}, 0.0)
            step = rate * weigh[label] * (label - sigmoid(value))
            for bucket, count in found.items():
                table[bucket] = table.get(bucket, 0.0) * shrink + step * count
    return {b: round(w, 5) for b, w in table.items() if abs(w) >= PRUNE}


def cross_validate(
    examples: Sequence[Example], folds: int = 5, model: Model = "selling"
) -> list[tuple[Domain, float, bool]]:
    """(kind, score, label) for every example, each scored by a model that never saw it."""
    rows = vectors(examples, model)
    out: list[tuple[Domain, float, bool]] = []
    for fold in range(folds):
        table = train([r for i, r in enumerate(rows) if i % folds != fold])
        for i, (parts, label) in enumerate(rows):
            if i % folds == fold:
                value = _top(table, parts)[1] if parts else 0.0
                out.append((examples[i].domain, sigmoid(value), label == 1.0))
    return out


def report(scored: Sequence[tuple[Domain, float, bool]], cuts: Sequence[float]) -> str:
    """Precision and recall per kind of text at each threshold."""
    lines = []
    for domain in DOMAINS:
        pairs = [(s, y) for d, s, y in scored if d == domain]
        if not pairs:
            continue
        lines.append(f"{domain}: {len(pairs)} texts, {sum(y for _, y in pairs)} positive")
        for cut in cuts:
            tp = sum(1 for s, y in pairs if s >= cut and y)
            fp = sum(1 for s, y in pairs if s >= cut and not y)
            fn = sum(1 for s, y in pairs if s < cut and y)
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            lines.append(f"  threshold {cut:.2f}: precision {precision:.3f} recall {recall:.3f}")
    return "\n".join(lines)


def build(model: Model, folder: Path = CORPUS) -> bytes:
    """The weights file of ``model`` the corpus gives, as bytes."""
    return encode(train(vectors(examples_for(model, load(folder)), model)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate; write nothing")
    args = parser.parse_args(argv)
    examples = load()
    for model in MODELS:
        mine = examples_for(model, examples)
        if args.check:
            print(f"[{model}]")
            print(report(cross_validate(mine, model=model), (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)))
            continue
        raw = build(model)
        SHIPPED.mkdir(parents=True, exist_ok=True)
        (SHIPPED / f"{model}.bin").write_bytes(raw)
        print(f"{model}: {len(mine)} texts; wrote {len(raw) // 8:,} weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
