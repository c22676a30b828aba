"""A party's "share my answers with the mediator" reaches the case's current mediator and nobody
else: not a centre's administrator, not a platform administrator, not another mediator (of the
same centre, or the one the case was taken from). Sentinel values are planted in both parties'
interests and every HTTP body and dashboard frame each of them can get is scanned."""

from __future__ import annotations

import json

from starlette.applications import Starlette

from tests.builders.dashboard import DashboardSocket
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS
from tests.conftest import Client, MakeClient
from tests.odr.centre_setup import (
    add_mediator,
    join,
    login,
    mediator_ids,
    mediator_of_case,
    new_centre,
    open_case,
    staff_client,
)
from tests.odr.room_client import live_server

# Numbers off the 10,000 grid, so no public proposal can hold them by chance.
RESPONDENT = {
    "importance": {"points": {"amount": 70, "issue2": 30}},
    "issues": {
        "amount": {"best": 21500, "acceptable": 151500, "limit": 261500},
        "issue2": {
            "options": {"сразу": "acceptable", "через месяц": "acceptable", "в рассрочку": "ideal"}
        },
    },
    "walk_away": "flexible",
}
RESPONDENT_SECRETS = ["21500", "151500", "261500", "flexible"]
SECRETS = [*CLAIMANT_SECRETS, *RESPONDENT_SECRETS]


async def everything(staff: Client, case_id: str, centre_id: str) -> str:
    """Every body the staff member can ask for about the case, its centre and the parties."""
    paths = [
        "/api/auth/me",
        "/api/centre/dashboard",
        f"/api/centre/cases/{case_id}",
        "/api/centres",
        f"/api/centres/{centre_id}/mediators",
        "/api/centre/analytics",
        f"/api/centre/analytics?centre_id={centre_id}",
        "/api/centre/analytics.csv",
        "/api/cases",
        *(
            f"/api/cases/{case_id}{tail}"
            for tail in ("", "/interests", "/proposals", "/sharing", "/feedback", "/settlement")
        ),
    ]
    bodies = []
    for path in paths:
        response = await staff.get(path)
        assert response.status_code < 500, (path, response.text)
        bodies.append(response.text)
    return "\n".join(bodies)


def leaked(received: str, secrets: list[str] = SECRETS) -> list[str]:
    return [secret for secret in secrets if secret in received]


async def test_only_the_cases_current_mediator_sees_what_a_party_shares(
    app: Starlette, make_client: MakeClient
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"])
    await add_mediator(app, platform, centre["id"], "dana@centre.kz", name="Dana")
    await add_mediator(app, platform, centre["id"], "erlan@centre.kz", name="Erlan")
    chief = await staff_client(app, make_client, "chief@centre.kz", "clerk")
    added = await platform.post(
        f"/api/centres/{centre['id']}/admins", json={"email": "chief@centre.kz"}
    )
    assert added.status_code == 204, added.text
    dana = await login(make_client(), "dana@centre.kz")
    erlan = await login(make_client(), "erlan@centre.kz")

    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    ids = await mediator_ids(app)
    # Both were registered at the same moment: either may get the case.
    staff_of = {ids["dana"]: ("dana", dana), ids["erlan"]: ("erlan", erlan)}
    assigned = await mediator_of_case(app, case_id)
    assert assigned is not None
    (_, mediator), (other_name, other) = sorted(
        staff_of.values(), key=lambda s: ids[s[0]] != assigned
    )
    for party, answers in ((claimant, CLAIMANT), (respondent, RESPONDENT)):
        stated = await party.put(f"/api/cases/{case_id}/interests", json={"answers": answers})
        assert stated.status_code == 200, stated.text
    # The claimant shares its interests with the mediator; the respondent only the record.
    for party, interests in ((claimant, True), (respondent, False)):
        shared = await party.put(
            f"/api/cases/{case_id}/sharing",
            json={"interests_with_mediator": interests, "record_with_court": True},
        )
        assert shared.status_code == 200, shared.text

    # The case's mediator sees what the claimant shared, and nothing of the respondent's.
    view = (await mediator.get(f"/api/centre/cases/{case_id}")).json()
    assert view["shared_interests"] == [{"role": "claimant", "answers": CLAIMANT}]
    assert leaked(await everything(mediator, case_id, centre["id"]), RESPONDENT_SECRETS) == []

    # Administrators look at the case without mediating it: nothing shared reaches them.
    for staff in (chief, platform, other):
        assert leaked(await everything(staff, case_id, centre["id"])) == []
    for staff in (chief, platform):
        assert (await staff.get(f"/api/centre/cases/{case_id}")).json()["shared_interests"] == []

    # Reassigned: the new mediator sees the shared interests, the one before no longer does,
    # and the administrator's answer to the reassignment holds none.
    moved = await chief.post(
        f"/api/centre/cases/{case_id}/reassign",
        json={"mediator_id": ids[other_name], "reason": "on leave"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["shared_interests"] == [] and leaked(moved.text) == []
    view = (await other.get(f"/api/centre/cases/{case_id}")).json()
    assert view["shared_interests"] == [{"role": "claimant", "answers": CLAIMANT}]
    for staff in (chief, platform, mediator):
        assert leaked(await everything(staff, case_id, centre["id"])) == []

    # The dashboard feed of the administrators carries activity, never what was shared.
    async with live_server(app) as address:
        sockets = [DashboardSocket(address, dict(staff.cookies)) for staff in (chief, platform)]
        for socket in sockets:
            await socket.__aenter__()
        try:
            for socket in sockets:
                assert (await socket.wait(lambda f: f["type"] == "ready"))["cases"] == [case_id]
            restated = await claimant.put(
                f"/api/cases/{case_id}/interests", json={"answers": CLAIMANT}
            )
            assert restated.status_code == 200, restated.text
            for socket in sockets:
                await socket.wait(lambda f: f.get("event") == "interests_submitted")
                assert leaked("\n".join(socket.raw)) == []
        finally:
            for socket in sockets:
                await socket.__aexit__()
    assert leaked(json.dumps(view), RESPONDENT_SECRETS) == []
