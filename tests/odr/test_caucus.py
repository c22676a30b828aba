"""Private caucus (#15): the mediator and one party talk, and the other party never learns of it.

Everything party B can receive (its room socket, its own caucus socket, every GET it may call,
its personal-data export) is scanned for the caucus's words, and B's room log is unchanged.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin

from odr.caucus.frames import server_message
from tests.builders.room import joined_case, logged
from tests.conftest import MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login
from tests.odr.room_client import RoomClient

SECRETS = ("ZARYA-caucus-41", "TULPAR-caucus-77", "SAMRUK-caucus-93")
ABSENT = "f" * 32  # a well-formed case id no case has


class CaucusSocket:
    """``/ws/caucus`` for one person; every frame is checked against ``odr/caucus/frames.py``."""

    ws: ClientConnection

    def __init__(self, person: RoomClient) -> None:
        self.person = person
        self.frames: list[dict[str, Any]] = []
        self.raw: list[str] = []

    async def __aenter__(self) -> CaucusSocket:
        cookie = "; ".join(f"{k}={v}" for k, v in self.person.cookies.items())
        self.ws = await connect(
            f"ws://{self.person.address}/ws/caucus",
            origin=Origin(f"http://{self.person.address}"),
            additional_headers={"cookie": cookie},
            compression=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def send(self, frame: dict[str, Any] | str) -> None:
        await self.ws.send(frame if isinstance(frame, str) else json.dumps(frame))

    async def wait(
        self, match: Callable[[dict[str, Any]], bool], within: float = 10
    ) -> dict[str, Any]:
        async with asyncio.timeout(within):
            while True:
                raw = str(await self.ws.recv())
                server_message.validate_json(raw, strict=True)
                self.raw.append(raw)
                frame: dict[str, Any] = json.loads(raw)
                self.frames.append(frame)
                if match(frame):
                    return frame

    async def hello(self, case_id: str) -> dict[str, Any]:
        await self.send({"type": "hello", "case_id": case_id})
        return await self.wait(lambda f: f["type"] in ("ready", "error"))

    async def drain(self) -> None:
        """Read whatever arrives until the socket is quiet (a ping answered means all sent)."""
        await self.send({"type": "ping"})
        await self.wait(lambda f: f["type"] == "pong")


async def _centre(app: Starlette, make_client: MakeClient) -> Any:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Taraz centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    return admin, centre


async def _every_get(person: RoomClient, case_id: str) -> list[str]:
    """The text of every GET of the API that B can call with this case (or none) as its only
    path parameter; what else B could ask names no case."""
    spec = (await person.http("GET", "/openapi.json")).json()
    texts = []
    for path, methods in spec["paths"].items():
        if "get" not in methods or path.startswith("/api/court/"):
            continue
        names = [p for p in path.split("/") if p.startswith("{")]
        if names not in ([], ["{case_id}"]):
            continue
        response = await person.http("GET", path.replace("{case_id}", case_id))
        texts.append(f"{path} {response.status_code} {response.text}")
    return texts


async def test_the_other_party_never_learns_of_a_caucus(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin, _centre_row = await _centre(app, make_client)
    claimant, respondent, case_id = await joined_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    await claimant.join(case_id)
    await respondent.join(case_id)
    log_before = await logged(app, case_id)
    seen_by_b_before = await _every_get(respondent, case_id)

    async with (
        CaucusSocket(mediator) as m_socket,
        CaucusSocket(claimant) as a_socket,
        CaucusSocket(respondent) as b_socket,
    ):
        assert (await m_socket.hello(case_id))["roles"] == ["claimant", "respondent"]
        assert (await a_socket.hello(case_id))["roles"] == ["claimant"]
        ready_b = await b_socket.hello(case_id)
        assert (ready_b["as"], ready_b["roles"]) == ("party", ["respondent"])

        # A asks; the mediator is told at once, B is not.
        asked = await claimant.http("POST", f"/api/cases/{case_id}/caucus/request")
        assert asked.status_code == 200, asked.text
        assert asked.json()["state"] == "requested"
        told = await m_socket.wait(lambda f: f["type"] == "caucus")
        assert (told["role"], told["state"]) == ("claimant", "requested")
        view = (await mediator.http("GET", f"/api/centre/cases/{case_id}/caucus")).json()
        states = {c["role"]: c["state"] for c in view["caucuses"]}
        assert states == {"claimant": "requested", "respondent": "none"}
        again = await claimant.http("POST", f"/api/cases/{case_id}/caucus/request")
        assert again.json()["requested_at"] == asked.json()["requested_at"]  # one request
        inbox = (await mediator.http("GET", "/api/notifications")).json()["notifications"]
        told_by_notice = [n for n in inbox if n["kind"] == "caucus_requested"]
        assert len(told_by_notice) == 1 and told_by_notice[0]["path"].endswith(case_id)

        # The mediator opens it and writes; A answers over the socket and over HTTP.
        opened = await mediator.http(
            "POST", f"/api/centre/cases/{case_id}/caucus/open", json={"role": "claimant"}
        )
        assert opened.status_code == 200, opened.text
        await a_socket.wait(lambda f: f["type"] == "caucus" and f["state"] == "open")
        said = await mediator.http(
            "POST",
            f"/api/centre/cases/{case_id}/caucus/messages",
            json={"role": "claimant", "text": SECRETS[0]},
        )
        assert said.status_code == 201, said.text
        heard = await a_socket.wait(lambda f: f["type"] == "caucus_message")
        assert heard["message"]["text"] == SECRETS[0]
        assert (heard["message"]["author"], heard["message"]["name"]) == ("mediator", "Dana")

        await a_socket.send({"type": "message", "key": "a1", "text": SECRETS[1]})
        ack = await a_socket.wait(lambda f: f["type"] in ("ack", "error"))
        assert ack["type"] == "ack" and ack["key"] == "a1", ack
        reply = await m_socket.wait(
            lambda f: f["type"] == "caucus_message" and f["message"]["text"] == SECRETS[1]
        )
        assert (reply["role"], reply["message"]["author"]) == ("claimant", "party")
        by_http = await claimant.http(
            "POST", f"/api/cases/{case_id}/caucus/messages", json={"text": SECRETS[2]}
        )
        assert by_http.status_code == 201, by_http.text
        await m_socket.wait(
            lambda f: f["type"] == "caucus_message" and f["message"]["text"] == SECRETS[2]
        )

        # Both read the same history over HTTP.
        mine = (await claimant.http("GET", f"/api/cases/{case_id}/caucus")).json()
        assert [m["text"] for m in mine["messages"]] == list(SECRETS)
        assert mine["state"] == "open"
        theirs = (await mediator.http("GET", f"/api/centre/cases/{case_id}/caucus")).json()
        claimants = next(c for c in theirs["caucuses"] if c["role"] == "claimant")
        assert [m["text"] for m in claimants["messages"]] == list(SECRETS)

        closed = await mediator.http(
            "POST", f"/api/centre/cases/{case_id}/caucus/close", json={"role": "claimant"}
        )
        assert closed.status_code == 200, closed.text
        await a_socket.wait(lambda f: f["type"] == "caucus" and f["state"] == "closed")
        late = await claimant.http(
            "POST", f"/api/cases/{case_id}/caucus/messages", json={"text": "still there?"}
        )
        assert (late.status_code, late.json()["error"]["code"]) == (409, "caucus_not_open")

        # B: its caucus socket heard nothing, its room log did not move, every GET it may call
        # answers word for word as before the caucus.
        await b_socket.drain()
        assert [f["type"] for f in b_socket.frames] == ["ready", "pong"]
        assert await _every_get(respondent, case_id) == seen_by_b_before
        assert await logged(app, case_id) == log_before
        await respondent.command("message", text="a word for the room")
        await respondent.wait_frame(lambda f: f.get("event") == "message")
    log_after = await logged(app, case_id)
    assert log_after[: len(log_before)] == log_before
    assert [e[1] for e in log_after[len(log_before) :]] == ["message"]  # B's own, nothing else
    assert [e["seq"] for e in respondent.events] == [e[0] for e in log_after]
    assert respondent.violations == []

    seen_by_b = await _every_get(respondent, case_id)
    b_caucus = (await respondent.http("GET", f"/api/cases/{case_id}/caucus")).json()
    assert (b_caucus["state"], b_caucus["messages"], b_caucus["requested_at"]) == (
        "none",
        [],
        None,
    )
    assert len(seen_by_b) == len(seen_by_b_before)
    everything_b_got = "\n".join(
        [
            *seen_by_b,
            *(json.dumps(f) for f in respondent.frames),
            *b_socket.raw,
            (await respondent.http("GET", "/api/me/export")).text,
            (await respondent.http("GET", "/api/notifications")).text,
        ]
    )
    for secret in (*SECRETS, "caucus_message", "caucus_requested"):
        assert secret not in everything_b_got
    # Each party's export holds its own caucus only.
    b_export = (await respondent.http("GET", "/api/me/export")).json()
    assert [c["my_caucus"] for c in b_export["cases"]] == [None]
    a_export = (await claimant.http("GET", "/api/me/export")).json()
    a_caucus = a_export["cases"][0]["my_caucus"]
    assert [m["text"] for m in a_caucus["messages"]] == list(SECRETS)
    assert a_caucus["state"] == "closed"
    # The centre's administrator was not told of the request either.
    assert "caucus_requested" not in (await admin.get("/api/notifications")).text
    await claimant.disconnect()
    await respondent.disconnect()


async def test_only_the_assigned_mediator_and_the_party_itself_get_in(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin, centre = await _centre(app, make_client)
    claimant, respondent, case_id = await joined_case(address)
    # A second mediator of the same centre, and one of another centre: neither is assigned.
    await add_mediator(app, admin, centre["id"], "erlan@centre.kz", name="Erlan")
    other_centre = await new_centre(admin, "Atyrau centre", languages=["kk"])
    await add_mediator(app, admin, other_centre["id"], "saule@centre.kz", name="Saule")
    mediator = await staff_login(address, "dana@centre.kz")
    await mediator.http(
        "POST", f"/api/centre/cases/{case_id}/caucus/open", json={"role": "claimant"}
    )
    said = await mediator.http(
        "POST",
        f"/api/centre/cases/{case_id}/caucus/messages",
        json={"role": "claimant", "text": SECRETS[0]},
    )
    assert said.status_code == 201, said.text

    outsiders = [
        await staff_login(address, "erlan@centre.kz"),
        await staff_login(address, "saule@centre.kz"),
        await staff_login(address, "admin@centre.kz"),
        respondent,  # a party, at the mediator's door
        claimant,
    ]
    for person in outsiders:
        for method, path, body in (
            ("GET", "/api/centre/cases/{}/caucus", None),
            ("POST", "/api/centre/cases/{}/caucus/open", {"role": "respondent"}),
            ("POST", "/api/centre/cases/{}/caucus/close", {"role": "claimant"}),
            ("POST", "/api/centre/cases/{}/caucus/messages", {"role": "claimant", "text": "x"}),
        ):
            real = await person.http(method, path.format(case_id), json=body)
            absent = await person.http(method, path.format(ABSENT), json=body)
            assert real.status_code == 404, (path, real.text)
            assert real.json() == absent.json()
            assert SECRETS[0] not in real.text
        async with CaucusSocket(person) as socket:
            refused = await socket.hello(case_id)
            nothing = await socket.hello(ABSENT)
        if person is not claimant and person is not respondent:
            assert refused["type"] == "error" and refused["code"] == "case_not_found"
            assert refused == nothing
    # Someone who is not a party gets a party's door shut the same way as for no case at all.
    stranger = await RoomClient.signup(address, "stranger@example.kz")
    for method, path in (("GET", ""), ("POST", "/request")):
        real = await stranger.http(method, f"/api/cases/{case_id}/caucus{path}")
        absent = await stranger.http(method, f"/api/cases/{ABSENT}/caucus{path}")
        assert real.status_code == 404 and real.json() == absent.json()
    # Nothing changed for anyone: the respondent's caucus was never opened by an outsider.
    view = (await mediator.http("GET", f"/api/centre/cases/{case_id}/caucus")).json()
    assert {c["role"]: c["state"] for c in view["caucuses"]} == {
        "claimant": "open",
        "respondent": "none",
    }


BAD_BODIES: list[tuple[dict[str, Any], str | None]] = [
    ({"text": ""}, "string_too_short"),
    ({"text": "   "}, "string_too_short"),
    ({"text": "x" * 4001}, "string_too_long"),
    ({"text": "a\u0000b"}, None),
    ({}, "missing"),
    ({"text": "hi", "extra": 1}, "extra_forbidden"),
    ({"text": 5}, "string_type"),
]


async def test_a_bad_message_is_refused_with_its_code(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    await _centre(app, make_client)
    claimant, _respondent, case_id = await joined_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    await mediator.http(
        "POST", f"/api/centre/cases/{case_id}/caucus/open", json={"role": "claimant"}
    )
    for body, code in BAD_BODIES:
        for person, path, full in (
            (claimant, f"/api/cases/{case_id}/caucus/messages", body),
            (
                mediator,
                f"/api/centre/cases/{case_id}/caucus/messages",
                {"role": "claimant", **body},
            ),
        ):
            response = await person.http("POST", path, json=full)
            assert response.status_code == 422, response.text
            error = response.json()["error"]
            assert error["code"] == "validation_failed"
            if code is not None:
                assert [f["code"] for f in error["fields"]] == [code], body
    history = (await claimant.http("GET", f"/api/cases/{case_id}/caucus")).json()
    assert history["messages"] == []


async def test_the_caucus_states_refuse_what_does_not_fit(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    await _centre(app, make_client)
    claimant, respondent, case_id = await joined_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    base = f"/api/centre/cases/{case_id}/caucus"

    async def code(response: Any) -> tuple[int, str]:
        return response.status_code, response.json()["error"]["code"]

    path = f"/api/cases/{case_id}/caucus/messages"
    write = await claimant.http("POST", path, json={"text": "hi"})
    assert await code(write) == (409, "caucus_not_open")
    close = await mediator.http("POST", f"{base}/close", json={"role": "respondent"})
    assert await code(close) == (409, "caucus_not_open")
    for role in ("judge", "", None):
        bad = await mediator.http("POST", f"{base}/open", json={"role": role})
        assert await code(bad) == (422, "validation_failed")
    # Asking twice is one request; asking while open is refused.
    first = await respondent.http("POST", f"/api/cases/{case_id}/caucus/request")
    again = await respondent.http("POST", f"/api/cases/{case_id}/caucus/request")
    assert first.json()["requested_at"] == again.json()["requested_at"] is not None
    opened = await mediator.http("POST", f"{base}/open", json={"role": "respondent"})
    assert opened.status_code == 200
    states = {c["role"]: (c["state"], c["requested_at"]) for c in opened.json()["caucuses"]}
    assert states == {"claimant": ("none", None), "respondent": ("open", None)}
    asked = await respondent.http("POST", f"/api/cases/{case_id}/caucus/request")
    assert await code(asked) == (409, "caucus_open")
    # A frame the socket cannot read is refused, and the socket stays open.
    async with CaucusSocket(mediator) as socket:
        await socket.hello(case_id)
        await socket.send("not json")
        refused = await socket.wait(lambda f: f["type"] == "error")
        assert refused["code"] == "invalid_frame"
        await socket.send({"type": "message", "key": "k1", "text": "hello"})
        no_role = await socket.wait(lambda f: f["type"] == "error")
        assert (no_role["code"], no_role["key"]) == ("role_required", "k1")
        await socket.send({"type": "message", "key": "k2", "text": "", "role": "respondent"})
        empty = await socket.wait(lambda f: f["type"] == "error")
        assert (empty["code"], empty["key"]) == ("invalid_frame", "k2")
        await socket.send({"type": "message", "key": "k3", "text": "hello", "role": "respondent"})
        assert (await socket.wait(lambda f: f["type"] == "ack"))["key"] == "k3"


async def test_a_new_mediator_takes_the_caucus_over_and_a_closed_mediation_ends_it(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin, centre = await _centre(app, make_client)
    claimant, _respondent, case_id = await joined_case(address)
    dana = await staff_login(address, "dana@centre.kz")
    base = f"/api/centre/cases/{case_id}/caucus"
    await dana.http("POST", f"{base}/open", json={"role": "claimant"})
    said = await dana.http(
        "POST", f"{base}/messages", json={"role": "claimant", "text": SECRETS[0]}
    )
    assert said.status_code == 201, said.text
    erlan_row = await add_mediator(app, admin, centre["id"], "erlan@centre.kz", name="Erlan")
    erlan = await staff_login(address, "erlan@centre.kz")

    async with CaucusSocket(dana) as dana_socket:
        assert (await dana_socket.hello(case_id))["type"] == "ready"
        moved = await admin.post(
            f"/api/centre/cases/{case_id}/reassign",
            json={"mediator_id": erlan_row["id"], "reason": "Dana is on leave"},
        )
        assert moved.status_code == 200, moved.text
        # Dana's socket stops following the case within its recheck; her HTTP door is shut.
        lost = await dana_socket.wait(lambda f: f["type"] == "error", within=15)
        assert lost["code"] == "case_not_found"
    gone = await dana.http("GET", base)
    assert (gone.status_code, gone.json()["error"]["code"]) == (404, "case_not_found")
    # Erlan reads the history and carries on.
    view = (await erlan.http("GET", base)).json()
    claimants = next(c for c in view["caucuses"] if c["role"] == "claimant")
    assert [m["text"] for m in claimants["messages"]] == [SECRETS[0]]
    assert claimants["messages"][0]["name"] == "Dana"
    answer = await erlan.http(
        "POST", f"{base}/messages", json={"role": "claimant", "text": SECRETS[1]}
    )
    assert answer.status_code == 201, answer.text

    # Once the mediation is over, the history stays readable and nothing more is written.
    closed = await erlan.http(
        "POST",
        f"/api/centre/cases/{case_id}/close",
        json={"outcome": "failed", "reason": "No agreement"},
    )
    assert closed.status_code == 200, closed.text
    late = await claimant.http(
        "POST", f"/api/cases/{case_id}/caucus/messages", json={"text": "one more thing"}
    )
    assert (late.status_code, late.json()["error"]["code"]) == (409, "mediation_closed")
    asked = await claimant.http("POST", f"/api/cases/{case_id}/caucus/request")
    assert (asked.status_code, asked.json()["error"]["code"]) == (409, "mediation_closed")
    mine = (await claimant.http("GET", f"/api/cases/{case_id}/caucus")).json()
    assert mine["available"] is False
    assert [m["text"] for m in mine["messages"]] == list(SECRETS[:2])


async def test_the_caucus_socket_wants_a_live_session_from_our_origin(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    await _centre(app, make_client)
    claimant, _respondent, case_id = await joined_case(address)
    cookie = "; ".join(f"{k}={v}" for k, v in claimant.cookies.items())
    for origin, headers in (
        ("http://evil.example", {"cookie": cookie}),  # another site's page
        (f"http://{address}", {}),  # nobody logged in
    ):
        with pytest.raises(InvalidStatus) as refused:
            await connect(
                f"ws://{address}/ws/caucus", origin=Origin(origin), additional_headers=headers
            )
        assert refused.value.response.status_code == 403
    async with CaucusSocket(claimant) as socket:
        assert (await socket.hello(case_id))["type"] == "ready"
        out = await claimant.http("POST", "/api/auth/logout")
        assert out.status_code == 204, out.text
        async with asyncio.timeout(5):
            with pytest.raises(ConnectionClosed):
                while True:
                    await socket.ws.recv()
        assert socket.ws.close_code == 4401
