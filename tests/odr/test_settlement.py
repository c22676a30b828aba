"""From an agreement to a signed, verifiable settlement, and a court importing it."""

from __future__ import annotations

from sqlalchemy import select
from starlette.applications import Starlette

from odr.audit import verify_chain
from odr.persistence.models import AuditEntry, OutboxNotice
from tests.builders.app import services_of
from tests.builders.cases import open_case
from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    agreed_case,
    complete,
    sign,
    signed_case,
)
from tests.conftest import Client, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client


async def test_draft_follows_the_agreement_and_says_what_is_missing(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, _respondent, case_id = await agreed_case(app, make_client)
    response = await claimant.get(f"/api/cases/{case_id}/settlement")
    assert response.status_code == 200, response.text
    draft = response.json()
    assert draft["status"] == "drafting"
    # Who performs the agreed "Срок: через месяц" is for the parties to say (issue #13).
    assert draft["missing"] == [
        "parties.claimant",
        "parties.respondent",
        "place",
        "obligations.2.debtor",
    ]
    assert draft["record"] is None and draft["record_sha256"] is None
    payment = draft["terms"]["obligations"][0]
    assert (payment["kind"], payment["amount"], payment["currency"]) == ("payment", "150000", "KZT")
    assert (payment["debtor"], payment["creditor"]) == ("respondent", "claimant")
    assert draft["terms"]["document_language"] == "ru"


async def test_no_settlement_before_agreement_and_none_for_outsiders(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant = make_client()
    await claimant.signup("early@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    assert_error(await claimant.get(f"/api/cases/{case_id}/settlement"), 409, "no_agreement")
    outsider = make_client()
    await outsider.signup("outsider@example.kz")
    assert_error(await outsider.get(f"/api/cases/{case_id}/settlement"), 404)


async def test_terms_read_back_are_accepted_unchanged_with_instalments(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    current = await complete(claimant, respondent, case_id)
    terms = {key: value for key, value in current["terms"].items() if key != "parties"}
    payment = terms["obligations"][0]
    payment["due_date"] = "2027-02-10"
    payment["instalments"] = [  # numbers as a client might send them: ignored, renumbered
        {"number": 7, "due_date": "2027-01-10", "amount": "100000"},
        {"number": 3, "due_date": "2027-02-10", "amount": "50000"},
    ]
    url = f"/api/cases/{case_id}/settlement/terms"
    # Each refusal names the input to correct and a stable code to translate.
    for change, field, code in (
        ({"instalments": [*payment["instalments"][:1]]}, "instalments", "instalments_sum"),
        ({"creditor": "respondent"}, "creditor", "same_party"),
        ({"amount": None}, "amount", "payment_needs_amount"),
    ):
        wrong = {**terms, "obligations": [{**payment, **change}], "version": current["version"]}
        error = assert_error(await claimant.put(url, json=wrong), 422, "validation_failed")
        assert [(f["field"], f["code"]) for f in error["fields"]] == [
            (f"obligations[0].{field}", code)
        ], error
    saved = await claimant.put(url, json={**terms, "version": current["version"]})
    assert saved.status_code == 200, saved.text
    stored = saved.json()["terms"]["obligations"][0]["instalments"]
    assert [i["number"] for i in stored] == [1, 2]
    read_back = {key: value for key, value in saved.json()["terms"].items() if key != "parties"}
    again = await respondent.put(url, json={**read_back, "version": saved.json()["version"]})
    assert again.status_code == 200, again.text
    assert again.json()["record"]["obligations"][0]["instalments"][1]["amount"] == "50000.00"


async def test_identity_numbers_are_checked(app: Starlette, make_client: MakeClient) -> None:
    claimant, _respondent, case_id = await agreed_case(app, make_client)
    url = f"/api/cases/{case_id}/settlement/parties/me"
    for bad in ("850102300120", "850102300129", "12345", "06121160001x"):
        error = assert_error(await claimant.put(url, json={**CLAIMANT_DETAILS, "iin": bad}), 422)
        assert "iin" in error["message"].lower() or "IIN" in error["message"]
        assert [f["field"] for f in error["fields"]] == ["iin"], "the form shows it at the box"
        if len(bad) == 12 and bad.isdigit():
            assert error["fields"][0]["code"] == "iin_invalid"
    bad_bin = {**RESPONDENT_DETAILS, "bin": "940140000386"}
    error = assert_error(await claimant.put(url, json=bad_bin), 422)
    assert [f["field"] for f in error["fields"]] == ["bin"]
    wrong_kind = {**CLAIMANT_DETAILS, "iin": None, "bin": "940140000385"}
    assert_error(await claimant.put(url, json=wrong_kind), 422)
    settlement = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert settlement["parties"]["claimant"] is None, "a refused edit stores nothing"


async def test_both_sign_and_the_document_verifies(app: Starlette, make_client: MakeClient) -> None:
    claimant, case_id, signed = await signed_case(app, make_client)
    assert signed["status"] == "signed"
    assert [s["role"] for s in signed["signatures"]] == ["claimant", "respondent"]
    assert signed["verification_code"] and signed["pdf_sha256"]
    case = (await claimant.get(f"/api/cases/{case_id}")).json()
    assert case["status"] == "signed"

    pdf = await claimant.get(f"/api/cases/{case_id}/settlement/pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    anyone = Client(transport=claimant._transport, base_url=str(claimant.base_url))
    checked = await anyone.post(
        "/api/verify", content=pdf.content, headers={"content-type": "application/pdf"}
    )
    assert checked.status_code == 200, checked.text
    result = checked.json()
    assert result["valid"] is True, result
    assert result["verification_code"] == signed["verification_code"]
    assert {s["role"] for s in result["signers"]} == {"claimant", "respondent"}
    assert result["case_reference"] == case["reference"]

    by_code = (await anyone.get(f"/api/verify/{signed['verification_code'].lower()}")).json()
    assert by_code["valid"] is True

    tampered = bytearray(pdf.content)
    tampered[len(tampered) // 2] ^= 0x01
    checked = await anyone.post(
        "/api/verify", content=bytes(tampered), headers={"content-type": "application/pdf"}
    )
    assert checked.status_code == 200 and checked.json()["valid"] is False
    assert checked.json()["reasons"]

    keys = (await anyone.get("/.well-known/kelisim-signing-keys.json")).json()
    assert keys["keys"][0]["kty"] == "OKP" and keys["keys"][0]["crv"] == "Ed25519"
    await anyone.aclose()


async def test_signing_needs_the_password_and_the_current_text(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    record_hash = settlement["record_sha256"]
    assert_error(await sign(claimant, case_id, record_hash, "wrong password"), 403)
    assert_error(await sign(claimant, case_id, "0" * 64), 409, "record_changed")
    assert (await sign(claimant, case_id, record_hash)).status_code == 201
    # The respondent changes the terms: the claimant's signature no longer counts.
    changed = await complete(claimant, respondent, case_id, place="Алматы")
    assert changed["record_sha256"] != record_hash
    assert changed["signatures"] == [] and changed["status"] == "drafting"
    assert_error(await sign(respondent, case_id, record_hash), 409, "record_changed")


async def test_stale_terms_edit_is_refused(app: Starlette, make_client: MakeClient) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    stale = {**settlement["terms"], "version": settlement["version"] - 1}
    stale.pop("parties", None)
    assert_error(
        await respondent.put(f"/api/cases/{case_id}/settlement/terms", json=stale),
        409,
        "stale_version",
    )


async def test_vague_deadline_words_are_refused(app: Starlette, make_client: MakeClient) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    obligations = settlement["terms"]["obligations"]
    obligations[0]["description"] = "pay the amount promptly"
    body = {**settlement["terms"], "version": settlement["version"], "obligations": obligations}
    error = assert_error(
        await claimant.put(f"/api/cases/{case_id}/settlement/terms", json=body), 422
    )
    assert "promptly" in error["message"]
    (field,) = error["fields"]
    assert (field["field"], field["code"]) == ("obligations[0].description", "vague_word")
    unchanged = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert unchanged["version"] == settlement["version"] and unchanged["problems"] == []


async def test_court_lists_fetches_and_acknowledges_only_its_own(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    claimant, case_id, signed = await signed_case(app, make_client, court_code="ASTANA-1")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    other = make_client()
    other.headers["authorization"] = f"Bearer {court_token['ALMATY-2']}"

    listed = (await court.get("/api/court/v1/settlements")).json()
    (item,) = listed["settlements"]
    assert item["id"] == signed["id"] and item["court_case_number"] is None
    assert (await other.get("/api/court/v1/settlements")).json()["settlements"] == []
    for suffix in ("", "/pdf", "/xml"):
        assert_error(await other.get(f"/api/court/v1/settlements/{item['id']}{suffix}"), 404)

    record = (await court.get(item["links"]["json"])).json()
    assert record["record_sha256"] == item["record_sha256"]
    pdf = await court.get(item["links"]["pdf"])
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    xml = await court.get(item["links"]["xml"])
    assert b"akomaNtoso" in xml.content

    page = await court.get(
        "/api/court/v1/settlements", params={"since": listed["next_cursor"] or ""}
    )
    assert page.status_code == 200
    url = f"/api/court/v1/settlements/{item['id']}/acknowledgement"
    first = await court.put(url, json={"court_case_number": "7594-26-00-2/17"})
    assert first.status_code == 200, first.text
    again = await court.put(url, json={"court_case_number": "7594-26-00-2/17"})
    assert again.json() == first.json(), "acknowledging twice is the same acknowledgement"
    assert_error(await court.put(url, json={"court_case_number": "other"}), 409)
    assert_error(await other.put(url, json={"court_case_number": "x"}), 404)

    case = (await claimant.get(f"/api/cases/{case_id}")).json()
    assert case["status"] == "filed"
    assert await notices(app) == [
        ("ruslan@example.kz", "settlement_awaits_signature"),
        ("aigerim@example.kz", "settlement_signed"),
        ("ruslan@example.kz", "settlement_signed"),
        ("aigerim@example.kz", "case_filed"),
        ("ruslan@example.kz", "case_filed"),
    ], "one notice per step, none repeated by the second acknowledgement"
    settlement = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert settlement["filed"]["court_case_number"] == "7594-26-00-2/17"

    async with services_of(app).sessions() as db:
        assert (await verify_chain(db)).broken_at is None
        actions = list(await db.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert {"court.list", "court.fetch_json", "court.fetch_pdf", "court.acknowledge"} <= set(
        actions
    )
    assert "court.fetch_refused" in actions


async def notices(app: Starlette) -> list[tuple[str, str]]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(OutboxNotice.recipient, OutboxNotice.kind).order_by(OutboxNotice.id)
        )
        return sorted(
            # The settlement's notices only: other notices (invitations…) are not this test's.
            [(recipient, kind) for recipient, kind in rows if kind in ORDER],
            key=lambda n: (ORDER.index(n[1]), n[0]),
        )


ORDER = ["settlement_awaits_signature", "settlement_signed", "case_filed"]


async def test_an_attesting_mediator_is_named_and_voids_earlier_signatures(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Дана Омарова")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent, case_id = await agreed_case(app, make_client)
    before = await complete(claimant, respondent, case_id)
    assert before["record"]["mediator"] is None
    assert before["record"]["procedure"]["live_mediator"] is False
    assert (await sign(claimant, case_id, before["record_sha256"])).status_code == 201

    attested = await mediator.post(
        f"/api/centre/cases/{case_id}/attest", json={"mediation_contract_date": "2026-11-01"}
    )
    assert attested.status_code == 200, attested.text
    after = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    named = after["record"]["mediator"]
    assert (named["full_name"], named["organisation"]) == ("Дана Омарова", "Astana centre")
    assert named["mediation_contract_date"] == "2026-11-01"
    assert after["record"]["procedure"]["live_mediator"] is True
    assert after["record_sha256"] != before["record_sha256"]
    assert after["signatures"] == [], "a signature of the text before attestation no longer counts"
    stale = await sign(respondent, case_id, before["record_sha256"])
    assert_error(stale, 409, "record_changed")
    for party in (claimant, respondent):
        assert (await sign(party, case_id, after["record_sha256"])).status_code == 201
    signed = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert signed["status"] == "signed"
    assert signed["record"]["mediator"]["certificate_number"] == "MED-dana"

    # A signed case is a settled, concluded mediation: rated, closed, counted.
    feedback = {"service": 5, "procedure": 5, "fairness": 4, "ease": 4}
    rated = await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)
    assert rated.status_code == 201, rated.text
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", json={"outcome": "settled", "reason": "signed"}
    )
    assert closed.status_code == 200, closed.text
    late = await mediator.post(
        f"/api/centre/cases/{case_id}/attest", json={"mediation_contract_date": "2026-11-01"}
    )
    assert_error(late, 409, "not_agreed")  # the sealed record cannot change any more
    overall = (await admin.get("/api/centre/analytics")).json()["overall"]
    assert (overall["concluded"], overall["settled"], overall["settlement_rate"]) == (1, 1, 1.0)


async def test_court_api_refuses_bad_tokens_and_bad_cursors(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    anonymous = make_client()
    assert_error(await anonymous.get("/api/court/v1/settlements"), 401)
    anonymous.headers["authorization"] = "Bearer kct_not-a-real-token"
    assert_error(await anonymous.get("/api/court/v1/settlements"), 401, "court_token_invalid")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    # Query parameters are refused like body fields: 422, naming the parameter and its rule.
    for query, field, code in (
        ("since=%%%", "since", "bad_cursor"),
        ("limit=0", "limit", "greater_than_equal"),
    ):
        error = assert_error(await court.get(f"/api/court/v1/settlements?{query}"), 422)
        assert [(f["field"], f["code"]) for f in error["fields"]] == [(field, code)]
    # A party's session is not a court credential.
    party = make_client()
    await party.signup("party@example.kz")
    assert_error(await party.get("/api/court/v1/settlements"), 401)
