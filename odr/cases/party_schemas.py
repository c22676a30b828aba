"""Bodies about a case's several parties: whom the claimant invites, and how each party and
each invitation is shown (odr/cases/parties.py says what roles and sides are).

Kept apart from ``schemas.py`` (intake and the case as a whole) so that each stays one concept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from odr.cases.parties import MAX_PARTIES, ROLE_PATTERN, Side
from odr.notify.phones import Phone
from odr.web.schema import Email, Language, Name, RequestModel, ResponseModel

MAX_OTHER_PARTIES = MAX_PARTIES - 2
"""Besides the claimant and the respondent."""


def _known_side(value: object) -> object:
    """One stable code for any side but the three (as ``held_by_invalid`` for items)."""
    if value is not None and value not in ("claimant", "respondent", "own"):
        raise PydanticCustomError("side_invalid", "side is `claimant`, `respondent` or `own`")
    return value


SideIn = Annotated[Side, BeforeValidator(_known_side)]


def _at_most_ten_parties(value: object) -> object:
    """More than ten parties in all is its own code, so the form can say "at most 10"."""
    if isinstance(value, list) and len(value) > MAX_OTHER_PARTIES:
        raise PydanticCustomError(
            "too_many_parties",
            "a case has at most {max_parties} parties: the claimant, the respondent and at most "
            "{max_other} others",
            {"max_parties": MAX_PARTIES, "max_other": MAX_OTHER_PARTIES},
        )
    return value


class InviteeIn(RequestModel):
    """A party the claimant invites: its name and where its invitation goes."""

    name: Name
    email: Email
    phone: Phone | None = Field(
        default=None,
        description="The invitation goes by SMS too (Kazakhstan's numbers by default).",
    )
    language: Language | None = Field(
        default=None, description="The invitation's language; the case's language when left out."
    )


class RespondentIn(InviteeIn):
    side: SideIn | None = Field(
        default=None, description="Whom the respondent stands with; left out: `respondent`."
    )


class OtherPartyIn(InviteeIn):
    side: SideIn = Field(
        default="own",
        description="Whom the party stands with: the `claimant`'s side, the `respondent`'s, or "
        "its `own` (a co-heir who is nobody's ally).",
    )


OtherParties = Annotated[
    list[OtherPartyIn],
    BeforeValidator(_at_most_ten_parties),
    Field(
        max_length=MAX_OTHER_PARTIES,
        description=f"0 to {MAX_OTHER_PARTIES} parties besides the respondent, each invited by "
        "its own link (roles `party3`, `party4`, … in this order); more: field code "
        "`too_many_parties`.",
    ),
]

Role = Annotated[str, Field(pattern=ROLE_PATTERN, max_length=16)]


class PartyOut(ResponseModel):
    """A party seated in the case (it joined, with its consent)."""

    role: str = Field(description="`claimant`, `respondent`, `party3` … `party10`.")
    display_name: str
    side: Side
    joined_at: datetime
    withdrawn_at: datetime | None = Field(
        default=None, description="When the party left the negotiation; null: it takes part."
    )


InvitedStatus = Literal["invited", "expired", "dropped"]


class InvitedPartyOut(ResponseModel):
    """A party invited who has not joined: still `invited`, its link `expired` (the claimant
    may send a new one), or `dropped` (the case went ahead without it)."""

    role: str
    name: str = Field(description="The name the claimant gave.")
    side: Side
    status: InvitedStatus
    expires_at: datetime = Field(description="When its latest link stops (or stopped) working.")
    email: str | None = Field(
        default=None, description="Shown to the claimant only (who typed it); null for others."
    )


class InvitationOut(ResponseModel):
    url: str = Field(description="Single-use link for the invited party; shown only once.")
    email: str
    expires_at: datetime
    role: str = Field(default="respondent", description="The party the link invites.")
    name: str = Field(default="", description="The name the claimant gave that party.")
    side: Side = "respondent"


class PreviewPartyOut(ResponseModel):
    """Who else is in the case, as the invitation shows it before joining (names only)."""

    role: str
    name: str
    side: Side
    joined: bool = Field(description="true: in the case; false: invited, not joined yet.")
