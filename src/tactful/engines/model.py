"""The model engine: a decline personalised by any OpenAI-compatible Chat Completions server.

This is the only module that imports ``openai``, and only inside functions, so
``--help``, ``check`` and the offline path never load it. Its jobs:

* build the request from the prompt files (``tactful.prompts``), asking for a strict
  ``json_schema`` reply; when a server refuses that, step down to ``json_object``, then
  to plain instructions, and remember the step for the rest of the run;
* send it through a ``ChatBackend`` (the seam record/replay plugs into), retrying
  transient faults with the one policy in ``tactful.retry``;
* turn the SDK's errors into one-line ``ModelError`` messages (never the key);
* parse the reply into a ``Draft``, or raise ``UnusableDraft`` with a reason the
  pipeline feeds back on the next attempt.

It never judges a draft: the validator does, in the pipeline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from tactful.engines.base import Draft, Style, UnusableDraft
from tactful.engines.settings import DEFAULT_MODEL, ModelSettings, resolve_settings
from tactful.errors import ModelError
from tactful.profile import Profile
from tactful.prompts import (
    Mode,
    build_messages,
    copied_from_examples,
    max_tokens,
    prompt_version,
)
from tactful.reading.analysis import Reading
from tactful.retry import RetryPolicy, TransientError, call_with_retries, parse_retry_after

__all__ = [
    "DEFAULT_MODEL",
    "Attempt",
    "ChatBackend",
    "ModelEngine",
    "ModelSettings",
    "OpenAIBackend",
    "reply_schema",
    "resolve_settings",
    "response_format",
]

LOCAL_API_KEY = "sk-no-key-needed"
"""Sent to a server given by base URL when no key is set: local servers ignore it."""

SCHEMA_NAME = "tactful_decline"
_DOWNGRADE: dict[Mode, Mode] = {"json_schema": "json_object", "json_object": "plain"}
_KEY_LIKE = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_*.\-]{4,}")


class ChatBackend(Protocol):
    """Sends one Chat Completions request; the seam for record/replay.

    ``request`` is exactly the keyword arguments of ``client.chat.completions.create``;
    the return value is the ChatCompletion as a plain dict (``completion.model_dump()``),
    optionally with ``"_request_id"``. Failures are raised as the ``openai`` SDK's
    exceptions, which the engine translates (retry, downgrade, or a final error).
    """

    def complete(self, request: dict[str, Any]) -> dict[str, Any]: ...


class OpenAIBackend:
    """The real thing: the ``openai`` client, built on first use, with its own retries off."""

    def __init__(self, base_url: str | None, api_key: str | None, timeout: float) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self._api_key = api_key
        self._client: Any = None

    def _get_client(self) -> Any:
        if self._client is None:
            import openai

            key = self._api_key or LOCAL_API_KEY
            self._client = openai.OpenAI(
                api_key=key, base_url=self.base_url, timeout=self.timeout, max_retries=0
            )
        return self._client

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        completion = self._get_client().chat.completions.create(**request)
        if not hasattr(completion, "model_dump"):  # the SDK hands back a non-JSON body as text
            raise ModelError(
                f"the server at {self.base_url or 'the default URL'} did not answer with a Chat "
                "Completion (an HTML or text page); check that the base URL ends in /v1"
            )
        data: dict[str, Any] = completion.model_dump()
        request_id = getattr(completion, "_request_id", None)
        if request_id:
            data["_request_id"] = request_id
        return data


def reply_schema() -> dict[str, Any]:
    """The strict JSON schema of a model's answer: the message, nothing else.

    The three parts are not asked for: nothing could check them against the message,
    and they doubled the tokens of every answer. The validator finds them instead.
    """
    return {
        "type": "object",
        "properties": {"message": {"type": "string"}},
        "required": ["message"],
        "additionalProperties": False,
    }


def response_format(mode: Mode) -> dict[str, Any] | None:
    """The ``response_format`` for a mode (llama.cpp-style servers read json_object's schema)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": reply_schema()},
        }
    if mode == "json_object":
        return {"type": "json_object", "schema": reply_schema()}
    return None


