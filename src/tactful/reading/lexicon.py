"""The reading's lexicons: one loader and one convention for every cue a note is read with.

Cues are data (``data/<lang>/analysis.toml``, ``triage.toml``, ``language.toml``):
lists of plain phrases, matched as whole words on the folded note (``text.fold``:
lower case, no accents, every character at its index), so a cue found in the
folded text slices the original spelling back out. This module compiles them once
per process; ``cues``, ``kinds`` and the other reading modules only know the shapes
of what they look for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from tactful.compiled import regex
from tactful.errors import ConfigError
from tactful.resources import languages, load_toml
from tactful.text import fold

TOPIC_SPAN = 300
"""How much of a note a topic is read from, after its cue: a LinkedIn note is 300 characters.

Reading the whole rest of a long note after each cue was quadratic: "sûr sûr sûr ..." to
20,000 characters kept rewrite busy for a minute. The span ends at a word's end.
"""
NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_]))*"
# A name word of at most 64 letters, for patterns that may start inside a hyphenated word
# (after a hyphen): unbounded, each hyphen of "a-a-a-...-a" re-read the rest (quadratic).
SHORT_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_])){0,63}"
# The first name word of a pattern searched anywhere: never inside a word, and read whole
# (atomic: a shorter prefix is never followed by a space or a comma). Right after a
# hyphen or an apostrophe inside a word ("-a" of "a-a-a"), the word was already read from
# its start unless an earlier match ended there: only a short one can start there, or a
# 20,000-letter word is re-read from each of its letters (quadratic: 26 s for one pass).
FIRST_NAME_WORD = rf"(?<![^\W\d_])(?:(?<![^\W\d_]['-])(?>{NAME_WORD})|(?>{SHORT_NAME_WORD}))"
CAP_WORD = r"(?:[A-ZÀ-ÖØ-Þ](?:[\w&'-]|\.(?=\w))*|\d{2,4})"


def name_joint(joiners: Iterable[str]) -> str:
    """What may join two capitalised words of one name: a space, a joiner word ("Women in
    Tech"), or an elided one glued to the next word ("Salon de l'Agriculture", "Festival
    d'Avignon")."""
    spaced = "|".join(re.escape(j) for j in joiners if not j.endswith("'"))
    elided = "|".join(re.escape(j) for j in joiners if j.endswith("'"))
    glued = f"(?:{elided})" if elided else "(?!x)x"
    return rf"[ ](?:(?:{spaced})[ ])?(?:{glued})?"


def language_data(lang: str, name: str) -> dict[str, Any]:
    """``data/<lang>/<name>.toml``: every reading lexicon is loaded here.

    A language without the file is a ``ConfigError`` that names the languages there are.
    """
    try:
        return load_toml(f"{lang}/{name}.toml")
    except FileNotFoundError:
        choices = " or ".join(languages())
        raise ConfigError(f"no {name} data for language {lang!r}; use --lang {choices}") from None


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first, with word boundaries.

    The order is total (length, then the phrase): the same phrases make the same
    pattern in every process, so its compiled code is found in the cache (``compiled``).

    Phrases are grouped by the boundaries they need so that each group carries
    its look-arounds once: compiling hundreds of cues stays cheap (the CLI pays
    for it on every run). Spaces are literal because matched text is normalised.
    """
    items = sorted({fold(p) for p in phrases if p.strip()}, key=lambda item: (-len(item), item))
    groups: dict[tuple[bool, bool], list[str]] = {}
    for item in items:
        key = (item[0].isalnum(), item[-1].isalnum())
        groups.setdefault(key, []).append(re.escape(item).replace("\\ ", " "))
    parts = []
    for (head, tail), bodies in groups.items():
        body = "|".join(bodies)
        before = r"(?<!\w)" if head else ""
        after = r"(?!\w)" if tail else ""
        parts.append(f"{before}(?:{body}){after}")
    return "|".join(parts) or r"(?!x)x"


def phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """Plain phrases (the common case): folded, escaped, matched as whole words."""
    return regex(f"(?:{phrase_alternation(phrases)})")


def pattern_re(patterns: Iterable[str], phrases: Iterable[str] = ()) -> re.Pattern[str]:
    """Regular expressions over the folded note, and plain ``phrases``, as whole words.

    The one convention for cues that need more than a phrase (``collaborat\\w*``,
    ``(?:your|my) network``): written folded, never starting or ending inside a word.
    """
    body = "|".join(f"(?:{p})" for p in patterns)
    whole = f"(?<!\\w)(?:{body})(?!\\w)" if body else ""
    listed = phrase_alternation(phrases) if any(p.strip() for p in phrases) else ""
    return regex("|".join(part for part in (whole, listed) if part) or r"(?!x)x")


@dataclass(frozen=True)
class Noun:
    """A content noun: its forms, what it refers to, and (French) its gender."""

    singular: str
    plural: str
    kind: str
    gender: str


@dataclass(frozen=True)
class Lexicon:
    """One language's cues, compiled once per process."""

    lang: str
    raw: dict[str, Any]
    greeting: re.Pattern[str]
    greeting_filler: re.Pattern[str]
    greeting_title: re.Pattern[str]
    signoffs: tuple[str, ...]
    signoff_words: re.Pattern[str]
    roles: tuple[tuple[str, re.Pattern[str]], ...]
    requests: re.Pattern[str]
    meetings: tuple[tuple[str, re.Pattern[str]], ...]
    intro: re.Pattern[str]
    intro_suffix: re.Pattern[str]
    stock: re.Pattern[str]
    nouns: dict[str, Noun]
    possessive_ref: re.Pattern[str]
    you_ref: re.Pattern[str]
    preposition: re.Pattern[str]
    prefixes: dict[str, str]
    topic_stops: frozenset[str]
    linking_verbs: frozenset[str]
    """Verbs "like" completes ("sound like"): a topic cut there would say the opposite."""
    place_heads: frozenset[str]
    """Nouns a place phrase completes ("la région de Sfax"): no topic cut after them."""
    interest: re.Pattern[str]
    event_verbs: re.Pattern[str]
    event_nouns: frozenset[str]
    unnamed_skip: frozenset[str]
    """Event nouns that are also times of day: an event only when named."""
    venues: re.Pattern[str]
    """Buildings ("Theatre", "stade"): a name holding one is a venue, never an event."""
    group_nouns: frozenset[str]
    group_cues: re.Pattern[str]
    group_opener: re.Pattern[str]
    places: re.Pattern[str]
    topic_places: frozenset[str]
    elided_stops: tuple[str, ...]
    talk_nouns: re.Pattern[str]
    unnamed_event: re.Pattern[str]
    name_seq: re.Pattern[str]
    articles: frozenset[str]
    contractions: dict[str, str]
    mutual_cue: re.Pattern[str]
    mutual_before: re.Pattern[str]
    mutual_lead: frozenset[str]
    """The first words of the "<Name> suggested" cues ("m'a", "who"): the only lower-case
    words that may stand between a contact's name and the cue."""
    mutual_after: re.Pattern[str]
    place_words: frozenset[str]
    """Prepositions of place ("in", "de"): a name right after one is a place, not a person."""
    schools: frozenset[str]
    """A school's words (``[events] school_words``): where two studied, not where to meet."""
    employment: re.Pattern[str]
    """Where someone works is said here (``[events] employment_cues``): "at X" is an employer."""
    meeting_asks: frozenset[str]
    """Selling cues that only ask for a meeting (``[purposes] meeting_asks``)."""
    purposes: dict[str, re.Pattern[str]]
    purpose_evidence: dict[str, re.Pattern[str]]
    purpose_pairs: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]
    cta: re.Pattern[str]
    injection: re.Pattern[str]
    tu: frozenset[str]
    vous: frozenset[str]
    informal: frozenset[str]
    stopwords: frozenset[str]
    instruction_words: frozenset[str]
    topic_openers: frozenset[str]
    dangling: frozenset[str]
    leading: frozenset[str]
    one_off: frozenset[str]
    pronouns: frozenset[str]
    """Words a topic may not open on: a pronoun names nothing to echo."""
    stock_words: frozenset[str]
    met: re.Pattern[str]
    date_words: frozenset[str]
    """Days, months and relative days (``[salient] date_words``): a topic word that opens
    on one is a date, whether the topic is cut (``cues``) or weighed (``salient``)."""
    follows: re.Pattern[str]
    speaking: re.Pattern[str]
    applied: re.Pattern[str]
    met_recent: re.Pattern[str]
    """The note says it was good to meet (``[met_recent]``)."""
    connect_asks: re.Pattern[str]
    """Words of a question that only asks to connect ("Open to connecting?")."""
    dated: re.Pattern[str]
    """A day, a month or an hour ("Weds 19th", "jeudi 6 à 19h30")."""
    sends: re.Pattern[str]
    remote: re.Pattern[str]
    countries: frozenset[str]
    first_person: frozenset[str]


