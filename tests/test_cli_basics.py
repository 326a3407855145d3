from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    "args",
    [
        ("rewrite", "--help"),
        ("rewrite", "--bogus", "x"),
        ("rewrite", "--style", "medium", "Hi, loved your talk. - Lee"),
        ("rewrite", "--style", "short", "Hi Ana, loved your talk on caching. - Lee"),
        ("rewrit", "x"),
        ("profile", "--help"),
        ("eval", "selling", "--bogus"),
        ("triage", "--help"),
        ("--help",),
    ],
)
def test_a_run_builds_only_its_subcommand_and_behaves_as_the_whole_app(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI builds only the subcommand it runs (faster first call); help, usage errors,
    suggestions and replies must be those of the app with every subcommand built."""
    import tactful.cli as cli

    narrowed = run_cli(*args)
    monkeypatch.setattr(cli, "_invoked", lambda argv: cli.app)
    whole = run_cli(*args)
    assert (narrowed.code, narrowed.stdout, narrowed.stderr) == (
        whole.code,
        whole.stdout,
        whole.stderr,
    )
