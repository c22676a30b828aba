"""Fair division of items, as the room and the settlement see it. Pure; no I/O.

A division case shares out ``cases.items`` as intake stores them (``odr/cases/items.py``: ``id``,
``name``, ``value_tiyn`` — the agreed value, optional — ``note``, and ``held_by``, the role holding
the item now, None when the claimant did not say). Each party spreads 100 points over the
items in private (``private_inputs`` kind "points"); the engine proposes the maximum-Nash-welfare
allocation (``negotiation.fair_division``: envy-free up to one item, Pareto-optimal).

Why an allocation is a *package*: one issue per item whose options are the parties' roles. The
room's offers, counter-offers, acceptances and agreement then work unchanged for items (a
counter-offer moves an item by choosing another role for it), and the settlement drafts each
item's transfer from the agreed package. So a division case's ``cases.issues`` are
``item_issues(items)``.

Why equalisation is on the *market* basis: a payment computed from points would tell the payee
something about the payer's points. Computed from the agreed values of the bundles, it is the
same public arithmetic for everyone ("the car and the flat are worth 40 000 000 together; each
share should be worth half"), depends on nothing private, and follows any counter-offer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from negotiation.division_items import POINTS_TOTAL, DivisionCase, parse_division
from negotiation.errors import InvalidCase

ROLES = ("claimant", "respondent")
"""The parties of a two-party case; a case of more has ``party3``… too (``odr.cases.parties``),
and its items' options are all its parties' keys (:func:`item_issues`, :func:`party_options`)."""


def item_name(item: Mapping[str, Any], n: int) -> str:
    """The item's id in packages and points: its ``id``, else ``item{n}`` (1-based)."""
    return str(item.get("id") or f"item{n}")


