"""The one retry policy for transient faults of a model server (tenacity).

Two loops are kept apart on purpose: this module retries *the same request* when the
server or the network hiccups (429, 5xx, dropped connections, timeouts); re-asking the
model with the validator's findings is the pipeline's business. The SDK's own retries
are switched off (``max_retries=0``) so the two never multiply.

This module does not know the ``openai`` SDK: the engine translates the SDK's errors
into ``TransientError`` (retry) or a final error (do not). Waits go through the module
attribute ``sleep`` at call time, so tests replace it and never sleep for real.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_any,
    stop_before_delay,
    wait_exponential,
    wait_random,
)

T = TypeVar("T")

sleep: Callable[[float], None] = time.sleep
"""How the policy waits; tests swap it for a recorder that returns at once."""


class TransientError(Exception):
    """A failure worth retrying: rate limit, server error, connection drop, timeout.

    ``kind`` is one of ``"rate_limit"``, ``"server"``, ``"connection"``, ``"timeout"``;
    ``retry_after`` is the server's own hint in seconds, when it gave one.
    """

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        retry_after: float | None = None,
        request_id: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after
        self.request_id = request_id
        self.status = status


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds of the transient-fault loop.

    ``attempts`` counts requests (the first one included); ``total_seconds`` bounds the
    time spent waiting so a flaky server cannot hold the user for minutes; a
    ``Retry-After`` longer than ``max_retry_after`` is cut to it. Without one, waits
    grow 0.5, 1, 2, 4 s (plus up to 1 s of jitter): a local server that is down is
    reported within about ten seconds.
    """

    attempts: int = 5
    total_seconds: float = 90.0
    initial: float = 0.5
    maximum: float = 8.0
    jitter: float = 1.0
    max_retry_after: float = 60.0


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, ``retry-after`` seconds or date)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = lowered.get(name)
        if value is None:
            continue
        seconds: float | None
        try:
            seconds = float(value) / divisor
        except ValueError:
            seconds = _seconds_until(value)
        if seconds is not None and math.isfinite(seconds):
            return max(seconds, 0.0)
    return None


def _seconds_until(http_date: str) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


class _WaitRetryAfter:
    """Honour the server's ``Retry-After`` when present, else exponential backoff with jitter."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        # wait_exponential + wait_random rather than wait_exponential_jitter, whose
        # parameters changed names across tenacity releases we accept.
        exponential = wait_exponential(multiplier=policy.initial, max=policy.maximum)
        self.backoff = exponential + wait_random(0, policy.jitter)

    def __call__(self, state: RetryCallState) -> float:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, TransientError) and error.retry_after is not None:
            return min(error.retry_after, self.policy.max_retry_after)
        return float(self.backoff(state))


def call_with_retries(
    request: Callable[[], T],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[int, TransientError, float], None] | None = None,
) -> T:
    """Call ``request`` until it returns, retrying only ``TransientError``.

    Any other exception passes straight through (a 401 or a bug is not transient).
    When the budget runs out the last ``TransientError`` is raised for the caller to
    turn into a message. ``on_retry(attempt, error, wait)`` runs before each wait.
    """

    def before_sleep(state: RetryCallState) -> None:
        if on_retry is None or state.outcome is None or state.next_action is None:
            return
        error = state.outcome.exception()
        if isinstance(error, TransientError):
            on_retry(state.attempt_number, error, state.next_action.sleep)

    retrying = Retrying(
        retry=retry_if_exception_type(TransientError),
        stop=stop_any(
            stop_after_attempt(max(policy.attempts, 1)),
            stop_before_delay(policy.total_seconds),
        ),
        wait=_WaitRetryAfter(policy),
        sleep=lambda seconds: sleep(seconds),
        before_sleep=before_sleep,
        reraise=True,
    )
    return retrying(request)
