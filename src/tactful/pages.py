"""The HTML pages Tactful writes or serves: one Jinja2 environment over ``templates/``.

``report.html`` (``batch``) and the ``tactful serve`` page extend ``_layout.html``, which
inlines the shared CSS and copy script; this module is the one place that loads them, with
autoescape on (notes come from strangers). Package files passed in as ``Markup`` (the CSS
and scripts) are trusted; every other value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("tactful", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def asset(name: str) -> Markup:
    """A CSS or JS file of the package, trusted as is (it is ours, not the note's)."""
    return Markup(resources.files("tactful").joinpath("templates", name).read_text("utf-8"))


def generate(template: str, script: str, **context: Any) -> Iterator[str]:
    """Stream a page: the template with the shared CSS and copy script and its own ``script``."""
    shared = {"css": asset("report.css"), "copy_js": asset("copy.js"), "js": asset(script)}
    return environment().get_template(template).generate(**shared, **context)


def render(template: str, script: str, **context: Any) -> str:
    """A whole page at once (the serve page, which is small)."""
    return "".join(generate(template, script, **context))
