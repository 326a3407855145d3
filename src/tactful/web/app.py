"""``tactful serve``: a local page to draft, edit and check replies, and work through a backlog.

A Starlette app (the ``serve`` extra) run by uvicorn on 127.0.0.1 only. The page and its
script are package files (Jinja2 with autoescape, the report's CSS shared); the script
renders every note and reply with ``textContent``, never as HTML. Safe by default:

* requests whose ``Host`` is not ``127.0.0.1:PORT`` or ``localhost:PORT`` are refused
  (a DNS-rebinding page cannot reach the app under another name);
* every request that changes something needs the per-run token the page carries
  (``X-Tactful-Token``), so a page elsewhere cannot POST to it; no CORS header is sent;
* errors (a bad note, a model server that fails) come back as one message, never a
  trace; the API key never leaves the process.

The drafting, the checks, the triage and the backlog are the CLI's own: ``pipeline``,
``validation``, ``batch``; this module only maps requests to them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from tactful.engines import REGISTRY
from tactful.errors import ModelError, TactfulError
from tactful.options import RewriteOptions
from tactful.profile import Profile, read_file, to_toml
from tactful.web.state import StateFile

EDITABLE = ("name", "policy", "channels", "lang", "style")
"""Profile fields the page edits; the rest of the file (model, triage policy) is kept."""
MAX_BODY = 50 * 1024 * 1024
"""The largest export accepted from the page (the CLI takes larger ones from disk)."""


class Server:
    """The app's state: the run's options, the backlog folder and the per-run token."""

    def __init__(
        self,
        options: RewriteOptions,
        *,
        token: str,
        port: int,
        profile_path: Path,
        backlog: Path,
    ) -> None:
        self.options = options
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.profile_path = profile_path
        self.backlog = backlog
        self.state = StateFile(backlog)


def create_app(server: Server) -> Starlette:
    """The Starlette app for one ``tactful serve`` run."""
    routes = [
        Route("/", partial(_page, server)),
        Route("/api/rewrite", partial(_rewrite, server), methods=["POST"]),
        Route("/api/check", partial(_check, server), methods=["POST"]),
        Route("/api/profile", partial(_profile, server), methods=["GET", "POST"]),
        Route("/api/backlog", partial(_backlog, server), methods=["GET"]),
        Route("/api/backlog/open", partial(_open_export, server), methods=["POST"]),
        Route("/api/backlog/card", partial(_card, server), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(_Guard, server=server)
    return app


class _Guard:
    """Refuse foreign ``Host`` headers, and state changes without the run's token."""

    def __init__(self, app: Callable[..., Awaitable[None]], server: Server) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.server.hosts:
            await _error("this page answers only at 127.0.0.1 or localhost", 421)(
                scope, receive, send
            )
            return
        changing = scope["method"] not in ("GET", "HEAD")
        if changing and headers.get("x-tactful-token") != self.server.token:
            await _error("missing or wrong token: reload the page from the address shown", 403)(
                scope, receive, send
            )
            return
        await self.app(scope, receive, send)


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        data = json.loads(body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TactfulError("the request is not valid JSON") from None
    if not isinstance(data, dict):
        raise TactfulError("the request must be a JSON object")
    return data


def _guarded(
    handler: Callable[[Server, Request], Awaitable[Response]],
) -> Callable[[Server, Request], Awaitable[Response]]:
    """Map Tactful's errors to one message; anything else to a generic one (no trace)."""

    async def wrapped(server: Server, request: Request) -> Response:
        try:
            return await handler(server, request)
        except ModelError as exc:
            return _error(exc.message, 502)
        except TactfulError as exc:
            return _error(exc.message, 400)
        except Exception:  # pragma: no cover - an internal error: the terminal has the detail
            return _error("internal error; see the terminal running tactful serve", 500)

    return wrapped


async def _page(server: Server, request: Request) -> HTMLResponse:
    from tactful.pages import render

    html = render(
        "serve.html",
        "serve.js",
        token=server.token,
        engine=server.options.engine,
        engines=list(REGISTRY),
        backlog=str(server.backlog),
    )
    return HTMLResponse(
        html,
        headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; connect-src 'self'; img-src data:",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


def _report(report: Any) -> dict[str, Any]:
    """The validator's verdict as the page shows it (the same checks as ``tactful check``)."""
    return {
        "valid": report.valid,
        "checks": {
            name: {
                "passed": check.passed,
                "severity": check.severity,
                "message": check.message,
                "evidence": check.evidence,
            }
            for name, check in report.checks.items()
        },
    }


@_guarded
async def _rewrite(server: Server, request: Request) -> JSONResponse:
    from tactful.pipeline import rewrite_variants

    data = await _json(request)
    note = str(data.get("note") or "")
    style = str(data.get("style") or server.options.style)
    variant = max(0, min(int(data.get("variant") or 0), 9))
    if style not in ("long", "short"):
        raise TactfulError("style must be long or short")
    options = server.options.model_copy(update={"style": style})
    engine = str(data.get("engine") or "default")
    if engine not in ("default", *REGISTRY):
        raise TactfulError(f"unknown engine {engine!r}; choose offline or openai")
    if engine != "default":  # the page's engine menu, for this request only
        options = options.model_copy(update={"engine": engine})
    results = await run_in_threadpool(rewrite_variants, note, variant + 1, options=options)
    result = results[-1]
    triage = result.triage
    return JSONResponse(
        {
            "message": result.message,
            "style": result.style,
            "lang": result.lang,
            "engine": result.engine,
            "fallback": result.fallback,
            "parts": result.parts.model_dump(),
            "triage": (
                {"kind": triage.kind, "action": triage.action, "reason": triage.reason}
                if triage
                else None
            ),
            "validation": _report(result.validation),
        }
    )


@_guarded
async def _check(server: Server, request: Request) -> JSONResponse:
    from tactful.validation import validate

    data = await _json(request)
    reply = str(data.get("reply") or "")
    if not reply.strip():
        raise TactfulError("the reply is empty")
    style = data.get("style")
    report = validate(
        reply,
        lang=str(data.get("lang") or "auto"),
        style=str(style) if style in ("long", "short") else None,
        invitation=str(data.get("note") or ""),
        own_channels=tuple(server.options.profile.channels),
    )
    return JSONResponse(_report(report))


@_guarded
async def _profile(server: Server, request: Request) -> JSONResponse:
    profile = server.options.profile
    if request.method == "POST":
        data = await _json(request)
        current = read_file(server.profile_path) if server.profile_path.is_file() else {}
        changes = {k: data[k] for k in EDITABLE if k in data}
        if isinstance(changes.get("channels"), str):
            changes["channels"] = [c.strip() for c in changes["channels"].splitlines()]
        if "channels" in changes:
            changes["channels"] = [c for c in changes["channels"] if str(c).strip()]
        merged = {**current, **{k: v for k, v in changes.items() if v not in ("", None)}}
        for key in EDITABLE:  # a field emptied on the page goes back to its default
            if key in changes and changes[key] in ("", None, []):
                merged.pop(key, None)
        try:
            profile = Profile.model_validate(merged)
        except ValueError as exc:
            raise TactfulError(f"not saved: {str(exc).splitlines()[-1].strip()}") from None
        try:
            server.profile_path.parent.mkdir(parents=True, exist_ok=True)
            server.profile_path.write_text(to_toml(merged), encoding="utf-8")
        except OSError as exc:
            raise TactfulError(f"cannot write {server.profile_path}: {exc.strerror}") from None
        server.options = server.options.model_copy(update={"profile": profile})
    values = profile.model_dump(mode="json")
    return JSONResponse(
        {"path": str(server.profile_path), "values": {k: values[k] for k in EDITABLE}}
    )


@_guarded
async def _backlog(server: Server, request: Request) -> JSONResponse:
    from tactful.batch.store import ReplyStore

    state = server.state.load()
    cards = []
    for record in ReplyStore(server.backlog).records():
        card = state.cards.get(record.key)
        cards.append(
            {
                "key": record.key,
                "from": record.sender,
                "note": record.note,
                "lang": record.lang,
                "style": record.style,
                "kind": record.triage.kind,
                "action": record.triage.action,
                "reason": record.triage.reason,
                "message": card.message if card and card.message is not None else record.message,
                "edited": bool(card and card.message is not None),
                "status": card.status if card else "open",
                "valid": card.valid if card and card.valid is not None else record.valid,
            }
        )
    return JSONResponse({"folder": str(server.backlog), "cards": cards})


@_guarded
async def _open_export(server: Server, request: Request) -> JSONResponse:
    from tactful.batch import drafting, runner
    from tactful.batch.store import ReplyStore
    from tactful.progress import Progress

    body = await request.body()
    if not body:
        raise TactfulError("the export is empty: drop LinkedIn's ZIP or Invitations.csv")
    if len(body) > MAX_BODY:
        raise TactfulError("the export is over 50 MB: run 'tactful batch' on it from a terminal")
    name = Path(request.headers.get("x-filename") or "export.zip").name
    suffix = ".zip" if body[:2] == b"PK" else ".csv"

    def run() -> int:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (Path(name).stem + suffix)
            path.write_bytes(body)
            store = ReplyStore(server.backlog)
            done = store.done_keys()
            scan = runner.scan_export(path, done=done, include_outgoing=False)
            settings = drafting.DraftSettings(
                options=server.options,
                default_lang=server.options.profile.lang or scan.majority_lang or "en",
            )
            progress = Progress(scan.pending, "serve")  # prints to the terminal running serve
            with store.writing():
                stats = runner.run_batch(
                    path,
                    store,
                    drafting.PipelineDrafter(settings),
                    done=done,
                    include_outgoing=False,
                    concurrency=4 if server.options.engine == "openai" else 1,
                    progress=progress,
                    warn=lambda message: None,
                )
            progress.close()
            runner.finish_outputs(store)
            return stats.drafted

    drafted = await run_in_threadpool(run)
    return JSONResponse({"drafted": drafted, "folder": str(server.backlog)})


@_guarded
async def _card(server: Server, request: Request) -> JSONResponse:
    from tactful.validation import validate

    data = await _json(request)
    key = str(data.get("key") or "")
    if not key:
        raise TactfulError("which card? the request has no key")
    changes: dict[str, Any] = {}
    if "status" in data:
        if data["status"] not in ("open", "sent", "skipped"):
            raise TactfulError("status must be open, sent or skipped")
        changes["status"] = data["status"]
    if "message" in data:
        message = str(data["message"])
        report = validate(
            message,
            invitation=str(data.get("note") or ""),
            own_channels=tuple(server.options.profile.channels),
        )
        changes.update(message=message, valid=report.valid)
    card = server.state.update(key, **changes)
    return JSONResponse(card.model_dump())
