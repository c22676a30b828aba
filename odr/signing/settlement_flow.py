"""A party signs its settlement with EDS: what NCALayer must sign, then the signature checked
and stored. The password ("simple electronic signature") stays where the centre permits it.

``prepare`` answers the digest NCALayer signs (``digested: true``): the SHA-256 of the byte
range of the party's PAdES revision of the settlement PDF (``odr.settlement.sealing.
prepare_eds_revision``: the document of the record as it stands, with the EDS signatures given
before), with a short-lived token (``tokens``) that keeps the moment the revision was prepared
at. ``sign`` rebuilds that revision for the record as it stands *then* (a change in between
gives another digest: ``eds_older_version``), validates the CMS against it, the trust anchors and
the party's identity (``validation``), checks it fits the PDF's placeholder
(``odr.documents.pades.embed_party_signature``), and records it through the settlement's own
signing path (``odr.settlement.service.sign_settlement``), so the last signature still seals the
document, with every EDS revision in it, in the same transaction.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.service import role_of
from odr.documents.envelope import record_sha256
from odr.documents.pades import PadesRefused, PreparedSignature, embed_party_signature
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import PersonParty
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.persistence.models import Case, Centre, Mediation, Settlement, User
from odr.services import Services
from odr.settings import Settings
from odr.settlement import rules, service
from odr.settlement.completeness import missing_items
from odr.settlement.parties import settlement_roles
from odr.settlement.record_builder import build_record
from odr.settlement.sealing import PADES_EVIDENCE, eds_evidence, prepare_eds_revision
from odr.signing import tokens
from odr.signing.certificate import Expected
from odr.signing.evidence import EDS_METHOD, evidence_of
from odr.signing.reasons import EdsRefused, Reason, text
from odr.signing.validation import RevocationPolicy, TrustAnchors, validate


@lru_cache(maxsize=8)
def _anchors(paths: tuple[Path, ...]) -> TrustAnchors:
    return TrustAnchors.from_files(paths) if paths else TrustAnchors()


def trust_anchors(settings: Settings) -> TrustAnchors:
    """The configured НУЦ РК certificates, read once per set of files."""
    return _anchors(settings.eds_trust_anchors)


@dataclass(frozen=True)
class Methods:
    """How the parties of a case may sign: EDS when trust anchors are configured; the password
    where the case's centre permits it (by default only while EDS is off)."""

    eds: bool
    simple: bool


async def methods_for(db: AsyncSession, settings: Settings, case_id: str) -> Methods:
    eds = trust_anchors(settings).configured
    permitted = await db.scalar(
        select(Centre.simple_signature)
        .join(Mediation, Mediation.centre_id == Centre.id)
        .where(Mediation.case_id == case_id)
    )
    return Methods(eds=eds, simple=(not eds) if permitted is None else permitted)


async def require_simple_allowed(db: AsyncSession, settings: Settings, case_id: str) -> None:
    if not (await methods_for(db, settings, case_id)).simple:
        raise Forbidden(
            "this centre accepts only an electronic digital signature (EDS) for settlements",
            code="simple_signature_not_allowed",
        )


@dataclass(frozen=True)
class Prepared:
    token: str
    digest: str  # base64 of the SHA-256 NCALayer signs
    record_sha256: str
    expires_at: datetime


# What the PDF side's refusals mean for the person (odr.documents.pades.REFUSALS).
_PADES_REASONS = {
    "digest_mismatch": Reason.OLDER_VERSION,
    "signature_invalid": Reason.SIGNATURE_INVALID,
    "digest_algorithm_unsupported": Reason.UNSUPPORTED_ALGORITHM,
}


async def _current(
    db: AsyncSession, services: Services, user: User, case_id: str
) -> tuple[Case, Settlement, str, SettlementRecord]:
    # The case first: someone else's case is not found, whatever this service's configuration.
    case, settlement = await service.settlement_for(db, user, case_id, services.clock())
    roles = settlement_roles(case, settlement)
    role = rules.role_required(role_of(case, user), roles)
    if not trust_anchors(services.settings).configured:
        raise Conflict("signing with EDS is not configured on this service", code="eds_unavailable")
    if settlement.status in ("signed", "filed"):
        raise Conflict("the settlement is already signed by every party", code="settlement_signed")
    record = await build_record(db, case, settlement)
    if record is None:
        missing = ", ".join(missing_items(settlement, roles))
        raise Conflict(
            f"the settlement is not complete yet (missing: {missing})", code="incomplete"
        )
    return case, settlement, role, record


