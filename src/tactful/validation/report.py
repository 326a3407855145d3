"""The validator's report: the shape other tools rely on (``tactful check --json``).

Kept apart from the checks themselves so that engines, the pipeline and the eval
runner can read a report without importing the rules that produced it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tactful.datamodel import DataModel

Severity = Literal["error", "warning"]

CORE_CHECKS = ("appreciation", "rationale", "openness", "no_pitch")
"""The four checks every reply gets, whatever context is known."""


class Check(DataModel):
    """One concern's verdict, with the words that decided it.

    ``evidence`` holds the reply's sentences the verdict rests on; ``spans`` the
    exact words in them that decided it (the cue found, the name greeted); ``fix``
    says, for a failed check, what to change: a re-ask carries it to the model.
    """

    passed: bool
    severity: Severity = "error"
    message: str
    evidence: list[str] = Field(default_factory=list)
    spans: list[str] = Field(default_factory=list)
    fix: str = ""

    def finding(self, name: str) -> str:
        """One line for a re-ask: what failed, the words that decided it, and the fix.

        Quotes are shown with « » so that they never collide with the reply's own
        punctuation (a semicolon inside a quoted sentence is not a separator).
        """
        line = f"{name}: {self.message}"
        if self.spans:
            line += " Found: " + ", ".join(f"«{span}»" for span in self.spans)
            if self.evidence:
                line += " in «" + " ".join(self.evidence) + "»"
            line += "."
        elif self.evidence:
            line += " In: «" + " ".join(self.evidence) + "»."
        if self.fix:
            line += f" Fix: {self.fix}"
        return " ".join(line.split())


class Report(DataModel):
    """All checks for one reply; ``valid`` is false when any error-severity check failed."""

    valid: bool
    lang: Literal["fr", "en"]
    checks: dict[str, Check]

    def failures(self, severity: Severity | None = "error") -> dict[str, Check]:
        """Failed checks, by default only those that make the reply invalid."""
        return {
            name: check
            for name, check in self.checks.items()
            if not check.passed and (severity is None or check.severity == severity)
        }

    def findings(self) -> list[str]:
        """One line per failed error check, as fed back to a model on re-ask.

        Warnings are left out: a re-ask asks only for what makes the draft invalid
        (a warning such as ``invented_names`` may be wrong, and a model told to fix
        it rewrites a good sign-off).
        """
        return [check.finding(name) for name, check in self.failures().items()]
