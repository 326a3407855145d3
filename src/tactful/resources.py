"""Locate files that ship with the package: language data, prompts, eval cases.

Language data lives inside the package (``tactful/data``). The top-level
``prompts/`` and ``evals/`` folders are copied into the wheel under
``tactful/_shipped`` by hatchling; in a source checkout or an editable install
they are read from the repository instead. Callers never need to know which.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from tactful.compiled import toml

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Folder holding per-language data files (``data/<lang>/*.toml``)."""
    return _PACKAGE_DIR / "data"


def shipped_dir(name: str) -> Path:
    """Folder of a top-level project directory (``prompts`` or ``evals``).

    Prefers the copy inside an installed wheel, then the source checkout.
    """
    installed = _PACKAGE_DIR / "_shipped" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"tactful is missing its {name!r} files; reinstall the package")


@cache
def load_toml(relative: str) -> dict[str, Any]:
    """Load and cache a TOML file under ``data/`` (e.g. ``"fr/validator.toml"``), parsed
    once per install (``tactful.compiled``)."""
    return toml(data_dir() / relative)


@cache
def languages() -> tuple[str, ...]:
    """Languages with a data folder holding a ``language.toml``: adding one adds a language.

    Cached: every ``validate`` call asks, and listing the folder each time cost a
    seventh of a check.
    """
    folders = (p for p in data_dir().iterdir() if (p / "language.toml").is_file())
    return tuple(sorted(p.name for p in folders))


@contextmanager
def writing_to(path: Path, option: str = "--out") -> Iterator[Path]:
    """Create the folder ``path`` and run the writes of the block in it; a path that cannot
    be written (no permission, a file in the way, a missing or read-only parent) is an
    ``OutputError`` naming it and why, instead of an internal error."""
    from tactful.errors import OutputError

    try:
        if path.exists() and not path.is_dir():
            raise OutputError(f"{option} {path} is a file; give a folder for the outputs")
        path.mkdir(parents=True, exist_ok=True)
        yield path
    except OSError as exc:
        where = exc.filename or path
        raise OutputError(
            f"cannot write {option} {where}: {exc.strerror or exc}; give a folder you can write"
        ) from None
