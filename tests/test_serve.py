"""``tactful serve``'s API against a real app on a loopback port (what the page relies on)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="pip install -e '.[dev]' (the serve extra)")

from tests.batch_export import ROWS, incoming, write_csv
from tests.helpers import run_cli
from tests.serve_helpers import Running, running

NOTE = "Hi, I loved your talk on soil carbon at the Ag show. Would love to connect. - Pete"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Running]:
    with running(tmp_path, engine="offline") as served:
        yield served


def test_a_note_gets_a_valid_reply_with_its_triage(app: Running) -> None:
    status, data = app.call("/api/rewrite", {"note": NOTE, "style": "short"})
    assert status == 200 and data["validation"]["valid"] is True
    assert data["style"] == "short" and "Pete" in data["message"]
    assert data["triage"]["action"] in ("decline", "ask", "meet")
    _, other = app.call("/api/rewrite", {"note": NOTE, "style": "short", "variant": 1})
    assert other["message"] != data["message"]  # another variant is another draft


def test_an_edited_reply_is_checked_as_tactful_check_would(app: Running) -> None:
    _, data = app.call("/api/rewrite", {"note": NOTE, "style": "long"})
    without = data["message"].replace(data["parts"]["openness"], "")
    status, report = app.call("/api/check", {"reply": without, "note": NOTE})
    assert status == 200 and report["valid"] is False
    assert report["checks"]["openness"]["passed"] is False
    cli = run_cli("check", "--invitation", NOTE, "--json", without)
    assert '"openness"' in cli.stdout and cli.code == 1  # the same verdict from the CLI
    _, back = app.call("/api/check", {"reply": data["message"], "note": NOTE})
    assert back["valid"] is True


def test_a_foreign_host_and_a_missing_token_are_refused(app: Running) -> None:
    status, data = app.call("/api/rewrite", {"note": NOTE}, host=f"evil.example:{app.port}")
    assert status == 421 and "127.0.0.1" in data["error"]
    status, data = app.call("/api/rewrite", {"note": NOTE}, token=None)
    assert status == 403 and "token" in data["error"]
    status, _ = app.call("/api/rewrite", {"note": NOTE}, token="guessed")
    assert status == 403


def test_bad_input_is_one_message_never_a_trace(app: Running) -> None:
    status, data = app.call("/api/rewrite", raw=b"\xff\xfe not json")
    assert status == 400 and data["error"] == "the request is not valid JSON"
    status, data = app.call("/api/rewrite", {"note": "Hallo, ich möchte mich vernetzen. Klaus"})
    assert status == 400 and "French or English" in data["error"]
    assert "Traceback" not in str(data)


def test_a_model_server_that_fails_is_a_message_on_the_page(tmp_path: Path) -> None:
    with running(tmp_path, engine="openai", base_url="http://127.0.0.1:9/v1") as app:
        status, data = app.call("/api/rewrite", {"note": NOTE})
    assert status in (400, 502) and data["error"] and "Traceback" not in data["error"]


def test_the_profile_is_edited_and_a_bad_value_loses_nothing(app: Running, tmp_path: Path) -> None:
    status, data = app.call("/api/profile", {"name": "Ana", "channels": "Twitter @ana\n\n"})
    assert status == 200 and data["values"]["name"] == "Ana"
    saved = (tmp_path / "profile.toml").read_text(encoding="utf-8")
    assert 'name = "Ana"' in saved and "Twitter @ana" in saved
    status, data = app.call("/api/profile", {"style": "medium"})
    assert status == 400 and "not saved" in data["error"]
    assert (tmp_path / "profile.toml").read_text(encoding="utf-8") == saved
    _, reply = app.call("/api/rewrite", {"note": NOTE, "style": "long"})
    assert "Ana" in reply["message"]  # the new sign-off is used at once


def _csv(rows: list[object], tmp: Path) -> bytes:
    path = write_csv(tmp / "Invitations.csv", rows)
    return path.read_bytes()


def test_a_backlog_keeps_marks_and_edits_across_a_newer_export(
    app: Running, tmp_path: Path
) -> None:
    status, data = app.call("/api/backlog/open", raw=_csv(ROWS[:3], tmp_path))
    assert status == 200 and data["drafted"] >= 2  # the incoming rows (one is outgoing)
    _, backlog = app.call("/api/backlog")
    count = len(backlog["cards"])
    assert count == data["drafted"]
    first, second = backlog["cards"][0], backlog["cards"][1]
    app.call("/api/backlog/card", {"key": first["key"], "status": "sent"})
    edited = second["message"] + " Hope to see you soon."
    _, card = app.call("/api/backlog/card", {"key": second["key"], "message": edited})
    assert card["message"] == edited and isinstance(card["valid"], bool)

    newer = [*ROWS[:3], incoming("Zoe New", "zoe-new", "12/9/24", "Hello, great post. Zoe")]
    _, data = app.call("/api/backlog/open", raw=_csv(newer, tmp_path))
    assert data["drafted"] == 1  # only the new row
    _, backlog = app.call("/api/backlog")
    cards = {c["key"]: c for c in backlog["cards"]}
    assert len(cards) == count + 1
    assert cards[first["key"]]["status"] == "sent"
    assert cards[second["key"]]["message"] == edited and cards[second["key"]]["edited"]


def test_an_empty_export_and_a_bad_status_are_refused(app: Running) -> None:
    status, data = app.call("/api/backlog/open", raw=b"")
    assert status == 400 and "empty" in data["error"]
    status, data = app.call("/api/backlog/card", {"key": "x", "status": "done"})
    assert status == 400 and "status" in data["error"]


def test_a_taken_port_is_exit_2_with_one_line(app: Running) -> None:
    result = run_cli("serve", "--port", str(app.port))
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: port {app.port} on 127.0.0.1 is taken; choose another with --port"
    ]


def test_without_the_extra_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if 'tactful[serve]' were missing
    result = run_cli("serve", "--port", "1")
    assert result.code == 2
    assert "pip install 'tactful[serve]'" in result.stderr and "Traceback" not in result.stderr


def test_the_engine_menu_switches_per_request_and_says_what_is_missing(app: Running) -> None:
    status, data = app.call("/api/rewrite", {"note": NOTE, "engine": "offline"})
    assert status == 200 and data["engine"] == "offline"
    status, data = app.call("/api/rewrite", {"note": NOTE, "engine": "openai"})
    assert status == 400 and "OPENAI_API_KEY" in data["error"]  # no model configured here
    status, data = app.call("/api/rewrite", {"note": NOTE, "engine": "gpt"})
    assert status == 400 and "unknown engine" in data["error"]
