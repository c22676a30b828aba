"""Settlement rules: draft after agreement, edit terms, sign, and finalise the signed document.

The lifecycle of a ``Settlement`` row:

``drafting``  terms are being completed (each party's identity, obligations' details, court);
``signing``   at least one party has signed the current record;
``signed``    every party signed the same record hash: the envelope is signed by the platform,
              the PDF/A-3 is rendered and stored, and the case becomes ``signed``;
``filed``     a court acknowledged the import under its own case number (see ``odr.court``).

Any edit before ``signed`` raises ``version`` and so changes the record's hash: signatures given
for the earlier hash no longer count, and the parties see that they must sign again. No HTTP here.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre import mediator_attestation
from odr.documents.canonical import canonical_json
from odr.documents.envelope import (
    PartySignature,
    SignedSettlement,
    record_sha256,
    sign_envelope,
)
from odr.documents.fields import money
from odr.documents.keys import PlatformKey
from odr.documents.record import (
    COURT_KINDS,
    SCHEMA_V1,
    Obligation,
    PersonParty,
    SettlementRecord,
    party_identifier,
)
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.persistence.models import (
    Case,
    CaseEvent,
    Court,
    Settlement,
    SettlementSignature,
    User,
)
from odr.settlement.drafting import draft_terms, legal_basis

ROLES = ("claimant", "respondent")
KAZAKHSTAN = ZoneInfo("Asia/Almaty")
SIGNING_METHOD: Literal["password-reauthentication"] = "password-reauthentication"
PLATFORM = "Kelisim"


@dataclass(frozen=True)
class Agreement:
    version: int
    package: dict[str, str]
    seq: int
    at: datetime


async def agreement_of(db: AsyncSession, case_id: str) -> Agreement | None:
    row = await db.scalar(
        select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.type == "agreement")
    )
    if row is None:
        return None
    return Agreement(row.data["version"], dict(row.data["package"]), row.seq, row.created_at)


async def negotiation_digest(db: AsyncSession, case_id: str, up_to_seq: int) -> tuple[str, int]:
    """SHA-256 over the case's public event log up to the agreement, and how many events.

    Events after the agreement (messages while signing) are left out so the record, and thus
    its hash, stays the same while parties read and sign it.
    """
    rows = await db.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.seq <= up_to_seq)
        .order_by(CaseEvent.seq)
    )
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        line = {
            "seq": row.seq,
            "type": row.type,
            "actor_role": row.actor_role,
            "data": row.data,
            "at": row.created_at.isoformat(),
        }
        digest.update(json.dumps(line, sort_keys=True, separators=(",", ":")).encode() + b"\n")
        count += 1
    return digest.hexdigest(), count


def local_date(moment: datetime) -> date:
    return moment.astimezone(KAZAKHSTAN).date()


async def open_settlement(db: AsyncSession, case: Case, now: datetime) -> Settlement:
    """The case's settlement, drafted from the agreed package the first time it is asked for."""
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is not None:
        return settlement
    agreement = await agreement_of(db, case.id)
    if agreement is None:
        raise Conflict(
            "there is no agreement yet: the settlement is drafted once every party accepted the "
            "same offer",
            code="no_agreement",
        )
    terms = draft_terms(
        case.issues,
        agreement.package,
        currency=case.currency,
        agreed_on=local_date(agreement.at),
        language=case.language,
    )
    terms.update(
        {
            "place": "",
            "kind": "mediation_agreement_out_of_court",
            "court_code": None,
            "court_case_number": None,
            "legal_basis": legal_basis(case.category, case.language),
            "document_language": case.language,
            "parties": {role: None for role in ROLES},
        }
    )
    settlement = Settlement(
        case_id=case.id,
        status="drafting",
        version=1,
        terms=terms,
        created_at=now,
        updated_at=now,
    )
    db.add(settlement)
    try:
        await db.commit()
    except IntegrityError:  # the other party opened it at the same moment
        await db.rollback()
        existing = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
        assert existing is not None
        return existing
    return settlement


