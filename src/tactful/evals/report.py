"""Reports of a run: a terminal table, ``results.json``, JUnit XML and a Markdown summary.

The table is category x check (assertion type) with pass rates, because the two
questions after a change are "which kind of note got worse?" and "which
property broke?". Failures follow, each with its case id and style, so a reader
goes straight from a red cell to the reply that caused it. JUnit XML is what CI
systems render as test results; the Markdown suits a CI job summary page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from tactful.evals.runner import RunResults, SampleResult
from tactful.resources import writing_to

ALL = "all"


def aggregate(results: RunResults) -> dict[str, dict[str, tuple[int, int]]]:
    """``{category: {check: (passed, total)}}`` with an ``all`` row and column."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for sample in results.samples:
        for outcome in sample.assertions:
            for row in (sample.category, ALL):
                for column in (outcome.check, ALL):
                    cell = table[row][column]
                    cell[0] += int(outcome.passed)
                    cell[1] += 1
    return {row: {col: (c[0], c[1]) for col, c in cols.items()} for row, cols in table.items()}


def checks(results: RunResults) -> list[str]:
    """Report columns (assertion labels or types) in order of first appearance."""
    seen = dict.fromkeys(a.check for s in results.samples for a in s.assertions)
    return list(seen)


def failures(results: RunResults) -> list[tuple[SampleResult, str]]:
    """``(sample, line)`` for every failed assertion and every errored sample."""
    out: list[tuple[SampleResult, str]] = []
    for sample in results.samples:
        if sample.error is not None:
            out.append((sample, f"{sample.name}: error: {sample.error}"))
            continue
        for outcome in sample.assertions:
            if not outcome.passed:
                hard = " (hard)" if outcome.hard else ""
                out.append((sample, f"{sample.name}: {outcome.check}{hard}: {outcome.reason}"))
    return out


def _rate(cell: tuple[int, int] | None) -> str:
    if cell is None or cell[1] == 0:
        return "-"
    passed, total = cell
    return f"{100 * passed / total:.0f}%"


def _verdict(results: RunResults) -> str:
    s = results.summary
    parts = [
        f"{s.assertions_passed}/{s.assertions} assertions passed ({100 * s.pass_rate:.1f}%, "
        f"gate {100 * s.min_pass:.0f}%)",
        f"{s.samples_passed}/{s.samples} replies fully passed",
        f"{s.hard_failures} hard failures",
    ]
    if s.errors:
        parts.append(f"{s.errors} errors")
    if s.usage.get("total_tokens"):
        parts.append(f"{s.usage['total_tokens']:,} tokens")
    return "; ".join(parts)


def _headline(results: RunResults) -> str:
    run = results.run
    model = f", model {run.model}" if run.model else ""
    prompts = f", prompts {run.prompt_version}" if run.prompt_version else ""
    return (
        f"suite {run.suite} {run.suite_version}: engine {run.engine}{model}{prompts}, "
        f"styles {'+'.join(run.styles)}, {run.wall_s:.1f}s"
    )


def render_table(results: RunResults, max_failures: int = 40) -> str:
    """The terminal report: headline, category x check table, failures, verdict."""
    grid = aggregate(results)
    columns = [*checks(results), ALL]
    rows = [*results.run.categories, ALL]
    rows = [r for r in rows if r in grid]
    first = max([len("category"), *(len(r) for r in rows)])
    widths = [max(len(c), 4) for c in columns]
    lines = [_headline(results), ""]
    pairs = list(zip(columns, widths, strict=True))
    header = "category".ljust(first) + "  " + "  ".join(c.rjust(w) for c, w in pairs)
    lines += [header, "-" * len(header)]
    for row in rows:
        cells = [_rate(grid[row].get(c)).rjust(w) for c, w in pairs]
        lines.append(row.ljust(first) + "  " + "  ".join(cells))
    found = failures(results)
    if found:
        lines += ["", f"Failures ({len(found)}):"]
        lines += [f"  {line}" for _, line in found[:max_failures]]
        if len(found) > max_failures:
            lines.append(f"  ... and {len(found) - max_failures} more (see results.json)")
    status = "PASS" if results.summary.ok else "FAIL"
    lines += ["", f"{status}: {_verdict(results)}"]
    return "\n".join(lines)


