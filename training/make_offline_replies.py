"""Write ``training/selling/offline_replies.jsonl``: the offline engine's declines, all clean.

Why: the replies the selling detector must never call a pitch are, first of all, the
ones Tactful writes itself. Authors' clean replies mostly thank a seller for their
offer; the engine's cover every other kind of note (a talk, a recruiter, a stock line),
in both styles. Each corpus note is answered once, styles alternating (a reply given
twice is kept once), with the
validator's cue lists alone judging the pitch (``no_pitch`` must not consult the model
being trained). Deterministic: the engine's seed comes from the note.

``python training/make_offline_replies.py`` rewrites the file; then rebuild the weights
with ``python training/train_selling.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "selling"
OUT = CORPUS / "offline_replies.jsonl"
NOTE_FILES = ("en_notes.jsonl", "fr_notes.jsonl")


def main() -> int:
    import tactful.selling
    import tactful.validation.pitch
    from tactful.errors import TactfulError
    from tactful.pipeline import rewrite

    # The detector being trained stays silent: it never calls a text selling on its own and
    # never overrules a cue list, so the triage and no_pitch judge as their lexicons do.
    def silent(domain: tactful.selling.Domain) -> tactful.selling.Thresholds:
        return tactful.selling.Thresholds(sells=2.0, confirms=0.0, overrules=2.0)

    tactful.selling.thresholds = silent  # type: ignore[assignment]
    tactful.validation.pitch.thresholds = silent  # type: ignore[assignment,attr-defined]

    rows = []
    written: set[str] = set()
    for name in NOTE_FILES:
        for number, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines()):
            note = json.loads(line)
            style = "long" if number % 2 else "short"
            try:
                result = rewrite(note["text"], style=style, lang=note["lang"], engine="offline")
            except TactfulError:
                continue
            if result.message in written:  # stock notes get the same reply: count it once
                continue
            written.add(result.message)
            rows.append(
                {
                    "lang": note["lang"],
                    "domain": "reply",
                    "kind": "clean",
                    "selling": False,
                    "source": f"offline {style} reply to {name} line {number + 1}",
                    "text": result.message,
                }
            )
    with OUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} replies to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
