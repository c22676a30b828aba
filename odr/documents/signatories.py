"""Who signed for an organisation, as verification reports it: pure.

An organisation signs through the signatory its record names. With EDS the certificate names
both the organisation (OU=BIN…) and the employee who holds it (SERIALNUMBER=IIN…); the record
names the signatory's IIN since #14 asked for it (older records do not), so verification can
say whose signature it is and refuse another employee's.
"""

from __future__ import annotations

from odr.documents.record import SettlementRecord
from odr.documents.record_parties import PersonParty


def signatory_matches(record: SettlementRecord, role: str, iin: str | None) -> bool:
    """An organisation's certificate is its recorded signatory's (a record made before the
    signatory's IIN was asked for names none: the BIN alone is compared, as then). A role
    that is no party's (the mediator's) has no signatory to compare."""
    party = next((p for p in record.parties if p.role == role), None)
    if party is None or isinstance(party, PersonParty) or party.signatory.iin is None:
        return True
    return iin == party.signatory.iin


def recorded_signatory_iin(
    record: SettlementRecord, role: str, identifier: str, name: str
) -> str | None:
    """The record's signatory IIN when the organisation ``role`` signed through its signatory
    (``identifier`` its BIN, ``name`` the signatory's), else None."""
    party = next((p for p in record.parties if p.role == role), None)
    if party is None or isinstance(party, PersonParty) or identifier != party.bin:
        return None
    return party.signatory.iin if name == party.signatory.full_name else None
