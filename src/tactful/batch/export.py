"""Read LinkedIn's invitation export (the data archive ZIP or its ``Invitations.csv``).

The file is streamed row by row (a 10,000-row export is never held in memory),
each line decoded on its own so that one badly encoded line cannot stop the run,
and every field repaired with ``ftfy``: exports are known to carry mojibake
(``Ã©`` for ``é``), and repairing it needs a maintained library, not a table.

A row that cannot be used is reported (with its line number) through the
``on_problem`` callback and skipped; only a file that is not an invitation
export at all is an ``InputError`` (exit 2).
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import ftfy

from tactful.errors import InputError

HEADER = (
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
)
"""LinkedIn's column names, in the order the export writes them."""

CSV_NAME = "Invitations.csv"
EXPECTED = (
    f"expected LinkedIn's 'Get a copy of your data' archive (ZIP) or its {CSV_NAME}, "
    f"whose header is {','.join(HEADER)}"
)

PREAMBLE_ROWS = 4
"""Rows tolerated before the header (other files of the archive start with notes)."""

MAX_LINE = 1 << 20
"""Longest physical line read at once: a real export line is a few hundred bytes."""

Direction = Literal["INCOMING", "OUTGOING"]
ProblemHandler = Callable[[int, str], None]


class _Binary(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One invitation, fields repaired; ``line`` is where the row starts in the CSV."""

    line: int
    sender: str
    recipient: str
    sent_at: str
    message: str
    direction: Direction
    inviter_url: str
    invitee_url: str

    @property
    def counterpart(self) -> str:
        """The other person's full name: the sender of an incoming row, else the recipient.

        On an INCOMING row ``To`` is the user; on an OUTGOING row ``From`` is.
        """
        return self.sender if self.direction == "INCOMING" else self.recipient

    @property
    def profile_url(self) -> str:
        """The other person's profile (the user's own URL is never the key)."""
        return self.inviter_url if self.direction == "INCOMING" else self.invitee_url

    @property
    def key(self) -> str:
        """What identifies this invitation across runs: profile URL and send time."""
        who = self.profile_url or self.counterpart
        return f"{who}\t{self.sent_at}"


def read_export(
    path: Path, on_problem: ProblemHandler, on_notice: Callable[[str], None] | None = None
) -> Iterator[ExportRow]:
    """Yield the export's rows, reporting and skipping rows that cannot be used.

    An archive holding several ``Invitations.csv`` (two exports zipped together) is read
    whole: every file in turn, an invitation found in two files once, and ``on_notice``
    told which files were read. Raises ``InputError`` when ``path`` is not an invitation
    export at all.
    """
    members = _zip_members(path)
    if len(members) < 2:
        with _open_csv(path) as binary:
            yield from parse_rows(_decoded_lines(binary), on_problem, source=str(path))
        return
    if on_notice is not None:
        on_notice(
            f"{path} holds {len(members)} {CSV_NAME} files ({', '.join(members)}); "
            "all are read, an invitation found in two of them once"
        )
    seen: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        for member in members:
            with archive.open(member) as handle:
                source = f"{path} ({member})"
                for row in parse_rows(_decoded_lines(handle), on_problem, source=source):
                    if row.key not in seen:
                        seen.add(row.key)
                        yield row


def _zip_members(path: Path) -> list[str]:
    """The ``Invitations.csv`` files of a ZIP, shortest path first (none if not a ZIP)."""
    if not path.is_file() or not zipfile.is_zipfile(path):
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            return _matching(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return []  # _open_csv says what is wrong with it


def parse_rows(
    lines: Iterable[str], on_problem: ProblemHandler, *, source: str = "the file"
) -> Iterator[ExportRow]:
    """Parse CSV lines (each with its line ending) into rows; the header comes first."""
    reader = csv.reader(lines)
    header, columns = _find_header(reader)
    if columns is None:
        raise InputError(f"{source} is not a LinkedIn invitation export: {EXPECTED}")
    width = len(header)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            where = f"line {start}" if end <= start else f"lines {start}-{end}"
            on_problem(start, f"{where}: unreadable CSV ({exc}); skipped")
            continue
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue  # a blank line is not a row
        row = _row(fields, width, columns, start, on_problem)
        if row is not None:
            yield row


def _find_header(reader: Iterator[list[str]]) -> tuple[list[str], dict[str, int] | None]:
    """The header row, allowing a short preamble (LinkedIn puts "Notes:" atop some files)."""
    for _ in range(PREAMBLE_ROWS + 1):
        try:
            header = next(reader, None)
        except csv.Error:
            return [], None
        if header is None:
            return [], None
        columns = _columns(header)
        if columns is not None:
            return header, columns
    return [], None


def _columns(header: list[str] | None) -> dict[str, int] | None:
    """Map each expected column to its index, or ``None`` if the header is not LinkedIn's."""
    if not header:
        return None
    found = {name.strip().casefold(): i for i, name in enumerate(header)}
    columns: dict[str, int] = {}
    for name in HEADER:
        index = found.get(name.casefold())
        if index is None:
            return None
        columns[name] = index
    return columns


