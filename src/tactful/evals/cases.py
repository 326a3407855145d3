"""Eval cases as data: load and check the suite in ``evals/cases/``.

A suite is a folder holding ``suite.toml`` (name, version id, default assertions)
and any number of ``*.jsonl`` files, one case a line. Cases are data rather than
Python so that adding one is a one-line change anybody can review, and so the
results of two runs can be compared only when their suite ``version`` matches.

Every line is checked with pydantic when loaded; a mistake is reported with its
file and line number instead of surfacing as a strange score later.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tactful.engines.base import Style
from tactful.errors import InputError

AssertionType = Literal[
    "valid",
    "lang",
    "no_pitch",
    "inviter_named",
    "sentences",
    "max_chars",
    "mentions_any",
    "not_contains",
    "no_links",
]

HARD_BY_DEFAULT: frozenset[str] = frozenset({"no_pitch", "not_contains", "no_links"})
"""Safety assertions: one failure fails the run, whatever the pass rate."""

_WORD_LISTS = frozenset({"mentions_any", "not_contains"})
_COUNTS = frozenset({"sentences", "max_chars"})
_NO_VALUE = frozenset({"valid", "no_pitch", "no_links"})


class Assertion(BaseModel):
    """One expectation about a reply: a type, its value, and whether it is hard.

    ``hard`` left unset takes the type's default (see ``HARD_BY_DEFAULT``);
    ``style`` restricts the assertion to replies of that style; ``label`` names
    the report column when a generic type measures something specific (a
    ``mentions_any`` of *tu* pronouns is a ``register`` check, not personalisation).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: AssertionType
    value: str | int | list[str] | None = None
    hard: bool | None = None
    style: Style | None = None
    label: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")

    @model_validator(mode="after")
    def _value_fits_type(self) -> Assertion:
        value = self.value
        if self.type in _WORD_LISTS:
            if not isinstance(value, list) or not value or not all(w.strip() for w in value):
                raise ValueError(f"{self.type} needs a non-empty list of words")
        elif self.type in _COUNTS:
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{self.type} needs a positive integer")
        elif self.type in _NO_VALUE:
            if value is not None:
                raise ValueError(f"{self.type} takes no value")
        elif self.type == "lang":
            if value not in (None, "fr", "en"):
                raise ValueError("lang is 'fr' or 'en' (or omitted: the case's language)")
        elif self.type == "inviter_named" and not (value is None or isinstance(value, str)):
            raise ValueError("inviter_named takes a name (or omitted: the case's inviter)")
        return self

    @property
    def check(self) -> str:
        """The name this assertion is reported under."""
        return self.label or self.type

    @property
    def is_hard(self) -> bool:
        """Whether one failure of this assertion fails the whole run."""
        return self.hard if self.hard is not None else self.type in HARD_BY_DEFAULT


class CaseVars(BaseModel):
    """What the user would pass on the command line for this note (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Literal["auto", "fr", "en"] | None = None
    inviter: str | None = None
    name: str | None = None
    policy: str | None = None
    channels: list[str] = Field(default_factory=list)


class Case(BaseModel):
    """One invitation and what a good decline to it must satisfy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    category: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    lang: Literal["fr", "en"]
    description: str
    invitation: str = Field(min_length=1)
    inviter: str | None = None
    vars: CaseVars = Field(default_factory=CaseVars)
    assertions: list[Assertion] = Field(default_factory=list)

    def assertions_for(self, style: Style, defaults: list[Assertion]) -> list[Assertion]:
        """The suite's defaults then the case's own, those that apply to ``style``.

        ``inviter_named`` without a value applies only when the case names its inviter:
        a note with no signature must not be answered with a guessed name.
        """
        chosen = []
        for assertion in [*defaults, *self.assertions]:
            if assertion.style is not None and assertion.style != style:
                continue
            if assertion.type == "inviter_named" and assertion.value is None and not self.inviter:
                continue
            chosen.append(assertion)
        return chosen


class Suite(BaseModel):
    """The cases of one suite version, with the defaults every case gets."""

    name: str
    version: str
    description: str = ""
    path: str
    defaults: list[Assertion] = Field(default_factory=list)
    cases: list[Case]

    def categories(self) -> list[str]:
        """Categories in order of first appearance (the order of the report's rows)."""
        return list(dict.fromkeys(case.category for case in self.cases))

    def only(self, categories: list[str]) -> Suite:
        """A copy holding only the cases of ``categories``; unknown names are a usage error."""
        known = self.categories()
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise InputError(
                f"unknown category {', '.join(unknown)}; the suite has: {', '.join(known)}"
            )
        return self.model_copy(
            update={"cases": [c for c in self.cases if c.category in categories]}
        )


class _SuiteFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = "cases"
    version: str
    description: str = ""
    defaults: list[Assertion] = Field(default_factory=list)


def default_cases_dir() -> Path:
    """The suite shipped with Tactful (``evals/cases`` in a checkout or the wheel)."""
    from tactful.resources import shipped_dir

    return shipped_dir("evals") / "cases"


def load_suite(path: Path | None = None) -> Suite:
    """Load a suite folder, or a single ``.jsonl`` file (its folder's ``suite.toml`` applies)."""
    path = path if path is not None else default_cases_dir()
    if path.is_dir():
        folder, files = path, sorted(path.glob("*.jsonl"))
    elif path.is_file():
        folder, files = path.parent, [path]
    else:
        raise InputError(f"no eval cases at {path}; pass a folder or a .jsonl file with --cases")
    if not files:
        raise InputError(f"no *.jsonl case files in {path}")
    meta = _load_meta(folder / "suite.toml")
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for file in files:
        for where, case in _read_cases(file):
            if case.id in seen:
                raise InputError(f"{where}: case id {case.id!r} already used at {seen[case.id]}")
            seen[case.id] = where
            cases.append(case)
    return Suite(
        name=meta.name,
        version=meta.version,
        description=meta.description,
        path=str(path),
        defaults=meta.defaults,
        cases=cases,
    )


def _load_meta(file: Path) -> _SuiteFile:
    if not file.is_file():
        # A loose file of cases still runs, judged by the shipped suite's default assertions
        # (they state the product's contract); its results say the suite is unversioned.
        shipped = default_cases_dir() / "suite.toml"
        defaults = _load_meta(shipped).defaults if shipped.is_file() else []
        return _SuiteFile(version="unversioned", defaults=defaults)
    try:
        with file.open("rb") as handle:
            return _SuiteFile.model_validate(tomllib.load(handle))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise InputError(f"{file}: {_first_error(exc)}") from None


def _read_cases(file: Path) -> list[tuple[str, Case]]:
    out: list[tuple[str, Case]] = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {file}: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{file.name}:{number}"
        try:
            raw: Any = json.loads(line)
            out.append((where, Case.model_validate(raw)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InputError(f"{where}: {_first_error(exc)}") from None
    return out


def _first_error(exc: Exception) -> str:
    """One line from a pydantic or JSON error, naming the field at fault."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "case"
        return f"{field}: {first['msg']}"
    return str(exc).splitlines()[0]
