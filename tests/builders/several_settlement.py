"""A settlement among five parties (#17), its terms completed over HTTP: the claimant and
respondent through the invitation, three heirs seated (``tests/builders/parties.py``), every
party's details given, obligations between several pairs and one joint action, the costs borne
by party4, addressed to the court ASTANA-1 (connected by the ``court_token`` fixture)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette

from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    Party,
    agreed_case_of,
    person_details,
)

if TYPE_CHECKING:
    from tests.conftest import MakeClient

ROLES = ["claimant", "respondent", "party3", "party4", "party5"]
SIDES = ["claimant", "respondent", "claimant", "respondent", "own"]
HEIRS = {
    "party3": "Дана Болатқызы Сейітова",
    "party4": "Ерлан Маратұлы Жақсылықов",
    "party5": "Гүлнар Асқарқызы Омарова",
}
NAMES = [CLAIMANT_DETAILS["full_name"], RESPONDENT_DETAILS["full_name"], *HEIRS.values()]
"""Each party's name as its details give it, in party order (the respondent an organisation)."""


def obligation(debtor: str | None, creditor: str | None, **fields: Any) -> dict[str, Any]:
    """An action (unless ``fields`` say otherwise) due on 1 March 2027."""
    return {
        "debtor": debtor,
        "creditor": creditor,
        "kind": "action",
        "description": "Передать ключи от дома и гаража",
        "amount": None,
        "currency": "KZT",
        "method": {"code": "as_described"},
        "account": None,
        "due_date": "2027-03-01",
        "instalments": [],
        **fields,
    }


def _payment(debtor: str, creditor: str, description: str, amount: str) -> dict[str, Any]:
    method = {"code": "bank_transfer"}
    return obligation(
        debtor, creditor, kind="payment", description=description, amount=amount, method=method
    )


OBLIGATIONS = [
    _payment("respondent", "claimant", "Выплата доли", "150000"),
    _payment("party4", "party3", "Компенсация за долю в доме", "90000"),
    obligation(
        "party5",
        "claimant",
        kind="transfer",
        description="Передать автомобиль Toyota",
        method={"code": "handover_record"},
    ),
    obligation("party3", "party5"),
    obligation("both", None, description="Совместно продать гараж и разделить деньги поровну"),
]


async def five_party_details(
    app: Starlette, make_client: MakeClient
) -> tuple[list[Party], str, dict[str, Any]]:
    """Five parties agreed and each gave its details: the parties, the case id and the last
    settlement answer (the terms still as drafted)."""
    parties, case_id = await agreed_case_of(app, make_client, SIDES[2:])
    url = f"/api/cases/{case_id}/settlement"
    details = {"claimant": CLAIMANT_DETAILS, "respondent": RESPONDENT_DETAILS}
    for n, (role, name) in enumerate(HEIRS.items(), 3):
        details[role] = person_details(name, n)
    for party in parties:
        answer = await party.client.put(f"{url}/parties/me", json=details[party.role])
        assert answer.status_code == 200, answer.text
    return parties, case_id, dict(answer.json())


def terms_body(current: dict[str, Any], court_code: str | None = "ASTANA-1") -> dict[str, Any]:
    """The terms ``PUT …/settlement/terms`` takes: ``OBLIGATIONS``, costs on party4, addressed
    to ``court_code`` (an amicable settlement), or none (out of court)."""
    return {
        "version": current["version"],
        "place": "Астана",
        "kind": "amicable_settlement" if court_code else "mediation_agreement_out_of_court",
        "court_code": court_code,
        "court_case_number": None,
        "legal_basis": current["terms"]["legal_basis"],
        "document_language": "ru",
        "obligations": OBLIGATIONS,
        "default_terms": current["terms"]["default_terms"],
        "costs": {"allocation": "party4", "state_fee_note": {"code": "refund_by_law"}},
        "waiver_of_remaining_claims": True,
        "confidentiality": True,
        "singapore_convention_opt_in": False,
    }


async def five_party_terms(
    app: Starlette, make_client: MakeClient, court_code: str | None = "ASTANA-1"
) -> tuple[list[Party], str, dict[str, Any]]:
    """``five_party_details`` and the terms saved by party3: ready for all five to sign."""
    parties, case_id, current = await five_party_details(app, make_client)
    saved = await parties[2].client.put(
        f"/api/cases/{case_id}/settlement/terms", json=terms_body(current, court_code)
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["missing"] == [], saved.json()["missing"]
    return parties, case_id, dict(saved.json())
