"""The shipped suite and the case loader: what a suite author relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.errors import InputError
from tactful.evals.cases import Assertion, load_suite
from tests.evals_fakes import case, write_suite

# The kinds of notes issue 5 asks the suite to cover.
REQUIRED = {
    "content", "event", "group", "mutual", "recruiter", "student", "collaboration",
    "sales", "stock", "emoji", "formal", "tu", "injection", "near_empty",
}  # fmt: skip


def test_shipped_suite_is_versioned_and_covers_every_kind_of_note() -> None:
    suite = load_suite()
    assert suite.version and suite.version != "unversioned"
    assert len(suite.cases) >= 100
    assert set(suite.categories()) >= REQUIRED
    for lang in ("fr", "en"):
        assert sum(1 for c in suite.cases if c.lang == lang) >= 45
    assert all(c.lang == "fr" for c in suite.cases if c.category == "tu")


def test_shipped_injection_and_sales_cases_carry_hard_not_contains() -> None:
    suite = load_suite()
    for c in suite.cases:
        if c.category in ("injection", "sales"):
            hard = [a for a in c.assertions if a.type == "not_contains" and a.is_hard]
            assert hard, f"{c.id} has no hard not_contains"


def test_defaults_apply_by_style_and_inviter_only_when_known(tmp_path: Path) -> None:
    toml = 'version = "v"\n[[defaults]]\ntype = "inviter_named"\n\n' + (
        '[[defaults]]\ntype = "sentences"\nvalue = 2\nstyle = "short"\n'
    )
    write_suite(tmp_path, [case("a", inviter="Lee"), case("b")], toml)
    suite = load_suite(tmp_path)
    a, b = suite.cases
    assert [x.type for x in a.assertions_for("short", suite.defaults)] == [
        "inviter_named",
        "sentences",
    ]
    assert [x.type for x in a.assertions_for("long", suite.defaults)] == ["inviter_named"]
    assert b.assertions_for("long", suite.defaults) == []


def test_hard_defaults_follow_the_type() -> None:
    assert Assertion(type="not_contains", value=["x"]).is_hard
    assert Assertion(type="no_pitch").is_hard
    assert not Assertion(type="not_contains", value=["x"], hard=False).is_hard
    assert not Assertion(type="mentions_any", value=["x"]).is_hard


@pytest.mark.parametrize(
    ("bad", "needle"),
    [
        ({"assertions": [{"type": "mentions_any"}]}, "non-empty list"),
        ({"assertions": [{"type": "sentences", "value": 0}]}, "positive integer"),
        ({"assertions": [{"type": "shouts"}]}, "assertions.0.type"),
        ({"lang": "de"}, "lang"),
        ({"invitation": ""}, "invitation"),
    ],
)
def test_a_bad_case_is_reported_with_file_and_line(
    tmp_path: Path, bad: dict[str, object], needle: str
) -> None:
    write_suite(tmp_path, [case("ok"), {**case("bad"), **bad}])
    with pytest.raises(InputError) as info:
        load_suite(tmp_path)
    assert "cases.jsonl:2" in info.value.message
    assert needle in info.value.message


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    write_suite(tmp_path, [case("same"), case("same")])
    with pytest.raises(InputError, match="already used"):
        load_suite(tmp_path)


def test_a_single_file_loads_with_its_folder_suite_toml(tmp_path: Path) -> None:
    write_suite(tmp_path, [case("one")])
    suite = load_suite(tmp_path / "cases.jsonl")
    assert suite.version == "t-1" and [c.id for c in suite.cases] == ["one"]
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "x.jsonl").write_text(json.dumps(case("two")) + "\n", encoding="utf-8")
    unversioned = load_suite(loose / "x.jsonl")
    assert unversioned.version == "unversioned"
    # Without its own suite.toml a file gets the shipped defaults: the product's contract.
    assert unversioned.defaults == load_suite().defaults


def test_filter_keeps_categories_and_names_unknown_ones(tmp_path: Path) -> None:
    write_suite(tmp_path, [case("a", "sales"), case("b", "stock")])
    suite = load_suite(tmp_path)
    assert [c.id for c in suite.only(["stock"]).cases] == ["b"]
    with pytest.raises(InputError, match="unknown category nope; the suite has: sales, stock"):
        suite.only(["nope"])
