"""Everything one party of a case can receive, and the other parties' private values looked for
in it.

What a party receives is derived, not listed: every GET endpoint of the registry a signed-in
party may call whose only path parameter is the case (so a new endpoint is scanned without
touching this file), its data export and notices among them; the room's frames it was sent;
and the notices queued for it (e-mail and SMS, as stored before sending). A private value is
looked for as a number or word of its own (``found``), so ``401230`` inside an id, a time or a
longer number is not a false alarm, and a value that leaks as text is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import OutboxNotice
from tests.builders.app import services_of
from tests.odr.room_client import RoomClient


def case_get_paths(app: Starlette, case_id: str) -> list[str]:
    """Every signed-in GET whose path has no parameter but the case's id."""
    paths = []
    for endpoint in services_of(app).api.endpoints:
        params = set(re.findall(r"{(\w+)}", endpoint.path))
        if endpoint.method == "GET" and endpoint.auth is True and params <= {"case_id"}:
            paths.append(endpoint.path.replace("{case_id}", case_id))
    assert f"/api/cases/{case_id}/proposals" in paths and "/api/me/export" in paths
    return paths


async def received_by(app: Starlette, party: RoomClient, case_id: str) -> str:
    """All a party can read about the case: HTTP answers, room frames, notices queued to it."""
    session = (await party.http("GET", "/api/auth/session")).json()
    user_id = session["user"]["id"]
    bodies = [json.dumps(party.frames, ensure_ascii=False)]
    for path in case_get_paths(app, case_id):
        response = await party.http("GET", path)
        assert response.status_code < 500, (path, response.text)
        bodies.append(response.text)
    async with services_of(app).sessions() as db:
        notices = await db.scalars(select(OutboxNotice).where(OutboxNotice.user_id == user_id))
        bodies += [json.dumps(n.params, ensure_ascii=False) for n in notices]
    return "\n".join(bodies)


def found(received: str, markers: Iterable[str]) -> list[str]:
    """The markers that occur in ``received`` as a number or word of their own."""
    return [
        marker
        for marker in markers
        if re.search(rf"(?<![\w.+-]){re.escape(marker)}(?![\w.])", received)
    ]
