"""No input may hang Tactful: worst cases for its patterns at the 20,000-character limit.

Each hostile note goes through the real entry point (``tactful.cli.main``, as the
console script) for ``rewrite`` in both styles, ``triage`` and ``check``. A pattern
that backtracks on one of them turns this file from seconds into minutes or hours;
``pytest-timeout`` stops it instead. The exit code must be a documented one (README
"Exit codes") and no traceback or "unexpected" error may show.
"""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.batch.names import first_name
from tactful.engines.base import STYLES
from tactful.text import MAX_CHARS
from tests.helpers import Run, run_cli

pytestmark = pytest.mark.slow  # worst cases at the size limit: seconds each

N = MAX_CHARS


def _fill(unit: str, head: str = "", tail: str = "") -> str:
    """``head``, ``unit`` repeated, ``tail``: exactly ``MAX_CHARS`` characters."""
    room = N - len(head) - len(tail)
    return head + (unit * (room // len(unit) + 1))[:room] + tail


HOSTILE = {
    # One word: long runs of letters were rescanned from each letter.
    "letters": _fill("x"),
    "signed letters": _fill("x", "Hi Ana, ", " - Lee"),
    # Blanks: an empty note for rewrite and check (exit 2), a stock one for triage.
    "spaces": _fill(" "),
    "spaces between letters": _fill(" ", "x", "x"),
    "newlines": _fill("\n"),
    "newlines between letters": _fill("\n", "x", "x"),
    # A line of punctuation, alone and between letters.
    "dots": _fill("."),
    "hyphens": _fill("-"),
    "commas": _fill(","),
    "apostrophes": _fill("'"),
    "dots between letters": _fill(".", "x", "x"),
    "hyphens between letters": _fill("-", "x", "x"),
    "commas between letters": _fill(",", "x", "x"),
    "apostrophes between letters": _fill("'", "x", "x"),
    "underscores between letters": _fill("_", "x", "x"),
    "brackets between letters": _fill("(", "x", "x"),
    "ellipses": _fill("…"),
    "digits": _fill("1"),
    # Repeated words and short units.
    "greetings": _fill("Hi "),
    "a and spaces": _fill("a "),
    "a and hyphens": _fill("a-"),
    "a and dots": _fill("a."),
    "a and apostrophes": _fill("a'"),
    "digits and spaces": _fill("1 "),
    "www": _fill("www."),
    "capitalised words": _fill("Ab Cd "),
}

# README "Exit codes": a draft or a triage succeeds (0) or the input is unusable (2);
# a check also says "invalid" (1). Exit 3 needs --no-fallback, never given here.
REWRITE = ["rewrite", "--engine", "offline"]
REWRITE_CODES = {0, 2}
TRIAGE_CODES = {0, 2}
CHECK_CODES = {0, 1, 2}


def _commands(text: str) -> list[tuple[list[str], set[int]]]:
    """Each command that reads a note or a reply, with the exit codes it may end with.

    The text goes on stdin: as an argument, "----" would read as an option. The
    language is given, so that nonsense still reaches the matchers rather than
    stopping at "could not tell the language"; French for one style, English for
    the other, so both languages' patterns run. ``check`` also reads the text as the
    invitation answered, which runs the grounding checks on it too.
    """
    return [
        ([*REWRITE, "--lang", "en", "--style", "long", "-"], REWRITE_CODES),
        ([*REWRITE, "--lang", "fr", "--style", "short", "-"], REWRITE_CODES),
        (["triage", "--lang", "en", "-"], TRIAGE_CODES),
        (["check", "--lang", "en", "--style", "short", f"--invitation={text}", "-"], CHECK_CODES),
    ]


def _assert_clean(run: Run, allowed: set[int], command: list[str]) -> None:
    name = " ".join(command[:3])
    assert run.code in allowed, f"{name}: exit {run.code}: {run.stderr[-300:]}"
    assert "Traceback" not in run.stderr + run.stdout, name
    assert "unexpected" not in run.stderr, f"{name}: {run.stderr[-300:]}"


@pytest.mark.timeout(20)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_note_ends_with_a_documented_exit_code(name: str) -> None:
    text = HOSTILE[name]
    assert len(text) == N
    for command, allowed in _commands(text):
        run = run_cli(*command, stdin=text.encode())
        _assert_clean(run, allowed, command)


@pytest.mark.timeout(20)
def test_a_rewrite_of_a_long_signed_word_still_drafts() -> None:
    """The note that hung rewrite (a cubic backtrack) is an odd but fair note: it gets a reply."""
    run = run_cli(*REWRITE, "--lang", "en", "-", stdin=HOSTILE["signed letters"].encode())
    assert run.code == 0, run.stderr
    assert run.stdout.strip()


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    ("unit", "lang"), [("sûr ", "fr"), ("working in ", "en"), ("à Ab, ", "fr")]
)
def test_a_cue_repeated_to_the_limit_is_read_once(unit: str, lang: str) -> None:
    """Each cue read the rest of the note (a topic, a line to search): a minute for "sûr "."""
    run = run_cli(*REWRITE, "--lang", lang, "-", stdin=_fill(unit).encode())
    _assert_clean(run, REWRITE_CODES, ["rewrite", lang])


@pytest.mark.timeout(20)
@pytest.mark.parametrize("unit", ["(", "[{", "!", "x!"])
def test_batch_reads_a_hostile_display_name_quickly(unit: str) -> None:
    """The export's ``From`` column is not size-checked: a field may be as long as csv allows."""
    name = _fill(unit, tail="x") * (csv.field_size_limit() // N)
    found = first_name(name)
    assert found is None or found.strip()


# --- any text: a property ------------------------------------------------------------------

_WORDS = [
    "Hi",
    "Hello",
    "Dear",
    "Bonjour",
    "Salut",
    "Hi Ana,",
    "Cordialement,",
    "Best,",
    "- Lee",
    "— Priya",
    "thanks",
    "merci",
    "who recommended you",
    "gave me your name",
    "jo@x.io",
    "www.x.com",
    "x.io",
    "+33 6 12 34 56 78",
    "$1,500",
    "30% off",
    "😀",
]
_PIECES = st.one_of(
    st.text(alphabet="abcxyzABCXYZéÉ", min_size=1, max_size=30),
    st.text(alphabet=".,;:!?-–—'\"()[]|•…@#+_/~&*", min_size=1, max_size=30),
    st.text(alphabet=" \t\n\u00a0", min_size=1, max_size=30),
    st.text(alphabet="0123456789 ", min_size=1, max_size=12),
    st.sampled_from(_WORDS),
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=80).map(lambda parts: " ".join(parts)[:2000])


@pytest.mark.timeout(60)
@settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=_TEXT, lang=st.sampled_from(["auto", "en", "fr"]), style=st.sampled_from(STYLES))
def test_any_text_ends_with_a_documented_exit_code(text: str, lang: str, style: str) -> None:
    """Whatever the note: rewrite, check and triage end with 0 to 3 and never a traceback."""
    for command in (
        [*REWRITE, "--lang", lang, "--style", style, "-"],
        ["check", "--style", style, "-"],
        ["triage", "--lang", lang, "-"],
    ):
        run = run_cli(*command, stdin=text.encode())
        _assert_clean(run, {0, 1, 2, 3}, command)
