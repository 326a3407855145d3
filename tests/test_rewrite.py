"""``tactful rewrite`` and ``tactful.rewrite`` on the invitation categories of issue 3."""

from __future__ import annotations

import json
import re

import pytest

import tactful
from tactful.errors import NoValidDraftError
from tactful.profile import Profile
from tactful.text import sentences
from tests.helpers import run_cli
from tests.invitations import CASES, Case

TU = re.compile(r"\b(tu|te|toi|ton|ta|tes|t')", re.IGNORECASE)
VOUS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)


def _first_line(message: str) -> str:
    return message.split("\n", 1)[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("style", ["long", "short"])
def test_every_category_gives_a_valid_grounded_reply(case: Case, style: str) -> None:
    result = tactful.rewrite(case.note, style=style)
    message = result.message
    assert result.validation.valid, result.validation.findings()
    assert result.lang == case.lang
    assert result.engine == "offline" and result.fallback is False
    if style == "short":
        assert len(sentences(message)) == 2, message
        assert len(message) <= 300, message
    else:
        assert len(message.split("\n\n")) == 5, message  # greeting, 3 parts, sign-off
    if case.inviter:
        assert case.inviter in (message if style == "short" else _first_line(message))
        assert result.analysis.inviter == case.inviter
    else:
        assert result.analysis.inviter is None
    if case.recipient:
        # The greeted name is the user: it never becomes the inviter the reply addresses.
        assert result.analysis.recipient == case.recipient
        assert case.recipient not in message
    for echo in case.echo:
        assert echo.casefold() in message.casefold(), message
    for banned in case.forbidden:
        assert banned.casefold() not in message.casefold(), message
    assert "http" not in message and "www." not in message
    if case.register == "tu":
        assert TU.search(message) and not VOUS.search(message), message
    if case.register == "vous":
        assert VOUS.search(message) and not TU.search(message), message
    if case.purpose:
        assert result.analysis.purpose == case.purpose
    assert result.analysis.stock is case.stock


def test_stock_line_is_thanked_for_the_invitation_not_a_personal_note() -> None:
    for note in (
        "I'd like to add you to my professional network.",
        "J'aimerais faire partie de votre réseau.",
    ):
        for style in ("long", "short"):
            message = tactful.rewrite(note, style=style).message.casefold()
            assert "invitation" in message
            assert "personal" not in message and "personnel" not in message


def test_personalised_note_gets_thanks_for_its_content_not_the_invitation() -> None:
    result = tactful.rewrite("Hi, I read your newsletter on climate tech every week. - Noor")
    assert "my newsletter on climate tech" in result.parts.appreciation


def test_french_possessive_follows_gender_and_elision() -> None:
    cases = {
        "Bonjour, j'ai adoré votre intervention sur la sobriété. Paul": "mon intervention",
        "Bonjour, merci pour votre conférence sur l'IA. Paul": "ma conférence",
        "Bonjour, j'ai lu votre article sur le télétravail. Paul": "mon article",
        "Bonjour, j'ai lu vos articles sur le télétravail. Paul": "mes articles",
    }
    for note, expected in cases.items():
        assert expected in tactful.rewrite(note).message


def test_profile_name_channels_and_policy_reach_the_reply() -> None:
    profile = Profile(
        name="Ana Ruiz",
        channels=["Twitter @anaruiz", "the Python Montréal group"],
        policy="people I have worked with",
    )
    note = "Hi Ana, loved your talk on pytest fixtures. - Leo"
    result = tactful.rewrite(note, profile=profile)
    assert result.message.rstrip().endswith("Ana Ruiz")
    assert "@anaruiz" in result.message or "the Python Montréal group" in result.message
    assert "people I have worked with" in result.message
    assert result.validation.valid


def test_no_profile_means_no_name_in_the_sign_off() -> None:
    result = tactful.rewrite("Hi, loved your talk on pytest fixtures. - Leo")
    last = result.message.rstrip().split("\n")[-1]
    assert "Leo" not in last and "," not in last


def test_inviter_option_wins_and_unsigned_notes_greet_without_a_name() -> None:
    note = "Hello, I enjoyed your post about data contracts."
    assert tactful.rewrite(note).analysis.inviter is None
    named = tactful.rewrite(note, inviter="Priya")
    assert _first_line(named.message).startswith(("Hi Priya", "Hello Priya", "Dear Priya"))


def test_same_seed_same_output_and_default_is_stable() -> None:
    note = "Hi, I loved your podcast on open source funding. Cheers, Mo"
    assert tactful.rewrite(note, seed=7).message == tactful.rewrite(note, seed=7).message
    assert tactful.rewrite(note).message == tactful.rewrite(note).message
    outputs = {tactful.rewrite(note, seed=s).message for s in range(8)}
    assert len(outputs) > 1


def test_variants_are_distinct_and_valid() -> None:
    from tactful.pipeline import rewrite_variants

    results = rewrite_variants("Salut, j'ai adoré ton atelier sur Docker. Yanis", 4, style="short")
    assert len({r.message for r in results}) == 4
    assert all(r.validation.valid and len(r.message) <= 300 for r in results)


def test_caller_profile_is_not_mutated() -> None:
    profile = Profile(name="Ana", channels=["Twitter @ana"])
    before = profile.model_dump()
    tactful.rewrite("Hi, I liked your post about Rust. - Kim", profile=profile)
    assert profile.model_dump() == before


def test_invalid_drafts_are_never_returned() -> None:
    from tactful.engines.base import Draft

    class Pitchy:
        name = "pitchy"

        def draft(self, analysis, profile, style, *, findings=None, seed=None):  # type: ignore[no-untyped-def]
            text = "Buy now at https://spam.example.com."
            return Draft(appreciation=text, rationale=text, openness=text, message=text)

    with pytest.raises(NoValidDraftError) as failed:
        tactful.rewrite("Hi, I liked your post about Rust. - Kim", engine=Pitchy(), fallback=False)  # type: ignore[arg-type]
    assert failed.value.attempts == 3  # the default max_attempts, each one judged
    assert any(finding.startswith("no_pitch") for finding in failed.value.findings)
    rescued = tactful.rewrite("Hi, I liked your post about Rust. - Kim", engine=Pitchy())  # type: ignore[arg-type]
    assert rescued.fallback is True and rescued.engine == "offline" and rescued.validation.valid


# --- CLI --------------------------------------------------------------------------------


def test_cli_prints_only_the_message() -> None:
    run = run_cli("rewrite", "--style", "short", CASES[0].note)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(("Hi Priyanka", "Hello Priyanka", "Priyanka"))
    assert len(run.stdout.strip()) <= 300
    # --engine auto says which engine it picked, once, and nothing else (issue 4).
    assert run.stderr.splitlines() == [
        "Engine: offline (set OPENAI_API_KEY or --base-url to use a model)"
    ]


def test_cli_reads_stdin_and_json_has_the_contract_fields() -> None:
    run = run_cli(
        "rewrite", "--json", "-", stdin="Salut, super ta vidéo sur Kubernetes ! Théo".encode()
    )
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    for key in (
        "message",
        "style",
        "lang",
        "engine",
        "fallback",
        "attempts",
        "parts",
        "analysis",
        "validation",
    ):
        assert key in data
    assert data["fallback"] is False and data["engine"] == "offline" and data["lang"] == "fr"
    assert set(data["parts"]) == {"appreciation", "rationale", "openness"}
    assert data["validation"]["valid"] is True
    assert data["analysis"]["register"] == "tu"


def test_cli_variants_json_is_a_list() -> None:
    run = run_cli("rewrite", "--json", "--variants", "3", "--seed", "1", CASES[1].note)
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert isinstance(data, list) and len({d["message"] for d in data}) == 3


def test_cli_flags_name_channel_policy() -> None:
    run = run_cli(
        "rewrite",
        "--name",
        "Ana",
        "--channel",
        "Mastodon @ana@hachyderm.io",
        "Hi Ana, I enjoyed your article about SQLite. - Bo",
    )
    assert run.code == 0, run.stderr
    assert run.stdout.rstrip().endswith("Ana") and "Mastodon @ana@hachyderm.io" in run.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (("rewrite", "-"), b"caf\xe9 \xff", "UTF-8"),
        (("rewrite", "x" * 20_001), None, "20,000"),
        (("rewrite", "Hola, me gustaría agregarte a mi red profesional."), None, "--lang"),
        (("rewrite", "--style", "medium", "Hi, great talk. - Bo"), None, "style"),
        (("rewrite", "--lang", "de", "Hi, great talk. - Bo"), None, "language"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2(
    args: tuple[str, ...], stdin: bytes | None, fragment: str
) -> None:
    run = run_cli(*args, stdin=stdin)
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and fragment in lines[0]
    assert run.stdout == ""


def test_cli_an_empty_pipe_is_the_empty_note_answered_as_the_default_invitation() -> None:
    run = run_cli("rewrite", "--lang", "en", stdin=b"\n")
    assert run.code == 0, run.stderr
    assert "invitation" in run.stdout.lower()


def test_cli_openai_engine_without_configuration_is_a_config_error() -> None:
    run = run_cli("rewrite", "--engine", "openai", "Hi, great talk. - Bo")
    assert run.code == 2 and "model engine" in run.stderr


def test_offline_path_does_not_import_openai() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tactful.cli import main\n"
        "try:\n    main(['rewrite', 'Hi, great talk on Rust. - Bo'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'openai' not in sys.modules, 'openai imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
