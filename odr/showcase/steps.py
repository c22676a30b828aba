"""The steps every ``odr demo`` takes, whatever the mechanism: two parties sign up, the claimant
opens the case and the respondent joins by its invitation, both enter the room; at the end both
give their details, the terms are completed, both sign and the public verifier checks the PDF.

Each mechanism's module (packages, bidding, division) walks its own negotiation in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from odr.showcase.party import DemoError, Party

PASSWORD = "kelisim-demo-2026"
DISPLAY_NAMES = {"claimant": "Айгерим", "respondent": "Руслан"}
PRONOUNS = {"claimant": ("she", "her"), "respondent": ("he", "his")}
"""How the narration refers to each party (Aigerim, Ruslan): subject and possessive."""
AIGERIM: dict[str, Any] = {
    "kind": "person",
    "full_name": "Айгерим Серикова",
    "iin": "061211600012",
    "address": "г. Астана, пр. Абая, д. 10, кв. 5",
}
MEBEL_PLUS: dict[str, Any] = {
    "kind": "organisation",
    "full_name": "Мебель Плюс",
    "legal_form": "ТОО",
    "bin": "940140000385",
    "address": "г. Алматы, ул. Толе би, д. 55",
    "signatory": {
        "full_name": "Руслан Ахметов",
        "position": "директор",
        "authority": "устав",
        "iin": "800101300125",
    },
}
RUSLAN: dict[str, Any] = {
    "kind": "person",
    "full_name": "Руслан Ахметов",
    "iin": "880720300452",
    "address": "г. Астана, ул. Кенесары, д. 40, кв. 12",
}


class Narrator:
    """Numbers the demo's steps as it prints them; details go indented under their step."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.number = 0

    def step(self, text: str) -> None:
        self.number += 1
        self.say(f"{self.number}. {text}")

    def detail(self, text: str) -> None:
        self.say(f"   {text}")


@dataclass
class Signed:
    """What a demo ends with: the case's reference, the signed PDF and the verifier's verdict."""

    reference: str
    pdf: bytes
    verdict: dict[str, Any]


async def sign_up(parties: tuple[Party, Party], language: str) -> None:
    for party in parties:
        await party.call(
            "POST",
            "/api/auth/signup",
            201,
            json={
                "email": party.email,
                "password": PASSWORD,
                "display_name": DISPLAY_NAMES[party.role],
                "language": language[:2],
            },
        )


async def open_case(
    address: str, claimant: Party, respondent: Party, case: dict[str, Any], language: str
) -> dict[str, Any]:
    """The claimant opens ``case``, the respondent joins by the invitation; both enter the room.

    Answers the case as the claimant sees it."""
    created = await claimant.call(
        "POST", "/api/cases", 201, json={**case, "language": language[:2]}
    )
    token = created["invitation"]["url"].split("#token=", 1)[1]
    preview = await respondent.call("POST", "/api/invitations/preview", json={"token": token})
    if preview.get("mechanism") != created["case"]["mechanism"]:
        raise DemoError(f"the invitation showed {preview.get('mechanism')!r} as the mechanism")
    await respondent.call(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    for party in (claimant, respondent):
        await party.enter_room(address, created["case"]["id"])
    return dict(created["case"])


async def sign(
    claimant: Party,
    respondent: Party,
    case: dict[str, Any],
    identities: dict[str, dict[str, Any]],
    language: str,
    narrator: Narrator,
    drafted: str,
    edit: Callable[[dict[str, Any]], None] | None = None,
) -> Signed:
    """Both parties' details, the drafted terms completed (``edit`` may change them first), both
    signatures over the reviewed record, and the public verifier's verdict on the PDF.

    ``drafted`` says what the platform drafted the settlement from, for the narration."""
    url = f"/api/cases/{case['id']}/settlement"
    for party in (claimant, respondent):
        await party.call("PUT", f"{url}/parties/me", json=identities[party.role])
    draft = await claimant.call("GET", url)
    terms = dict(draft["terms"])
    terms.update(version=draft["version"], place="Астана", document_language=language)
    if edit is not None:
        edit(terms)
    settlement = await claimant.call("PUT", f"{url}/terms", json=terms)
    if settlement["missing"] or settlement["problems"]:
        raise DemoError(f"settlement incomplete: {settlement['missing']} {settlement['problems']}")
    narrator.step(f"The platform drafted the settlement from {drafted}; the obligations:")
    for line in obligations(settlement["terms"], {p.role: p.name for p in (claimant, respondent)}):
        narrator.detail(line)
    for party in (claimant, respondent):
        settlement = await party.call(
            "POST",
            f"{url}/signatures",
            201,
            json={"password": PASSWORD, "record_sha256": settlement["record_sha256"]},
        )
    narrator.step(
        "Both reviewed the exact record, re-entered their passwords and signed; "
        f"verification code {settlement['verification_code']}."
    )
    pdf = await claimant.call("GET", f"{url}/pdf")
    verdict = await claimant.call(
        "POST", "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
    )
    for party in (claimant, respondent):
        await party.leave_room()
    narrator.step(
        "The public verifier says: "
        + ("VALID." if verdict["valid"] else f"INVALID {verdict['reasons']}.")
    )
    return Signed(case["reference"], pdf, verdict)


def money(amount: str | Decimal, currency: str = "KZT") -> str:
    """An amount as a person reads it: ``1 234 567.50 KZT``."""
    return f"{Decimal(amount):,.2f} {currency}".replace(",", " ")


def tiyn(amount: int) -> str:
    """Whole tiyn (the API's unit for bids and equalisation) as tenge."""
    return money(Decimal(amount) / 100)


def obligations(settlement_terms: dict[str, Any], who: dict[str, str]) -> list[str]:
    """The settlement's obligations as lines a person reads (who owes what to whom, by when);
    ``who`` names each role."""
    lines = []
    for n, o in enumerate(settlement_terms["obligations"], 1):
        what = money(o["amount"], o["currency"]) if o.get("amount") else o["description"]
        if o["creditor"] is None:  # a joint action (debtor "both")
            doers = f"{who['claimant']} and {who['respondent']} together"
        else:
            doers = f"{who[o['debtor']]} → {who[o['creditor']]}"
        line = f"{n}. {o['kind']}: {doers}: {what}, by {o['due_date']}"
        for part in o.get("instalments") or []:
            line += f"; {money(part['amount'], o['currency'])} by {part['due_date']}"
        lines.append(line)
    return lines
