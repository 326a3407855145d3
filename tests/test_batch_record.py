"""``replies.jsonl`` lines are parsed once into a typed ``ReplyRecord``; the format is kept."""

from __future__ import annotations

import json
from pathlib import Path

from tactful.batch.html import write_report
from tactful.batch.record import ReplyRecord
from tactful.batch.store import ReplyStore
from tactful.batch.tables import write_csv_and_summarise

OLDER = {  # as an earlier version wrote it: extra fields, no validation details
    "key": "https://www.linkedin.com/in/ana|2024-01-02",
    "from": "Ana <b>Ruiz</b>",
    "note": "Hi!",
    "triage": {"kind": "stock", "action": "ask", "reason": "No note.", "signals": []},
    "message": "Hi Ana, thank you. I keep LinkedIn small. What brings you here?",
    "analysis": {"lang": "en", "references": []},
    "usage": None,
}


def test_a_record_round_trips_with_its_unknown_fields(tmp_path: Path) -> None:
    record = ReplyRecord.model_validate(OLDER)
    assert record.sender == "Ana <b>Ruiz</b>" and record.triage.action == "ask"
    assert record.valid is False  # no validation recorded: never shown as valid
    data = record.to_json()
    assert data["from"] == OLDER["from"] and data["analysis"] == OLDER["analysis"]
    assert "sender" not in data


def test_a_folder_written_earlier_still_resumes_and_renders(tmp_path: Path) -> None:
    store = ReplyStore(tmp_path)
    lines = [json.dumps(OLDER), "{not json", json.dumps({"no": "key"})]
    store.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert store.done_keys() == {OLDER["key"]}  # broken and keyless lines are skipped
    summary = write_csv_and_summarise(store)
    assert (summary.total, summary.invalid) == (1, 1)
    write_report(store, summary)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Ana &lt;b&gt;Ruiz&lt;/b&gt;" in page and "<b>Ruiz" not in page
    assert "No validation recorded." in page
