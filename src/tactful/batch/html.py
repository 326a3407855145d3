"""``report.html``: one self-contained page to review every reply before sending it by hand.

The page has no external asset (inline CSS and JavaScript, a Content-Security-Policy
that forbids loading anything), so it opens offline and leaks nothing. Every value
is HTML-escaped: the notes come from strangers and are untrusted. Cards are grouped
by the triage's action (meet, ask, decline), each with the note beside the reply,
the three parts highlighted, the validator's verdict and a copy button.

The page is streamed from ``replies.jsonl``, one pass per group, so a large
export never has to fit in memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from html import escape
from typing import IO, Any

from tactful.batch.store import HTML, Record, ReplyStore, replacing
from tactful.batch.tables import Summary, is_valid, triage_of

ACTIONS = ("meet", "ask", "decline")
"""Groups in the order a person should review them: the few worth a meeting first."""

_ACTION_TITLES = {
    "meet": "Meet: a real, current need; propose a meeting or group exchange first",
    "ask": "Ask: too little context; ask what brings them",
    "decline": "Decline: the plain three-part reply",
}
PARTS = ("appreciation", "rationale", "openness")
_PROFILE = re.compile(r"^https://([a-z0-9-]+\.)*linkedin\.com/", re.IGNORECASE)


def write_report(store: ReplyStore, summary: Summary) -> None:
    """Rewrite ``report.html`` from every record in the store."""
    per_action: Counter[str] = Counter()
    for (_, action), count in summary.by_kind_action.items():
        per_action[action] += count
    groups = [a for a in ACTIONS if per_action[a]]
    groups += sorted(a for a in per_action if a not in ACTIONS)
    with replacing(store.out / HTML) as out:
        _head(out, summary, per_action, groups)
        number = 0
        for action in groups:
            title = _ACTION_TITLES.get(action, action)
            out.write(
                f'<section class="group" id="group-{_e(action)}" data-action="{_e(action)}">'
                f"<h2>{_e(title)} <span class=count>({per_action[action]})</span></h2>\n"
            )
            for record in _records_for(store, action):
                number += 1
                out.write(card(record, number))
            out.write("</section>\n")
        out.write(_TAIL)


def _records_for(store: ReplyStore, action: str) -> Iterator[Record]:
    for record in store.records():
        if str(triage_of(record).get("action", "?")) == action:
            yield record


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


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
    return "".join(html), missing


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


def card(record: Record, number: int) -> str:
    """One invitation's card (every value escaped)."""
    triage = triage_of(record)
    action = str(triage.get("action", "?"))
    message = str(record.get("message") or "")
    note = str(record.get("note") or "")
    parts = record.get("parts") if isinstance(record.get("parts"), dict) else {}
    reply_html, missing = highlight(message, parts or {})
    valid = is_valid(record)
    url = str(record.get("profile_url") or "")
    link = (
        f'<a class="profile" href="{_e(url)}" target="_blank" rel="noopener noreferrer">'
        "Open profile</a>"
        if _PROFILE.match(url)
        else ""
    )
    name = record.get("from") or "(no name)"
    meta = " · ".join(
        _e(v)
        for v in (
            record.get("sent_at"),
            record.get("lang"),
            record.get("style"),
            record.get("engine"),
        )
        if v
    )
    badges = [
        f'<span class="badge kind">{_e(triage.get("kind", "?"))}</span>',
        f'<span class="badge action {_e(action)}">{_e(action)}</span>',
        '<span class="badge verdict ok">valid</span>'
        if valid
        else '<span class="badge verdict bad">invalid</span>',
    ]
    if record.get("fallback") is True:
        badges.append('<span class="badge fallback">offline fallback</span>')
    note_html = (
        f'<p class="text">{_e(note)}</p>' if note.strip() else '<p class="text empty">No note.</p>'
    )
    reason = triage.get("reason")
    reason_html = f'<p class="reason">Triage: {_e(reason)}</p>' if reason else ""
    legend = "".join(
        f'<li><span class="part {p}">{p}</span>'
        + (f" <q>{_e((parts or {}).get(p))}</q>" if p in missing and (parts or {}).get(p) else "")
        + "</li>"
        for p in PARTS
    )
    return (
        f'<article class="card{"" if valid else " invalid"}" id="reply-{number}" '
        f'data-action="{_e(action)}" data-key="{_e(record.get("key"))}">\n'
        f'<header><h3>{_e(name)}</h3><span class="meta">{meta}</span>{"".join(badges)}{link}'
        '<label class="done"><input type="checkbox"> done</label></header>\n'
        '<div class="cols">'
        f'<section class="note"><h4>Their note</h4>{note_html}{reason_html}</section>'
        '<section class="reply"><h4>Reply</h4>'
        f'<p class="text reply-text">{reply_html}</p>'
        f'<ul class="legend">{legend}</ul>'
        f"{_verdict(record)}"
        f'<button type="button" class="copy" data-reply="{_e(message)}">Copy reply</button>'
        "</section></div>\n</article>\n"
    )