async def _revision(
    db: AsyncSession,
    services: Services,
    settlement: Settlement,
    record: SettlementRecord,
    role: str,
    prepared_at: datetime,
) -> PreparedSignature:
    try:
        return await prepare_eds_revision(
            db, services.settings, settlement, record, role, None, prepared_at
        )
    except PadesRefused as refused:  # an earlier revision no longer fits: sign again
        raise ValidationFailed(str(refused), code=Reason.OLDER_VERSION.value) from None


async def prepare(db: AsyncSession, services: Services, user: User, case_id: str) -> Prepared:
    """What NCALayer must sign for ``user`` now, and the token ``sign`` needs with it."""
    case, settlement, role, record = await _current(db, services, user, case_id)
    expected_signer(record, role)  # refused now when the record cannot name who must sign
    now = services.clock()
    revision = await _revision(db, services, settlement, record, role, now)
    expires = now + timedelta(seconds=services.settings.eds_prepare_ttl_s)
    grant = tokens.Grant(
        case.id, user.id, role, revision.digest.hex(), int(expires.timestamp()), now.isoformat()
    )
    return Prepared(
        token=tokens.issue(services.settings.secret_key, grant),
        digest=base64.b64encode(revision.digest).decode(),
        record_sha256=record_sha256(record),
        expires_at=expires,
    )


def expected_signer(record: SettlementRecord, role: str) -> Expected:
    """Who must sign for ``role``: its representative in person, else the person, else the
    organisation (by BIN) through the signatory the record names (by IIN)."""
    party = next(p for p in record.parties if p.role == role)
    if party.representative is not None:
        return Expected(iin=party.representative.iin)
    if isinstance(party, PersonParty):
        return Expected(iin=party.iin)
    if party.signatory.iin is None:
        # Details given before the signatory's IIN was asked for: with only the BIN to compare,
        # any employee holding the organisation's certificate could sign. Said before NCALayer
        # is even asked, so the party completes its details instead of signing in vain.
        raise Conflict(
            text(Reason.SIGNATORY_IIN_MISSING, "en"), code=Reason.SIGNATORY_IIN_MISSING.value
        )
    return Expected(bin=party.bin, signatory_iin=party.signatory.iin)


def cms_bytes(cms_base64: str) -> bytes:
    try:
        return base64.b64decode("".join(cms_base64.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("the signature is not base64", code="eds_cms_malformed") from None


async def sign(
    db: AsyncSession, services: Services, user: User, case_id: str, token: str, cms_base64: str
) -> tuple[Case, Settlement, dict[str, Any]]:
    """Check the CMS NCALayer made and record it as ``user``'s signature of the record."""
    settings = services.settings
    # The case first: someone else's case is not found, whatever token came with it.
    _, settlement, role, record = await _current(db, services, user, case_id)
    try:
        grant = tokens.read(settings.secret_key, token, case_id, user.id, services.clock())
    except tokens.TokenRefused as refused:
        message = (
            "the signing request expired; sign again"
            if refused.code == "eds_token_expired"
            else "the signing request is not valid; sign again"
        )
        raise ValidationFailed(message, code=refused.code) from None
    cms_der = cms_bytes(cms_base64)
    current = record_sha256(record)
    prepared_at = datetime.fromisoformat(grant.prepared_at)
    revision = await _revision(db, services, settlement, record, role, prepared_at)
    now = services.clock()
    try:
        verified = await validate(
            cms_der,
            revision.digest,
            expected_signer(record, role),
            trust_anchors(settings),
            RevocationPolicy(settings.eds_revocation),
            now,
        )
    except EdsRefused as refused:
        raise ValidationFailed(text(refused.reason, "en"), code=refused.reason.value) from None
    try:
        embed_party_signature(revision, cms_der)  # it fits the PDF's placeholder, or refused
    except PadesRefused as refused:
        reason = _PADES_REASONS.get(refused.code, Reason.CMS_MALFORMED)
        raise ValidationFailed(text(reason, "en"), code=reason.value) from None
    evidence = evidence_of(verified, now)
    evidence[PADES_EVIDENCE] = eds_evidence(cms_der, verified.certificate_der, prepared_at)

    async def already_checked() -> None:
        return None

    case, settlement = await service.sign_settlement(
        db, services, user, case_id, current, already_checked, method=EDS_METHOD, evidence=evidence
    )
    return case, settlement, evidence


async def set_simple_signature(
    db: AsyncSession, user: User, centre_id: str, permitted: bool | None
) -> Centre:
    """A centre's administrator decides whether its cases may be signed with the password:
    ``True``/``False``, or ``None`` for the default (only while EDS is off)."""
    from odr.centre.registry import centre_managed_by

    centre = await centre_managed_by(db, user, centre_id)
    centre.simple_signature = permitted
    await db.commit()
    return centre
