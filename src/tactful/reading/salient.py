"""Salient spans: what a note talks about when no specific reference pattern names it.

``tactful.reading.cues`` knows the precise shapes ("your article on X", "at PyCon Lyon",
"Sarah Chen suggested ..."). Real notes often say it otherwise: a quoted title
('The Quiet Team', « Tech au féminin »), a complement ("a white paper on X",
"moved from QA into X"), the role a recruiter is hiring for, a capitalised name
("DevOpsDays Amsterdam"). This module finds those as ``other`` references, which
the engines echo as a plain topic, and only after every more specific reference.

Everything here reads the *safe* text (links, handles and injected sentences
already removed), and every span goes through ``sanitise_topic``; spans are
capped in length so the short reply (two sentences, 300 characters) still fits.
The cue words are data (``[salient]`` in ``data/<lang>/analysis.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tactful.compiled import regex
from tactful.reading.cues import cut_topic, sanitise_topic, topic_span, whole_phrase
from tactful.reading.lexicon import (
    Lexicon,
    lexicon,
    name_joint,
    not_names,
    phrase_alternation,
    titles,
)
from tactful.reading.note import Reference
from tactful.reading.note import ReferenceKind as Kind
from tactful.reading.note import ReferenceSource as Source
from tactful.text import fold_aligned

MAX_CHARS = 60
"""The longest topic echoed: the short reply must still fit in 300 characters around it."""

_QUOTED = regex(
    r"«\s*(?P<a>[^»\n]{2,80}?)\s*»"
    r"|“(?P<b>[^”\n]{2,80}?)”"
    r"|(?<![\w\"])\"(?P<c>[^\"\n]{2,80}?)\"(?![\w\"])"
    r"|(?<![\w'])'(?P<d>[A-Z0-9À-ÖØ-Þ](?:[^'\n]|'(?=\w)){1,79}?)'(?!\w)"
)
# A run of capitalised words, with the language's lower-case name joiners inside ("Women
# in Tech", "Festival de Cannes"); "at", "à", "on" join a name to its place or day
# ("Evensong at Wells on Sunday"), not one name's words.
_CAP_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'&.+-]*|[0-9]{2,4})"


@dataclass(frozen=True)
class _Cues:
    """One language's ``[salient]`` data, compiled once."""

    complement: re.Pattern[str]
    prefixes: dict[str, str]
    noun_complement: re.Pattern[str]
    role_opener: re.Pattern[str]
    role_stops: frozenset[str]
    role_skip: frozenset[str]
    role_template: str
    role_template_vowel: str
    not_topics: frozenset[str]
    reject_first: frozenset[str]
    place_words: frozenset[str]
    cap_run: re.Pattern[str]


def _cues(lex: Lexicon) -> _Cues:
    return _compiled(lex.lang)


@cache
def _compiled(lang: str) -> _Cues:
    data = lexicon(lang).raw.get("salient", {})
    prefixes = {fold_aligned(c["cue"]): c["prefix"] for c in data.get("complements", [])}

    def words(key: str) -> frozenset[str]:
        return frozenset(fold_aligned(w) for w in data.get(key, []))

    return _Cues(
        complement=regex(rf"(?P<cue>{phrase_alternation(prefixes)})[ ]?(?=\S)"),
        prefixes=prefixes,
        noun_complement=regex(
            rf"^[ ]?(?P<cue>{phrase_alternation(data.get('noun_complements', []))})[ ]?(?=\w)"
        ),
        role_opener=regex(rf"(?:{phrase_alternation(data.get('role_openers', []))})[ ]?"),
        role_stops=words("role_stops"),
        role_skip=words("role_skip"),
        role_template=data.get("role_template", "{role}"),
        role_template_vowel=data.get("role_template_vowel", data.get("role_template", "{role}")),
        not_topics=words("not_topics"),
        reject_first=words("reject_first"),
        place_words=words("place_words"),
        cap_run=_cap_run(lexicon(lang).raw["events"]["name_joiners"]),
    )


def _cap_run(joiners: list[str]) -> re.Pattern[str]:
    return regex(rf"{_CAP_WORD}(?:{name_joint(joiners)}[A-ZÀ-ÖØ-Þ0-9][\w'&.+-]*){{0,5}}")


def _cap(topic: str | None) -> str | None:
    """The topic if it fits ``MAX_CHARS``, else ``None``: a phrase cut short is a fragment
    ("la place des femmes dans les métiers"), and a reply echoes only whole phrases."""
    if not topic or len(topic) > MAX_CHARS:
        return None
    return topic


def worth_echoing(topic: str, lex: Lexicon) -> bool:
    """Whether a fallback topic is a phrase a reply can name as what the note was about."""
    return _worth_echoing(topic, lex, _cues(lex))


