"""solve_contract: exactly the contract's output object."""

from __future__ import annotations

import copy
import json

import pytest

from negotiation.contract import solve_contract
from negotiation.errors import InvalidCase
from tests.builders.contract import CONTRACT_EXAMPLE


def test_output_shape_and_order() -> None:
    result = solve_contract(CONTRACT_EXAMPLE, time_limit_s=10, num_workers=2)
    assert set(result) == {"acceptable", "packages"}
    assert result["acceptable"] is True
    packages = result["packages"]
    assert isinstance(packages, list)
    criteria = [p["criterion"] for p in packages]
    assert criteria[:3] == ["nash", "kalai_smorodinsky", "utilitarian"]
    assert all(c == "alternative" for c in criteria[3:])
    for package in packages:
        assert set(package) == {"criterion", "choice", "utilities"}
        assert set(package["choice"]) == {"price", "delivery"}
        assert set(package["utilities"]) == {"seller", "buyer"}
    choices = [json.dumps(p["choice"], sort_keys=True) for p in packages[3:]]
    assert len(set(choices)) == len(choices)
    json.dumps(result)  # serialisable as is


def test_utilities_are_full_precision_recomputed_floats() -> None:
    result = solve_contract(CONTRACT_EXAMPLE)
    seller = CONTRACT_EXAMPLE["parties"][0]
    for package in result["packages"]:  # type: ignore[attr-defined]
        choice = package["choice"]
        expected = sum(seller["weights"][i] * seller["utilities"][i][o] for i, o in choice.items())
        assert package["utilities"]["seller"] == expected


def test_no_acceptable_package() -> None:
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    data["parties"][0]["reservation"] = 1.0
    data["parties"][1]["reservation"] = 1.0
    assert solve_contract(data) == {"acceptable": False, "packages": []}


def test_invalid_case_raises_with_field() -> None:
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    data["parties"][1]["weights"]["price"] = 0.9
    with pytest.raises(InvalidCase) as error:
        solve_contract(data)
    assert error.value.field == "parties[1].weights"
