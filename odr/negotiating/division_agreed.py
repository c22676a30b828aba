"""Whether a division's agreement is an Adjusted Winner proposal, as proposed, read from the log.

The room's packages name who receives each item whole; what makes an agreed package Adjusted
Winner is how its split item is settled (``odr.negotiating.division_aw``), which the package
cannot say. The log can: the agreed offer names the proposal it started from
(``from_proposal``), and the proposals in force when it was made are the last
``proposals_ready`` before it. The agreement is Adjusted Winner only if that proposal is one of
Adjusted Winner's *and* the agreed package is exactly its choice: an offer that started from it
and moved an item, or a package typed by hand that happens to look the same, is an ordinary
division (settled with the equalisation). Reading the proposals in force when the offer was
made, not the latest, keeps the split the offer's author saw even if points were restated later.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.negotiating.division_aw import CRITERIA, AgreedAdjustedWinner, Split
from odr.persistence.models import CaseEvent, CaseProposals

_READ = ("offer", "counter_offer", "proposals_ready")


async def agreed_adjusted_winner(
    db: AsyncSession, case_id: str, *, version: int, package: Mapping[str, str], seq: int
) -> AgreedAdjustedWinner | None:
    """The Adjusted Winner proposal agreed as offer ``version`` (agreement logged at ``seq``),
    or None when the agreement is not one."""
    rows = await db.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.type.in_(_READ), CaseEvent.seq < seq)
        .order_by(CaseEvent.seq)
    )
    in_force: int | None = None
    offered: tuple[str | None, int | None] = (None, None)
    for row in rows:
        if row.type == "proposals_ready":
            in_force = row.data["version"]
        elif row.data.get("version") == version:
            offered = (row.data.get("from_proposal"), in_force)
    proposal_id, proposals_version = offered
    if proposal_id is None or proposals_version is None:
        return None
    proposals = await db.scalar(
        select(CaseProposals).where(
            CaseProposals.case_id == case_id, CaseProposals.version == proposals_version
        )
    )
    if proposals is None:
        return None
    proposed = next((p for p in proposals.packages if p["id"] == proposal_id), None)
    if proposed is None or proposed["criterion"] not in CRITERIA:
        return None
    if dict(proposed["choice"]) != dict(package):
        return None
    split = proposed.get("split")
    return AgreedAdjustedWinner(Split.from_json(split) if split else None)
