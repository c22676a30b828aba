"""``SettlementRecord``: everything a court needs from a settlement, as validated data.

One field (or group) per item of the checklist in ``shared/legal/settlement-requirements.md``.
The record is the single source of the PDF text, the embedded JSON and the Akoma Ntoso XML, so
a rule enforced here holds in all three: every party once (2 to 10, in party order), IIN/BIN
check digits, exact dates, instalments that add up, statements all made, a court for court
procedures, obligations and costs naming only the record's parties.
Its parts in modules of their own: the parties (``record_parties.py``), the obligations
(``record_obligations.py``) and the forms its text takes (``record_texts.py``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from odr.cases.parties import in_party_order
from odr.documents.fields import Currency, Money, Rate, Sha256Hex, Strict, Text, UtcDatetime
from odr.documents.record_obligations import JOINT, Obligation
from odr.documents.record_parties import OrganisationParty, Party, PersonParty
from odr.documents.record_texts import (
    Language,
    LegalBasis,
    PerLanguage,
    StateFee,
    SubjectText,
    TermText,
)

SCHEMA_V1 = "https://kelisim.kz/schemas/settlement/1"
Kind = Literal[
    "mediation_agreement_out_of_court", "mediation_agreement_in_court", "amicable_settlement"
]
COURT_KINDS = ("mediation_agreement_in_court", "amicable_settlement")


class Court(Strict):
    court_id: Text
    name: Text
    case_number: Text | None = Field(description="null while the court has not numbered the case")


class CaseInfo(Strict):
    reference: Text = Field(description="the platform's case reference")
    category: Literal["civil", "family", "labour", "commercial", "consumer"]
    opened_at: UtcDatetime
    language: Language = Field(description="the language the case was filed in")


class Mediator(Strict):
    full_name: Text
    kind: Literal["professional", "public"]
    organisation: Text | None
    certificate_number: Text
    certificate_date: date
    mediation_contract_date: date


class ProcedureAttestation(Strict):
    """The platform's account of the procedure; with no live mediator it is the evidence of
    mediation a court (or the Singapore Convention) asks for."""

    platform: Text
    case_reference: Text
    started_at: UtcDatetime
    agreed_at: UtcDatetime
    event_log_sha256: Sha256Hex
    event_count: int = Field(ge=1)
    live_mediator: bool


class Subject(Strict):
    description: SubjectText
    claim_amount: Money | None
    currency: Currency
    legal_basis: LegalBasis


class AgreedTerm(Strict):
    issue: Text
    label: TermText
    value: TermText


class DefaultTerms(Strict):
    acceleration_after_days: int = Field(ge=1, le=365)
    penalty_percent_per_day: Rate | None
    enforcement_writ: Literal[True]


class Costs(Strict):
    allocation: Annotated[
        str, Field(pattern=r"^(each_own|split|claimant|respondent|party([3-9]|10))$")
    ] = Field(description="each_own, split (in equal shares) or the one party who bears them")
    state_fee_note: StateFee


class Statements(Strict):
    """Each party's declarations (checklist item 11); a record without all four is refused."""

    free_will: Literal[True]
    capacity: Literal[True]
    understanding: Literal[True]
    no_third_party_effect: Literal[True]


class SettlementRecord(Strict):
    """A settlement as agreed, schema version 1; the input of every document Kelisim issues."""

    schema_uri: Literal["https://kelisim.kz/schemas/settlement/1"] = Field(alias="schema")
    kind: Kind
    place: Text
    date: date
    court: Court | None
    case: CaseInfo
    languages: list[Language] = Field(min_length=1, max_length=3)
    prevailing_language: Language
    copies: int = Field(ge=1, le=20)
    parties: list[Party] = Field(min_length=2, max_length=10)
    mediator: Mediator | None
    procedure: ProcedureAttestation
    subject: Subject
    agreed_package: list[AgreedTerm]
    obligations: list[Obligation] = Field(min_length=1)
    default_terms: DefaultTerms
    costs: Costs
    waiver_of_remaining_claims: bool
    statements: Statements
    confidentiality: bool
    singapore_convention_opt_in: bool

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._check_court_and_mediator()
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages must not repeat")
        if self.prevailing_language not in self.languages:
            raise ValueError(f"prevailing_language {self.prevailing_language} is not in languages")
        self._check_parties()
        if [o.number for o in self.obligations] != list(range(1, len(self.obligations) + 1)):
            raise ValueError("obligations must be numbered 1, 2, 3… in order")
        for obligation in self.obligations:
            first = (obligation.instalments[0].due_date if obligation.instalments else None) or (
                obligation.due_date
            )
            if first < self.date:
                raise ValueError(f"obligation {obligation.number} falls due before {self.date}")
        self._check_every_language_written()
        if self.procedure.agreed_at < self.procedure.started_at:
            raise ValueError("procedure.agreed_at is before procedure.started_at")
        return self

    def _check_parties(self) -> None:
        """Each party once, in party order; obligations and costs name only these parties."""
        roles = [p.role for p in self.parties]
        if len(set(roles)) != len(roles) or in_party_order(roles) != roles:
            raise ValueError(
                "parties must be distinct and in party order: one claimant and one respondent, "
                "then party3 … party10"
            )
        if roles != ["claimant", "respondent"] and any(p.side is None for p in self.parties):
            raise ValueError("each party has its side (only a claimant and respondent need none)")
        for o in self.obligations:
            for name, role in (("debtor", o.debtor), ("creditor", o.creditor)):
                if role not in (None, JOINT) and role not in roles:
                    raise ValueError(f"obligation {o.number}: {name} {role} is not a party")
        allocation = self.costs.allocation
        if allocation not in ("each_own", "split") and allocation not in roles:
            raise ValueError(f"costs.allocation: {allocation} is not a party")

    def _check_every_language_written(self) -> None:
        """Text given per language must be given in each language of the document: a column
        left to borrow another language's words is what this form exists to prevent."""
        texts: list[tuple[str, object]] = [
            ("subject.description", self.subject.description),
            ("subject.legal_basis", self.subject.legal_basis),
        ]
        for o in self.obligations:
            texts += [
                (f"obligations.{o.number}.description", o.description),
                (f"obligations.{o.number}.method", o.method),
            ]
        texts.append(("costs.state_fee_note", self.costs.state_fee_note))
        for name, text in texts:
            if isinstance(text, PerLanguage) and text.missing(self.languages):
                raise ValueError(
                    f"{name} is not given in: {', '.join(text.missing(self.languages))}"
                )

    def _check_court_and_mediator(self) -> None:
        if self.kind in COURT_KINDS and self.court is None:
            raise ValueError(f"a {self.kind} needs the court")
        if self.kind not in COURT_KINDS and self.court is not None:
            raise ValueError("an out-of-court mediation agreement names no court")
        if self.procedure.live_mediator != (self.mediator is not None):
            raise ValueError(
                "procedure.live_mediator must be true exactly when a mediator is named"
            )

    def party(self, role: str) -> PersonParty | OrganisationParty:
        return next(p for p in self.parties if p.role == role)

    @property
    def total_payments(self) -> dict[str, Decimal]:
        """Total of every payment obligation per currency (for the schedule's total line)."""
        totals: dict[str, Decimal] = {}
        for o in self.obligations:
            if o.amount is not None:
                totals[o.currency] = totals.get(o.currency, Decimal(0)) + Decimal(o.amount)
        return totals
