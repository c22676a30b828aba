"""Two parties joined in one case over a live server, and the room's log as each side sees it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseEvent
from tests.builders.app import services_of
from tests.builders.cases import CASE
from tests.odr.room_client import RoomClient


async def joined_case(address: str, prefix: str = "") -> tuple[RoomClient, RoomClient, str]:
    """A claimant and a respondent who both joined one case (over HTTP)."""
    claimant = await RoomClient.signup(address, f"{prefix}claimant@example.kz")
    respondent = await RoomClient.signup(address, f"{prefix}respondent@example.kz")
    created = await claimant.http("POST", "/api/cases", json=CASE)
    assert created.status_code == 201, created.text
    token = created.json()["invitation"]["url"].split("#token=")[1]
    accepted = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert accepted.status_code == 200, accepted.text
    return claimant, respondent, created.json()["case"]["id"]


async def logged(app: Starlette, case_id: str) -> list[tuple[int, str, dict[str, Any]]]:
    """The case's log as stored: (seq, type, data) in order."""
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
        return [(r.seq, r.type, r.data) for r in rows]


def view(client: RoomClient) -> list[tuple[int, str, dict[str, Any]]]:
    """The case's log as ``client`` received it, in the shape of ``logged``."""
    return [(e["seq"], e["event"], e["data"]) for e in client.events]
