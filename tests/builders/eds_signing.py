"""A settlement ready to sign, and a party's EDS signature through the API (prepare, NCALayer's
CMS over the digest, sign): shared by the EDS signing tests of persons and organisations."""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import SettlementSignature
from tests.builders.app import services_of
from tests.builders.pki import Issued, ncalayer_cms
from tests.builders.settlement import agreed_case, complete
from tests.conftest import Client, MakeClient


async def ready(app: Starlette, make_client: MakeClient) -> tuple[Client, Client, str]:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    await complete(claimant, respondent, case_id)
    return claimant, respondent, case_id


async def prepare(client: Client, case_id: str) -> dict[str, Any]:
    response = await client.post(f"/api/cases/{case_id}/settlement/eds/prepare")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def eds_sign(
    client: Client, case_id: str, signer: Issued, *, digest: bytes | None = None
) -> Any:
    prepared = await prepare(client, case_id)
    to_sign = digest if digest is not None else base64.b64decode(prepared["digest"])
    cms = base64.b64encode(ncalayer_cms(signer, to_sign)).decode()
    return await client.post(
        f"/api/cases/{case_id}/settlement/eds/sign",
        json={"token": prepared["token"], "cms": cms},
    )


async def stored(app: Starlette) -> list[SettlementSignature]:
    async with services_of(app).sessions() as db:
        return list((await db.scalars(select(SettlementSignature))).all())
