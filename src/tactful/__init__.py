"""Tactful drafts polite three-part declines to LinkedIn invitations.

The public API is imported lazily so that ``import tactful`` (and the CLI's
offline path) never pays for the model client or for modules it does not use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["RewriteOptions", "__version__", "resolve_options", "rewrite", "validate"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from tactful.options import RewriteOptions, resolve_options
    from tactful.pipeline import rewrite
    from tactful.validation import validate

# The validator's package is ``tactful.validation``, not ``tactful.validate``: a
# subpackage named like the function would replace it on ``tactful`` once imported.
_LAZY = {
    "validate": "tactful.validation",
    "rewrite": "tactful.pipeline",
    "RewriteOptions": "tactful.options",
    "resolve_options": "tactful.options",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tactful' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
