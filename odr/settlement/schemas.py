"""Request and response bodies of the settlement API (terms, identities, signing, verification).

The terms' text fields are in ``text_schemas.py``, their obligations in ``obligation_schemas.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from odr.auth.schemas import Password
from odr.documents.identifiers import invalid_reason
from odr.settlement.obligation_schemas import ObligationIn
from odr.settlement.text_schemas import LegalBasisIn, StateFeeIn, SubjectIn
from odr.web import boundary
from odr.web.schema import IdOf, Line, RequestModel, ResponseModel

Text200 = Annotated[str, Line(200)]
"""The terms are stored as JSON and printed in the PDF and Akoma Ntoso XML: one line, no control
characters (XML cannot hold them), lengths ours."""
DocumentLanguage = Literal["kk", "ru", "en", "kk+ru"]


def _checked(kind: Literal["iin", "bin"], value: str) -> str:
    problem = invalid_reason(value, kind)
    if problem:
        raise PydanticCustomError(f"{kind}_invalid", problem)
    return value


class PowerOfAttorneyIn(RequestModel):
    number: Text200
    date: date
    issued_by: Text200
    settlement_authority: Literal[True] = Field(
        description="The power of attorney expressly allows settling (CPC Art. 176)."
    )


class RepresentativeIn(RequestModel):
    full_name: Text200
    iin: str = Field(max_length=12, description="12-digit IIN, checksum-validated.")
    power_of_attorney: PowerOfAttorneyIn

    @field_validator("iin")
    @classmethod
    def _iin(cls, value: str) -> str:
        return _checked("iin", value)


class SignatoryIn(RequestModel):
    """Who signs for the organisation. Their IIN is asked here, beside the BIN: an organisation's
    EDS certificate names both, and signing checks both against the record."""

    full_name: Text200
    position: Text200
    authority: Text200 = Field(examples=["charter", "power of attorney No. 12 of 2026-01-10"])
    iin: str = Field(
        max_length=12, description="The signatory's own 12-digit IIN, checksum-validated."
    )

    @field_validator("iin")
    @classmethod
    def _iin(cls, value: str) -> str:
        return _checked("iin", value)


class PartyDetailsIn(RequestModel):
    """Who I am, as the settlement must name me: a person (IIN) or an organisation (BIN)."""

    kind: Literal["person", "organisation"]
    full_name: Text200 = Field(description="A person's full name, or the organisation's name.")
    iin: str | None = Field(default=None, max_length=12, description="A person's 12-digit IIN.")
    bin: str | None = Field(
        default=None, max_length=12, description="An organisation's 12-digit BIN."
    )
    legal_form: Annotated[str, Line(100)] | None = Field(default=None, examples=["ТОО", "АО"])
    address: Annotated[str, Line(300, min_length=5)]
    signatory: SignatoryIn | None = None
    representative: RepresentativeIn | None = None

    # The checksums are field validators so a refusal names the field (``iin`` or ``bin``)
    # and the form can show it next to the box; which number a kind needs is checked below.
    @field_validator("iin")
    @classmethod
    def _iin(cls, value: str | None) -> str | None:
        return None if value is None else _checked("iin", value)

    @field_validator("bin")
    @classmethod
    def _bin(cls, value: str | None) -> str | None:
        return None if value is None else _checked("bin", value)

    @model_validator(mode="after")
    def _identity(self) -> Self:
        if self.kind == "person":
            if self.iin is None or self.bin is not None or self.signatory is not None:
                raise ValueError("a person gives an IIN (and no BIN or signatory)")
        else:
            if self.bin is None or self.iin is not None:
                raise ValueError("an organisation gives a BIN (and no IIN)")
            if self.legal_form is None or self.signatory is None:
                raise ValueError("an organisation gives its legal form and who signs for it")
        return self


class DefaultTermsIn(RequestModel):
    acceleration_after_days: int = Field(ge=1, le=365)
    penalty_percent_per_day: Decimal | None = Field(
        default=None, ge=0, le=Decimal("1"), decimal_places=3
    )


class CostsIn(RequestModel):
    allocation: Annotated[
        str,
        Field(pattern=r"^(each_own|split|claimant|respondent|party([3-9]|10))$", max_length=16),
    ] = Field(
        description="each_own: each party its own; split: all parties in equal shares; or the "
        "key of the one party who bears them all."
    )
    state_fee_note: StateFeeIn


class SettlementTermsIn(RequestModel):
    """The shared terms: any party may edit them; any change voids signatures given so far."""

    version: int = Field(ge=1, description="The version being edited (optimistic locking).")
    place: Annotated[str, Line(100, min_length=2)] = Field(examples=["Астана"])
    kind: Literal[
        "mediation_agreement_out_of_court", "mediation_agreement_in_court", "amicable_settlement"
    ]
    court_code: Annotated[str, IdOf(boundary.COURT_CODE)] | None = None
    court_case_number: Annotated[str, Line(100)] | None = None
    legal_basis: LegalBasisIn
    subject_description: SubjectIn | None = Field(
        default=None,
        description="The subject of the dispute as the document states it; null: the case's "
        "subject as filed. A kk+ru document needs it in both languages.",
    )
    document_language: DocumentLanguage
    obligations: list[ObligationIn] = Field(min_length=1, max_length=50)
    default_terms: DefaultTermsIn
    costs: CostsIn
    waiver_of_remaining_claims: bool
    confidentiality: bool
    singapore_convention_opt_in: bool

    @model_validator(mode="after")
    def _court(self) -> Self:
        if self.kind != "mediation_agreement_out_of_court" and self.court_code is None:
            raise ValueError("an in-court settlement names the court (court_code)")
        if self.court_case_number is not None and self.court_code is None:
            raise ValueError("a court case number needs the court (court_code)")
        return self


class SignIn(RequestModel):
    password: Password  # exactly as typed: never trimmed
    record_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        max_length=64,
        description="The hash of the record I reviewed.",
    )


class SignatureOut(ResponseModel):
    role: str
    full_name: str
    signed_at: datetime
    method: str


class SettlementPartyOut(ResponseModel):
    """One party to the settlement as its page lists them (a debtor or creditor to choose, a
    signature awaited): never its details until it gives them (``parties``)."""

    role: str = Field(description="The party's key: claimant, respondent, party3 … party10.")
    side: Literal["claimant", "respondent", "own"]
    display_name: str = Field(description="The party's name as the case shows it.")
    signed: bool = Field(description="It signed the current record (``record_sha256``).")


class SettlementOut(ResponseModel):
    id: str
    status: Literal["drafting", "signing", "signed", "filed"]
    version: int
    terms: dict[str, Any]
    parties: dict[str, dict[str, Any] | None] = Field(
        description="Each party's details as it entered them (null until it has), by key."
    )
    party_list: list[SettlementPartyOut] = Field(
        description="The settlement's parties in party order: every party still taking part "
        "when it was drafted (one who withdrew before the agreement is not a party to it)."
    )
    awaiting: list[str] = Field(
        description="The keys of the parties whose signature of the current record is still "
        "awaited, in party order (empty once sealed, or while there is no record to sign)."
    )
    missing: list[str] = Field(description="What must still be filled in before signing.")
    problems: list[dict[str, str]] = Field(
        description="Why the terms cannot become a record yet (field and message)."
    )
    record: dict[str, Any] | None = Field(
        description="The exact record to be signed, once complete."
    )
    record_sha256: str | None
    signatures: list[SignatureOut]
    verification_code: str | None
    pdf_sha256: str | None
    court: dict[str, Any] | None
    filed: dict[str, Any] | None


class VerificationOut(ResponseModel):
    valid: bool
    reasons: list[dict[str, str]]
    verification_code: str | None
    signers: list[dict[str, Any]]
    pdf_sha256: str | None
    record_sha256: str | None
    case_reference: str | None
    signed_at: datetime | None
    signatures: list[dict[str, Any]] = Field(default_factory=list)
    """Every PDF signature (a document signed as a PDF, #14): field, kind, signer, IIN/BIN,
    issuer, time, valid and the problems found (docs/api.md, Verification)."""
    document: Literal["settlement", "writ_application"] = Field(
        default="settlement",
        description="What was verified: a settlement, or a creditor's writ application (#18), "
        "whose verification_code is the code of the settlement it enforces.",
    )
