"""Both parties' private interests on ``cases.CASE``'s issues, and how a party submits them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.odr.room_client import RoomClient

# Distinctive numbers, so a leak of the claimant's private answers would be easy to spot.
CLAIMANT: dict[str, Any] = {
    "importance": {"ranking": ["amount", "issue2"]},
    "issues": {
        "amount": {"best": 415000, "acceptable": 335000, "limit": 175000},
        "issue2": {
            "options": {
                "сразу": "ideal",
                "через месяц": "acceptable",
                "в рассрочку": "unacceptable",
            }
        },
    },
    "walk_away": "balanced",
}
RESPONDENT: dict[str, Any] = {
    "importance": {"points": {"amount": 70, "issue2": 30}},
    "issues": {
        "amount": {"best": 20000, "acceptable": 150000, "limit": 260000},
        "issue2": {
            "options": {"сразу": "acceptable", "через месяц": "acceptable", "в рассрочку": "ideal"}
        },
    },
    "walk_away": "flexible",
}
CLAIMANT_SECRETS = ["415000", "335000", "175000", "balanced"]


async def submit(client: RoomClient, case_id: str, answers: dict[str, Any]) -> httpx.Response:
    return await client.http("PUT", f"/api/cases/{case_id}/interests", json={"answers": answers})
