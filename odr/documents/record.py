"""``SettlementRecord``: everything a court needs from a settlement, as validated data.

One field (or group) per item of the checklist in ``shared/legal/settlement-requirements.md``.
The record is the single source of the PDF text, the embedded JSON and the Akoma Ntoso XML, so
a rule enforced here holds in all three: every party once (2 to 10, in party order), IIN/BIN
check digits, exact dates, instalments that add up, statements all made, a court for court
procedures, obligations and costs naming only the record's parties.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from odr.cases.parties import ROLE_PATTERN, in_party_order
from odr.documents.fields import (
    Bin,
    Currency,
    DefiniteText,
    Email,
    Iin,
    LongText,
    Money,
    Rate,
    Sha256Hex,
    Text,
    UtcDatetime,
)

SCHEMA_V1 = "https://kelisim.kz/schemas/settlement/1"
Language = Literal["kk", "ru", "en"]
Role = Annotated[str, Field(pattern=ROLE_PATTERN, max_length=16)]
"""A party's key in its case (``odr.cases.parties``): claimant, respondent, party3 … party10."""
JOINT = "both"
"""An obligation's debtor for an action every party of the settlement performs together. The
word dates from two-party settlements and keeps its meaning with more parties ("all of them"),
so older records read as they did; an action of some parties only is one obligation per doer."""
Kind = Literal[
    "mediation_agreement_out_of_court", "mediation_agreement_in_court", "amicable_settlement"
]
COURT_KINDS = ("mediation_agreement_in_court", "amicable_settlement")


class Strict(BaseModel):
    """Strict types, unknown fields refused, immutable: a record is evidence, not a form."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)


class PerLanguage(Strict):
    """Text a party wrote once for each language of the document ("ru" for the Russian column,
    "kk" for the Kazakh one), so that no column prints the other language's words."""

    kk: DefiniteText | None = None
    ru: DefiniteText | None = None
    en: DefiniteText | None = None

    def missing(self, languages: list[Language]) -> list[Language]:
        return [code for code in languages if getattr(self, code) is None]


LegalBasisCode = Literal[
    "civil_code", "consumer_protection_law", "labour_code", "marriage_family_code"
]
MethodCode = Literal["bank_transfer", "cash", "handover_record", "as_described"]
StateFeeCode = Literal["refund_by_law", "not_paid", "stays_with_payer"]


class LegalBasisChoice(Strict):
    """A law from the known list, worded by the platform in each language (``wording.py``)."""

    code: LegalBasisCode


class MethodChoice(Strict):
    """A way of performing from the known list, worded by the platform in each language."""

    code: MethodCode


class StateFeeChoice(Strict):
    """What becomes of the state fee, from the known list, worded by the platform."""

    code: StateFeeCode


def form_of(value: Any) -> str:
    """Which form a text field takes: ``[code]`` (a choice), ``[texts]`` (one text per language)
    or ``[text]`` (one text). Only that form is checked, so a refusal names one problem at the
    field itself; the brackets keep the tag out of a refusal's field path."""
    if isinstance(value, dict):
        return "[code]" if "code" in value else "[texts]"
    if isinstance(value, BaseModel):
        return "[code]" if "code" in type(value).model_fields else "[texts]"
    return "[text]"


