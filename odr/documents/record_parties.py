"""The parties of a settlement record: a person or an organisation, its representative, its role.

Each party is named as a court matches it (``party_identifier``: IIN for a person, BIN for an
organisation) and as the document prints it (``party_name``); an organisation also names who
signs for it and on what authority.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from odr.cases.parties import ROLE_PATTERN
from odr.documents.fields import Bin, Email, Iin, Strict, Text

Role = Annotated[str, Field(pattern=ROLE_PATTERN, max_length=16)]
"""A party's key in its case (``odr.cases.parties``): claimant, respondent, party3 … party10."""


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


def party_identifier(party: PersonParty | OrganisationParty) -> str:
    """The number a court matches a party by: IIN for a person, BIN for an organisation."""
    return party.iin if isinstance(party, PersonParty) else party.bin


def party_name(party: PersonParty | OrganisationParty) -> str:
    if isinstance(party, PersonParty):
        return party.full_name
    return f"{party.legal_form} «{party.name}»"
