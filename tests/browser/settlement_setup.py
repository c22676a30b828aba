"""Bringing an agreed case to the settlement over HTTP, for tests that start at signing."""

from __future__ import annotations

from typing import Any

from tests.browser.parties import Parties
from tests.builders.settlement import doers_chosen
from tests.odr.room_client import PASSWORD, RoomClient

CLAIMANT_DETAILS = {
    "kind": "person",
    "full_name": "Айгерім Серікқызы Нұрланова",
    "iin": "061211600012",
    "address": "Астана, Абай даңғылы, 10, 5 пәтер",
}
RESPONDENT_DETAILS = {
    "kind": "person",
    "full_name": "Руслан Ахметов",
    "iin": "880720300452",
    "address": "Алматы, ул. Толе би, 55, кв. 12",
}
SETTLEMENT_TERMS = (
    "place",
    "kind",
    "court_code",
    "court_case_number",
    "legal_basis",
    "document_language",
    "obligations",
    "default_terms",
    "costs",
    "waiver_of_remaining_claims",
    "confidentiality",
    "singapore_convention_opt_in",
)


async def set_terms(party: Any, url: str, **changes: Any) -> None:
    """Send the current terms back with ``changes`` (an action's doer the draft left open: the
    respondent, as the parties would choose on the page)."""
    current = (await party.http("GET", url)).json()
    terms = {**current["terms"], "obligations": doers_chosen(current["terms"]["obligations"])}
    body = {"version": current["version"], **{k: terms[k] for k in SETTLEMENT_TERMS}, **changes}
    response = await party.http("PUT", f"{url}/terms", json=body)
    assert response.status_code == 200, response.text


async def ready_to_sign(parties: Parties, by: RoomClient, place: str) -> str:
    """Both parties' details, and ``place`` set by ``by``; returns the settlement's URL."""
    url = f"/api/cases/{parties.case_id}/settlement"
    for party, details in (
        (parties.claimant, CLAIMANT_DETAILS),
        (parties.respondent, RESPONDENT_DETAILS),
    ):
        response = await party.http("PUT", f"{url}/parties/me", json=details)
        assert response.status_code == 200, response.text
    await set_terms(by, url, place=place)
    return url


async def sign(party: RoomClient, url: str) -> dict[str, Any]:
    """``party`` signs the current text with its password."""
    current = (await party.http("GET", url)).json()
    signed = await party.http(
        "POST", f"{url}/signatures",
        json={"password": PASSWORD, "record_sha256": current["record_sha256"]},
    )  # fmt: skip
    assert signed.status_code == 201, signed.text
    return dict(signed.json())
