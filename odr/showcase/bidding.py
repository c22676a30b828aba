"""``odr demo --mechanism bidding``: a money claim settled by sealed blind bidding.

An employee claims unpaid wages from her former employer: one amount. The platform recommends
blind bidding for it; the parties agree the rules (three rounds, a gap of 50,000 KZT they agree
to bridge), then bid sealed. Round 1's bids are far apart: both are told "not yet", nothing more.
Round 2's are within the gap: both are told "settled at X", the amount the server draws between
the two bids. The settlement is drafted from X (one payment, here in two instalments) and signed.

The demo prints each party's own bid as that party's own step, and then exactly what the room
showed the other side: the other side never receives a bid, a gap or how close the bids came.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from odr.showcase.party import DemoError, Party
from odr.showcase.steps import (
    AIGERIM,
    MEBEL_PLUS,
    PRONOUNS,
    Narrator,
    Signed,
    open_case,
    sign,
    sign_up,
)
from odr.showcase.steps import tiyn as kzt

CLAIM_KZT = 850_000
CASE: dict[str, Any] = {
    "category": "labour",
    "subject": "Задолженность по заработной плате за июль–сентябрь 2026 года",
    "claim": {"amount": f"{CLAIM_KZT}.00", "currency": "KZT"},
    "issues": [
        {
            "name": "amount",
            "label": "Сумма выплаты",
            "range": {"min": 0, "max": CLAIM_KZT, "step": 1000, "unit": "KZT"},
        }
    ],
    "mechanism": "bidding",
    "respondent": {"name": "ТОО «Мебель Плюс»", "email": "ruslan@demo.kelisim.kz"},
    "consent_to_online_mediation": True,
}
GAP_KZT = 50_000
RULES = {
    "rounds": 3,
    "threshold": {"kind": "absolute", "value": GAP_KZT * 100},
    "round_hours": 72,
    # By default a round's outcome comes at its deadline (72 hours here, too long for a demo);
    # these parties choose to be told as soon as both have bid, knowing it tells each that the
    # other has bid.
    "announce": "when_both_in",
}
# Whole tenge; sent in tiyn. Round 1 is 400,000 apart, round 2 within the 50,000 gap.
DEMANDS = [CLAIM_KZT, 720_000]
OFFERS = [450_000, 690_000]
IDENTITIES = {"claimant": AIGERIM, "respondent": MEBEL_PLUS}


async def walk(
    address: str, claimant: Party, respondent: Party, language: str, narrator: Narrator
) -> Signed:
    await sign_up((claimant, respondent), language)
    narrator.step(
        "Two parties signed up: Aigerim (claimant, a former employee) and Ruslan for "
        "Mebel Plus (respondent, the employer)."
    )
    advice = await claimant.call(
        "POST", "/api/cases/recommendation", json={"issues": CASE["issues"]}
    )
    case = await open_case(address, claimant, respondent, CASE, language)
    narrator.step(
        f"Case {case['reference']} opened: unpaid wages, one amount of {kzt(CLAIM_KZT * 100)}. "
        f"The platform recommended {advice['mechanism']} ({advice['reason']}); the claimant "
        f"chose {case['mechanism']}, and the respondent saw that choice before joining."
    )
    url = f"/api/cases/{case['id']}/bidding"
    await claimant.call("POST", f"{url}/rules", json=RULES)
    proposed = await respondent.until_event("bidding", kind="rules_proposed")
    await respondent.call("POST", f"{url}/rules/accept", json={"proposal_seq": proposed["seq"]})
    await claimant.until_event("bidding", kind="round_opened", round=1)
    narrator.step(
        f"Aigerim proposed the rules (public to both): {RULES['rounds']} rounds, a gap of "
        f"{kzt(GAP_KZT * 100)} to bridge, {RULES['round_hours']} hours a round, each round's "
        "outcome told as soon as both have bid (by default it comes at the round's deadline, "
        "so that nobody learns whether the other has bid). Ruslan saw them in the room and "
        "accepted; round 1 opened."
    )
    for number, (demand, offer) in enumerate(zip(DEMANDS, OFFERS, strict=True), 1):
        narrator.step(
            f"Round {number}: Aigerim demands {kzt(demand * 100)} (sealed: only she sees it); "
            f"Ruslan offers {kzt(offer * 100)} (sealed: only he sees it)."
        )
        outcome = await _round(url, claimant, respondent, number, demand * 100, offer * 100)
        if outcome is not None:
            break
        narrator.detail(
            f"Both saw only: round {number}: not yet. Round {number + 1} opened. "
            "Neither saw the other's bid, nor how far apart they were."
        )
    else:
        raise DemoError("the bids did not settle")
    amount = outcome["data"]["amount"]
    narrator.detail(
        f"Both saw only: settled at {kzt(amount)}, a point the server drew between the two bids "
        "(so neither can work out the other's bid from it)."
    )
    bids = {"claimant": DEMANDS[:number], "respondent": OFFERS[:number]}
    for party, other in ((claimant, respondent), (respondent, claimant)):
        view = await party.call("GET", url)
        own = ", ".join(f"round {r}: {kzt(t)}" for r, t in sorted(view["my_bids"].items()))
        narrator.detail(
            f"{party.name}'s own page shows {view['status']}, and {PRONOUNS[party.role][1]} own "
            f"bids only: {own}."
        )
        if view["settled_amount"] != amount:
            raise DemoError(f"{party.role} reads another settled amount: {view}")
        # What the narration says each saw is checked against what each received.
        received = json.dumps(party.events) + json.dumps(view)
        for bid in bids[other.role]:
            if re.search(rf"(?<![\w.]){bid * 100}(?![\w])", received):
                raise DemoError(f"{party.role} received a bid of the {other.role}'s")
        mine = [t // 100 for _, t in sorted(view["my_bids"].items(), key=lambda b: int(b[0]))]
        if mine != bids[party.role]:
            raise DemoError(f"{party.role}'s page shows bids {view['my_bids']}, not its own")

    def in_two_instalments(terms: dict[str, Any]) -> None:
        """The parties agree to pay half by the drafted due date and the rest a month later."""
        [payment] = [o for o in terms["obligations"] if o["kind"] == "payment"]
        total = Decimal(payment["amount"])
        first = (total / 2).quantize(Decimal("1"))  # a round first half; the rest to the tiyn
        drafted = date.fromisoformat(payment["due_date"])
        payment["due_date"] = (drafted + timedelta(days=30)).isoformat()
        payment["instalments"] = [
            {"due_date": drafted.isoformat(), "amount": f"{first:.2f}"},
            {"due_date": payment["due_date"], "amount": f"{total - first:.2f}"},
        ]

    return await sign(
        claimant,
        respondent,
        case,
        IDENTITIES,
        language,
        narrator,
        drafted="the settled amount (one payment, which they agree to split in two instalments)",
        edit=in_two_instalments,
    )


async def _round(
    url: str, claimant: Party, respondent: Party, number: int, demand: int, offer: int
) -> dict[str, Any] | None:
    """Both parties bid sealed in round ``number``; the settlement event, or None for not yet."""
    for party, amount in ((claimant, demand), (respondent, offer)):
        sealed = await party.call("PUT", f"{url}/bid", json={"round": number, "amount": amount})
        if sealed != {"round": number, "amount": amount, "sealed": True}:
            raise DemoError(f"{party.role}'s bid was answered {sealed}")
    # The round is decided off the requests once both bids are in (the rules say so); its
    # outcome reaches both at once in the room.
    outcome = await claimant.until(
        lambda e: (
            (
                e["event"] == "bidding_settled"
                or (
                    e["event"] == "bidding"
                    and e["data"].get("kind") in ("not_yet", "no_settlement")
                )
            )
            and e["data"].get("round") == number
        )
    )
    if outcome["event"] == "bidding_settled":
        await respondent.until_event("bidding_settled")
        return outcome
    if outcome["data"]["kind"] == "no_settlement":
        raise DemoError(f"round {number} ended without settlement")
    await respondent.until_event("bidding", kind="not_yet", round=number)
    for party in (claimant, respondent):
        await party.until_event("bidding", kind="round_opened", round=number + 1)
    return None
