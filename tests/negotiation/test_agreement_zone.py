"""No-agreement advice: each party hears only about its own limits."""

from __future__ import annotations

from typing import Any

import pytest

from negotiation.case_format import parse_case
from negotiation.model import NegotiationCase
from negotiation.optimizer import SolverSettings, propose

SETTINGS = SolverSettings(time_limit_s=10)


def _case(
    seller_reservation: float,
    buyer_reservation: float,
    buyer_utilities: tuple[float, float, float] = (1.0, 0.5, 0.0),
    seller_limits: list[str] | None = None,
) -> NegotiationCase:
    seller: dict[str, Any] = {
        "name": "seller",
        "weights": {"price": 0.8, "terms": 0.2},
        "utilities": {
            "price": {"low": 0.0, "mid": 0.5, "high": 1.0},
            "terms": {"cash": 1.0, "credit": 0.0},
        },
        "reservation": seller_reservation,
    }
    if seller_limits:
        seller["unacceptable"] = {"price": seller_limits}
    low, mid, high = buyer_utilities
    buyer = {
        "name": "buyer",
        "weights": {"price": 0.8, "terms": 0.2},
        "utilities": {
            "price": {"low": low, "mid": mid, "high": high},
            "terms": {"cash": 0.0, "credit": 1.0},
        },
        "reservation": buyer_reservation,
    }
    return parse_case(
        {
            "issues": [
                {"name": "price", "options": ["low", "mid", "high"]},
                {"name": "terms", "options": ["cash", "credit"]},
            ],
            "parties": [seller, buyer],
        }
    )


def test_walk_away_advice_names_only_own_reservation() -> None:
    proposals = propose(_case(0.9, 0.9), SETTINGS)
    assert not proposals.acceptable
    seller = proposals.advice["seller"]
    assert [m.key for m in seller] == ["advice.lower_reservation"]
    assert seller[0].params["current_percent"] == 90
    suggested = seller[0].params["suggested_percent"]
    assert isinstance(suggested, int)
    assert suggested < 90
    relaxed = _case(suggested / 100, 0.9)
    assert propose(relaxed, SETTINGS).acceptable  # the advice really opens an agreement


def test_hard_limit_advice_names_the_option_to_reconsider() -> None:
    proposals = propose(_case(0.0, 0.7, seller_limits=["low", "mid"]), SETTINGS)
    assert not proposals.acceptable
    keys = {m.key: dict(m.params) for m in proposals.advice["seller"]}
    assert keys["advice.accept_option"] == {"issue": "price", "option": "low"}
    assert [m.key for m in proposals.advice["buyer"]] == ["advice.lower_reservation"]


def test_advice_when_relaxing_own_limits_does_not_help() -> None:
    case = _case(0.0, 0.0, seller_limits=["low", "mid", "high"])
    proposals = propose(case, SETTINGS)
    assert [m.key for m in proposals.advice["buyer"]] == ["advice.not_on_your_side"]
    assert [m.key for m in proposals.advice["seller"]] == ["advice.accept_option"]


@pytest.mark.parametrize(
    ("buyer_utilities", "buyer_reservation"),
    [((1.0, 0.5, 0.0), 0.9), ((0.95, 0.5, 0.0), 0.85), ((1.0, 0.1, 0.3), 0.95)],
)
def test_seller_advice_depends_on_buyer_only_through_what_buyer_accepts(
    buyer_utilities: tuple[float, float, float], buyer_reservation: float
) -> None:
    """All three buyers accept exactly {low price, credit}: the seller's advice is identical."""
    proposals = propose(_case(0.9, buyer_reservation, buyer_utilities), SETTINGS)
    assert not proposals.acceptable
    assert [(m.key, dict(m.params)) for m in proposals.advice["seller"]] == [
        ("advice.lower_reservation", {"current_percent": 90, "suggested_percent": 0})
    ]
