"""The model path of ``tactful eval``: the real engine against the loopback Chat Completions
server, recording every exchange, replaying them with no server, and failing on a miss."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tactful.evals.cases import load_suite
from tactful.evals.runner import Runner
from tests.chat_server import ChatServer, Reply, completion, error_body
from tests.evals_fakes import case, request_lang, valid_long_draft, write_suite
from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # the eval runner against a loopback server

NOTES = [
    case("talk", invitation="Hi, I enjoyed your talk on testing legacy code at the meetup."),
    case("stock", invitation="I'd like to add you to my professional network on LinkedIn."),
    {**case("fr", invitation="Bonjour, j'ai lu votre article sur le télétravail."), "lang": "fr"},
]


def answer(body: Any) -> Reply:
    return Reply(body=completion(valid_long_draft(request_lang(body))))


def eval_args(folder: Path, *extra: str) -> list[str]:
    return [
        "eval", "--engine", "openai", "--model", "test-model", "--cases", str(folder),
        "--style", "long", *extra,
    ]  # fmt: skip


def test_runner_sends_one_request_per_reply_with_a_fresh_engine_each(tmp_path: Path) -> None:
    from tactful.engines.model import ModelEngine, ModelSettings, OpenAIBackend

    folder = write_suite(tmp_path / "suite", NOTES)
    with ChatServer(default=answer) as server:
        settings = ModelSettings(model="test-model", base_url=server.url, api_key="sk-test")
        backend = OpenAIBackend(settings.base_url, settings.api_key, settings.timeout)
        runner = Runner(
            engine_name="openai",
            make_engine=lambda: ModelEngine(settings, backend=backend),
            concurrency=3,
        )
        results = runner.run(load_suite(folder), ("long",))
        sent = server.chat_requests
    assert len(sent) == 3
    assert {s.case_id: s.attempts for s in results.samples} == {"talk": 1, "stock": 1, "fr": 1}
    assert results.summary.ok, [a.reason for s in results.samples for a in s.assertions]
    assert results.summary.usage["total_tokens"] == 3 * 150  # the server's usage, summed
    french = next(s for s in results.samples if s.case_id == "fr")
    assert (french.message or "").startswith("Bonjour")


def test_record_then_replay_gives_the_same_run_without_a_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_suite(tmp_path / "suite", NOTES)
    recordings = tmp_path / "recordings"
    with ChatServer(default=answer) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        recorded = run_cli(
            *eval_args(folder, "--record", str(recordings), "--out", str(tmp_path / "a"))
        )
        requests = len(server.chat_requests)
    assert recorded.code == 0, recorded.stdout + recorded.stderr
    assert requests == 3 and len(list(recordings.glob("test-model/*/*.json"))) == 3

    # No server, no key, no base URL: only the recordings can answer.
    monkeypatch.delenv("OPENAI_BASE_URL")
    replayed = run_cli(
        *eval_args(folder, "--replay", str(recordings), "--out", str(tmp_path / "b"))
    )
    assert replayed.code == 0, replayed.stdout + replayed.stderr
    assert "replayed 3 exchanges" in replayed.stderr

    def messages(out: str) -> dict[str, str]:
        data = json.loads((tmp_path / out / "results.json").read_text(encoding="utf-8"))
        return {s["case_id"]: s["message"] for s in data["samples"]}

    assert messages("a") == messages("b")


def test_a_replay_miss_fails_the_run_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_suite(tmp_path / "suite", NOTES[:1])
    recordings = tmp_path / "recordings"
    with ChatServer(default=answer) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        assert run_cli(*eval_args(folder, "--record", str(recordings))).code == 0
    monkeypatch.delenv("OPENAI_BASE_URL")
    bigger = write_suite(tmp_path / "bigger", NOTES)
    missed = run_cli(*eval_args(bigger, "--replay", str(recordings), "--out", str(tmp_path / "o")))
    assert missed.code == 1
    assert "2 requests had no recording" in missed.stderr
    data = json.loads((tmp_path / "o" / "results.json").read_text(encoding="utf-8"))
    errors = {s["case_id"]: s["error"] for s in data["samples"]}
    assert errors["talk"] is None
    assert errors["stock"] and errors["fr"]


def test_openai_without_key_or_url_or_replay_is_a_config_error(tmp_path: Path) -> None:
    folder = write_suite(tmp_path / "suite", NOTES[:1])
    run = run_cli(*eval_args(folder))
    assert run.code == 2
    assert "OPENAI_API_KEY" in run.stderr and "--replay" in run.stderr


def refuses_json_schema(body: Any) -> Reply:
    """A local server that cannot do strict JSON schemas (llama.cpp-style), as in the wild."""
    if (body.get("response_format") or {}).get("type") == "json_schema":
        return Reply(400, error_body("response_format json_schema is not supported"))
    return answer(body)


def test_what_the_server_refused_is_learned_once_and_replayed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_suite(tmp_path / "suite", NOTES)
    recordings = tmp_path / "recordings"
    with ChatServer(default=refuses_json_schema) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        args = eval_args(folder, "--record", str(recordings), "--concurrency", "1")
        assert run_cli(*args).code == 0
        formats = [
            (r["body"].get("response_format") or {}).get("type") for r in server.chat_requests
        ]
    # One refused request for the run, not one per case.
    assert formats == ["json_schema", "json_object", "json_object", "json_object"]
    monkeypatch.delenv("OPENAI_BASE_URL")
    replayed = run_cli(*eval_args(folder, "--replay", str(recordings), "--concurrency", "3"))
    assert replayed.code == 0, replayed.stderr
    assert "replayed 3 exchanges" in replayed.stderr


def test_base_url_and_timeout_flags_reach_the_model_client(tmp_path: Path) -> None:
    # A small model on a laptop CPU takes a minute per answer (gemma-3-270m on
    # llama-cpp-python: 30-80 s), so the eval needs --timeout like rewrite; the flag
    # and --base-url work without any environment variable.
    folder = write_suite(tmp_path / "suite", NOTES[:1])

    def slow(body: Any) -> Reply:
        return Reply(body=answer(body).body, delay=0.5)

    with ChatServer(default=slow) as server:
        base = ["--base-url", server.url]
        hurried = run_cli(*eval_args(folder, *base, "--timeout", "0.05"))
        patient = run_cli(*eval_args(folder, *base, "--timeout", "10"))
    assert hurried.code == 1
    assert "did not answer within 0.05s" in hurried.stdout + hurried.stderr
    assert patient.code == 0, patient.stdout + patient.stderr
