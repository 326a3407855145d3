"""The base of Tactful's pydantic models: each builds its validator when first used.

Pydantic builds a model's validator and serializer when the class is created. The offline
``tactful rewrite`` imports 17 models, some of which it never instantiates (the model
engine's records, the follow-up triage), and building them at import took about 30 ms of a
first call, a tenth of it. ``defer_build`` moves each build to the model's first use; what
a model accepts and how it serialises are unchanged.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class DataModel(BaseModel):
    """``pydantic.BaseModel``, built on first use (subclasses' own configs merge with this)."""

    model_config = ConfigDict(defer_build=True)
