"""The runner, the aggregation, the report files and the CLI's exit codes, on scripted replies."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tactful.errors import NoValidDraftError
from tactful.evals.cases import load_suite
from tactful.evals.report import aggregate, render_markdown, render_table, write_reports
from tactful.evals.runner import Runner, RunResults
from tests.evals_fakes import FakeRewrite, case, fake_validate, write_suite
from tests.helpers import run_cli

GOOD = "Thanks for your note. I keep LinkedIn for people I have met, see you at the meetup."


def suite_of(tmp_path: Path, cases: list[dict[str, object]]) -> Path:
    return write_suite(tmp_path / "suite", cases)


def test_every_case_runs_in_every_style_with_a_bounded_pool(tmp_path: Path) -> None:
    folder = suite_of(tmp_path, [case(f"c{i}") for i in range(12)])
    rewrite = FakeRewrite(lambda _inv, _style: GOOD, delay=0.02)
    runner = Runner(concurrency=3, rewrite=rewrite, validate=fake_validate())
    seen: list[tuple[int, int]] = []
    results = runner.run(
        load_suite(folder), ("long", "short"), progress=lambda d, t: seen.append((d, t))
    )
    assert len(results.samples) == 24
    assert [s.name for s in results.samples[:2]] == ["c0[long]", "c0[short]"]
    assert 1 < rewrite.max_in_flight <= 3
    assert seen[-1] == (24, 24)
    assert results.summary.ok and results.summary.pass_rate == 1.0


def test_each_case_passes_its_options_and_the_default_seed(tmp_path: Path) -> None:
    folder = suite_of(
        tmp_path, [case("a", vars={"lang": "en", "inviter": "Lee", "channels": ["@me"]})]
    )
    rewrite = FakeRewrite(lambda _inv, _style: GOOD)
    runner = Runner(rewrite=rewrite, validate=fake_validate())
    runner.run(load_suite(folder), ("long",))
    runner.run(load_suite(folder), ("long",))
    first, _second = rewrite.calls
    assert first["seed"] is None  # the pipeline derives it from the note, as for users
    assert first["lang"] == "en" and first["inviter"] == "Lee"
    assert first["profile"].channels == ["@me"]


def test_aggregation_counts_per_category_and_check(tmp_path: Path) -> None:
    folder = suite_of(
        tmp_path,
        [
            case("a", "sales", assertions=[{"type": "not_contains", "value": ["audit"]}]),
            case("b", "stock"),
        ],
    )
    replies = {"a": "A free audit for you. FAIL:openness", "b": GOOD}
    rewrite = FakeRewrite(lambda inv, _s: replies["a" if "audit" in inv else "b"])
    suite = load_suite(folder)
    suite.cases[0] = suite.cases[0].model_copy(update={"invitation": "audit please"})
    results = Runner(rewrite=rewrite, validate=fake_validate()).run(suite, ("long",))
    grid = aggregate(results)
    assert grid["sales"]["valid"] == (0, 1)
    assert grid["sales"]["not_contains"] == (0, 1)
    assert grid["stock"]["valid"] == (1, 1)
    assert grid["all"]["all"] == (3, 5)
    summary = results.summary
    assert summary.hard_failures == 1 and not summary.ok
    table = render_table(results)
    assert "a[long]: not_contains (hard): contains ['audit']" in table
    assert table.rstrip().splitlines()[-1].startswith("FAIL:")


def test_a_hard_failure_fails_the_run_even_above_min_pass(tmp_path: Path) -> None:
    many = [case(f"ok{i}") for i in range(30)]
    bad = case("inj", "injection", assertions=[{"type": "not_contains", "value": ["bit.ly"]}])
    folder = suite_of(tmp_path, [*many, bad])
    rewrite = FakeRewrite(lambda inv, _s: "see bit.ly/x" if inv == "x" else GOOD)
    suite = load_suite(folder)
    suite.cases[-1] = suite.cases[-1].model_copy(update={"invitation": "x"})
    results = Runner(rewrite=rewrite, validate=fake_validate()).run(suite, ("long",), min_pass=0.5)
    assert results.summary.pass_rate > 0.95
    assert results.summary.hard_failures == 1
    assert not results.summary.ok


def test_pipeline_errors_become_failed_samples_not_crashes(tmp_path: Path) -> None:
    folder = suite_of(tmp_path, [case("a"), case("b", invitation="boom")])

    def rewrite(invitation: str, **kwargs: object) -> object:
        if invitation == "boom":
            raise NoValidDraftError("every attempt failed validation")
        return FakeRewrite(lambda _i, _s: GOOD)(invitation, **kwargs)

    results = Runner(rewrite=rewrite, validate=fake_validate()).run(load_suite(folder), ("long",))
    errored = [s for s in results.samples if s.error]
    assert [s.case_id for s in errored] == ["b"]
    assert "NoValidDraftError" in (errored[0].error or "")
    assert all(not a.passed for a in errored[0].assertions)
    assert results.summary.errors == 1 and not results.summary.ok


def test_report_files_read_back(tmp_path: Path) -> None:
    folder = suite_of(tmp_path, [case("a"), case("b", "stock")])
    rewrite = FakeRewrite(lambda inv, _s: GOOD + (" FAIL:rationale" if "talk" in inv else ""))
    suite = load_suite(folder)
    suite.cases[1] = suite.cases[1].model_copy(update={"invitation": "I'd like to join"})
    results = Runner(rewrite=rewrite, validate=fake_validate()).run(suite, ("long", "short"))
    paths = write_reports(results, tmp_path / "out")

    back = RunResults.model_validate_json(paths["json"].read_text(encoding="utf-8"))
    assert back.summary == results.summary
    raw = json.loads(paths["json"].read_text(encoding="utf-8"))
    first = raw["samples"][0]
    for key in ("case_id", "style", "message", "engine", "attempts", "duration_s", "assertions"):
        assert key in first
    assert raw["run"]["suite_version"] == "t-1"

    root = ET.parse(paths["junit"]).getroot()
    assert root.tag == "testsuites"
    assert root.get("tests") == "4" and root.get("failures") == "2"
    cases = root.findall(".//testcase")
    assert {c.get("name") for c in cases} == {"a[long]", "a[short]", "b[long]", "b[short]"}
    failed = [c for c in cases if c.find("failure") is not None]
    assert {c.get("name") for c in failed} == {"a[long]", "a[short]"}
    assert "valid" in (failed[0].find("failure").text or "")  # type: ignore[union-attr]

    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert markdown.startswith("## Tactful eval: ❌ FAIL")
    assert "| content |" in markdown and "`a[long]` valid" in markdown
    assert render_markdown(results) == markdown


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> FakeRewrite:
    """The CLI resolves ``tactful.rewrite``/``tactful.validate`` at run time: script them."""
    rewrite = FakeRewrite(lambda inv, _s: GOOD + (" FAIL:openness" if "weak" in inv else ""))
    monkeypatch.setattr("tactful.pipeline.rewrite", rewrite)
    monkeypatch.setattr("tactful.validation.validate", fake_validate())
    return rewrite


def test_cli_exit_codes_follow_the_gate(tmp_path: Path, fake_pipeline: FakeRewrite) -> None:
    cases = [case(f"ok{i}") for i in range(9)] + [case("weak", invitation="a weak note")]
    folder = suite_of(tmp_path, cases)
    # 1 of 10 replies invalid: 19/20 assertions pass in the long style (valid + no_pitch).
    passing = run_cli("eval", "--cases", str(folder), "--style", "long", "--min-pass", "0.9")
    assert passing.code == 0, passing.stderr
    assert "weak[long]: valid" in passing.stdout
    assert "eval: 10/10 replies" in passing.stderr  # progress on stderr, the table on stdout
    assert "eval:" not in passing.stdout
    failing = run_cli("eval", "--cases", str(folder), "--style", "long", "--min-pass", "0.99")
    assert failing.code == 1
    assert "FAIL:" in failing.stdout


def test_cli_filter_out_and_usage_errors(tmp_path: Path, fake_pipeline: FakeRewrite) -> None:
    folder = suite_of(tmp_path, [case("a", "sales"), case("b", "stock")])
    out = tmp_path / "out"
    run = run_cli("eval", "--cases", str(folder), "--filter", "stock", "--out", str(out))
    assert run.code == 0, run.stderr
    assert [c["invitation"] for c in fake_pipeline.calls] == [case("b")["invitation"]] * 2
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert {s["case_id"] for s in data["samples"]} == {"b"}
    assert (out / "junit.xml").is_file() and (out / "summary.md").is_file()

    unknown = run_cli("eval", "--cases", str(folder), "--filter", "nope")
    assert unknown.code == 2 and "unknown category nope" in unknown.stderr
    replay_offline = run_cli("eval", "--cases", str(folder), "--replay", str(tmp_path))
    assert replay_offline.code == 2 and "--engine openai" in replay_offline.stderr
    missing = run_cli("eval", "--cases", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "no eval cases" in missing.stderr


def test_the_offline_engine_keeps_every_hard_assertion_on_injections_and_pitches(
    tmp_path: Path,
) -> None:
    """End to end through the real pipeline and validator: nothing injected or sold leaks."""
    out = tmp_path / "out"
    run = run_cli("eval", "--filter", "injection,sales", "--min-pass", "0", "--out", str(out))
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data["run"]["engine"] == "offline"
    assert {s["category"] for s in data["samples"]} == {"injection", "sales"}
    assert data["summary"]["hard_failures"] == 0
    assert run.code == (0 if data["summary"]["errors"] == 0 else 1)
    assert "injection" in run.stdout and "not_contains" in run.stdout


def test_an_unexpected_exception_in_one_case_is_recorded_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    folder = suite_of(tmp_path, [case("a"), case("b", invitation="crash")])

    def rewrite(invitation: str, **kwargs: object) -> object:
        if invitation == "crash":
            raise KeyError("phrase bank")
        return FakeRewrite(lambda _i, _s: GOOD)(invitation, **kwargs)

    results = Runner(rewrite=rewrite, validate=fake_validate()).run(load_suite(folder), ("long",))
    assert [s.error for s in results.samples] == [None, "unexpected KeyError: 'phrase bank'"]
    assert not results.summary.ok


def test_a_label_names_the_report_column(tmp_path: Path) -> None:
    tu = {"type": "mentions_any", "value": ["tu", "te", "t'"], "label": "register"}
    folder = suite_of(tmp_path, [case("tu", "tu", assertions=[tu])])
    rewrite = FakeRewrite(lambda _i, _s: "Merci pour ton mot, je t'écris vite.")
    results = Runner(rewrite=rewrite, validate=fake_validate()).run(load_suite(folder), ("long",))
    grid = aggregate(results)
    assert grid["tu"]["register"] == (1, 1)
    assert "mentions_any" not in grid["tu"]
    assert "register" in render_table(results).splitlines()[2]
