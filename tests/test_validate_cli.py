"""``tactful check``: output, ``--json`` shape and exit codes, as other tools rely on them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import run_cli

VALID = (
    "Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I've met in person, "
    "so let's meet at the next Python Montréal meetup first!"
)
PITCH = "Thanks for the note! We help companies grow revenue. Book a call: calendly.com/acme/intro"


def test_valid_reply_exits_zero_with_one_line_per_check() -> None:
    run = run_cli("check", VALID)
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    for name in ("appreciation", "rationale", "openness", "no_pitch"):
        assert any(line.startswith(f"✓ {name}:") for line in lines)
    assert "thanks for your note about my talk" in run.stdout  # evidence is shown
    assert lines[-1] == "valid"


def test_invalid_reply_exits_one_and_shows_the_pitch() -> None:
    run = run_cli("check", PITCH)
    assert run.code == 1
    assert "✗ no_pitch:" in run.stdout
    assert "calendly.com/acme/intro" in run.stdout
    assert run.stdout.splitlines()[-1] == "invalid"


def test_json_shape_is_exactly_the_contract() -> None:
    run = run_cli(
        "check", "--json", "--style", "short", "--invitation", "Hi Sam, loved your talk!", VALID
    )
    data = json.loads(run.stdout)
    assert set(data) == {"valid", "lang", "checks"}
    assert data["lang"] == "en"
    assert isinstance(data["valid"], bool)
    for name in ("appreciation", "rationale", "openness", "no_pitch"):
        check = data["checks"][name]
        assert set(check) == {"passed", "severity", "message", "evidence", "spans", "fix"}
        assert isinstance(check["spans"], list)
        assert check["severity"] == "error"
        assert isinstance(check["evidence"], list)
    assert {"short_form", "language", "grounded_thanks", "invented_names"} <= set(data["checks"])
    assert run.code == (0 if data["valid"] else 1)


def test_reads_stdin_with_dash_and_without_argument() -> None:
    french = (
        "Merci pour ton mot ! Je garde LinkedIn pour les gens rencontrés. On se voit au meetup ?"
    )
    for args in (("check", "-", "--json"), ("check", "--json")):
        run = run_cli(*args, stdin=french.encode())
        assert run.code == 0, run.stdout
        assert json.loads(run.stdout)["lang"] == "fr"


def test_usage_errors_exit_two_with_one_line() -> None:
    for run in (
        run_cli("check", ""),
        run_cli("check", "-", stdin=b"  \n"),
        run_cli("check", "--lang", "de", VALID),
        run_cli("check", "--style", "medium", VALID),
        run_cli("check", "--nope", VALID),
        run_cli("check", "-", stdin=b"caf\xe9"),
    ):
        assert run.code == 2
        assert run.stdout == ""
        assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1


def test_own_channel_is_allowed_with_channel_option() -> None:
    reply = VALID + " My blog: https://sam.dev/blog"
    note = "Hi Sam, I loved your talk on testing at the Python Montréal meetup. - Lee"
    assert run_cli("check", "--invitation", note, reply).code == 1
    assert (
        run_cli("check", "--invitation", note, "--channel", "https://sam.dev/blog", reply).code == 0
    )


def test_link_without_context_is_a_warning_that_says_how_to_allow_it() -> None:
    reply = VALID + " My blog: https://sam.dev/blog"
    run = run_cli("check", "--json", reply)
    assert run.code == 0
    check = json.loads(run.stdout)["checks"]["contact_details"]
    assert check["passed"] is False and check["severity"] == "warning"
    assert "--channel" in check["message"] and check["evidence"] == ["https://sam.dev/blog"]


def test_check_does_not_import_openai() -> None:
    code = (
        "import sys\n"
        "from tactful.cli import main\n"
        "try:\n"
        f"    main(['check', '--json', {VALID!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'openai' not in sys.modules, 'openai imported'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
