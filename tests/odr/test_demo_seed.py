"""``odr serve --demo``'s seed (``odr/demo.py``): what a person trying Kelisim can see.

The five-party inheritance case waits for its fifth heir (four joined, one invited), so its
claimant sees "Start with those who joined"; the two-party settlement is signed, its first
instalment paid and confirmed, the second overdue with sums due. Seeding again adds nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette

from odr.demo import DEMO_PASSWORD, HEIRS_CLAIMANT, INSTALMENT_CREDITOR, seed_demo
from odr.persistence.fulfilment_models import PerformanceStep
from odr.persistence.models import Case, CaseParty, Invitation, SettlementSignature, User
from tests.builders.app import services_of
from tests.conftest import MakeClient

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """As ``odr serve --demo`` seeds: no background workers (``odr/cli/server.py``)."""
    return {**env, "ODR_BACKGROUND_WORKERS": "0"}


async def _seed(app: Starlette) -> None:
    services = services_of(app)
    async with services.sessions() as db:
        await seed_demo(db, services)


async def _logged_in(make_client: MakeClient, email: str) -> Any:
    client = make_client()
    login = await client.post("/api/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert login.status_code == 200, login.text
    return client


async def _only_case(client: Any) -> dict[str, Any]:
    listed = (await client.get("/api/cases")).json()["cases"]
    assert len(listed) == 1, listed
    answer = await client.get(f"/api/cases/{listed[0]['id']}")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def test_the_heirs_case_waits_for_its_fifth_party(
    app: Starlette, make_client: MakeClient
) -> None:
    await _seed(app)
    case = await _only_case(await _logged_in(make_client, HEIRS_CLAIMANT))
    assert case["status"] == "awaiting_respondent"
    assert case["mechanism"] == "division" and len(case["items"]) == 4
    joined = [p["role"] for p in case["parties"]]
    assert joined == ["claimant", "respondent", "party3", "party4"]
    assert all(p["withdrawn_at"] is None for p in case["parties"])
    (waiting,) = case["invited_parties"]
    assert waiting["role"] == "party5" and waiting["status"] == "invited"
    assert waiting["email"]  # the claimant's copy, to send a new link


async def test_the_signed_settlement_has_one_instalment_confirmed_and_one_overdue(
    app: Starlette, make_client: MakeClient
) -> None:
    await _seed(app)
    creditor = await _logged_in(make_client, INSTALMENT_CREDITOR)
    case = await _only_case(creditor)
    assert case["status"] == "signed"
    answer = await creditor.get(f"/api/cases/{case['id']}/settlement/schedule")
    assert answer.status_code == 200, answer.text
    schedule = answer.json()
    states = [due["state"] for due in schedule["dues"]]
    assert states[:2] == ["confirmed", "overdue"], states
    assert states[2:] == ["pending"] * (len(states) - 2)
    assert schedule["dues"][0]["days_late"] == 0
    assert schedule["dues"][1]["days_late"] > 0
    (sums,) = schedule["sums_due"]
    assert sums["overdue_tiyn"] == schedule["dues"][1]["amount_tiyn"] > 0
    assert sums["penalty_tiyn"] > 0 and sums["total_tiyn"] > sums["overdue_tiyn"]


async def _counts(app: Starlette) -> tuple[int, ...]:
    async with services_of(app).sessions() as db:
        tables = (User, Case, CaseParty, Invitation, SettlementSignature, PerformanceStep)
        return tuple(
            [int(await db.scalar(select(func.count()).select_from(t)) or 0) for t in tables]
        )


async def test_seeding_twice_adds_nothing(app: Starlette) -> None:
    await _seed(app)
    first = await _counts(app)
    await _seed(app)
    assert await _counts(app) == first
    assert first[1] == 3  # the repair debt, the heirs' case and the signed settlement