# A field a party may fill in three ways: a coded choice the platform words in each language; its
# own text once per document language; or one text (older records, and one-language documents),
# printed as typed in every language.
LegalBasis = Annotated[
    Annotated[LongText, Tag("[text]")]
    | Annotated[LegalBasisChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
Method = Annotated[
    Annotated[DefiniteText, Tag("[text]")]
    | Annotated[MethodChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
StateFee = Annotated[
    Annotated[LongText, Tag("[text]")]
    | Annotated[StateFeeChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
Description = Annotated[
    Annotated[DefiniteText, Tag("[text]")] | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
SubjectText = Annotated[
    Annotated[LongText, Tag("[text]")] | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]


class Court(Strict):
    court_id: Text
    name: Text
    case_number: Text | None = Field(description="null while the court has not numbered the case")


class CaseInfo(Strict):
    reference: Text = Field(description="the platform's case reference")
    category: Literal["civil", "family", "labour", "commercial", "consumer"]
    opened_at: UtcDatetime
    language: Language = Field(description="the language the case was filed in")


class Signatory(Strict):
    """Who signs for an organisation and on what authority (charter, power of attorney…)."""

    full_name: Text
    position: Text
    authority: Text
    # The signatory's own IIN: an organisation's EDS certificate names the organisation (OU=BIN…)
    # and the employee who holds it (SERIALNUMBER=IIN…), so the record names both for the
    # signature to be checked as this person's. Records made before it was asked for have none:
    # it is left out of their JSON (not null), so their hashes, and signatures, stay as they were.
    iin: Iin | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="the signatory's IIN (absent in records made before it was asked for)",
    )


class PowerOfAttorney(Strict):
    number: Text
    date: date
    issued_by: Text
    settlement_authority: Literal[True] = Field(
        description="the power of attorney expressly allows settling (CPC Art. 176)"
    )


class Representative(Strict):
    full_name: Text
    iin: Iin
    power_of_attorney: PowerOfAttorney


# A party's side (``odr.cases.parties.Side``) is recorded in a settlement of three or more
# parties, where it says how the document groups them; a two-party record has none (its roles
# are its sides), so its JSON, hash and signatures stay as they were.
Side = Literal["claimant", "respondent", "own"]


def _absent(value: object) -> bool:
    return value is None


class PersonParty(Strict):
    role: Role
    side: Side | None = Field(default=None, exclude_if=_absent)
    kind: Literal["person"]
    full_name: Text
    iin: Iin
    address: Text
    email: Email
    representative: Representative | None = None


class OrganisationParty(Strict):
    role: Role
    side: Side | None = Field(default=None, exclude_if=_absent)
    kind: Literal["organisation"]
    legal_form: Text = Field(description="e.g. ТОО / ЖШС, АО / АҚ")
    name: Text
    bin: Bin
    address: Text
    signatory: Signatory
    email: Email
    representative: Representative | None = None


Party = Annotated[PersonParty | OrganisationParty, Field(discriminator="kind")]


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


class TermTexts(Strict):
    """An agreed issue's label or option as the claimant gave it in each readers' language
    (the case's issue ``labels``, ``option_labels``): each column prints its own."""

    kk: Text | None = None
    ru: Text | None = None
    en: Text | None = None


# One text as typed (printed in every column), or one per language of the document.
TermText = Annotated[
    Annotated[Text, Tag("[text]")] | Annotated[TermTexts, Tag("[texts]")],
    Discriminator(form_of),
]


class AgreedTerm(Strict):
    issue: Text
    label: TermText
    value: TermText


class Instalment(Strict):
    number: int = Field(ge=1)
    due_date: date
    amount: Money


Doer = Annotated[str, Field(pattern=r"^(both|claimant|respondent|party([3-9]|10))$")]
"""One party's key, or ``JOINT`` ("both"): every party of the settlement together."""


class Obligation(Strict):
    """One numbered obligation: who performs (``debtor``), for whom (``creditor``), what, by when.

    A payment or a transfer goes from one party to another. An action may also be joint:
    ``debtor`` "both" means every party of the settlement performs it together ("sell the flat
    and split the money"; with more than two parties still "both", meaning all of them, see
    ``JOINT``), and its ``creditor`` is null, because no party is owed it by another alone:
    each may require the others to do their part. The record checks that debtor and creditor
    are among its parties. A joint action has no amount and no schedule (who
    would pay whom?). Records made before joint actions existed are all one party's obligations,
    so they read and verify as they were (the fields and their names did not change).
    """

    number: int = Field(ge=1)
    debtor: Doer = Field(description='"both": a joint action of the parties (creditor null)')
    creditor: Role | None = Field(description="null exactly for a joint action (debtor both)")
    kind: Literal["payment", "action", "transfer"]
    description: Description
    amount: Money | None
    currency: Currency
    method: Method
    account: Text | None
    due_date: date = Field(description="the last day for performance; never a vague term")
    instalments: list[Instalment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.debtor == JOINT:
            self._check_joint()
        elif self.creditor is None:
            raise ValueError(f"obligation {self.number}: one party's obligation needs a creditor")
        elif self.debtor == self.creditor:
            raise ValueError(
                f"obligation {self.number}: debtor and creditor are both {self.debtor}"
            )
        if self.kind == "payment" and self.amount is None:
            raise ValueError(f"obligation {self.number}: a payment needs an amount")
        if self.instalments:
            self._check_instalments()
        return self

    @property
    def joint(self) -> bool:
        return self.debtor == JOINT

    def _check_joint(self) -> None:
        label = f"obligation {self.number}"
        if self.kind != "action":
            raise ValueError(f"{label}: only an action can be joint; a {self.kind} needs a debtor")
        if self.creditor is not None:
            raise ValueError(f"{label}: a joint action of the parties has no creditor")
        if self.amount is not None or self.instalments:
            raise ValueError(f"{label}: a joint action has no amount and no instalments")

    def _check_instalments(self) -> None:
        label = f"obligation {self.number}"
        if self.amount is None:
            raise ValueError(f"{label}: instalments need the obligation's amount")
        if [i.number for i in self.instalments] != list(range(1, len(self.instalments) + 1)):
            raise ValueError(f"{label}: instalments must be numbered 1, 2, 3… in order")
        dates = [i.due_date for i in self.instalments]
        if any(later <= earlier for earlier, later in pairwise(dates)):
            raise ValueError(f"{label}: instalment dates must strictly increase")
        if dates[-1] > self.due_date:
            raise ValueError(f"{label}: an instalment falls after the due date {self.due_date}")
        total = sum((Decimal(i.amount) for i in self.instalments), Decimal(0))
        if total != Decimal(self.amount):
            raise ValueError(f"{label}: instalments add up to {total}, not {self.amount}")


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


def party_identifier(party: PersonParty | OrganisationParty) -> str:
    """The number a court matches a party by: IIN for a person, BIN for an organisation."""
    return party.iin if isinstance(party, PersonParty) else party.bin


def party_name(party: PersonParty | OrganisationParty) -> str:
    if isinstance(party, PersonParty):
        return party.full_name
    return f"{party.legal_form} «{party.name}»"
