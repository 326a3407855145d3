"""``report.html``: self-contained pages to review every reply before sending it by hand.

The pages come from Jinja2 templates in ``tactful/templates`` with autoescape on: the
notes are from strangers, and a library that escapes every value by default is safer than
remembering to escape each one. The CSS and JavaScript are package files inlined into each
page, which still loads nothing (a Content-Security-Policy forbids it), so it opens
offline and leaks nothing. Cards are grouped by the triage's action (meet, ask, decline),
each with the note beside the reply, the three parts highlighted, the validator's verdict
and a copy button.

A backlog of tens of thousands of invitations would make one page too heavy for a browser
(50,000 cards made a 106 MB file): past ``PAGE_SIZE`` cards the report continues in
``report-2.html``, ``report-3.html`` ..., each page linking to the others. The pages are
streamed from ``replies.jsonl`` (one pass per group), so the export never has to fit in
memory.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from markupsafe import Markup, escape

from tactful.batch.store import HTML, Record, ReplyStore, replacing
from tactful.batch.tables import Summary
from tactful.pages import generate as generate_page

ACTIONS = ("meet", "ask", "decline")
"""Groups in the order a person should review them: the few worth a meeting first."""

PAGE_SIZE = 1000
"""Cards per page: a page of this size opens at once; more continue on the next page."""

_ACTION_TITLES = {
    "meet": "Meet: a real, current need; propose a meeting or group exchange first",
    "ask": "Ask: too little context; ask what brings them",
    "decline": "Decline: the plain three-part reply",
}
PARTS = ("appreciation", "rationale", "openness")
_PROFILE = re.compile(r"^https://([a-z0-9-]+\.)*linkedin\.com/", re.IGNORECASE)


def page_name(number: int) -> str:
    """``report.html`` for the first page, ``report-<n>.html`` for the next ones."""
    return HTML if number == 1 else HTML.replace(".html", f"-{number}.html")


def write_report(store: ReplyStore, summary: Summary) -> None:
    """Rewrite the report pages from every record in the store, and drop stale pages."""
    per_action: Counter[str] = Counter()
    for (_, action), count in summary.by_kind_action.items():
        per_action[action] += count
    groups = [a for a in ACTIONS if per_action[a]]
    groups += sorted(a for a in per_action if a not in ACTIONS)
    total = sum(per_action.values())
    count = max(1, -(-total // PAGE_SIZE))
    pages = [{"number": n, "file": page_name(n)} for n in range(1, count + 1)]
    first_page = {}
    position = 0
    for action in groups:
        first_page[action] = position // PAGE_SIZE + 1
        position += per_action[action]
    nav = [
        {
            "action": action,
            "count": per_action[action],
            "href": f"{page_name(first_page[action])}#group-{action}",
        }
        for action in groups
    ]
    cards = _numbered_cards(store, groups)
    common = {
        "total": summary.total,
        "invalid": summary.invalid,
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nav": nav,
        "pages": pages,
    }
    for page in pages:
        chunk = itertools.islice(cards, PAGE_SIZE)
        # Lazy on purpose: each group's cards are drawn from the shared stream while the
        # template renders that group, before ``groupby`` moves on to the next one.
        page_groups = (
            {
                "action": action,
                "title": _ACTION_TITLES.get(action, action),
                "count": per_action[action],
                "first": first_page[action],
                "cards": (view for _, view in items),
            }
            for action, items in itertools.groupby(chunk, key=lambda pair: pair[0])
        )
        with replacing(store.out / str(page["file"])) as out:
            out.writelines(
                generate_page(
                    "report.html", "report.js", page=page["number"], groups=page_groups, **common
                )
            )
    for stale in store.out.glob(HTML.replace(".html", "-*.html")):
        suffix = stale.stem.rsplit("-", 1)[-1]
        if suffix.isdigit() and int(suffix) > count:
            stale.unlink()


def _numbered_cards(store: ReplyStore, groups: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(action, card view) for every record, group after group, numbered from 1."""
    number = 0
    for action in groups:
        for record in store.records():
            if record.triage.action == action:
                number += 1
                yield action, card_view(record, number)


def _e(value: object) -> str:
    return str(escape("" if value is None else str(value)))


def highlight(message: str, parts: dict[str, Any]) -> tuple[str, list[str]]:
    """The message as HTML with each part it contains marked; also the parts not found.

    Parts are looked up verbatim, then without end punctuation and case-insensitively
    (the short style joins parts into two sentences). Text between parts stays plain.
    """
    lowered = message.lower() if len(message.lower()) == len(message) else None
    spans: list[tuple[int, int, str]] = []
    missing: list[str] = []
    for name in PARTS:
        part = str(parts.get(name) or "").strip()
        span = _locate(message, lowered, part, spans) if part else None
        if span is None:
            missing.append(name)
        else:
            spans.append((span[0], span[1], name))
    spans.sort()
    html, position = [], 0
    for start, end, name in spans:
        html.append(_e(message[position:start]))
        html.append(f'<mark class="part {name}" title="{name}">{_e(message[start:end])}</mark>')
        position = end
    html.append(_e(message[position:]))
    return Markup("".join(html)), missing


def _locate(
    message: str, lowered: str | None, part: str, taken: list[tuple[int, int, str]]
) -> tuple[int, int] | None:
    for candidate in dict.fromkeys((part, part.rstrip(".!?…").strip())):
        if not candidate:
            continue
        for haystack, needle in ((message, candidate), (lowered, candidate.lower())):
            if haystack is None:
                continue
            start = haystack.find(needle)
            while start >= 0:
                end = start + len(needle)
                if all(end <= s or start >= e for s, e, _ in taken):
                    return start, end
                start = haystack.find(needle, start + 1)
    return None


def card_view(record: Record, number: int) -> dict[str, Any]:
    """What one invitation's card shows, as plain values (the template escapes them)."""
    parts = {name: value for name, value in record.parts.items() if value}
    reply_html, missing = highlight(record.message, parts)
    url = record.profile_url or ""
    checks = record.validation.checks if record.validation is not None else None
    failed = [
        {
            "name": name,
            "message": check.message,
            "level": "warn" if check.severity == "warning" else "fail",
        }
        for name, check in (checks or {}).items()
        if not check.passed
    ]
    return {
        "number": number,
        "key": record.key,
        "name": record.sender or "(no name)",
        "meta": [v for v in (record.sent_at, record.lang, record.style, record.engine) if v],
        "kind": record.triage.kind,
        "action": record.triage.action,
        "valid": record.valid,
        "fallback": record.fallback,
        "profile_url": url if _PROFILE.match(url) else None,
        "note": record.note,
        "reason": record.triage.reason,
        "message": record.message,
        "reply_html": reply_html,
        "legend": [
            {"name": p, "missing_text": parts.get(p) if p in missing else None} for p in PARTS
        ],
        "checks": len(checks) if checks is not None else None,
        "failed": failed,
    }
