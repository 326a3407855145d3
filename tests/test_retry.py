"""The transient-fault policy: what is retried, how long it waits, when it stops."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tactful.retry import RetryPolicy, TransientError, call_with_retries, parse_retry_after


def flaky(*errors: Exception) -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []
    queue = list(errors)

    def request() -> str:
        calls.append(1)
        if queue:
            raise queue.pop(0)
        return "ok"

    return calls, request


def test_transient_errors_are_retried_until_success(retry_waits: list[float]) -> None:
    calls, request = flaky(TransientError("server", "500"), TransientError("timeout", "slow"))
    assert call_with_retries(request, RetryPolicy(attempts=3)) == "ok"
    assert len(calls) == 3
    assert len(retry_waits) == 2
    assert all(0 < wait <= RetryPolicy().maximum for wait in retry_waits)


def test_retry_after_is_honoured_and_capped(retry_waits: list[float]) -> None:
    _, request = flaky(
        TransientError("rate_limit", "429", retry_after=3.0),
        TransientError("rate_limit", "429", retry_after=3600.0),
    )
    policy = RetryPolicy(attempts=3, max_retry_after=10.0, total_seconds=1000)
    call_with_retries(request, policy)
    assert retry_waits == [3.0, 10.0]


def test_other_errors_pass_through_at_once(retry_waits: list[float]) -> None:
    calls, request = flaky(ValueError("a bug is not transient"))
    with pytest.raises(ValueError):
        call_with_retries(request, RetryPolicy())
    assert len(calls) == 1 and retry_waits == []


def test_attempts_and_total_time_are_bounded(retry_waits: list[float]) -> None:
    calls, request = flaky(*[TransientError("server", "500") for _ in range(10)])
    with pytest.raises(TransientError):
        call_with_retries(request, RetryPolicy(attempts=4))
    assert len(calls) == 4

    slow = [TransientError("rate_limit", "429", retry_after=30) for _ in range(10)]
    calls, request = flaky(*slow)
    with pytest.raises(TransientError):
        call_with_retries(request, RetryPolicy(attempts=10, total_seconds=20))
    assert len(calls) == 1  # waiting 30 s would exceed the 20 s budget: give up now


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after({"Retry-After": "2"}) == 2.0
    assert parse_retry_after({"retry-after-ms": "1500"}) == 1.5
    assert parse_retry_after({"x-other": "1"}) is None
    assert parse_retry_after({"retry-after": "soon"}) is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    seconds = parse_retry_after({"Retry-After": later})
    assert seconds is not None and 25 <= seconds <= 31
