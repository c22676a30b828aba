"""A case's documents with several parties (#17): a third party uploads, and everyone lists and
reads its document under the third party's own key."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.builders.evidence import pdf
from tests.builders.parties import seat_party
from tests.conftest import MakeClient
from tests.odr.centre_setup import join, open_case


async def test_a_third_partys_document_is_listed_as_its_own(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("respondent@example.kz")
    created = await open_case(claimant)
    await join(respondent, created)
    case_id = created["case"]["id"]
    third = await seat_party(app, make_client(), case_id, "party3", email="party3@example.kz")
    path = f"/api/cases/{case_id}/documents"

    uploaded = await third.client.post(
        path,
        params={"shared_with": "everyone", "name": "share.pdf"},
        content=pdf(),
        headers={"content-type": "application/pdf"},
    )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["uploaded_by"] == {"role": "party3", "mine": True}
    for client, mine in ((third.client, True), (claimant, False), (respondent, False)):
        listed = await client.get(path)
        assert listed.status_code == 200, listed.text
        [document] = listed.json()["documents"]
        assert document["uploaded_by"] == {"role": "party3", "mine": mine}
