"""Request and response bodies for cases and invitations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from odr.cases.mechanism import Mechanism, Reason
from odr.cases.parties import Side, is_party_role
from odr.cases.party_schemas import (
    InvitationOut,
    InvitedPartyOut,
    OtherParties,
    PartyOut,
    PreviewPartyOut,
    RespondentIn,
    Role,
)
from odr.notify.phones import Phone
from odr.web import boundary
from odr.web.schema import Email, IdOf, Language, Line, Prose, RequestModel, ResponseModel

Category = Literal["civil", "family", "labour", "commercial", "consumer"]
CATEGORIES: tuple[str, ...] = ("civil", "family", "labour", "commercial", "consumer")
MAX_RANGE_POINTS = 2001

OptionText = Annotated[str, Line(200)]


class RangeIn(RequestModel):
    min: float
    max: float
    step: float = Field(gt=0)
    unit: Annotated[str, Line(20, min_length=0)] = Field(default="", examples=["KZT", "days"])

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        if (self.max - self.min) / self.step > MAX_RANGE_POINTS - 1:
            raise ValueError(f"the range has more than {MAX_RANGE_POINTS} steps; use a larger step")
        return self


class LabelsIn(RequestModel):
    """One text in the readers' languages, when the parties read different ones: each reader
    is shown the text of its language when given, else the text as typed."""

    kk: Annotated[str, Line(200)] | None = None
    ru: Annotated[str, Line(200)] | None = None
    en: Annotated[str, Line(200)] | None = None

    def given(self) -> dict[str, str]:
        return {code: text for code, text in self.model_dump().items() if text is not None}


class IssueIn(RequestModel):
    """An issue in dispute: either a list of options or a numeric range."""

    name: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$",
        max_length=40,
        description="Machine key; generated from the position when left out.",
    )
    label: Annotated[str, Line(200)] = Field(description="What people read.")
    options: list[OptionText] | None = Field(default=None, min_length=2, max_length=50)
    range: RangeIn | None = None
    labels: LabelsIn | None = Field(
        default=None,
        description="The label in each reader's language (kk, ru, en) when the parties read "
        "different ones; a reader whose language is not given sees `label`.",
    )
    option_labels: list[LabelsIn] | None = Field(
        default=None,
        max_length=50,
        description="Each option in the readers' languages, in the order of `options` (as many); "
        "the option itself stays the id offers use.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if (self.options is None) == (self.range is None):
            raise ValueError("give either options or a range")
        if self.options is not None and len(set(self.options)) != len(self.options):
            raise ValueError("options must be different from each other")
        if self.option_labels is not None and len(self.option_labels) != len(self.options or ()):
            raise PydanticCustomError(
                "option_labels_mismatch", "option_labels has one entry per option, in order"
            )
        return self


class ClaimIn(RequestModel):
    amount: Decimal = Field(ge=0, le=Decimal("1e15"), decimal_places=2)
    currency: str = Field(default="KZT", pattern=r"^[A-Z]{3}$", max_length=3)


Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e15"), decimal_places=2)]
"""An amount in the case's currency with at most two decimals (KZT and tiyn), as ``ClaimIn``."""


def _known_holder(value: object) -> object:
    """One stable code for anything but a party's key (pydantic's ``string_pattern_mismatch``
    would also be said for a wrong type), so a client can say it at the item's field. Whether
    the case has that party is checked against its parties (``items.check_holders``)."""
    if value is not None and not is_party_role(value):
        raise PydanticCustomError(
            "held_by_invalid", "held_by is a party's key: `claimant`, `respondent`, `party3`…"
        )
    return value


Holder = Annotated[str, BeforeValidator(_known_holder), Field(max_length=16)]
"""The party holding an item now; the settlement's transfer of the item starts from it."""


