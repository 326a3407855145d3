"""Build LinkedIn-style invitation exports (bare CSV or data-archive ZIP) for the batch tests."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
ME = "Sofia Martin"
MY_URL = "https://www.linkedin.com/in/sofia-martin"


def mojibake(text: str) -> str:
    """What a UTF-8 text looks like after a wrong Windows-1252 decoding (``é`` -> ``Ã©``)."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def incoming(sender: str, slug: str, sent_at: str, message: str) -> list[str]:
    return [sender, ME, sent_at, message, "INCOMING", url(slug), MY_URL]


def outgoing(recipient: str, slug: str, sent_at: str, message: str) -> list[str]:
    return [ME, recipient, sent_at, message, "OUTGOING", MY_URL, url(slug)]


# Mixed French and English, personal, stock, empty, sales with a link, quoted newlines.
ROWS = [
    incoming(
        "Priyanka Sharma",
        "priyanka-sharma",
        "11/3/24, 2:15 PM",
        "Hi Sofia, I enjoyed your article on remote onboarding, especially the part on "
        "first-week rituals. Would love to connect. - Priyanka",
    ),
    incoming(
        mojibake("Jean-François Tremblay"),
        "jf-tremblay",
        "11/4/24, 9:02 AM",
        mojibake(
            "Bonjour Sofia, j'ai beaucoup aimé votre conférence sur les tests à Montréal. "
            "Au plaisir d'échanger, Jean-François"
        ),
    ),
    outgoing("Lee Wong", "lee-wong", "11/5/24, 5:40 PM", "Hi Lee, great meeting you at PyCon!"),
    incoming("Marc Dubois", "marc-dubois", "11/6/24, 8:00 AM", ""),
    incoming(
        "Amy Chen",
        "amy-chen",
        "11/7/24, 3:30 PM",
        "Hi Sofia,\nYour design background stood out.\nAt Shipfast we help studios ship three "
        "times faster. Book a call: https://shipfast.example/book",
    ),
    incoming(
        "DR. ÉLODIE GAGNON",
        "elodie-gagnon",
        "11/8/24, 10:10 AM",
        "J'aimerais faire partie de votre réseau professionnel sur LinkedIn.",
    ),
]
# A specific, current need: the triage's "meet" action.
MEET = incoming(
    "Lucía García",
    "lucia-garcia",
    "11/9/24, 4:45 PM",
    "Hi Sofia, I'm organising a panel on remote onboarding at the Python Montréal meetup on "
    "March 12 and would love you to speak on it. Could we talk? - Lucía",
)
MALFORMED = 'Broken Row,"only three",fields\n'


def csv_text(rows: list[list[str]], *, malformed_after: int | None = None) -> str:
    """The export's CSV; optionally a malformed line after the given row index."""
    out = io.StringIO()
    out.write(HEADER + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    for index, row in enumerate(rows):
        writer.writerow(row)
        if malformed_after == index:
            out.write(MALFORMED)
    return out.getvalue()


def write_csv(path: Path, rows: list[list[str]] = ROWS, **options: int | None) -> Path:
    path.write_text(csv_text(rows, **options), encoding="utf-8")
    return path


def write_zip(path: Path, rows: list[list[str]] = ROWS, **options: int | None) -> Path:
    """A data-archive ZIP: other files around ``Invitations.csv`` in a dated folder."""
    with zipfile.ZipFile(path, "w") as archive:
        folder = "Basic_LinkedInDataExport_11-26-2024"
        archive.writestr(f"{folder}/Connections.csv", "First Name,Last Name\r\nLee,Wong\r\n")
        archive.writestr(f"{folder}/Invitations.csv", csv_text(rows, **options))
        archive.writestr(f"{folder}/messages.csv", "CONVERSATION ID\r\n")
    return path
