"""``replies.csv`` for spreadsheets and the summary table printed at the end of a run.

Both come from one streaming pass over ``replies.jsonl``, so they describe every
reply in the folder, including those written by earlier, resumed runs.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field

from tactful.batch.store import CSV, ReplyStore, replacing

CSV_COLUMNS = ("from", "sent_at", "profile_url", "kind", "action", "reason", "reply", "valid")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Summary:
    """Counts over every reply in the output folder."""

    total: int = 0
    by_kind_action: Counter[tuple[str, str]] = field(default_factory=Counter)
    invalid: int = 0
    fallbacks: int = 0


def _cell(value: object) -> str:
    """A spreadsheet cell; text that a spreadsheet would run as a formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def write_csv_and_summarise(store: ReplyStore) -> Summary:
    """Rewrite ``replies.csv`` from the store and count kinds, actions and verdicts."""
    summary = Summary()
    # utf-8-sig: spreadsheet programs then read the accents right.
    with replacing(store.out / CSV) as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for record in store.records():
            kind, action = record.triage.kind, record.triage.action
            summary.total += 1
            summary.by_kind_action[(kind, action)] += 1
            summary.invalid += not record.valid
            summary.fallbacks += record.fallback
            row = (
                record.sender,
                record.sent_at,
                record.profile_url,
                kind,
                action,
                record.triage.reason,
                record.message,
                "yes" if record.valid else "no",
            )
            writer.writerow([_cell(v) for v in row])
    return summary


def format_summary(summary: Summary) -> str:
    """A plain-text table: one line per kind and action, then the totals."""
    rows = sorted(summary.by_kind_action.items(), key=lambda item: (-item[1], item[0]))
    kind_width = max([len("kind"), *(len(k) for (k, _), _ in rows)])
    action_width = max([len("action"), *(len(a) for (_, a), _ in rows)])
    lines = [f"{'kind':<{kind_width}}  {'action':<{action_width}}  {'replies':>7}"]
    lines += [f"{k:<{kind_width}}  {a:<{action_width}}  {n:>7}" for (k, a), n in rows]
    lines.append(f"{'total':<{kind_width}}  {'':<{action_width}}  {summary.total:>7}")
    lines.append(f"invalid drafts: {summary.invalid}")
    lines.append(f"fallbacks to the offline engine: {summary.fallbacks}")
    return "\n".join(lines)