@cache
def not_names(lang: str) -> frozenset[str]:
    """Words that are never a first name in a note of this language.

    The language's own lists, plus every language's greetings and sign-offs (an
    English note may end "Merci, Julie"). Other languages' ordinary words are
    left out: "Ravi" is a name in an English note, an adjective in a French one.
    """
    data = load_toml(f"{lang}/analysis.toml")
    out = {fold(w) for w in data["not_names"]}
    out.update(fold(w) for w in load_toml(f"{lang}/language.toml")["stopwords"])
    for other in languages():
        other_data = load_toml(f"{other}/analysis.toml")
        out.update(fold(w) for w in other_data["greetings"])
        for phrase in other_data["signoffs"]:
            out.update(fold(phrase).split())
    return frozenset(out)


@cache
def titles(lang: str) -> frozenset[str]:
    """Honorifics and titles that may precede a name in a signature ("Professor", "Dr")."""
    return frozenset(fold(w) for w in load_toml(f"{lang}/analysis.toml").get("titles", []))


@cache
def lexicon(lang: str) -> Lexicon:
    """Compile ``data/<lang>/analysis.toml`` (cached: a CLI run compiles one language)."""
    data = language_data(lang, "analysis")
    refs = data["references"]
    nouns: dict[str, Noun] = {}
    for entry in refs["nouns"]:
        noun = Noun(entry["singular"], entry["plural"], entry["kind"], entry.get("gender", "m"))
        nouns[fold(noun.singular)] = noun
        nouns[fold(noun.plural)] = noun
    noun_alt = phrase_alternation(nouns)
    preps = {fold(p["cue"]): p["prefix"] for p in refs["prepositions"]}
    poss = phrase_alternation([*refs["possessives"], *refs.get("openers", [])])
    demo = phrase_alternation(refs["demonstratives"])
    subj = phrase_alternation(refs["you_subjects"])
    verbs = phrase_alternation(refs["you_verbs"])
    events = data["events"]
    cap_seq = rf"{CAP_WORD}(?:{name_joint(events['name_joiners'])}{CAP_WORD}){{0,5}}"
    places = phrase_alternation(events["places"])
    articles = phrase_alternation(refs["articles"])
    event_noun_alt = phrase_alternation(events["event_nouns"])
    mutual = data["mutual"]
    suffixes = phrase_alternation(data["introduction_suffixes"])
    relatives = phrase_alternation(refs["relatives"])
    prep_alt = phrase_alternation(preps)
    register = data.get("register", {})
    sanitise = data["sanitise"]
    signoffs = tuple(sorted({fold(s) for s in data["signoffs"]}, key=lambda s: (-len(s), s)))
    return Lexicon(
        lang=lang,
        raw=data,
        greeting=regex(rf"^\s*(?:{phrase_alternation(data['greetings'])})"),
        greeting_filler=regex(rf"[ ]+(?:{phrase_alternation(data['greeting_fillers'])})"),
        greeting_title=regex(
            rf"[ ,!]*(?:{phrase_alternation(data['titles'])})(?:[ ]|\.[ ]?)(?=[^\W\d_])"
        ),
        signoffs=signoffs,
        # Every sign-off as a whole word, longest first: one pass where a loop of
        # ``re.sub`` compiled one pattern per sign-off on every first call.
        signoff_words=regex(rf"(?<!\w)(?:{'|'.join(map(re.escape, signoffs))})(?!\w)"),
        intro=regex(rf"(?:{phrase_alternation(data['introductions'])})[ ,]+"),
        # After a newline, blanks other than newlines: a run of newlines holds separators
        # enough, and reading it whole from each of them was quadratic (same names found).
        intro_suffix=regex(
            rf"(?:^|[\n.!?,\u2013\u2014-][^\S\n]*+)({SHORT_NAME_WORD})[ ]+(?:{suffixes})"
        ),
        stock=phrase_re(data["stock"]),
        nouns=nouns,
        possessive_ref=regex(
            rf"(?:{poss})[ ](?:[\w'-]+[ ]|[\w-]+'(?=\w)){{0,3}}?"  # "votre série d'articles"
            rf"(?P<noun>{noun_alt})(?P<tail>[^\n]*)"
        ),
        you_ref=regex(
            rf"(?:{demo})[ ]?(?P<noun>{noun_alt})(?:[ ](?:{relatives}))?[ ]?(?:{subj})[ ]"
            rf"(?:{verbs})(?P<tail>[^\n]*)"
        ),
        preposition=regex(
            rf"^[ ,]*(?:[\w'-]+[ ]){{0,3}}?(?P<prep>{prep_alt})[ ]?(?P<topic>[^\n]*)"
        ),
        prefixes=preps,
        topic_stops=frozenset(fold(s) for s in refs["topic_stops"]),
        linking_verbs=frozenset(fold(s) for s in refs.get("linking_verbs", [])),
        place_heads=frozenset(fold(s) for s in refs.get("place_heads", [])),
        interest=regex(
            rf"(?=(?P<cue>{phrase_alternation(data['interests']['cues'])})[ ]"
            rf"(?P<topic>[^\n]{{0,{TOPIC_SPAN + 1}}}))"
        ),
        event_verbs=phrase_re(events["verbs"]),
        event_nouns=frozenset(fold(n) for n in events["event_nouns"]),
        unnamed_skip=frozenset(fold(n) for n in events["unnamed_skip"]),
        venues=phrase_re(events["venues"]),
        one_off=frozenset(fold(n) for n in events.get("one_off", [])),
        group_nouns=frozenset(fold(n) for n in events["group_nouns"]),
        group_cues=regex(rf"(?:{phrase_alternation(events['group_cues'])})[ ]*$"),
        group_opener=regex(rf"(?:{phrase_alternation(events['group_cues'])})[ ]+(?=\w)"),
        places=regex(rf"(?:{places})[ ]*(?:(?:{articles})[ ]?)?$"),
        topic_places=frozenset(fold(p) for p in events["topic_places"]),
        elided_stops=tuple(fold(s) for s in refs["topic_stops"] if s.endswith("'")),
        talk_nouns=phrase_re(n.singular for n in nouns.values() if n.kind == "talk"),
        unnamed_event=regex(
            rf"(?P<place>{places})[ ](?P<np>(?:(?:{articles}|a|an|un|une)[ ]?)?"
            rf"(?:[\w'-]+[ ]){{0,2}}?(?:{event_noun_alt}))"
        ),
        name_seq=regex(cap_seq),
        articles=frozenset(fold(a) for a in refs["articles"]),
        contractions={fold(k): v for k, v in refs["contractions"].items()},
        mutual_cue=phrase_re(mutual["cues"]),
        mutual_before=regex(
            rf"({FIRST_NAME_WORD}(?:[ ](?>{NAME_WORD})){{0,2}})\)?[ ,]+"
            rf"(?:{phrase_alternation(mutual['name_before'])})"
        ),
        mutual_lead=frozenset(fold(cue).split()[0] for cue in mutual["name_before"]),
        place_words=frozenset(fold(w) for w in mutual.get("place_words", [])),
        schools=frozenset(fold(w) for w in events.get("school_words", [])),
        employment=phrase_re(events.get("employment_cues", [])),
        meeting_asks=frozenset(fold(c) for c in data.get("meeting_asks", {}).get("cues", [])),
        mutual_after=regex(
            rf"(?:{phrase_alternation(mutual['name_after'])})[ ,]+"
            rf"({NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}})"
        ),
        purposes={name: phrase_re(cues) for name, cues in data["purposes"].items()},
        roles=tuple(
            (name, pattern_re(data["roles"].get("patterns", {}).get(name, []), data["roles"][name]))
            for name in data["roles"]["order"]
        ),
        requests=phrase_re(data["roles"].get("requests", [])),
        meetings=tuple((kind, phrase_re(cues)) for kind, cues in data.get("meetings", {}).items()),
        purpose_evidence={
            name: phrase_re(cues) for name, cues in data.get("purpose_evidence", {}).items()
        },
        purpose_pairs={
            name: (phrase_re(pair["seeking"]), phrase_re(pair["fit"]))
            for name, pair in data.get("purpose_pairs", {}).items()
        },
        cta=phrase_re(data["signals"]["call_to_action"]),
        injection=phrase_re(data["signals"]["injection"]),
        tu=frozenset(fold(w) for w in register.get("tu", [])),
        vous=frozenset(fold(w) for w in register.get("vous", [])),
        informal=frozenset(fold(w) for w in register.get("informal", [])),
        stopwords=frozenset(fold(w) for w in load_toml(f"{lang}/language.toml")["stopwords"]),
        instruction_words=frozenset(fold(w) for w in sanitise["instruction_words"]),
        topic_openers=frozenset(fold(w) for w in refs["topic_openers"]),
        dangling=frozenset(fold(w) for w in sanitise["dangling"]),
        leading=frozenset(fold(w) for w in sanitise.get("leading", [])),
        pronouns=frozenset(fold(w) for w in sanitise.get("pronouns", [])),
        stock_words=frozenset(fold(w) for w in data.get("stock_words", [])),
        met=phrase_re(data.get("met", [])),
        date_words=frozenset(fold(w) for w in data.get("salient", {}).get("date_words", [])),
        follows=phrase_re(data.get("follows", {}).get("cues", [])),
        speaking=phrase_re(data.get("speaking", {}).get("cues", [])),
        applied=pattern_re(data["applied"].get("patterns", []), data["applied"]["cues"]),
        connect_asks=phrase_re(data["questions"]["connect"]),
        met_recent=phrase_re(data["met_recent"]["cues"]),
        dated=pattern_re(events["dated"], events["days"]),
        sends=phrase_re(data.get("sends", {}).get("cues", [])),
        remote=phrase_re(data.get("remote", {}).get("cues", [])),
        countries=frozenset(fold(c) for c in events.get("countries", [])),
        first_person=frozenset(fold(w) for w in sanitise.get("first_person", [])),
    )


@dataclass(frozen=True)
class Contact:
    """The one set of contact patterns (``data/contact.toml``), for notes and replies alike."""

    url: re.Pattern[str]
    email: re.Pattern[str]
    phone: re.Pattern[str]
    handle: re.Pattern[str]
    phone_min_digits: int

    def all(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern, e-mails first (a link pattern would cut an address in two)."""
        return (self.email, self.url, self.handle, self.phone)


@cache
def contact() -> Contact:
    """Links, e-mails, phones and handles: stripped from notes, flagged in replies."""
    data = load_toml("contact.toml")
    return Contact(
        url=regex(data["url"]),
        email=regex(data["email"]),
        phone=regex(data["phone"]),
        handle=regex(data["handle"]),
        phone_min_digits=int(data["phone_min_digits"]),
    )
