"""A mediator attests the mediation with EDS through the same NCALayer round trip as a party;
a centre decides whether its parties may also sign with their password."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import Mediation
from tests.builders.app import services_of
from tests.builders.pki import Authority, Issued, ncalayer_cms, serve
from tests.builders.settlement import agreed_case, complete, sign
from tests.conftest import Client, MakeClient
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client

MEDIATOR_IIN = "850312400123"
CONTRACT = {"mediation_contract_date": "2026-11-01"}


@pytest.fixture(scope="module")
def pki() -> Iterator[Authority]:
    with serve(Authority()) as served:
        yield served


@pytest.fixture
def env(env: dict[str, str], tmp_path: Path, pki: Authority) -> dict[str, str]:
    anchors = tmp_path / "nca-rk.pem"
    anchors.write_bytes(pki.anchors_pem())
    return {**env, "ODR_EDS_TRUST_ANCHORS": str(anchors), "ODR_EDS_REVOCATION": "require"}


async def mediated(app: Starlette, make_client: MakeClient) -> tuple[Client, Client, str]:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Дана Омарова")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent, case_id = await agreed_case(app, make_client)
    await complete(claimant, respondent, case_id)
    return mediator, claimant, case_id


async def attest(client: Client, case_id: str, signer: Issued) -> Any:
    url = f"/api/centre/cases/{case_id}/attest/eds"
    prepared = await client.post(f"{url}/prepare", json=CONTRACT)
    assert prepared.status_code == 200, prepared.text
    body = prepared.json()
    cms = ncalayer_cms(signer, base64.b64decode(body["digest"]))
    return await client.post(
        url, json={**CONTRACT, "token": body["token"], "cms": base64.b64encode(cms).decode()}
    )


async def evidence(app: Starlette) -> dict[str, Any] | None:
    async with services_of(app).sessions() as db:
        return await db.scalar(select(Mediation.attestation_evidence))


async def test_the_mediator_attests_with_eds_and_is_named_in_the_settlement(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    mediator, claimant, case_id = await mediated(app, make_client)
    signer = pki.person(MEDIATOR_IIN, "ОМАРОВА", "ДАНА", key_slot=6)
    attested = await attest(mediator, case_id, signer)
    assert attested.status_code == 200, attested.text
    assert attested.json()["signer"]["iin"] == MEDIATOR_IIN
    assert attested.json()["revocation_method"] == "ocsp"
    settlement = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert settlement["record"]["mediator"]["full_name"] == "Дана Омарова"
    assert settlement["record"]["mediator"]["mediation_contract_date"] == "2026-11-01"
    kept = await evidence(app)
    assert kept is not None
    assert base64.b64decode(kept["certificate"]) == signer.der
    assert '"mediation_contract_date":"2026-11-01"' in kept["statement"]
    assert kept["revocation"]["status"] == "good"


async def test_an_authentication_key_or_a_party_cannot_attest(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    mediator, claimant, case_id = await mediated(app, make_client)
    refused = await attest(mediator, case_id, pki.person(MEDIATOR_IIN, usage="auth"))
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "eds_authentication_key"
    assert await evidence(app) is None
    settlement = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert settlement["record"]["mediator"] is None
    party = await claimant.post(f"/api/centre/cases/{case_id}/attest/eds/prepare", json=CONTRACT)
    assert party.status_code == 404


async def test_a_centre_decides_whether_its_parties_may_sign_with_the_password(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Дана Омарова")
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    rules = f"/api/centres/{centre['id']}/signature-rules"
    methods = f"/api/cases/{case_id}/settlement/signing-methods"
    assert (await claimant.get(methods)).json()["simple"] is False  # EDS on: the default

    allowed = await admin.put(rules, json={"simple_signature": True})
    assert allowed.status_code == 200, allowed.text
    assert allowed.json() == {"simple_signature": True, "eds": True, "simple": True}
    assert (await claimant.get(methods)).json() == {
        "eds": True,
        "simple": True,
        "ncalayer_url": "wss://127.0.0.1:13579",
    }
    assert (await sign(claimant, case_id, settlement["record_sha256"])).status_code == 201

    back = await admin.put(rules, json={"simple_signature": None})
    assert back.json()["simple"] is False
    refused = await sign(respondent, case_id, settlement["record_sha256"])
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "simple_signature_not_allowed"
    # Only the centre's administrators decide: anyone else is told there is no such centre.
    assert (await claimant.put(rules, json={"simple_signature": True})).status_code == 404
