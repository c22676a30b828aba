"""What a НУЦ РК certificate says about its holder, and whether it may sign for a party: pure.

A person's certificate names its holder by SERIALNUMBER "IIN" + 12 digits; an organisation's
adds OU "BIN" + 12 digits, its SERIALNUMBER still being the IIN of the person who signs for it.
НУЦ РК issues each holder two keys: a signing key (RSA_…: keyUsage nonRepudiation and
digitalSignature) and an authentication key (AUTH_…: digitalSignature and keyEncipherment,
extended key usage clientAuth). Only the first may sign a settlement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asn1crypto import x509

from odr.signing.reasons import EdsRefused, Reason

_IIN = re.compile(r"^IIN(\d{12})$")
_BIN = re.compile(r"^BIN(\d{12})$")
CLIENT_AUTH = "client_auth"


@dataclass(frozen=True)
class Holder:
    """The certificate's holder as the subject names it."""

    common_name: str
    surname: str | None
    given_name: str | None
    iin: str | None
    bin: str | None
    organisation: str | None
    subject: str
    issuer: str
    serial_number: str


@dataclass(frozen=True)
class Expected:
    """Who must sign, from the settlement record: a person's IIN, or an organisation's BIN
    (and its signatory's IIN where the record names one)."""

    iin: str | None = None
    bin: str | None = None
    signatory_iin: str | None = None


def _first(name: x509.Name, field: str) -> str | None:
    values = [v for k, v in name.native.items() if k == field]
    if not values:
        return None
    value = values[0]
    return str(value[0] if isinstance(value, list) else value)


def holder_of(certificate: x509.Certificate) -> Holder:
    subject = certificate.subject
    serial = _first(subject, "serial_number") or ""
    unit = subject.native.get("organizational_unit_name")
    units = unit if isinstance(unit, list) else [unit] if unit else []
    bins = [m.group(1) for u in units if (m := _BIN.match(str(u)))]
    iin = _IIN.match(serial)
    return Holder(
        common_name=_first(subject, "common_name") or "",
        surname=_first(subject, "surname"),
        given_name=_first(subject, "given_name"),
        iin=iin.group(1) if iin else None,
        bin=bins[0] if bins else None,
        organisation=_first(subject, "organization_name"),
        subject=subject.human_friendly,
        issuer=certificate.issuer.human_friendly,
        serial_number=format(certificate.serial_number, "x"),
    )


def check_key_usage(certificate: x509.Certificate) -> None:
    """A signing key: nonRepudiation (as НУЦ РК's signing certificates have) and not clientAuth."""
    usage = set(certificate.key_usage_value.native) if certificate.key_usage_value else set()
    extended = (
        set(certificate.extended_key_usage_value.native)
        if certificate.extended_key_usage_value
        else set()
    )
    if "non_repudiation" in usage:
        return
    if CLIENT_AUTH in extended or "key_encipherment" in usage:
        raise EdsRefused(Reason.AUTHENTICATION_KEY)
    raise EdsRefused(Reason.NOT_FOR_SIGNING, ",".join(sorted(usage)))


def check_identity(holder: Holder, expected: Expected) -> None:
    """The holder is the party: the same IIN for a person; for an organisation the same BIN,
    and the same signatory IIN when the record names one (records made before it was asked for
    name none; ``settlement_flow`` refuses to sign those with EDS before any certificate).
    ``Expected()`` (neither: a mediator, whose IIN is not on record) compares nothing; the
    holder is recorded."""
    if expected.iin is None and expected.bin is None:
        return
    if expected.bin is not None:
        if holder.bin is None:
            raise EdsRefused(Reason.PERSON_FOR_ORGANISATION)
        if holder.bin != expected.bin:
            raise EdsRefused(Reason.WRONG_BIN)
        if expected.signatory_iin is not None and holder.iin != expected.signatory_iin:
            raise EdsRefused(Reason.WRONG_SIGNATORY_IIN)
        return
    if holder.iin is None or holder.iin != expected.iin:
        raise EdsRefused(Reason.WRONG_IIN)
