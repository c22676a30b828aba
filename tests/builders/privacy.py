"""A case full of personal data, each piece a sentinel a test can look for anywhere afterwards.

Through a centre (so analytics count it), with both parties' private interests (and so the
engine's proposals and explanations), a message from each party, an agreement, the settlement's
identities and both signatures, and the claimant's feedback.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import Base, PartyInterests
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer, SendMessage
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.settlement import CLAIMANT_DETAILS, RESPONDENT_DETAILS, complete, sign, user_of

if TYPE_CHECKING:
    from tests.conftest import Client, MakeClient

CLAIMANT_EMAIL, RESPONDENT_EMAIL = "aigerim@example.kz", "ruslan@example.kz"
SUBJECT = "Unpaid invoice for furniture"
CLAIMANT_MESSAGE = "Aigerim-private-words-7f3a"
RESPONDENT_MESSAGE = "Ruslan-private-words-9c1e"
FEEDBACK_COMMENT = "Feedback-free-text-4d2b"
# Numbers the case uses nowhere else, on no 10,000 grid.
CLAIMANT_INTERESTS: dict[str, Any] = {
    "importance": {"ranking": ["amount", "issue2"]},
    "issues": {
        "amount": {"best": 413579, "acceptable": 337531, "limit": 179351},
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
RESPONDENT_INTERESTS: dict[str, Any] = {
    "importance": {"points": {"amount": 70, "issue2": 30}},
    "issues": {
        "amount": {"best": 21357, "acceptable": 153791, "limit": 263917},
        "issue2": {
            "options": {"сразу": "acceptable", "через месяц": "acceptable", "в рассрочку": "ideal"}
        },
    },
    "walk_away": "flexible",
}
CLAIMANT_SECRETS = ["413579", "337531", "179351"]
RESPONDENT_SECRETS = ["21357", "153791", "263917"]
#: Everything that names or quotes a party of the case (matched case-insensitively).
PERSONAL = [
    CLAIMANT_EMAIL,
    RESPONDENT_EMAIL,
    "aigerim",  # the claimant's display name
    "ruslan",  # the respondent's display name, the invited name, the signatory
    SUBJECT,
    CLAIMANT_MESSAGE,
    RESPONDENT_MESSAGE,
    FEEDBACK_COMMENT,
    CLAIMANT_DETAILS["full_name"],
    CLAIMANT_DETAILS["iin"],
    "Абай даңғылы",
    RESPONDENT_DETAILS["full_name"],
    RESPONDENT_DETAILS["bin"],
    RESPONDENT_DETAILS["signatory"]["iin"],  # the organisation's signatory (#14)
    "Толе би",
    "через месяц",  # an option's text, in issues, offers and the agreement
]


@dataclass
class FullCase:
    claimant: Client
    respondent: Client
    case_id: str
    verification_code: str
    pdf: bytes


async def full_case(app: Starlette, make_client: MakeClient, *, sign_it: bool = True) -> FullCase:
    claimant, respondent = make_client(), make_client()
    await claimant.signup(CLAIMANT_EMAIL)
    await respondent.signup(RESPONDENT_EMAIL)
    created = await open_case(claimant, subject=SUBJECT)
    case_id = created["case"]["id"]
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    for client, answers in ((claimant, CLAIMANT_INTERESTS), (respondent, RESPONDENT_INTERESTS)):
        put = await client.put(f"/api/cases/{case_id}/interests", json={"answers": answers})
        assert put.status_code == 200, put.text
    await _engine_done(app, case_id)

    room = services_of(app).room
    first, second = await user_of(app, CLAIMANT_EMAIL), await user_of(app, RESPONDENT_EMAIL)
    for user, role, text in (
        (first, "claimant", CLAIMANT_MESSAGE),
        (second, "respondent", RESPONDENT_MESSAGE),
    ):
        await execute(
            room, user, role, case_id, SendMessage(type="message", key=f"m-{role}", text=text)
        )
    package = {"amount": "150000", "issue2": "через месяц"}
    await execute(
        room, first, "claimant", case_id, MakeOffer(type="offer", key="o-1", package=package)
    )
    await execute(room, second, "respondent", case_id, Accept(type="accept", key="a-1", version=1))

    settlement = await complete(claimant, respondent, case_id)
    code, pdf = "", b""
    if sign_it:
        for client in (claimant, respondent):
            signed = await sign(client, case_id, settlement["record_sha256"])
            assert signed.status_code == 201, signed.text
        read = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
        code = read["verification_code"]
        download = await claimant.get(f"/api/cases/{case_id}/settlement/pdf")
        assert download.status_code == 200
        pdf = download.content
    feedback = {"service": 5, "procedure": 4, "fairness": 5, "ease": 3, "comment": FEEDBACK_COMMENT}
    given = await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)
    assert given.status_code == 201, given.text
    return FullCase(claimant, respondent, case_id, code, pdf)


async def _engine_done(app: Starlette, case_id: str) -> None:
    """The engine runs off the request; wait (on the condition, not a fixed time) for it."""
    task = services_of(app).proposals.tasks.get(case_id)
    if task is not None:
        await asyncio.wait_for(asyncio.shield(task), timeout=30)


async def interests_rows(app: Starlette) -> int:
    async with services_of(app).sessions() as db:
        return len(list(await db.scalars(select(PartyInterests.id))))


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, datetime):
        return value.date().isoformat()  # no microseconds to collide with a sentinel number
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


async def database_text(app: Starlette) -> str:
    """Every row of every table, as text: what a scan for leftover personal data reads."""
    lines = []
    async with services_of(app).sessions() as db:
        for table in Base.metadata.sorted_tables:
            rows = await db.execute(select(table).order_by(*table.primary_key.columns))
            lines += [f"{table.name}: " + " | ".join(_text(v) for v in row) for row in rows]
    return "\n".join(lines)
