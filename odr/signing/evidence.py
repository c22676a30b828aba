"""What is kept of an accepted EDS signature, as JSON beside the signature's row: the CMS and
the certificate (so anyone can check them again later), whom the certificate names, and the
revocation answer with its time, as the law on electronic documents asks a court to see."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from asn1crypto import x509

from odr.signing.validation import Verified

EDS_METHOD = "eds-cms"
"""``settlement_signatures.method`` of a signature made with NCALayer (the password's is
``password-reauthentication``: a simple electronic signature)."""


def evidence_of(verified: Verified, now: datetime) -> dict[str, Any]:
    certificate = x509.Certificate.load(verified.certificate_der)
    validity = certificate["tbs_certificate"]["validity"]
    holder = verified.holder
    revocation = verified.revocation
    return {
        "format": "cms-detached",
        "cms": base64.b64encode(verified.cms_der).decode(),
        "certificate": base64.b64encode(verified.certificate_der).decode(),
        "signer": {
            "common_name": holder.common_name,
            "surname": holder.surname,
            "given_name": holder.given_name,
            "iin": holder.iin,
            "bin": holder.bin,
            "organisation": holder.organisation,
            "subject": holder.subject,
            "issuer": holder.issuer,
            "serial_number": holder.serial_number,
            "not_before": validity["not_before"].native.isoformat(),
            "not_after": validity["not_after"].native.isoformat(),
        },
        "signing_time": verified.signing_time.isoformat() if verified.signing_time else None,
        "revocation": {
            "method": revocation.method,
            "status": revocation.status,
            "checked_at": revocation.checked_at.isoformat(),
        },
        "validated_at": now.isoformat(),
    }
