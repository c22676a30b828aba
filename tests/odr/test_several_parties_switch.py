"""The mediator's switch of mechanism in a case of several parties (#17): it needs the consent of
every party taking part, any of them may consent or decline, a withdrawn one is no longer
waited for (its withdrawal completes a switch everyone remaining consented to), and blind
bidding is refused while a party stands on its own side."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.parties import seat_party
from tests.builders.switching import ITEMS, notices, supervised_case, switch_events
from tests.conftest import Client, MakeClient, assert_error


async def three_parties(
    app: Starlette, make_client: MakeClient, side: str | None = None
) -> tuple[dict[str, Client], Client, str]:
    """The supervised two-party case with a third party seated (on ``side``, by default its
    own): each party's client by role, the mediator's, the case id."""
    claimant, respondent, mediator, case_id = await supervised_case(app, make_client)
    third = await seat_party(
        app, make_client(), case_id, "party3", email="party3@example.kz", side=side
    )
    return (
        {"claimant": claimant, "respondent": respondent, "party3": third.client},
        mediator,
        case_id,
    )


def _paths(case_id: str) -> tuple[str, str]:
    return f"/api/centre/cases/{case_id}/mechanism", f"/api/cases/{case_id}/mechanism-switch"


async def _answer(party: Client, path: str, consent: bool) -> dict[str, Any]:
    response = await party.post(path, json={"consent": consent})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_every_party_consents_before_the_switch_and_any_may_decline(
    app: Starlette, make_client: MakeClient
) -> None:
    parties, mediator, case_id = await three_parties(app, make_client, side="respondent")
    switch, answer = _paths(case_id)

    assert (await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})).is_success
    await _answer(parties["claimant"], answer, True)
    two = await _answer(parties["respondent"], answer, True)
    assert two["mechanism"] == "packages"  # the third party has not consented yet
    assert two["mechanism_switch"]["consented"] == ["claimant", "respondent"]
    done = await _answer(parties["party3"], answer, True)
    assert (done["mechanism"], done["mechanism_switch"]) == ("division", None)
    async with services_of(app).sessions() as db:  # each item may go to any of the three
        issues = (await db.get_one(Case, case_id)).issues
    assert [i["options"] for i in issues] == [["claimant", "respondent", "party3"]] * 2
    assert [k for k, _ in await switch_events(app, case_id)] == [
        "proposed",
        "consented",
        "consented",
        "consented",
        "switched",
    ]

    # The third party declines a proposal the other two consented to: it ends.
    assert (await mediator.post(switch, json={"mechanism": "packages"})).is_success
    await _answer(parties["party3"], answer, True)
    shown = await _answer(parties["respondent"], answer, True)
    assert shown["mechanism_switch"]["consented"] == ["respondent", "party3"]
    declined = await _answer(parties["party3"], answer, False)
    assert (declined["mechanism"], declined["mechanism_switch"]) == ("division", None)

    # Bidding between the claimant's side and the respondent's (two on it) is a fit.
    assert (await mediator.post(switch, json={"mechanism": "bidding"})).is_success


async def test_bidding_is_refused_while_a_party_stands_on_its_own_side(
    app: Starlette, make_client: MakeClient
) -> None:
    parties, mediator, case_id = await three_parties(app, make_client)  # party3: its own side
    switch, answer = _paths(case_id)
    refused = await mediator.post(switch, json={"mechanism": "bidding"})
    assert_error(refused, 422, "bidding_needs_two_sides")
    assert await switch_events(app, case_id) == []
    assert_error(await parties["party3"].post(answer, json={"consent": True}), 409)


async def test_a_party_withdrawing_is_no_longer_waited_for(
    app: Starlette, make_client: MakeClient
) -> None:
    parties, mediator, case_id = await three_parties(app, make_client, side="respondent")
    switch, answer = _paths(case_id)
    withdrawal = f"/api/cases/{case_id}/withdrawal"

    # The others consented; the third party withdraws instead of answering: the switch is made.
    assert (await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})).is_success
    await _answer(parties["claimant"], answer, True)
    await _answer(parties["respondent"], answer, True)
    left = await parties["party3"].post(withdrawal)
    assert left.status_code == 200, left.text
    assert left.json()["case_status"] == "open"
    shown = (await parties["claimant"].get(f"/api/cases/{case_id}")).json()
    assert (shown["mechanism"], shown["mechanism_switch"]) == ("division", None)
    assert [k for k, _ in await switch_events(app, case_id)][-1] == "switched"
    assert await notices(app, "mechanism_switched") == 2  # those remaining, not who withdrew

    # It may no longer answer; the two remaining decide the next proposal on their own.
    assert (await mediator.post(switch, json={"mechanism": "packages"})).is_success
    assert_error(await parties["party3"].post(answer, json={"consent": True}), 409, "not_a_party")
    await _answer(parties["claimant"], answer, True)
    done = await _answer(parties["respondent"], answer, True)
    assert (done["mechanism"], done["mechanism_switch"]) == ("packages", None)


async def test_a_withdrawal_leaves_an_open_proposal_open_while_others_must_answer(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await supervised_case(app, make_client)
    parties = {"claimant": claimant, "respondent": respondent}
    for n in (3, 4):
        seated = await seat_party(
            app, make_client(), case_id, f"party{n}", email=f"p{n}@example.kz"
        )
        parties[seated.role] = seated.client
    switch, answer = _paths(case_id)
    assert (await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})).is_success
    await _answer(parties["party3"], answer, True)  # consents, then withdraws
    await _answer(parties["claimant"], answer, True)
    assert (await parties["party3"].post(f"/api/cases/{case_id}/withdrawal")).is_success
    shown = (await claimant.get(f"/api/cases/{case_id}")).json()
    assert shown["mechanism"] == "packages"  # respondent and party4 have not answered
    assert shown["mechanism_switch"]["consented"] == ["claimant", "party3"]
    await _answer(parties["respondent"], answer, True)
    done = await _answer(parties["party4"], answer, True)
    assert (done["mechanism"], done["mechanism_switch"]) == ("division", None)


async def test_a_switch_to_bidding_left_with_one_side_is_not_made(
    app: Starlette, make_client: MakeClient
) -> None:
    parties, mediator, case_id = await three_parties(app, make_client, side="claimant")
    switch, answer = _paths(case_id)
    assert (await mediator.post(switch, json={"mechanism": "bidding"})).is_success
    await _answer(parties["claimant"], answer, True)
    await _answer(parties["party3"], answer, True)
    # The respondent, the respondent's side's only member, withdraws: nobody is left to offer.
    assert (await parties["respondent"].post(f"/api/cases/{case_id}/withdrawal")).is_success
    shown = (await parties["claimant"].get(f"/api/cases/{case_id}")).json()
    assert (shown["mechanism"], shown["mechanism_switch"]["mechanism"]) == ("packages", "bidding")
    assert [k for k, _ in await switch_events(app, case_id)] == [
        "proposed",
        "consented",
        "consented",
    ]
    # A party may still decline it; the mediator may propose another.
    declined = await _answer(parties["party3"], answer, False)
    assert declined["mechanism_switch"] is None
    refused = await mediator.post(switch, json={"mechanism": "bidding"})
    assert_error(refused, 422, "bidding_needs_two_sides")


async def test_the_last_consent_to_bidding_left_with_one_side_is_refused(
    app: Starlette, make_client: MakeClient
) -> None:
    parties, mediator, case_id = await three_parties(app, make_client, side="claimant")
    switch, answer = _paths(case_id)
    assert (await mediator.post(switch, json={"mechanism": "bidding"})).is_success
    await _answer(parties["claimant"], answer, True)
    assert (await parties["respondent"].post(f"/api/cases/{case_id}/withdrawal")).is_success
    refused = await parties["party3"].post(answer, json={"consent": True})
    assert_error(refused, 409, "bidding_needs_two_sides")
    assert [k for k, _ in await switch_events(app, case_id)] == ["proposed", "consented"]
    shown = (await parties["claimant"].get(f"/api/cases/{case_id}")).json()
    assert (shown["mechanism"], shown["mechanism_switch"]["consented"]) == (
        "packages",
        ["claimant"],
    )
