"""Who signed a settlement PDF: each party's PAdES signature matched to the record's party.

A signature made with the platform's own seal certificate is a simple electronic signature the
platform recorded; any other is the signer's EDS, whose certificate must name the party's IIN,
its representative's IIN or its BIN (an organisation's also its signatory's IIN).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from odr.documents.envelope import SignedSettlement
from odr.documents.pades_document import EDS_METHOD, SIMPLE_METHOD, field_for
from odr.documents.pdf_signatures import SignatureReport
from odr.documents.reasons import Reason
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import PersonParty, party_identifier
from odr.documents.signatories import recorded_signatory_iin, signatory_matches


@dataclass(frozen=True)
class Signer:
    role: str
    full_name: str
    identifier: str
    signed_at: datetime
    method: str
    issuer: str | None = None  # the certificate's issuer, for a signature in the PDF
    signatory_iin: str | None = None
    """For an organisation signed by its signatory: the signatory's IIN (the EDS certificate's
    SERIALNUMBER, else the record's); ``identifier`` is then the BIN."""


def party_signers(
    signed: SignedSettlement, reports: Sequence[SignatureReport], seal: SignatureReport
) -> tuple[list[Signer], list[Reason]]:
    """Each party's signature in its field ``kelisim-<role>``: who it names and whether it is
    valid, and every reason the parties did not all sign validly.

    A signature made with the platform's own seal certificate is a simple electronic signature
    the platform recorded (``/Name``, ``/ContactInfo``); any other is the signer's EDS, whose
    certificate must name the party's IIN, its representative's IIN or its BIN.
    """
    record = signed.record
    roles = [p.role for p in record.parties] + (["mediator"] if record.mediator else [])
    by_field = {r.field_name: r for r in reports}
    signers: list[Signer] = []
    problems: list[Reason] = []
    for role in roles:
        report = by_field.get(field_for(role))
        if report is None:
            if role != "mediator":
                problems.append(Reason.of("signer_mismatch", f"no signature of the {role}"))
            continue
        attested = report.certificate_sha256 == seal.certificate_sha256
        if attested:
            name, identifier = report.name or "", report.contact_info or ""
            eds = (report.reason or "").startswith("EDS of")
            method = "eds-cms" if eds else SIMPLE_METHOD
            signatory_iin = recorded_signatory_iin(record, role, identifier, name)
        else:
            # An organisation's certificate names the organisation (BIN) and the employee who
            # holds it (IIN): the BIN is the party, the IIN its signatory.
            name = report.signer or ""
            identifier = report.bin or report.iin or ""
            method = EDS_METHOD
            signatory_iin = report.iin if report.bin else None
        if report.signed_at is None:
            problems.append(Reason.of("party_signature_invalid", f"{role}: no signing time"))
            continue
        signers.append(
            Signer(
                role,
                name,
                identifier,
                report.signed_at,
                method,
                issuer=report.issuer,
                signatory_iin=signatory_iin,
            )
        )
        if report.problems:
            detail = f"{role}: {', '.join(report.problems)}"
            problems.append(Reason.of("party_signature_invalid", detail))
        if identifier not in _identifiers(record, role) or (
            attested and not _named(record, role, name)
        ):
            detail = f"{name} ({identifier or 'no IIN or BIN'}) cannot sign as {role}"
            problems.append(Reason.of("signer_mismatch", detail))
        elif not attested and report.bin and not signatory_matches(record, role, report.iin):
            detail = f"{name}: the certificate's IIN is not the {role}'s signatory's IIN"
            problems.append(Reason.of("signer_mismatch", detail))
    return signers, problems


def _identifiers(record: SettlementRecord, role: str) -> set[str]:
    if role == "mediator":
        return {record.mediator.certificate_number} if record.mediator else set()
    party = record.party(role)
    found = {party.iin if isinstance(party, PersonParty) else party_identifier(party)}
    if party.representative is not None:
        found.add(party.representative.iin)
    return found


def _named(record: SettlementRecord, role: str, name: str) -> bool:
    if role == "mediator":
        return record.mediator is not None and record.mediator.full_name == name
    party = record.party(role)
    names = {party.full_name if isinstance(party, PersonParty) else party.signatory.full_name}
    if party.representative is not None:
        names.add(party.representative.full_name)
    return name in names