def missing_items(settlement: Settlement) -> list[str]:
    terms = settlement.terms
    missing = [f"parties.{role}" for role in ROLES if not terms["parties"].get(role)]
    if not terms.get("place"):
        missing.append("place")
    return missing


def ensure_editable(settlement: Settlement) -> None:
    if settlement.status in ("signed", "filed"):
        raise Conflict(
            "the settlement is signed by every party and can no longer change",
            code="settlement_signed",
        )


async def update_terms(
    db: AsyncSession,
    settlement: Settlement,
    version: int,
    terms: dict[str, Any],
    currency: str,
    now: datetime,
) -> None:
    """Replace the shared terms (not the parties' identities); voids earlier signatures."""
    ensure_editable(settlement)
    if version != settlement.version:
        raise Conflict(
            f"the terms changed meanwhile (now version {settlement.version}); reload and check "
            "them again",
            code="stale_version",
        )
    if terms.get("court_code") is not None:
        court = await db.scalar(select(Court).where(Court.code == terms["court_code"]))
        if court is None:
            message = f"no court with code {terms['court_code']} is connected to Kelisim"
            raise ValidationFailed(
                message, fields=[{"field": "court_code", "message": message}], code="unknown_court"
            )
        settlement.court_id = court.id
    else:
        settlement.court_id = None
    check_obligations(terms["obligations"], currency)
    settlement.terms = {**terms, "parties": settlement.terms["parties"]}
    _changed(settlement, now)


def check_obligations(obligations: list[dict[str, Any]], currency: str) -> None:
    """Refuse, before storing, obligations the record would refuse (vague words and the like)."""
    problems = []
    for n, o in enumerate(obligations, 1):
        try:
            Obligation.model_validate_json(json.dumps(_obligation(n, o, currency), default=str))
        except ValidationError as exc:
            problems.extend(_problems(exc, prefix=f"obligations[{n - 1}]"))
    if problems:
        raise ValidationFailed(
            "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5]),
            fields=problems,
        )


def _problems(exc: ValidationError, prefix: str = "") -> list[dict[str, str]]:
    out = []
    for e in exc.errors():
        path = ".".join(str(p) for p in e["loc"])
        field = f"{prefix}.{path}" if prefix and path else (prefix or path or "record")
        message = str(e["msg"]).removeprefix("Value error, ")
        out.append({"field": field, "message": message, "code": str(e["type"])})
    return out


def update_party(
    settlement: Settlement, role: str, details: dict[str, Any], email: str, now: datetime
) -> None:
    ensure_editable(settlement)
    parties = dict(settlement.terms["parties"])
    parties[role] = {**details, "email": email}
    settlement.terms = {**settlement.terms, "parties": parties}
    _changed(settlement, now)


def _changed(settlement: Settlement, now: datetime) -> None:
    settlement.version += 1
    settlement.status = "drafting"
    settlement.updated_at = now
    settlement.record_sha256 = None


def _party_entry(role: str, details: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"role": role, "kind": details["kind"], "address": details["address"]}
    if details["kind"] == "person":
        entry.update(full_name=details["full_name"], iin=details["iin"])
    else:
        entry.update(
            name=details["full_name"],
            legal_form=details["legal_form"],
            bin=details["bin"],
            signatory=details["signatory"],
        )
    entry["email"] = details["email"]
    entry["representative"] = details.get("representative")
    return entry


def _money(value: Any) -> str | None:
    return None if value is None else money(value)


def _rate(value: Any) -> str | None:
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


def _obligation(number: int, o: dict[str, Any], currency: str) -> dict[str, Any]:
    return {
        "number": number,
        "debtor": o["debtor"],
        "creditor": o["creditor"],
        "kind": o["kind"],
        "description": o["description"],
        "amount": _money(o.get("amount")),
        "currency": o.get("currency") or currency,
        "method": o["method"],
        "account": o.get("account"),
        "due_date": o["due_date"],
        "instalments": [
            {"number": i, "due_date": inst["due_date"], "amount": money(inst["amount"])}
            for i, inst in enumerate(o.get("instalments", []), 1)
        ],
    }


