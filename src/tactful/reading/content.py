"""The user's own content a note names: "your article on remote onboarding", "ta
conférence sur l'IA", "your newsletter Growth Loops Weekly".

Built on ``cues`` and ``lexicon`` (the nouns, the possessive patterns) and ``salient``
(complements when the note names no topic right after the noun), so it sits above both.
"""

from __future__ import annotations

import re

from tactful.reading.cues import cut_topic, sanitise_topic, trim_name
from tactful.reading.lexicon import Lexicon
from tactful.reading.note import Reference
from tactful.reading.salient import complement_topic, noun_complement
from tactful.text import fold, fold_aligned


def _topic_after(tail: str, lex: Lexicon) -> str | None:
    match = lex.preposition.match(fold_aligned(tail))
    if match is None:
        return None
    prefix = lex.prefixes.get(" ".join(match.group("prep").split()), "")
    raw = tail[match.start("topic") :]
    topic = cut_topic(raw, lex)
    if not topic:
        return None
    return sanitise_topic(prefix + topic, lex.lang)


def content_references(safe: str, lex: Lexicon) -> list[Reference]:
    """The user's content the note names, with its topic when the note gives one.

    The topic is the complement after the noun ("your article on X"), else the noun's own
    complement ("your walkthrough of X") or any complement in the rest of the sentence
    (``tactful.reading.salient``), else a title in apposition ("your newsletter Growth Loops").
    """

    folded = fold_aligned(safe)
    out: list[Reference] = []
    for regex in (lex.possessive_ref, lex.you_ref):
        for match in regex.finditer(folded):
            if match.start() > 0 and folded[match.start() - 1].isalnum():
                continue
            form = " ".join(match.group("noun").split())
            noun = lex.nouns[form]
            tail = safe[match.start("tail") : match.end("tail")]
            topic = _topic_after(tail, lex)
            preposition = None
            if topic is None:
                # "your walkthrough of X"; "your podcast with Dr. Okafor on X"
                found = noun_complement(tail, lex)
                topic, preposition = found if found else (complement_topic(tail, lex), None)
            if topic is None:
                topic = _apposed_title(tail, lex)
                preposition = "" if topic else None
            out.append(
                Reference(
                    kind=noun.kind,
                    topic=topic,
                    evidence=safe[match.start() : match.start("tail")].strip()
                    + (f" … {topic}" if topic else ""),
                    noun=noun.singular,
                    plural=form == fold(noun.plural) and noun.plural != noun.singular,
                    preposition=preposition,
                )
            )
    return out


def _apposed_title(tail: str, lex: Lexicon) -> str | None:
    """A title right after the noun: "your newsletter Growth Loops Weekly", "ton podcast X".

    Two capitalised words at least, so a lone "Thanks" after "your post" is no title.
    """
    match = re.match(rf"[ ]+[«“\"]?[ ]?({lex.name_seq.pattern})", tail)
    if match is None:
        return None
    name = trim_name(match.group(1), lex)
    if len(name.split()) < 2:
        return None
    return sanitise_topic(name, lex.lang, max_words=8, proper=True)
