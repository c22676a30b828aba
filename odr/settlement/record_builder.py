"""The exact record the parties sign, assembled from the case, its agreement and the terms.

Pure assembly over what the database holds: the agreement event and the negotiation log's digest,
the parties' details, the shared terms, the mediator who attested. ``odr.documents.record``
validates the result; ``check_obligations`` runs the same rules on terms before they are stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.parties import in_party_order
from odr.centre import mediator_attestation
from odr.documents.fields import money
from odr.documents.record import COURT_KINDS, SCHEMA_V1, SettlementRecord
from odr.documents.record_obligations import Obligation
from odr.errors import ValidationFailed
from odr.persistence.models import (
    Case,
    CaseEvent,
    Court,
    Settlement,
)
from odr.settlement.parties import settlement_roles, sides

KAZAKHSTAN = ZoneInfo("Asia/Almaty")


PLATFORM = "Kelisim"


@dataclass(frozen=True)
class Agreement:
    version: int
    package: dict[str, str]
    seq: int
    at: datetime


async def agreement_of(db: AsyncSession, case_id: str) -> Agreement | None:
    """The agreement the settlement is about: the room's ``agreement``, or the improvement both
    parties adopted in its place (``improvement_adopted``, odr/negotiating/improvement.py)."""
    row = await db.scalar(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case_id,
            CaseEvent.type.in_(("agreement", "improvement_adopted", "bidding_settled")),
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
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


def missing_items(settlement: Settlement, roles: Sequence[str] | None = None) -> list[str]:
    """What must still be filled in: each party's details (``roles``: the settlement's parties,
    ``odr.settlement.parties.settlement_roles``; by default every party its draft names), the
    place, the doers left open, the texts of a bilingual document given in one language."""
    terms = settlement.terms
    if roles is None:
        roles = in_party_order(terms["parties"])
    missing = [f"parties.{role}" for role in roles if not terms["parties"].get(role)]
    if not terms.get("place"):
        missing.append("place")
    return missing + undecided_doers(terms) + untranslated(terms)


def undecided_doers(terms: dict[str, Any]) -> list[str]:
    """The actions whose doer the parties have not chosen yet (``obligations.N.debtor``): the
    draft leaves it open (``odr.settlement.drafting``), and no record names nobody."""
    return [
        f"obligations.{n}.debtor"
        for n, o in enumerate(terms.get("obligations", []), 1)
        if o.get("debtor") is None
    ]


def _written_in(value: Any, languages: list[str]) -> bool:
    """A coded choice is worded by the document itself; a party's own text must be there for
    each language of the document (one text serves a one-language document)."""
    if isinstance(value, dict):
        return "code" in value or all(value.get(code) for code in languages)
    return len(languages) == 1


def untranslated(terms: dict[str, Any]) -> list[str]:
    """The texts of a bilingual settlement a party wrote in one language only: each must be given
    in Kazakh and in Russian (or replaced by a coded choice) before the document can be made,
    or the Russian column would print Kazakh words and the other way round."""
    language = terms.get("document_language", "ru")
    languages = language.split("+")
    fields = [
        ("subject_description", terms.get("subject_description") or "as filed"),
        ("legal_basis", terms.get("legal_basis")),
    ]
    for n, o in enumerate(terms.get("obligations", []), 1):
        fields += [(f"obligations.{n}.description", o.get("description"))]
        fields += [(f"obligations.{n}.method", o.get("method"))]
    fields.append(("costs.state_fee_note", terms.get("costs", {}).get("state_fee_note")))
    return [f"texts.{name}" for name, value in fields if not _written_in(value, languages)]


def check_obligations(obligations: list[dict[str, Any]], currency: str) -> None:
    """Refuse, before storing, obligations the record would refuse (vague words and the like);
    whether they name parties of this settlement is ``odr.settlement.parties``' to say."""
    problems = []
    for n, o in enumerate(obligations, 1):
        entry = _obligation(n, o, currency)
        if entry["debtor"] is None:
            # Not chosen yet (listed as missing): the other fields are checked as for a doer who
            # fits them (one party when there is an amount or a creditor, else all together),
            # as they do not depend on which party it is.
            creditor = entry["creditor"]
            if creditor is not None:
                entry["debtor"] = "respondent" if creditor == "claimant" else "claimant"
            elif entry["amount"] is not None or entry["instalments"]:
                entry["debtor"], entry["creditor"] = ("claimant", "respondent")
            else:
                entry["debtor"] = "both"
        try:
            Obligation.model_validate_json(json.dumps(entry, default=str))
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
        # A text field's form (``[text]``, ``[code]``, ``[texts]``) is no part of its name.
        path = ".".join(str(p) for p in e["loc"] if not str(p).startswith("["))
        field = f"{prefix}.{path}" if prefix and path else (prefix or path or "record")
        message = str(e["msg"]).removeprefix("Value error, ")
        out.append({"field": field, "message": message, "code": str(e["type"])})
    return out


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


def _money(value: Any) -> str | None:
    return None if value is None else money(value)


def _rate(value: Any) -> str | None:
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


def _obligation(number: int, o: dict[str, Any], currency: str) -> dict[str, Any]:
    return {
        "number": number,
        "debtor": o.get("debtor"),
        "creditor": o.get("creditor"),
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


def _in_languages(typed: str, given: Any, languages: list[str]) -> str | dict[str, str]:
    """A label or option in each language of the document when the case has it in every one
    (the claimant's ``labels``, ``option_labels``), so each column prints its own; else as
    typed."""
    if isinstance(given, dict) and all(given.get(code) for code in languages):
        return {code: str(given[code]) for code in languages}
    return typed


def _term(
    case: Case, name: str, value: object, names: dict[str, str], languages: list[str]
) -> dict[str, Any]:
    issue = next((i for i in case.issues if i["name"] == name), {})
    options = issue.get("options") or []
    at = options.index(value) if "item" not in issue and value in options else None
    option_labels = issue.get("option_labels") or []
    return {
        "issue": name,
        "label": _in_languages(_issue_label(case, name), issue.get("labels"), languages),
        "value": _in_languages(
            _issue_value(case, name, value, names),
            option_labels[at] if at is not None and at < len(option_labels) else None,
            languages,
        ),
    }


def _issue_value(case: Case, name: str, value: object, names: dict[str, str]) -> str:
    """An agreed value as a reader expects it: ``390 000 KZT``, ``707 023.02 KZT``, ``60 дней``,
    the option text, or, for an item of a fair division, the name of the party receiving it.

    The unit is the one the case's issue was defined with (in the case's language, like the
    label), and a party is named, not given a role word, so the same text serves every language
    of the document.
    """
    text = str(value)
    issue = next((i for i in case.issues if i["name"] == name), None)
    if issue is not None and "item" in issue and text in names:
        return names[text]
    unit = ((issue or {}).get("range") or {}).get("unit")
    if not unit:
        return text
    try:
        whole, _, fraction = text.partition(".")
        grouped = f"{int(whole):,}".replace(",", "\u00a0")
        Decimal(text)  # the whole text is a number (not "1.2.3")
    except (ArithmeticError, ValueError):  # not a number, or NaN / infinity
        return text
    return f"{grouped}.{fraction}\u00a0{unit}" if fraction else f"{grouped}\u00a0{unit}"


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
    obligations = [_obligation(n, o, case.currency) for n, o in enumerate(terms["obligations"], 1)]
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
            "claim_amount": _money(case.claim_amount),
            "currency": case.currency,
            "legal_basis": terms["legal_basis"],
        },
        "agreed_package": [
            _term(case, name, value, names, languages) for name, value in agreement.package.items()
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
