"""What the settlement document says about the mediation and its mediator, and the statement a
mediator signs with EDS to attest it (``attestation_statement``, #14)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.documents.canonical import canonical_json
from odr.persistence.models import Case, Centre, Mediation, Mediator, User

STATEMENT_KIND = "kelisim/mediation-attestation/1"


async def mediator_attestation(db: AsyncSession, case_id: str) -> dict[str, Any] | None:
    """The case's mediator for the settlement, or None when the case has no mediator.

    ``{"full_name", "kind": "professional"|"public", "organisation" (the centre's name),
    "certificate_number", "certificate_date" (date), "mediation_contract_date" (date or None),
    "attested" (bool), "attested_at" (datetime or None), "eds" (who signed the attestation
    with EDS: ``{"common_name", "iin", "issuer", "serial_number"}``, or None)}``. ``attested``
    is True once the mediator attested the mediation of the agreed case.
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
        "eds": _signer(mediation.attestation_evidence),
    }


def _signer(evidence: dict[str, Any] | None) -> dict[str, Any] | None:
    if not evidence:
        return None
    signer = evidence.get("signer") or {}
    return {k: signer.get(k) for k in ("common_name", "iin", "issuer", "serial_number")}


async def attestation_statement(
    db: AsyncSession, case: Case, user: User, contract_date: date
) -> bytes | None:
    """The canonical statement ``user`` signs to attest ``case``'s mediation, or None when
    ``user`` is not the case's mediator. Its SHA-256 is what NCALayer signs."""
    row = (
        await db.execute(
            select(Mediator, Centre.name)
            .join(Mediation, Mediation.mediator_id == Mediator.id)
            .join(Centre, Centre.id == Mediation.centre_id)
            .where(Mediation.case_id == case.id, Mediator.user_id == user.id)
        )
    ).first()
    if row is None:
        return None
    mediator, centre_name = row
    return canonical_json(
        {
            "kind": STATEMENT_KIND,
            "case": {"id": case.id, "reference": case.reference},
            "mediator": {
                "full_name": user.display_name,
                "certificate_number": mediator.certificate_number,
                "organisation": centre_name,
            },
            "mediation_contract_date": contract_date.isoformat(),
            "statement": "the parties reached this agreement in mediation I conducted",
        }
    )


def statement_digest(statement: bytes) -> bytes:
    return hashlib.sha256(statement).digest()
