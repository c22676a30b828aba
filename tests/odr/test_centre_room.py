"""The mediator in the room and on the live dashboard, and the privacy rule: nothing a mediator
receives (HTTP responses, room frames, dashboard frames) holds a party's private interests."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import connect

from tests.builders.dashboard import DashboardSocket
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT, submit
from tests.builders.room import joined_case
from tests.conftest import MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login

# The claimant's distinctive numbers and both parties' private words, and the marker of the
# per-party explanations of proposals (served only to their own party).
SENTINELS = [*CLAIMANT_SECRETS, "flexible", "explain.", "ideal", "unacceptable"]


async def test_mediator_watches_live_talks_pauses_and_never_sees_private_interests(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await joined_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    seen: list[str] = []  # everything the mediator received

    async def as_mediator(method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = await mediator.http(method, path, **kwargs)
        seen.append(response.text)
        return response

    async with DashboardSocket(address, mediator.cookies) as dashboard:
        ready = await dashboard.wait(lambda f: f["type"] == "ready")
        assert ready["cases"] == [case_id]
        await claimant.join(case_id)
        await respondent.join(case_id)
        await submit(claimant, case_id, CLAIMANT)
        await submit(respondent, case_id, RESPONDENT)
        proposal = await claimant.wait_frame(
            lambda f: f.get("event") == "proposals_ready", within=30
        )
        choice = proposal["data"]["packages"][0]["choice"]

        # A party's offer reaches the dashboard at once, and the row shows it.
        assert (await claimant.command("offer", package=choice))["type"] == "ack"
        activity = await dashboard.wait(lambda f: f.get("event") == "offer")
        assert activity["case_id"] == case_id and activity["type"] == "activity"
        row = (await as_mediator("GET", "/api/centre/dashboard")).json()["cases"][0]
        assert (row["last_event"], row["mine"], row["status"]) == ("offer", True, "open")
        assert row["parties"] == ["claimant", "respondent"]

        # In the room: the same public log, messages only, shown by name to the parties.
        await mediator.connect()
        welcome = await mediator.hello(case_id)
        assert (welcome["type"], welcome["role"]) == ("welcome", "mediator")
        await mediator.wait_seq(welcome["head_seq"])
        ack = await mediator.command("message", text="Давайте обсудим сроки.")
        assert ack["type"] == "ack"
        said = await respondent.wait_frame(lambda f: f.get("event") == "message")
        assert said["actor"] == {"role": "mediator", "name": "Dana"}
        refused = await mediator.command("offer", package=choice)
        assert refused["code"] == "forbidden"
        await dashboard.wait(lambda f: f.get("event") == "message")

        # Paused: parties cannot move; the mediator can still talk; then it resumes.
        paused = await as_mediator(
            "POST", f"/api/centre/cases/{case_id}/pause", json={"reason": "consultations"}
        )
        assert paused.status_code == 200, paused.text
        await claimant.wait_frame(lambda f: f.get("event") == "paused")
        assert (await claimant.command("message", text="hello?"))["code"] == "room_closed"
        assert (await mediator.command("message", text="Пауза до понедельника"))["type"] == "ack"
        resumed = await as_mediator("POST", f"/api/centre/cases/{case_id}/resume")
        assert resumed.status_code == 200
        await claimant.wait_frame(lambda f: f.get("event") == "resumed")
        assert (await claimant.command("message", text="ok"))["type"] == "ack"
        await dashboard.wait(lambda f: f.get("event") == "resumed")

        view = await as_mediator("GET", f"/api/centre/cases/{case_id}")
        assert view.json()["shared_interests"] == []
        for path in (
            f"/api/cases/{case_id}",
            f"/api/cases/{case_id}/interests",
            f"/api/cases/{case_id}/proposals",
        ):
            response = await as_mediator("GET", path)
            assert response.status_code == 404, (path, response.text)
        await as_mediator("GET", "/api/centres")

        await mediator.reconnect()  # a full replay, too
        await mediator.wait_seq(claimant.last_seq)
        received = "\n".join([*seen, *map(json.dumps, mediator.frames), *dashboard.raw])
        for secret in SENTINELS:
            assert secret not in received, secret

        # Positive control: once the claimant shares, its interests reach the mediator.
        shared = await claimant.http(
            "PUT",
            f"/api/cases/{case_id}/sharing",
            json={"interests_with_mediator": True, "record_with_court": False},
        )
        assert shared.status_code == 200, shared.text
        view = await as_mediator("GET", f"/api/centre/cases/{case_id}")
        [interests] = view.json()["shared_interests"]
        assert interests == {"role": "claimant", "answers": CLAIMANT}
        assert "flexible" not in view.text  # the respondent did not share
    for client in (claimant, respondent, mediator):
        await client.disconnect()


async def test_dashboard_socket_refuses_parties_and_foreign_origins(
    address: str, app: Starlette
) -> None:
    claimant, _, _ = await joined_case(address)
    cookie = "; ".join(f"{k}={v}" for k, v in claimant.cookies.items())
    with pytest.raises(Exception, match="403"):
        async with connect(
            f"ws://{address}/ws/centre",
            origin=f"http://{address}",  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
        ):
            pass
    with pytest.raises(Exception, match="403"):
        async with connect(f"ws://{address}/ws/centre", origin="https://evil.example"):  # type: ignore[arg-type]
            pass