@dataclass
class Attempt:
    """What one draft request cost and returned: for ``--verbose``, ``--json`` and evals."""

    number: int
    mode: Mode
    retries: int = 0
    request_id: str | None = None
    usage: dict[str, int] | None = None
    finish_reason: str | None = None
    outcome: str = "pending"


def total_usage(attempts: list[Attempt]) -> dict[str, int]:
    """Token counts summed over attempts (servers that report none add nothing)."""
    totals = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    for attempt in attempts:
        for name in totals:
            totals[name] += int((attempt.usage or {}).get(name) or 0)
    return totals


class _FormatRejected(Exception):
    """The server refused the requested ``response_format`` (not a transient fault)."""


class _ParameterRejected(Exception):
    """The server refused an optional sampling parameter (reasoning models refuse
    ``temperature``; some servers refuse ``seed``): drop it for the rest of the run."""

    def __init__(self, param: str, detail: str) -> None:
        super().__init__(detail)
        self.param = param


OPTIONAL_PARAMETERS = ("temperature", "seed", "max_tokens")


class ModelEngine:
    """Drafts a decline with a model; see the module docstring for the contract.

    The engine remembers, for the run: the ``response_format`` level the server
    accepts (``mode``), parameters it refused (``dropped``), every ``Attempt`` (usage,
    request id, outcome) and its last reply, which a re-ask with ``findings`` returns
    to the model. It is not meant to be shared between threads: give each concurrent
    worker its own engine (they may share one thread-safe backend).
    """

    name = "openai"

    def __init__(
        self,
        settings: ModelSettings | None = None,
        *,
        backend: ChatBackend | None = None,
        retry: RetryPolicy | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings or ModelSettings()
        self.backend: ChatBackend = backend or OpenAIBackend(
            self.settings.base_url, self.settings.api_key, self.settings.timeout
        )
        self.retry = retry or RetryPolicy()
        self.mode: Mode = "json_schema"
        self.downgrades: list[str] = []
        self.attempts: list[Attempt] = []
        self.dropped: set[str] = set()
        self._log = log
        self._previous: tuple[str, str, int] | None = None  # (invitation key, raw reply, number)

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def prompt_version(self) -> str:
        return prompt_version()

    @property
    def last_attempt(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None

    def usage_since(self, index: int) -> dict[str, int]:
        """Tokens spent by the attempts from ``index`` on (one rewrite's share of the run)."""
        return total_usage(self.attempts[index:])

    def draft(
        self,
        analysis: Reading,
        profile: Profile,
        style: Style,
        *,
        findings: list[str] | None = None,
        seed: int | None = None,
    ) -> Draft:
        """One attempt: request, (downgrade), parse. Raises ``UnusableDraft`` or ``ModelError``."""
        key = f"{style}\0{analysis.text}"
        previous, number = None, 1
        if findings is not None and self._previous is not None and self._previous[0] == key:
            previous, number = self._previous[1], self._previous[2] + 1
        attempt = Attempt(number=number, mode=self.mode)
        self.attempts.append(attempt)
        while True:
            attempt.mode = self.mode
            messages = build_messages(
                analysis, profile, style, mode=self.mode, previous=previous, findings=findings
            )
            why = f", re-asking with {len(findings)} finding(s)" if findings is not None else ""
            self._say(f"attempt {number}: asking {self.model} (response_format {self.mode}{why})")
            try:
                completion = self._send(self._request(messages, seed, style), attempt)
                break
            except _FormatRejected as exc:
                self._downgrade(str(exc))
            except _ParameterRejected as exc:
                self.dropped.add(exc.param)
                self._say(f"the server refused {exc.param} ({exc}); not sending it from now on")
        attempt.request_id = completion.get("_request_id") or attempt.request_id
        attempt.usage = _usage(completion)
        try:
            draft, raw = self._parse(completion, attempt)
            copied = copied_from_examples(draft.message, analysis, profile, style)
            if copied:
                raise UnusableDraft(
                    "the draft copies the worked example ("
                    + ", ".join(f"'{phrase}'" for phrase in copied)
                    + "), which this invitation and profile do not mention; write about this "
                    "invitation only",
                    raw,
                )
        except UnusableDraft as exc:
            attempt.outcome = exc.reason
            self._previous = (key, exc.raw or "", number)
            self._say(f"attempt {number}: unusable reply: {exc.reason}{self._cost(attempt)}")
            raise
        attempt.outcome = "drafted"
        self._previous = (key, raw, number)
        self._say(f"attempt {number}: drafted{self._cost(attempt)}")
        return draft

    # -- request -------------------------------------------------------------------------

    def _request(
        self, messages: list[dict[str, str]], seed: int | None, style: Style
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": max_tokens(style),
        }
        fmt = response_format(self.mode)
        if fmt is not None:
            request["response_format"] = fmt
        if seed is not None:
            request["seed"] = seed
        for name in self.dropped:
            request.pop(name, None)
        return request

    def _send(self, request: dict[str, Any], attempt: Attempt) -> dict[str, Any]:
        def once() -> dict[str, Any]:
            try:
                return self.backend.complete(request)
            except Exception as exc:
                translated = self._translate(exc)
                if translated is exc:
                    raise
                raise translated from exc

        def on_retry(number: int, error: TransientError, wait: float) -> None:
            attempt.retries = number
            rid = f", request {error.request_id}" if error.request_id else ""
            self._say(
                f"attempt {attempt.number}: {_describe(error)}{rid}; retry {number} in {wait:.1f}s"
            )

        try:
            return call_with_retries(once, self.retry, on_retry=on_retry)
        except TransientError as exc:
            raise ModelError(self._gave_up(exc, attempt.retries + 1)) from None

    def _downgrade(self, why: str) -> None:
        new = _DOWNGRADE[self.mode]
        note = f"the server refused response_format {self.mode} ({why}); using {new} from now on"
        self.downgrades.append(note)
        self._say(note)
        self.mode = new

    # -- errors --------------------------------------------------------------------------

    def _translate(self, exc: Exception) -> Exception:
        """SDK exception -> TransientError (retry), _FormatRejected (downgrade) or ModelError."""
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return TransientError("timeout", f"no answer within {self.settings.timeout:g}s")
        if isinstance(exc, openai.APIConnectionError):
            return TransientError("connection", _cause(exc))
        if not isinstance(exc, openai.APIStatusError):
            if isinstance(exc, openai.OpenAIError):
                return ModelError(self._scrub(f"the model client failed: {exc}"))
            return exc
        status, rid = exc.status_code, exc.request_id
        detail = self._scrub(_server_message(exc))
        retry_after = parse_retry_after(exc.response.headers)
        if status == 429:
            if "insufficient_quota" in {exc.code, exc.type} or "insufficient_quota" in detail:
                return ModelError(
                    "the account behind OPENAI_API_KEY has no quota left (HTTP 429 "
                    "insufficient_quota); check its plan and billing, or use --engine offline"
                    + _rid(rid)
                )
            return TransientError(
                "rate_limit", detail, retry_after=retry_after, request_id=rid, status=status
            )
        if status in (400, 413, 422) and _context_overflow(exc, detail):
            return ModelError(self._too_long(detail) + _rid(rid))
        if status == 404 or (status == 400 and exc.code == "model_not_found"):
            # llama-cpp-python (and some proxies) say "model not found" with a 400: not a
            # refused response_format, so no step down.
            return ModelError(
                f"model {self.settings.model!r} was not found at {self.settings.url} (HTTP "
                f"{status}); check --model or TACTFUL_MODEL, and that the base URL ends in /v1"
                + _rid(rid)
            )
        if status in (400, 422) and exc.param in OPTIONAL_PARAMETERS:
            return _ParameterRejected(exc.param, f"HTTP {status}: {detail}")
        if self.mode != "plain" and _rejects_format(status, f"{exc.message} {detail}", exc.param):
            return _FormatRejected(f"HTTP {status}: {detail}" if detail else f"HTTP {status}")
        if status in (408, 409) or status >= 500:
            return TransientError(
                "server", detail, retry_after=retry_after, request_id=rid, status=status
            )
        if status in (401, 403):
            what = "rejected the API key" if status == 401 else "refused access with this API key"
            return ModelError(
                f"the model server at {self.settings.url} {what} (HTTP {status}); check "
                "OPENAI_API_KEY (a local server given with --base-url needs none)" + _rid(rid)
            )
        return ModelError(
            f"the model server at {self.settings.url} rejected the request (HTTP {status}"
            + (f": {detail}" if detail else "")
            + "); check --model and --base-url"
            + _rid(rid)
        )

    def _too_long(self, detail: str) -> str:
        """The prompt does not fit the model's context window: say so, with the server's sizes.

        Local servers start with small windows (llama-cpp-python: 2048 tokens, less than
        one Tactful prompt with its examples); a larger one is a server flag, not a
        Tactful setting, so the message names the flags.
        """
        sizes = _context_sizes(detail)
        what = f" ({sizes})" if sizes else ""
        return (
            f"the prompt does not fit the context window of the model at {self.settings.url}"
            f"{what}; start the server with a larger context (llama.cpp: -c 8192, "
            "llama-cpp-python: --n_ctx 8192) or use a model with a longer one"
        )

    def _gave_up(self, exc: TransientError, tries: int) -> str:
        url, rid = self.settings.url, _rid(exc.request_id)
        if exc.kind == "timeout":
            return (
                f"the model server at {url} did not answer within {self.settings.timeout:g}s "
                f"({tries} tries); raise --timeout or try again later"
            )
        if exc.kind == "connection":
            return (
                f"cannot reach the model server at {url} ({exc.detail}, {tries} tries); "
                "check --base-url or OPENAI_BASE_URL and that the server is running"
            )
        if exc.kind == "rate_limit":
            return (
                f"the model server at {url} kept rate-limiting requests (HTTP 429, {tries} tries); "
                "wait a minute and try again" + rid
            )
        return (
            f"the model server at {url} kept failing ({_describe(exc)}, {tries} tries); "
            "try again later or use --engine offline" + rid
        )

    def _scrub(self, text: str) -> str:
        """Never echo a key, even the masked one some servers put in their messages."""
        if self.settings.api_key:
            text = text.replace(self.settings.api_key, "[key]")
        return _KEY_LIKE.sub("[key]", text)

    # -- reply ---------------------------------------------------------------------------

    def _parse(self, completion: dict[str, Any], attempt: Attempt) -> tuple[Draft, str]:
        choices = completion.get("choices") or []
        if not choices:
            raise UnusableDraft("the server returned no answer (no choices)")
        choice = choices[0] or {}
        message = choice.get("message") or {}
        content = message.get("content") or ""
        attempt.finish_reason = choice.get("finish_reason")
        if message.get("refusal"):
            raise UnusableDraft(f"the model refused: {_one_line(message['refusal'])}", content)
        if attempt.finish_reason == "length":
            raise UnusableDraft(
                "the reply was cut off by the token limit; keep the reply shorter", content
            )
        if attempt.finish_reason == "content_filter":
            raise UnusableDraft("the reply was stopped by the server's content filter", content)
        if not content.strip():
            raise UnusableDraft("the reply was empty", content)
        data = _json_object(content)
        if data is None:
            raise UnusableDraft(
                "the reply was not a JSON object; answer with one JSON object only", content
            )
        message = data.get("message")
        if not isinstance(message, str):
            raise UnusableDraft('the reply\'s JSON lacks the string field "message"', content)
        if not message.strip():
            raise UnusableDraft("the reply's message field is empty", content)
        # Parts a model adds on its own are not trusted: the pipeline takes them from the
        # validator's evidence, so they are always sentences of the message.
        return Draft(message=message.strip()), content

    def _cost(self, attempt: Attempt) -> str:
        parts = []
        if attempt.usage:
            parts.append(
                f"tokens {attempt.usage.get('prompt_tokens', 0)} in / "
                f"{attempt.usage.get('completion_tokens', 0)} out"
            )
        if attempt.request_id:
            parts.append(f"request {attempt.request_id}")
        return f" ({', '.join(parts)})" if parts else ""

    def _say(self, line: str) -> None:
        if self._log is not None:
            self._log(f"model: {line}")


def _rejects_format(status: int, detail: str, param: str | None) -> bool:
    """Does this error say the server cannot do the requested ``response_format``?

    A 400/422 is taken as a refusal of the format unless it names another parameter or
    the context length (the plain-instructions request then shows the real error); a
    500 counts only when its body talks about ``response_format`` (llama-cpp-python).
    """
    text = detail.lower()
    if status in (400, 422):
        if param and "response_format" not in param:
            return False
        return "context length" not in text and "context_length" not in text
    return status == 500 and ("response_format" in text or "json_schema" in text)


_CONTEXT_WORDS = ("context length", "context_length", "context size", "context window")
_CONTEXT_SIZES = (
    # llama-cpp-python and OpenAI: "maximum context length is 2048 tokens. However, you
    # requested 2400 tokens"; llama.cpp: "request (9412 tokens) exceeds the available
    # context size (8192 tokens)".
    re.compile(r"context length is (\d+) tokens.*?requested (\d+) tokens", re.I),
    re.compile(r"request \((\d+) tokens\) exceeds the available context size \((\d+)", re.I),
)


def _context_overflow(exc: Any, detail: str) -> bool:
    """Does this refusal say the prompt is longer than the model's context window?

    OpenAI and llama-cpp-python send ``code: context_length_exceeded``; llama.cpp's
    server sends ``type: exceed_context_size_error`` (and a numeric code). Without
    this, a 400 that names no parameter would be taken for a refused
    ``response_format`` and step the format down for nothing.
    """
    marks = {str(exc.code or ""), str(exc.type or "")}
    if marks & {"context_length_exceeded", "exceed_context_size_error"}:
        return True
    text = detail.lower()
    return any(word in text for word in _CONTEXT_WORDS) and (
        "exceed" in text or "maximum" in text or "too long" in text
    )


def _context_sizes(detail: str) -> str:
    """'2400 tokens for a window of 2048' from the server's message, when it gives both."""
    for number, pattern in enumerate(_CONTEXT_SIZES):
        found = pattern.search(detail)
        if found:
            first, second = found.groups()
            window, prompt = (first, second) if number == 0 else (second, first)
            return f"{prompt} tokens for a window of {window}"
    return ""


def _json_object(content: str) -> dict[str, Any] | None:
    """The JSON object in a reply, tolerating a Markdown fence or chatter around it."""
    text = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    candidates = [text]
    if fenced:
        candidates.append(fenced.group(1).strip())
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    for candidate in candidates:
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def _usage(completion: dict[str, Any]) -> dict[str, int] | None:
    usage = completion.get("usage")
    if not isinstance(usage, dict):
        return None
    names = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {name: int(usage.get(name) or 0) for name in names}


def _server_message(exc: Any) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return _one_line(str(message))
    if isinstance(body, str) and body.strip():
        return _one_line(body)
    return ""


def _cause(exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    return _one_line(str(cause)) if cause is not None and str(cause) else "connection failed"


def _describe(error: TransientError) -> str:
    if error.status:
        label = {429: "rate limited"}.get(error.status, "server error")
        detail = f": {error.detail}" if error.detail else ""
        return f"HTTP {error.status} {label}{detail}"
    return error.detail or error.kind


def _rid(request_id: str | None) -> str:
    return f" (request id {request_id})" if request_id else ""


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
