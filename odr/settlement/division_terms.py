"""The obligations of an agreed division of items: each item's transfer and any equalisation.

Pure; no I/O. A division case's issues are its items (``odr.negotiating.division.item_issues``:
one issue per item, its options the parties' roles, and the item's agreed value and current
holder under ``"item"``), so the agreed package says who receives each item. A court order needs
who hands what to whom by when: an item goes from the party holding it (or, when the parties did
not say who holds it, from the other party) to the one receiving it; an item already held by its
receiver needs no transfer. When every item has an agreed value, one payment balances the two
shares (``odr.negotiating.division.equalisation``, market basis, whole tiyn).

An agreed Adjusted Winner proposal (``odr.negotiating.division_aw``) is settled by its own terms
instead of the equalisation: its shared item is kept by the larger share, who pays the other the
other share of the item's agreed value (one ``payment``), or it is sold by the party holding it
(else by the larger share) and the proceeds divided in the exact ratio (one ``action``, and no
transfer of that item). The equalisation would undo Adjusted Winner's balance in points, and two
payments could cross: so a division's terms have one payment line at most, whichever way agreed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from odr.cases.parties import is_party_role
from odr.negotiating.division import ROLES, equalisation
from odr.negotiating.division_aw import AgreedAdjustedWinner, Split, compensation_tiyn

# Choices as codes, worded by the document in each of its languages (odr.settlement.drafting);
# the equalisation's description is the platform's own words, so it is given in every language.
_HAND_OVER = {"code": "handover_record"}
_BANK_TRANSFER = {"code": "bank_transfer"}
_AS_DESCRIBED = {"code": "as_described"}
_EQUALISATION = {
    "kk": "Үлестерді теңестіру төлемі",
    "ru": "Компенсация за неравенство долей",
    "en": "Payment equalising the shares",
}


def is_division(issues: Sequence[Mapping[str, Any]]) -> bool:
    """A division case's issues are all items."""
    return bool(issues) and all("item" in issue for issue in issues)


