"""What the settlement document says about the mediation and its mediator."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Centre, Mediation, Mediator, User


async def mediator_attestation(db: AsyncSession, case_id: str) -> dict[str, Any] | None:
    """The case's mediator for the settlement, or None when the case has no mediator.

    ``{"full_name", "kind": "professional"|"public", "organisation" (the centre's name),
    "certificate_number", "certificate_date" (date), "mediation_contract_date" (date or None),
    "attested" (bool), "attested_at" (datetime or None)}``. ``attested`` is True once the
    mediator attested the mediation of the agreed case.
    """
    row = (
        await db.execute(
            select(Mediation, Mediator, User.display_name, Centre.name)
            .join(Mediator, Mediator.id == Mediation.mediator_id)
            .join(User, User.id == Mediator.user_id)
            .join(Centre, Centre.id == Mediation.centre_id)
            .where(Mediation.case_id == case_id)
        )
    ).first()
    if row is None:
        return None
    mediation, mediator, full_name, centre_name = row
    return {
        "full_name": full_name,
        "kind": mediator.kind,
        "organisation": centre_name,
        "certificate_number": mediator.certificate_number,
        "certificate_date": mediator.certificate_date,
        "mediation_contract_date": mediation.contract_date,
        "attested": mediation.attested_at is not None,
        "attested_at": mediation.attested_at,
    }
