"""Where the model settings come from, and that only the model path ever loads ``openai``."""

from __future__ import annotations

import subprocess
import sys

from tactful.engines.model import DEFAULT_MODEL, resolve_settings
from tactful.profile import Profile


def test_flags_beat_environment_beat_profile() -> None:
    profile = Profile(model="from-profile", base_url="http://profile/v1", timeout=9, max_attempts=5)
    env = {"TACTFUL_MODEL": "from-env", "OPENAI_BASE_URL": "http://env/v1"}
    settings = resolve_settings(profile, environ=env)
    assert (settings.model, settings.base_url) == ("from-env", "http://env/v1")
    assert (settings.timeout, settings.max_attempts) == (9.0, 5)
    flagged = resolve_settings(profile, model="flag", base_url="http://flag/v1", environ=env)
    assert (flagged.model, flagged.base_url) == ("flag", "http://flag/v1")
    assert resolve_settings(profile, environ={}).model == "from-profile"


def test_configured_means_a_key_or_a_base_url() -> None:
    assert not resolve_settings(environ={}).configured
    assert resolve_settings(environ={}).model == DEFAULT_MODEL
    assert resolve_settings(environ={"OPENAI_API_KEY": "sk-x"}).configured
    assert resolve_settings(base_url="http://localhost:11434/v1", environ={}).configured


def test_the_key_never_shows_in_the_settings_repr() -> None:
    settings = resolve_settings(environ={"OPENAI_API_KEY": "sk-very-secret"})
    assert "sk-very-secret" not in repr(settings)


def _loads_openai(code: str) -> bool:
    probe = f"{code}\nimport sys\nprint('openai' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return out.stdout.strip().splitlines()[-1] == "True"


def test_help_and_the_engine_module_do_not_import_openai() -> None:
    help_run = (
        "from tactful.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "import tactful.engines.model, tactful.prompts, tactful.retry"
    )
    assert not _loads_openai(help_run)


def test_check_and_the_offline_rewrite_do_not_import_openai() -> None:
    run = (
        "from tactful.cli import main\n"
        "for args in (['check', 'Thanks Bo; I keep LinkedIn for people I met. See you soon!'],"
        " ['rewrite', 'Hi, great talk on Rust. - Bo']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "import tactful.engines.settings"
    )
    assert not _loads_openai(run)


def test_tactful_environment_variables_reach_the_settings_through_the_profile() -> None:
    from tactful.profile import load_profile

    env = {"TACTFUL_TIMEOUT": "7.5", "TACTFUL_MAX_ATTEMPTS": "2", "TACTFUL_BASE_URL": "http://h/v1"}
    settings = resolve_settings(load_profile(env=env).profile, environ=env)
    assert (settings.timeout, settings.max_attempts, settings.base_url) == (7.5, 2, "http://h/v1")
