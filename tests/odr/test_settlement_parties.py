"""A settlement of five parties (#17): each gives its details, the terms name any party as
debtor or creditor, all five sign, and the document, its JSON and its Akoma Ntoso name all five;
verification lists five signatures."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from pypdf import PdfReader
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import OutboxNotice, Settlement
from tests.builders.app import services_of
from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    agreed_case_of,
    person_details,
    sign,
    user_of,
)
from tests.builders.several_settlement import (
    HEIRS,
    NAMES,
    OBLIGATIONS,
    ROLES,
    SIDES,
    five_party_details,
    five_party_terms,
    obligation,
    terms_body,
)
from tests.conftest import MakeClient, assert_error

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


async def test_five_parties_complete_the_terms_and_the_record_names_them_all(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    parties, case_id, current = await five_party_details(app, make_client)
    url = f"/api/cases/{case_id}/settlement"
    assert [p["role"] for p in current["party_list"]] == ROLES
    assert [p["side"] for p in current["party_list"]] == SIDES
    assert [p["display_name"] for p in current["party_list"]][2:] == ["heir3", "heir4", "heir5"]
    assert list(current["parties"]) == ROLES
    assert current["parties"]["party4"]["full_name"] == HEIRS["party4"]
    body = terms_body(current)
    # A party of no one in this case, as debtor, creditor or bearer of the costs, is refused
    # at its field with a stable code, and changes nothing.
    strangers = [*OBLIGATIONS[:3], obligation("party3", "party7"), OBLIGATIONS[4]]
    for change, field in (
        ({"obligations": strangers}, "obligations[3].creditor"),
        ({"costs": {**body["costs"], "allocation": "party9"}}, "costs.allocation"),
    ):
        refused = assert_error(
            await parties[2].client.put(f"{url}/terms", json={**body, **change}), 422
        )
        assert [(f["field"], f["code"]) for f in refused["fields"]] == [(field, "unknown_party")]
    saved = await parties[2].client.put(f"{url}/terms", json=body)  # party3 edits the terms
    assert saved.status_code == 200, saved.text
    settlement = (await parties[4].client.get(url)).json()
    assert settlement["version"] == saved.json()["version"] and settlement["missing"] == []
    record = settlement["record"]
    assert [(p["role"], p["side"]) for p in record["parties"]] == list(
        zip(ROLES, SIDES, strict=True)
    )
    assert record["copies"] == 6  # five parties and the court
    assert [(o["debtor"], o["creditor"]) for o in record["obligations"]] == [
        (o["debtor"], o["creditor"]) for o in OBLIGATIONS
    ]
    assert record["costs"]["allocation"] == "party4"
    assert settlement["awaiting"] == ROLES


async def test_five_parties_sign_and_the_document_names_and_verifies_all_five(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    parties, case_id, ready = await five_party_terms(app, make_client)
    url = f"/api/cases/{case_id}/settlement"
    record_hash = ready["record_sha256"]
    for n, party in enumerate(parties[:4], 1):
        signed = await sign(party.client, case_id, record_hash)
        assert signed.status_code == 201, signed.text
        answer = signed.json()
        assert answer["status"] == "signing"
        assert answer["awaiting"] == ROLES[n:]
        assert [p["signed"] for p in answer["party_list"]] == [i < n for i in range(5)]
    # Each party still to sign was asked; the one who signed last is not asked again.
    services = services_of(app)
    last = await user_of(app, parties[4].email)
    async with services.sessions() as db:
        asked = await db.scalars(
            select(OutboxNotice).where(OutboxNotice.kind == "settlement_awaits_signature")
        )
        assert last.id in {n.user_id for n in asked}
    sealed = await sign(parties[4].client, case_id, record_hash)
    assert sealed.status_code == 201, sealed.text
    assert sealed.json()["status"] == "signed" and sealed.json()["awaiting"] == []
    assert {s["role"] for s in sealed.json()["signatures"]} == set(ROLES)

    pdf = (await parties[2].client.get(f"{url}/pdf")).content
    checked = await parties[0].client.post(
        "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
    )
    verdict = checked.json()
    assert checked.status_code == 200 and verdict["valid"] is True, checked.text
    assert sorted(s["role"] for s in verdict["signers"]) == sorted(ROLES)

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for name in NAMES:
        assert name in text, name
    for words in ("На стороне истца:", "На стороне ответчика:", "Сторона 5:", "Сторона 3:"):
        assert words in text, words
    embedded = json.loads(reader.attachments["settlement.json"][0])
    assert [p["role"] for p in embedded["record"]["parties"]] == ROLES
    xml = ET.fromstring(reader.attachments["settlement.akn.xml"][0])
    references = xml.find(f"./{AKN}doc/{AKN}meta/{AKN}references")
    assert references is not None
    people = {
        e.get("eId") for e in references if e.tag in (f"{AKN}TLCPerson", f"{AKN}TLCOrganization")
    }
    assert set(ROLES) <= people
    roles = {e.get("eId") for e in references if e.tag == f"{AKN}TLCRole"}
    assert {f"{role}Role" for role in ROLES} <= roles

    # What the court imports: the envelope lists five signatures, the XML concludes with them.
    court = parties[0].client
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    (item,) = (await court.get("/api/court/v1/settlements")).json()["settlements"]
    imported = (await court.get(item["links"]["json"])).json()
    assert sorted(s["role"] for s in imported["party_signatures"]) == sorted(ROLES)
    filed = ET.fromstring((await court.get(item["links"]["xml"])).content)
    signatures = filed.findall(
        f".//{AKN}conclusions/{AKN}blockContainer/{AKN}signature/{AKN}person"
    )
    assert sorted(p.get("refersTo") or "" for p in signatures) == sorted(f"#{r}" for r in ROLES)
    async with services.sessions() as db:
        stored = await db.scalar(select(Settlement).where(Settlement.case_id == case_id))
        assert stored is not None and stored.status == "signed"


async def test_a_party_who_withdrew_before_the_agreement_is_no_party_to_the_settlement(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    parties, case_id = await agreed_case_of(app, make_client, ["own", "own"], withdrawn=["party3"])
    url = f"/api/cases/{case_id}/settlement"
    staying = [p for p in parties if p.role != "party3"]
    left = next(p for p in parties if p.role == "party3")
    draft = (await staying[0].client.get(url)).json()
    assert [p["role"] for p in draft["party_list"]] == ["claimant", "respondent", "party4"]
    assert "parties.party3" not in draft["missing"] and "party3" not in draft["parties"]
    # Not theirs to read (the others' IINs and addresses), fill in, sign or download.
    assert_error(await left.client.get(url), 403, "role_not_allowed")
    details = person_details(HEIRS["party3"], 3)
    assert_error(await left.client.put(f"{url}/parties/me", json=details), 403, "role_not_allowed")
    assert_error(await left.client.get(f"{url}/pdf"), 403, "role_not_allowed")
    # Naming them in the terms is naming a stranger.
    for party, who in zip(staying, (CLAIMANT_DETAILS, RESPONDENT_DETAILS, details), strict=True):
        answer = await party.client.put(f"{url}/parties/me", json=who)
        assert answer.status_code == 200, answer.text
    body = terms_body(answer.json())
    body["obligations"] = [obligation("party4", "claimant")]
    body["costs"] = {**body["costs"], "allocation": "split"}
    ready = await staying[1].client.put(f"{url}/terms", json=body)
    assert ready.status_code == 200, ready.text
    stranger = {**body, "version": ready.json()["version"]}
    stranger["obligations"] = [obligation("party3", "claimant")]
    refused = assert_error(await staying[0].client.put(f"{url}/terms", json=stranger), 422)
    assert [(f["field"], f["code"]) for f in refused["fields"]] == [
        ("obligations[0].debtor", "unknown_party")
    ]
    record = ready.json()["record"]
    assert [p["role"] for p in record["parties"]] == ["claimant", "respondent", "party4"]
    assert record["copies"] == 4  # three parties and the court
    for n, party in enumerate(staying, 1):
        signed = await sign(party.client, case_id, ready.json()["record_sha256"])
        assert signed.status_code == 201, signed.text
        assert signed.json()["status"] == ("signed" if n == 3 else "signing")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    (item,) = (await court.get("/api/court/v1/settlements")).json()["settlements"]
    filed = await court.put(
        f"/api/court/v1/settlements/{item['id']}/acknowledgement",
        json={"court_case_number": "7594-26-00-2/17"},
    )
    assert filed.status_code == 200, filed.text
    # Nobody asked the one who left to sign, nor told them of the sealed or filed document;
    # the others were told it is filed.
    services = services_of(app)
    gone = await user_of(app, left.email)
    async with services.sessions() as db:
        told = await db.scalars(select(OutboxNotice).where(OutboxNotice.user_id == gone.id))
        assert not [n.kind for n in told if n.kind.startswith(("settlement_", "case_filed"))]
        filing = await db.scalars(select(OutboxNotice).where(OutboxNotice.kind == "case_filed"))
        assert len(list(filing)) == 3
