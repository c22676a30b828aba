"""A case referred to court reaches the court (#15): the referral package through the court API.

The case is referred by the real path (its mediator closes it without agreement, then refers it
to a court by code); the package is seen by that court's client only, holds exactly the allowed
fields and none of the parties' private answers, its SHA-256 checks, and the court's case number,
acknowledged once, is shown to the parties and the centre.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select
from starlette.applications import Starlette

from odr.documents.canonical import canonical_json
from odr.persistence.models import AuditEntry, Case, OutboxNotice, User
from odr.privacy.purge import purge
from tests.builders.app import services_of
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

RESPONDENT_SECRETS = ["150000", "260000", "flexible"]
REASON = "Ruslan told me alone he would pay 333333 at most"  # the mediator's: never to the court
PACKAGE_KEYS = {
    "format",
    "referral_id",
    "case_reference",
    "court",
    "parties",
    "claim",
    "mediation",
    "shared",
}
CLAIM_KEYS = {
    "category",
    "subject",
    "amount",
    "currency",
    "issues",
    "respondent_named_as",
    "filed_at",
    "language",
}
MEDIATION_KEYS = {
    "centre",
    "started_at",
    "deadline_at",
    "ended_at",
    "referred_at",
    "mechanisms",
    "ended",
    "ended_by",
    "agreement_reached",
}


def court(make_client: MakeClient, token: str) -> Client:
    client = make_client()
    client.headers["authorization"] = f"Bearer {token}"
    return client


async def failed_case(app: Starlette, make_client: MakeClient) -> dict[str, Any]:
    """Both parties stated private interests (the claimant shared them with the mediator, and
    the room's record with the court), then the mediator closed the case without agreement."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Almaty conciliation centre")
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("ruslan@example.kz", display_name="Ruslan Abenov")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    for party, answers in ((claimant, CLAIMANT), (respondent, RESPONDENT)):
        stated = await party.put(f"/api/cases/{case_id}/interests", json={"answers": answers})
        assert stated.status_code == 200, stated.text
    shared = await claimant.put(
        f"/api/cases/{case_id}/sharing",
        json={"interests_with_mediator": True, "record_with_court": True},
    )
    assert shared.status_code == 200, shared.text
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", json={"outcome": "failed", "reason": REASON}
    )
    assert closed.status_code == 200, closed.text
    return {"id": case_id, "claimant": claimant, "respondent": respondent, "mediator": mediator}


async def refer(case: dict[str, Any], **body: Any) -> Any:
    return await case["mediator"].post(
        f"/api/centre/cases/{case['id']}/refer", json={"reason": REASON, **body}
    )


