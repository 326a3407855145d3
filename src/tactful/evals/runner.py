"""Run a suite: every case in every style through the real pipeline, judged by the scorers.

Concurrency uses a bounded thread pool rather than asyncio on purpose: the
pipeline (analysis -> engine -> validation -> re-ask) is synchronous and is the
same code the CLI and the Python API run, so the eval measures exactly what
users get. The model engine's HTTP client releases the GIL while it waits on the
network, so ``concurrency`` threads keep that many requests in flight (see
``benchmarks/bench_eval.py``); the offline engine is CPU-bound and fast, so the
pool costs it nothing. The bound protects rate limits and the machine.

Each sample's reply is re-validated here with the full context (style, the
invitation, the expected language) instead of trusting the pipeline's own
verdict, so every engine, fallback included, is judged the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from tactful import __version__
from tactful.engines.base import Style
from tactful.errors import TactfulError
from tactful.evals.cases import Assertion, Case, Suite
from tactful.evals.scorers import Sample, score
from tactful.validation.report import Report

RewriteFn = Callable[..., Any]
"""``tactful.rewrite`` or a stand-in with the same keywords (tests)."""
ValidateFn = Callable[..., Report]
"""``tactful.validate`` or a stand-in (tests)."""
Progress = Callable[[int, int], None]


class AssertionResult(BaseModel):
    """One assertion's outcome on one reply; ``check`` is the report column (label or type)."""

    check: str
    type: str
    value: str | int | list[str] | None = None
    hard: bool
    passed: bool
    score: float
    reason: str


class SampleResult(BaseModel):
    """One case in one style: the reply, how it was made, and every assertion's outcome."""

    case_id: str
    category: str
    lang: str
    style: Style
    description: str = ""
    invitation: str = ""
    message: str | None = None
    error: str | None = None
    engine: str | None = None
    model: str | None = None
    prompt_version: str | None = None
    attempts: int | None = None
    fallback: bool | None = None
    usage: dict[str, Any] | None = None
    duration_s: float = 0.0
    parts: dict[str, str] | None = None
    validation: Report | None = None
    assertions: list[AssertionResult] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None and all(a.passed for a in self.assertions)

    @property
    def name(self) -> str:
        return f"{self.case_id}[{self.style}]"


class Summary(BaseModel):
    """The figures the gate looks at."""

    samples: int
    samples_passed: int
    errors: int
    assertions: int
    assertions_passed: int
    pass_rate: float
    hard_failures: int
    min_pass: float
    ok: bool
    usage: dict[str, int] = Field(default_factory=dict)
    """Token counts summed over the run (empty for the offline engine)."""


class RunInfo(BaseModel):
    """What was run, so two results files can be compared honestly."""

    suite: str
    suite_version: str
    suite_path: str
    engine: str
    model: str | None = None
    prompt_version: str | None = None
    styles: list[Style]
    categories: list[str]
    concurrency: int
    started_at: str
    wall_s: float
    tactful_version: str = __version__


class RunResults(BaseModel):
    """Everything ``results.json`` holds; ``RunResults.model_validate_json`` reads it back."""

    run: RunInfo
    summary: Summary
    samples: list[SampleResult]


def summarise(samples: list[SampleResult], min_pass: float) -> Summary:
    """Pass rate over all assertions; the run is ok when the rate reaches ``min_pass``,
    no hard assertion failed and no sample errored."""
    outcomes = [a for s in samples for a in s.assertions]
    passed = sum(1 for a in outcomes if a.passed)
    judged = [a for s in samples if s.error is None for a in s.assertions]
    hard = sum(1 for a in judged if a.hard and not a.passed)
    errors = sum(1 for s in samples if s.error is not None)
    rate = passed / len(outcomes) if outcomes else 0.0
    usage: dict[str, int] = {}
    for sample in samples:
        for name, count in (sample.usage or {}).items():
            if isinstance(count, int):
                usage[name] = usage.get(name, 0) + count
    return Summary(
        samples=len(samples),
        samples_passed=sum(1 for s in samples if s.passed),
        errors=errors,
        assertions=len(outcomes),
        assertions_passed=passed,
        pass_rate=rate,
        hard_failures=hard,
        min_pass=min_pass,
        ok=bool(outcomes) and rate >= min_pass and hard == 0 and errors == 0,
        usage=usage,
    )


