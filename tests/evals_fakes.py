"""Small stand-ins for the pipeline and the validator, for testing the eval machinery itself.

They are deliberately dumb: the runner and the reports must be right whatever the
engine writes, so the tests script the replies and the verdicts.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tactful.validation.report import CORE_CHECKS, Check, Report


@dataclass
class FakeResult:
    message: str
    engine: str = "fake"
    model: str | None = None
    prompt_version: str | None = None
    attempts: int = 1
    fallback: bool = False
    usage: dict[str, int] | None = None
    parts: dict[str, str] = field(default_factory=dict)


class FakeRewrite:
    """Answers each invitation with ``reply(invitation, style)``; records calls and overlap."""

    def __init__(self, reply: Callable[[str, str], str], delay: float = 0.0) -> None:
        self.reply = reply
        self.delay = delay
        self.calls: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, invitation: str, **kwargs: Any) -> FakeResult:
        with self._lock:
            self.calls.append({"invitation": invitation, **kwargs})
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            return FakeResult(message=self.reply(invitation, kwargs["style"]))
        finally:
            with self._lock:
                self.in_flight -= 1


def fake_validate(
    failing: tuple[str, ...] = (),
) -> Callable[..., Report]:
    """A validator that fails the named checks when the reply contains ``FAIL:<check>``."""

    def validate(text: str, **_: Any) -> Report:
        checks = {}
        for name in CORE_CHECKS:
            bad = name in failing or f"FAIL:{name}" in text
            checks[name] = Check(passed=not bad, message="bad" if bad else "ok", evidence=[])
        valid = all(c.passed for c in checks.values())
        return Report(valid=valid, lang="en", checks=checks)

    return validate


SUITE_TOML = """
name = "test"
version = "t-1"

[[defaults]]
type = "valid"

[[defaults]]
type = "no_pitch"
hard = true

[[defaults]]
type = "sentences"
value = 2
style = "short"
"""


def write_suite(folder: Path, cases: list[dict[str, Any]], toml: str = SUITE_TOML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "suite.toml").write_text(toml, encoding="utf-8")
    with (folder / "cases.jsonl").open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    return folder


def case(
    id: str,
    category: str = "content",
    invitation: str = "Loved your talk on testing. - Lee",
    **kw: Any,
) -> dict[str, Any]:
    return {
        "id": id,
        "category": category,
        "lang": "en",
        "description": "test case",
        "invitation": invitation,
        **kw,
    }


VALID_LONG = {
    "en": {
        "appreciation": "Thank you for your invitation and for thinking of me.",
        "rationale": "I keep LinkedIn for people I have met in person or through a group.",
        "openness": "I would be glad to meet at an event first, and then connect.",
    },
    "fr": {
        "appreciation": "Merci pour votre invitation et d'avoir pensé à moi.",
        "rationale": "Je réserve LinkedIn aux personnes rencontrées en personne ou dans un groupe.",
        "openness": "Je serais ravi de vous croiser lors d'un événement, puis de nous connecter.",
    },
}
_GREETING = {"en": "Hello,", "fr": "Bonjour,"}


def valid_long_draft(lang: str) -> str:
    """A model reply (the engine's JSON) carrying a valid long decline in ``lang``."""
    parts = VALID_LONG[lang]
    message = "\n\n".join([_GREETING[lang], *parts.values()])
    return json.dumps({**parts, "message": message}, ensure_ascii=False)


def request_lang(body: Any) -> str:
    """The language the engine asked for, read from the system prompt ("Write in French")."""
    messages = body.get("messages", []) if isinstance(body, dict) else []
    system = messages[0].get("content", "") if messages else ""
    return "fr" if "Write in French" in system else "en"