def item_names(items: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(item_name(item, n) for n, item in enumerate(items, 1))


def item_issues(
    items: Sequence[Mapping[str, Any]], roles: Sequence[str] = ROLES
) -> list[dict[str, Any]]:
    """The room's issues for a division case: one per item, its options the parties' roles
    (one option per party, in party order)."""
    return [
        {
            "name": item_name(item, n),
            "label": str(item.get("name") or item_name(item, n)),
            "options": list(roles),
            # What the settlement needs to draft the item's transfer and any equalisation.
            "item": {"value": item.get("value_tiyn"), "held_by": item.get("held_by")},
        }
        for n, item in enumerate(items, 1)
    ]


def party_options(
    issues: Sequence[Mapping[str, Any]], roles: Sequence[str]
) -> list[dict[str, Any]]:
    """A division's issues with each item's options the given parties' roles: the parties taking
    part once the case starts (invited parties who never joined dropped, the third, fourth, …
    added), so an offer can give an item to any of them and to nobody else."""
    return [
        {**issue, "options": list(roles)} if "item" in issue else dict(issue) for issue in issues
    ]


def agreed_values(items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Item name → its agreed value in tiyn (None where the parties agreed none)."""
    return {item_name(item, n): item.get("value_tiyn") for n, item in enumerate(items, 1)}


def points_problem(items: Sequence[Mapping[str, Any]], points: object) -> InvalidCase | None:
    """Why ``points`` (item → whole points) is not a valid statement for these items, if it is
    not: the error's ``field`` names the item (``points.<item>``) or ``points`` for the total."""
    names = list(item_names(items))
    try:
        # The other party is a stand-in with valid points: only the reader's table is checked.
        stand_in = dict.fromkeys(names, 0)
        stand_in[names[0]] = POINTS_TOTAL
        parse_division(
            {
                "items": names,
                "parties": [{"name": "you", "points": points}, {"name": "_", "points": stand_in}],
            }
        )
    except InvalidCase as exc:
        exc.field = (exc.field or "points").replace("parties[0].points", "points")
        return exc
    return None


def division_case(items: Sequence[Mapping[str, Any]], points: Mapping[str, Any]) -> DivisionCase:
    """Role → points (every party's) → the engine's case; points were checked when stored."""
    names = list(item_names(items))
    return parse_division(
        {"items": names, "parties": [{"name": r, "points": points[r]} for r in points]}
    )


def bundles(package: Mapping[str, str], roles: Sequence[str] = ROLES) -> dict[str, list[str]]:
    """Role → the items ``package`` gives it, in the package's order."""
    held: dict[str, list[str]] = {role: [] for role in roles}
    for item, role in package.items():
        held.setdefault(role, []).append(item)
    return held


@dataclass(frozen=True)
class Equalisation:
    """One payment that brings both shares to the same agreed value (whole tiyn)."""

    payer: str
    payee: str
    amount_tiyn: int


def equalisation(values: Mapping[str, Any], package: Mapping[str, str]) -> Equalisation | None:
    """The payment that balances the agreed values of the two shares, or None when they are
    equal already or some item has no agreed value (then there is nothing to balance against),
    and None among three or more parties: which of several richer shares pays which poorer
    one is theirs to agree, so neither the proposal nor the settlement's draft names a payment
    (``odr.settlement.division_terms``).

    Half the difference, rounded down to a whole tiyn: a court order needs an exact amount, and
    the half-tiyn that rounding leaves is below any currency's smallest coin.
    """
    if any(not isinstance(v, int) or isinstance(v, bool) for v in values.values()):
        return None
    if not set(package.values()) <= set(ROLES):
        return None
    worth = {role: sum(values[i] for i in held) for role, held in bundles(package).items()}
    richer, poorer = sorted(ROLES, key=lambda role: -worth[role])
    amount = (worth[richer] - worth[poorer]) // 2
    return Equalisation(richer, poorer, amount) if amount > 0 else None


def explain_share(
    reader: str,
    points: Mapping[str, int],
    package: Mapping[str, str],
    labels: Mapping[str, str],
    roles: Sequence[str] = ROLES,
) -> list[dict[str, Any]]:
    """Why the allocation is fair to ``reader`` (one of ``roles``), in its own points only.

    "You value what you get at 58 of your 100 points"; the other's share is worth 42 of *your*
    points to you (among three or more: the other share you value most, ``best_other_share``);
    and if you would rather have another's share, removing one item from it (the one you value
    most) leaves it worth no more than yours (envy-free up to one item: said of the share where
    that is tightest). Never a number derived from another party's points.
    """
    held = bundles(package)
    own = sum(points[i] for i in held.get(reader, []))
    others = {role: items for role, items in held.items() if role != reader and items}
    several = len(roles) > 2
    worth = {role: sum(points[i] for i in items) for role, items in others.items()}
    best = max(worth.values(), default=0)
    messages: list[dict[str, Any]] = [
        {"key": "division.own_share", "params": {"points": own, "total": POINTS_TOTAL}},
        {
            "key": "division.best_other_share" if several else "division.their_share",
            "params": {"points": best},
        },
    ]
    if own >= best:
        messages.append({"key": "division.no_envy", "params": {}})
        return messages
    # The share whose worth to the reader, its best item removed, comes closest to the reader's.
    tightest = max(others, key=lambda role: worth[role] - max(points[i] for i in others[role]))
    top = max(others[tightest], key=lambda i: points[i])
    messages.append(
        {
            "key": "division.envy_free_up_to_one",
            "params": {"item": labels.get(top, top), "points": worth[tightest] - points[top]},
        }
    )
    return messages


def equalisation_message(
    items: Sequence[Mapping[str, Any]], package: Mapping[str, str]
) -> dict[str, Any] | None:
    """The equalisation payment of ``package`` as a UI message (public: agreed values only)."""
    payment = equalisation(agreed_values(items), package)
    if payment is None:
        return None
    return {
        "key": "division.equalisation",
        "params": {"payer": payment.payer, "payee": payment.payee, "tiyn": payment.amount_tiyn},
    }
