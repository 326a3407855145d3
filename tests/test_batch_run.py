"""The batch machinery through the CLI: outputs, resume, order under concurrency, failures.

These use a stand-in drafter (tests/batch_standin.py) so that they test what the
batch adds (reading, keys, writing, resuming, the summary), not the drafting.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tests.batch_export import ROWS, incoming, write_csv, write_zip
from tests.batch_standin import StandInDrafter, standin_fixture  # noqa: F401  (fixture)
from tests.helpers import Run, run_cli


def _records(out: Path) -> list[dict[str, Any]]:
    lines = (out / "replies.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _batch(export: Path, out: Path, *extra: str) -> Run:
    return run_cli("batch", str(export), "--out", str(out), *extra)


def test_zip_gives_one_record_per_incoming_row_and_three_outputs(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    out = tmp_path / "out"
    result = _batch(write_zip(tmp_path / "export.zip"), out)
    assert result.code == 0, result.stderr
    records = _records(out)
    assert [r["from"] for r in records] == [
        "Priyanka Sharma",
        "Jean-François Tremblay",
        "Marc Dubois",
        "Amy Chen",
        "DR. ÉLODIE GAGNON",
    ]
    assert [r["inviter"] for r in records] == ["Priyanka", "Jean-François", "Marc", "Amy", "Élodie"]
    first = records[0]
    assert first["profile_url"] == "https://www.linkedin.com/in/priyanka-sharma"
    assert first["sent_at"] == "11/3/24, 2:15 PM"
    assert {"triage", "message", "lang", "engine", "validation", "parts"} <= set(first)
    assert "1 outgoing invitations left out" in result.stderr
    assert (out / "report.html").is_file()
    with (out / "replies.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == [
        "from", "sent_at", "profile_url", "kind", "action", "reason", "reply", "valid"
    ]  # fmt: skip
    assert len(table) == 5 and table[2]["reply"].startswith("Hi Marc,\n\n")
    assert table[2]["kind"] == "stock" and table[2]["action"] == "ask"


def test_summary_table_on_stdout_counts_kinds_actions_and_invalid(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    rows = [*ROWS, incoming("Zed Bot", "zed", "12/1/24", "INVALID on purpose")]
    result = _batch(write_csv(tmp_path / "Invitations.csv", rows), tmp_path / "out")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "action", "replies"]
    assert lines[1].split() == ["other", "decline", "5"]
    assert lines[2].split() == ["stock", "ask", "1"]
    assert lines[3].split() == ["total", "6"]
    assert "invalid drafts: 1" in result.stdout
    assert "fallbacks to the offline engine: 0" in result.stdout
    assert "Tactful never sends anything" in result.stdout


def test_all_includes_outgoing_rows_addressed_to_the_other_person(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    out = tmp_path / "out"
    assert _batch(write_csv(tmp_path / "Invitations.csv"), out, "--all").code == 0
    records = _records(out)
    assert len(records) == len(ROWS)
    lee = next(r for r in records if r["direction"] == "OUTGOING")
    assert lee["inviter"] == "Lee" and lee["message"].startswith("Hi Lee,")
    assert lee["profile_url"] == "https://www.linkedin.com/in/lee-wong"
    assert all("Sofia" not in r["message"] for r in records)  # never the user's own name


def test_malformed_row_is_reported_on_stderr_and_counted(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    out = tmp_path / "out"
    result = _batch(write_csv(tmp_path / "Invitations.csv", malformed_after=4), out)
    assert result.code == 0
    assert "Warning: line 9: 3 fields instead of 7; skipped" in result.stderr
    assert "1 malformed rows skipped" in result.stdout
    assert len(_records(out)) == 5


def test_rerun_resumes_and_says_how_many_were_skipped(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    export, out = tmp_path / "Invitations.csv", tmp_path / "out"
    write_csv(export, ROWS[:3])
    assert _batch(export, out).code == 0
    assert len(_records(out)) == 2
    standin.calls.clear()
    write_csv(export, ROWS)  # the member downloaded a newer export
    result = _batch(export, out)
    assert result.code == 0
    assert "Resuming: 2 already in" in result.stderr
    assert "this run: 3 drafted, 2 resumed" in result.stdout
    assert standin.calls == [5, 6, 9]  # only the new rows (Amy's note spans lines 6-8)
    records = _records(out)
    assert len(records) == 5 and len({r["key"] for r in records}) == 5
    assert "total" in result.stdout and result.stdout.splitlines()[-5].split()[-1] == "5"


def test_interrupted_write_is_redone_on_rerun(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    export, out = write_csv(tmp_path / "Invitations.csv"), tmp_path / "out"
    assert _batch(export, out).code == 0
    jsonl = out / "replies.jsonl"
    text = jsonl.read_text(encoding="utf-8")
    jsonl.write_text(text[: len(text) - 40], encoding="utf-8")  # a torn last line
    result = _batch(export, out)
    assert result.code == 0 and "this run: 1 drafted, 4 resumed" in result.stdout
    assert [r["from"] for r in _records(out)][-1] == "DR. ÉLODIE GAGNON"


def test_concurrency_keeps_the_export_order_and_the_same_records(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    rows = [incoming(f"Person{i} Test", f"p{i}", f"12/{i}/24", f"Note {i}") for i in range(30)]
    export = write_csv(tmp_path / "Invitations.csv", rows)
    assert _batch(export, tmp_path / "one", "--concurrency", "1").code == 0
    assert _batch(export, tmp_path / "many", "--concurrency", "8").code == 0
    one, many = _records(tmp_path / "one"), _records(tmp_path / "many")
    assert [r["from"] for r in many] == [f"Person{i} Test" for i in range(30)]
    assert one == many


def test_a_row_that_cannot_be_drafted_is_reported_and_retried_on_rerun(
    tmp_path: Path, standin: type[StandInDrafter]
) -> None:
    rows = [*ROWS[:2], incoming("Flaky Person", "flaky", "12/2/24", "FAIL please"), ROWS[3]]
    export, out = write_csv(tmp_path / "Invitations.csv", rows), tmp_path / "out"
    result = _batch(export, out)
    assert result.code == 0
    assert "Warning: line 4: no reply drafted (the stand-in refuses this note)" in result.stderr
    assert "1 rows without a reply" in result.stdout
    assert [r["from"] for r in _records(out)] == ["Priyanka Sharma", "Jean-François Tremblay",
                                                   "Marc Dubois"]  # fmt: skip
    standin.calls.clear()
    _batch(export, out)
    assert standin.calls == [4]


def test_out_that_is_a_file_is_a_usage_error(tmp_path: Path, standin: type[StandInDrafter]) -> None:
    clash = tmp_path / "out"
    clash.write_text("x", encoding="utf-8")
    result = _batch(write_csv(tmp_path / "Invitations.csv"), clash)
    assert result.code == 2 and "is a file" in result.stderr


def test_report_escapes_untrusted_notes(tmp_path: Path, standin: type[StandInDrafter]) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> "quoted" & more'
    rows = [incoming("Eve <b>Evil</b>", "eve", "12/3/24", hostile)]
    out = tmp_path / "out"
    assert _batch(write_csv(tmp_path / "Invitations.csv", rows), out).code == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # Jinja2's autoescape
    assert page.count("<script>") == 1  # only the page's own copy-button script
    assert 'src="http' not in page and 'href="http://' not in page  # no external asset


def test_a_long_backlog_continues_on_linked_pages_and_a_shorter_rerun_drops_stale_ones(
    tmp_path: Path, standin: type[StandInDrafter], monkeypatch: Any
) -> None:
    import re

    from tactful.batch import html

    # 50,000 cards on one page made a 106 MB file no browser opens comfortably.
    monkeypatch.setattr(html, "PAGE_SIZE", 2)
    rows = [
        incoming(f"Person {n}", f"person-{n}", f"12/{n}/24", f"Hello, note {n}") for n in range(5)
    ]
    out = tmp_path / "out"
    assert _batch(write_csv(tmp_path / "Invitations.csv", rows), out).code == 0
    pages = ["report.html", "report-2.html", "report-3.html"]
    assert sorted(p.name for p in out.glob("report*.html")) == sorted(pages)
    keys = []
    for name in pages:
        page = (out / name).read_text(encoding="utf-8")
        assert page.count('<article class="card') <= 2
        keys += re.findall(r'data-key="([^"]+)"', page)
        for other in pages:  # every page links to every other one
            assert other == name or f'href="{other}"' in page
    records = [json.loads(line) for line in (out / "replies.jsonl").read_text().splitlines()]
    assert sorted(keys) == sorted(r["key"] for r in records)  # each card once, none lost

    monkeypatch.setattr(html, "PAGE_SIZE", 1000)
    assert _batch(write_csv(tmp_path / "Invitations.csv", rows), out).code == 0
    assert [p.name for p in out.glob("report*.html")] == ["report.html"]
    assert "Pages:" not in (out / "report.html").read_text(encoding="utf-8")
