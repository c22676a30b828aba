"""The obligations of an agreed division of items: each item's transfer and any equalisation.

Pure; no I/O. A division case's issues are its items (``odr.negotiating.division.item_issues``:
one issue per item, its options the parties' roles, and the item's agreed value and current
holder under ``"item"``), so the agreed package says who receives each item. A court order needs
who hands what to whom by when: an item goes from the party holding it (or, when the parties did
not say who holds it, from the other party) to the one receiving it; an item already held by its
receiver needs no transfer. When every item has an agreed value, one payment balances the two
shares (``odr.negotiating.division.equalisation``, market basis, whole tiyn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from odr.negotiating.division import ROLES, equalisation

# Choices as codes, worded by the document in each of its languages (odr.settlement.drafting);
# the equalisation's description is the platform's own words, so it is given in every language.
_HAND_OVER = {"code": "handover_record"}
_BANK_TRANSFER = {"code": "bank_transfer"}
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
) -> list[dict[str, Any]]:
    """Transfers (one per item that changes hands), then the equalisation payment if any."""
    obligations: list[dict[str, Any]] = []
    for issue in issues:
        receiver = package.get(issue["name"])
        if receiver not in ROLES:
            continue
        holder = issue["item"].get("held_by")
        if holder == receiver:
            continue  # it stays where it is: nothing to hand over
        giver = holder if holder in ROLES else next(r for r in ROLES if r != receiver)
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
