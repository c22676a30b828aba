"""A mediator attests the mediation with EDS: the same NCALayer round trip as a party's
signature, over the attestation statement (``odr.centre.attestation``) instead of the PDF.

``prepare`` hands out the SHA-256 of the canonical statement (case, mediator, certificate
number, centre, contract date) and a token; ``sign`` rebuilds the statement from the date sent
again, validates the CMS over it (chain, signing key, validity, revocation: ``validation``) and
attests through the centre's own path (``Supervision.attest``), keeping the evidence with the
mediation. The mediator's IIN is not on record, so the certificate's holder is recorded, not
compared.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CaseStatus
from odr.centre.attestation import attestation_statement, statement_digest
from odr.centre.supervision import Supervision
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.persistence.models import Case, User
from odr.services import Services
from odr.signing import tokens
from odr.signing.certificate import Expected
from odr.signing.evidence import evidence_of
from odr.signing.reasons import EdsRefused, text
from odr.signing.settlement_flow import cms_bytes, trust_anchors
from odr.signing.validation import RevocationPolicy, validate

ROLE = "mediator"


@dataclass(frozen=True)
class PreparedAttestation:
    token: str
    digest: str
    expires_at: datetime


async def _statement(
    db: AsyncSession, services: Services, user: User, case_id: str, contract_date: date
) -> bytes:
    case = await db.get(Case, case_id)
    statement = None if case is None else await attestation_statement(db, case, user, contract_date)
    if case is None or statement is None:
        raise NotFound("there is no such case among yours", code="case_not_found")
    if not trust_anchors(services.settings).configured:  # after: a stranger learns nothing
        raise Conflict("signing with EDS is not configured on this service", code="eds_unavailable")
    if case.status != CaseStatus.AGREED:
        raise Conflict("a mediation is attested once the parties agreed", code="not_agreed")
    return statement


async def prepare(
    db: AsyncSession, services: Services, user: User, case_id: str, contract_date: date
) -> PreparedAttestation:
    digest = statement_digest(await _statement(db, services, user, case_id, contract_date))
    now = services.clock()
    expires = now + timedelta(seconds=services.settings.eds_prepare_ttl_s)
    grant = tokens.Grant(
        case_id, user.id, ROLE, digest.hex(), int(expires.timestamp()), now.isoformat()
    )
    return PreparedAttestation(
        token=tokens.issue(services.settings.secret_key, grant),
        digest=base64.b64encode(digest).decode(),
        expires_at=expires,
    )


async def sign(
    db: AsyncSession,
    services: Services,
    user: User,
    case_id: str,
    contract_date: date,
    token: str,
    cms_base64: str,
) -> dict[str, Any]:
    """Attest ``case_id`` with the mediator's EDS; returns the evidence kept."""
    settings = services.settings
    # The case first: someone else's case is not found, whatever token came with it.
    statement = await _statement(db, services, user, case_id, contract_date)
    try:
        tokens.read(settings.secret_key, token, case_id, user.id, services.clock())
    except tokens.TokenRefused as refused:
        raise ValidationFailed("the signing request is not valid", code=refused.code) from None
    cms_der = cms_bytes(cms_base64)
    now = services.clock()
    try:
        verified = await validate(
            cms_der,
            statement_digest(statement),
            Expected(),
            trust_anchors(settings),
            RevocationPolicy(settings.eds_revocation),
            now,
        )
    except EdsRefused as refused:
        raise ValidationFailed(text(refused.reason, "en"), code=refused.reason.value) from None
    evidence = {**evidence_of(verified, now), "statement": statement.decode()}
    await Supervision(db, services.room, user).attest(case_id, contract_date, evidence)
    return evidence
