"""Bodies of the EDS signing API (``odr.signing.routes``)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from odr.web.schema import RequestModel, ResponseModel


class SigningMethodsOut(ResponseModel):
    eds: bool = Field(description="Parties may sign with EDS through NCALayer (the default).")
    simple: bool = Field(
        description="Parties may sign by re-entering their password (a simple electronic "
        "signature): as the case's centre permits; by default only while EDS is off."
    )
    ncalayer_url: str = Field(description="Where the browser reaches NCALayer.")


class EdsPreparedOut(ResponseModel):
    token: str = Field(description="Send it back with the signature; valid until expires_at.")
    digest: str = Field(
        description="Base64 of the SHA-256 to sign: NCALayer basics.sign with format cms, "
        "signingParams {decode: true, encapsulate: false, digested: true}."
    )
    digest_algorithm: str = "sha256"
    record_sha256: str = Field(description="The record's hash, hex: the same digest.")
    expires_at: datetime


class EdsSignIn(RequestModel):
    token: str = Field(min_length=16, max_length=2000, pattern=r"^[A-Za-z0-9_-]+$")
    cms: str = Field(
        min_length=16,
        max_length=100_000,
        pattern=r"^[A-Za-z0-9+/=\s]+$",
        description="NCALayer's answer: a detached CMS SignedData, base64.",
    )


class AttestPrepareIn(RequestModel):
    mediation_contract_date: date


class AttestationPreparedOut(ResponseModel):
    token: str
    digest: str = Field(description="Base64 of the SHA-256 of the attestation statement.")
    digest_algorithm: str = "sha256"
    expires_at: datetime


class AttestEdsIn(RequestModel):
    mediation_contract_date: date
    token: str = Field(min_length=16, max_length=2000, pattern=r"^[A-Za-z0-9_-]+$")
    cms: str = Field(min_length=16, max_length=100_000, pattern=r"^[A-Za-z0-9+/=\s]+$")


class EdsSignerOut(ResponseModel):
    common_name: str
    iin: str | None
    issuer: str
    serial_number: str


class AttestedOut(ResponseModel):
    attested: bool
    signer: EdsSignerOut
    revocation_method: str = Field(description="ocsp, crl or none")
    revocation_status: str = Field(description="good, or unknown when nothing answered")


class SignatureRulesIn(RequestModel):
    simple_signature: bool | None = Field(
        description="May the centre's parties sign by re-entering their password (a simple "
        "electronic signature)? null: only while EDS is off on this service."
    )


class SignatureRulesOut(ResponseModel):
    simple_signature: bool | None
    eds: bool = Field(description="EDS through NCALayer is available on this service.")
    simple: bool = Field(description="What applies now to the centre's cases.")
