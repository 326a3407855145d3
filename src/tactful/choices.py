"""The languages and styles Tactful knows, from one place.

The CLI's options, the pipeline and the validator all ask here, so adding a language
is adding its data folder (``tactful.resources.languages``) and nothing else, and a
wrong ``--lang`` or ``--style`` is refused the same way by every command.
"""

from __future__ import annotations

from tactful.errors import UsageError
from tactful.resources import languages

STYLES: tuple[str, ...] = ("long", "short")
"""long: greeting, three short paragraphs, sign-off; short: two sentences, 300 characters."""


def lang_choices(*, auto: bool = True) -> tuple[str, ...]:
    """Every supported language, after ``auto`` (detect) when it is allowed."""
    return ("auto", *languages()) if auto else languages()


def check_lang(value: str, *, auto: bool = True) -> str:
    """``value`` if it is a known language (or ``auto``); else a ``UsageError`` listing them."""
    choices = lang_choices(auto=auto)
    if value not in choices:
        raise UsageError(f"unknown language {value!r}; use {_either(choices)}")
    return value


def check_style(value: str) -> str:
    """``value`` if it is a known style; else a ``UsageError`` listing them."""
    if value not in STYLES:
        raise UsageError(f"unknown style {value!r}; use {_either(STYLES)}")
    return value


def _either(choices: tuple[str, ...]) -> str:
    """``auto, en or fr``."""
    return f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
