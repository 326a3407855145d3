"""Profile loading: defaults < file < environment < flags, with the source of each value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.errors import ConfigError
from tactful.profile import load_profile
from tests.helpers import run_cli


def test_missing_default_profile_means_defaults() -> None:
    loaded = load_profile(env={})
    assert loaded.profile.name is None and loaded.profile.channels == []
    assert set(loaded.sources.values()) == {"default"}


def test_precedence_flags_over_env_over_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'name = "File Name"\npolicy = "file policy"\nchannels = ["a"]\nstyle = "short"\n'
    )
    env = {"TACTFUL_NAME": "Env Name", "TACTFUL_CHANNELS": "x; y ;", "TACTFUL_PROFILE": str(path)}
    loaded = load_profile(env=env, flags={"name": "Flag Name", "channels": None})
    assert loaded.profile.name == "Flag Name" and loaded.sources["name"] == "flag --name"
    assert (
        loaded.profile.channels == ["x", "y"]
        and loaded.sources["channels"] == "env TACTFUL_CHANNELS"
    )
    assert loaded.profile.policy == "file policy" and loaded.sources["policy"] == f"file {path}"
    assert loaded.profile.style == "short"


def test_malformed_or_missing_explicit_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n")
    with pytest.raises(ConfigError, match=str(bad)):
        load_profile(bad, env={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_profile(tmp_path / "nope.toml", env={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('nme = "typo"\n')
    with pytest.raises(ConfigError, match="nme"):
        load_profile(unknown, env={})


def test_bad_value_names_its_source() -> None:
    with pytest.raises(ConfigError, match="TACTFUL_STYLE"):
        load_profile(env={"TACTFUL_STYLE": "medium"})


def test_profile_init_and_show_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    run = run_cli(
        "profile",
        "init",
        "--profile",
        str(path),
        "--name",
        'Ana "Q" Ruiz',
        "--channel",
        "Twitter @ana",
        "--channel",
        "the Python Montréal group",
        "--style",
        "short",
    )
    assert run.code == 0, run.stderr
    shown = run_cli("profile", "show", "--profile", str(path), "--json")
    data = json.loads(shown.stdout)
    assert data["values"]["name"] == 'Ana "Q" Ruiz'
    assert data["values"]["channels"] == ["Twitter @ana", "the Python Montréal group"]
    assert data["sources"]["style"] == f"file {path}" and data["sources"]["policy"] == "default"
    again = run_cli("profile", "init", "--profile", str(path), "--name", "X")
    assert again.code == 2 and "--force" in again.stderr
    forced = run_cli("profile", "init", "--profile", str(path), "--name", "X", "--force")
    assert forced.code == 0
    text = run_cli("profile", "show", "--profile", str(path))
    assert "name: X" in text.stdout and "file" in text.stdout


def test_rewrite_uses_the_profile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('name = "Ana"\nstyle = "short"\n')
    monkeypatch.setenv("TACTFUL_PROFILE", str(path))
    run = run_cli("rewrite", "Hi, I enjoyed your article about SQLite. - Bo")
    assert run.code == 0, run.stderr
    assert len(run.stdout.strip()) <= 300  # style from the file


def test_rewrite_with_malformed_profile_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[[")
    run = run_cli("rewrite", "--profile", str(bad), "Hi, I enjoyed your article about SQLite. - Bo")
    assert run.code == 2 and str(bad) in run.stderr and len(run.stderr.strip().splitlines()) == 1
