"""Load and render the prompt files in ``prompts/`` into Chat Completions messages.

The words the model reads are files (system prompt, user and re-ask templates, the
language and style rules, few-shot examples), so they can be reviewed and changed
without touching code, and so that their version (a hash of the files) can be
reported with every result: an eval score means little without the prompt it scored.

The model gets a short brief (``brief``), not the reading itself: who greets whom,
what the note names when Tactful is sure, the advice for the openness, the user.
Templates use ``string.Template`` (``$name``); a missing variable raises
``PromptError`` instead of sending a half-filled prompt. The invitation is untrusted:
it is placed in the final user message only, between fence lines it cannot forge,
and the links, emails and phone numbers the analysis found in it are blanked first,
so the model never sees them and cannot repeat them.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, Literal, get_args

from tactful.profile import Profile
from tactful.reading.analysis import Reading, ReferenceKind
from tactful.resources import shipped_dir
from tactful.text import words

Mode = Literal["json_schema", "json_object", "plain"]
"""How the reply's shape is requested: strict schema, JSON mode, or instructions only."""

Message = dict[str, str]

REDACTED_SIGNALS = ("link", "email", "phone")
"""Signal kinds whose evidence is blanked from the invitation before the model sees it."""

REDACTION = "[removed]"


class PromptError(Exception):
    """A prompt file is missing or a template needs a value nobody gave (a bug, not user input)."""


def prompts_dir() -> Path:
    """The ``prompts/`` folder, in a checkout or inside the installed wheel."""
    return shipped_dir("prompts")


@cache
def read(name: str) -> str:
    """The text of one prompt file (``"system.md"``)."""
    path = prompts_dir() / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"prompt file {name!r} is missing from {prompts_dir()}") from None


@cache
def data(name: str) -> dict[str, Any]:
    """A TOML data file of the prompt set (``"languages.toml"``, ``"examples/en-long.toml"``)."""
    return tomllib.loads(read(name))


def render(name: str, **values: str) -> str:
    """Fill a template; a ``$variable`` without a value raises ``PromptError``."""
    try:
        return Template(read(name)).substitute(values).strip()
    except KeyError as exc:
        raise PromptError(f"prompt {name!r} needs a value for ${exc.args[0]}") from None
    except ValueError as exc:  # a stray "$" in the template
        raise PromptError(f"prompt {name!r} is malformed: {exc}") from None


@cache
def prompt_version() -> str:
    """A short hash of every prompt file (paths and bytes), stable across machines.

    Line endings are normalised so a checkout with CRLF conversion hashes the same.
    """
    root = prompts_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name.startswith(".") or "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def redact(analysis: Reading) -> Reading:
    """The analysis with links, emails and phone numbers blanked from the note and its spans."""
    secrets = sorted(
        {s.evidence for s in analysis.signals if s.kind in REDACTED_SIGNALS and s.evidence},
        key=len,
        reverse=True,
    )
    if not secrets:
        return analysis

    def blank(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, REDACTION)
        return text

    return analysis.model_copy(
        update={
            "text": blank(analysis.text),
            "references": [
                r.model_copy(
                    update={"evidence": blank(r.evidence), "topic": r.topic and blank(r.topic)}
                )
                for r in analysis.references
            ],
            "signals": [
                s.model_copy(update={"evidence": blank(s.evidence)}) for s in analysis.signals
            ],
        }
    )


def _fences(text: str) -> tuple[str, str]:
    """Fence lines derived from the note itself, so the note cannot hold its own closing fence."""
    tag = hashlib.sha256(text.encode()).hexdigest()[:10].upper()
    return f"<<<INVITATION {tag}>>>", f"<<<END OF INVITATION {tag}>>>"


def system_prompt(lang: str, register: str, style: str, mode: Mode) -> str:
    """The method, the language and register, the style's constraints and the output format."""
    languages = data("languages.toml")
    if lang not in languages:
        raise PromptError(f"prompts/languages.toml has no entry for language {lang!r}")
    language = languages[lang]
    output_rules = read("format.md").strip()
    if mode == "plain":
        output_rules += "\n" + read("format-plain.md").strip()
    return render(
        "system.md",
        language_name=language["name"],
        register_rule=language["register"][register],
        style_rules=data("styles.toml")[style]["rules"].strip(),
        output_rules=output_rules,
    )


MENTIONED_KINDS = frozenset(get_args(ReferenceKind)) - {"work", "other"}
"""References the brief passes on: named content, groups and events the note is sure of
(not "work" or "other", which the reading guesses at)."""


def brief(analysis: Reading, profile: Profile) -> str:
    """What the model needs from the reading of the note and the profile, one line each.

    Only what Tactful is sure of, in plain words explained once (``brief.toml``): who
    greets whom, the register, what the note names (never a seller's hook), the advice
    for the openness, and the user. Internal fields of the reading are never sent.
    """
    lines = data("brief.toml")

    def line(key: str, **values: str) -> str:
        return Template(lines[key]).substitute(values)

    out = [line("inviter", name=analysis.inviter) if analysis.inviter else line("no_inviter")]
    if analysis.recipient and analysis.recipient != analysis.inviter:
        out.append(line("recipient", name=analysis.recipient))
    if analysis.lang == "fr":
        out.append(line("register", register=analysis.register))
    if analysis.stock:
        out.append(line("stock"))
    elif analysis.purpose == "selling":
        out.append(line("selling"))
    else:
        mentioned = [
            phrase
            for r in analysis.references
            if r.kind in MENTIONED_KINDS and (phrase := _as_written(r.evidence, analysis.text))
        ]
        if mentioned:
            items = ", ".join(f"«{item}»" for item in dict.fromkeys(mentioned[:2]))
            out.append(line("mentions", items=items))
    if analysis.met:
        out.append(line("met"))
    if analysis.purpose in lines["purposes"]:
        out.append(line("purpose", purpose=lines["purposes"][analysis.purpose]))
    if analysis.action in lines["action"]:
        out.append(lines["action"][analysis.action])
    out.append(line("user", name=profile.name) if profile.name else line("no_user"))
    if profile.policy:
        out.append(line("policy", policy=profile.policy))
    if profile.channels:
        out.append(line("channels", channels="; ".join(profile.channels)))
    return "\n".join(f"- {item}" for item in out)


