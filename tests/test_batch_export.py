"""Reading LinkedIn exports: ZIP or CSV, repaired accents, quoted newlines, bad rows, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tactful.batch.export import ExportRow, read_export
from tactful.batch.names import first_name
from tactful.errors import InputError
from tests.batch_export import HEADER, ROWS, csv_text, write_csv, write_zip
from tests.helpers import run_cli


def _read(path: Path) -> tuple[list[ExportRow], list[tuple[int, str]]]:
    problems: list[tuple[int, str]] = []
    rows = list(read_export(path, lambda line, message: problems.append((line, message))))
    return rows, problems


def test_bare_csv_rows_are_repaired_and_keep_quoted_newlines(tmp_path: Path) -> None:
    rows, problems = _read(write_csv(tmp_path / "Invitations.csv"))
    assert problems == []
    assert [r.direction for r in rows].count("OUTGOING") == 1
    jf = rows[1]
    assert jf.sender == "Jean-François Tremblay"
    assert "conférence sur les tests à Montréal" in jf.message
    assert "Ã" not in jf.message and "Ã" not in jf.sender
    sales = rows[4]
    assert sales.message.splitlines()[1] == "Your design background stood out."
    assert rows[3].message == ""
    assert rows[4].line == 6  # header is line 1; the earlier rows take one line each


def test_zip_archive_is_read_from_its_dated_folder(tmp_path: Path) -> None:
    rows, _ = _read(write_zip(tmp_path / "export.zip"))
    assert [r.sender for r in rows] == [
        "Priyanka Sharma",
        "Jean-François Tremblay",
        "Sofia Martin",
        "Marc Dubois",
        "Amy Chen",
        "DR. ÉLODIE GAGNON",
    ]


def test_malformed_row_is_reported_with_its_line_and_the_rest_still_read(tmp_path: Path) -> None:
    rows, problems = _read(write_csv(tmp_path / "Invitations.csv", malformed_after=4))
    assert len(rows) == len(ROWS)
    # Header (1), rows 0-3 (2-5), row 4 spans lines 6-8 (two quoted newlines): malformed is 9.
    assert [line for line, _ in problems] == [9]
    assert "line 9" in problems[0][1] and "3 fields instead of 7" in problems[0][1]
    assert rows[-1].line == 10


def test_unknown_direction_is_a_reported_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text(f"{HEADER}\nA B,Me,now,hello,SIDEWAYS,u1,u2\n", encoding="utf-8")
    rows, problems = _read(path)
    assert rows == [] and "SIDEWAYS" in problems[0][1] and problems[0][0] == 2


def test_other_columns_order_and_windows_1252_lines_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    header = "Direction,From,To,Sent At,Message,inviterProfileUrl,inviteeProfileUrl\r\n"
    body = "INCOMING,Chloé Roy,Me,now,Très heureuse de vous lire,u1,u2\r\n"
    path.write_bytes(header.encode() + body.encode("cp1252"))
    rows, problems = _read(path)
    assert problems == []
    assert rows[0].sender == "Chloé Roy" and rows[0].message == "Très heureuse de vous lire"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,email\nLee,lee@example.com\n", "is not a LinkedIn invitation export"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is not a LinkedIn invitation export"),
        (b"", "is not a LinkedIn invitation export"),
    ],
)
def test_a_file_that_is_not_an_export_is_exit_2_one_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    result = run_cli("batch", str(path), "--out", str(tmp_path / "out"))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert HEADER in lines[0]  # says what was expected
    assert not (tmp_path / "out").exists()


def test_zip_without_invitations_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", "First Name\r\n")
    result = run_cli("batch", str(path))
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "has no Invitations.csv" in result.stderr


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("batch", str(tmp_path / "nope.zip"))
    assert result.code == 2 and "does not exist" in result.stderr


def test_folder_holding_the_csv_is_accepted(tmp_path: Path) -> None:
    write_csv(tmp_path / "Invitations.csv")
    rows, _ = _read(tmp_path)
    assert len(rows) == len(ROWS)


@pytest.mark.parametrize(
    ("full", "first"),
    [
        ("Priyanka Sharma", "Priyanka"),
        ("Dr. Jane Doe", "Jane"),
        ("DR. ÉLODIE GAGNON", "Élodie"),
        ("JEAN-PIERRE DUPONT", "Jean-Pierre"),
        ("🚀 Sam Lee", "Sam"),
        ("Marie (She/Her) Curie", "Marie"),
        ("Mme Sophie Tremblay", "Sophie"),
        ("J. Robert Smith", "Robert"),
        ("Jane Doe, PhD", "Jane"),
        ("", None),
        ("🙂", None),
    ],
)
def test_first_name_from_the_display_name(full: str, first: str | None) -> None:
    assert first_name(full) == first


def test_input_error_is_raised_only_when_iterating(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("nope\n", encoding="utf-8")
    rows = read_export(path, lambda *_: None)
    with pytest.raises(InputError):
        next(rows)


def test_a_short_preamble_before_the_header_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    preamble = 'Notes:\n"Some rows may be missing, see LinkedIn help."\n\n'
    path.write_text(preamble + f"{HEADER}\nAna Roy,Me,now,Hello,INCOMING,u1,u2\n", encoding="utf-8")
    rows, problems = _read(path)
    assert problems == [] and rows[0].sender == "Ana Roy" and rows[0].line == 5


def test_a_zip_with_two_invitation_files_reads_both_once_and_says_so(tmp_path: Path) -> None:
    """Two exports zipped together: no row is dropped silently, none is read twice."""
    path = tmp_path / "two.zip"
    first, second = ROWS[:4], ROWS[2:]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Basic_LinkedInDataExport/Invitations.csv", csv_text(first))
        archive.writestr("older/Basic_LinkedInDataExport/Invitations.csv", csv_text(second))
    notices: list[str] = []
    rows = list(read_export(path, lambda line, message: None, notices.append))
    assert len(rows) == len(ROWS)
    assert len({r.key for r in rows}) == len(ROWS)
    assert len(notices) == 1 and "2 Invitations.csv" in notices[0]
    assert "older/Basic_LinkedInDataExport/Invitations.csv" in notices[0]
