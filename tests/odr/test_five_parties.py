"""A five-party inheritance case end to end over HTTP and WebSocket (#17).

The claimant opens it with four invitations (each its own link); party5 never joins, so the
claimant starts with the three who did and party5 is told. The four state private interests,
the engine proposes packages, and the room trades offers: an acceptance of an outdated offer is
refused; party4 withdraws and, everyone remaining having accepted, that is the agreement. The
settlement names the three parties still taking part, all three sign, and verification lists
their three signatures; the court's listing and the mediator's dashboard name every party.
Nothing a party received holds another party's private values.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import OutboxNotice
from tests.builders.app import services_of
from tests.builders.settlement import person_details
from tests.builders.several_settlement import obligation, terms_body
from tests.conftest import MakeClient
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client
from tests.odr.room_client import RoomClient

ISSUES: list[dict[str, Any]] = [
    {"name": "house", "label": "Дом в Алматы", "options": ["Айгерим", "Болат", "продать"]},
    {"name": "car", "label": "Автомобиль", "options": ["Дана", "Ерлан", "продать"]},
    {
        "name": "share",
        "label": "Компенсация доли",
        "range": {"min": 0, "max": 3000000, "step": 100000, "unit": "KZT"},
    },
]
CASE: dict[str, Any] = {
    "category": "family",
    "subject": "Наследство: дом, автомобиль и вклад",
    "language": "ru",
    "issues": ISSUES,
    "respondent": {"name": "Болат", "email": "bolat@example.kz"},
    "other_parties": [
        {"name": "Дана", "email": "dana@example.kz"},
        {"name": "Ерлан", "email": "erlan@example.kz", "side": "respondent"},
        {"name": "Жанна", "email": "zhanna@example.kz", "language": "kk"},
    ],
    "consent_to_online_mediation": True,
}
EMAILS = {
    "claimant": "aigerim@example.kz",
    "respondent": "bolat@example.kz",
    "party3": "dana@example.kz",
    "party4": "erlan@example.kz",
}


def marks(issue: dict[str, Any], ideal: str) -> dict[str, Any]:
    return {"options": {o: "ideal" if o == ideal else "acceptable" for o in issue["options"]}}


def interests(house: str, car: str, best: int, acceptable: int, limit: int) -> dict[str, Any]:
    """A party's private answers: the house and the car as it ranks them, its share's range."""
    return {
        "importance": {"ranking": ["house", "share", "car"]},
        "issues": {
            "house": marks(ISSUES[0], house),
            "car": marks(ISSUES[1], car),
            "share": {"best": best, "acceptable": acceptable, "limit": limit},
        },
        "walk_away": "balanced",
    }


# Each party's private values: numbers off the others' grids, so a leak is easy to spot.
PRIVATE = {
    "claimant": interests("Айгерим", "продать", 2700000, 1900000, 1300000),
    "respondent": interests("Болат", "Ерлан", 300000, 1100000, 1700000),
    "party3": interests("продать", "Дана", 2500000, 1500000, 900000),
    "party4": interests("Болат", "Ерлан", 200000, 800000, 1600000),
}
SECRETS = {
    role: [str(v) for v in answers["issues"]["share"].values()] for role, answers in PRIVATE.items()
}


async def test_a_five_party_inheritance_case_from_its_invitations_to_its_signatures(
    address: str, app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Алматинский центр медиации", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "saule@centre.kz", name="Сауле")

    # Four invitations, each its own single-use link.
    claimant = await RoomClient.signup(address, EMAILS["claimant"])
    created = await claimant.http("POST", "/api/cases", json=CASE)
    assert created.status_code == 201, created.text
    case_id = created.json()["case"]["id"]
    invitations = created.json()["invitations"]
    assert [(i["role"], i["name"], i["side"]) for i in invitations] == [
        ("respondent", "Болат", "respondent"),
        ("party3", "Дана", "own"),
        ("party4", "Ерлан", "respondent"),
        ("party5", "Жанна", "own"),
    ]
    tokens = {i["role"]: i["url"].split("#token=")[1] for i in invitations}
    assert len(set(tokens.values())) == 4

    # Three join; party5 never does, and the case waits for it.
    parties = {"claimant": claimant}
    for role in ("respondent", "party3", "party4"):
        parties[role] = await RoomClient.signup(address, EMAILS[role])
        joined = await parties[role].http(
            "POST",
            "/api/invitations/accept",
            json={"token": tokens[role], "consent_to_online_mediation": True},
        )
        assert joined.status_code == 200, joined.text
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["status"] == "awaiting_respondent"

    # The claimant starts without party5, which is told; its link no longer works.
    started = await claimant.http("POST", f"/api/cases/{case_id}/start")
    assert started.status_code == 200, started.text
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["status"] == "open"
    assert [p["role"] for p in case["parties"]] == ["claimant", "respondent", "party3", "party4"]
    assert [(p["role"], p["status"]) for p in case["invited_parties"]] == [("party5", "dropped")]
    async with services_of(app).sessions() as db:
        told = list(
            await db.scalars(
                select(OutboxNotice.recipient).where(OutboxNotice.kind == "case_went_ahead")
            )
        )
    assert told == ["zhanna@example.kz"]
    late = await (await RoomClient.signup(address, "zhanna@example.kz")).http(
        "POST",
        "/api/invitations/accept",
        json={"token": tokens["party5"], "consent_to_online_mediation": True},
    )
    assert 400 <= late.status_code < 500, late.text

    # Everyone in the room; each states its interests privately; proposals for all four.
    for party in parties.values():
        await party.join(case_id)
    for role, party in parties.items():
        stated = await party.http(
            "PUT", f"/api/cases/{case_id}/interests", json={"answers": PRIVATE[role]}
        )
        assert stated.status_code == 200, stated.text
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=60)
    proposals = {}
    for role, party in parties.items():
        answer = await party.http("GET", f"/api/cases/{case_id}/proposals")
        assert answer.status_code == 200, answer.text
        proposals[role] = answer.json()
    first = proposals["claimant"]["packages"][0]["choice"]

    # Offers and acceptances of all: an acceptance of an outdated offer is refused.
    assert (await claimant.command("offer", package=first))["type"] == "ack"
    counter = {**first, "car": "продать" if first["car"] != "продать" else "Дана"}
    countered = await parties["party3"].command("offer", package=counter, counter_to=1)
    assert countered["type"] == "ack", countered
    stale = await parties["respondent"].command("accept", version=1)
    assert (stale["type"], stale["code"]) == ("error", "stale_offer"), stale
    for role in ("claimant", "respondent"):
        accepted = await parties[role].command("accept", version=2)
        assert accepted["type"] == "ack", accepted

    # party4 withdraws: everyone remaining has accepted version 2, so that is the agreement.
    left = await parties["party4"].http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200, left.text
    assert left.json()["case_status"] == "agreed"
    for party in parties.values():
        agreed = await party.wait_frame(lambda f: f.get("event") == "agreement")
        assert agreed["data"]["version"] == 2
    withdrew = [e for e in claimant.events if e["event"] == "party_withdrew"]
    assert [e["data"]["role"] for e in withdrew] == ["party4"]

    # Nothing a party received holds another party's private values (those no public package
    # happens to name: the shares are on the issue's grid, as any offer is).
    public = {
        value
        for party in parties.values()
        for frame in party.frames
        for value in (frame.get("data", {}).get("package") or {}).values()
    } | {
        v for answer in proposals.values() for p in answer["packages"] for v in p["choice"].values()
    }
    for role, party in parties.items():
        received = json.dumps([party.frames, proposals[role]], ensure_ascii=False)
        for other, secrets in SECRETS.items():
            if other != role:
                hidden = [s for s in secrets if s not in public]
                assert not [s for s in hidden if re.search(rf"(?<!\d){s}(?!\d)", received)], (
                    role,
                    other,
                )

    # The settlement names the three parties still taking part; all three sign.
    signers = ["claimant", "respondent", "party3"]
    url = f"/api/cases/{case_id}/settlement"
    current: dict[str, Any] = {}
    for n, role in enumerate(signers, 1):
        given = await parties[role].http(
            "PUT", f"{url}/parties/me", json=person_details(f"Наследник {n} Тестов", n)
        )
        assert given.status_code == 200, given.text
        current = given.json()
    assert [p["role"] for p in current["party_list"]] == signers
    body = terms_body(current) | {
        "obligations": [
            obligation(
                "respondent",
                "party3",
                kind="payment",
                description="Компенсация доли в доме",
                amount="1200000",
                method={"code": "bank_transfer"},
            ),
            obligation("claimant", "respondent"),
        ],
        "costs": {"allocation": "claimant", "state_fee_note": {"code": "refund_by_law"}},
    }
    saved = await parties["party3"].http("PUT", f"{url}/terms", json=body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["missing"] == [], saved.json()["missing"]
    record_hash = saved.json()["record_sha256"]
    for role in signers:
        signed = await parties[role].http(
            "POST",
            f"{url}/signatures",
            json={"password": "correct horse battery", "record_sha256": record_hash},
        )
        assert signed.status_code == 201, signed.text
    assert signed.json()["status"] == "signed"

    # Verification lists every signature; the court's listing names every party.
    pdf = (await claimant.http("GET", f"{url}/pdf")).content
    checked = await make_client().post(
        "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
    )  # anyone may verify
    verdict = checked.json()
    assert checked.status_code == 200 and verdict["valid"] is True, checked.text
    assert sorted(s["role"] for s in verdict["signers"]) == sorted(signers)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for n in (1, 2, 3):
        assert f"Наследник {n} Тестов" in text.replace("\n", " ")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    (listed,) = (await court.get("/api/court/v1/settlements")).json()["settlements"]
    assert [p["role"] for p in listed["parties"]] == signers

    # The mediator's dashboard lists all five: three signed, one withdrawn, one never joined.
    mediator = await login(make_client(), "saule@centre.kz")
    [row] = (await mediator.get("/api/centre/dashboard")).json()["cases"]
    assert [(p["role"], p["state"]) for p in row["roster"]] == [
        ("claimant", "joined"),
        ("respondent", "joined"),
        ("party3", "joined"),
        ("party4", "withdrawn"),
        ("party5", "dropped"),
    ]
    assert row["roster"][4]["name"] == "Жанна"
    for party in parties.values():
        assert party.violations == []
        await party.disconnect()
