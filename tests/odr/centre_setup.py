"""Helpers for the centre tests: staff accounts, centres with mediators, parties' cases."""

from __future__ import annotations

import copy
from typing import Any

import httpx
from sqlalchemy import select
from starlette.applications import Starlette

from odr.auth.accounts import create_account
from odr.auth.roles import Role
from odr.persistence.models import Mediation, Mediator
from tests.builders.app import services_of
from tests.builders.cases import CASE
from tests.conftest import Client, MakeClient
from tests.odr.room_client import RoomClient

PASSWORD = "correct horse battery"


async def make_account(
    app: Starlette, email: str, role: str, name: str | None = None, language: str = "ru"
) -> None:
    services = services_of(app)
    async with services.sessions() as db:
        await create_account(
            db,
            services.hasher,
            email=email,
            password=PASSWORD,
            display_name=name or email.split("@")[0],
            role=Role(role),
            language=language,
            now=services.clock(),
        )
        await db.commit()


async def login(client: Client, email: str) -> Client:
    response = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


async def staff_client(
    app: Starlette, make_client: MakeClient, email: str, role: str = "mediator", **kw: Any
) -> Client:
    await make_account(app, email, role, **kw)
    return await login(make_client(), email)


async def new_centre(admin: Client, name: str, **changes: Any) -> dict[str, Any]:
    body = {"name": name, "region": "Almaty", "languages": ["kk", "ru"], **changes}
    response = await admin.post("/api/centres", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def add_mediator(
    app: Starlette,
    admin: Client,
    centre_id: str,
    email: str,
    *,
    languages: list[str] | None = None,
    categories: list[str] | None = None,
    capacity: int = 10,
    name: str | None = None,
) -> dict[str, Any]:
    await make_account(app, email, "mediator", name=name)
    response = await admin.post(
        f"/api/centres/{centre_id}/mediators",
        json={
            "email": email,
            "kind": "professional",
            "certificate_number": "MED-" + email.split("@")[0],
            "certificate_date": "2024-03-01",
            "languages": languages or ["ru", "kk"],
            "categories": categories or ["civil", "family"],
            "capacity": capacity,
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def case_body(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(CASE)
    body.update(changes)
    return body


async def open_case(claimant: Client, **changes: Any) -> dict[str, Any]:
    response = await claimant.post("/api/cases", json=case_body(**changes))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def join(respondent: Client, created: dict[str, Any]) -> None:
    token = created["invitation"]["url"].split("#token=")[1]
    response = await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert response.status_code == 200, response.text


async def mediator_of_case(app: Starlette, case_id: str) -> str | None:
    """The e-mail-less identity of the case's mediator: its mediator id (None: unassigned)."""
    async with services_of(app).sessions() as db:
        mediation = await db.get(Mediation, case_id)
        return mediation.mediator_id if mediation else None


async def mediator_ids(app: Starlette) -> dict[str, str]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(select(Mediator.certificate_number, Mediator.id))
        return {number.removeprefix("MED-"): mediator_id for number, mediator_id in rows}


async def staff_login(address: str, email: str) -> RoomClient:
    """A staff member logged in over real HTTP to a live server, ready to enter the room."""
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return RoomClient(address, dict(http.cookies), response.json()["csrf_token"])
