"""A signed instalment settlement to follow month by month (#18): a centre's case with its
mediator (Dana), and the clock set to the days that matter.

The settlement: the respondent pays the claimant 300,000.00 KZT in three instalments of
100,000.00, due 10, 40 and 70 days after signing; the default clause accelerates the rest after
10 days late and charges 0.1 % a day on each overdue amount. Days are Kazakhstan's calendar days;
``at(day)`` sets the clock to noon of the signing day plus ``day``. The parties' logins must
outlast those months (``SESSIONS_LAST``, for a test's ``env``).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from starlette.applications import Starlette

from odr.court.clients import add_court, issue_client
from odr.persistence.models import OutboxNotice
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.privacy import CLAIMANT_INTERESTS, RESPONDENT_INTERESTS
from tests.builders.settlement import PACKAGE, complete, sign, user_of
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client

if TYPE_CHECKING:
    from tests.conftest import Client, FakeClock, MakeClient

KAZAKHSTAN = ZoneInfo("Asia/Almaty")
INSTALMENT_DAYS = (10, 40, 70)
INSTALMENT = "100000.00"
SESSIONS_LAST = {"ODR_SESSION_MAX_AGE_S": str(1000 * 24 * 3600)}


@dataclass
class Followed:
    claimant: Client
    respondent: Client
    mediator: Client
    case_id: str
    signed_on: date
    clock: FakeClock

    async def step(self, key: str, kind: str, **body: str) -> None:
        """The debtor's report (paid) or the creditor's answer (received, disputed) on the due
        ``key``, with its ``reference`` or ``reason``, through the schedule's endpoint, at the
        clock's now."""
        client = self.respondent if kind == "paid" else self.claimant
        url = f"/api/cases/{self.case_id}/settlement/schedule/{key}/steps"
        response = await client.post(url, json={"kind": kind, **body})
        assert response.status_code == 201, response.text

    def at(self, day: int, hour: int = 12) -> None:
        """The clock at ``hour`` (Kazakhstan) of the signing day plus ``day`` days."""
        moment = datetime.combine(self.signed_on + timedelta(days=day), time(hour), KAZAKHSTAN)
        self.clock.now = moment.astimezone(self.clock.now.tzinfo)


def instalments(signed_on: date) -> list[dict[str, Any]]:
    return [
        {"due_date": (signed_on + timedelta(days=d)).isoformat(), "amount": INSTALMENT}
        for d in INSTALMENT_DAYS
    ]


async def followed_settlement(
    app: Starlette, make_client: MakeClient, clock: FakeClock, **terms: Any
) -> Followed:
    """The settlement above, signed at 08:00 tomorrow (Kazakhstan), with ``terms`` changed."""
    tomorrow = clock.now.astimezone(KAZAKHSTAN).date() + timedelta(days=1)
    clock.now = datetime.combine(tomorrow, time(8), KAZAKHSTAN).astimezone(clock.now.tzinfo)
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Дана Омарова")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent, case_id = await _agreed_after_interests(app, make_client)
    current = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    payment = next(o for o in current["terms"]["obligations"] if o["kind"] == "payment")
    obligation = {
        **payment,
        "debtor": "respondent",
        "creditor": "claimant",
        "amount": "300000.00",
        "currency": "KZT",
        "due_date": (tomorrow + timedelta(days=INSTALMENT_DAYS[-1])).isoformat(),
        "instalments": instalments(tomorrow),
    }
    settlement = await complete(
        claimant,
        respondent,
        case_id,
        obligations=[obligation],
        default_terms={"acceleration_after_days": 10, "penalty_percent_per_day": "0.1"},
        **terms,
    )
    for party in (claimant, respondent):
        signed = await sign(party, case_id, settlement["record_sha256"])
        assert signed.status_code == 201, signed.text
    return Followed(claimant, respondent, mediator, case_id, tomorrow, clock)


async def _agreed_after_interests(
    app: Starlette, make_client: MakeClient
) -> tuple[Client, Client, str]:
    """Two parties who stated their private interests (``tests.builders.privacy``'s, with numbers
    found nowhere else), then agreed on ``PACKAGE`` through the room's own command path."""
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    for client, answers in ((claimant, CLAIMANT_INTERESTS), (respondent, RESPONDENT_INTERESTS)):
        put = await client.put(f"/api/cases/{case_id}/interests", json={"answers": answers})
        assert put.status_code == 200, put.text
    task = services_of(app).proposals.tasks.get(case_id)
    if task is not None:  # the engine runs off the request: wait for it, not for a time
        await asyncio.wait_for(asyncio.shield(task), timeout=30)
    room = services_of(app).room
    offer = MakeOffer(type="offer", key="offer-1", package=PACKAGE)
    await execute(room, await user_of(app, "aigerim@example.kz"), "claimant", case_id, offer)
    accept = Accept(type="accept", key="accept-1", version=1)
    await execute(room, await user_of(app, "ruslan@example.kz"), "respondent", case_id, accept)
    return claimant, respondent, case_id


async def paid_late(
    app: Starlette, make_client: MakeClient, clock: FakeClock, **terms: Any
) -> Followed:
    """The settlement above with instalment 1 paid on day 12 (2 days late) and received: a
    penalty of 10,000,000 × 0.1 % × 2 = 20,000 tiyn; on day 51 instalment 2 is in default."""
    case = await followed_settlement(app, make_client, clock, **terms)
    case.at(12)
    await case.step("1.1", "paid")
    await case.step("1.1", "received")
    return case


async def with_court(app: Starlette, code: str = "ASTANA-1", name: str = "Суд №1 г. Астаны") -> str:
    """A court ``code`` with an API client; the client's bearer token."""
    services = services_of(app)
    async with services.sessions() as db:
        await add_court(db, code, name, services.clock())
        token = (await issue_client(db, code, f"{code} import", services.clock())).token
        await db.commit()
    return token


async def notices(app: Starlette, kind: str) -> list[OutboxNotice]:
    """The e-mail notices of ``kind`` queued so far, oldest first."""
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(OutboxNotice)
            .where(OutboxNotice.kind == kind, OutboxNotice.channel == "email")
            .order_by(OutboxNotice.id)
        )
        return list(rows)
