"""``odr demo --mechanism packages``: a consumer's refund over three issues, negotiated by packages.

Each party states its interests privately, the optimizer proposes packages, the claimant offers
one, the respondent counter-offers a little less money, the claimant accepts, both sign.
"""

from __future__ import annotations

from typing import Any

from odr.showcase.party import DemoError, Party
from odr.showcase.steps import AIGERIM, MEBEL_PLUS, Narrator, Signed, open_case, sign, sign_up

CASE = {
    "category": "consumer",
    "subject": "Возврат денег за диван с дефектом обивки, купленный 2 сентября 2026 года",
    "claim": {"amount": "480000.00", "currency": "KZT"},
    "issues": [
        {
            "name": "refund",
            "label": "Сумма возврата",
            "range": {"min": 0, "max": 480000, "step": 10000, "unit": "KZT"},
        },
        {
            "name": "within",
            "label": "Срок оплаты",
            "range": {"min": 10, "max": 60, "step": 10, "unit": "дней"},
        },
        {
            "name": "sofa",
            "label": "Диван",
            "options": ["продавец забирает за свой счёт", "остаётся у покупателя"],
        },
    ],
    "respondent": {"name": "ТОО «Мебель Плюс»", "email": "ruslan@demo.kelisim.kz"},
    "consent_to_online_mediation": True,
}
INTERESTS = {
    "claimant": {
        "importance": {"ranking": ["refund", "sofa", "within"]},
        "issues": {
            "refund": {"best": 480000, "acceptable": 400000, "limit": 300000},
            "within": {"best": 10, "acceptable": 30, "limit": 60},
            "sofa": {
                "options": {
                    "продавец забирает за свой счёт": "ideal",
                    "остаётся у покупателя": "acceptable",
                }
            },
        },
        "walk_away": "balanced",
    },
    "respondent": {
        "importance": {"points": {"refund": 50, "within": 30, "sofa": 20}},
        "issues": {
            "refund": {"best": 200000, "acceptable": 350000, "limit": 430000},
            "within": {"best": 60, "acceptable": 30, "limit": 10},
            "sofa": {
                "options": {
                    "продавец забирает за свой счёт": "acceptable",
                    "остаётся у покупателя": "ideal",
                }
            },
        },
        "walk_away": "flexible",
    },
}
IDENTITIES = {"claimant": AIGERIM, "respondent": MEBEL_PLUS}


async def walk(
    address: str, claimant: Party, respondent: Party, language: str, narrator: Narrator
) -> Signed:
    await sign_up((claimant, respondent), language)
    narrator.step(
        "Two parties signed up: Aigerim (claimant) and Ruslan for Mebel Plus (respondent)."
    )
    case = await open_case(address, claimant, respondent, CASE, language)
    narrator.step(
        f"Case {case['reference']} opened (mechanism: packages, three issues); the respondent "
        "joined by the invitation link."
    )
    for party in (claimant, respondent):
        await party.call(
            "PUT", f"/api/cases/{case['id']}/interests", json={"answers": INTERESTS[party.role]}
        )
    narrator.step("Each stated its interests privately; neither can see the other's.")
    other = await respondent.until_event("interests_submitted", role="claimant")
    narrator.detail(f"What Ruslan's room showed of Aigerim's interests: {other['data']}.")
    await claimant.until_event("proposals_ready")
    proposals = await claimant.call("GET", f"/api/cases/{case['id']}/proposals")
    if not proposals["packages"]:
        raise DemoError("the optimizer found no package both sides could accept")
    first = proposals["packages"][0]
    narrator.step(
        f"The optimizer proposed {len(proposals['packages'])} packages; the claimant "
        f"offers the first ({first['criterion']}): {_package(first['choice'])}."
    )
    await claimant.command("offer", package=first["choice"], from_proposal=first["id"])
    offer = await respondent.until_event("offer")
    counter: dict[str, Any] = dict(offer["data"]["package"])
    # The respondent asks for a little less money (two steps of the range) and accepts the rest.
    counter["refund"] = str(max(0, int(float(counter["refund"])) - 20000))
    await respondent.command("offer", package=counter, counter_to=offer["data"]["version"])
    countered = await claimant.until_event("counter_offer")
    narrator.step(f"The respondent counter-offered: {_package(counter)}.")
    await claimant.command("accept", version=countered["data"]["version"])
    await respondent.until_event("agreement")
    narrator.step("The claimant accepted: agreement reached.")
    return await sign(
        claimant, respondent, case, IDENTITIES, language, narrator, "the agreed package", _doers
    )


def _doers(terms: dict[str, Any]) -> None:
    """Who performs an agreed action is the parties' choice (the draft leaves it open): here
    the seller, the respondent, for the claimant (the sofa)."""
    for o in terms["obligations"]:
        if o["debtor"] is None:
            o.update(debtor="respondent", creditor="claimant")


def _package(choice: dict[str, str]) -> str:
    return "; ".join(f"{issue}: {option}" for issue, option in choice.items())