class Runner:
    """Runs cases through ``rewrite`` with at most ``concurrency`` in flight.

    ``engine`` is what ``tactful.rewrite`` accepts (a name or an engine);
    ``make_engine``, when given, builds a fresh engine for every sample instead
    (the model engine keeps per-conversation state). ``rewrite`` and ``validate`` default
    to the package's own; tests pass stand-ins.
    """

    def __init__(
        self,
        *,
        engine: Any = "offline",
        make_engine: Callable[[], Any] | None = None,
        engine_name: str | None = None,
        model: str | None = None,
        prompt_version: str | None = None,
        concurrency: int = 4,
        fallback: bool = False,
        rewrite: RewriteFn | None = None,
        validate: ValidateFn | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.engine = engine
        self.make_engine = make_engine
        self.engine_name = engine_name or (engine if isinstance(engine, str) else "custom")
        self.model = model
        self.prompt_version = prompt_version
        self.concurrency = concurrency
        self.fallback = fallback
        self._rewrite = rewrite
        self._validate = validate

    def run(
        self,
        suite: Suite,
        styles: tuple[Style, ...] = ("long", "short"),
        *,
        min_pass: float = 0.95,
        progress: Progress | None = None,
    ) -> RunResults:
        """Run every case of ``suite`` in every style and summarise."""
        started = datetime.now(UTC)
        clock = time.perf_counter()
        jobs = [(case, style) for case in suite.cases for style in styles]
        results: list[SampleResult | None] = [None] * len(jobs)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            futures = {
                pool.submit(self.run_one, case, style, suite.defaults): index
                for index, (case, style) in enumerate(jobs)
            }
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if progress is not None:
                    progress(done, len(jobs))
        samples = [r for r in results if r is not None]
        info = RunInfo(
            suite=suite.name,
            suite_version=suite.version,
            suite_path=suite.path,
            engine=self.engine_name,
            model=self.model or _first(samples, "model"),
            prompt_version=self.prompt_version or _first(samples, "prompt_version"),
            styles=list(styles),
            categories=suite.categories(),
            concurrency=self.concurrency,
            started_at=started.isoformat(timespec="seconds"),
            wall_s=round(time.perf_counter() - clock, 3),
        )
        return RunResults(run=info, summary=summarise(samples, min_pass), samples=samples)

    def run_one(self, case: Case, style: Style, defaults: list[Assertion]) -> SampleResult:
        """Draft, validate and score one case in one style; errors become a failed sample."""
        assertions = case.assertions_for(style, defaults)
        sample = SampleResult(
            case_id=case.id,
            category=case.category,
            lang=case.lang,
            style=style,
            description=case.description,
            invitation=case.invitation,
        )
        clock = time.perf_counter()
        try:
            result = self._call_rewrite(case, style)
        except TactfulError as exc:
            sample.error = f"{type(exc).__name__}: {exc.message}"
        except Exception as exc:  # a bug in one case must not hide the other cases' results
            sample.error = f"unexpected {type(exc).__name__}: {exc}"
        sample.duration_s = round(time.perf_counter() - clock, 4)
        if sample.error is not None:
            reason = f"no reply ({sample.error})"
            sample.assertions = [_result(a, False, 0.0, reason) for a in assertions]
            return sample
        _copy_result(sample, result)
        message = sample.message or ""
        report = self._call_validate(case, style, message)
        sample.validation = report
        judged = Sample(case=case, style=style, message=message, report=report)
        for assertion in assertions:
            outcome = score(assertion, judged)
            sample.assertions.append(
                _result(assertion, outcome.passed, outcome.score, outcome.reason)
            )
        return sample

    def _call_rewrite(self, case: Case, style: Style) -> Any:
        from tactful.pipeline import rewrite as default
        from tactful.profile import Profile

        rewrite = self._rewrite or default
        options = case.vars
        profile = Profile(name=options.name, policy=options.policy, channels=options.channels)
        return rewrite(
            case.invitation,
            style=style,
            lang=options.lang or "auto",
            profile=profile,
            engine=self.make_engine() if self.make_engine is not None else self.engine,
            inviter=options.inviter,
            seed=None,  # the pipeline's default (derived from the note): what users get
            fallback=self.fallback,
        )

    def _call_validate(self, case: Case, style: Style, message: str) -> Report | None:
        from tactful.validation import validate as default

        validate = self._validate or default
        if not message.strip():
            return None
        return validate(
            message,
            lang=case.lang,
            style=style,
            invitation=case.invitation,
            own_channels=tuple(case.vars.channels),
            known_names=tuple(n for n in (case.vars.name,) if n),
        )


def _result(assertion: Assertion, passed: bool, value: float, reason: str) -> AssertionResult:
    return AssertionResult(
        check=assertion.check,
        type=assertion.type,
        value=assertion.value,
        hard=assertion.is_hard,
        passed=passed,
        score=round(value, 4),
        reason=reason,
    )


def _copy_result(sample: SampleResult, result: Any) -> None:
    """Take what the pipeline's ``Result`` says about how the reply was made."""
    sample.message = str(getattr(result, "message", "") or "")
    sample.engine = getattr(result, "engine", None)
    sample.model = getattr(result, "model", None)
    sample.prompt_version = getattr(result, "prompt_version", None)
    sample.attempts = getattr(result, "attempts", None)
    sample.fallback = getattr(result, "fallback", None)
    usage = getattr(result, "usage", None)
    sample.usage = _as_dict(usage)
    parts = _as_dict(getattr(result, "parts", None))
    sample.parts = {k: str(v) for k, v in parts.items()} if parts else None


def _as_dict(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return dict(value)
    return None


def _first(samples: list[SampleResult], field: str) -> str | None:
    for sample in samples:
        value = getattr(sample, field)
        if value:
            return str(value)
    return None
