"""``tactful eval``: run the decline suite; ``tactful eval validator``: measure the validator.

``eval`` is a typer sub-app with ``invoke_without_command=True``: the group's
own callback runs the decline suite (so ``tactful eval --style short`` works as
users expect), and ``validator`` is a subcommand with its own options. The
callback returns early when a subcommand is named, so the two never both run.

This module only parses options, prints and maps outcomes to exit codes; the
work lives in ``tactful.evals`` so tests and scripts get the same behaviour.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from tactful.cli.app import app, err
from tactful.errors import UsageError

T = TypeVar("T")

if TYPE_CHECKING:
    from tactful.engines.base import Style

eval_app = typer.Typer(
    name="eval",
    help=(
        "Run the decline suite and print a category x check table (default), or measure "
        "the validator (`tactful eval validator`).\n\n"
        "Exit 0 when the pass rate reaches --min-pass and no hard assertion (pitch, injected "
        "text, links) failed; 1 otherwise; 2 for a usage error."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")


class EngineChoice(StrEnum):
    offline = "offline"
    openai = "openai"


class StyleChoice(StrEnum):
    long = "long"
    short = "short"
    both = "both"


_STYLE: dict[StyleChoice, Style] = {StyleChoice.long: "long", StyleChoice.short: "short"}
_RUN = "Run"
_MODEL = "Model and recordings"
_OUTPUT = "Output and gate"


@eval_app.callback(invoke_without_command=True)
def run_suite(
    ctx: typer.Context,
    engine: Annotated[
        EngineChoice,
        typer.Option("--engine", "-e", help="Engine to measure.", rich_help_panel=_RUN),
    ] = EngineChoice.offline,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            envvar="TACTFUL_MODEL",
            help="Model name for --engine openai.",
            rich_help_panel=_MODEL,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="OPENAI_BASE_URL",
            help="Chat Completions server for --engine openai.",
            rich_help_panel=_MODEL,
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.001,
            envvar="TACTFUL_TIMEOUT",
            help="Seconds to wait for each answer (a small local model needs minutes).",
            rich_help_panel=_MODEL,
        ),
    ] = None,
    style: Annotated[
        StyleChoice, typer.Option("--style", "-s", help="Reply style(s).", rich_help_panel=_RUN)
    ] = StyleChoice.both,
    cases: Annotated[
        Path | None,
        typer.Option(
            "--cases",
            help="Suite folder or .jsonl file (default: the shipped evals/cases).",
            rich_help_panel=_RUN,
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            "-f",
            metavar="CATEGORY",
            help="Only these categories (repeat or comma-separate).",
            rich_help_panel=_RUN,
        ),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", "-c", min=1, max=64, help="Cases in flight.", rich_help_panel=_RUN
        ),
    ] = 4,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write results.json, junit.xml and summary.md here.",
            rich_help_panel=_OUTPUT,
        ),
    ] = None,
    min_pass: Annotated[
        float,
        typer.Option(
            "--min-pass",
            min=0.0,
            max=1.0,
            help="Exit 1 below this share of passed assertions (hard ones always gate).",
            rich_help_panel=_OUTPUT,
        ),
    ] = 0.95,
    record: Annotated[
        Path | None,
        typer.Option("--record", help="Store every model exchange in DIR.", rich_help_panel=_MODEL),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            "--replay",
            help="Answer from recordings in DIR; no network, a missing one fails.",
            rich_help_panel=_MODEL,
        ),
    ] = None,
) -> None:
    """Run the decline suite and print a category x check table.

    Exit 0 when the pass rate reaches --min-pass and no hard assertion (injection,
    pitch, links) failed; 1 otherwise; 2 for a usage error.
    """
    if ctx.invoked_subcommand is not None:
        return
    from tactful.engines.base import STYLES
    from tactful.evals.cases import load_suite
    from tactful.evals.engine import build_engine
    from tactful.evals.report import render_table, write_reports
    from tactful.evals.runner import Runner

    if (record or replay) and engine is not EngineChoice.openai:
        raise UsageError("--record and --replay need --engine openai")
    if record and replay:
        raise UsageError("use either --record or --replay, not both")
    if out is not None:
        from tactful.resources import writing_to

        with writing_to(out):  # a folder that cannot be written fails now, not after the run
            pass
    suite = load_suite(cases)
    wanted = [c.strip() for item in category or [] for c in item.split(",") if c.strip()]
    if wanted:
        suite = suite.only(wanted)
    styles: tuple[Style, ...] = STYLES if style is StyleChoice.both else (_STYLE[style],)
    built = build_engine(
        engine.value, model=model, base_url=base_url, timeout=timeout, record=record, replay=replay
    )
    runner = Runner(
        engine=built.engine,
        make_engine=built.make,
        engine_name=engine.value,
        model=built.model,
        prompt_version=built.prompt_version,
        concurrency=concurrency,
    )
    from tactful.progress import Progress

    with Progress(0, "eval") as progress:
        results = runner.run(suite, styles, min_pass=min_pass, progress=progress.update)
    print(render_table(results))
    built.finish(err)
    if out is not None:
        paths = write_reports(results, out)
        err(f"wrote {', '.join(str(p) for p in paths.values())}")
    raise typer.Exit(0 if results.summary.ok and built.ok else 1)


@eval_app.command("validator")
def validator_eval(
    path: Annotated[
        Path | None,
        typer.Argument(help="Labelled replies: a .jsonl file or a folder of them."),
    ] = None,
    min_precision: Annotated[
        float,
        typer.Option("--min-precision", min=0.0, max=1.0, help="Per core check, both languages."),
    ] = 0.90,
    min_recall: Annotated[
        float,
        typer.Option("--min-recall", min=0.0, max=1.0, help="Per core check, both languages."),
    ] = 0.90,
    min_accuracy: Annotated[
        float,
        typer.Option("--min-accuracy", min=0.0, max=1.0, help="Valid/invalid accuracy."),
    ] = 0.92,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts",
            help="Model drafts, good and with one defect each: a .jsonl file or a folder "
            "(default: evals/validator/drafts).",
        ),
    ] = None,
    max_false_rejection: Annotated[
        float,
        typer.Option("--max-false-rejection", min=0.0, max=1.0, help="Good drafts rejected."),
    ] = 0.03,
    min_catch: Annotated[
        float, typer.Option("--min-catch", min=0.0, max=1.0, help="Defective drafts caught.")
    ] = 0.95,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scores as one JSON object.")
    ] = False,
) -> None:
    """Measure the validator on labelled replies and on model drafts.

    Labelled replies (default: the shipped evals/validator): precision, recall, F1
    and confusion counts per check and language. Model drafts (default:
    evals/validator/drafts): the false rejection rate on good drafts and the catch
    rate per defect. Exit 1 when a threshold is missed, 2 for a usage error.
    """
    from tactful.evals.drafts import (
        default_drafts_dir,
        drafts_json,
        drafts_misses,
        evaluate_drafts,
        format_drafts,
        load_draft_rows,
    )
    from tactful.evals.gates import validator_json, validator_misses
    from tactful.evals.validator import default_path, evaluate, format_table, load_rows

    rows = _jsonl_rows(path if path is not None else default_path().parent, load_rows)
    result = evaluate(rows)
    misses = validator_misses(
        result, min_precision=min_precision, min_recall=min_recall, min_accuracy=min_accuracy
    )
    draft_rows = _jsonl_rows(
        drafts if drafts is not None else default_drafts_dir(), load_draft_rows
    )
    judged = evaluate_drafts(draft_rows)
    misses += drafts_misses(judged, max_false_rejection=max_false_rejection, min_catch=min_catch)
    if as_json:
        print(json.dumps({**validator_json(result), "drafts": drafts_json(judged)}, indent=2))
    else:
        print(format_table(result))
        print(format_drafts(judged))
    if misses:
        err("FAIL: " + "; ".join(misses))
        raise typer.Exit(1)
    err(
        f"PASS: precision >= {min_precision:.2f}, recall >= {min_recall:.2f} per core check, "
        f"valid accuracy >= {min_accuracy:.2f} ({result.rows} rows); false rejections <= "
        f"{max_false_rejection:.2f}, catch rate >= {min_catch:.2f} ({len(draft_rows)} drafts)"
    )


def _jsonl_rows(source: Path, load: Callable[[Path], list[T]]) -> list[T]:
    """Every row of a .jsonl file, or of the .jsonl files of a folder, in name order."""
    from tactful.errors import InputError

    files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    if not files or not all(f.is_file() for f in files):
        raise InputError(f"no labelled rows at {source}; pass a .jsonl file or a folder")
    try:
        return [row for file in files for row in load(file)]
    except ValueError as exc:
        raise InputError(str(exc).splitlines()[0]) from None


@eval_app.command("triage")
def triage_eval(
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", help="A set of evals/triage to run (repeatable; default: all)."),
    ] = None,
    cases: Annotated[
        Path | None, typer.Option("--cases", help="Folder of the .jsonl sets (evals/triage).")
    ] = None,
    min_kind_accuracy: Annotated[
        float, typer.Option("--min-kind-accuracy", min=0.0, max=1.0)
    ] = 0.0,
    min_action_accuracy: Annotated[
        float, typer.Option("--min-action-accuracy", min=0.0, max=1.0)
    ] = 0.0,
    min_recall: Annotated[
        list[str] | None,
        typer.Option("--min-recall", metavar="LABEL=X", help="Per kind or action (repeatable)."),
    ] = None,
    min_precision: Annotated[
        list[str] | None,
        typer.Option("--min-precision", metavar="LABEL=X", help="Per kind or action (repeatable)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="Tables without the misses.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scores as one JSON object.")
    ] = False,
) -> None:
    """Measure `tactful triage`: precision and recall per kind and per action.

    Exit 1 when a threshold is missed (a sales note proposed a meeting always
    misses), 2 for a usage error.
    """
    from tactful.evals.triage import Gate, run, thresholds

    gate = Gate(
        min_kind_accuracy=min_kind_accuracy,
        min_action_accuracy=min_action_accuracy,
        min_recall=thresholds(min_recall or [], "--min-recall"),
        min_precision=thresholds(min_precision or [], "--min-precision"),
    )
    code = run(sets, gate, as_json=as_json, quiet=quiet, folder=cases)
    if code:
        raise typer.Exit(code)


@eval_app.command("selling")
def selling_eval(
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", help="notes, followups or replies (repeatable; default: all)."),
    ] = None,
    cases: Annotated[
        Path | None, typer.Option("--cases", help="Folder of the .jsonl sets (evals/selling).")
    ] = None,
    minimums: Annotated[
        list[str] | None,
        typer.Option(
            "--min", metavar="SET.FIGURE=X", help="e.g. notes.sales_recall=0.9 (repeatable)."
        ),
    ] = None,
    max_sales_meet: Annotated[
        int,
        typer.Option(
            "--max-sales-meet", min=0, help="Sales notes a set may offer a meeting (default 0)."
        ),
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", help="Figures without the misses.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as one JSON object.")
    ] = False,
) -> None:
    """Measure the selling judgement: sales notes, pitching follow-ups, pitching replies.

    Exit 1 when a minimum is missed or a sales note is offered a meeting (beyond
    --max-sales-meet), 2 for a usage error.
    """
    from tactful.evals.selling import run
    from tactful.evals.triage import thresholds

    limits = thresholds(minimums or [], "--min")
    code = run(
        sets, limits, as_json=as_json, quiet=quiet, folder=cases, max_sales_meet=max_sales_meet
    )
    if code:
        raise typer.Exit(code)
