"""Bad input gets one line on stderr and the documented exit code, for every command alike."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import run_cli

INVALID = b"Hi Sam, great talk \xff on Rust"


def _run_bytes(*args: bytes) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI with raw argument bytes, as a shell passes a non-UTF-8 argument."""
    env = {**os.environ, "TACTFUL_PROFILE": ""}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args], capture_output=True, env=env, timeout=60
    )


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize(
    ("command", "what"), [("rewrite", "invitation"), ("check", "reply"), ("triage", "note")]
)
def test_an_argument_that_is_not_utf8_is_exit_2_naming_it(command: str, what: str) -> None:
    result = _run_bytes(command.encode(), INVALID)
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and f"the {what} given as an argument is not valid UTF-8" in lines[0]
    assert "Traceback" not in lines[0]
    result.stdout.decode("utf-8")  # stdout stays valid UTF-8 (here: empty)


def test_a_profile_that_is_not_utf8_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_bytes(b'name = "S\xe9verine"\n')
    result = run_cli("rewrite", "--profile", str(profile), "Hi Sam, great talk on Rust!")
    assert result.code == 2
    assert str(profile) in result.stderr and "not valid UTF-8" in result.stderr


def test_a_profile_path_that_is_a_folder_says_so_for_use_and_for_init(tmp_path: Path) -> None:
    used = run_cli("rewrite", "--profile", str(tmp_path), "Hi Sam, great talk on Rust!")
    made = run_cli("profile", "init", "--profile", str(tmp_path))
    for result in (used, made):
        assert result.code == 2
        assert "is a folder" in result.stderr and str(tmp_path / "profile.toml") in result.stderr


@pytest.mark.parametrize("text", ["\u200b\u00a0\u200b", "\u2060 \ufeff", "\u00a0\n\u202f"])
def test_invisible_only_text_is_empty_everywhere(text: str) -> None:
    check = run_cli("check", text)
    assert check.code == 2 and "the reply is empty" in check.stderr
    triage = run_cli("triage", "--json", text)
    assert triage.code == 0 and '"kind": "stock"' in triage.stdout
    rewrite = run_cli("rewrite", "--json", text)
    assert rewrite.code == 0
    assert '"kind": "stock"' in rewrite.stdout


def test_rewrite_answers_the_empty_note_as_linkedins_default_invitation() -> None:
    result = run_cli("rewrite", "--lang", "fr", "--style", "short", "")
    assert result.code == 0, result.stderr
    assert "Merci" in result.stdout
    assert "LinkedIn's default invitation" in run_cli("rewrite", "--help").stdout


def test_an_out_folder_that_cannot_be_written_fails_before_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker, blocker / "below"):
        result = run_cli("eval", "--filter", "sales", "--out", str(out))
        assert result.code == 2, result.stderr
        assert str(blocker) in result.stderr
        assert "replies" not in result.stdout  # refused before drafting anything


@pytest.mark.slow
def test_ctrl_c_during_a_batch_says_what_was_kept_and_how_to_resume(tmp_path: Path) -> None:
    from tests.batch_export import incoming, write_csv

    rows = [
        incoming(f"Person {i}", f"p-{i}", f"11/3/24, {i % 12 + 1}:15 PM", f"Hi, loved post {i}.")
        for i in range(20_000)
    ]
    export = write_csv(tmp_path / "Invitations.csv", rows)
    out = tmp_path / "out"
    env = {**os.environ, "TACTFUL_PROFILE": ""}
    env.pop("OPENAI_API_KEY", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "tactful", "batch", "--out", str(out), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    replies = out / "replies.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (replies.exists() and replies.stat().st_size):
        time.sleep(0.1)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130
    last = err.decode("utf-8").strip().splitlines()[-1]
    kept = len(replies.read_text(encoding="utf-8").splitlines())
    assert 0 < kept < len(rows)
    assert last.startswith(f"Error: interrupted: {kept} replies kept in {replies}")
    assert "run the same command again" in last


@pytest.mark.parametrize(
    "note",
    [
        "Hallo Sofia, ich habe Ihren Vortrag über verteilte Datenbanken in Berlin gesehen und "
        "würde mich gerne vernetzen. Grüße, Klaus",
        "Hola Sofia, me encantó tu charla sobre bases de datos en Madrid. ¿Conectamos? "
        "Saludos, Pablo",
        "Bonjour Sofia, j'ai adoré votre conférence sur les bases de données réparties. Paul",
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_in_another_language_is_answered_without_echoing_its_words(
    note: str, lang: str
) -> None:
    from tactful import rewrite
    from tactful.text import fold, in_another_language, words

    if not in_another_language(note, lang):
        pytest.skip("the note is in the reply's language")
    for style in ("long", "short"):
        reply = rewrite(note, lang=lang, style=style, engine="offline")
        assert reply.validation.valid
        theirs = {w for w in words(note) if len(w) >= 5}
        echoed = theirs & {fold(w) for w in words(reply.message)}
        assert not echoed, (echoed, reply.message)


@pytest.mark.parametrize("command", ["rewrite", "check", "triage", "batch"])
def test_every_command_refuses_an_unknown_language_or_style_the_same_way(command: str) -> None:
    lang = run_cli(command, "--lang", "de", "x")
    assert lang.code == 2
    assert lang.stderr.strip() == "Error: unknown language 'de'; use auto, en or fr"
    if command != "triage":
        style = run_cli(command, "--style", "medium", "x")
        assert style.code == 2
        assert style.stderr.strip() == "Error: unknown style 'medium'; use long or short"
