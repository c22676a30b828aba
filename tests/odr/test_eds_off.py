"""Without EDS trust anchors the password stays the way to sign, and EDS says it is off."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.builders.settlement import agreed_case, complete, sign
from tests.conftest import Client, MakeClient


async def test_without_trust_anchors_eds_is_unavailable_and_the_password_signs(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    methods = await claimant.get(f"/api/cases/{case_id}/settlement/signing-methods")
    assert methods.json()["eds"] is False
    assert methods.json()["simple"] is True
    prepared = await claimant.post(f"/api/cases/{case_id}/settlement/eds/prepare")
    assert prepared.status_code == 409
    assert prepared.json()["error"]["code"] == "eds_unavailable"
    assert (await sign(claimant, case_id, settlement["record_sha256"])).status_code == 201


async def test_the_page_may_reach_ncalayer_and_nothing_else_local(client: Client) -> None:
    policy = (await client.get("/")).headers["content-security-policy"]
    assert "connect-src 'self' wss://127.0.0.1:13579;" in policy
