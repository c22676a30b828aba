"""``odr demo --mechanism division``: former spouses share out their property by fair division.

Five items with market values both agree on. Each party privately shares 100 points among them;
the room learns only that each has. The engine proposes the maximum-Nash-welfare allocation
(envy-free up to one item) with a cash equalisation on the agreed values; each party reads why it
is fair in its own points only. The claimant offers the allocation in the room, the respondent
counter-offers moving one item, the claimant accepts. The settlement lists each item's transfer
and the equalisation payment, and is signed.

The demo prints each party's points as that party's own step, and then what the other side saw:
that the points were stated, never what they were.
"""

from __future__ import annotations

from typing import Any

from odr.showcase.party import DemoError, Party
from odr.showcase.steps import (
    AIGERIM,
    PRONOUNS,
    RUSLAN,
    Narrator,
    Signed,
    money,
    open_case,
    sign,
    sign_up,
    tiyn,
)

ITEMS = [
    {"name": "Квартира в Астане (ул. Кенесары, 40)", "value": "32000000.00", "held_by": "claimant"},
    {"name": "Toyota Camry 2018", "value": "9500000.00", "held_by": "respondent"},
    {"name": "Дача в Косшы", "value": "6000000.00", "held_by": "respondent"},
    {"name": "Гараж у дома", "value": "2500000.00", "held_by": "respondent"},
    {"name": "Пианино Yamaha", "value": "800000.00", "held_by": "claimant"},
]
CASE: dict[str, Any] = {
    "category": "family",
    "subject": "Раздел совместно нажитого имущества супругов после расторжения брака",
    "issues": [{"label": "Раздел имущества", "options": ["в натуре", "с компенсацией"]}],
    "items": ITEMS,
    "mechanism": "division",
    "respondent": {"name": "Руслан Ахметов", "email": "ruslan@demo.kelisim.kz"},
    "consent_to_online_mediation": True,
}
# Each party's own 100 points, by item position: private, never sent to the other.
POINTS = {
    "claimant": [50, 10, 25, 5, 10],
    "respondent": [40, 30, 10, 15, 5],
}
# Ruslan's counter-offer asks for the piano (their son plays it at his flat) if it went to Aigerim.
MOVED = "item5"
IDENTITIES = {"claimant": AIGERIM, "respondent": RUSLAN}
EXPLAINED = {
    "division.own_share": "you value what you get at {points} of your {total} points",
    "division.their_share": "the other share is worth {points} of your points to you",
    "division.no_envy": "you would not swap your share for theirs",
    "division.envy_free_up_to_one": (
        "without {item}, the other share would be worth only {points} of your points: you would "
        "not swap"
    ),
    "division.equalisation": "the {payer} pays the {payee} {tiyn} to balance the agreed values",
}


async def walk(
    address: str, claimant: Party, respondent: Party, language: str, narrator: Narrator
) -> Signed:
    await sign_up((claimant, respondent), language)
    narrator.step("Two parties signed up: Aigerim (claimant) and Ruslan (respondent), divorcing.")
    advice = await claimant.call("POST", "/api/cases/recommendation", json={"items": ITEMS})
    case = await open_case(address, claimant, respondent, CASE, language)
    names = {item["id"]: item["name"] for item in case["items"]}
    narrator.step(
        f"Case {case['reference']} opened: {len(ITEMS)} items with agreed values. The platform "
        f"recommended {advice['mechanism']} ({advice['reason']}); the claimant chose "
        f"{case['mechanism']}, and the respondent saw the items before joining."
    )
    for item in case["items"]:
        narrator.detail(f"{item['id']}: {item['name']}, {money(item['value'])}")

    for party in (claimant, respondent):
        points = dict(zip(names, POINTS[party.role], strict=True))
        await party.call("PUT", f"/api/cases/{case['id']}/points", json={"points": points})
        own = "; ".join(f"{names[i]}: {p}" for i, p in points.items())
        narrator.step(
            f"{party.name} shares 100 points privately (only {PRONOUNS[party.role][0]} sees "
            f"them): {own}."
        )
    other = await respondent.until_event("points_submitted", role="claimant")
    narrator.detail(f"What Ruslan's room showed of Aigerim's points: {other['data']} (no points).")

    ready = await claimant.until_event("proposals_ready")
    # Maximum Nash welfare first; Adjusted Winner's equal shares follow it (walked by the browser).
    proposal, *_equal_shares = ready["data"]["packages"]
    choice: dict[str, str] = proposal["choice"]
    narrator.step(f"The engine proposed the {proposal['criterion']} allocation:")
    who = {party.role: party.name for party in (claimant, respondent)}
    for item_id, role in choice.items():
        narrator.detail(f"{names[item_id]} → {who[role]}")
    for party in (claimant, respondent):
        view = await party.call("GET", f"/api/cases/{case['id']}/division")
        why = "; ".join(_explain(m, names) for m in view["allocation"]["explanation"])
        narrator.detail(f"{party.name} reads, in {PRONOUNS[party.role][1]} own points only: {why}.")

    await claimant.command("offer", package=choice, from_proposal=proposal["id"])
    offer = await respondent.until_event("offer")
    if offer["data"]["package"][MOVED] != "claimant":
        raise DemoError(f"the proposal already gives {names[MOVED]} to the respondent")
    counter = {**offer["data"]["package"], MOVED: "respondent"}
    await respondent.command("offer", package=counter, counter_to=offer["data"]["version"])
    countered = await claimant.until_event("counter_offer")
    narrator.step(
        f"Aigerim offered the proposed allocation in the room; Ruslan counter-offered, moving "
        f"{names[MOVED]} to himself. Aigerim saw the counter-offer, never his points."
    )
    await claimant.command("accept", version=countered["data"]["version"])
    agreement = await respondent.until_event("agreement")
    if agreement["data"]["package"] != counter:
        raise DemoError(f"the agreement is not the counter-offer: {agreement['data']}")
    narrator.step("Aigerim accepted the counter-offer: agreement reached.")

    drafted = "the agreed allocation (a transfer for each item that changes hands, and the "
    drafted += "payment that balances the shares' agreed values)"
    return await sign(claimant, respondent, case, IDENTITIES, language, narrator, drafted)


def _explain(message: dict[str, Any], names: dict[str, str]) -> str:
    params = dict(message["params"])
    if "item" in params:
        params["item"] = names.get(params["item"], params["item"])
    if "tiyn" in params:
        params["tiyn"] = tiyn(int(params["tiyn"]))
    template = EXPLAINED.get(message["key"])
    return template.format(**params) if template else f"{message['key']} {params}"