async def attested_mediator(db: AsyncSession, case_id: str) -> dict[str, Any] | None:
    """The mediator as the record names them, once they attested the mediation; else None."""
    found = await mediator_attestation(db, case_id)
    if found is None or not found["attested"] or found["mediation_contract_date"] is None:
        return None
    fields = (
        "full_name",
        "kind",
        "organisation",
        "certificate_number",
        "certificate_date",
        "mediation_contract_date",
    )
    entry = {name: found[name] for name in fields}
    for name in ("certificate_date", "mediation_contract_date"):
        entry[name] = entry[name].isoformat()
    return entry


def _issue_label(case: Case, name: str) -> str:
    return next((str(i["label"]) for i in case.issues if i["name"] == name), name)


def _issue_value(case: Case, name: str, value: object) -> str:
    """An agreed value as a reader expects it: ``390 000 KZT``, ``60 дней``, or the option text.

    The unit is the one the case's issue was defined with (in the case's language, like the
    label), so the same text serves every language of the document.
    """
    text = str(value)
    issue = next((i for i in case.issues if i["name"] == name), None)
    unit = ((issue or {}).get("range") or {}).get("unit")
    if not unit:
        return text
    try:
        number = Decimal(text)
        whole = int(number)
    except (ArithmeticError, ValueError):  # not a number, or NaN / infinity
        return text
    grouped = text if "." in text else f"{whole:,}".replace(",", "\u00a0")
    return f"{grouped}\u00a0{unit}"


async def build_record(
    db: AsyncSession,
    case: Case,
    settlement: Settlement,
    mediator: dict[str, Any] | None = None,
) -> SettlementRecord | None:
    """The exact record the parties sign, or None while something is missing.

    A mediator who attested the mediation is named in the record (the court then reads the
    procedure as mediated); until then the platform's own account of the procedure stands.
    Attesting changes the record, so signatures given before it no longer match.
    """
    if missing_items(settlement):
        return None
    if mediator is None:
        mediator = await attested_mediator(db, case.id)
    agreement = await agreement_of(db, case.id)
    assert agreement is not None
    log_sha256, log_count = await negotiation_digest(db, case.id, agreement.seq)
    terms = settlement.terms
    court = await db.get(Court, settlement.court_id) if settlement.court_id else None
    language = terms["document_language"]
    languages = ["kk", "ru"] if language == "kk+ru" else [language]
    obligations = [_obligation(n, o, case.currency) for n, o in enumerate(terms["obligations"], 1)]
    in_court = terms["kind"] in COURT_KINDS
    record = {
        "schema": SCHEMA_V1,
        "kind": terms["kind"],
        "place": terms["place"],
        "date": local_date(settlement.updated_at).isoformat(),
        "court": (
            {"court_id": court.code, "name": court.name, "case_number": terms["court_case_number"]}
            if court and in_court
            else None
        ),
        "case": {
            "reference": case.reference,
            "category": case.category,
            "opened_at": case.created_at.isoformat(),
            "language": case.language,
        },
        "languages": languages,
        "prevailing_language": languages[0],
        "copies": len(ROLES) + (1 if court else 0),
        "parties": [_party_entry(role, terms["parties"][role]) for role in ROLES],
        "mediator": mediator,
        "procedure": {
            "platform": PLATFORM,
            "case_reference": case.reference,
            "started_at": case.created_at.isoformat(),
            "agreed_at": agreement.at.isoformat(),
            "event_log_sha256": log_sha256,
            "event_count": log_count,
            "live_mediator": mediator is not None,
        },
        "subject": {
            "description": case.subject,
            "claim_amount": _money(case.claim_amount),
            "currency": case.currency,
            "legal_basis": terms["legal_basis"],
        },
        "agreed_package": [
            {
                "issue": name,
                "label": _issue_label(case, name),
                "value": _issue_value(case, name, value),
            }
            for name, value in agreement.package.items()
        ],
        "obligations": obligations,
        "default_terms": {
            "acceleration_after_days": terms["default_terms"]["acceleration_after_days"],
            "penalty_percent_per_day": _rate(terms["default_terms"]["penalty_percent_per_day"]),
            "enforcement_writ": True,
        },
        "costs": terms["costs"],
        "waiver_of_remaining_claims": terms["waiver_of_remaining_claims"],
        "statements": {
            "free_will": True,
            "capacity": True,
            "understanding": True,
            "no_third_party_effect": True,
        },
        "confidentiality": terms["confidentiality"],
        "singapore_convention_opt_in": terms["singapore_convention_opt_in"],
    }
    try:
        # JSON mode: the strict record accepts ISO dates as JSON strings, as a court would send.
        return SettlementRecord.model_validate_json(json.dumps(record, default=str))
    except ValidationError as exc:
        problems = _problems(exc)
        raise ValidationFailed(
            "the settlement terms are not complete or not consistent: "
            + "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5]),
            fields=problems,
            code="record_invalid",
        ) from None