def render_markdown(results: RunResults, max_failures: int = 200) -> str:
    """A summary for a CI job page: verdict, the table with counts, the failures."""
    grid = aggregate(results)
    columns = [*checks(results), ALL]
    rows = [r for r in [*results.run.categories, ALL] if r in grid]
    status = "✅ PASS" if results.summary.ok else "❌ FAIL"
    out = [
        f"## Tactful eval: {status}",
        "",
        f"{_headline(results)}",
        "",
        f"**{_verdict(results)}**",
        "",
        "| category | " + " | ".join(columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for row in rows:
        cells = []
        for column in columns:
            cell = grid[row].get(column)
            cells.append("-" if cell is None else f"{_rate(cell)} ({cell[0]}/{cell[1]})")
        label = f"**{row}**" if row == ALL else row
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    found = failures(results)
    if found:
        out += ["", f"<details><summary>Failures ({len(found)})</summary>", ""]
        out += [f"- `{sample.name}` {_md(line.split(': ', 1)[1])}" for sample, line in found][
            :max_failures
        ]
        if len(found) > max_failures:
            out.append(f"- ... and {len(found) - max_failures} more (see results.json)")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def render_junit(results: RunResults) -> str:
    """JUnit XML: one testsuite per category, one testcase per case and style."""
    root = ET.Element("testsuites", name=f"tactful-eval {results.run.suite_version}")
    by_category: dict[str, list[SampleResult]] = defaultdict(list)
    for sample in results.samples:
        by_category[sample.category].append(sample)
    total_failures = total_errors = 0
    for category in results.run.categories:
        samples = by_category.get(category, [])
        if not samples:
            continue
        errors = sum(1 for s in samples if s.error is not None)
        failed = sum(1 for s in samples if s.error is None and not s.passed)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=category,
            tests=str(len(samples)),
            failures=str(failed),
            errors=str(errors),
            time=f"{sum(s.duration_s for s in samples):.3f}",
        )
        props = ET.SubElement(suite, "properties")
        for key, value in (
            ("engine", results.run.engine),
            ("model", results.run.model or ""),
            ("prompt_version", results.run.prompt_version or ""),
            ("suite_version", results.run.suite_version),
        ):
            ET.SubElement(props, "property", name=key, value=value)
        for sample in samples:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"tactful.eval.{category}",
                name=sample.name,
                time=f"{sample.duration_s:.3f}",
            )
            if sample.error is not None:
                ET.SubElement(case, "error", message=sample.error, type="error").text = sample.error
                continue
            bad = [a for a in sample.assertions if not a.passed]
            if bad:
                hard = any(a.hard for a in bad)
                lines = [f"{a.check}{' (hard)' if a.hard else ''}: {a.reason}" for a in bad]
                node = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(bad)} assertion(s) failed: {', '.join(a.check for a in bad)}",
                    type="hard" if hard else "assertion",
                )
                node.text = "\n".join(lines)
            ET.SubElement(case, "system-out").text = sample.message or ""
        total_failures += failed
        total_errors += errors
    root.set("tests", str(len(results.samples)))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    root.set("time", f"{results.run.wall_s:.3f}")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


FILES = {"json": "results.json", "junit": "junit.xml", "markdown": "summary.md"}


def write_reports(results: RunResults, out: Path) -> dict[str, Path]:
    """Write ``results.json``, ``junit.xml`` and ``summary.md`` into ``out``."""
    paths = {kind: out / name for kind, name in FILES.items()}
    with writing_to(out):
        paths["json"].write_text(results.model_dump_json(indent=2) + "\n", encoding="utf-8")
        paths["junit"].write_text(render_junit(results), encoding="utf-8")
        paths["markdown"].write_text(render_markdown(results), encoding="utf-8")
    return paths