async def test_the_package_reaches_its_court_only_with_the_allowed_fields_and_its_hash(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    case = await failed_case(app, make_client)
    referred = await refer(case, court_code="ASTANA-1")
    assert referred.status_code == 201, referred.text
    referral_id = referred.json()["id"]
    astana = court(make_client, court_token["ASTANA-1"])
    almaty = court(make_client, court_token["ALMATY-2"])

    # Another court: no such referral, in the list or by id.
    assert (await almaty.get("/api/court/v1/referrals")).json()["referrals"] == []
    assert_error(
        await almaty.get(f"/api/court/v1/referrals/{referral_id}"), 404, "referral_not_found"
    )
    ack = {"court_case_number": "2-999/26"}
    assert_error(
        await almaty.put(f"/api/court/v1/referrals/{referral_id}/acknowledgement", json=ack),
        404,
        "referral_not_found",
    )

    listed = (await astana.get("/api/court/v1/referrals")).json()
    (item,) = listed["referrals"]
    assert listed["next_cursor"] is None
    assert item["id"] == referral_id and item["court_case_number"] is None
    fetched = await astana.get(item["links"]["json"])
    assert fetched.status_code == 200 and fetched.headers["content-type"] == "application/json"
    body = fetched.json()
    package = body["package"]

    # The hash: SHA-256 of the package's canonical JSON, as listed, and in the audit chain.
    digest = hashlib.sha256(canonical_json(package)).hexdigest()
    assert body["package_sha256"] == item["package_sha256"] == digest
    async with services_of(app).sessions() as db:
        entry = await db.scalar(
            select(AuditEntry).where(AuditEntry.action == "court.referral_packaged")
        )
        case_row = await db.get_one(Case, case["id"])
    assert entry is not None and entry.target == referral_id
    assert entry.details["sha256"] == digest
    assert case_row.status == "referred"

    # Exactly the allowed fields.
    assert set(package) == PACKAGE_KEYS
    assert package["format"] == "kelisim.court-referral/1"
    assert package["court"] == {"code": "ASTANA-1", "name": "Суд №1 г. Астаны"}
    assert package["case_reference"] == case_row.reference
    assert package["parties"] == [
        {"role": "claimant", "name": "claimant", "side": "claimant", "withdrawn": False},
        {"role": "respondent", "name": "Ruslan Abenov", "side": "respondent", "withdrawn": False},
    ]
    assert set(package["claim"]) == CLAIM_KEYS
    assert package["claim"]["amount"] == "420000.50"
    assert package["claim"]["subject"] == "Unpaid invoice for furniture"
    assert package["claim"]["issues"] == ["Сумма", "Срок"]
    assert package["claim"]["respondent_named_as"] == "Ruslan"
    assert set(package["mediation"]) == MEDIATION_KEYS
    assert package["mediation"]["ended"] == "failed"
    assert package["mediation"]["ended_by"] == "mediator_closed"
    assert package["mediation"]["agreement_reached"] is False
    assert package["mediation"]["mechanisms"] == ["packages"]
    # Only the claimant agreed to share the record: nothing of the room goes.
    assert package["shared"] == {"consented": ["claimant"], "record_shared": False, "events": []}

    # Nothing private: interests (even those shared with the mediator), the mediator's reason,
    # e-mail addresses.
    text = fetched.text
    for secret in [*CLAIMANT_SECRETS, *RESPONDENT_SECRETS, "333333", "example.kz", "centre.kz"]:
        assert secret not in text, secret


async def test_the_court_acknowledges_once_and_the_parties_and_centre_see_its_number(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    case = await failed_case(app, make_client)
    referred = await refer(case, court_code="ASTANA-1")
    referral_id = referred.json()["id"]
    astana = court(make_client, court_token["ASTANA-1"])
    url = f"/api/court/v1/referrals/{referral_id}/acknowledgement"

    for side in (case["claimant"], case["respondent"], case["mediator"]):
        seen = (await side.get(f"/api/cases/{case['id']}/referral")).json()
        assert seen["court"] == {"code": "ASTANA-1", "name": "Суд №1 г. Астаны"}
        assert seen["court_case_number"] is None and seen["referred_at"]

    first = await astana.put(url, json={"court_case_number": "2-1234/26"})
    assert first.status_code == 200, first.text
    assert first.json()["court_case_number"] == "2-1234/26"
    again = await astana.put(url, json={"court_case_number": "2-1234/26"})
    assert again.status_code == 200 and again.json() == first.json()
    other = await astana.put(url, json={"court_case_number": "2-9999/26"})
    assert_error(other, 409, "already_acknowledged")
    # The parties and the mediator are told once, each in their language, with the number.
    async with services_of(app).sessions() as db:
        told = list(
            await db.execute(
                select(User.email, OutboxNotice.language, OutboxNotice.params)
                .join(OutboxNotice, OutboxNotice.user_id == User.id)
                .where(OutboxNotice.kind == "referral_acknowledged")
                .order_by(User.email)
            )
        )
    assert [(email, language) for email, language, _ in told] == [
        ("claimant@example.kz", "kk"),  # the language each chose (signing up: kk)
        ("dana@centre.kz", "ru"),
        ("ruslan@example.kz", "kk"),
    ]
    assert all(params["number"] == "2-1234/26" for _, _, params in told)

    (item,) = (await astana.get("/api/court/v1/referrals")).json()["referrals"]
    assert item["court_case_number"] == "2-1234/26"
    fetched = (await astana.get(f"/api/court/v1/referrals/{referral_id}")).json()
    assert fetched["court_case_number"] == "2-1234/26" and fetched["acknowledged_at"]
    for side in (case["claimant"], case["respondent"], case["mediator"]):
        seen = (await side.get(f"/api/cases/{case['id']}/referral")).json()
        assert seen["court_case_number"] == "2-1234/26"
        assert seen["acknowledged_at"] == first.json()["acknowledged_at"]

    stranger = make_client()
    await stranger.signup("someone@example.kz")
    assert_error(await stranger.get(f"/api/cases/{case['id']}/referral"), 404, "case_not_found")


async def test_refusals_unknown_ids_bad_bodies_and_unknown_courts(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    case = await failed_case(app, make_client)
    assert_error(
        await case["claimant"].get(f"/api/cases/{case['id']}/referral"), 404, "no_referral"
    )
    unknown = await refer(case, court_code="NOWHERE-9")
    assert_error(unknown, 422, "unknown_court")
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case["id"])).status == "failed"  # nothing changed
    referral_id = (await refer(case, court_code="ASTANA-1")).json()["id"]
    astana = court(make_client, court_token["ASTANA-1"])
    base = "/api/court/v1/referrals"
    assert_error(await astana.get(f"{base}/{'0' * 32}"), 404, "referral_not_found")
    assert_error(await astana.get(f"{base}/not-an-id"), 404, "referral_not_found")
    url = f"{base}/{referral_id}/acknowledgement"
    for bad in ({}, {"court_case_number": ""}, {"court_case_number": "x", "extra": 1}):
        response = await astana.put(url, json=bad)
        assert response.status_code == 422, (bad, response.text)
        assert response.json()["error"]["code"]
    bad_json = await astana.put(url, content=b"{", headers={"content-type": "application/json"})
    assert bad_json.status_code in (400, 422) and bad_json.json()["error"]["code"]
    assert_error(await astana.get(f"{base}?limit=0"), 422, None)
    nobody = make_client()
    assert (await nobody.get(base)).status_code == 401


async def test_a_referral_without_a_court_reaches_no_court(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    case = await failed_case(app, make_client)
    assert (await refer(case)).status_code == 201
    for token in court_token.values():
        assert (await court(make_client, token).get("/api/court/v1/referrals")).json()[
            "referrals"
        ] == []
    seen = (await case["claimant"].get(f"/api/cases/{case['id']}/referral")).json()
    assert seen["court"] is None and seen["court_case_number"] is None


def test_the_stored_package_is_served_byte_for_byte_hashable() -> None:
    """Floats (canonical JSON has none) become decimal strings before the package is hashed."""
    from odr.court.referral_package import jsonable, package_hash

    value = {"b": [1.5, {"c": 2}], "a": "x"}
    assert jsonable(value) == {"b": ["1.5", {"c": 2}], "a": "x"}
    assert (
        package_hash(jsonable(value))
        == hashlib.sha256(
            json.dumps(jsonable(value), sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()
    )


async def test_signed_in_people_list_the_connected_courts(
    make_client: MakeClient, court_token: dict[str, str]
) -> None:
    person = make_client()
    assert (await person.get("/api/courts")).status_code == 401
    await person.signup("someone@example.kz")
    assert (await person.get("/api/courts")).json() == {
        "courts": [
            {"code": "ASTANA-1", "name": "Суд №1 г. Астаны"},  # by name
            {"code": "ALMATY-2", "name": "Суд №2 г. Алматы"},
        ]
    }


async def test_purge_empties_the_package_and_keeps_its_hash(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str], clock: FakeClock
) -> None:
    case = await failed_case(app, make_client)
    referral_id = (await refer(case, court_code="ASTANA-1")).json()["id"]
    astana = court(make_client, court_token["ASTANA-1"])
    before = (await astana.get(f"/api/court/v1/referrals/{referral_id}")).json()
    clock.advance(days=6 * 365)
    services = services_of(app)
    await purge(services.sessions, services.settings, clock())
    after = await astana.get(f"/api/court/v1/referrals/{referral_id}")
    assert after.json()["package"] == {}
    assert after.json()["package_sha256"] == before["package_sha256"]
    assert "Ruslan" not in after.text and "furniture" not in after.text


async def test_the_package_as_a_pdf_in_each_language_with_the_json_attached(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    case = await failed_case(app, make_client)
    referral_id = (await refer(case, court_code="ASTANA-1")).json()["id"]
    astana = court(make_client, court_token["ASTANA-1"])
    (item,) = (await astana.get("/api/court/v1/referrals")).json()["referrals"]
    url = item["links"]["pdf"]
    assert url == f"/api/court/v1/referrals/{referral_id}/pdf"
    digest = (await astana.get(f"/api/court/v1/referrals/{referral_id}")).json()["package_sha256"]
    titles = {"kk": "Істі сотқа жіберу", "ru": "Направление дела в суд", "en": "Referral to court"}
    for language, title in titles.items():
        response = await astana.get(f"{url}?language={language}")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert title in text and digest in text.replace("\n", "")
        for secret in [*CLAIMANT_SECRETS, *RESPONDENT_SECRETS, "333333"]:
            assert secret not in text, secret
        (attached,) = reader.attachments["referral.json"]
        assert hashlib.sha256(attached).hexdigest() == digest
    default = await astana.get(url)  # the case's language (ru)
    assert (
        "Направление дела в суд" in PdfReader(io.BytesIO(default.content)).pages[0].extract_text()
    )
    assert_error(await astana.get(f"{url}?language=de"), 422, None)
    other = court(make_client, court_token["ALMATY-2"])
    assert_error(await other.get(url), 404, "referral_not_found")
