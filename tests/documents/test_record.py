"""The settlement record refuses what a court could read two ways; canonical JSON is unique."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from odr.documents import SettlementRecord, canonical_json, money, record_sha256
from odr.documents.canonical import CanonicalJsonError
from odr.documents.example import example_record, example_record_data


def test_example_round_trips_through_canonical_json() -> None:
    record = example_record()
    data = canonical_json(record)
    again = SettlementRecord.model_validate_json(data)
    assert again == record
    assert canonical_json(again) == data
    assert data.startswith(b'{"agreed_package":')  # keys sorted, no whitespace
    assert b'"schema":"https://kelisim.kz/schemas/settlement/1"' in data


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(example_record_data())
    target = data
    for part in path[:-1]:
        target = target[part]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("obligations", 0, "instalments", 2, "amount"), "500000.00", "add up to"),
        (("obligations", 0, "instalments", 1, "due_date"), date(2025, 4, 1), "strictly increase"),
        (("obligations", 0, "due_date"), date(2025, 6, 1), "after the due date"),
        (("obligations", 0, "amount"), 1800000.0, "string"),
        (("obligations", 0, "amount"), "1800000", "pattern"),
        (("obligations", 1, "description"), "Подписать акт в разумный срок", "vague"),
        (("obligations", 1, "method"), "promptly by courier", "vague"),
        (("obligations", 1, "creditor"), "claimant", "both claimant"),
        (("obligations", 1, "number"), 3, "numbered"),
        (("obligations", 0, "kind"), "barter", "payment"),
        (("obligations", 1, "due_date"), "2025-03-31", "date"),
        (("obligations", 1, "due_date"), date(2025, 3, 1), "falls due before"),
        (("parties", 0, "iin"), "900712400452", "check digit"),
        (("parties", 1, "bin"), "150540001234", "check digit"),
        (("parties", 1, "role"), "claimant", "one claimant and one respondent"),
        (
            ("parties", 0, "representative", "power_of_attorney", "settlement_authority"),
            False,
            "Input should be True",
        ),
        (("court",), None, "needs the court"),
        (("kind",), "mediation_agreement_out_of_court", "names no court"),
        (("mediator",), None, "live_mediator"),
        (("statements", "capacity"), False, "Input should be True"),
        (("prevailing_language",), "en", "not in languages"),
        (("languages",), ["kk", "kk"], "repeat"),
        (("default_terms", "enforcement_writ"), False, "Input should be True"),
        (("default_terms", "penalty_percent_per_day"), "0.10", "pattern"),
        (("procedure", "event_log_sha256"), "ABC", "pattern"),
        (("place",), " Алматы", "whitespace"),
        (("subject", "claim_amount"), "-5.00", "pattern"),
        (("confidentiality",), KeyError, "required"),
        (("surprise",), 1, "Extra inputs"),
    ],
)
def test_record_rules(path: tuple[Any, ...], value: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SettlementRecord.model_validate(_broken(path, value))


def test_timestamps_are_stored_in_utc() -> None:
    from datetime import datetime, timedelta, timezone

    almaty = timezone(timedelta(hours=5))
    record = example_record(
        case={
            **example_record_data()["case"],
            "opened_at": datetime(2025, 2, 20, 14, 30, tzinfo=almaty),
        }
    )
    assert canonical_json(record.case).find(b'"opened_at":"2025-02-20T09:30:00Z"') >= 0
    assert record_sha256(record) == record_sha256(example_record())


def test_any_change_changes_the_hash() -> None:
    base = record_sha256(example_record())
    assert record_sha256(example_record(copies=4)) != base
    assert record_sha256(example_record(place="Астана")) != base


def test_canonical_json_refuses_what_has_no_single_spelling() -> None:
    with pytest.raises(CanonicalJsonError, match="float"):
        canonical_json({"amount": 1.5})
    with pytest.raises(CanonicalJsonError, match="too large"):
        canonical_json({"n": 2**60})
    with pytest.raises(CanonicalJsonError, match="key"):
        canonical_json({1: "x"})
    with pytest.raises(CanonicalJsonError, match="Unicode"):
        canonical_json({"s": "\ud800"})
    assert canonical_json({"b": [1, True, None], "a": 'ә\n"', "\u00e9": 0, "z": {}}) == (
        '{"a":"ә\\n\\"","b":[1,true,null],"z":{},"é":0}'.encode()
    )


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_canonical_json_is_json_and_order_independent(value: Any) -> None:
    import json

    try:
        encoded = canonical_json(value)
    except CanonicalJsonError:
        return  # lone surrogates in generated text
    assert json.loads(encoded) == value
    if isinstance(value, dict):
        assert canonical_json(dict(reversed(list(value.items())))) == encoded


@pytest.mark.parametrize(
    ("given_value", "spelled"), [(1800000, "1800000.00"), ("12.5", "12.50"), ("0", "0.00")]
)
def test_money_helper_spells_amounts_canonically(given_value: Any, spelled: str) -> None:
    assert money(given_value) == spelled


@pytest.mark.parametrize("bad", ["-1", "1.005", "abc", "NaN", "1e30"])
def test_money_helper_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        money(bad)
