from __future__ import annotations

import io
import re
import unicodedata

import pytest

from tactful.errors import InputError
from tactful.text import MAX_CHARS, detect_language, normalise, read_input, sentences


def test_reads_argument_and_stdin() -> None:
    assert read_input("hello") == "hello"
    assert read_input("-", io.BytesIO("Bonjour Élodie".encode())) == "Bonjour Élodie"


@pytest.mark.parametrize("raw", [b"", b"   \n\t "])
def test_empty_input_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        read_input("-", io.BytesIO(raw))


def test_huge_input_is_refused() -> None:
    with pytest.raises(InputError, match="20,000"):
        read_input("x" * (MAX_CHARS + 1))


def test_invalid_utf8_is_refused_with_advice() -> None:
    with pytest.raises(InputError, match="UTF-8"):
        read_input("-", io.BytesIO(b"caf\xe9 cr\xe8me"))


def test_normalise_unifies_apostrophes_and_spaces() -> None:
    assert normalise("J\u2019ai\u00a0 lu  votre article ") == "J'ai lu votre article"


def _normalise_in_full(text: str) -> str:
    """``normalise`` as written before its ASCII fast path."""
    text = unicodedata.normalize("NFC", text).translate({0x2019: "'"})
    lines = [re.sub(r"[ \t\u00a0\u202f\u2009]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


@pytest.mark.parametrize(
    "text", ["  Hi \t there  ", "Hi  there,\n Bye ", "line\x0bbreak", "tab\tend\t", "", " \t "]
)
def test_normalise_of_ascii_text_is_what_the_full_path_gives(text: str) -> None:
    """A one-line ASCII text skips NFC and the line split: it must come out the same."""
    assert normalise(text) == _normalise_in_full(text)


def test_sentences_keep_greeting_lines_apart() -> None:
    parts = sentences("Hi Lee,\n\nThanks for your note, e.g. about my talk. I keep it small!")
    assert parts == ["Hi Lee,", "Thanks for your note, e.g. about my talk.", "I keep it small!"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'd like to add you to my professional network.", "en"),
        ("J'aimerais faire partie de votre réseau professionnel.", "fr"),
        ("j aimerais faire partie de ton reseau", "fr"),
        ("Hola, me gustaría agregarte a mi red profesional.", None),
        ("Hallo, ich würde dich gerne zu meinem Netzwerk hinzufügen.", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_short_english_note_with_shared_word_is_english() -> None:
    # "on" is both an English preposition and a French pronoun: it must not tie the vote.
    assert detect_language("Hi, great post on Rust. - Kim") == "en"


def test_blank_input_may_be_allowed_where_an_empty_note_means_something() -> None:
    assert read_input("   ", allow_empty=True) == ""
    assert read_input("-", io.BytesIO(b" \n"), allow_empty=True) == ""
    with pytest.raises(InputError, match="UTF-8"):
        read_input("-", io.BytesIO(b"caf\xe9"), allow_empty=True)
