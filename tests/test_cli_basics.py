from __future__ import annotations

from tests.helpers import run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.stdout.startswith("tactful ")


def test_unknown_option_is_one_line_usage_error() -> None:
    result = run_cli("--no-such-option")
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error:") and "--no-such-option" in lines[0]
    assert "Traceback" not in result.stderr


def test_bare_command_shows_help() -> None:
    result = run_cli()
    assert "Usage" in result.stdout
