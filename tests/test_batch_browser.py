"""``report.html`` opened in a real browser: headless Chromium from Debian, driven by Playwright.

Checks what a person relies on when reviewing: the page opens with no error and
no outside request, one card per invitation grouped by action, and the copy
button puts the exact reply (newlines included) on the clipboard.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.batch_export import MEET, ROWS, incoming, write_zip
from tests.helpers import run_cli

pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]'")

from tests.browser import MARKS, launched

pytestmark = MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched()


HOSTILE = incoming(
    "Eve Mallory", "eve", "12/3/24", "Hi, <script>document.title='pwned'</script> - Eve"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A real batch run (offline engine) over an export with every action and a hostile note."""
    tmp = tmp_path_factory.mktemp("report")
    export = write_zip(tmp / "export.zip", [*ROWS, MEET, HOSTILE])
    result = run_cli("batch", str(export), "--out", str(tmp / "out"))
    assert result.code == 0, result.stderr
    lines = (tmp / "out" / "replies.jsonl").read_text(encoding="utf-8").splitlines()
    return tmp / "out" / "report.html", [json.loads(line) for line in lines]


def test_report_opens_with_one_card_per_invitation_grouped_by_action(
    browser: Any, report: tuple[Path, list[dict[str, Any]]]
) -> None:
    page_path, records = report
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    page.goto(page_path.as_uri())
    assert page.title() == f"Tactful: {len(records)} replies to review"
    assert page.locator("article.card").count() == len(records)
    groups = page.eval_on_selector_all(
        "section.group",
        "els => els.map(s => [s.dataset.action, s.querySelectorAll('article.card').length])",
    )
    expected = Counter(r["triage"]["action"] for r in records)
    assert groups == [[a, expected[a]] for a in ("meet", "ask", "decline")]
    assert all(expected[a] for a in ("meet", "ask", "decline"))
    # Every card sits in the group of its own action.
    misplaced = page.eval_on_selector_all(
        "article.card",
        "els => els.filter(c => c.dataset.action !== c.parentElement.dataset.action).length",
    )
    assert misplaced == 0
    # The hostile note is shown as text and never ran.
    assert page.title() != "pwned"
    eve = page.locator("article.card", has_text="Eve Mallory")
    assert "<script>document.title" in eve.locator(".note").inner_text()
    assert errors == [] and outside == []
    context.close()


def test_copy_button_puts_the_reply_on_the_clipboard(
    browser: Any, report: tuple[Path, list[dict[str, Any]]]
) -> None:
    page_path, records = report
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(page_path.as_uri())
    card = page.locator("article.card", has_text="Jean-François Tremblay")
    button = card.locator("button.copy")
    button.click()
    page.wait_for_function("document.querySelector('button.copied') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = next(r["message"] for r in records if r["from"] == "Jean-François Tremblay")
    assert copied == expected and "\n\n" in copied
    assert button.inner_text() == "Copied"
    # The three parts are highlighted in the reply.
    marks = card.locator("mark.part").evaluate_all("els => els.map(e => e.className)")
    assert marks == ["part appreciation", "part rationale", "part openness"]
    context.close()


def test_copy_falls_back_when_the_clipboard_api_is_missing(
    browser: Any, report: tuple[Path, list[dict[str, Any]]]
) -> None:
    page_path, records = report
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    # An older or locked-down browser: no asynchronous clipboard for the page's script.
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(page_path.as_uri())
    page.locator("article.card button.copy").first.click()
    page.wait_for_function("document.querySelector('button.copied') !== null")
    reader = context.new_page()  # a page whose clipboard API is intact reads it back
    reader.goto(page_path.as_uri())
    first_card_action = page.locator("article.card").first.get_attribute("data-action")
    first = next(r for r in records if r["triage"]["action"] == first_card_action)
    assert reader.evaluate("navigator.clipboard.readText()") == first["message"]
    context.close()
