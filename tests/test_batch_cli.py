"""``tactful batch`` end to end with the real offline pipeline, on exports built here.

What a user relies on: every INCOMING invitation gets a valid reply in the note's
language, addressed to the first name in ``From`` (never the user's own name), no
mis-decoded accent survives, an empty note is not thanked as a personal one, links
in notes never reach a reply, and a rerun resumes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.batch_export import ME, MEET, ROWS, incoming, write_csv, write_zip
from tests.helpers import Run, run_cli


def _records(out: Path) -> list[dict[str, Any]]:
    with (out / "replies.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _batch(export: Path, out: Path, *extra: str) -> Run:
    result = run_cli("batch", str(export), "--out", str(out), *extra)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def zip_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, list[dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("zip")
    export = write_zip(tmp / "export.zip", malformed_after=4)
    result = _batch(export, tmp / "out")
    return result, _records(tmp / "out")


def test_every_incoming_row_gets_a_valid_reply_to_the_right_first_name(
    zip_run: tuple[Run, list[dict[str, Any]]],
) -> None:
    result, records = zip_run
    assert result.code == 0, result.stderr
    assert [r["inviter"] for r in records] == ["Priyanka", "Jean-François", "Marc", "Amy", "Élodie"]
    for record in records:
        assert record["validation"]["valid"], record["validation"]
        greeting = record["message"].splitlines()[0]
        assert record["inviter"] in greeting
        assert ME.split()[0] not in record["message"]  # the user is never addressed


def test_replies_follow_each_note_language(zip_run: tuple[Run, list[dict[str, Any]]]) -> None:
    _, records = zip_run
    assert [r["lang"] for r in records] == ["en", "fr", "en", "en", "fr"]
    assert records[1]["message"].startswith("Bonjour Jean-François")


def test_mis_decoded_accents_are_repaired_everywhere(
    zip_run: tuple[Run, list[dict[str, Any]]],
) -> None:
    _, records = zip_run
    text = json.dumps(records, ensure_ascii=False)
    assert "Ã" not in text and "â€" not in text
    assert "conférence sur les tests à Montréal" in records[1]["note"]


def test_empty_note_is_not_thanked_as_a_personal_one(
    zip_run: tuple[Run, list[dict[str, Any]]],
) -> None:
    _, records = zip_run
    marc = records[2]
    assert marc["note"] == ""
    assert marc["analysis"]["personalised"] is False
    appreciation = marc["parts"]["appreciation"].lower()
    assert "note" not in appreciation and "message" not in appreciation


def test_links_and_pitches_in_notes_never_reach_a_reply(
    zip_run: tuple[Run, list[dict[str, Any]]],
) -> None:
    _, records = zip_run
    amy = records[3]
    assert amy["note"].count("\n") == 2  # the quoted newlines survived
    assert "shipfast" not in amy["message"].lower() and "three times" not in amy["message"]


def test_malformed_row_and_outgoing_rows_are_said_not_silently_dropped(
    zip_run: tuple[Run, list[dict[str, Any]]],
) -> None:
    result, _ = zip_run
    assert "Warning: line 9: 3 fields instead of 7; skipped" in result.stderr
    assert "1 outgoing invitations left out (use --all to include them)" in result.stderr
    assert "1 malformed rows skipped" in result.stdout


def test_bare_csv_short_style_with_a_name_and_resume(tmp_path: Path) -> None:
    export, out = tmp_path / "Invitations.csv", tmp_path / "out"
    write_csv(export, ROWS[:2])
    first = _batch(export, out, "--style", "short", "--name", "Sofia")
    assert first.code == 0, first.stderr
    write_csv(export, [*ROWS, incoming("Ana Roy", "ana-roy", "12/9/24", "Hi! Loved your talk.")])
    second = _batch(export, out, "--style", "short", "--name", "Sofia")
    assert second.code == 0, second.stderr
    assert "Resuming: 2 already in" in second.stderr
    assert "this run: 4 drafted, 2 resumed" in second.stdout
    records = _records(out)
    assert len(records) == 6 and len({r["key"] for r in records}) == 6
    for record in records:
        assert record["style"] == "short" and record["validation"]["valid"]
        assert len(record["message"]) <= 300
        assert not record["message"].startswith("Sofia")
    csv_text = (out / "replies.csv").read_text(encoding="utf-8-sig")
    assert csv_text.count("linkedin.com/in/") == 6


def test_same_export_same_replies_whatever_the_concurrency(tmp_path: Path) -> None:
    export = write_csv(tmp_path / "Invitations.csv")
    assert _batch(export, tmp_path / "a", "--concurrency", "1").code == 0
    assert _batch(export, tmp_path / "b", "--concurrency", "4").code == 0
    assert [r["message"] for r in _records(tmp_path / "a")] == [
        r["message"] for r in _records(tmp_path / "b")
    ]


def test_identical_stock_notes_do_not_all_get_the_same_reply(tmp_path: Path) -> None:
    stock = "I'd like to add you to my professional network on LinkedIn."
    rows = [incoming(f"Person{i} Roy", f"p{i}", f"12/{i}/24", stock) for i in range(1, 9)]
    out = tmp_path / "out"
    assert _batch(write_csv(tmp_path / "Invitations.csv", rows), out).code == 0
    bodies = {r["message"].split("\n", 1)[1] for r in _records(out)}
    assert len(bodies) > 1


def test_lang_option_forces_the_reply_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _batch(write_csv(tmp_path / "Invitations.csv"), out, "--lang", "fr").code == 0
    assert {r["lang"] for r in _records(out)} == {"fr"}


def test_a_note_in_another_language_gets_a_reply_in_the_exports_main_language(
    tmp_path: Path,
) -> None:
    rows = [
        ROWS[1],
        incoming("Lucía García", "lucia", "12/1/24", "Hola, me encantó tu charla sobre pruebas."),
        ROWS[5],
    ]
    out = tmp_path / "out"
    result = _batch(write_csv(tmp_path / "Invitations.csv", rows), out)
    assert result.code == 0, result.stderr
    lucia = _records(out)[1]
    assert lucia["lang"] == "fr" and lucia["validation"]["valid"]
    assert "Lucía" in lucia["message"].splitlines()[0]


def test_triage_shapes_each_reply_and_fills_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _batch(write_csv(tmp_path / "Invitations.csv", [*ROWS, MEET]), out)
    assert result.code == 0, result.stderr
    by_name = {r["inviter"]: r for r in _records(out)}
    assert (by_name["Marc"]["triage"]["kind"], by_name["Marc"]["triage"]["action"]) == (
        "stock",
        "ask",
    )
    assert by_name["Amy"]["triage"]["kind"] == "sales"
    assert by_name["Amy"]["triage"]["action"] != "meet"
    assert by_name["Lucía"]["triage"]["action"] == "meet"
    for record in by_name.values():
        assert record["triage"]["reason"]
        assert record["validation"]["valid"]
    table = {" ".join(line.split()[:-1]): line.split()[-1] for line in result.stdout.splitlines()}
    assert table["stock ask"] == "2"
    assert table["sales decline"] == "1"
    assert table["total"] == "6"
