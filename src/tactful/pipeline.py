"""One trip from an invitation to a validated decline: the API the CLI, evals and batch share.

analysis -> engine.draft -> validate -> (re-ask with the findings, within a budget)
-> (fall back to the offline engine when a model engine never passes) -> ``Result``.
A draft that fails validation is never returned as if it were fine: when no
attempt passes, ``NoValidDraftError`` carries the attempts and the last findings.
Nothing the caller passes in is mutated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import Field

from tactful.choices import check_style
from tactful.datamodel import DataModel
from tactful.engines import Engine, Style, select_engine
from tactful.engines.base import Draft, ModelBacked, UnusableDraft
from tactful.errors import NoValidDraftError, UsageError
from tactful.options import RewriteOptions
from tactful.profile import Profile
from tactful.reading.analysis import Lang, Reading, read_note
from tactful.resources import load_toml
from tactful.text import visible
from tactful.triage import NoteTriage, triage
from tactful.validation.report import Report


class Parts(DataModel):
    """The three parts of the decline as the engine wrote them."""

    appreciation: str
    rationale: str
    openness: str


class AttemptRecord(DataModel):
    """What happened to one draft: which engine wrote it and which checks it failed.

    ``--json`` shows the list, so a user can see why a model's draft was replaced.
    """

    number: int
    engine: str
    outcome: Literal["valid", "rejected", "unusable"]
    failed: list[str] = Field(default_factory=list)
    reason: str | None = None


class Result(DataModel):
    """A validated decline and everything needed to explain or reproduce it."""

    message: str
    style: Style
    lang: Lang
    engine: str
    model: str | None = None
    fallback: bool = False
    attempts: int
    parts: Parts
    analysis: Reading
    validation: Report
    triage: NoteTriage | None = None
    prompt_version: str | None = None
    usage: dict[str, int] | None = None
    seed: int | None = None
    notices: list[str] = Field(default_factory=list)
    history: list[AttemptRecord] = Field(default_factory=list)


def _check_style(style: str) -> Style:
    check_style(style)
    return "long" if style == "long" else "short"


def _known_names(profile: Profile, analysis: Reading) -> list[str]:
    names = [profile.name]
    if analysis.inviter_source == "option":
        names.append(analysis.inviter)
    return [name for name in names if name]


def _attempt_loop(
    engine: Engine,
    analysis: Reading,
    profile: Profile,
    style: Style,
    *,
    seed: int,
    max_attempts: int,
    history: list[AttemptRecord],
    log: Callable[[str], None] | None = None,
) -> tuple[Any, Report | None, int, list[str]]:
    """Draft and validate up to ``max_attempts`` times, re-asking with the findings.

    Returns the first valid (draft, report, attempts, findings), or ``(None, last
    report, attempts, last findings)`` when the budget runs out. A reply the engine
    cannot use (``UnusableDraft``: not JSON, cut off, a refusal) is a failed attempt
    whose reason is the finding. Every attempt is appended to ``history``.
    """
    from tactful.validation import validate

    findings: list[str] | None = None
    report: Report | None = None
    for attempt in range(max_attempts):
        try:
            draft = engine.draft(analysis, profile, style, findings=findings, seed=seed + attempt)
        except UnusableDraft as exc:
            findings = [exc.reason]
            history.append(
                AttemptRecord(
                    number=len(history) + 1,
                    engine=engine.name,
                    outcome="unusable",
                    reason=exc.reason,
                )
            )
            continue
        report = validate(
            draft.message,
            lang=analysis.lang,
            style=style,
            invitation=analysis,
            own_channels=tuple(profile.channels),
            known_names=tuple(_known_names(profile, analysis)),
        )
        history.append(
            AttemptRecord(
                number=len(history) + 1,
                engine=engine.name,
                outcome="valid" if report.valid else "rejected",
                failed=list(report.failures()),
            )
        )
        if report.valid:
            return draft, report, attempt + 1, []
        findings = report.findings()
        if log is not None:
            log(f"attempt {attempt + 1}: the validator rejected the draft: {'; '.join(findings)}")
    return None, report, max_attempts, findings or []


def _parts(draft: Draft, report: Report) -> Parts:
    """The three parts as they stand in the message.

    An engine's own parts are kept when each is a span of its message (the offline
    engine composes the message from them); otherwise, as for a model asked for the
    message only, each part is the sentences the validator found carrying it.
    """
    own = (draft.appreciation, draft.rationale, draft.openness)
    if all(part and part in draft.message for part in own):
        return Parts(appreciation=own[0], rationale=own[1], openness=own[2])
    found = {
        name: " ".join(report.checks[name].evidence)
        for name in ("appreciation", "rationale", "openness")
    }
    return Parts(**found)


def _read(
    invitation: str, *, lang: str, inviter: str | None, profile: Profile
) -> tuple[Reading, NoteTriage]:
    """Read the note once; every draft of it (and every variant) reuses the reading.

    The triage only adds the user's policy: the reply's openness follows its action
    (ask what brings them, or meet first).
    """
    reading = read_note(invitation, lang=lang, inviter=inviter, fallback_lang=profile.lang)
    assert reading.kinds is not None  # read_note always reads the kind
    verdict = triage(reading.kinds, profile.triage)
    return reading.model_copy(update={"action": verdict.action}), verdict


def _write(
    analysis: Reading,
    verdict: NoteTriage,
    profile: Profile,
    style: Style,
    *,
    engine: str | Engine,
    seed: int,
    max_attempts: int,
    fallback: bool,
    engine_options: dict[str, Any] | None,
    log: Callable[[str], None] | None,
    before_draft: Callable[[], None] | None,
) -> Result:
    """Draft, validate, re-ask and fall back for a note already read."""
    drafter = (
        select_engine(engine, profile=profile, **(engine_options or {}))
        if isinstance(engine, str)
        else engine
    )
    backed = drafter if isinstance(drafter, ModelBacked) else None
    mark = len(backed.attempts) if backed else 0  # the model engine's history for the run
    if before_draft is not None:
        before_draft()

    history: list[AttemptRecord] = []
    draft, report, attempts, findings = _attempt_loop(
        drafter,
        analysis,
        profile,
        style,
        seed=seed,
        max_attempts=max_attempts,
        history=history,
        log=log,
    )
    used, fell_back, notices = drafter, False, []
    if draft is None and fallback and drafter.name != "offline":
        offline = select_engine("offline")
        draft, report, extra, findings = _attempt_loop(
            offline,
            analysis,
            profile,
            style,
            seed=seed,
            max_attempts=max_attempts,
            history=history,
        )
        notices.append(
            f"no draft from the {drafter.name} engine passed validation in {attempts} "
            "attempt(s); the offline engine wrote this reply"
        )
        attempts += extra
        used, fell_back = offline, True
    if draft is None or report is None:
        detail = "; ".join(findings[:3]) or "no detail"
        raise NoValidDraftError(
            f"no draft passed validation after {attempts} attempt(s) ({detail})",
            attempts=attempts,
            findings=findings,
        )
    return Result(
        message=draft.message,
        style=style,
        lang=analysis.lang,
        engine=used.name,
        model=backed.model if backed else None,
        fallback=fell_back,
        attempts=attempts,
        parts=_parts(draft, report),
        analysis=analysis,
        validation=report,
        triage=verdict,
        prompt_version=backed.prompt_version if backed else None,
        usage=backed.usage_since(mark) if backed else None,
        seed=seed,
        notices=notices,
        history=history,
    )


def rewrite(
    invitation: str,
    *,
    style: str | None = None,
    lang: str = "auto",
    profile: Profile | None = None,
    engine: str | Engine = "auto",
    inviter: str | None = None,
    seed: int | None = None,
    max_attempts: int | None = None,
    fallback: bool = True,
    engine_options: dict[str, Any] | None = None,
    log: Callable[[str], None] | None = None,
    before_draft: Callable[[], None] | None = None,
    options: RewriteOptions | None = None,
) -> Result:
    """Turn an invitation note into a validated three-part decline.

    ``options`` (from ``tactful.options.resolve_options``: flags, environment and profile
    resolved once) gives the style, language, profile, engine, attempts and fallback; the
    keyword arguments are for callers without one. ``profile=None`` means the defaults (no
    name, the method's policy); ``style`` and ``max_attempts`` left out come from the
    profile (else long, 3). ``engine`` is a name for
    ``select_engine`` or an engine object. ``seed`` makes the draft reproducible;
    by default it is derived from the note, so repeated runs agree. ``log``
    receives one line per rejected draft (``--verbose``); ``before_draft`` runs once
    the note has been read and accepted, just before the first draft (the CLI says
    there which engine ``auto`` picked, so a bad note still gets a one-line error).
    """
    return rewrite_variants(
        invitation,
        1,
        style=style,
        lang=lang,
        profile=profile,
        engine=engine,
        inviter=inviter,
        seed=seed,
        max_attempts=max_attempts,
        fallback=fallback,
        engine_options=engine_options,
        log=log,
        before_draft=before_draft,
        options=options,
    )[0]


def empty_note(lang: str) -> str:
    """The line an invitation without a note stands for (LinkedIn's default invitation):
    answered as a stock line, as the triage and ``batch`` answer it."""
    return str(load_toml(f"{lang}/batch.toml")["empty_note"])


def rewrite_variants(
    invitation: str,
    count: int,
    *,
    style: str | None = None,
    lang: str = "auto",
    profile: Profile | None = None,
    engine: str | Engine = "auto",
    inviter: str | None = None,
    seed: int | None = None,
    max_attempts: int | None = None,
    fallback: bool = True,
    engine_options: dict[str, Any] | None = None,
    log: Callable[[str], None] | None = None,
    before_draft: Callable[[], None] | None = None,
    options: RewriteOptions | None = None,
) -> list[Result]:
    """``count`` distinct validated drafts of the same decline (``--variants N``).

    The note is read (analysed and triaged) once. The first draft uses ``seed``
    (by default derived from the note); further seeds step from it, and drafts
    identical to an earlier one are skipped. If the banks cannot give ``count``
    distinct drafts, fewer come back, and the last one carries a notice saying so.
    """
    if count < 1:
        raise UsageError("the number of variants must be at least 1")
    if options is not None:
        style, lang, profile = options.style, options.lang, options.profile
        max_attempts, fallback = options.max_attempts, options.fallback
        if isinstance(engine, str) and engine == "auto":
            engine = options.engine
        engine_options = {"settings": options.settings, **(engine_options or {})}
    profile = profile if profile is not None else Profile()
    chosen_style = _check_style(style or profile.style)
    max_attempts = max_attempts if max_attempts is not None else profile.max_attempts or 3
    if max_attempts < 1:
        raise UsageError("max_attempts must be at least 1")
    from tactful.engines.offline import default_seed

    if not visible(invitation):  # an invitation without a note: LinkedIn's default line
        invitation = empty_note(lang if lang in ("fr", "en") else profile.lang or "en")
    analysis, verdict = _read(invitation, lang=lang, inviter=inviter, profile=profile)
    base = default_seed(analysis.text) if seed is None else seed
    results: list[Result] = []
    seen: set[str] = set()
    for step in range(count * 12 if count > 1 else 1):
        result = _write(
            analysis,
            verdict,
            profile,
            chosen_style,
            engine=engine,
            seed=base + step * 7919,
            max_attempts=max_attempts,
            fallback=fallback,
            engine_options=engine_options,
            log=log,
            before_draft=before_draft,
        )
        if result.message in seen:
            continue
        seen.add(result.message)
        results.append(result)
        if len(results) == count:
            return results
    results[-1].notices.append(f"only {len(results)} distinct drafts could be written")
    return results


def messages(results: Sequence[Result]) -> list[str]:
    """Just the texts, for callers that print or compare them."""
    return [result.message for result in results]
