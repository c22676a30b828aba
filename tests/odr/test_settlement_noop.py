"""A save that changes nothing leaves the settlement as it was: same version, signatures kept.

A double click, a retried request or a form saved again unchanged must not make the other
party sign again; a save that does change something still voids every signature
(``test_settlement.py``).
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from tests.builders.settlement import CLAIMANT_DETAILS, agreed_case, complete, sign
from tests.conftest import MakeClient


def terms_body(settlement: dict[str, Any]) -> dict[str, Any]:
    """The terms as read back, ready to be saved again at the current version."""
    body = {key: value for key, value in settlement["terms"].items() if key != "parties"}
    return {**body, "version": settlement["version"]}


async def test_saving_my_details_again_unchanged_keeps_version_and_signatures(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    ready = await complete(claimant, respondent, case_id)
    signed = await sign(claimant, case_id, ready["record_sha256"])
    assert signed.status_code == 201, signed.text
    first = signed.json()
    assert first["status"] == "signing" and len(first["signatures"]) == 1

    url = f"/api/cases/{case_id}/settlement/parties/me"
    for _ in range(2):
        again = await claimant.put(url, json=CLAIMANT_DETAILS)
        assert again.status_code == 200, again.text
        assert again.json() == first, "an unchanged save answers as the settlement stands"

    # The respondent can still complete the signing with the hash both reviewed.
    done = await sign(respondent, case_id, ready["record_sha256"])
    assert done.status_code == 201, done.text
    assert done.json()["status"] == "signed"


async def test_saving_the_terms_again_unchanged_keeps_version_and_signatures(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    ready = await complete(claimant, respondent, case_id)
    first = (await sign(respondent, case_id, ready["record_sha256"])).json()
    assert first["status"] == "signing"

    url = f"/api/cases/{case_id}/settlement/terms"
    for client in (claimant, respondent):
        again = await client.put(url, json=terms_body(ready))
        assert again.status_code == 200, again.text
        assert again.json() == first


async def test_a_real_change_after_an_unchanged_save_still_voids_signatures(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    ready = await complete(claimant, respondent, case_id)
    assert (await sign(claimant, case_id, ready["record_sha256"])).status_code == 201
    url = f"/api/cases/{case_id}/settlement"
    assert (await claimant.put(f"{url}/terms", json=terms_body(ready))).status_code == 200

    moved = await claimant.put(
        f"{url}/parties/me", json={**CLAIMANT_DETAILS, "address": "Астана, 1"}
    )
    assert moved.status_code == 200, moved.text
    changed = moved.json()
    assert changed["version"] == ready["version"] + 1
    assert changed["signatures"] == [] and changed["status"] == "drafting"
    edited = await respondent.put(f"{url}/terms", json={**terms_body(changed), "place": "Алматы"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["version"] == changed["version"] + 1
