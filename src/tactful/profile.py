"""The user's profile: who signs, what the network is for, which other paths to offer.

This module holds the shape; loading and merging (file, environment, flags, with
the source of each value) fills it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Profile(BaseModel):
    """Effective settings for drafting. ``None`` means "use the language's default"."""

    name: str | None = None
    policy: str | None = None
    channels: list[str] = Field(default_factory=list)
    lang: Literal["fr", "en"] | None = None
    style: Literal["long", "short"] = "long"
    # Model settings (the flags and environment variables win over these).
    model: str | None = None
    base_url: str | None = None
    timeout: float | None = Field(default=None, gt=0)
    max_attempts: int | None = Field(default=None, ge=1)