async def signatures_for(
    db: AsyncSession, settlement: Settlement, record_hash: str | None
) -> Sequence[SettlementSignature]:
    if record_hash is None:
        return []
    rows = await db.scalars(
        select(SettlementSignature)
        .where(
            SettlementSignature.settlement_id == settlement.id,
            SettlementSignature.record_sha256 == record_hash,
        )
        .order_by(SettlementSignature.id)
    )
    return list(rows)


async def sign(
    db: AsyncSession,
    case: Case,
    settlement: Settlement,
    user: User,
    role: str,
    reviewed_hash: str,
    now: datetime,
    record: SettlementRecord,
) -> list[SettlementSignature]:
    """Record ``user``'s signature of the record it reviewed; returns the current signatures."""
    if settlement.status in ("signed", "filed"):
        raise Conflict("the settlement is already signed by every party", code="settlement_signed")
    current = record_sha256(record)
    if reviewed_hash != current:
        raise Conflict(
            "the settlement changed after you reviewed it; read it again and sign the new text",
            code="record_changed",
        )
    existing = await signatures_for(db, settlement, current)
    if not any(s.role == role for s in existing):
        db.add(
            SettlementSignature(
                settlement_id=settlement.id,
                user_id=user.id,
                role=role,
                record_sha256=current,
                method=SIGNING_METHOD,
                signed_at=now,
            )
        )
        await db.flush()
    settlement.record_sha256 = current
    settlement.status = "signing"
    settlement.updated_at = now
    return list(await signatures_for(db, settlement, current))


async def finalise(
    case: Case,
    settlement: Settlement,
    record: SettlementRecord,
    signatures: Sequence[SettlementSignature],
    key: PlatformKey,
    verification_url: str,
    now: datetime,
) -> None:
    """Every party signed: sign the envelope, render and seal the PDF, store all of it."""
    # Imported here: WeasyPrint and its fonts cost a second to load, needed only at this step.
    from odr.documents import produce_settlement_pdf
    from odr.documents.akoma import akoma_ntoso

    by_role = {s.role: s for s in signatures}
    party_signatures = []
    for party in record.parties:
        signature = by_role[party.role]
        # The person who signs: a person itself, or the organisation's signatory.
        name = party.full_name if isinstance(party, PersonParty) else party.signatory.full_name
        party_signatures.append(
            PartySignature(
                role=party.role,
                full_name=name,
                identifier=party_identifier(party),
                signed_at=signature.signed_at,
                method=SIGNING_METHOD,  # the only method until CMS signatures (NCALayer)
                record_sha256=signature.record_sha256,
            )
        )
    envelope: SignedSettlement = sign_envelope(record, party_signatures, key, now)
    language = settlement.terms["document_language"]
    url = verification_url.format(code=envelope.verification_code)
    pdf = await asyncio.to_thread(produce_settlement_pdf, envelope, key, language, url)
    settlement.envelope = json.loads(canonical_json(envelope))
    settlement.verification_code = envelope.verification_code
    settlement.pdf = pdf
    settlement.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    settlement.akn_xml = akoma_ntoso(envelope, url).decode()
    settlement.status = "signed"
    settlement.signed_at = now
    settlement.updated_at = now
    case.status = "signed"
    case.updated_at = now


def role_required(role: str | None) -> str:
    if role not in ROLES:
        raise Forbidden("only the parties sign the settlement", code="role_not_allowed")
    return role
