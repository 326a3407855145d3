"""Does the offline reply read the note right? Issue 12's measures on a labelled set.

Each case in ``evals/rewrite/reading*.jsonl`` is a note written by someone who never saw
the lexicons or phrase banks, labelled by its author: who the inviter is (``role``:
recruiter, candidate, student, seller, organiser, fan, ...), the inviter's name and
company, the phrase naming what the note is about (``subject``) and a next step the note
itself names (``next_step``). For both styles this reports, per language and style:

* ``same``: replies that share *both* their rationale and their openness word for word
  with another reply of the same language and style (the issue's target: at most 10%);
* ``open``: distinct openness sentences over replies;
* ``role``: the reading's role (``analysis.role``) is the author's label (journalists and
  researchers count as one role);
* ``inviter``: the reply greets the name the inviter signed with (or no name when the
  note is unsigned), and ``company``: replies that greet the inviter's company instead;
* ``subject``: replies to a personal note with a subject that name it (one of its
  content words), sellers and stock lines excepted (they are thanked without an echo);
* ``step``: replies to a note naming a next step (an event, a group, a contact) that
  take it up;
* ``vary``: of the notes where more than one next step fits (short style), those whose
  three ``--variants`` offer at least two different ones;
* ``sold``: notes from anyone but a seller that the reading took for a sale (their
  reply then thanks courteously for nothing and offers no next step);
* ``slips``: role slips any reader would flag: a job seeker, candidate or student
  thanked "for thinking of me", offered "send me the role"; a congratulation or a
  fan's note answered as a request for a role.

These are the machine-countable part; the careful readers' grading (factual errors,
naturalness) is reported beside them in the README. Usage:
``python -m tactful.evals.reading [PATH.jsonl ...] [--verbose]``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tactful.evals.rewrite_blind import offline_reply, reply_head
from tactful.resources import shipped_dir

READING = shipped_dir("evals") / "rewrite" / "reading.jsonl"

NO_ECHO_ROLES = frozenset({"seller", "generic"})
STEP_ROLES = frozenset({"met", "referred", "organiser", "alumni", "peer", "fan"})
# What only a recruiter's note earns; said to anyone else it reverses the roles.
RECRUITER_ONLY = {
    "en": ["thinking of me", "considering my profile", "role details", "the role in mind"],
    "fr": ["pensé à moi", "mon profil", "détails du poste", "poste en tête"],
}
ASKERS = frozenset({"candidate", "job_seeker", "student", "congratulator", "fan"})
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "on",
        "in",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "your",
        "my",
        "our",
        "their",
        "this",
        "that",
        "from",
        "about",
        "how",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "de",
        "du",
        "sur",
        "au",
        "aux",
        "et",
        "ou",
        "avec",
        "votre",
        "vos",
        "mon",
        "ma",
        "mes",
        "notre",
        "nos",
        "ton",
        "ta",
        "tes",
        "ce",
        "cette",
        "pour",
        "dans",
        "en",
        "par",
    ]
)


@dataclass
class Tally:
    """Counts for one language and style."""

    notes: int = 0
    role_ok: int = 0
    inviter_ok: int = 0
    company_greeted: int = 0
    subject_ok: int = 0
    subject_n: int = 0
    step_ok: int = 0
    step_n: int = 0
    slips: int = 0
    sold: int = 0
    genuine: int = 0
    vary_ok: int = 0
    vary_n: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def same(self) -> int:
        """Replies whose (rationale, openness) pair another reply also has."""
        counts = Counter(self.pairs)
        return sum(1 for pair in self.pairs if counts[pair] > 1)

    @property
    def distinct_openness(self) -> int:
        return len({openness for _, openness in self.pairs})


def load(path: Path = READING) -> list[dict[str, Any]]:
    """A labelled set, one dict per note."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _words(text: str) -> set[str]:
    from tactful.text import fold

    return {w for w in re.findall(r"[\w'-]+", fold(text)) if len(w) > 2 and w not in STOPWORDS}


