"""Options are resolved once, flags > environment > profile file > defaults, with sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tactful
from tactful.errors import ConfigError, UsageError
from tactful.options import resolve_options
from tactful.profile import Profile
from tests.helpers import run_cli

NOTE = "Hi Sam, I loved your talk on data contracts at PyData Leeds. Would be glad to connect. Ana"


def _profile(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_each_layer_wins_over_the_next_and_says_so(tmp_path: Path) -> None:
    path = _profile(tmp_path, 'style = "short"\nmodel = "file-model"\nmax_attempts = 5\n')
    env = {"TACTFUL_MODEL": "env-model", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    options = resolve_options(path, env=env)
    assert (options.style, options.sources["style"]) == ("short", f"file {path}")
    assert (options.settings.model, options.sources["model"]) == ("env-model", "env TACTFUL_MODEL")
    assert options.sources["base_url"] == "env OPENAI_BASE_URL"
    assert (options.max_attempts, options.sources["max_attempts"]) == (5, f"file {path}")
    assert options.engine == "openai"  # a base URL is set: auto picks the model
    assert options.sources["engine"].startswith("auto")

    flagged = resolve_options(
        path, style="long", model="flag-model", engine="offline", max_attempts=2, env=env
    )
    assert (flagged.style, flagged.sources["style"]) == ("long", "flag --style")
    assert (flagged.settings.model, flagged.sources["model"]) == ("flag-model", "flag --model")
    assert (flagged.engine, flagged.sources["engine"]) == ("offline", "flag --engine")
    assert flagged.max_attempts == 2


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    missing_home = {"XDG_CONFIG_HOME": str(tmp_path)}
    options = resolve_options(env=missing_home)
    assert (options.engine, options.style, options.max_attempts) == ("offline", "long", 3)
    assert options.sources["api_key"] == "not set"
    assert options.sources["model"] == "default"


def test_the_key_is_found_but_never_kept_in_the_sources(tmp_path: Path) -> None:
    options = resolve_options(
        env={"OPENAI_API_KEY": "sk-do-not-print", "XDG_CONFIG_HOME": str(tmp_path)}
    )
    assert options.engine == "openai"
    assert "sk-do-not-print" not in json.dumps(options.sources)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"style": "medium"}, UsageError),
        ({"lang": "de"}, UsageError),
        ({"engine": "gpt"}, UsageError),
    ],
)
def test_a_bad_choice_is_a_usage_error(kwargs: dict[str, str], error: type[Exception]) -> None:
    with pytest.raises(error):
        resolve_options(env={}, **kwargs)


def test_a_bad_profile_value_names_its_source(tmp_path: Path) -> None:
    path = _profile(tmp_path, "max_attempts = 0\n")
    with pytest.raises(ConfigError, match="max_attempts"):
        resolve_options(path, env={})


def test_the_python_api_honours_the_profiles_style_and_attempts() -> None:
    # Before, the Python API ignored the profile's max_attempts and style.
    profile = Profile(style="short", max_attempts=1)
    result = tactful.rewrite(NOTE, profile=profile, engine="offline")
    assert result.style == "short"
    options = resolve_options(env={}, style="long", engine="offline")
    assert tactful.rewrite(NOTE, options=options).style == "long"


def test_profile_show_explains_what_a_run_would_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _profile(tmp_path, 'model = "file-model"\n')
    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-shown")
    result = run_cli("profile", "show", "--profile", str(path), "--json")
    assert result.code == 0, result.stderr
    run = json.loads(result.stdout)["run"]
    assert run["model"] == {"value": "file-model", "source": f"file {path}"}
    assert run["engine"]["value"] == "openai"
    assert run["api_key"] == {"value": "set", "source": "env OPENAI_API_KEY"}
    assert "sk-never-shown" not in result.stdout + result.stderr
