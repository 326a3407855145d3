"""The validator's report: the shape other tools rely on (``tactful check --json``).

Kept apart from the checks themselves so that engines, the pipeline and the eval
runner can read a report without importing the rules that produced it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning"]

CORE_CHECKS = ("appreciation", "rationale", "openness", "no_pitch")
"""The four checks every reply gets, whatever context is known."""


class Check(BaseModel):
    """One concern's verdict, with the words that decided it."""

    passed: bool
    severity: Severity = "error"
    message: str
    evidence: list[str] = Field(default_factory=list)


class Report(BaseModel):
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
        """Human-readable lines for the failed checks, as fed back to a model on re-ask."""
        lines = []
        for name, check in self.failures(severity=None).items():
            evidence = f" (evidence: {'; '.join(check.evidence)})" if check.evidence else ""
            lines.append(f"{name} [{check.severity}]: {check.message}{evidence}")
        return lines
