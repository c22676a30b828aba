"""Explanations: one party's own terms only, as message keys and parameters."""

from __future__ import annotations

import inspect

from negotiation.case_format import parse_case
from negotiation.criteria import Anchor
from negotiation.explain import explain
from negotiation.messages import Message
from negotiation.model import PartyPreferences
from negotiation.optimizer import SolverSettings, propose

CASE = parse_case(
    {
        "issues": [
            {"name": "amount", "options": ["low", "mid", "high"]},
            {"name": "deadline", "options": ["30", "60", "90"]},
            {"name": "apology", "options": ["no", "yes"]},
        ],
        "parties": [
            {
                "name": "claimant",
                "weights": {"amount": 0.6, "deadline": 0.1, "apology": 0.3},
                "utilities": {
                    "amount": {"low": 0.0, "mid": 0.6, "high": 1.0},
                    "deadline": {"30": 1.0, "60": 0.5, "90": 0.0},
                    "apology": {"no": 0.0, "yes": 1.0},
                },
                "reservation": 0.35,
            },
            {
                "name": "respondent",
                "weights": {"amount": 0.7, "deadline": 0.25, "apology": 0.05},
                "utilities": {
                    "amount": {"low": 1.0, "mid": 0.55, "high": 0.0},
                    "deadline": {"30": 0.0, "60": 0.5, "90": 1.0},
                    "apology": {"no": 1.0, "yes": 0.0},
                },
            },
        ],
    }
)


def _keys(messages: tuple[Message, ...]) -> list[str]:
    return [m.key for m in messages]


def test_gain_share_wins_and_give_ups() -> None:
    claimant = CASE.party("claimant")
    package = {"amount": "high", "deadline": "90", "apology": "no"}
    messages = explain(claimant, package, Anchor(worst=0.0, ideal=1.0))
    assert messages[0].key == "explain.gain_share"
    assert messages[0].params["percent"] == 60
    assert messages[1].key == "explain.above_walk_away"
    assert messages[1].params["points"] == 25
    wins = [m for m in messages if m.key == "explain.wins_issue"]
    assert [dict(m.params) for m in wins] == [{"issue": "amount", "option": "high", "rank": 1}]
    gives = [dict(m.params) for m in messages if m.key == "explain.gives_up"]
    assert gives == [
        {"issue": "apology", "option": "no", "preferred": "yes", "cost_points": 30.0},
        {"issue": "deadline", "option": "90", "preferred": "30", "cost_points": 10.0},
    ]


def test_no_room_to_gain_reads_as_full_share() -> None:
    claimant = CASE.party("claimant")
    package = {"amount": "low", "deadline": "30", "apology": "yes"}
    messages = explain(claimant, package, Anchor(worst=0.4, ideal=0.4))
    assert messages[0].params["percent"] == 100


def test_explains_every_proposal_from_the_party_s_own_anchor() -> None:
    proposals = propose(CASE, SolverSettings(time_limit_s=10))
    for package in proposals.packages:
        for party in CASE.parties:
            messages = explain(party, package.choice, proposals.anchors[party.name])
            percent = messages[0].params["percent"]
            assert isinstance(percent, int) and 0 <= percent <= 100
            assert all(m.key.startswith("explain.") for m in messages)


def test_other_party_s_numbers_cannot_reach_the_explanation() -> None:
    """Structural privacy: the function receives one party's preferences and nothing else."""
    parameters = inspect.signature(explain).parameters
    assert list(parameters) == ["preferences", "package", "anchor"]
    claimant = CASE.party("claimant")
    package = {"amount": "mid", "deadline": "60", "apology": "yes"}
    anchor = Anchor(worst=0.0, ideal=1.0)
    before = explain(claimant, package, anchor)
    changed = PartyPreferences(
        name="respondent",
        weights={"amount": 0.1, "deadline": 0.1, "apology": 0.8},
        utilities=CASE.party("respondent").utilities,
        reservation=0.9,
    )
    assert changed.name != claimant.name
    assert explain(claimant, package, anchor) == before
    rendered = repr(before)
    for number in ("0.55", "0.25", "0.7", "0.05"):
        assert number not in rendered
