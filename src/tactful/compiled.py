"""Compiled lexicons kept between runs, so that a first call does not compile them again.

Reading a note takes about 300 regular expressions (some 100,000 characters of patterns)
and a dozen TOML files. Python compiles a regular expression in two steps: a parser and a
code generator written in Python, which took a third of an offline ``tactful rewrite``,
then ``_sre.compile``, in C, which turns their output (a list of integers) into a pattern
in microseconds. That output depends only on the pattern, its flags and the interpreter,
and a TOML file's contents only on the file; both are kept in one ``marshal`` file in the
user's cache folder, named after the interpreter, its regex engine's version and Tactful's
version. A new release starts a new file and removes the earlier releases' (their patterns
would otherwise stay in the file, read on every call, until it held thousands).

It is only ever a cache. A missing, corrupt or unwritable file, a stale entry, or an
interpreter whose regex internals differ falls back to ``re.compile`` and ``tomllib``
(``tests/test_compiled.py`` checks every lexicon pattern rebuilt from the cache against
``re.compile``'s: CPython compares two patterns by their compiled code). Delete the folder
at any time; ``TACTFUL_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import marshal
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

OFF_ENV = "TACTFUL_NO_CACHE"
_PREFIX = "compiled-"
_MAX_ENTRIES = 4000
"""Past this many entries, a save keeps only the entries this run used (edits leave stale ones)."""

try:  # CPython's regex internals, the same from 3.11 to 3.13; without them, no cache
    _SRE: Any = importlib.import_module("_sre")
    _PARSER: Any = importlib.import_module("re._parser")
    _COMPILER: Any = importlib.import_module("re._compiler")
    _ENGINE = f"{sys.implementation.cache_tag}-{_SRE.MAGIC}"
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _ENGINE = ""


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this interpreter compiled it before."""
    store = _store()
    key = ("re", pattern, int(flags))
    entry = store.get(key)
    if entry is not None:
        try:
            return _build(pattern, entry)
        except Exception:  # a damaged entry: compile it afresh
            store.forget(key)
    if store.path is not None:
        try:
            entry = _code(pattern, int(flags))
            compiled = _build(pattern, entry)
        except Exception:  # internals that differ: the cache cannot help here
            return re.compile(pattern, flags)
        store.put(key, entry)
        return compiled
    return re.compile(pattern, flags)


def toml(path: Path) -> dict[str, Any]:
    """``tomllib`` on ``path``, from the cache while the file keeps its size and time."""
    store = _store()
    stat = path.stat()
    key = ("toml", str(path), stat.st_size, stat.st_mtime_ns)
    found = store.get(key)
    if isinstance(found, dict):
        return found
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    store.put(key, data)
    return data


def _code(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, in marshal-able types."""
    parsed = _PARSER.parse(pattern, flags)
    code = [int(op) for op in _COMPILER._code(parsed, flags)]  # named constants: plain ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _build(pattern: str, entry: Any) -> re.Pattern[str]:
    """A pattern from its cached code; ``_sre`` checks the code and raises if it is unsound."""
    final_flags, code, groups, groupindex, indexgroup = entry
    compiled: re.Pattern[str] = _SRE.compile(
        pattern, final_flags, code, groups, groupindex, indexgroup
    )
    return compiled


class Store:
    """The cache file's entries, read on first use and written back once, at exit, if changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[Any, Any] | None = None
        self._used: set[Any] = set()
        self._changed = False

    def get(self, key: Any) -> Any:
        if self.path is None:
            return None
        entries = self._load()
        found = entries.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def put(self, key: Any, value: Any) -> None:
        if self.path is None:
            return
        entries = self._load()
        entries[key] = value
        self._used.add(key)
        if not self._changed:
            self._changed = True
            atexit.register(self.save)

    def forget(self, key: Any) -> None:
        self._load().pop(key, None)
        self._changed = True

    def _load(self) -> dict[Any, Any]:
        if self._entries is None:
            self._entries = _read(self.path) if self.path is not None else {}
        return self._entries

    def save(self) -> None:
        """Merge with what other runs saved meanwhile and replace the file in one step."""
        if self.path is None or not self._changed:
            return
        entries = {**_read(self.path), **self._load()}
        if len(entries) > _MAX_ENTRIES:
            entries = {key: entries[key] for key in self._used if key in entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(entries))
            os.replace(partial, self.path)
        except (OSError, ValueError):  # a read-only home, a full disk: run without the cache
            return
        self._changed = False
        _remove_other_releases(self.path)


def _remove_other_releases(path: Path) -> None:
    """Delete this interpreter's cache files from other Tactful releases (best effort: a
    file another process holds, or a read-only folder, is left)."""
    legacy = path.parent / f"{_PREFIX}{_ENGINE}.marshal"  # before files named their release
    for other in [legacy, *path.parent.glob(f"{_PREFIX}{_ENGINE}-*.marshal")]:
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()


def _read(path: Path | None) -> dict[Any, Any]:
    if path is None:
        return {}
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def cache_path() -> Path | None:
    """The cache file for this interpreter, or None when the cache is off or cannot work."""
    if not _ENGINE or os.environ.get(OFF_ENV, "").strip() not in ("", "0"):
        return None
    import platformdirs

    from tactful import __version__

    return (
        Path(platformdirs.user_cache_dir("tactful")) / f"{_PREFIX}{_ENGINE}-{__version__}.marshal"
    )


_STORE: Store | None = None


def _store() -> Store:
    global _STORE
    if _STORE is None:
        _STORE = Store(cache_path())
    return _STORE