def _row(
    fields: list[str],
    width: int,
    columns: dict[str, int],
    line: int,
    on_problem: ProblemHandler,
) -> ExportRow | None:
    if len(fields) != width:
        on_problem(line, f"line {line}: {len(fields)} fields instead of {width}; skipped")
        return None
    value = {name: _repair(fields[index]) for name, index in columns.items()}
    direction = value["Direction"].upper()
    if direction not in ("INCOMING", "OUTGOING"):
        shown = value["Direction"][:40] or "(empty)"
        on_problem(line, f"line {line}: Direction is {shown!r}, not INCOMING or OUTGOING; skipped")
        return None
    return ExportRow(
        line=line,
        sender=value["From"],
        recipient=value["To"],
        sent_at=value["Sent At"],
        message=value["Message"],
        direction="INCOMING" if direction == "INCOMING" else "OUTGOING",
        inviter_url=value["inviterProfileUrl"],
        invitee_url=value["inviteeProfileUrl"],
    )


def _repair(text: str) -> str:
    """Undo mis-decoded accents and stray control characters; keep the words as written."""
    text = text.replace("\r\n", "\n").strip()
    if text.isascii():
        return text  # nothing to repair, and the common case stays fast
    return ftfy.fix_text(text, uncurl_quotes=False).strip()


def _decoded_lines(binary: _Binary) -> Iterator[str]:
    """Decode line by line: UTF-8 (BOM tolerated), else Windows-1252 for that line only.

    A spreadsheet that re-saved the export in a legacy encoding then still reads,
    and ftfy repairs what a wrong decoding did upstream.
    """
    first = True
    while raw := binary.readline(MAX_LINE):
        if first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            first = False
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("cp1252", errors="replace")


@contextmanager
def _open_csv(path: Path) -> Iterator[_Binary]:
    """Open the CSV inside a ZIP, in a folder, or as given, as a binary stream."""
    if path.is_dir():
        path = path / CSV_NAME
    if not path.exists():
        raise InputError(f"{path} does not exist; {EXPECTED}")
    if zipfile.is_zipfile(path):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"{path} is not a readable ZIP ({exc}); {EXPECTED}") from None
        with archive:
            member = _find_member(archive.namelist())
            if member is None:
                raise InputError(f"{path} has no {CSV_NAME}; {EXPECTED}")
            with archive.open(member) as member_handle:
                yield member_handle
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path} ({exc.strerror}); {EXPECTED}") from None
    with handle:
        yield handle


def _find_member(names: list[str]) -> str | None:
    """The archive's ``Invitations.csv`` (at any depth, any case), shortest path first."""
    matches = _matching(names)
    return matches[0] if matches else None


def _matching(names: list[str]) -> list[str]:
    """Every ``Invitations.csv`` among ``names`` (any depth, any case), shortest path first."""
    found = [n for n in names if n.rsplit("/", 1)[-1].casefold() == CSV_NAME.casefold()]
    return sorted(found, key=lambda n: (len(n), n))
