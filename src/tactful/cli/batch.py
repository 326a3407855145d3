"""``tactful batch PATH``: draft a reply for every invitation in a LinkedIn export.

Parses options, prints progress and notices on stderr and the summary table on
stdout; the work is in ``tactful.batch``. Nothing is ever sent: LinkedIn needs
the member's own action, and the report is for reviewing and copying.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer

from tactful.cli.app import app, err
from tactful.cli.options import (
    BaseUrlOption,
    ChannelOption,
    MaxAttemptsOption,
    ModelOption,
    NameOption,
    PolicyOption,
    ProfileOption,
    TimeoutOption,
    lang_option,
    style_option,
)


def _default_out() -> Path:
    return Path(f"tactful-batch-{date.today().isoformat()}")


@app.command()
def batch(
    path: Annotated[
        Path,
        typer.Argument(
            help="LinkedIn's 'Get a copy of your data' ZIP, or the Invitations.csv inside it.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Output folder (default ./tactful-batch-<date>); rerun to resume."
        ),
    ] = None,
    style: Annotated[
        str | None, style_option("long (three paragraphs) or short (two sentences).")
    ] = None,
    lang: Annotated[str, lang_option("Reply language; auto follows each note.")] = "auto",
    engine: Annotated[
        Literal["auto", "offline", "openai"],
        typer.Option("--engine", help="auto uses the model when one is configured."),
    ] = "auto",
    name: NameOption = None,
    channel: ChannelOption = None,
    policy: PolicyOption = None,
    profile: ProfileOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    timeout: TimeoutOption = None,
    max_attempts: MaxAttemptsOption = None,
    no_fallback: Annotated[
        bool,
        typer.Option(
            "--no-fallback",
            help="Leave an invitation without a reply (and say so) rather than fall back offline.",
        ),
    ] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Same seed, same drafts.")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            min=1,
            max=32,
            help="Invitations drafted at once. [default: 4 with a model, 1 offline]",
        ),
    ] = None,
    all_rows: Annotated[
        bool, typer.Option("--all", help="Also draft for OUTGOING invitations.")
    ] = False,
) -> None:
    """Draft, validate and lay out a reply to every invitation in a LinkedIn export.

    Writes replies.jsonl, replies.csv and report.html in --out. Sends nothing.
    """
    from tactful.batch import drafting, runner
    from tactful.batch.store import ReplyStore
    from tactful.batch.tables import format_summary
    from tactful.errors import Interrupted
    from tactful.options import resolve_options
    from tactful.progress import Progress

    resolved = resolve_options(
        profile,
        style=style,
        lang=lang,
        engine=engine,
        name=name,
        policy=policy,
        channels=channel or (),
        model=model,
        base_url=base_url,
        timeout=timeout,
        max_attempts=max_attempts,
        fallback=not no_fallback,
    )
    out_dir = out if out is not None else _default_out()
    store = ReplyStore(out_dir)
    done = store.done_keys()
    scan = runner.scan_export(path, done=done, include_outgoing=all_rows)
    chosen = resolved.engine
    model_settings = resolved.settings
    settings = drafting.DraftSettings(
        options=resolved,
        seed=seed,
        default_lang=resolved.profile.lang or scan.majority_lang or "en",
    )
    drafter = drafting.PipelineDrafter(settings)
    if chosen == "openai":
        err(f"Engine: model {model_settings.model} at {model_settings.url}")
    what = "invitations" if all_rows else "incoming invitations"
    err(f"{path}: {scan.eligible} {what}, {scan.pending} to draft into {out_dir}")
    if scan.done:
        err(f"Resuming: {scan.done} already in {store.path}, skipped")
    progress = Progress(scan.pending, "batch")
    stats = runner.RunStats()
    interrupted = False
    with store.writing():
        try:
            stats = runner.run_batch(
                path,
                store,
                drafter,
                done=done,
                include_outgoing=all_rows,
                concurrency=concurrency or (4 if chosen == "openai" else 1),
                progress=progress,
                warn=err,
            )
        except KeyboardInterrupt:
            interrupted = True
        finally:
            progress.close()
            summary = runner.finish_outputs(store)
    if interrupted:  # Ctrl-C: what was kept, and how to pick up from there
        raise Interrupted(
            f"interrupted: {summary.total} replies kept in {store.path} (report.html and "
            f"replies.csv written); run the same command again to draft the rest"
        )
    if stats.outgoing:
        err(f"{stats.outgoing} outgoing invitations left out (use --all to include them)")
    notes = [
        f"{stats.malformed} malformed rows skipped" if stats.malformed else "",
        f"{stats.failed} rows without a reply (rerun to retry)" if stats.failed else "",
    ]
    print(format_summary(summary))
    print(f"this run: {stats.drafted} drafted, {stats.resumed} resumed from an earlier run")
    for line in notes:
        if line:
            print(line)
    print(f"review: {out_dir / 'report.html'} (Tactful never sends anything)")