def division_obligations(
    issues: Sequence[Mapping[str, Any]],
    package: Mapping[str, str],
    *,
    currency: str,
    due: date,
    language: str,
    adjusted_winner: AgreedAdjustedWinner | None = None,
    parties: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Transfers (one per item that changes hands), then the equalisation payment if any; or,
    for an agreed Adjusted Winner proposal, its split item's compensation or sale instead.
    ``parties``: the settlement's (``odr.settlement.parties``); unsaid, those receiving items,
    or the claimant and the respondent."""
    split = adjusted_winner.split if adjusted_winner is not None else None
    obligations: list[dict[str, Any]] = []
    receivers = {package.get(issue["name"]) for issue in issues}
    two_party = set(parties) <= set(ROLES) if parties is not None else receivers <= set(ROLES)
    for issue in issues:
        receiver = package.get(issue["name"])
        if receiver is None or not is_party_role(receiver):
            continue
        if split is not None and split.settle == "sale" and issue["name"] == split.item:
            continue  # sold, not handed over: see _sale
        holder = issue["item"].get("held_by")
        if holder == receiver:
            continue  # it stays where it is: nothing to hand over
        giver = _giver(holder, receiver, two_party)
        if giver is None:
            continue  # nobody named as holding it: see _giver
        obligations.append(
            {
                "debtor": giver,
                "creditor": receiver,
                "kind": "transfer",
                "description": str(issue["label"]),
                "amount": None,
                "currency": currency.upper(),
                "method": dict(_HAND_OVER),
                "account": None,
                "due_date": due.isoformat(),
                "instalments": [],
            }
        )
    if adjusted_winner is not None:
        if split is not None:
            obligations.append(_split_line(issues, split, currency=currency, due=due))
        return obligations
    if not two_party:
        # Among three or more, who pays whom to even the shares is the parties' choice (one
        # payment or several); the settlement page lets them add it, nothing is guessed here.
        return obligations
    values = {issue["name"]: issue["item"].get("value") for issue in issues}
    payment = equalisation(values, package)
    if payment is not None:
        obligations.append(
            {
                "debtor": payment.payer,
                "creditor": payment.payee,
                "kind": "payment",
                "description": dict(_EQUALISATION),
                "amount": str(Decimal(payment.amount_tiyn) / 100),
                "currency": currency.upper(),
                "method": dict(_BANK_TRANSFER),
                "account": None,
                "due_date": due.isoformat(),
                "instalments": [],
            }
        )
    return obligations


def _giver(holder: object, receiver: str, two_party: bool) -> str | None:
    """Who hands an item over: its holder; unknown, the other of two parties. Among three or
    more nobody is guessed and no transfer drafted: the agreed package, in the record, says who
    receives the item, and the parties add a transfer if one of them holds it."""
    if is_party_role(holder):
        return str(holder)
    if two_party:
        return next(r for r in ROLES if r != receiver)
    return None


def _split_line(
    issues: Sequence[Mapping[str, Any]], split: Split, *, currency: str, due: date
) -> dict[str, Any]:
    """The shared item's compensation payment (keeper → other) or its sale (seller → other)."""
    issue = next(i for i in issues if i["name"] == split.item)
    label = str(issue["label"])
    line: dict[str, Any] = {
        "currency": currency.upper(),
        "account": None,
        "due_date": due.isoformat(),
        "instalments": [],
    }
    value = issue["item"].get("value")
    if split.settle == "compensation" and isinstance(value, int):
        amount = compensation_tiyn(split, value)
        return {
            **line,
            "debtor": split.keeper,
            "creditor": split.other,
            "kind": "payment",
            "description": compensation_description(label, split),
            "amount": str(Decimal(amount) / 100),
            "method": dict(_BANK_TRANSFER),
        }
    holder = issue["item"].get("held_by")
    seller = holder if holder in ROLES else split.keeper
    buyer = split.other if seller == split.keeper else split.keeper
    return {
        **line,
        "debtor": seller,
        "creditor": buyer,
        "kind": "action",
        "description": sale_description(label, split, seller),
        "amount": None,
        "method": dict(_AS_DESCRIBED),
    }


def _percent(value: Decimal, language: str) -> str:
    """13,04 % (kk, ru) or 13.04 % (en): the platform's own words, in each language's style."""
    text = f"{value:.2f}"
    return f"{text if language == 'en' else text.replace('.', ',')} %"


def compensation_description(label: str, split: Split) -> dict[str, str]:
    """The compensation's description in every language a document may have."""
    _, other = split.percents()
    kk, ru, en = (_percent(other, language) for language in ("kk", "ru", "en"))
    return {
        "kk": f"«{label}» төлеушіде қалады: екінші тараптың ондағы үлесі ({kk}) үшін өтемақы",
        "ru": f"Компенсация за долю другой стороны ({ru}) в «{label}», которое остаётся у "
        "плательщика",
        "en": f"Compensation for the other party's share ({en}) of «{label}», which the payer "
        "keeps",
    }


def sale_description(label: str, split: Split, seller: str) -> dict[str, str]:
    """The sale's description: the proceeds' ratio, the other party's part first."""
    keeper, other = split.percents()
    parts = (split.keeper_parts, split.other_parts)
    shares = (keeper, other)
    if seller == split.keeper:
        parts, shares = parts[::-1], shares[::-1]
    ratio = f"{parts[0]} : {parts[1]}"
    to_buyer = {lang: _percent(shares[0], lang) for lang in ("kk", "ru", "en")}
    to_seller = {lang: _percent(shares[1], lang) for lang in ("kk", "ru", "en")}
    return {
        "kk": f"«{label}» сатып, түскен қаражатты {ratio} арақатынасында бөлу: екінші тарапқа "
        f"{to_buyer['kk']}, сатушы тарапқа {to_seller['kk']}",
        "ru": f"Продать «{label}» и разделить вырученные средства в соотношении {ratio}: другой "
        f"стороне {to_buyer['ru']}, продающей стороне {to_seller['ru']}",
        "en": f"Sell «{label}» and divide the proceeds in the ratio {ratio}: {to_buyer['en']} to "
        f"the other party, {to_seller['en']} to the selling party",
    }