def score(case: dict[str, Any], style: str, tally: Tally) -> None:
    """Rewrite one note in one style and add what happened to ``tally``."""
    from tactful.text import fold

    tally.notes += 1
    tag = f"{case.get('id', case['text'][:40])}/{style}"
    result = offline_reply(case["text"], style, tag, tally.failures)
    if result is None:
        return
    message, parts = result.message, result.parts
    tally.pairs.append((parts.rationale.strip(), parts.openness.strip()))
    head = fold(reply_head(message, style))
    expected = case.get("inviter")
    found = result.analysis.inviter
    if expected:
        ok = found is not None and fold(expected).startswith(fold(found).split()[0])
    else:
        ok = found is None
    if ok:
        tally.inviter_ok += 1
    else:
        tally.failures.append(f"{tag}: inviter {found!r}, expected {expected!r}: {head[:60]!r}")
    company = case.get("company")
    greets_company = found and company and fold(found) in fold(company)
    if greets_company and fold(str(found)) not in fold(expected or ""):
        tally.company_greeted += 1
        tally.failures.append(f"{tag}: greets the company {company!r}: {head[:60]!r}")
    role = case.get("role") or "generic"
    label = "researcher" if role in ("journalist", "researcher/journalist") else role
    if result.analysis.role == label:
        tally.role_ok += 1
    if label != "seller":
        tally.genuine += 1
        if result.analysis.role == "seller":
            tally.sold += 1
            tally.failures.append(f"{tag}: a {label}'s note read as a sale")
    subject = case.get("subject")
    if subject and role not in NO_ECHO_ROLES:
        tally.subject_n += 1
        if _words(subject) & _words(message):
            tally.subject_ok += 1
        else:
            tally.failures.append(f"{tag}: no echo of {subject!r}: {parts.appreciation!r}")
    step = case.get("next_step")
    if step and role in STEP_ROLES:
        tally.step_n += 1
        if _words(step) & _words(parts.openness):
            tally.step_ok += 1
        else:
            tally.failures.append(f"{tag}: next step {step!r} not taken: {parts.openness!r}")
    if role in ASKERS:
        slipped = [w for w in RECRUITER_ONLY[case["lang"]] if w in fold(message)]
        if slipped:
            tally.slips += 1
            tally.failures.append(f"{tag}: {role} answered as a recruiter {slipped}: {message!r}")


def variety(case: dict[str, Any], tally: Tally) -> None:
    """Where several next steps fit, do three ``--variants`` offer more than one?"""
    from tactful.engines.offline import _Bank, _meets, next_steps, plan_reply
    from tactful.errors import TactfulError
    from tactful.pipeline import rewrite_variants
    from tactful.profile import Profile

    try:
        results = rewrite_variants(case["text"], 3, style="short", engine="offline")
    except TactfulError:
        return
    analysis = results[0].analysis
    bank = _Bank(analysis.lang, analysis.register)
    meets = _meets(analysis, Profile())  # the default policy, as rewrite_variants uses
    steps = next_steps(plan_reply(analysis, bank), analysis, bank, "short", meets=meets)
    if len(steps) < 2 or analysis.action == "meet":
        return  # the triage's "meet first" (the user's policy) comes before the note's steps
    tally.vary_n += 1
    kinds = {
        kind
        for result in results
        for kind, templates in steps.items()
        if result.parts.openness in {t.lstrip(" ,;").strip() for t in templates}
    }
    if len(kinds) >= 2:
        tally.vary_ok += 1
    else:
        tag = case.get("id", case["text"][:40])
        tally.failures.append(f"{tag}/variants: one next step of {sorted(steps)}: {kinds}")


def measure(cases: list[dict[str, Any]]) -> dict[tuple[str, str], Tally]:
    """Tallies per (language, style); the variants measure counts under the short style."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for case in cases:
        for style in ("long", "short"):
            score(case, style, tallies[(case["lang"], style)])
        variety(case, tallies[(case["lang"], "short")])
    return dict(tallies)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv if not arg.startswith("--")] or [READING]
    cases = [case for path in paths for case in load(path)]
    tallies = measure(cases)
    print(
        f"{'lang/style':<10} {'n':>4} {'same':>6} {'open':>6} {'role':>6} {'inviter':>7} "
        f"{'company':>7} {'subject':>7} {'step':>6} {'vary':>6} {'sold':>6} {'slips':>5}"
    )
    for key in sorted(tallies):
        t = tallies[key]
        print(
            f"{key[0] + '/' + key[1]:<10} {t.notes:>4} {_ratio(t.same, t.notes):>6} "
            f"{_ratio(t.distinct_openness, t.notes):>6} {_ratio(t.role_ok, t.notes):>6} "
            f"{_ratio(t.inviter_ok, t.notes):>7} "
            f"{t.company_greeted:>7} {_ratio(t.subject_ok, t.subject_n):>7} "
            f"{_ratio(t.step_ok, t.step_n):>6} {_ratio(t.vary_ok, t.vary_n):>6} "
            f"{_ratio(t.sold, t.genuine):>6} {t.slips:>5}"
        )
    if "--verbose" in argv:
        for key in sorted(tallies):
            for line in tallies[key].failures:
                print(" -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
