"""Fair division's items as a case stores them and as the API shows them.

Stored in ``cases.items`` as ``{"id": "item1", "name", "value_tiyn", "note", "held_by",
"photo"}`` (``held_by``: the role holding the item now, or None when not said; ``photo``: absent,
or the stored file showing it, ``{"id", "media_type", "bytes", "sha256"}``, ``odr/uploads``): the
agreed value in whole tiyn (an int, never a float, docs/security.md "money is exact"); the API
shows it in the case's currency with two decimals, as the claim amount. Ids follow the order
given and never change, so an allocation can name an item whatever the language of its name.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from odr.cases.schemas import ItemIn, ItemOut, PhotoOut
from odr.errors import ValidationFailed

TIYN_PER_UNIT = 100


def items_to_store(items: Sequence[ItemIn]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"item{n}",
            "name": item.name,
            "value_tiyn": int(item.value * TIYN_PER_UNIT) if item.value is not None else None,
            "note": item.note or None,
            "held_by": item.held_by,
        }
        for n, item in enumerate(items, 1)
    ]


def check_holders(items: Sequence[ItemIn], parties: Collection[str]) -> None:
    """422 at the first item held by a key that is none of the case's ``parties`` (at intake:
    those it will have; for a switch: those seated), code ``held_by_not_a_party``: among five
    heirs party5 may hold the car, in a two-party case party3 is nobody."""
    for n, item in enumerate(items):
        if item.held_by is not None and item.held_by not in parties:
            message = f"{item.held_by} is not a party of this case"
            raise ValidationFailed(
                message,
                fields=[
                    {
                        "field": f"items[{n}].held_by",
                        "message": message,
                        "code": "held_by_not_a_party",
                    }
                ],
            )


def items_out(stored: Sequence[dict[str, Any]] | None) -> list[ItemOut] | None:
    if not stored:
        return None
    return [
        ItemOut(
            id=item["id"],
            name=item["name"],
            value=(Decimal(item["value_tiyn"]) / TIYN_PER_UNIT).quantize(Decimal("0.01"))
            if item.get("value_tiyn") is not None
            else None,
            note=item.get("note"),
            held_by=item.get("held_by"),  # cases opened before it was asked: not said
            photo=PhotoOut(**item["photo"]) if item.get("photo") else None,
        )
        for item in stored
    ]


def find_item(stored: Sequence[dict[str, Any]] | None, item_id: str) -> dict[str, Any] | None:
    return next((item for item in stored or [] if item["id"] == item_id), None)


def with_photo(
    stored: Sequence[dict[str, Any]], item_id: str, photo: dict[str, Any]
) -> list[dict[str, Any]]:
    """The items with ``photo`` as ``item_id``'s: a new list, so the JSON column sees a change."""
    return [{**item, "photo": photo} if item["id"] == item_id else item for item in stored]


def photo_ids(stored: Sequence[dict[str, Any]] | None) -> list[str]:
    """The stored files the items' photos are (``odr/uploads``)."""
    return [item["photo"]["id"] for item in stored or [] if item.get("photo")]