def _verdict(record: Record) -> str:
    """The validator's failed checks and warnings, or one line saying it passed."""
    validation = record.get("validation")
    checks = validation.get("checks") if isinstance(validation, dict) else None
    if not isinstance(checks, dict):
        return '<p class="checks">No validation recorded.</p>'
    items = []
    for check_name, check in checks.items():
        if not isinstance(check, dict) or check.get("passed") is True:
            continue
        level = "warn" if check.get("severity") == "warning" else "fail"
        items.append(
            f'<li class="{level}"><b>{_e(check_name)}</b>: {_e(check.get("message"))}</li>'
        )
    if not items:
        return f'<p class="checks ok">Validator: all {len(checks)} checks passed.</p>'
    return f'<ul class="checks">{"".join(items)}</ul>'


def _head(out: IO[str], summary: Summary, per_action: Counter[str], groups: list[str]) -> None:
    nav = " ".join(f'<a href="#group-{_e(a)}">{_e(a)} ({per_action[a]})</a>' for a in groups)
    invalid = f", {summary.invalid} invalid" if summary.invalid else ""
    out.write(
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>\n"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Tactful: {summary.total} replies to review</title>\n"
        f"<style>{_CSS}</style></head><body>\n"
        f"<header class=top><h1>{summary.total} replies to review{invalid}</h1>"
        f"<p>Generated by Tactful on {_e(datetime.now().strftime('%Y-%m-%d %H:%M'))}. "
        "Tactful never sends anything: open the profile on LinkedIn, paste the reply, "
        "then decline the invitation yourself.</p>"
        f"<nav>{nav}</nav></header>\n<main>\n"
    )


_CSS = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;
--appreciation:#d9f2e3;--rationale:#dde8fb;--openness:#fdeccb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--bg)}
header.top{padding:20px 28px;background:#fff;border-bottom:1px solid var(--line)}
header.top h1{margin:0 0 4px;font-size:22px}
header.top p{margin:0 0 8px;color:var(--muted)}
nav a{margin-right:12px;color:#2451a6;text-decoration:none;font-weight:600}
main{padding:8px 28px 40px;max-width:1200px}
h2{font-size:17px;margin:26px 0 10px}
h2 .count{color:var(--muted);font-weight:400}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 14px;
padding:14px 16px}
.card.invalid{border-color:#e2a3a3}
.card.is-done{opacity:.45}
.card header{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-bottom:8px}
.card h3{margin:0;font-size:16px}
.meta{color:var(--muted);font-size:13px}
.badge{font-size:12px;padding:1px 8px;border-radius:999px;background:#eef1f5;color:#3a4252}
.badge.action.meet{background:#d4f1dc;color:#14532d}
.badge.action.ask{background:#fdf0c9;color:#6b4a00}
.badge.action.decline{background:#e6e9ef}
.badge.verdict.ok{background:#d4f1dc;color:#14532d}
.badge.verdict.bad{background:#fadada;color:#8a1c1c}
.badge.fallback{background:#efe3fb;color:#4b2a77}
.profile{font-size:13px;color:#2451a6}
label.done{margin-left:auto;font-size:13px;color:var(--muted)}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.4fr);gap:18px}
@media (max-width:760px){.cols{grid-template-columns:1fr}}
h4{margin:0 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.text{white-space:pre-wrap;margin:0 0 8px}
.note .text{color:#39414f;background:#f7f8fa;border-left:3px solid var(--line);padding:6px 10px}
.text.empty{font-style:italic;color:var(--muted)}
.reason{font-size:13px;color:var(--muted);margin:0}
mark.part{color:inherit;border-radius:3px;padding:0 1px}
.part.appreciation{background:var(--appreciation)}
.part.rationale{background:var(--rationale)}
.part.openness{background:var(--openness)}
ul.legend{list-style:none;padding:0;margin:0 0 6px;display:flex;flex-wrap:wrap;gap:6px;
font-size:12px}
ul.legend span.part{padding:0 6px;border-radius:3px}
ul.legend q{color:var(--muted)}
.checks{font-size:13px;margin:0 0 8px;padding-left:18px}
p.checks{padding-left:0;color:#14532d}
.checks li.fail{color:#8a1c1c}
.checks li.warn{color:#6b4a00}
button.copy{font:inherit;font-size:14px;padding:5px 14px;border-radius:6px;border:1px solid #2451a6;
background:#2451a6;color:#fff;cursor:pointer}
button.copy.copied{background:#14532d;border-color:#14532d}
"""

_TAIL = """</main>
<script>
"use strict";
function copyByHand(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  area.remove();
  if (!ok) { throw new Error("copy refused"); }
}
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(() => copyByHand(text));
  }
  return new Promise((resolve) => { copyByHand(text); resolve(); });
}
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) { return; }
  copyText(button.dataset.reply).then(() => {
    button.textContent = "Copied";
    button.classList.add("copied");
    setTimeout(() => {
      button.textContent = "Copy reply";
      button.classList.remove("copied");
    }, 1600);
  }, () => {
    button.textContent = "Copy failed: select the reply";
  });
});
function doneKey(card) { return "tactful-done:" + card.dataset.key; }
for (const box of document.querySelectorAll("label.done input")) {
  const card = box.closest(".card");
  try { box.checked = localStorage.getItem(doneKey(card)) === "1"; } catch (e) { /* no storage */ }
  card.classList.toggle("is-done", box.checked);
  box.addEventListener("change", () => {
    card.classList.toggle("is-done", box.checked);
    try { localStorage.setItem(doneKey(card), box.checked ? "1" : "0"); } catch (e) { /* ok */ }
  });
}
</script>
</body></html>
"""
