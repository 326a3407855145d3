"""The README's Python API: ``tactful.validate`` and ``tactful.rewrite`` stay functions."""

from __future__ import annotations

import importlib

import tactful


def test_validate_stays_a_function_after_its_package_is_imported() -> None:
    importlib.import_module("tactful.validation.report")
    importlib.import_module("tactful.validation.lexicon")
    assert callable(tactful.validate)
    report = tactful.validate(
        "Hi Lee, thanks for your note about my talk. I keep LinkedIn for people I have met "
        "in person, so I'll pass for now, but I'd be glad to meet at the next meetup.",
        lang="en",
    )
    assert report.valid


def test_rewrite_is_the_pipeline_function() -> None:
    result = tactful.rewrite("Hi, I enjoyed your talk on testing legacy code. - Lee", style="short")
    assert result.validation.valid
    assert "Lee" in result.message