def _as_written(evidence: str, note: str) -> str | None:
    """The note's own words for a reference ("your article on remote onboarding").

    The reading keeps a reference as "your article … remote onboarding"; the words
    between come back from the note itself, or the reference is left out rather than
    sent half-written.
    """
    if "…" not in evidence:
        return evidence if evidence in note else None
    head, _, tail = evidence.partition(" … ")
    found = re.search(re.escape(head) + r"\s+(?:\S+\s+){0,3}?" + re.escape(tail), note)
    return found.group(0) if found else None


def user_prompt(analysis: Reading, profile: Profile, style: str) -> str:
    """The brief, and the (redacted) invitation between fences."""
    safe = redact(analysis)
    fence_open, fence_close = _fences(safe.text)
    return render(
        "user.md",
        style=style,
        brief=brief(safe, profile),
        fence_open=fence_open,
        invitation=safe.text,
        fence_close=fence_close,
    )


def max_tokens(style: str) -> int:
    """The completion limit for a style (``styles.toml``): room for the longest valid reply."""
    return int(data("styles.toml")[style]["max_tokens"])


def reask_prompt(findings: list[str], style: str) -> str:
    """The validator's findings on the previous draft, and the request to fix them."""
    lines = "\n".join(f"- {finding}" for finding in findings) or "- the draft could not be used"
    return render("reask.md", findings=lines, style=style)


def examples(lang: str, style: str) -> list[Message]:
    """Few-shot turns for this language and style (missing file: no examples)."""
    name = f"examples/{lang}-{style}.toml"
    if not (prompts_dir() / name).is_file():
        return []
    turns: list[Message] = []
    for example in data(name).get("example", []):
        analysis = Reading(text=example["invitation"], **example.get("analysis", {}))
        profile = Profile(**example.get("profile", {}))
        turns.append({"role": "user", "content": user_prompt(analysis, profile, style)})
        reply = json.dumps({"message": example["reply"]["message"]}, ensure_ascii=False)
        turns.append({"role": "assistant", "content": reply})
    return turns


@cache
def example_specifics(lang: str, style: str) -> tuple[str, ...]:
    """The particulars of the worked examples for this language and style.

    Their references' topics, their inviters' names and their profiles' channels: what
    belongs to the example's own invitation and sender, not to the method. A small model
    copies them into its draft ("thank you for your article on remote onboarding" to a
    note about a talk); the validator cannot see that, since it never reads the prompt.
    """
    name = f"examples/{lang}-{style}.toml"
    if not (prompts_dir() / name).is_file():
        return ()
    found: list[str] = []
    for example in data(name).get("example", []):
        facts = example.get("analysis", {})
        found += [ref.get("topic") or "" for ref in facts.get("references", [])]
        found += [facts.get("inviter") or "", example.get("profile", {}).get("name") or ""]
        found += list(example.get("profile", {}).get("channels", []))
    return tuple(phrase for phrase in found if phrase.strip())


def copied_from_examples(
    message: str, analysis: Reading, profile: Profile, style: str
) -> list[str]:
    """The example particulars a draft repeats although the note and profile lack them.

    Matched on folded words, by whole phrase or any three-word run of it (a model copies
    "the remote leaders meetup" without "in Montréal"); one-word phrases (a name) match
    as a word. A run counts only if it has a word of four letters or more that the note
    and the profile never use, so "meetup in Montréal" is no copy for a note about "the
    Montréal meetup".
    """
    own = set(words(" ".join([analysis.text, profile.name or "", *profile.channels])))
    draft = f" {' '.join(words(message))} "
    copied = []
    for phrase in example_specifics(analysis.lang, style):
        tokens = words(phrase)
        runs = [tokens] if len(tokens) < 3 else [tokens[i : i + 3] for i in range(len(tokens) - 2)]
        for run in runs:
            foreign = any(len(word) >= 4 and word not in own for word in run)
            if foreign and f" {' '.join(run)} " in draft:
                copied.append(phrase)
                break
    return copied


def build_messages(
    analysis: Reading,
    profile: Profile,
    style: str,
    *,
    mode: Mode = "json_schema",
    previous: str | None = None,
    findings: list[str] | None = None,
) -> list[Message]:
    """The full conversation for one request.

    With ``findings`` and the ``previous`` reply, the model's own draft is returned to it
    as its last turn, followed by the findings (instructor-style re-ask).
    """
    messages: list[Message] = [
        {"role": "system", "content": system_prompt(analysis.lang, analysis.register, style, mode)},
        *examples(analysis.lang, style),
        {"role": "user", "content": user_prompt(analysis, profile, style)},
    ]
    if findings is not None:
        if previous:
            messages.append({"role": "assistant", "content": previous})
        messages.append({"role": "user", "content": reask_prompt(findings, style)})
    return messages
