"""The compiled-lexicon cache (``tactful.compiled``): faster second runs, never other replies.

The cache keeps what Python's regex compiler produced for each lexicon pattern. A pattern
rebuilt from it must be the very pattern ``re.compile`` makes (CPython compares patterns by
their compiled code), and a damaged, missing or unwritable cache must only cost time.
"""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tactful
from tactful import compiled

NOTES = (
    "Hi Sofia, I loved your article on remote onboarding. Would love to connect! - Priyanka",
    "Bonjour Marc, j'ai assisté à votre conférence sur la logistique à Lyon. "
    "Au plaisir d'échanger ! Claire",
)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> compiled.Store:
    """A fresh cache in a temporary file, in place of the process's own."""
    fresh = compiled.Store(tmp_path / "compiled.marshal")
    monkeypatch.setattr(compiled, "_STORE", fresh)
    return fresh


@pytest.mark.slow
def test_every_pattern_rebuilt_from_the_cache_is_the_one_re_compile_makes(
    tmp_path: Path,
) -> None:
    for note in NOTES:
        assert _run(tmp_path, note).returncode == 0
    (cache,) = _cache_files(tmp_path)
    saved = marshal.loads(cache.read_bytes())
    patterns = [key for key in saved if key[0] == "re"]
    assert len(patterns) > 100  # both languages' lexicons went through the cache
    for key in patterns:
        _, pattern, flags = key
        assert compiled._build(pattern, saved[key]) == re.compile(pattern, flags), pattern[:80]


def test_a_damaged_entry_is_compiled_afresh(store: compiled.Store) -> None:
    store.put(("re", r"ab+c", 0), (32, [999, 1, 2], 0, {}, (None,)))
    found = compiled.regex(r"ab+c")
    assert found == re.compile(r"ab+c")
    assert found.search("xxabbbc") is not None


def test_a_toml_file_is_parsed_again_once_it_changes(store: compiled.Store, tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text('word = "one"\n')
    assert compiled.toml(path) == {"word": "one"}
    path.write_text('word = "two, longer"\n')
    assert compiled.toml(path) == {"word": "two, longer"}


def _run(
    home: Path, note: str = NOTES[1], *extra_env: tuple[str, str]
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", compiled.OFF_ENV)}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")})
    env.update(dict(extra_env))
    script = "import sys; from tactful.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", script, "rewrite", note],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _cache_files(home: Path) -> list[Path]:
    return sorted((home / ".cache" / "tactful").glob("compiled-*.marshal"))


@pytest.mark.slow
def test_runs_write_the_cache_read_it_and_reply_the_same_as_without_it(tmp_path: Path) -> None:
    uncached = _run(tmp_path / "off", NOTES[1], (compiled.OFF_ENV, "1"))
    assert uncached.returncode == 0, uncached.stderr
    assert _cache_files(tmp_path / "off") == []

    home = tmp_path / "home"
    first, second = _run(home), _run(home)
    assert [first.returncode, second.returncode] == [0, 0], second.stderr
    assert first.stdout == second.stdout == uncached.stdout
    (cache,) = _cache_files(home)
    assert any(key[0] == "re" for key in marshal.loads(cache.read_bytes()))


@pytest.mark.slow
def test_a_warm_run_finds_every_pattern_and_leaves_the_cache_file_alone(tmp_path: Path) -> None:
    """Patterns must be built in the same order in every process, whatever the hash seed:
    a pattern joined from a set in hash order missed the cache on every run, compiled
    afresh and rewrote the whole file at exit (and the file grew with each run)."""
    for note in NOTES:
        home = tmp_path / note[:5]
        assert _run(home, note, ("PYTHONHASHSEED", "1")).returncode == 0
        (cache,) = _cache_files(home)
        before = cache.read_bytes()
        for seed in ("2", "3"):
            assert _run(home, note, ("PYTHONHASHSEED", seed)).returncode == 0
            assert cache.read_bytes() == before


@pytest.mark.slow
def test_a_new_release_starts_its_own_file_and_removes_the_earlier_ones(tmp_path: Path) -> None:
    """Earlier releases' patterns would stay in one file, read on every call, until it held
    thousands of entries; another interpreter's file is not this one's to remove."""
    folder = tmp_path / ".cache" / "tactful"
    folder.mkdir(parents=True)
    earlier = folder / f"compiled-{compiled._ENGINE}-0.0.1.marshal"
    legacy = folder / f"compiled-{compiled._ENGINE}.marshal"
    other = folder / "compiled-pypy-39-1-0.0.1.marshal"
    for path in (earlier, legacy, other):
        path.write_bytes(marshal.dumps({("re", "stale", 0): "x"}))
    assert _run(tmp_path).returncode == 0
    assert not earlier.exists() and not legacy.exists() and other.exists()
    (own,) = [p for p in _cache_files(tmp_path) if p != other]
    assert own.name.endswith(f"-{tactful.__version__}.marshal")


@pytest.mark.slow
def test_a_corrupt_or_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    expected = _run(tmp_path / "clean").stdout

    corrupt = tmp_path / "corrupt"
    (corrupt / ".cache" / "tactful").mkdir(parents=True)
    name = _cache_files(tmp_path / "clean")[0].name
    (corrupt / ".cache" / "tactful" / name).write_bytes(b"\x00not marshal")
    result = _run(corrupt)
    assert (result.returncode, result.stdout, result.stderr.count("Traceback")) == (0, expected, 0)
    assert isinstance(marshal.loads((corrupt / ".cache" / "tactful" / name).read_bytes()), dict)

    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / ".cache").write_text("a file where the cache folder would go")
    result = _run(blocked)
    assert (result.returncode, result.stdout, result.stderr.count("Traceback")) == (0, expected, 0)
