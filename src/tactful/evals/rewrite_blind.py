"""How ``tactful rewrite`` (offline engine) does on the blind set of invitations.

``evals/rewrite/blind.jsonl`` holds invitations written before any tuning, each with
the expected inviter first name (or null), whether the note is personal, the words a
good reply should echo, whether the note says the two already met, and words that must
never reach a reply (injected text, links, sales claims). For every note and both
styles this prints, per language and style:

* valid: a draft passed the project's validator (no ``NoValidDraftError``);
* short: short replies are exactly two sentences and at most 300 characters;
* inviter: the analysis found the expected inviter (or none) and the reply names them;
* echo: personalised notes whose reply names what the note talked about;
* leaks: a forbidden word, a link, or thanks for a personal note / a proposal given
  to a stock line or a pitch;
* met: replies to notes saying "we met" whose rationale claims they have not.

Usage: ``python -m tactful.evals.rewrite_blind [PATH.jsonl] [--verbose]``; PATH
defaults to ``evals/rewrite/blind.jsonl`` (``blind2.jsonl`` is the second held-out round).
The test ``tests/test_rewrite_blind.py`` gates the same figures.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tactful.resources import shipped_dir

if TYPE_CHECKING:
    from tactful.pipeline import Result

BLIND = shipped_dir("evals") / "rewrite" / "blind.jsonl"

# Thanks a stock line or a pitch must never get (it has no personal note, no proposal).
WRONG_THANKS = {
    "en": [
        "personal note",
        "personal message",
        "personalised",
        "proposal",
        "project details",
        "role details",
        "thinking of me for this",
        "this idea",
    ],
    "fr": [
        "mot personnel",
        "message personnalisé",
        "proposition",
        "détails du projet",
        "détails du poste",
        "pour ce projet",
        "pour l'idée",
    ],
}
# A rationale that says the two have not met yet, to a note saying they have.
NOT_MET = {
    "en": [
        "haven't had that chance",
        "haven't crossed paths",
        "haven't met",
        "until that happens",
        "people i've met",
        "people i have met",
        "only connect with",
    ],
    "fr": [
        "pas encore eu cette occasion",
        "pas encore croisés",
        "que ce soit le cas",
        "pas encore rencontré",
        "personnes rencontrées",
        "personnes que j'ai rencontrées",
        "ne me connecte qu'avec",
    ],
}


@dataclass
class Tally:
    """Counts for one language and style."""

    notes: int = 0
    valid: int = 0
    short_ok: int = 0
    short_n: int = 0
    inviter_ok: int = 0
    echo_ok: int = 0
    echo_n: int = 0
    leaks: int = 0
    met_bad: int = 0
    failures: list[str] = field(default_factory=list)


def load(path: Path = BLIND) -> list[dict[str, Any]]:
    """The blind set, one dict per invitation."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _has(message: str, needle: str) -> bool:
    from tactful.text import fold

    return fold(needle) in fold(message)


def offline_reply(text: str, style: str, tag: str, failures: list[str]) -> Result | None:
    """The offline engine's reply to a blind note, or ``None`` once ``failures`` says why
    there is none (no valid draft, or the note refused). Shared by the blind measures."""
    import tactful
    from tactful.errors import NoValidDraftError, TactfulError

    try:
        return tactful.rewrite(text, style=style, engine="offline")
    except NoValidDraftError as exc:
        failures.append(f"{tag}: invalid ({exc})")
    except TactfulError as exc:  # e.g. the language was not recognised: a failed note
        failures.append(f"{tag}: refused ({exc})")
    return None


def reply_head(message: str, style: str) -> str:
    """Where a reply greets: the whole short reply, the first line of a long one."""
    return message if style == "short" else message.split("\n", 1)[0]


def score(case: dict[str, Any], style: str, tally: Tally) -> None:
    """Rewrite one note in one style and add what happened to ``tally``."""
    from tactful.text import fold, sentences

    tally.notes += 1
    tag = f"{case['id']}/{style}"
    result = offline_reply(case["text"], style, tag, tally.failures)
    if result is None:
        return
    message = result.message
    if result.validation.valid and result.lang == case["lang"]:
        tally.valid += 1
    else:
        tally.failures.append(f"{tag}: lang {result.lang}")
    if style == "short":
        tally.short_n += 1
        if len(sentences(message)) == 2 and len(message) <= 300:
            tally.short_ok += 1
        else:
            tally.failures.append(f"{tag}: short form: {message!r}")
    expected = case["inviter"]
    found = result.analysis.inviter
    head = reply_head(message, style)
    if expected is None:
        ok = found is None
    else:
        ok = found is not None and fold(found) == fold(expected) and expected in head
    if ok:
        tally.inviter_ok += 1
    else:
        tally.failures.append(f"{tag}: inviter {found!r}, expected {expected!r}")
    if case["personalised"]:
        tally.echo_n += 1
        if any(_has(message, word) for word in case["echo"]):
            tally.echo_ok += 1
        else:
            tally.failures.append(
                f"{tag}: no echo of {case['echo']}: {result.parts.appreciation!r}"
            )
    leaked = [w for w in case["forbid"] if _has(message, w)]
    leaked += [w for w in ("http", "www.") if w in message]
    if case["category"] in ("stock", "sales", "empty") or not case["personalised"]:
        leaked += [w for w in WRONG_THANKS[case["lang"]] if _has(message, w)]
    if leaked:
        tally.leaks += 1
        tally.failures.append(f"{tag}: leaked {leaked}: {message!r}")
    if case["met"]:
        claims = [w for w in NOT_MET[case["lang"]] if _has(message, w)]
        if claims:
            tally.met_bad += 1
            tally.failures.append(f"{tag}: says not met {claims}: {result.parts.rationale!r}")


def measure(cases: list[dict[str, Any]]) -> dict[tuple[str, str], Tally]:
    """Tallies per (language, style), plus ("all", "all")."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for case in cases:
        for style in ("long", "short"):
            one = Tally()
            score(case, style, one)
            for key in ((case["lang"], style), ("all", "all")):
                _add(tallies[key], one)
    return dict(tallies)


def _add(into: Tally, one: Tally) -> None:
    for name in (
        "notes",
        "valid",
        "short_ok",
        "short_n",
        "inviter_ok",
        "echo_ok",
        "echo_n",
        "leaks",
        "met_bad",
    ):
        setattr(into, name, getattr(into, name) + getattr(one, name))
    into.failures.extend(one.failures)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv if not arg.startswith("--")]
    tallies = measure(load(paths[0] if paths else BLIND))
    print(
        f"{'lang/style':<12} {'n':>3} {'valid':>6} {'short':>6} {'inviter':>7} "
        f"{'echo':>6} {'leaks':>5} {'met':>4}"
    )
    for key in sorted(tallies, key=lambda k: (k[0] == "all", k)):
        t = tallies[key]
        print(
            f"{key[0] + '/' + key[1]:<12} {t.notes:>3} {_ratio(t.valid, t.notes):>6} "
            f"{_ratio(t.short_ok, t.short_n):>6} {_ratio(t.inviter_ok, t.notes):>7} "
            f"{_ratio(t.echo_ok, t.echo_n):>6} {t.leaks:>5} {t.met_bad:>4}"
        )
    if "--verbose" in argv:
        for line in tallies[("all", "all")].failures:
            print(" -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
