"""Headless Chromium from Debian, driven by Playwright, for the browser suites.

Import this module only after ``pytest.importorskip("playwright.sync_api")``. A developer
without Chromium skips (``MARKS``); CI, which installs it in ``.ci/run``, must never skip
silently, so there a missing browser fails the module at import.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright import sync_api

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI must run the browser test: .ci/run installs Debian's chromium", pytrace=False)
MARKS = [
    pytest.mark.slow,  # a real browser
    pytest.mark.skipif(
        CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)"
    ),
]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launched() -> Iterator[Any]:
    """One Chromium for a module (use as a module-scoped fixture's body)."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
