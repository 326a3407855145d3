"""The role model: who the inviter is, read from the whole note's words (issue 12)."""

from __future__ import annotations

import math
from array import array
from dataclasses import replace

import pytest

from tactful.pipeline import rewrite
from tactful.reading import role_model
from tactful.reading.analysis import read_note
from tactful.selling import Sparse, buckets
from tests.training import training_script


def _model_for(text: str, favoured: str, *, chance: float = 0.999) -> role_model.Model:
    """A model that reads ``text`` as ``favoured`` with probability ``chance``."""
    shipped = role_model.model()
    keys = array("I", sorted(buckets(text, "note")))
    others = len(shipped.roles) - 1
    strength = math.log(chance / (1 - chance) * others) / (
        len(keys) * role_model.feature_value(len(keys))
    )
    row = [strength if role == favoured else 0.0 for role in shipped.roles]
    return replace(shipped, table=Sparse(keys, array("f", row * len(keys)), len(row)))


@pytest.mark.slow
def test_the_shipped_weights_are_what_the_labelled_notes_train() -> None:
    """Nobody hand-edits weights; a new labelled round without a rebuild is caught here."""
    trainer = training_script("train_roles")
    shipped = role_model.model()
    rebuilt = role_model.decode(trainer.build(trainer.load(), shipped.roles), shipped.roles)
    assert list(rebuilt.buckets) == list(shipped.table.buckets)
    pairs = zip(rebuilt.values, shipped.table.values, strict=True)
    assert max(abs(a - b) for a, b in pairs) < 1e-4


def test_the_shipped_file_has_one_row_per_bucket_for_every_role() -> None:
    shipped = role_model.model()
    table = shipped.table
    assert (
        len(table.values)
        == len(table.buckets) * len(shipped.roles)
        == len(table.buckets) * table.width
    )
    assert list(table.buckets) == sorted(set(table.buckets))
    chances = role_model.probabilities("Hi Ana, great talk at the meetup! - Jo")
    assert set(chances) == set(shipped.roles)
    assert abs(sum(chances.values()) - 1.0) < 1e-6


def test_a_sure_model_wins_over_the_cue_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Hi Ana, we are lining up speakers for the spring clinic. Jo"
    fake = _model_for(text, "organiser")
    monkeypatch.setattr(role_model, "model", lambda: fake)
    assert (
        role_model.learnt_role(role_model.sure_role(text), fallback="peer", hiring=False)
        == "organiser"
    )


@pytest.mark.parametrize("favoured", ["seller", "generic"])
def test_the_model_never_makes_a_seller_or_a_stock_line(
    monkeypatch: pytest.MonkeyPatch, favoured: str
) -> None:
    """Selling and stock lines are their own detectors' calls: a compliment read as a sale
    would get a reply that thanks for nothing."""
    text = "Hi Ana, your post on pallet racking safety was spot on. Jo"
    fake = _model_for(text, favoured)
    monkeypatch.setattr(role_model, "model", lambda: fake)
    assert role_model.learnt_role(role_model.sure_role(text), fallback="fan", hiring=False) == "fan"


def test_below_the_threshold_the_cue_reading_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Hi Ana, nice to see your name pop up. Jo"
    fake = _model_for(text, "recruiter", chance=0.3)
    monkeypatch.setattr(role_model, "model", lambda: fake)
    assert (
        role_model.learnt_role(role_model.sure_role(text), fallback="peer", hiring=True) == "peer"
    )


@pytest.mark.parametrize(
    ("note", "role"),
    [
        (
            "Hey Maria, I'm filling a Warehouse Shift Lead spot for a client near Leeds, "
            "nights, decent pay. Got 10 minutes this week to hear about it? Dan",
            "recruiter",
        ),
        (
            "Hi Tom, I'm in second year of a quantity surveying degree at Salford and "
            "trying to work out which side of the industry to aim for. Could I ask you "
            "a couple of questions about your route? Thanks, Aisha",
            "student",
        ),
        (
            "Bonjour Mme Perrin, je coordonne la journée des aidants du 14 mars à Rennes et "
            "nous aimerions beaucoup vous entendre sur la table ronde de l'après-midi. "
            "Seriez-vous disponible ? Claire Morvan",
            "organiser",
        ),
    ],
)
def test_fresh_notes_without_the_cue_words_are_read_by_who_asks(note: str, role: str) -> None:
    """Notes written for this test, never trained on: the words around the ask carry
    the role where no cue phrase does."""
    assert read_note(note).role == role


def test_a_recruiter_without_cue_words_is_not_asked_what_brings_them() -> None:
    note = (
        "Hey Maria, I'm filling a Warehouse Shift Lead spot for a client near Leeds, "
        "nights, decent pay. Got 10 minutes this week to hear about it? Dan"
    )
    for style in ("long", "short"):
        message = rewrite(note, style=style, engine="offline").message.lower()
        assert "what brings you" not in message
        assert "in a group" not in message


def test_a_candidate_needs_a_note_that_speaks_of_hiring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A candidate is thanked for their interest in the role: false without one."""
    text = "Hi Ana, just finished a UX bootcamp, could you look at my portfolio? Jo"
    fake = _model_for(text, "candidate")
    monkeypatch.setattr(role_model, "model", lambda: fake)
    assert (
        role_model.learnt_role(role_model.sure_role(text), fallback="peer", hiring=False) == "peer"
    )
    assert (
        role_model.learnt_role(role_model.sure_role(text), fallback="peer", hiring=True)
        == "candidate"
    )


@pytest.mark.parametrize(
    "note",
    [
        "Dear Dr. Mensah, your article on antibiotic dosing in rural clinics was so clear. We "
        "now use your checklist at our ward in Tamale and the nurses love it. I would be "
        "honoured to connect. Akosua",
        "Hi Dr Lee, my client is a mixed vet practice near Darwin needing locum cover from "
        "March: small animal and some equine, housing supplied, AUD 1,000/day. Reply here or "
        "I can give you a call. Jess Moore | Locum Consultant, Top End Vet Staffing",
    ],
)
def test_a_note_the_model_surely_reads_as_no_sale_is_not_sold(note: str) -> None:
    """Fresh notes with no pitch cue of their own: the detector's words alone ("honoured",
    "reply here", a day rate) do not make a fan or an agency recruiter a seller."""
    reading = read_note(note)
    assert reading.purpose != "selling" and reading.role != "seller"


def test_a_pitch_cue_still_makes_a_sale_whatever_the_model_reads() -> None:
    note = (
        "Hi Dr Lee, loved your article on dosing! We help clinics cut stock costs by 30% with "
        "our platform. Open to a quick demo next week? Book here: calendly.com/x"
    )
    assert read_note(note).purpose == "selling"