class ItemIn(RequestModel):
    """Something to share out by fair division: a flat, a car, a share of a business."""

    name: Annotated[str, Line(200)] = Field(examples=["Квартира на Абая, 10"])
    value: Money | None = Field(
        default=None, description="Market value both parties agree on, in the case's currency."
    )
    note: Annotated[str, Prose(1000, min_length=0)] | None = None
    held_by: Holder | None = Field(
        default=None,
        description="The key of the party holding the item now: `claimant`, `respondent` or, "
        "among several parties, `party3`… (at intake: `other_parties` in order; another key: "
        "field code `held_by_not_a_party`); left out or null: not said. The settlement hands "
        "the item over from its holder to the party receiving it.",
    )


def _distinct_items(items: list[ItemIn] | None) -> list[ItemIn] | None:
    names = [item.name.casefold() for item in items or ()]
    if len(set(names)) != len(names):
        raise PydanticCustomError("items_not_distinct", "items must have different names")
    return items


MIN_ITEMS, MAX_ITEMS = 2, 50


class CaseCreate(RequestModel):
    category: Category
    subject: Annotated[str, Line(500, min_length=3)]  # cases.subject is varchar(500)
    claim: ClaimIn | None = None
    language: Language
    region: Annotated[str, Line(100)] | None = Field(
        default=None,
        description="Where the dispute is (e.g. `Алматы`): a conciliation centre's mediators "
        "of that region are preferred (docs/centre.md).",
    )
    issues: list[IssueIn] = Field(
        default_factory=list,
        max_length=30,
        description="1 to 30; may be left out when `items` are given (a division negotiates "
        "over its items, one issue each).",
    )
    respondent: RespondentIn
    other_parties: OtherParties = Field(default_factory=list)
    consent_to_online_mediation: Literal[True] = Field(
        description="The claimant agrees to resolve the dispute by online mediation."
    )
    mechanism: Mechanism | None = Field(
        default=None,
        description="How the parties will settle; left out: the one recommended for the case's "
        "shape (`POST /api/cases/recommendation`). It must fit the case (docs/api.md).",
    )
    items: list[ItemIn] | None = Field(
        default=None,
        min_length=MIN_ITEMS,
        max_length=MAX_ITEMS,
        description="For fair division only: the items to share out.",
    )

    _items = field_validator("items")(_distinct_items)

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        names = [i.name or f"issue{n}" for n, i in enumerate(self.issues, 1)]
        if len(set(names)) != len(names):
            raise ValueError("issue names must be different from each other")
        return self


class RecommendationIn(RequestModel):
    """The intake form as filled so far: its complete issues and items."""

    issues: list[IssueIn] = Field(default_factory=list, max_length=30)
    items: list[ItemIn] = Field(default_factory=list, max_length=MAX_ITEMS)


class RecommendationOut(ResponseModel):
    mechanism: Mechanism
    reason: Reason = Field(
        description="Why, as a code: `items_to_divide`, `one_money_amount` (one issue, about "
        "money), `several_issues`, `no_money_amount` (one issue, not about money)."
    )


class MechanismSwitchIn(RequestModel):
    """The mediator proposes that the case go on by another mechanism."""

    mechanism: Mechanism
    items: list[ItemIn] | None = Field(
        default=None,
        min_length=MIN_ITEMS,
        max_length=MAX_ITEMS,
        description="For a switch to fair division: the items to share out.",
    )

    _items = field_validator("items")(_distinct_items)


class SwitchAnswerIn(RequestModel):
    consent: bool = Field(description="true: I agree to the switch; false: I decline it.")


class InvitationCreate(RequestModel):
    role: Role = Field(
        default="respondent",
        description="Whose link to replace: an invited party who has not joined yet.",
    )
    email: Email
    phone: Phone | None = Field(default=None, description="The invitation goes by SMS too.")
    language: Language | None = Field(
        default=None, description="The invitation's language; the case's language when left out."
    )


class InvitationToken(RequestModel):
    token: Annotated[str, IdOf(boundary.INVITATION_TOKEN)]


class InvitationAccept(InvitationToken):
    consent_to_online_mediation: Literal[True]


class ClaimOut(ResponseModel):
    amount: Decimal
    currency: str


