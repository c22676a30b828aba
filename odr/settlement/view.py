"""What a party sees of its settlement: the terms, what is still missing, the record to sign and
its hash, who signed it, the court and the filing. Read-only; no HTTP here.

The record is built afresh on every read until the settlement is sealed (then the signed
envelope's record is shown), so the text a party reviews is always the text its signature will
be checked against.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.service import case_for, role_of
from odr.documents import record_sha256
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.persistence.models import Case, Court, CourtImport, Settlement, User
from odr.settlement import completeness, record_builder
from odr.settlement.parties import display_names, settlement_roles, sides
from odr.settlement.rules import role_required
from odr.settlement.schemas import SettlementOut, SettlementPartyOut, SignatureOut
from odr.settlement.service import signatures_for


async def settlement_out(db: AsyncSession, case: Case, settlement: Settlement) -> SettlementOut:
    record = None
    problems: list[dict[str, str]] = []
    if settlement.envelope is not None:
        record = settlement.envelope["record"]
        record_hash: str | None = settlement.record_sha256
    else:
        try:
            built = await record_builder.build_record(db, case, settlement)
        except ValidationFailed as exc:
            built, problems = None, exc.fields or [{"field": "record", "message": exc.message}]
        record_hash = record_sha256(built) if built is not None else None
        record = built.model_dump(mode="json", by_alias=True) if built is not None else None
    signatures = await signatures_for(db, settlement, record_hash)
    names = {
        role: (details or {}).get("full_name")
        for role, details in settlement.terms["parties"].items()
    }
    court = await db.get(Court, settlement.court_id) if settlement.court_id else None
    filed = None
    if settlement.status == "filed":
        imported = await db.scalar(
            select(CourtImport).where(CourtImport.settlement_id == settlement.id)
        )
        if imported is not None:
            filed = {
                "court_case_number": imported.court_case_number,
                "acknowledged_at": imported.acknowledged_at.isoformat(),
            }
    terms = {k: v for k, v in settlement.terms.items() if k != "parties"}
    roles = settlement_roles(case, settlement)
    signed = {s.role for s in signatures}
    shown, side = display_names(case), sides(case)
    party_list = [
        SettlementPartyOut(
            role=role,
            side=side.get(role, "own"),  # type: ignore[arg-type]
            display_name=shown.get(role, role),
            signed=role in signed,
        )
        for role in roles
    ]
    sealed = settlement.status in ("signed", "filed")
    awaiting = [] if sealed or record is None else [r for r in roles if r not in signed]
    return SettlementOut(
        id=settlement.id,
        status=settlement.status,  # type: ignore[arg-type]
        version=settlement.version,
        terms=terms,
        parties={role: settlement.terms["parties"].get(role) for role in roles},
        party_list=party_list,
        awaiting=awaiting,
        missing=completeness.missing_items(settlement, roles),
        problems=problems,
        record=record,
        record_sha256=record_hash,
        signatures=[
            SignatureOut(
                role=s.role,
                full_name=names.get(s.role) or s.role,
                signed_at=s.signed_at,
                method=s.method,
            )
            for s in signatures
        ],
        verification_code=settlement.verification_code,
        pdf_sha256=settlement.pdf_sha256,
        court={"code": court.code, "name": court.name} if court else None,
        filed=filed,
    )


async def signed_pdf(db: AsyncSession, user: User, case_id: str) -> tuple[str, bytes]:
    """The sealed document of a case the caller is a party to, with its file name."""
    case = await case_for(db, user, case_id)
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is None:
        raise NotFound("this case has no settlement yet", code="settlement_not_found")
    role_required(role_of(case, user), settlement_roles(case, settlement))
    if settlement.pdf is None:
        raise Conflict(
            "the document exists once every party has signed", code="settlement_not_signed"
        )
    return f"settlement-{case.reference}.pdf", settlement.pdf
