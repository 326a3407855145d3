"""Screenshots of ``tactful serve``'s three views, for the README (docs/serve-*.png).

Starts the app on a free loopback port with the offline engine and a sample export, then
drives Debian's Chromium with Playwright:  python docs/make_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.batch_export import ROWS, write_csv  # noqa: E402
from tests.serve_helpers import running  # noqa: E402

NOTE = (
    "Hi Sam, I really enjoyed your talk on soil carbon at the Ag-Quip field days. "
    "We're trialling cover crops on our farm near Gunnedah. Would love to connect! - Pete"
)


def main() -> None:
    out = ROOT / "docs"
    with tempfile.TemporaryDirectory() as folder, running(Path(folder), engine="offline") as app:
        export = write_csv(Path(folder) / "Invitations.csv", ROWS)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 900}, bypass_csp=True)
            page.goto(app.url + "/")
            page.fill("#note", NOTE)
            page.click("#write")
            page.wait_for_function("document.querySelector('#verdict').textContent === 'valid'")
            page.screenshot(path=str(out / "serve-one.png"), full_page=True)
            page.click("text=Backlog")
            page.set_input_files("#export", str(export))
            page.click("#open")
            page.wait_for_function("document.querySelectorAll('article.card').length > 1")
            page.locator("article.card").nth(0).locator("button[data-status=sent]").click()
            page.screenshot(path=str(out / "serve-backlog.png"), full_page=True)
            page.click("text=Profile")
            page.wait_for_function("document.querySelector('#profile-path').textContent !== ''")
            page.screenshot(path=str(out / "serve-profile.png"), full_page=True)
            browser.close()
    print("wrote docs/serve-one.png, docs/serve-backlog.png, docs/serve-profile.png")


if __name__ == "__main__":
    main()
