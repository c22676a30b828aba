"""A case under a centre's mediator, for the tests of switching its mechanism
(``odr/cases/switching.py``): two parties joined over HTTP, more seated where a test needs them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette

from odr.persistence.models import OutboxNotice
from tests.builders.room import logged
from tests.builders.rows import count
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

if TYPE_CHECKING:
    from tests.conftest import Client, MakeClient

ITEMS = [{"name": "Квартира", "value": "30000000"}, {"name": "Машина", "note": "Toyota"}]


async def supervised_case(
    app: Starlette, make_client: MakeClient, **changes: Any
) -> tuple[Client, Client, Client, str]:
    """A claimant and a respondent in one case, and the mediator the centre gave it to."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("respondent@example.kz", language="kk")
    created = await open_case(claimant, **changes)
    await join(respondent, created)
    return claimant, respondent, mediator, created["case"]["id"]


async def switch_events(app: Starlette, case_id: str) -> list[tuple[str, str]]:
    return [
        (d["kind"], d.get("to", ""))
        for _s, t, d in await logged(app, case_id)
        if t == "mechanism_switch"
    ]


async def notices(app: Starlette, kind: str) -> int:
    """How many notices of ``kind`` were queued, to anyone."""
    return await count(app, OutboxNotice, OutboxNotice.kind == kind)