def _worth_echoing(topic: str, lex: Lexicon, cues: _Cues) -> bool:
    """A whole noun phrase, not a pronoun, a vague word or a lone ordinary word.

    A lone capitalised word is echoed only when it is a term of art ("DevOps", "RGPD",
    "S/4HANA"): otherwise it is as often a town ("Leeds"), a company or a person's name as
    a topic. A lone common word ("bootstrapping", "thermodynamique") stays.
    """
    folded = fold_aligned(topic)
    tokens = folded.split()
    if not tokens or folded in cues.not_topics or tokens[0] in cues.reject_first:
        return False
    if tokens[0][:1].isdigit() or tokens[0].strip(",.") in lex.date_words:
        return False  # "14th Feb", "80 people": a date or a head count, not a subject
    if folded in lex.countries:
        return False  # "South Africa": where, not what the note is about
    word = topic.strip()
    if len(tokens) == 1 and word[:1].isupper() and not _term_of_art(word):
        return False
    content = [t for t in tokens if t not in lex.stopwords and t not in cues.not_topics]
    return any(len(t) > 1 or t.isupper() for t in content)


def _term_of_art(word: str) -> bool:
    """ "DevOps", "S/4HANA", "C++", "Node.js": capitals inside a word, digits or signs.

    An acronym alone ("ITAT", "BAS", "SPL", "PICU") is not one: four blind rounds of readers
    flagged it as the note's subject every time, since it names a court, an exam, a unit or
    an employer as often as the topic, and a reply cannot tell which.
    """
    inner = word[1:]
    mixed = any(ch.isupper() for ch in inner) and any(ch.islower() for ch in word)
    return mixed or any(ch.isdigit() or ch in "/+#." for ch in word)


def complement_topic(text: str, lex: Lexicon, *, after_noun: bool = False) -> str | None:
    """The first complement in ``text`` worth echoing ("... on burnout in nursing")."""
    found = _complement(text, lex, after_noun=after_noun)
    return found[0] if found else None