class PhotoOut(ResponseModel):
    """An item's photo (odr/uploads): read it at `/api/files/{id}` (its thumbnail at
    `/api/files/{id}/thumbnail`) as a party or the case's mediator."""

    id: str = Field(description="The file's random id (32 characters 0-9 a-f).")
    media_type: Literal["image/jpeg", "image/png", "image/webp"]
    bytes: int = Field(description="The size of the copy kept (metadata removed).")
    sha256: str = Field(description="SHA-256 of the copy kept, as the case log records it.")


class ItemOut(ResponseModel):
    id: str = Field(description="`item1`, `item2`, … in the order given.")
    name: str
    value: Decimal | None = Field(description="Agreed market value in the case's currency.")
    note: str | None
    held_by: str | None = Field(
        description="The key of the party holding the item now (`claimant`, `respondent`, "
        "`party3`…); null: not said."
    )
    photo: PhotoOut | None = Field(default=None, description="Its photo; null: none attached.")


class PendingSwitchOut(ResponseModel):
    """The mediator's open proposal to switch the case's mechanism."""

    proposal_seq: int = Field(description="The seq of its `mechanism_switch` event in the room.")
    mechanism: Mechanism = Field(description="The mechanism proposed.")
    items: list[ItemOut] | None
    consented: list[Role] = Field(
        description="The keys of the parties that consented so far (claimant, respondent, "
        "party3…), in party order; the switch is made once every party taking part has."
    )


class PendingInvitationOut(ResponseModel):
    email: str
    expires_at: datetime


class CaseOut(ResponseModel):
    id: str
    reference: str
    category: str
    subject: str
    claim: ClaimOut | None
    language: str
    issues: list[dict[str, object]]
    mechanism: Mechanism
    items: list[ItemOut] | None = Field(description="Fair division's items; null otherwise.")
    mechanism_switch: PendingSwitchOut | None = Field(
        default=None, description="The mediator's open proposal to switch the mechanism."
    )
    status: str
    my_role: str
    respondent_name: str
    parties: list[PartyOut] = Field(description="Every party seated in the case.")
    invited_parties: list[InvitedPartyOut] = Field(
        default_factory=list,
        description="The parties invited who have not joined (still invited, expired, dropped).",
    )
    pending_invitation: PendingInvitationOut | None = Field(
        default=None, description="The respondent's live link; shown to the claimant only."
    )
    created_at: datetime
    my_interests_stated: bool = Field(
        default=False,
        description="I have stated my private interests (packages): `GET …/interests` has them.",
    )
    my_points_stated: bool = Field(
        default=False,
        description="I have given my 100 points (division): `GET …/points` has them.",
    )


class CaseList(ResponseModel):
    cases: list[CaseOut]


class CaseCreated(ResponseModel):
    case: CaseOut
    invitation: InvitationOut = Field(description="The respondent's (also first in `invitations`).")
    invitations: list[InvitationOut] = Field(
        description="Every invited party's link, respondent first, then party3, …"
    )


class InvitationPreview(ResponseModel):
    case_reference: str
    subject: str
    category: str
    claimant_name: str
    respondent_name: str
    mechanism: Mechanism = Field(description="How the claimant chose to settle.")
    items: list[ItemOut] | None = Field(description="Fair division's items; null otherwise.")
    currency: str = Field(description="The currency of the items' values (and of the claim).")
    issues: list[dict[str, object]] = Field(
        default_factory=list,
        description="The issues in dispute as the case holds them (as in `CaseOut`), with their "
        "labels in each language when given.",
    )
    expires_at: datetime
    role: str = Field(
        default="respondent", description="The party this link invites (its key in the case)."
    )
    name: str = Field(default="", description="The name the claimant gave that party.")
    side: Side = "respondent"
    parties: list[PreviewPartyOut] = Field(
        default_factory=list,
        description="Who is in the case so far and who else is invited (names only), claimant "
        "first; this link's own party among them.",
    )
