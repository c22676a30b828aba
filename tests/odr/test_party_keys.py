"""Party keys and sides (odr/cases/parties.py): what every layer keys a party by."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.parties import (
    MAX_PARTIES,
    default_side,
    in_party_order,
    is_party_role,
    party_number,
    party_role,
)
from odr.persistence.models import CaseParty
from tests.builders.app import services_of
from tests.builders.cases import open_case
from tests.builders.parties import seat_party
from tests.conftest import MakeClient


def test_the_first_two_parties_keep_their_two_party_names() -> None:
    assert [party_role(n) for n in range(1, 5)] == ["claimant", "respondent", "party3", "party4"]
    assert party_role(MAX_PARTIES) == "party10"


@pytest.mark.parametrize("number", [0, MAX_PARTIES + 1, -1])
def test_a_case_has_at_most_ten_parties(number: int) -> None:
    with pytest.raises(ValueError, match="1 to 10"):
        party_role(number)


def test_keys_round_trip_and_sort_in_the_order_parties_were_added() -> None:
    roles = [party_role(n) for n in range(1, MAX_PARTIES + 1)]
    assert [party_number(r) for r in roles] == list(range(1, MAX_PARTIES + 1))
    assert in_party_order(reversed(roles)) == roles  # party10 after party9, not before party3


@pytest.mark.parametrize("role", ["party1", "party2", "party11", "party03", "Claimant", "", None])
def test_anything_else_is_not_a_party_key(role: object) -> None:
    assert not is_party_role(role)


def test_sides_by_default() -> None:
    assert [default_side(r) for r in ("claimant", "respondent", "party3")] == [
        "claimant",
        "respondent",
        "own",
    ]


async def test_a_seated_party_stands_on_its_own_side_unless_told(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    case = (await open_case(claimant))["case"]
    third = await seat_party(app, make_client(), case["id"], "party3", email="dana@example.kz")
    fourth = await seat_party(
        app, make_client(), case["id"], "party4", email="erlan@example.kz", side="respondent"
    )
    async with services_of(app).sessions() as db:
        rows = (await db.execute(select(CaseParty.role, CaseParty.side))).all()
    assert sorted(map(tuple, rows)) == [
        ("claimant", "claimant"),
        ("party3", "own"),
        ("party4", "respondent"),
    ]
    assert (third.side, fourth.side) == ("own", "respondent")