def noun_complement(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """(topic, preposition as written) right after a content noun ("of X", "de X")."""
    return _complement(text, lex, after_noun=True)


def _complement(text: str, lex: Lexicon, *, after_noun: bool) -> tuple[str, str] | None:
    """``after_noun``: ``text`` follows a content noun, and only a complement right
    after it counts ("your walkthrough of X", "votre cours de thermodynamique").
    """
    cues = _cues(lex)
    folded = fold_aligned(text)
    if after_noun:
        match = cues.noun_complement.match(folded)
        matches = [match] if match else []
        prefixes: dict[str, str] = {}
    else:
        matches = list(cues.complement.finditer(folded))
        prefixes = cues.prefixes
    for match in matches:
        if match.start() > 0 and folded[match.start() - 1].isalnum():
            continue
        raw = whole_phrase(cut_topic(topic_span(text, match.end()), lex), lex)
        prefix = prefixes.get(" ".join(match.group("cue").split()), "")
        topic = _cap(sanitise_topic(prefix + raw, lex.lang, max_words=8) if raw else None)
        if topic and _worth_echoing(topic, lex, cues):
            return topic, text[match.start("cue") : match.end("cue")]
    return None


def _role(sentence: str, lex: Lexicon, cues: _Cues) -> str | None:
    folded = fold_aligned(sentence)
    match = cues.role_opener.search(folded)
    if match is None or (match.start() > 0 and folded[match.start() - 1].isalnum()):
        return None
    words: list[str] = []
    for word in sentence[match.end() :].split():
        if word.startswith(("(", "[")):
            break  # "a Site Carpenter (2nd fix, CSCS card)": the aside is not the title
        bare = word.strip(",.;:!?()")
        key = fold_aligned(bare)
        if not bare or key in cues.role_stops:
            break
        if not words and key in cues.role_skip:
            continue  # "a new Head of Data", "son futur CTO"
        words.append(bare)
        if bare != word:
            break
        if len(words) > 5:
            return None  # no natural end: "M&A de 4 à 6 ans ..." is a fragment, not a title
    role = _cap(sanitise_topic(" ".join(words), lex.lang, max_words=5, proper=True))
    # A job title may be an acronym ("son futur CTO"): after a role opener it is the role.
    if not role:
        return None
    acronym = role.isupper() and role.isalpha()
    if not (acronym or _worth_echoing(role, lex, cues)):
        return None
    vowel = fold_aligned(role[:1]) in "aeiouyh"
    return (cues.role_template_vowel if vowel else cues.role_template).replace("{role}", role)


def _quoted(sentence: str, lex: Lexicon) -> list[tuple[str, Kind]]:
    """Titles the note quotes ('The Quiet Team', « Tech au féminin », "Deep Work"), each
    with its kind: a title right after a group or an event noun names that group or event
    ("le même groupe « Physio Francophonie »"), a place to meet rather than the subject
    (round 18's readers flagged "votre mot sur Physio Francophonie")."""
    out: list[tuple[str, Kind]] = []
    for match in _QUOTED.finditer(sentence):
        inside = next(g for g in match.groups() if g is not None)
        topic = _cap(sanitise_topic(inside.strip(), lex.lang, max_words=8, proper=True))
        if topic and len(topic) >= 3 and topic == inside.strip():
            # A quote cut short by sanitising is not a title any more.
            before = fold_aligned(sentence[: match.start()]).split()
            noun = before[-1] if before else ""
            kind: Kind = (
                "group"
                if noun in lex.group_nouns
                else "event"
                if noun in lex.event_nouns
                else "other"
            )
            out.append((topic, kind))
    return out


def _names(
    sentence: str, lex: Lexicon, cues: _Cues, exclude: tuple[str | None, ...]
) -> list[tuple[str, Source]]:
    """Capitalised names inside a sentence ("DevOpsDays Amsterdam", "The Indie Maker Show").

    A capital that opens the sentence proves nothing, so such a run is skipped;
    so is any run holding a person's name the analysis already knows (the inviter,
    the recipient) or following a title ("Mr. Laurent"), and any name in a sentence
    shortly after the inviter introduces themselves ("I'm a nurse in Leeds", "je suis chez X").
    """
    folded = fold_aligned(sentence)
    people = {fold_aligned(p) for name in exclude if name for p in name.split()}
    if any(folded.strip(" ,").startswith(signoff) for signoff in lex.signoffs):
        return []  # "Regards, James Whitfield, Talent Partner"
    # Past the inviter's own name comes their signature and title, not a topic.
    tokens = [(m.start(), fold_aligned(m.group(0))) for m in re.finditer(r"[\w'-]+", sentence)]
    end = next((pos for pos, tok in tokens if tok in people), len(sentence))
    joiners = {fold_aligned(j) for j in lex.raw["events"]["name_joiners"]}
    out: list[tuple[str, Source]] = []
    for match in cues.cap_run.finditer(sentence):
        start = match.start()
        if start >= end:
            break
        before = sentence[:start].rstrip()
        if not before or before[-1] in ".!?:;\n" or (start and sentence[start - 1].isalnum()):
            continue
        prev = fold_aligned(before.split()[-1]).strip(".,")
        if prev in titles(lex.lang) or prev in cues.reject_first:
            continue  # "Mr. Laurent"; "our Discord", "notre Slack": the inviter's own
        if prev in cues.place_words or (prev in lex.articles and _after_place(before, cues)):
            continue  # "in Leeds", "à la Gare Maritime", "in the Pilbara": a place
        if lex.intro.search(folded[max(0, start - 50) : start]):
            continue  # "I'm a nurse in Leeds", "je suis ... chez Capgemini"
        words = match.group(0).rstrip(".'").split()
        if any("'" in w and w.rsplit("'", 1)[1].islower() for w in words):
            continue  # "I'll", "I'm": contractions, not names
        keys = [fold_aligned(w).strip(".,'") for w in words]
        if any(k in people for k in keys):
            continue
        while words and (keys[0] in not_names(lex.lang) or keys[0] in lex.stopwords):
            if keys[0] not in lex.stopwords and len(keys) > 2 and keys[1] in joiners:
                break  # "VP of Engineering", "Head of Data": a title, not a bare "Engineering"
            words, keys = words[1:], keys[1:]
        if not words or (len(words) == 1 and len(words[0]) < 3) or keys[0] in cues.not_topics:
            continue
        topic = _cap(sanitise_topic(" ".join(words), lex.lang, max_words=8, proper=True))
        if topic and _worth_echoing(topic, lex, cues):
            # Right after a content noun ("ton podcast Génération Do It Yourself", "your
            # newsletter Growth Loops Weekly") the name is the work's title, not a detail.
            out.append((topic, "quoted" if prev in lex.nouns else "name"))
    return out


def _after_place(before: str, cues: _Cues) -> bool:
    """``before`` ends with a place word and an article ("in the", "à la")."""
    words = fold_aligned(before).split()
    return len(words) > 1 and words[-2].strip(".,") in cues.place_words


def salient_references(
    safe: str,
    lex: Lexicon,
    *,
    exclude: tuple[str | None, ...] = (),
    names: bool = True,
) -> list[Reference]:
    """Fallback topics, best first: quoted titles, a recruiter's role, complements, names.

    ``safe`` is the note as ``strip_untrusted`` leaves it, one sentence per line.
    ``names=False`` leaves out capitalised names (the weakest evidence), for notes
    that already name a piece of content to thank for.
    """
    cues = _cues(lex)
    lines = [line for line in safe.split("\n") if line.strip()]
    found: list[tuple[str, str, Source]] = []
    places: list[Reference] = []
    for line in lines:
        for topic, kind in _quoted(line, lex):
            if kind == "other":
                found.append((topic, line, "quoted"))
            else:
                places.append(Reference(kind=kind, topic=topic, evidence=topic, source="quoted"))
    for line in lines:
        role = _role(line, lex, cues)
        if role:
            found.append((role, line, "role"))
    for line in lines:
        complement = complement_topic(line, lex)
        if complement:
            found.append((complement, line, "complement"))
    if names:
        for line in lines:
            found.extend(
                (topic, line, source) for topic, source in _names(line, lex, cues, exclude)
            )
    return places + [
        Reference(kind="other", topic=topic, evidence=line[:120], source=source)
        for topic, line, source in found
    ]
