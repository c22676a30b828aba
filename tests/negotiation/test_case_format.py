"""parse_case: the contract subset accepted unchanged, every malformation named by its field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from negotiation.case_format import MAX_GRID_POINTS, parse_case
from negotiation.errors import InvalidCase
from tests.builders.contract import CONTRACT_EXAMPLE


def test_contract_example_parses() -> None:
    case = parse_case(CONTRACT_EXAMPLE)
    assert [i.name for i in case.issues] == ["price", "delivery"]
    assert case.party("seller").reservation == 0.3
    assert case.party("buyer").reservation == 0.0
    assert case.party("seller").utility({"price": "3.87", "delivery": "30 days"}) == pytest.approx(
        0.7 * 0.8 + 0.3 * 0.6
    )
    assert case.issues[0].numeric is None


Mutation = Callable[[dict[str, Any]], object]

BAD: list[tuple[str, Mutation, str]] = [
    ("missing issues", lambda d: d.pop("issues"), "issues"),
    ("unknown top key", lambda d: d.update({"extra": 1}), "extra"),
    ("no issues", lambda d: d.update({"issues": []}), "issues"),
    ("one party", lambda d: d["parties"].pop(), "parties"),
    ("duplicate issue", lambda d: d["issues"].append(dict(d["issues"][0])), "issues[2]"),
    (
        "duplicate option",
        lambda d: d["issues"][1]["options"].append("20 days"),
        "issues[1].options[3]",
    ),
    ("empty options", lambda d: d["issues"][1].update({"options": []}), "issues[1].options"),
    (
        "option not a string",
        lambda d: d["issues"][1]["options"].__setitem__(0, 20),
        "issues[1].options[0]",
    ),
    ("duplicate party", lambda d: d["parties"][1].update({"name": "seller"}), "parties[1]"),
    (
        "missing weight",
        lambda d: d["parties"][1]["weights"].pop("price"),
        "parties[1].weights.price",
    ),
    (
        "unknown weight",
        lambda d: d["parties"][1]["weights"].update({"colour": 0.0}),
        "parties[1].weights.colour",
    ),
    (
        "weights sum",
        lambda d: d["parties"][1]["weights"].update({"price": 0.6}),
        "parties[1].weights",
    ),
    (
        "negative weight",
        lambda d: d["parties"][1]["weights"].update({"price": -0.5, "delivery": 1.5}),
        "parties[1].weights.price",
    ),
    (
        "weight is bool",
        lambda d: d["parties"][1]["weights"].update({"price": True}),
        "parties[1].weights.price",
    ),
    (
        "utility above 1",
        lambda d: d["parties"][0]["utilities"]["price"].update({"4.07": 1.5}),
        "parties[0].utilities.price.4.07",
    ),
    (
        "utility nan",
        lambda d: d["parties"][0]["utilities"]["price"].update({"4.07": float("nan")}),
        "parties[0].utilities.price.4.07",
    ),
    (
        "missing utility",
        lambda d: d["parties"][0]["utilities"]["price"].pop("4.07"),
        "parties[0].utilities.price.4.07",
    ),
    (
        "unknown option",
        lambda d: d["parties"][0]["utilities"]["price"].update({"9.99": 0.5}),
        "parties[0].utilities.price.9.99",
    ),
    (
        "missing issue utilities",
        lambda d: d["parties"][0]["utilities"].pop("delivery"),
        "parties[0].utilities.delivery",
    ),
    (
        "reservation above 1",
        lambda d: d["parties"][0].update({"reservation": 1.2}),
        "parties[0].reservation",
    ),
    (
        "reservation negative",
        lambda d: d["parties"][0].update({"reservation": -0.1}),
        "parties[0].reservation",
    ),
    (
        "misspelt key",
        lambda d: d["parties"][0].update({"reservaton": 0.5}),
        "parties[0].reservaton",
    ),
    (
        "unknown hard-limit option",
        lambda d: d["parties"][0].update({"unacceptable": {"price": ["1.00"]}}),
        "parties[0].unacceptable.price[0]",
    ),
    (
        "unknown hard-limit issue",
        lambda d: d["parties"][0].update({"unacceptable": {"colour": ["red"]}}),
        "parties[0].unacceptable.colour",
    ),
    (
        "options and range",
        lambda d: d["issues"][0].update({"range": {"min": 0, "max": 1, "step": 1}}),
        "issues[0]",
    ),
]


@pytest.mark.parametrize(("label", "mutate", "field"), BAD, ids=[b[0] for b in BAD])
def test_malformed_cases_name_the_field(label: str, mutate: Mutation, field: str) -> None:
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    mutate(data)
    with pytest.raises(InvalidCase) as error:
        parse_case(data)
    assert error.value.field == field, (label, str(error.value))
    assert field in str(error.value)


@pytest.mark.parametrize("value", [None, [], "case", 3])
def test_non_object_is_rejected(value: object) -> None:
    with pytest.raises(InvalidCase):
        parse_case(value)


def _range_case(utilities: object, unacceptable: object = None) -> dict[str, Any]:
    party: dict[str, Any] = {
        "name": "claimant",
        "weights": {"amount": 1.0},
        "utilities": {"amount": utilities},
    }
    if unacceptable is not None:
        party["unacceptable"] = unacceptable
    other = {
        "name": "respondent",
        "weights": {"amount": 1.0},
        "utilities": {"amount": {"points": [[0, 1.0], [500000, 0.0]]}},
    }
    return {
        "issues": [
            {"name": "amount", "range": {"min": 0, "max": 500000, "step": 100000, "unit": "KZT"}}
        ],
        "parties": [party, other],
    }


def test_range_issue_with_points_and_hard_limits() -> None:
    case = parse_case(
        _range_case({"points": [[100000, 0.0], [300000, 1.0]]}, {"amount": [0, "100000"]})
    )
    issue = case.issues[0]
    assert issue.options == ("0", "100000", "200000", "300000", "400000", "500000")
    assert issue.numeric is not None and issue.numeric.unit == "KZT"
    claimant = case.party("claimant")
    assert [claimant.utilities["amount"][o] for o in issue.options] == [0, 0, 0.5, 1, 1, 1]
    assert claimant.unacceptable["amount"] == frozenset({"0", "100000"})
    assert case.party("respondent").utilities["amount"]["200000"] == pytest.approx(0.6)


def test_range_issue_accepts_a_per_option_map() -> None:
    table = {o: 0.5 for o in ("0", "100000", "200000", "300000", "400000", "500000")}
    assert parse_case(_range_case(table)).party("claimant").utilities["amount"]["0"] == 0.5


@pytest.mark.parametrize(
    ("utilities", "field"),
    [
        ({"points": []}, "parties[0].utilities.amount.points"),
        ({"points": [[0, 0.5], [0, 0.7]]}, "parties[0].utilities.amount.points[1][0]"),
        ({"points": [[0, 1.5]]}, "parties[0].utilities.amount.points[0][1]"),
        ({"points": [[0]]}, "parties[0].utilities.amount.points[0]"),
        ({"points": [[0, 0.5]], "extra": 1}, "parties[0].utilities.amount.extra"),
    ],
)
def test_bad_points_name_the_field(utilities: object, field: str) -> None:
    with pytest.raises(InvalidCase) as error:
        parse_case(_range_case(utilities))
    assert error.value.field == field


def test_grid_is_capped() -> None:
    data = _range_case({"points": [[0, 0.0]]})
    data["issues"][0]["range"]["step"] = 500000 / MAX_GRID_POINTS
    with pytest.raises(InvalidCase) as error:
        parse_case(data)
    assert error.value.field == "issues[0].range.step"


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"step": 0}, "issues[0].range.step"),
        ({"max": -1}, "issues[0].range.max"),
        ({"unit": 5}, "issues[0].range.unit"),
        ({"min": "0"}, "issues[0].range.min"),
    ],
)
def test_bad_ranges_name_the_field(patch: dict[str, object], field: str) -> None:
    data = _range_case({"points": [[0, 0.0]]})
    data["issues"][0]["range"].update(patch)
    with pytest.raises(InvalidCase) as error:
        parse_case(data)
    assert error.value.field == field


def test_hard_limit_off_the_grid_is_rejected() -> None:
    with pytest.raises(InvalidCase) as error:
        parse_case(_range_case({"points": [[0, 0.0]]}, {"amount": [150000]}))
    assert error.value.field == "parties[0].unacceptable.amount[0]"
