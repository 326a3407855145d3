"""The reading's extractors: people, signals and topics, found with the compiled lexicons.

Matching runs on the folded note (``text.fold``), which keeps every character at its
index, so what is found there is sliced back out of the original: names and topics are
echoed as the inviter wrote them. The cues themselves are data (``lexicon``); this
module only knows the shapes of the things it looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from tactful.compiled import regex as compile_cached
from tactful.reading.lexicon import (
    NAME_WORD,
    TOPIC_SPAN,
    Lexicon,
    contact,
    language_data,
    lexicon,
    not_names,
    phrase_alternation,
    titles,
)
from tactful.reading.note import CONTENT_KINDS, Purpose, Reference, Signal
from tactful.text import fold, fold_aligned, sentences, trim_runs

# Letters, digits and a few marks that may sit inside a topic ("CI/CD", "C++", "Node.js").
# A run of them is matched at once (possessive: nothing follows it), not a character at a time.
# A number keeps its separators and its percent sign ("7,000 ft", "à 80 %"), a word its
# inclusive dot ("régisseur·se"), a phrase its quoted name ("la démarche « zéro contention »"):
# cut there, rounds 17 and 18 read "colonies at 7", "l'annonce d'optométriste à 80",
# "régisseur" and "la démarche".
_TOPIC_CHARS = compile_cached(
    r"(?:[^\W_]|[ '&+#/.-]|(?<=[0-9])[,.](?=[0-9])|(?<=[0-9])%|(?<=[0-9][ ])%|(?<=\w)·(?=\w)"
    r"|«[^»\n]{1,60}»|“[^”\n]{1,60}”)*+"
)
# After a greeted name: a capitalised surname, then a lower-case word going on with the sentence.
_RUN_ON = compile_cached(r"[ ]+[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)?[ ]+[a-zà-öø-ÿ']")
# A second name word right after the greeted name, when punctuation or the line's end follows.
_SURNAME = compile_cached(r"[ ]+[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['-][^\W\d_]+)*(?=[ ]*(?:[,!.:;\n-]|$))")
_GREETING_END = compile_cached(r"[ ]*[,!.:;]*")
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"
# "J. Patel", "R. Alvarez, Pflugerville ISD" (round 21): an initial then a surname, the
# organisation after a comma, a bar or a dash.
_INITIALLED = compile_cached(
    r"(?:^|[\s,.])(?:[A-Z]\.[\s-]?){1,3}[A-Z][\w'-]+\s*$"
    r"|^\s*(?:[A-Z]\.[\s-]?){1,3}[A-Z][\w'-]+\s*[,|\u2013\u2014]"
)
# A lower-case abbreviation after a comma ends no sentence: "Mathieu, dir. de production,
# Théâtre ..." was cut after "dir." and the company greeted (round 17).
_NO_ABBREVIATION = "".join(rf"(?<!,\s[a-zà-öø-ÿ]{{{n}}}\.)" for n in (2, 3, 4))
# A run of blanks before a dash or a bar is read from its first blank only (the same splits):
# read from each blank of a long run, it made splitting a line quadratic (4.7 s on 20,000).
_SEGMENT_BREAK = compile_cached(
    rf"(?<=[.!?…]){_NO_ABBREVIATION}\s+|(?<!\s)\s++[-–—~]+\s*|[{_EMOJI}]+|(?:(?<!\s)\s++)?[|•]\s*"
)
# A stop word that is a possessive: cut there, a gerund loses its object ("firing your ...").
_POSSESSIVES = frozenset({"your", "my", "our", "their", "his", "her", "its"})
# Lower-case words inside a surname ("Van den Berghe", "De Smet", "da Silva").
_PARTICLES = frozenset(
    {"de", "van", "von", "da", "di", "le", "den", "der", "del", "la", "du", "dos"}
)
_DASHES = " \t-–—~•|,.!?:;()[]\"'"
# Trimmed from both ends with ``trim_runs``: ``str.strip`` takes characters, not ranges (emoji).
_EDGES = compile_cached(rf"[{re.escape(_DASHES)}{_EMOJI}]+")


# --- people -----------------------------------------------------------------------------


def is_name_word(word: str, lang: str) -> bool:
    """A capitalised word that could be a first name (not a role, a greeting, a stopword)."""
    if len(word) < 2 or not word[0].isupper() or not word[0].isalpha():
        return False
    if word.isupper():
        return False
    if not all(ch.isalpha() or ch in "'-" for ch in word):
        return False
    if "'" in word and word.rsplit("'", 1)[1].islower():
        return False  # "I'll", "I'm": a contraction, not "O'Brien"
    return fold_aligned(word) not in not_names(lang)


def name_phrase(
    segment: str, lang: str, *, signed: bool = False, longer: bool = False
) -> str | None:
    """The first name in a signature-like segment ("- Priyanka", "Tomás Ruiz, CEO").

    ``signed`` (the segment followed a dash at the very end of the note) also
    accepts a lower-case name of one or two words ("- jen", "– wei ling"), capitalised.
    ``longer`` (the line under a sign-off line) accepts four names ("Kimberly Ann Dela
    Cruz"); elsewhere four capitalised words are a company as often ("Southern Cross Health
    Staffing").
    """
    segment = re.split(r"[,|(/]| at | @ | chez | from |\s[-–—~]+\s", segment, maxsplit=1)[0]
    segment = trim_runs(segment, _EDGES)
    words = segment.split()
    while len(words) > 1 and fold_aligned(words[0]).rstrip(".") in titles(lang):
        words = words[1:]  # "Professor Edward Hartley", "Dr. Ana Ruiz"
    for index in range(1, len(words) - 1):
        if words[index].isupper() and words[index].isalpha() and len(words[index]) > 1:
            words = words[:index]  # "Lorna Mackay NHS Lothian": the organisation follows
            break
    particles = sum(word.lower() in _PARTICLES for word in words[1:])
    if not 1 <= len(words) <= (4 if longer else 3) + min(particles, 1):
        return None
    if len(words) > 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) > 2:
        words = words[1:] + words[:1]  # "KOUADIO Serge": the surname in capitals comes first
    if signed and len(words) <= 2 and all(w.isalpha() and w.islower() for w in words):
        # "- jen", "– wei ling": a lower-case name after a closing dash, capitalised.
        words = [w.capitalize() for w in words]
    first, *rest = words
    if not is_name_word(first, lang):
        return None
    for word in rest:
        if word.isupper() and word.isalpha() and len(word) > 2:
            continue  # "Mamadou DIALLO": French signatures write the surname in capitals
        initial = len(word) <= 2 and word[0].isupper() and word.rstrip(".").isalpha()
        particle = word.lower() in _PARTICLES
        # A surname may be another language's greeting or thanks ("Kwabena Asante"): after
        # a first name, only the language's own non-names (a role, a pronoun) stop it.
        surname = word.isalpha() and len(word) > 2 and word.istitle()
        if surname and fold_aligned(word) not in _own_non_names(lang):
            continue
        if not (is_name_word(word, lang) or initial or particle):
            return None
    return first


@cache
def _own_non_names(lang: str) -> frozenset[str]:
    """The language's own words that are no name (roles, pronouns, stopwords, titles),
    without the other languages' greetings and thanks that ``not_names`` adds."""
    data = language_data(lang, "analysis")
    words = list(data["not_names"]) + list(language_data(lang, "language")["stopwords"])
    return frozenset(fold(w) for w in words) | titles(lang)


def clean_person_name(name: str) -> str:
    """Tidy a name given by the user (``--inviter``): trimmed, at most a few words."""
    return " ".join(name.split()[:3])


@dataclass(frozen=True)
class Greeting:
    """The note's opening greeting: where it ends, and the name it addresses (the user)."""

    end: int
    recipient: str | None


def find_greeting(norm: str, lex: Lexicon) -> Greeting:
    """The greeting that opens the note ("Hi there Sofia Martinez,", "Bonjour Monsieur Karim !").

    Its name is the user's, never the inviter's; ``end`` is where the note's own words
    start, past the greeting word, a filler ("there", "à tous"), a title, the name and
    its punctuation. The triage, the reading and the validator all read greetings here.
    """
    folded = fold_aligned(norm)
    match = lex.greeting.match(folded)
    if match is None:
        return Greeting(0, None)
    end = match.end()
    filler = lex.greeting_filler.match(folded, end)
    if filler:
        end = filler.end()
    title = lex.greeting_title.match(folded, end)
    start = title.end() if title else end
    rest = re.match(rf"[ ,!]*({NAME_WORD})", norm[start:])
    recipient = None
    # "Hi, Daniel Kim suggested I reach out": a full name running on into the sentence
    # is its subject (a third party), not the person greeted.
    if (
        rest
        and is_name_word(rest.group(1), lex.lang)
        and not _RUN_ON.match(norm[start + rest.end() :])
    ):
        recipient = rest.group(1)
        end = start + rest.end()
        surname = _SURNAME.match(norm, end)
        if surname:
            end = surname.end()
    closing = _GREETING_END.match(norm, end)
    return Greeting(closing.end() if closing else end, recipient)


def find_recipient(norm: str, lex: Lexicon) -> str | None:
    """The name a greeting addresses ("Hi Sofia"): the user, never the inviter."""
    return find_greeting(norm, lex).recipient


def _signoff_then_name(segment: str, lex: Lexicon) -> str | None:
    folded = fold_aligned(segment).strip()
    for signoff in lex.signoffs:
        if folded.startswith(signoff) and not folded[len(signoff) : len(signoff) + 1].isalnum():
            rest = segment.strip()[len(signoff) :]
            # "Merci, bonne journée, Julie"; "Au plaisir, Valérie Dumont, coach certifiée"
            for part in rest.split(","):
                if part.strip() and (name := name_phrase(part, lex.lang)):
                    return name
            return None
    return None


# Where a run-on signature's name ends: "Rosie – Oakfield Digital", "Julie | Consultante",
# "Mélanie, RH – Grand Hôtel", "Thomas @ Hiresoft", "Arnaud Rey (Lyon)".
_SIGNATURE_CUT = compile_cached(r"\s[-–—~]+\s|[|,(/@•]|\s(?:at|chez|from)\s")
_GLUED = compile_cached(r"([!,.])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
_NAME_OPENINGS = frozenset({"mc", "mac", "de", "da", "di", "du", "la", "le", "van", "von", "st"})
"""What opens a surname or first name with a capital inside ("McDonald", "DeShawn")."""
_QUESTION_END = compile_cached(r"\?[^\w]*$")
_LAST_WORD = compile_cached(r"[^\W\d_]{2,15}[.!]*\s*")
# Kisses and hugs after a name ("Lucy x"): part of the sign-off, never of the name.
_KISSES = frozenset({"x", "xx", "xxx", "xo", "xoxo", "bisous", "bises"})
_SIGNATURE_WORDS = 14
# How far from a line's end a run-on signature is looked for (a signature is short; a
# 20,000-character line is not read whole for one).
_SIGNATURE_REACH = 400
# A sentence end before a signature: "... next week. Rosie", "... along.—Kate", "...? alex".
_SENTENCE_END = compile_cached(rf"[.!?…]+{_NO_ABBREVIATION}(?=\s|[-–—~]|$)")


def _an_initial(text: str, end: int) -> bool:
    """The full stop at ``end`` closes an initial ("Yassine B. | Atlas", "J.-P.")."""
    return end > 0 and text[end - 1].isupper() and (end < 2 or not text[end - 2].isalpha())


def _inline_signature(line: str, lex: Lexicon, *, proper: bool = False) -> str | None:
    """The name of a signature run on at the end of a line, before any company or title.

    Real notes sign inline far more often than on a line of their own: "... next week.
    All the best, Rosie – Oakfield Digital", "Bien à vous,Thomas – Talent Acquisition @
    Hiresoft", "... ! lou", "... en parler bises Clara". The tail after one of the last
    two sentence ends (or, unpunctuated, after the last sign-off word) is read as
    sign-off, then name, then whatever title or company follows a dash, a bar or a comma;
    the name is the part *before* the company, so the company is never greeted.
    ``proper``: only a capitalised name counts (a line above the last one, where a lone
    lower-case word is more often the rest of a closing: "Salutations distinguées").
    """
    if _INITIALLED.search(line):
        return None  # "J. Patel": an initial is no first name, and the surname is none either
    # "merci!Maya", "work.Cheers,Rhys": a word glued to the mark before it is its own word;
    # "CordialementIbou", "Bien à vousMorgane L.": so is a name glued to a sign-off.
    window = _unglue_signoffs(_GLUED.sub(r"\1 ", line[-_SIGNATURE_REACH:]), lex)
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(window)
        if not _an_initial(window, m.start()) and window[m.end() :].strip()
    ]
    tails = [window[end:] for end in reversed(ends[-2:])]
    words = window.split()
    folded = [fold_aligned(w).strip(",.!?:;") for w in words]
    for idx in range(len(words) - 1, max(-1, len(words) - _SIGNATURE_WORDS - 1), -1):
        if folded[idx] in lex.signoffs or folded[idx] in _KISSES:
            tails.append(" ".join(words[idx:]))
            break
        # A sign-off of two or three words ending here: "... let's stay in touch Bronwyn".
        start = next(
            (
                idx - size + 1
                for size in (3, 2)
                if idx >= size - 1 and " ".join(folded[idx - size + 1 : idx + 1]) in lex.signoffs
            ),
            None,
        )
        if start is not None:
            tails.append(" ".join(words[start:]))
            break
    for tail in tails:
        if _QUESTION_END.search(tail):
            continue  # "Partante ?", "Partante? 🎙️": a one-word question, not a signature
        name = _signature_name(tail, lex, proper=proper)
        if name:
            return name
    if len(words) <= 4:
        return _signature_name(line, lex, signed_only=True)  # "Cheers,Bec" on its own line
    return None


def _unglue_signoffs(text: str, lex: Lexicon) -> str:
    """A space between a sign-off and a capitalised name glued to it ("CordialementIbou"),
    or a name hyphenated to it at the very end of the note ("... love to chat thanks-jake").

    The fold keeps every index, so a sign-off found in the folded text is cut at the same
    place in the note as written; the capital after it must be followed by a lower-case
    letter, so an acronym glued to a word is left alone.
    """
    folded = fold_aligned(text)
    cuts = []
    for signoff in lex.signoffs:
        start = folded.find(signoff)
        while start >= 0:
            end = start + len(signoff)
            before_ok = start == 0 or not folded[start - 1].isalnum()
            if (
                before_ok
                and end + 1 < len(text)
                and text[end].isupper()
                and text[end + 1].islower()
            ):
                cuts.append(end)
            elif before_ok and text[end : end + 1] == "-" and _LAST_WORD.fullmatch(text[end + 1 :]):
                cuts.append(end)  # "thanks-jake" at the very end: a sign-off, then the name
            start = folded.find(signoff, end)
    for cut in sorted(set(cuts), reverse=True):
        text = f"{text[:cut]} {text[cut:]}"
    return text


def _signature_block(lines: list[str], lex: Lexicon) -> str | None:
    """The name in a signature block of short lines: "Tess Moriarty / Energy Advisor /
    Gridwise Partners". People sign name first, title and company after, so the first
    line of the block that reads as a name wins, never the company under it."""
    block: list[str] = []
    for line in reversed(lines[-4:]):
        words = line.split()
        if len(words) > 6 or (len(words) > 3 and line.rstrip()[-1:] in ".!?…"):
            break  # a sentence, not a signature line ("Mines Boréal inc." is one)
        block.insert(0, line)
    if len(block) < 2 or len(block) == len(lines):
        return None
    for line in block:
        if _INITIALLED.search(line):
            return None
        name = name_phrase(line, lex.lang)
        if name:
            return name
    return None


def _signature_name(
    tail: str, lex: Lexicon, *, signed_only: bool = False, proper: bool = False
) -> str | None:
    """Sign-off, then name, then title or company: the name, or ``None``.

    ``signed_only``: the tail counts only if it opens with a sign-off ("Cheers,Bec"), for
    a whole short line that could as well be a company ("Gridwise Partners")."""
    dashed = tail.lstrip()[:1] in "-–—~"
    marks = tail
    tail = trim_runs(tail, _EDGES)
    if not tail or len(tail.split()) > _SIGNATURE_WORDS:
        return None
    signed = False
    folded = fold_aligned(tail)
    for signoff in lex.signoffs + tuple(_KISSES):
        if folded.startswith(signoff) and not folded[len(signoff) : len(signoff) + 1].isalnum():
            tail, signed = trim_runs(tail[len(signoff) :], _EDGES), True
            break
    if signed_only and not signed:
        return None
    pieces = [piece.split() for piece in _SIGNATURE_CUT.split(tail) if piece.strip()]
    pieces = [[w for w in words if fold_aligned(w) not in _KISSES] for words in pieces]
    pieces = [words for words in pieces if words]
    if not pieces:
        return None
    name = name_phrase(" ".join(pieces[0]), lex.lang)
    comma_only = "," in marks and not any(mark in marks for mark in "@|–—-~•(/")
    if name and comma_only and len(pieces) == 2 and len(pieces[0]) == len(pieces[1]) == 1:
        # "Diolch, Rhys", "JazakAllah, Hamza": one word, a comma, one name at the very end
        # is a closing the lists do not know, then the signer ("Kirsty, Ashgrove Digital"
        # and "Cody @ PawPing" are a name, then a company).
        later = name_phrase(pieces[1][0], lex.lang)
        if later and not signed and not _brand(pieces[1][0]):
            return later
    if name:
        return name
    lone = pieces[0][0] if len(pieces) == 1 and len(pieces[0]) == 1 else ""
    # "Cheers, Will", "Best, Hope": after a sign-off, at the very end, one capitalised word
    # is the signer even when it is also an ordinary word.
    known = fold_aligned(lone) in lex.signoffs or fold_aligned(lone) in titles(lex.lang)
    if signed and lone[:1].isupper() and lone[1:].islower() and lone.isalpha() and not known:
        return lone
    if len(pieces) > 1 and _a_closing(pieces[0], signed=signed):
        # "Thanks heaps, Zoe", "All best, Kit", "Avec mes remerciements, Arnaud Rey":
        # a closing the lists do not know, then the name.
        name = name_phrase(" ".join(pieces[1]), lex.lang)
        if name:
            return name
    word = pieces[0][0]
    lone = len(pieces[0]) == 1 and word.isalpha() and word.islower() and len(word) <= 15
    alone = signed or dashed or len(tail.split()) == 1
    if lone and alone and not proper and fold_aligned(word) not in lex.signoffs:
        # "thx! rosa", "? alex", "xx bianca", "-dev, Northline Builders": a lower-case name.
        return name_phrase(word, lex.lang, signed=True)
    return None


_GLUED_BRAND = compile_cached(r"(?<=[^\W\d_]{3})['’][A-ZÀ-ÖØ-Þ]")
"""A capital after an apostrophe that elides more than one letter: a brand ("Remat'Sud").
The three letters are looked behind: a run of letters matched forward restarted at each
letter of a long word (7 s on a 20,000-letter one)."""


def _brand(word: str) -> bool:
    """A word shaped like a company's name, not a person's: a capital inside after four
    lower-case letters ("ChairFill", "HireSoft"), or after a first part that is no name
    particle ("VetLoop", "PawPing"; not "McDonald", "MacKenzie", "DeShawn", "LaToya"), a
    digit, or capitals only ("CAUE", "KPMG"), or a capital after an apostrophe that elides
    more than one letter ("Remat'Sud")."""
    run = 0
    for at, char in enumerate(word[1:], start=1):
        if char.isupper() and (run >= 4 or (run >= 1 and word[:at].lower() not in _NAME_OPENINGS)):
            return True
        run = run + 1 if char.islower() else 0
    if _GLUED_BRAND.search(word):
        return True  # "Remat'Sud": names elide one letter ("O'Brien", "N'Diaye"), brands more
    return any(ch.isdigit() for ch in word) or (word.isupper() and len(word) > 1)


def _a_closing(words: list[str], *, signed: bool) -> bool:
    """Words that read as a closing, not a title: lower case after the first word ("All
    best"), or one lower-case word left after a sign-off ("Thanks heaps, Zoe")."""
    if len(words) == 1:
        return signed and words[0].islower()
    return len(words) <= 4 and all(w.islower() for w in words[1:])


def _is_signoff_line(line: str, lex: Lexicon) -> bool:
    return trim_runs(fold_aligned(line), _EDGES) in lex.signoffs


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and fold_aligned(a) == fold_aligned(b)


def find_inviter(
    norm: str, lex: Lexicon, recipient: str | None
) -> tuple[str | None, Literal["signature", "introduction"] | None]:
    """The inviter's first name from a signature or a self-introduction, else ``None``.

    Signatures win over introductions: "I'm the founder of ..." is noisier than a
    name on the last line. A candidate equal to the greeted name is rejected.
    """
    lines = [line.strip() for line in norm.split("\n") if line.strip()]
    if lines:
        lines[-1] = _unglue_signoffs(lines[-1], lex)  # "Bien à vousMorgane" on its own line
    candidates: list[str | None] = []
    # "Cordialement,\nTomás" (possibly followed by a title line)
    for idx in range(len(lines) - 2, max(-1, len(lines) - 5), -1):
        if _is_signoff_line(lines[idx], lex):
            candidates.append(name_phrase(lines[idx + 1], lex.lang, longer=True))
    if lines:
        candidates.append(_signature_block(lines, lex))
        candidates.append(_inline_signature(lines[-1], lex))
    if len(lines) > 1:
        if lines[-1][:1] in "-–—~":
            # "— Beth" under "... Um! Yah! Yah!": a dash and a name on the last line sign.
            candidates.append(name_phrase(lines[-1], lex.lang, signed=True))
        # "... spot on. Cheers,Noor" over a company line ("FibreWest Networks").
        candidates.append(_inline_signature(lines[-2], lex, proper=True))
    if lines:
        last = lines[-1]
        if _INITIALLED.search(last):
            # "J. Patel", "M.J. O'Connor": the first name is an initial, the rest a surname.
            lines = lines[:-1]
            last = ""
        if len(lines) > 1:
            candidates.append(name_phrase(last, lex.lang))
            candidates.append(_signoff_then_name(last, lex))
            closing = fold_aligned(lines[-2]).rstrip(" !.,").rsplit(" ", 1)[-1]
            lone = last.strip(" .!")
            if closing in lex.signoffs or (lone.isalpha() and lone.islower() and len(lone) <= 15):
                # "... je prends! merci" over "jonathan": the name under a closing word;
                # "on se recroise au prochain MIGS?" over "steph": one lower-case word alone
                # on the last line signs (the not-name lists keep "merci", "bises" out).
                candidates.append(name_phrase(last, lex.lang, signed=True))
        if len(lines) > 2:
            # "Me Antoine Lefèvre / Avocat au Barreau de Lyon": a title line under the name.
            candidates.append(name_phrase(lines[-2], lex.lang))
        segments = [s for s in _SEGMENT_BREAK.split(last) if s and s.strip(_DASHES)]
        if len(segments) > 1:
            tail = segments[-1]
            dashed = re.search(r"\s[-–—~]+\s*[^\W\d_]+(?: [^\W\d_]+)?[.!]*\s*$", last) is not None
            candidates.append(name_phrase(tail, lex.lang, signed=dashed))
            candidates.append(_signoff_then_name(tail, lex))
            if len(segments) > 2 and "|" in last:
                # "... real fit 🙌 Arif | BD Director @ ReCharge": the name before the bar.
                candidates.append(name_phrase(segments[-2], lex.lang))
    for candidate in candidates:
        if candidate and not _same(candidate, recipient):
            return candidate, "signature"
    folded = fold_aligned(norm)
    for match in lex.intro.finditer(folded):
        start = match.start()
        if start > 0 and folded[start - 1].isalnum():
            continue
        word = re.match(NAME_WORD, norm[match.end() :])
        if word and is_name_word(word.group(0), lex.lang) and not _same(word.group(0), recipient):
            return word.group(0), "introduction"
    for match in lex.intro_suffix.finditer(folded):
        original = norm[match.start(1) : match.end(1)]
        if is_name_word(original, lex.lang) and not _same(original, recipient):
            return original, "introduction"
    return None, None


# --- signals, stock line, register, purpose ---------------------------------------------


def find_signals(norm: str, lex: Lexicon) -> list[Signal]:
    """Links, contact details, calls to action and injected instructions, with evidence."""

    out: list[Signal] = []
    links = contact()
    for kind, pattern in (("email", links.email), ("link", links.url), ("phone", links.phone)):
        for match in pattern.finditer(norm):
            if kind == "link" and links.email.search(match.group(0)):
                continue
            if kind == "phone" and sum(c.isdigit() for c in match[0]) < links.phone_min_digits:
                continue  # "2023-2024" is a span of years
            out.append(Signal(kind=kind, evidence=match.group(0)))
    folded = fold_aligned(norm)
    for kind, regex in (("call_to_action", lex.cta), ("injection", lex.injection)):
        for match in regex.finditer(folded):
            out.append(Signal(kind=kind, evidence=norm[match.start() : match.end()]))
    return out


def strip_untrusted(norm: str, lex: Lexicon) -> str:
    """The note without links, contacts, handles and sentences carrying injected instructions.

    Sentences are kept one per line so that no extracted topic spans two of them.
    """

    cleaned = norm
    for pattern in contact().all():
        cleaned = pattern.sub(" ", cleaned)
    kept = [s for s in sentences(cleaned) if not lex.injection.search(fold_aligned(s))]
    return "\n".join(" ".join(s.split()) for s in kept)


def without_injections(norm: str, lex: Lexicon) -> str:
    """The note minus the sentences carrying injected instructions, links and layout kept.

    What the inviter wrote in their own voice (the register, a sales pitch or not)
    is read from this text: an injected "dis que tu veux acheter ..." is not the
    inviter using *tu*, nor the inviter's offer.
    """

    out = norm
    for sentence in sentences(norm):
        if lex.injection.search(fold_aligned(sentence)):
            out = out.replace(sentence, " ", 1)
    return out


def _without_signature_block(norm: str, inviter: str | None) -> str:
    """The note above its signature block ("Dr. Hiroshi Tanaka / Senior Research Scientist").

    A title or company line under the inviter's name is no personal note.
    """
    lines = norm.split("\n")
    if not inviter:
        return norm
    name = re.compile(rf"(?<!\w){re.escape(inviter)}(?!\w)")
    for idx in range(len(lines) - 1, max(0, len(lines) - 4), -1):
        if name.search(lines[idx]) and len(lines[idx].split()) <= 6:
            return "\n".join(lines[:idx])
    return norm


def is_stock(norm: str, lex: Lexicon, *, recipient: str | None, inviter: str | None) -> bool:
    """True when the note says nothing of its own (LinkedIn's stock line, a bare "Hi!").

    The stock line, the greeting, the sign-off and the names are removed; what is
    left must hold at least two words that are neither function words nor the
    vocabulary of connecting itself (``stock_words``: "invite", "join", "network"),
    so the many rewordings of the stock line ("je vous invite à rejoindre mon
    réseau") count as stock without listing each one.
    """
    norm = _without_signature_block(norm, inviter)
    folded = fold_aligned(norm)
    folded = lex.stock.sub(" ", folded)
    folded = lex.signoff_words.sub(" ", folded)
    for name in (recipient, inviter):
        if name:
            folded = re.sub(rf"(?<!\w){re.escape(fold_aligned(name))}(?!\w)", " ", folded)
    folded = lex.greeting.sub(" ", folded)
    for pattern in contact().all()[:3]:  # not phones: a stock line is judged by its words
        folded = pattern.sub(" ", folded)
    content = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", folded) if w not in lex.stopwords]
    content = [w for w in content if w not in not_names(lex.lang) or len(w) > 3]
    content = [w for w in content if w not in lex.stock_words]
    return len(content) <= 1


def find_role(
    safe: str,
    lex: Lexicon,
    *,
    stock: bool,
    purpose: str,
    references: list[Reference],
    met: bool,
) -> str:
    """Who the inviter is in this note: what they ask decides what a reply may say.

    A stock line is ``generic`` and a pitch a ``seller``; then the first role whose cues
    match, in the data's order, with a candidate, a job seeker and a congratulation read
    before a recruiter (they also say "role" and "position"); then a mutual contact
    (``referred``), a meeting (``met``), the user's content (``fan``); any other personal
    note is from a ``peer``.
    """
    if stock:
        return "generic"
    if purpose == "selling":
        return "seller"
    # "je me permets de vous inviter à rejoindre mon réseau" is the stock request, not an
    # organiser's invitation (as for the purpose).
    folded = lex.stock.sub(" ", fold_aligned(safe))
    found = {name for name, pattern in lex.roles if pattern.search(folded)}
    for name in ("candidate", "job_seeker", "congratulator"):
        if name in found:
            # They say "role" and "position" too ("congrats on the new role"), but they are
            # not hiring; a recruiter who opens with congratulations is thanked for them.
            return name
    if "researcher" in found:
        return "researcher"  # "a PhD candidate ... a 30-min interview for my study": no hiring
    kinds = {ref.kind for ref in references}
    if "peer" in found and not met and "mutual" not in kinds:
        return "peer"  # "swap notes on recruiting locums": a colleague, not a recruiter
    if purpose == "recruiting":
        return "recruiter"
    for name, _ in lex.roles:
        if name in found:
            return name
    if "mutual" in kinds:
        return "referred"
    if met:
        return "met"
    if kinds & (set(CONTENT_KINDS) - {"work"}):  # "your work on X" is a project, not a post
        return "fan"
    return "peer"


def find_request(safe: str, lex: Lexicon) -> bool:
    """Whether the note asks for something (a question, "would you", "pourriez-vous"):
    then it says what brings the inviter, and a reply must not ask it again."""
    return "?" in safe or lex.requests.search(fold_aligned(safe)) is not None


def find_meeting(folded: str, lex: Lexicon) -> str | None:
    """The meeting the note proposes ("a coffee", "a quick call", "un déjeuner"), by kind.

    This and the other ``find_*`` cue tests below take the note already folded
    (``fold_aligned``): ``read_note`` folds it once for all of them."""
    for kind, pattern in lex.meetings:
        if pattern.search(folded):
            return kind
    return None


def only_wished(folded: str, lex: Lexicon, kind: str) -> bool:
    """Whether every cue of a meeting ``kind`` sits in a statement, not a question: "Au
    plaisir de se recroiser !" wishes, "On se recroise à Strasbourg en janvier ?" proposes
    (round 21: the wish was answered "comme vous le proposez")."""
    pattern = dict(lex.meetings).get(kind)
    if pattern is None:
        return False
    asked = _asked(folded)
    return not any(
        start <= match.start() and match.end() <= end
        for match in pattern.finditer(folded)
        for start, end in asked
    )


# A clause runs to its sentence end or line break. Possessive, and always matching, so one
# pass reads the note: "[^.!?\n]*\?" searched restarted at every character of a long
# clause without "?" (a 20,000-character note took 1.4 s to read, against 0.3 s before).
_CLAUSE = compile_cached(r"[^.!?\n]*+[.!?\n]?")


def _asked(folded: str) -> list[tuple[int, int]]:
    """The spans of the note's clauses that end with a question mark."""
    return [match.span() for match in _CLAUSE.finditer(folded) if match.group().endswith("?")]


def find_follow(folded: str, lex: Lexicon) -> bool:
    """The note asks to follow the user's work ("I'd like to follow your work", "suivre tes
    projets"): following is the next step it names itself."""
    return lex.follows.search(folded) is not None


def find_speaking(folded: str, lex: Lexicon) -> bool:
    """The note asks the user to speak, present, host or record ("a lightning talk at the
    meetup", "accepteriez-vous d'intervenir"): a request of its own, which declining the
    connection must not seem to refuse."""
    return lex.speaking.search(folded) is not None


def find_applied(folded: str, lex: Lexicon) -> bool:
    """The note says its writer already applied or sent a CV ("I applied last week", "je
    vous ai envoyé ma bande démo"): the reply answers a question, never asks for the
    application again."""
    return lex.applied.search(folded) is not None


def find_question(folded: str, lex: Lexicon) -> bool:
    """The note asks the user something ("Any advice on which tickets to get first?",
    "auriez-vous des conseils ?"), not only to connect: a student is answered, not invited
    to ask (round 21's readers: "he already asked")."""
    return any(not lex.connect_asks.search(folded[start:end]) for start, end in _asked(folded))


def find_dated(folded: str, lex: Lexicon) -> bool:
    """The note gives a day, a month or an hour ("6pm Weds 19th", "jeudi 6 à 19h30"): an
    organiser's details are there, and the reply does not ask for them."""
    return lex.dated.search(folded) is not None


def find_sends(folded: str, lex: Lexicon) -> bool:
    """The note promises to send something ("as promised, I'll send you the photos",
    "comme promis, je vous envoie le bilan"): a kindness the reply thanks for."""
    return lex.sends.search(folded) is not None


def only_meeting_asks(pitch_cues: list[str], lex: Lexicon) -> bool:
    """Whether every selling cue found only asks for a meeting ("quick call", "would you be
    open to"; ``[purposes] meeting_asks``)."""
    return bool(pitch_cues) and all(fold(cue) in lex.meeting_asks for cue in pitch_cues)


def find_remote(folded: str, lex: Lexicon) -> bool:
    """The note's proposal happens at a distance ("Recording is remote", "en visio"): no
    meeting there to offer."""
    return lex.remote.search(folded) is not None


def find_met(folded: str, lex: Lexicon) -> bool:
    """Whether the note says the two already met or exchanged (at an event, in a group).

    A reply to such a note must not claim they have never met: its rationale
    says instead that a brief crossing is not yet the tie the network is for.
    """
    return lex.met.search(folded) is not None


def find_met_recent(folded: str, lex: Lexicon) -> bool:
    """Whether the note says it was good to meet ("Great meeting you at the summit", "ravie
    d'avoir échangé avec vous"): the thanks answers in kind (round 21)."""
    return lex.met_recent.search(folded) is not None


def find_register(norm: str, lex: Lexicon) -> Literal["tu", "vous"]:
    """French register: *tu* when tu-forms outnumber vous-forms, else *vous*; with neither,
    *tu* when the note greets or signs off as to a friend (``informal``: "Salut", "Bises").

    Pass the note without its injected sentences (``without_injections``).
    """
    if not lex.tu:
        return "vous"
    tokens = re.findall(r"[^\W\d_]+'?(?:[^\W\d_]+)?", fold_aligned(norm))
    tu = sum(1 for t in tokens if t in lex.tu or (t.startswith("t'") and "t'" in lex.tu))
    vous = sum(1 for t in tokens if t in lex.vous)
    if tu == vous == 0 and any(t in lex.informal for t in tokens):
        return "tu"
    return "tu" if tu > vous else "vous"


def find_purpose(safe: str, lex: Lexicon, signals: list[Signal]) -> tuple[Purpose, list[str]]:
    """The inviter's main purpose and, for a sales note, the cues that gave it away.

    Selling needs two cues, or one plus a link or a call to action, so that a
    lone "offer" or "grow your" in a friendly note does not make it a pitch.
    """
    # "je me permets de vous inviter à rejoindre mon réseau" is the stock request, not a proposal.
    folded = lex.stock.sub(" ", fold_aligned(safe))
    hits = {name: sorted(set(regex.findall(folded))) for name, regex in lex.purposes.items()}
    for name, evidence in lex.purpose_evidence.items():
        # A purpose with an evidence list needs one of its words: "freelance" or "mission"
        # alone is not a job offer; a role, a position or "we're hiring" is.
        if not evidence.search(folded):
            hits[name] = []
    for name, (seeking, fit) in lex.purpose_pairs.items():
        # "we need a head chef ... saw your time at Gerard's": someone sought, and the user
        # sized up for it, is a hiring note even when it never says "role" or "hiring".
        # Counted as two cues, it outweighs a stray "parcours"; an invitation to speak or
        # collaborate (a collaboration cue) keeps its own purpose.
        pair = [m for regex in (seeking, fit) for m in regex.findall(folded)]
        if not hits.get("collaboration") and seeking.search(folded) and fit.search(folded):
            hits[name] = sorted(set(hits.get(name, []) + pair))
    pushy = any(s.kind in ("link", "call_to_action") for s in signals)
    selling = hits.get("selling", [])
    # A recruiter's "would you be open to a quick chat?" is one selling cue and a call to
    # action; beside more hiring cues than selling ones it is a job, not a pitch (rounds
    # 8-10: agency recruiters read as sellers and thanked for nothing).
    outweighed = len(hits.get("recruiting", [])) > len(selling)
    if (len(selling) >= 2 or (selling and pushy)) and not outweighed:
        return "selling", selling
    ranked = sorted(
        ("recruiting", "collaboration", "advice"), key=lambda name: -len(hits.get(name, []))
    )
    best = ranked[0]
    if hits.get(best):
        return best, []  # type: ignore[return-value]
    return "networking", []


# --- references ---------------------------------------------------------------------------


def sanitise_topic(
    topic: str | None, lang: str, *, max_words: int = 10, proper: bool = False
) -> str | None:
    """A topic safe to echo: plain words only, short, no link, nothing that reads as an order.

    Returns ``None`` when nothing safe is left; callers then write a reply that
    does not echo a topic rather than one that repeats untrusted text. ``proper``
    (a proper name such as "Toronto Product Book Club") lets a capitalised word
    inside the name be one that is otherwise a verb of command ("Book").
    """
    if not topic:
        return None
    lex = lexicon(lang)
    if any(pattern.search(topic) for pattern in contact().all()):
        return None
    folded = fold_aligned(topic)
    if lex.injection.search(folded):
        return None
    tokens = folded.split()
    if any(_first_person(token, lex) for token in tokens):
        return None  # "after my internship": echoed, it would be the user's internship
    originals = topic.split()
    for idx, token in enumerate(tokens):
        if token.strip("'.-") not in lex.instruction_words:
            continue
        inside_name = (
            proper and idx > 0 and originals[idx][:1].isupper() and originals[idx - 1][:1].isupper()
        )
        if not inside_name:
            return None
    run = _topic_run(topic).split()
    words = run[:max_words]
    if len(run) > max_words:
        # Cut inside a phrase: end before its last place or date phrase rather than on half
        # of it ("... traitées dans la région | de Sfax" -> "... traitées", round 16).
        for at in range(len(words) - 1, 1, -1):
            if fold_aligned(words[at]) in lex.topic_places:
                words = words[:at]
                break
    while words and fold_aligned(words[-1]).strip(".") in lex.dangling:
        words.pop()
    if words and fold_aligned(words[0]) in lex.pronouns:
        return None  # "something more grower-facing": nothing named
    if words and fold_aligned(words[0]) in lex.leading:
        return None  # "(come on) for an episode": the rest of a verb, not a subject
    text = " ".join(words).strip(" .-'/")
    text = re.sub(r"\.(?!\w)", "", text)
    if len(text) < 2 or not any(ch.isalpha() for ch in text) or len(text) > 80:
        return None
    return text


def _first_person(token: str, lex: Lexicon) -> bool:
    """A word of the inviter's own person: "my", "our", "mon", or elided "j'", "m'"."""
    word = token.strip(',.;:!?()"')
    return word in lex.first_person or any(
        word.startswith(p) and p.endswith("'") for p in lex.first_person
    )


def _topic_run(text: str) -> str:
    """The start of ``text`` up to the first character a topic cannot hold."""
    found = _TOPIC_CHARS.match(text)
    return found.group() if found else ""


def topic_span(text: str, start: int = 0) -> str:
    """``text[start:]``, cut to the whole words of its first ``TOPIC_SPAN`` characters."""
    head = text[start : start + TOPIC_SPAN + 1]
    if len(head) <= TOPIC_SPAN:
        return head
    space = head.rfind(" ")
    return head[:space] if space >= 0 else head[:TOPIC_SPAN]


def whole_phrase(topic: str, lex: Lexicon, limit: int = 8) -> str:
    """``topic`` if it has at most ``limit`` words, else its head up to a natural joint.

    "un projet open source de traduction automatique pour les langues autochtones" keeps
    "un projet open source de traduction automatique" (cut before "pour"); a span with no
    joint within the limit is a clause, not a noun phrase, and gives ``""``: a reply
    echoes only whole phrases, never one cut mid-way.
    """
    words = topic.split()
    if len(words) <= limit:
        return topic
    for idx in range(limit, 1, -1):
        if fold_aligned(words[idx]) in lex.topic_places:
            return " ".join(words[:idx])
    return ""


def cut_topic(raw: str, lex: Lexicon) -> str:
    """Cut a captured span where the topic ends (a stop word, punctuation, an emoji)."""
    raw = topic_span(raw)
    # Up to the first character no topic holds (punctuation, quotes, a newline, an emoji).
    text = _topic_run(raw)
    text = re.split(r"\.(?:\s|$)", text, maxsplit=1)[0]
    words = text.split()
    folded = [fold_aligned(w) for w in words]
    for idx in range(len(words)):
        if idx == 0 and folded[0] in lex.topic_openers:
            continue
        if idx > 0 and words[idx][:1].isupper() and words[idx - 1][:1].isupper():
            continue  # inside a title: "Software Engineering Daily" keeps its "Daily"
        one = folded[idx]
        two = " ".join(folded[idx : idx + 2])
        three = " ".join(folded[idx : idx + 3])
        if one in lex.topic_stops or two in lex.topic_stops or three in lex.topic_stops:
            if one in _POSSESSIVES and idx > 0 and folded[idx - 1].endswith("ing"):
                return ""  # "about firing | your biggest client": the verb's object is cut
            if idx > 0 and folded[idx - 1] in lex.linking_verbs:
                return ""  # "... making guests sound | like robots": the cut says the opposite
            words = words[:idx]
            break
        placed = idx > 0 and folded[idx - 1] not in lex.place_heads
        if placed and (_starts_place(words, folded, idx, lex) or _starts_date(folded, idx, lex)):
            words = words[:idx]
            break
        if any(one.startswith(stop) for stop in lex.elided_stops):
            words = words[:idx]
            break
    clause = folded[:1] and folded[0] in lex.topic_openers and folded[1:2] != ["to"]
    if clause and len(words) < len(folded):
        # "why mobile food banks | in Maun run out of oil": a clause cut before its verb reads
        # as a fragment (round 19); "how to scale teams | in Africa" keeps its own verb.
        return ""
    return " ".join(words)


def _starts_date(folded: list[str], idx: int, lex: Lexicon) -> bool:
    """Whether a date starts here ("le 18 mai", "on 14 March", "14th Feb"): round 9's
    readers read "la médiation judiciaire en Tunisie le 18 mai" as a dated mediation."""
    word = folded[idx].strip(",.")
    nxt = folded[idx + 1].strip(",.") if idx + 1 < len(folded) else ""
    if word in {"le", "on", "the", "du", "au", "from", "until", "jusqu'au"} and nxt[:1].isdigit():
        return True
    if word in {"en", "in", "next", "this", "last"} and nxt in lex.date_words:
        return True  # "la céramique en mai", "a panel in April": the month is when, not what
    ordinal = word.endswith(("st", "nd", "rd", "th", "er"))
    return word[:1].isdigit() and (nxt in lex.date_words or ordinal)


def _starts_place(words: list[str], folded: list[str], idx: int, lex: Lexicon) -> bool:
    """Whether a place phrase starts here ("at PyCon", "au meetup"): where a topic ends."""
    if folded[idx] not in lex.topic_places or idx + 1 >= len(words):
        return False
    nxt = idx + 1
    if folded[nxt] in lex.articles and nxt + 1 < len(words):
        nxt += 1
    if words[nxt][:1].isupper():
        return True
    return any(word.strip(".,!") in lex.event_nouns for word in folded[nxt : nxt + 5])


def trim_name(name: str, lex: Lexicon) -> str:
    """Drop trailing words outside a proper name ("Concordia and I'd" -> "Concordia",
    "DevConf in March" -> "DevConf")."""
    words = name.split()
    joiners = {fold(j) for j in lex.raw["events"]["name_joiners"]}
    while words and (
        fold_aligned(words[-1]) in not_names(lex.lang)
        or fold_aligned(words[-1]) in joiners
        or fold_aligned(words[-1]) in lex.date_words  # "DevConf in March": the date follows
        or words[-1].isdigit()  # "la réunion du CRCM le 12"
        or (len(words) > 1 and fold_aligned(words[-1]) in lex.articles)
    ):
        words.pop()
    return " ".join(words)


def named_places(safe: str, lex: Lexicon, exclude: tuple[str | None, ...]) -> list[Reference]:
    """Named events and groups ("at PyCon Lyon", "the Python Montréal group")."""

    folded = fold_aligned(safe)
    out: list[Reference] = []
    # Whether a line holds an event verb or a talk noun, searched once per line: searched
    # for each name, a long line of "at Ab, at Ab, ..." was read again for every "Ab".
    eventful: dict[int, bool] = {}

    def eventful_line(start: int) -> bool:
        line_start = folded.rfind("\n", 0, start) + 1
        if line_start not in eventful:
            line_end = folded.find("\n", start)
            line = folded[line_start : line_end if line_end >= 0 else None]
            eventful[line_start] = bool(lex.event_verbs.search(line) or lex.talk_nouns.search(line))
        return eventful[line_start]

    common = lex.group_nouns | lex.event_nouns | lex.date_words
    # Inside a quoted title a name is part of the title ("« Électrifier les traversiers du
    # Saint-Laurent »" named no event "le Saint-Laurent", round 18).
    quoted = [m.span() for m in _QUOTES.finditer(safe)]
    for match in lex.name_seq.finditer(safe):
        start, end = match.span()
        if start > 0 and (safe[start - 1].isalnum() or safe[start - 1] in "'-"):
            continue
        if any(q_start < start < q_end for q_start, q_end in quoted):
            continue
        name = trim_name(match.group(0).rstrip("."), lex)
        opener = lex.group_opener.match(fold_aligned(name))
        if opener:
            # "Ancien de HEC Montréal comme vous": the cue opened the sentence, capitalised.
            start, name = start + opener.end(), name[opener.end() :]
        end = start + len(name)
        if not name or any(_same(name, other) for other in exclude):
            continue
        if fold_aligned(name) in lex.countries:
            continue  # "au Cameroun", "in Kenya": a place, not an event or a group
        words = fold_aligned(name).split()
        if lex.venues.search(" ".join(words)) and not any(w in lex.event_nouns for w in words):
            continue  # "au Théâtre de Namur": where it took place, not an event (round 21)
        if all(w.isdigit() or w in common or w in not_names(lex.lang) for w in words):
            # "promo 2016", "Promo 2016", "Prochaine rencontre", "Next Session": a year or
            # common words, not a group's or an event's name.
            continue
        if _school(name, lex):
            continue  # "à la HES-SO Valais (2015)": where they studied, not where to meet
        if _titled(folded[max(0, start - 40) : start], lex):
            continue  # "the new role as Head of Network Planning": a job title, not a group
        if _is_signoff_line(name, lex):
            continue
        before = folded[max(0, start - 60) : start]
        if _venue(before, lex):
            continue  # "the workshop at Lanka Hospitals": where the event was, not the event
        prev_words = before.split()
        prev = prev_words[-1] if prev_words else ""
        kind: str | None = None
        t_start, t_end = start, end
        if prev in lex.event_nouns or prev in lex.group_nouns:
            kind = "event" if prev in lex.event_nouns else "group"
            t_start = start - len(prev) - 1
            art = prev_words[-2] if len(prev_words) > 1 else ""
            if art in lex.articles:
                t_start -= len(art) + 1
        elif (linked := _linked_noun(prev_words, lex)) is not None:
            # "à la réunion du CRCM", "the meeting of the DRA": the noun names the event.
            kind = "event" if linked in lex.event_nouns else "group"
            t_start = max(0, start - 60) + before.rfind(f"{linked} ")
            art = _last_word(folded, t_start)
            if art in lex.articles:
                t_start -= len(art) + 1
        elif (noun_end := _trailing_noun(safe, end, lex)) is not None:
            # "the South Wales Metro stakeholder day", "the KNUST alumni homecoming": the
            # name and the nouns after it name the event (round 17 kept "the KNUST alumni").
            t_end, last = noun_end
            kind = "event" if last in lex.event_nouns else "group"
        elif any(w in lex.event_nouns for w in words):
            kind = "event"
        elif any(w in lex.group_nouns for w in words):
            kind = "group"
        elif (
            lex.places.search(before)
            and eventful_line(start)
            and (_event_like(name, words) or _articled(before, lex))
            and not _affiliation(safe[max(0, start - 60) : start])
            and not _employed(before, lex)
        ):
            kind = "event"  # "at PyCon", "à VivaTech"; "in Leeds", "à Lausanne" are towns
        elif (cue := lex.group_cues.search(before.rstrip())) and not _weak_group_cue(cue, lex):
            kind = "group"
        if kind is None or (len(words) == 1 and len(name) < 3):
            continue
        own = set(lex.raw["events"].get("own_possessives", []))
        if prev in own or (t_start != start and len(prev_words) > 1 and prev_words[-2] in own):
            continue  # "join our Discord", "notre groupe X": the inviter's own, not shared
        # "Hi Tom", "Thanks Ana": a greeting or a role word opens no event's name,
        # unless the name carries its own event or group noun ("Data Council meetup").
        named_by_noun = (t_start, t_end) != (start, end) or any(
            w in lex.event_nouns or w in lex.group_nouns for w in words
        )
        if words[0] in not_names(lex.lang) and not (named_by_noun and len(words) > 1):
            continue
        lead = _last_word(folded, t_start)
        prefix = ""
        if t_start == start and lead in lex.articles:
            t_start -= len(lead) + (0 if lead.endswith("'") else 1)
        elif lead in lex.contractions and (t_start != start or named_by_noun or kind == "event"):
            # "au salon VivaTech", "au Meetup Python Montréal", "au Bourget": the article
            # comes back (round 9: "à propos de Bourget", "à propos de Mans").
            prefix = lex.contractions[lead]
        topic = sanitise_topic(
            prefix + safe[t_start:t_end].strip(), lex.lang, max_words=8, proper=True
        )
        if topic:
            out.append(Reference(kind=kind, topic=topic, evidence=safe[t_start:t_end].strip()))
    return out


def _trailing_noun(safe: str, end: int, lex: Lexicon) -> tuple[int, str] | None:
    """Where the lower-case nouns right after a name end, when the last of them (within
    three words, no punctuation between) is an event or a group noun: ``(end, noun)``."""
    found = None
    stop = end
    if safe[end : end + 1] != " ":
        return None  # a mark or a line break ends the name's phrase
    for word in safe[end : end + 60].split("\n")[0].split(" ")[1:4]:
        bare = word.rstrip(",.;:!?")
        if not bare or not bare.isalpha() or not bare.islower():
            break
        folded_word = fold_aligned(bare)
        stops = (lex.stopwords, lex.date_words, lex.dangling, lex.instruction_words)
        if any(folded_word in words for words in stops):
            # "Agribition in Regina | last week", "Burlington | these days": no noun of the
            # name; "the PATI | book launch": "book" would make the whole topic unsafe.
            break
        stop += 1 + len(bare)
        if folded_word in lex.event_nouns or folded_word in lex.group_nouns:
            found = (stop, folded_word)
        if bare != word:
            break
    return found


def _venue(before: str, lex: Lexicon) -> bool:
    """Whether a name right after ``before`` is where an event the note just named took
    place ("at the palliative care workshop at Lanka Hospitals", "au tournoi ... samedi au
    Lamentin"): a place word, and in the seven words before it an event noun that has its
    own place word, so the event itself is read ("Prochaine rencontre le 3 décembre au
    Grütli" has none: there the venue is the only place named)."""
    words = before.split()
    if words and words[-1] in lex.articles:
        words.pop()  # "at the Quayside"
    if not words or words[-1] not in lex.topic_places:
        return False  # "at", "in", "au": not "du", which links a name to its event
    noun = False
    for word in reversed(words[:-1][-7:]):
        if word[-1:] in ",.;:!?":
            break
        if word in lex.event_nouns:
            noun = True
        elif noun and word in lex.topic_places:
            return True
    return False


# "Linda Castillo at Summit Builders", "Tim Walsh at Fortescue": a person's workplace.
_AFFILIATED = compile_cached(
    r"[A-ZÀ-ÖØ-Þ][\w'-]+[ ][A-ZÀ-ÖØ-Þ][\w'-]+,?[ ](?:at|from|chez|de)[ ](?:the[ ])?$"
)


_QUOTES = compile_cached(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")
_LINKS = frozenset({"du", "des", "de", "of"})
_LINKED_ARTICLES = frozenset({"la", "the"})


def _linked_noun(prev_words: list[str], lex: Lexicon) -> str | None:
    """The event or group noun a name is linked to by "du", "de la", "of the" ("la réunion
    du CRCM", "le salon de la FIARA"), or None."""
    words = list(prev_words[-3:])
    if words and words[-1] in _LINKED_ARTICLES:
        words.pop()
    if len(words) < 2 or words[-1] not in _LINKS:
        return None
    noun = words[-2]
    return noun if noun in lex.event_nouns or noun in lex.group_nouns else None


def _school(name: str, lex: Lexicon) -> bool:
    """Whether a name is a school's (``[events] school_words``, whole or hyphen parts)."""
    folded = fold_aligned(name)
    # Hyphen parts and elided words too: "HES-SO", "l'Université de Moncton".
    words = set(folded.split()) | {part for w in folded.split() for part in re.split("[-']", w)}
    return bool(words & lex.schools) or any(" " in s and s in folded for s in lex.schools)


def _titled(before: str, lex: Lexicon) -> bool:
    """Whether a name right after ``before`` is a job title: it follows a role opener
    ("role as", "position of", "le poste de"), the same list that finds a recruiter's role."""
    return _role_openers(lex.lang).search(before.rstrip() + " ") is not None


@cache
def _role_openers(lang: str) -> re.Pattern[str]:
    openers = language_data(lang, "analysis")["salient"].get("role_openers", [])
    return compile_cached(rf"(?:{phrase_alternation(openers)})[ ]$")


def _affiliation(before: str) -> bool:
    """``before`` ends with a capitalised first name and surname, then "at": what follows
    is where that person works, not an event the two share."""
    return _AFFILIATED.search(before) is not None


def _employed(before: str, lex: Lexicon) -> bool:
    """The sentence before the name says where its writer works ("I'm now in reserving at
    Lagos Re", ``[events] employment_cues``): an employer, not an event."""
    sentence = re.split(r"[.!?\n]", before)[-1]
    return lex.employment.search(sentence) is not None


def _event_like(name: str, words: list[str]) -> bool:
    """A name after "at"/"à" with no event noun: an event only if it looks made, not a town.

    "PyCon", "VivaTech", "DevFest 2024", "Web Summit Lisbon" are events; one plain
    capitalised word ("Leeds", "Ixelles") is a place as often as not.
    """
    if len(words) > 1:
        return True
    inner = name[1:]
    return any(ch.isupper() or ch.isdigit() for ch in inner)


def _articled(before: str, lex: Lexicon) -> bool:
    """The name follows an article or a contraction ("au Startupfest", "at the Expo"):
    towns take none ("à Lausanne", "in Leeds"), events and venues do."""
    words = before.split()
    last = words[-1] if words else ""
    return last in lex.articles or last in lex.contractions or last in {"the", "le", "la", "l'"}


def _weak_group_cue(cue: re.Match[str], lex: Lexicon) -> bool:
    weak = {fold(w) for w in lex.raw["events"].get("weak_group_cues", [])}
    return " ".join(cue.group(0).split()) in weak


def _last_word(text: str, end: int) -> str:
    """``text[:end].split()[-1]``, or ``""``, without splitting the whole prefix for one word."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


def unnamed_events(safe: str, lex: Lexicon) -> list[Reference]:
    """Events the note names only by their noun ("at the conference", "lors du salon"), on a
    line that says the two met or took part: where to meet again."""
    folded = fold_aligned(safe)
    out: list[Reference] = []
    verbs: dict[int, bool] = {}  # per line start: searched once per line, not once per match
    for match in lex.unnamed_event.finditer(folded):
        line_start = folded.rfind("\n", 0, match.start()) + 1
        if line_start not in verbs:
            line_end = folded.find("\n", match.end())
            line = folded[line_start : line_end if line_end >= 0 else None]
            verbs[line_start] = lex.event_verbs.search(line) is not None
        if not verbs[line_start] or _part_of_event(folded[match.end() : match.end() + 60], lex):
            continue
        if folded[match.start("np") : match.end("np")].split()[-1] in lex.unnamed_skip:
            continue  # "la meilleure de la journée": a time of day, not an event
        place = " ".join(match.group("place").split())
        prefix = lex.contractions.get(place, "")
        np = safe[match.start("np") : match.end("np")]
        topic = sanitise_topic(prefix + np, lex.lang, max_words=5)
        out.append(Reference(kind="event", topic=topic, evidence=safe[match.start() : match.end()]))
    return out


_OF = compile_cached(r"[ ]+(?:du|de la|de l'|des|d'|de|of the|of)[ ]*")


def _part_of_event(after: str, lex: Lexicon) -> bool:
    """Whether an unnamed event is a moment of a larger one named next ("la pause déjeuner
    du congrès", "the lunch break of the summit"): the larger one is where to meet again."""
    of = _OF.match(after)
    return of is not None and any(
        w.strip(",.;:!?") in lex.event_nouns for w in after[of.end() :].split()[:3]
    )


def _full_name(safe: str, start: int, end: int, lang: str, *, backwards: bool) -> str | None:
    """The contact's name around a cue, first name and surname kept ("Sarah Chen").

    ``safe[start:end]`` holds up to three words next to the cue; the run of
    capitalised name words nearest the cue is the name (a lone surname never is:
    "for mentioning Chen" reads as if the note named someone else).
    """
    words = safe[start:end].split()
    if backwards:
        # The name pattern may run into the cue's own first words ("Sofie Claes m'a" before
        # "parlé de vous"): lower-case words next to the cue are not part of the name.
        while words and not words[-1][:1].isupper():
            words.pop()
        words.reverse()
    run: list[str] = []
    for index, word in enumerate(words):
        word = word.strip(",.;:!?")
        inside = index + 1 < len(words) and words[index + 1][:1].isupper()
        if run and inside and word in _PARTICLES:
            run.append(word)  # "Johan van Wyk", "Ana da Silva": the particle stays
            continue
        if not word[:1].isupper() or not all(ch.isalpha() or ch in "'-" for ch in word):
            break
        run.append(word)
    if backwards:
        run.reverse()
    while run and not is_name_word(run[0], lang):
        run.pop(0)
    return " ".join(run) if run else None


def mutual_contacts(safe: str, lex: Lexicon, exclude: tuple[str | None, ...]) -> list[Reference]:

    folded = fold_aligned(safe)
    out: list[Reference] = []
    for regex, backwards in ((lex.mutual_after, False), (lex.mutual_before, True)):
        for match in regex.finditer(folded):
            if backwards:
                closing = safe[match.end(1) : match.end(1) + 1] == ")"
                aside = _person_before_aside(safe[: match.end(1) + closing], lex)
                if aside:
                    out.append(
                        Reference(
                            kind="mutual", topic=aside, evidence=safe[match.start() : match.end()]
                        )
                    )
                    continue
            adjacent = not backwards or _next_to_cue(safe[match.start(1) : match.end(1)], lex)
            name = _full_name(safe, match.start(1), match.end(1), lex.lang, backwards=backwards)
            if backwards:
                # "Sandrine Morel de l'ADMR de Haute-Saône m'a conseillé", "Dr. Menon from
                # the Kerala Sahitya Akademi gave me your name", "Julie Bergeron, de
                # l'Alliance, qui m'a suggéré": the words before the cue are the contact's
                # organisation; the contact is the person before it.
                at = safe.find(name, match.start(1)) if name and adjacent else -1
                before = safe[: at if at >= 0 else match.end(1)]
                person = _person_before_affiliation(before, lex)
                if person is None and (not adjacent or _after_place_word(before, lex)):
                    continue  # "in the Eagle Ford and you mentioned", "de Dakar m'a donné"
                name = person or _with_first_name(before, name)
            if name and not any(_same(name.split()[0], other) for other in exclude):
                out.append(
                    Reference(kind="mutual", topic=name, evidence=safe[match.start() : match.end()])
                )
    if not out:
        cue = lex.mutual_cue.search(folded)
        if cue:
            out.append(Reference(kind="mutual", evidence=safe[cue.start() : cue.end()]))
    return out


# A person, then "from", "at", "de", "chez" ... and their organisation, in the same clause
# ("Linda Castillo at Summit", "Sandrine Morel de l'ADMR de"): bounded runs, read on the
# last 120 characters only.
_AFFILIATION = compile_cached(
    r"((?:[A-ZÀ-ÖØ-Þ][\w'-]+\.?[ ]){0,2}[A-ZÀ-ÖØ-Þ][\w'-]+),?[ ]"
    r"(?:from|at|of|with|de|du|des|chez|d'|de la|de l')[ ]?[^.!?;:\n]{0,80}$"
)


_FIRST_NAMES_BEFORE = compile_cached(r"(?:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'-]+[ ]){1,2}$")


def _next_to_cue(window: str, lex: Lexicon) -> bool:
    """Whether the words before a "<Name> suggested" cue end on the name itself.

    Lower-case words may stand between them only when they open the cue ("Sofie Claes
    m'a parlé de vous"); otherwise the capitalised words belong to another clause:
    "ESP failures in the Eagle Ford and you mentioned" names a basin, "de Dakar samedi
    m'a donné des frissons" a city, and neither introduced the two.
    """
    words = window.split()
    trailing = []
    while words and not words[-1][:1].isupper():
        trailing.append(fold(words.pop()))
    return all(word in lex.mutual_lead for word in trailing)


_ASIDE = compile_cached(r"((?:[A-ZÀ-ÖØ-Þ][\w'-]+[ ]){1,3})\([^()]{1,120}\)[ ,]*$")


def _person_before_aside(text: str, lex: Lexicon) -> str | None:
    """The contact named right before an aside in parentheses and the cue: "c'est Marie-Claude
    Guillou (directrice de l'EHPAD Ty Maen à Quimper) qui m'a conseillé", "Sarah Chen (our old
    team lead) suggested". ``text`` runs up to the cue; after the aside, only the cue's own
    first words may stand ("qui")."""
    cut = text.rfind(")")
    if cut < 0:
        return None
    after = text[cut + 1 :].replace(",", " ").split()
    if not all(fold(w) in lex.mutual_lead for w in after):
        return None
    found = _ASIDE.search(text[: cut + 1])
    if found is None:
        return None
    words = found.group(1).split()
    while words and "'" in words[0]:
        words.pop(0)  # "C'est Marie-Claude Guillou (...)"
    if not words or not is_name_word(words[0], lex.lang):
        return None
    return " ".join(words)


def _after_place_word(before: str, lex: Lexicon) -> bool:
    """Whether the text before a contact's name ends on a preposition of place."""
    words = before.split()
    return bool(words) and fold(words[-1]).strip(",") in lex.place_words


def _with_first_name(before: str, name: str | None) -> str | None:
    """A lone surname the cue's three-word window cut off ("Morel" in "Sandrine Morel de
    l'ADMR m'a conseillé") gets back the capitalised words just before it."""
    if not name or " " in name:
        return name
    found = _FIRST_NAMES_BEFORE.search(before[-60:])
    return f"{found.group(0)}{name}" if found else name


def _person_before_affiliation(before: str, lex: Lexicon) -> str | None:
    match = _AFFILIATION.search(before[-120:])
    if match is None:
        return None
    found = match.group(1).split()
    while found and "'" in found[0]:
        found.pop(0)  # "C'est Julie Bergeron, de ...": the elided verb opens the sentence
    words = [w for w in found if fold_aligned(w).rstrip(".") not in titles(lex.lang)]
    if not words or not is_name_word(words[0].rstrip("."), lex.lang):
        return None
    if len(words) == 1 and len(found) > 1:
        return " ".join(found)  # "Dr. Menon": a lone surname keeps its title
    return " ".join(words)


def interests(safe: str, lex: Lexicon) -> list[Reference]:

    folded = fold_aligned(safe)
    out: list[Reference] = []
    for match in lex.interest.finditer(folded):
        raw = whole_phrase(cut_topic(safe[match.start("topic") : match.end("topic")], lex), lex)
        topic = sanitise_topic(raw, lex.lang, max_words=8) if raw else None
        if topic:
            out.append(
                Reference(
                    kind="other",
                    topic=topic,
                    evidence=safe[match.start() : match.end("topic")][:120],
                    source="interest",
                )
            )
    return out
