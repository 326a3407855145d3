"""The selling detector (``tactful.selling``): its features, its shipped weights, its verdicts.

The texts here are written for these tests, not taken from the corpus or the eval sets:
they check behaviour a user relies on (a disguised pitch is called selling, a compliment
is not, the evidence is a sentence of the text), not figures, which `tactful eval
selling` measures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful import selling
from tactful.triage import triage_followup, triage_note
from tactful.validation import validate
from tests.helpers import run_cli
from tests.training import training_script

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_shipped_weights_are_what_the_corpus_trains() -> None:
    """Rebuilding from ``training/selling`` gives the shipped file: nobody hand-edits weights,
    and a corpus or cue change without a rebuild is caught here."""
    trainer = training_script("train_selling")
    for model in selling.MODELS:
        rebuilt = selling.decode(trainer.build(model))
        shipped = selling.weights(model)
        # Another machine's last bits may move a weight across the pruning cut: only there.
        for bucket in set(rebuilt) ^ set(shipped):
            weight = rebuilt.get(bucket, shipped.get(bucket, 0.0))
            assert abs(weight) < trainer.PRUNE + 1e-4, (model, bucket, weight)
        common = set(rebuilt) & set(shipped)
        assert len(common) > 0.99 * len(shipped), model
        assert max(abs(rebuilt[b] - shipped[b]) for b in common) < 1e-4, model


def test_the_corpus_rows_are_well_formed_and_both_languages_and_kinds_are_there() -> None:
    rows = [
        json.loads(line)
        for path in sorted((ROOT / "training" / "selling").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(rows) >= 2_000
    assert {(r["lang"], r["domain"], r["selling"]) for r in rows} == {
        (lang, domain, sells)
        for lang in ("en", "fr")
        for domain in ("note", "followup", "reply")
        for sells in (True, False)
    }
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts), "a text is in the corpus twice"


def test_weights_survive_the_file_layout() -> None:
    table = {3: 0.5, 70_000: -1.25, 262_143: 2.0}
    assert selling.decode(selling.encode(table)) == table


def test_features_are_deterministic_and_each_kind_has_its_own_copy() -> None:
    text = "We help clinics cut no-shows by 30%. Open to a quick call?"
    note = selling.features(text, "note")
    assert note == selling.features(text, "note")
    reply = selling.features(text, "reply")
    shared = set(note) & set(reply)
    assert shared and set(note) - shared and set(reply) - shared
    assert all(0 <= bucket < selling.BUCKETS for bucket in note)


def test_accents_and_case_do_not_change_what_is_read() -> None:
    assert selling.features("Réseau PROSPECTION", "note") == selling.features(
        "reseau prospection", "note"
    )


def test_a_huge_text_is_read_to_its_limit_only() -> None:
    word = "synergie " * 50_000
    assert selling.features(word, "note") == selling.features(word[: selling.MAX_CHARS], "note")


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana, your thread on onboarding was spot on. At Loopwise we automate exactly that "
        "for HR teams, 40% fewer drop-offs in month one. Could I show you in 20 minutes?",
        "Bonjour Paul, notre cabinet accompagne les PME industrielles dans la réduction de "
        "leur facture énergétique (jusqu'à -25 %). Seriez-vous disponible pour un échange ?",
    ],
)
def test_a_note_that_presents_its_product_then_asks_for_time_is_sales(text: str) -> None:
    result = triage_note(text)
    assert result.kind == "sales"
    assert result.action == "decline"
    assert result.selling >= 0.5
    evidence = [s.evidence for s in result.signals if s.kind == "selling"]
    assert evidence and evidence[0] in text


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana, your thread on onboarding was spot on; we went through the same at my last "
        "job. Congrats on the new role!",
        "Bonjour Paul, j'ai suivi votre intervention sur la sobriété énergétique au salon de "
        "Lyon, merci pour ce partage très concret.",
    ],
)
def test_a_compliment_with_nothing_to_sell_is_not_sales(text: str) -> None:
    result = triage_note(text)
    assert result.kind != "sales"
    assert result.selling < 0.5


def test_a_followup_that_sells_after_the_decline_is_a_pitch_and_says_where() -> None:
    text = (
        "Completely understand! In the meantime I'll drop our pricing sheet here, we're running "
        "20% off annual plans until Friday: acme.io/pricing"
    )
    result = triage_followup(text)
    assert result.kind == "pitch"
    assert result.action == "ignore"
    assert any(s.kind == "selling" and s.evidence in text for s in result.signals)


def test_a_followup_that_states_a_need_is_not_a_pitch() -> None:
    text = (
        "Thanks for the kind reply. I'm a final-year student hoping to move into data "
        "engineering; if you speak at the next PyData, I'd love to ask you one question there."
    )
    assert triage_followup(text).kind != "pitch"


def test_a_reply_that_sells_the_repliers_own_service_fails_no_pitch_with_a_quote() -> None:
    text = (
        "Hi Sam, thanks for the note about my talk. I keep LinkedIn for people I've met. By the "
        "way, my studio builds Shopify stores from $2,000; happy to send a quote."
    )
    check = validate(text, lang="en").checks["no_pitch"]
    assert not check.passed
    assert check.spans and all(span in text for span in check.spans)


def test_a_reply_thanking_the_inviter_for_their_own_offer_passes_no_pitch() -> None:
    invitation = "Hi, we offer a free 30-day trial of our invoicing tool for small agencies."
    text = (
        "Hi, thanks for telling me about your invoicing tool. I keep LinkedIn for people I've "
        "met in person, so I'll pass, but feel free to say hello at the next local meetup."
    )
    assert validate(text, lang="en", invitation=invitation).checks["no_pitch"].passed


@pytest.mark.slow  # both blind rounds, three times
def test_eval_selling_reports_every_figure_and_gates_on_them() -> None:
    result = run_cli("eval", "selling", "--json", "--max-sales-meet", "5")
    assert result.code == 0, result.stderr
    payload = json.loads(result.stdout)
    figures = {s["name"]: s["figures"] for s in payload["sets"]}
    assert set(figures) == {
        f"{r}{k}" for r in ("", "round2_", "round3_") for k in ("notes", "followups", "replies")
    }
    assert {"sales_recall", "sales_precision", "stock_recall", "sales_meet"} <= set(
        figures["notes"]
    )
    strict = run_cli("eval", "selling", "--set", "round2_notes", "--quiet")
    assert strict.code == (1 if figures["round2_notes"]["sales_meet"] else 0)
    missed = run_cli(
        "eval", "selling", "--set", "replies", "--quiet", "--min", "replies.pitch_recall=1.01"
    )
    assert missed.code == 1
    assert "replies.pitch_recall" in missed.stderr


def test_eval_selling_names_the_figures_when_one_is_unknown() -> None:
    result = run_cli("eval", "selling", "--set", "notes", "--min", "notes.nope=0.5")
    assert result.code == 2
    assert "notes.sales_recall" in result.stderr


def test_the_dense_table_gives_every_bucket_the_weight_bisection_gives() -> None:
    """A process scores its first texts by bisection and later ones from a dense table:
    both must give the same float, or a score would depend on what was scored before."""
    for model in selling.MODELS:
        shipped = selling._shipped(model)
        for domain in selling.DOMAINS:
            table = selling._table(domain, model)
            salt = selling._SALT[domain]
            for bucket in list(shipped.buckets) + [b ^ salt for b in shipped.buckets][:5000]:
                sparse = shipped.weight(bucket) + shipped.weight(bucket ^ salt)
                assert table[bucket] == sparse, (model, domain, bucket)
            assert table[1] == shipped.weight(1) + shipped.weight(1 ^ salt)
