"""The exact record the parties sign, assembled from the case, its agreement and the terms.

Pure assembly over what the database holds: the agreement event and the negotiation log's digest,
the parties' details, the shared terms, the mediator who attested. ``odr.documents.record``
validates the result. Its parts in modules of their own: the agreement and the log's digest
(``agreement.py``), what is still missing (``completeness.py``), the obligations and the check
of them before the terms are stored (``obligation_entries.py``), the agreed package as printed
(``agreed_terms.py``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre import mediator_attestation
from odr.documents.record import COURT_KINDS, SCHEMA_V1, SettlementRecord
from odr.errors import ValidationFailed
from odr.persistence.models import Case, Court, Settlement
from odr.settlement.agreed_terms import agreed_term
from odr.settlement.agreement import agreement_of, local_date, negotiation_digest
from odr.settlement.completeness import missing_items
from odr.settlement.obligation_entries import money_or_none, obligation_entry, problems_of
from odr.settlement.parties import settlement_roles, sides

PLATFORM = "Kelisim"


def _party_entry(role: str, details: dict[str, Any], side: str | None) -> dict[str, Any]:
    """A party as the record names it; ``side`` only in a record that needs it (not in a
    claimant and respondent's, which read and hash as they always did)."""
    entry: dict[str, Any] = {"role": role, "kind": details["kind"], "address": details["address"]}
    if side is not None:
        entry["side"] = side
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


def _rate(value: Any) -> str | None:
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


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
    roles = settlement_roles(case, settlement)
    if missing_items(settlement, roles):
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
    obligations = [
        obligation_entry(n, o, case.currency) for n, o in enumerate(terms["obligations"], 1)
    ]
    in_court = terms["kind"] in COURT_KINDS
    names = {role: terms["parties"][role]["full_name"] for role in roles}
    two_sided = roles == ["claimant", "respondent"]
    side_of = sides(case)
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
        "copies": len(roles) + (1 if court else 0),
        "parties": [
            _party_entry(role, terms["parties"][role], None if two_sided else side_of[role])
            for role in roles
        ],
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
            "description": terms.get("subject_description") or case.subject,
            "claim_amount": money_or_none(case.claim_amount),
            "currency": case.currency,
            "legal_basis": terms["legal_basis"],
        },
        "agreed_package": [
            agreed_term(case, name, value, names, languages)
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
        problems = problems_of(exc)
        raise ValidationFailed(
            "the settlement terms are not complete or not consistent: "
            + "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5]),
            fields=problems,
            code="record_invalid",
        ) from None
