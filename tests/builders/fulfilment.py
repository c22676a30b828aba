"""A signed settlement with a schedule to follow: 300 000.00 KZT paid by the respondent to the
claimant in three monthly instalments, a penalty of 0.1 % a day, acceleration after 10 days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from starlette.applications import Starlette

from odr.fulfilment.ledger import today_of
from tests.builders.app import services_of
from tests.builders.settlement import agreed_case, complete, sign

if TYPE_CHECKING:
    from tests.conftest import Client, MakeClient

INSTALMENT_TIYN = 10_000_000
DEFAULT_TERMS = {"acceleration_after_days": 10, "penalty_percent_per_day": "0.1"}


def instalment_obligation(first: date) -> dict[str, Any]:
    """The payment, due ``first`` and 30 and 60 days later."""
    days = [first + timedelta(days=30 * n) for n in range(3)]
    return {
        "debtor": "respondent",
        "creditor": "claimant",
        "kind": "payment",
        "description": "Оплата за поставленную мебель",
        "amount": "300000.00",
        "currency": "KZT",
        "method": {"code": "bank_transfer"},
        "account": "KZ86125KZT5004100100",
        "due_date": days[-1].isoformat(),
        "instalments": [{"due_date": d.isoformat(), "amount": "100000.00"} for d in days],
    }


@dataclass
class Tracked:
    claimant: Client
    respondent: Client
    case_id: str
    due_dates: list[date]

    @property
    def url(self) -> str:
        return f"/api/cases/{self.case_id}/settlement/schedule"

    async def step(self, client: Client, key: str, kind: str, **body: Any) -> httpx.Response:
        return await client.post(f"{self.url}/{key}/steps", json={"kind": kind, **body})

    async def schedule(self, client: Client) -> dict[str, Any]:
        response = await client.get(self.url)
        assert response.status_code == 200, response.text
        return dict(response.json())


async def tracked_settlement(
    app: Starlette, make_client: MakeClient, *, first_in_days: int = 20, sign_it: bool = True
) -> Tracked:
    """Agreed, completed with the instalment payment and signed by both (unless ``sign_it`` is
    false); the first instalment falls ``first_in_days`` after today."""
    claimant, respondent, case_id = await agreed_case(app, make_client)
    first = today_of(services_of(app).clock()) + timedelta(days=first_in_days)
    settlement = await complete(
        claimant,
        respondent,
        case_id,
        obligations=[instalment_obligation(first)],
        default_terms=DEFAULT_TERMS,
    )
    if sign_it:
        for party in (claimant, respondent):
            signed = await sign(party, case_id, settlement["record_sha256"])
            assert signed.status_code == 201, signed.text
    dates = [first + timedelta(days=30 * n) for n in range(3)]
    return Tracked(claimant, respondent, case_id, dates)
