"""What every engine returns, and the protocol the pipeline drives.

An engine writes a ``Draft``; it never judges it. The pipeline validates the
draft and, for engines that can learn from it, asks again with the findings.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol, runtime_checkable

from tactful.datamodel import DataModel
from tactful.profile import Profile
from tactful.reading.analysis import Reading

Style = Literal["long", "short"]
STYLES: tuple[Style, ...] = ("long", "short")


class Draft(DataModel):
    """The message in the requested style, and the three parts when the engine knows them.

    The offline engine composes the message from its parts, so it fills them. A model
    is asked for the message only (the parts cost tokens and nothing checks them): the
    pipeline takes them from the validator's evidence instead, so a part that is not
    in the message can never be reported as one.
    """

    message: str
    appreciation: str = ""
    rationale: str = ""
    openness: str = ""


class Engine(Protocol):
    """Anything that can draft a decline.

    ``findings`` carries the validator's verdict on the previous draft (the
    model engine re-asks with it; the offline engine may ignore it). The same
    ``seed`` with the same inputs gives the same draft.
    """

    name: str

    def draft(
        self,
        analysis: Reading,
        profile: Profile,
        style: Style,
        *,
        findings: list[str] | None = None,
        seed: int | None = None,
    ) -> Draft: ...


@runtime_checkable
class ModelBacked(Engine, Protocol):
    """An engine that asks a model: the pipeline reports its model, prompt version and the
    tokens its attempts used (``--json``). An engine without them (the offline one, a
    caller's own) reports none; the pipeline tells the two apart by this protocol."""

    attempts: list[Any]

    @property
    def model(self) -> str | None: ...

    @property
    def prompt_version(self) -> str | None: ...

    def usage_since(self, index: int) -> dict[str, int]: ...


class UnusableDraft(Exception):
    """An engine got an answer it cannot turn into a ``Draft``.

    Not JSON, a missing field, cut off by the token limit, a refusal: the pipeline
    counts it as a failed attempt (like a draft the validator rejects) and re-asks
    with ``reason`` as the finding, instead of crashing. ``raw`` is what came back.
    """

    def __init__(self, reason: str, raw: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw
