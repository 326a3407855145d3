"""``tactful serve`` in a real browser: headless Chromium from Debian, driven by Playwright.

What a person relies on: paste a note and get a valid reply; edit it and see the checks
follow as they type; copy it; open an export, mark cards, reload and find them marked; and
a hostile note shown as text that runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="pip install -e '.[dev]' (the serve extra)")
pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]'")

from tests.batch_export import ROWS, write_csv
from tests.browser import MARKS, launched
from tests.serve_helpers import Running, running

pytestmark = MARKS
NOTE = "Hi, I loved your talk on soil carbon at the Ag show. Would love to connect. - Pete"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("serve"), engine="offline") as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched()


def _page(browser: Any, app: Running, errors: list[str]) -> Any:
    # bypass_csp: Playwright's waits evaluate strings, which the page's CSP forbids; the
    # hostile-note test then shows the page renders text safely even without its CSP.
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], bypass_csp=True
    )
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app.url + "/")
    return page


def test_paste_write_edit_and_copy(browser: Any, app: Running) -> None:
    errors: list[str] = []
    page = _page(browser, app, errors)
    page.fill("#note", NOTE)
    page.click("#write")
    page.wait_for_function("document.querySelector('#verdict').textContent === 'valid'")
    reply = page.input_value("#reply")
    assert "Pete" in reply
    # Remove the openness: the checks say which part is missing, as tactful check would.
    openness = page.evaluate("document.querySelector('mark.part.openness').textContent")
    page.fill("#reply", reply.replace(openness, ""))
    page.wait_for_function("document.querySelector('#verdict').textContent === 'invalid'")
    failing = page.eval_on_selector_all("#checks li.fail", "els => els.map(e => e.textContent)")
    assert any("openness" in item for item in failing)  # says which part is missing
    page.fill("#reply", reply)  # put it back
    page.wait_for_function("document.querySelector('#verdict').textContent === 'valid'")
    assert page.locator("#checks li.fail").count() == 0
    page.click("#copy")
    page.wait_for_function("document.querySelector('#copy').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == reply
    assert errors == []


def test_a_hostile_note_is_shown_as_text_and_runs_nothing(browser: Any, app: Running) -> None:
    errors: list[str] = []
    page = _page(browser, app, errors)
    hostile = (
        "Hi <script>document.title='pwned'</script> <img src=x onerror=\"document.title="
        "'pwned'\"> see javascript:alert(1) - Eve"
    )
    page.fill("#note", hostile)
    page.click("#write")
    page.wait_for_function("document.querySelector('#write-status').textContent !== 'Writing...'")
    assert page.title() == "Tactful"
    assert page.locator("script").count() == 1 and page.locator("img").count() == 0
    assert "javascript:" not in page.input_value("#reply")
    assert errors == []


def test_a_backlog_remembers_marks_after_a_reload(
    browser: Any, app: Running, tmp_path: Path
) -> None:
    errors: list[str] = []
    page = _page(browser, app, errors)
    page.click("text=Backlog")
    export = write_csv(tmp_path / "Invitations.csv", ROWS)
    page.set_input_files("#export", str(export))
    page.click("#open")
    page.wait_for_function("document.querySelectorAll('article.card').length > 1")
    cards = page.locator("article.card")
    keys = [cards.nth(i).get_attribute("data-key") for i in range(2)]
    for i in range(2):
        cards.nth(i).locator("button[data-status=sent]").click()
    page.wait_for_function("document.querySelectorAll('article.card.sent').length === 2")
    page.reload()
    page.wait_for_function("document.querySelectorAll('article.card').length > 1")
    marked = page.eval_on_selector_all("article.card.sent", "els => els.map(e => e.dataset.key)")
    assert sorted(marked) == sorted(keys)
    assert errors == []
