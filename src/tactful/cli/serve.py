"""``tactful serve``: the local web page (parse options, start the server, map errors)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tactful.cli.app import app, err, fail
from tactful.cli.options import (
    BaseUrlOption,
    MaxAttemptsOption,
    ModelOption,
    ProfileOption,
    TimeoutOption,
)

if TYPE_CHECKING:
    import socket


@app.command()
def serve(
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1.")
    ] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in your browser.")
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="A 'tactful batch' output folder to work through (default: "
            "./tactful-backlog, created when you open an export on the page).",
        ),
    ] = None,
    profile: ProfileOption = None,
    engine: Annotated[
        str, typer.Option("--engine", "-e", help="auto, offline or openai, as for rewrite.")
    ] = "auto",
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    timeout: TimeoutOption = None,
    max_attempts: MaxAttemptsOption = None,
) -> None:
    """A local page to paste a note, edit the reply with live checks, and work through a backlog.

    Listens on 127.0.0.1 only. Needs the 'serve' extra: pip install 'tactful[serve]'.
    """
    try:
        import uvicorn

        from tactful.web.app import Server, create_app
    except ImportError:
        fail("tactful serve needs its extra: pip install 'tactful[serve]'")
    from secrets import token_urlsafe  # here: it costs every other command 5 ms to import

    from tactful.options import resolve_options
    from tactful.profile import profile_path

    options = resolve_options(
        profile,
        engine=engine,
        model=model,
        base_url=base_url,
        timeout=timeout,
        max_attempts=max_attempts,
    )
    backlog = batch if batch is not None else Path("tactful-backlog")
    if backlog.exists() and not backlog.is_dir():
        fail(f"--batch {backlog} is a file; pass a 'tactful batch' output folder")
    listener = _bind(port)
    server = Server(
        options,
        token=token_urlsafe(24),
        port=port,
        profile_path=profile_path(profile),
        backlog=backlog,
    )
    address = f"http://127.0.0.1:{port}/"
    err(f"Tactful is ready at {address} (engine: {options.engine}; Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(address)
    config = uvicorn.Config(create_app(server), log_level="warning", lifespan="off")
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn handles SIGINT itself
        uvicorn.Server(config).run(sockets=[listener])


def _bind(port: int) -> socket.socket:
    """The loopback socket, bound before anything is printed: a taken port is exit 2."""
    import socket  # here, as the token: only this command opens a socket

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Lets a restart reuse the port at once; Linux still refuses it while another listens.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError:
        listener.close()
        fail(f"port {port} on 127.0.0.1 is taken; choose another with --port")
    listener.listen(64)
    return listener
