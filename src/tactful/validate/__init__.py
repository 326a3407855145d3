"""PROVISIONAL stand-in for the validator (issue 2), so the pipeline can run end to end.

It honours the agreed signature and checks only structure (short style: two
sentences, at most 300 characters; no link, e-mail or phone that is not one of
the user's channels). The core checks are reported as passed without looking.
The real validator replaces this whole module when the ``validator`` branch lands
on ``main``; on a merge conflict, take the validator's version.
"""

from __future__ import annotations

from collections.abc import Sequence

from tactful.validate.report import CORE_CHECKS, Check, Report

__all__ = ["Check", "Report", "validate"]


def validate(
    text: str,
    *,
    lang: str | None = None,
    style: str | None = None,
    invitation: str | None = None,
    own_channels: Sequence[str] = (),
    known_names: Sequence[str | None] = (),
) -> Report:
    """Structural checks only (see the module docstring)."""
    from tactful.cues import EMAIL, PHONE, URL
    from tactful.text import detect_language, sentences

    found = lang or detect_language(text) or "en"
    checks = {
        name: Check(passed=True, message="not checked (provisional validator)")
        for name in CORE_CHECKS
    }
    if style == "short":
        parts = sentences(text)
        ok = len(parts) == 2 and len(text) <= 300
        checks["style"] = Check(
            passed=ok, message=f"{len(parts)} sentence(s), {len(text)} characters", evidence=parts
        )
    leaks = [
        m.group(0)
        for pattern in (URL, EMAIL, PHONE)
        for m in pattern.finditer(text)
        if not any(m.group(0) in channel for channel in own_channels)
    ]
    checks["contacts"] = Check(
        passed=not leaks, message="no foreign contact details", evidence=leaks
    )
    valid = all(c.passed for c in checks.values() if c.severity == "error")
    return Report(valid=valid, lang="fr" if found == "fr" else "en", checks=checks)
