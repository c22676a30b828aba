"""A fair-division case: two joined parties, three items, and each party's private points.

The case is opened as usual and turned into a division through the ORM (mechanism, items, and
the items as the room's issues: intake does not store ``item_issues`` yet, see
odr/negotiating/division.py).
"""

from __future__ import annotations

import re
from typing import Any

from starlette.applications import Starlette

from odr.negotiating.division import item_issues
from odr.persistence.models import Case
from tests.builders.app import services_of

# Agreed values in whole tiyn: the piano's odd tiyn checks that equalisation rounds down.
# Stored as intake stores them (odr/cases/items.py), with who holds each item now where known.
ITEMS: list[dict[str, Any]] = [
    {"id": "car", "name": "Toyota Camry 2019", "value_tiyn": 1_200_000_000, "note": None},
    {"id": "flat", "name": "Квартира, Астана", "value_tiyn": 3_000_000_000, "note": None},
    {"id": "piano", "name": "Piano", "value_tiyn": 50_000_001, "note": "Yamaha, in the flat"},
]
ITEMS[0]["held_by"], ITEMS[1]["held_by"] = "respondent", "claimant"
# Sentinels: 71 and 23 appear nowhere but in the claimant's points.
CLAIMANT_POINTS = {"car": 71, "flat": 23, "piano": 6}
RESPONDENT_POINTS = {"car": 44, "flat": 47, "piano": 9}
# Maximum Nash welfare: 71 · (47 + 9) = 3976 beats 77 · 47 = 3619 and every other split.
ALLOCATION = {"car": "claimant", "flat": "respondent", "piano": "respondent"}


async def make_division(app: Starlette, case_id: str, items: list[dict[str, Any]] = ITEMS) -> None:
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case_id)
        case.mechanism = "division"
        case.items = items
        case.issues = item_issues(items)
        await db.commit()
    # The room folds offers against the case's issues: forget what it knew of the old ones.
    services_of(app).room.states.forget(case_id)


def leaked_points(received: str, points: dict[str, int] = CLAIMANT_POINTS) -> list[str]:
    """The sentinel point values found in ``received`` as numbers of their own (not inside an
    id, a time or a longer number)."""
    found = []
    for value in (71, 23):
        assert value in points.values()
        if re.search(rf"(?<![\w.:+-]){value}(?![\w.:])", received):
            found.append(str(value))
    return found
