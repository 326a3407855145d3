"""What every engine returns, and the protocol the pipeline drives.

An engine writes a ``Draft``; it never judges it. The pipeline validates the
draft and, for engines that can learn from it, asks again with the findings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Style = Literal["long", "short"]


class Draft(BaseModel):
    """The three parts and the final message in the requested style."""

    appreciation: str
    rationale: str
    openness: str
    message: str
