"""The ``data`` of each event type of the case log, as pydantic models (``EVENT_DATA``).

Kept apart from the frames (``odr.room.frames``) because they are the log's content, not the
protocol's envelope, and they grow with every mechanism (bidding, fair division, improvement, the
mediator's switch). An ``event`` frame carries one of these as its ``data``; the writers
(``odr.negotiating``, ``odr.cases``, ``odr.centre``…) log them as plain dicts, and the tests check
each event's ``data`` against its model (``event_data_problem``, which the ``event`` frame's
validator calls). ``docs/protocol.md`` shows every schema (``odr.room.protocol_doc``).

The vocabulary both share (a package, an offer version, an event seq) is defined here and used by
the frames, so the dependency runs one way: frames → event data.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from odr.cases.parties import ROLE_PATTERN
from odr.fulfilment.event_data import PERFORMANCE_EVENTS
from odr.room.session_event_data import JOINT_SESSION
from odr.web.schema import HexId, Line, Prose
from odr.web.validation import field_path

IssueName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$", max_length=40)]
"""As ``odr.cases.schemas.IssueIn.name`` makes them."""
Package = Annotated[
    dict[IssueName, Annotated[str, Line(200)]],
    Field(description="One option id per issue name: a full package.", max_length=100),
]

PartyKey = Annotated[
    str,
    Field(
        pattern=ROLE_PATTERN,
        description="A party's key in the case: claimant, respondent, party3 … party10.",
    ),
]
Seq = Annotated[int, Field(ge=1)]
Version = Annotated[int, Field(ge=1, description="The offer (or proposals) version.")]


class EventData(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InterestsSubmitted(EventData):
    """Never the interests themselves: only who stated them."""

    role: PartyKey


class PointsSubmitted(EventData):
    """Fair division: a party stated (or restated) its points; never the points themselves."""

    role: PartyKey


class ItemPhoto(EventData):
    """Fair division: a party (the actor) attached a photo to an item, or replaced its photo.
    The copy kept (metadata removed) is read at ``/api/files/{id}`` by the case's parties and
    mediator; the log keeps its SHA-256, not its id."""

    item_id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    media_type: Literal["image/jpeg", "image/png", "image/webp"]
    bytes: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class DocumentLogged(EventData):
    """A document or piece of evidence (``odr.cases.documents``) became visible to everyone in
    the case (``added`` shared with everyone, or ``shared`` later by its owner, the actor), or
    such a document was ``withdrawn`` by its owner (the bytes go, the hash stays). A document
    shared with the mediator only is in no one else's log at all. The parties and the mediator
    download it by the id ``GET /api/cases/{id}/documents`` lists; the log keeps its SHA-256."""

    kind: Literal["added", "shared", "withdrawn"]
    file_name: str = Field(max_length=100, description="Dropped once the case is anonymised.")
    media_type: Literal["application/pdf", "image/jpeg", "image/png", "image/webp"]
    bytes: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class ProposedPackage(EventData):
    id: str = Field(pattern=r"^p[1-9][0-9]*$")
    criterion: str
    choice: Package


class ProposalsReady(EventData):
    """Each party fetches its own explanation with ``GET /api/cases/{id}/proposals``."""

    version: Version
    packages: list[ProposedPackage] = Field(min_length=1)


class NoAgreementZone(EventData):
    version: Version


class Offered(EventData):
    version: Version
    package: Package
    from_proposal: Annotated[str, Line(64)] | None = None


class CounterOffered(Offered):
    counter_to: Version


class Answered(EventData):
    """``accept`` and ``withdraw``: the exact version answered."""

    version: Version


class Rejected(EventData):
    version: Version
    reason: Annotated[str, Prose(1000, min_length=0)] | None


class PartyWithdrew(EventData):
    """A party (the actor, ``role``) withdrew from the negotiation (``POST
    /api/cases/{id}/withdrawal``): it no longer takes part or is waited for. The live offer,
    when it was this party's own or gives it something (an item's option is a party's key), was
    withdrawn just before (a ``withdraw`` event by this party); if every remaining party had
    accepted the live offer an ``agreement`` follows; if fewer than two parties remain, a
    ``closed`` event (``outcome: failed``, ``reason: party_withdrew``) follows and the case has
    failed."""

    role: PartyKey


class MessagePosted(EventData):
    text: Annotated[str, Prose(4000)]


class Agreement(EventData):
    version: Version
    package: Package


class DeadlineReminder(EventData):
    kind: Literal["reminder"]
    deadline_at: AwareDatetime
    hours: int = Field(ge=1)


class DeadlineExpired(EventData):
    kind: Literal["expired"]
    deadline_at: AwareDatetime


class DeadlineExtended(EventData):
    kind: Literal["extended"]
    deadline_at: AwareDatetime
    reason: str


class ProposalsFailed(EventData):
    """The optimizer failed; answers can be saved again."""

    key: Literal["proposals.failed"]


class MediatorChanged(EventData):
    """The centre reassigned the case (the reason stays with the centre)."""

    key: Literal["mediator.changed"]
    mediator: str


class Paused(EventData):
    reason: str


class Resumed(EventData):
    deadline_at: AwareDatetime = Field(description="The deadline, moved by the time paused.")


class Closed(EventData):
    outcome: Literal["settled", "failed"]
    reason: str


class Referred(EventData):
    referral_id: HexId
    record_shared: bool


class Attested(EventData):
    contract_date: date


# Blind bidding (odr/negotiating/bidding.py): only rules, rounds and outcomes, never a bid, a gap
# or who bid first.


class BiddingThreshold(EventData):
    """The gap both parties agree to bridge: whole tiyn, or a whole percent of the demand."""

    kind: Literal["absolute", "percent"]
    value: int = Field(ge=0, description="Tiyn (absolute) or percent of the demand (0-100).")


class BiddingRules(EventData):
    rounds: int = Field(ge=1, le=10)
    threshold: BiddingThreshold
    round_hours: int = Field(ge=1, le=720, description="Each round closes this long after opening.")
    announce: Literal["at_deadline", "when_both_in"] | None = Field(
        default=None,
        description="When a round's outcome is told: at its deadline whatever the order of the "
        "bids, or as soon as both have bid. Absent in rules logged before 2026-12-07, which "
        "announce when both have bid.",
    )


class BiddingRulesProposed(EventData):
    """A party proposed the rules (the actor); the other party accepts them by this event's seq."""

    kind: Literal["rules_proposed"]
    rules: BiddingRules


class BiddingRulesAgreed(EventData):
    kind: Literal["rules_agreed"]
    rules: BiddingRules


class BiddingRoundOpened(EventData):
    kind: Literal["round_opened"]
    round: int = Field(ge=1)
    deadline_at: AwareDatetime


class BiddingRoundMoved(EventData):
    """The mediator resumed the paused case: the open round's deadline moved by the time paused
    (as the case's deadline does)."""

    kind: Literal["round_moved"]
    round: int = Field(ge=1)
    deadline_at: AwareDatetime


class BiddingNotYet(EventData):
    """The round ended without settlement; the next one opens. ``deadline``: a bid was missing."""

    kind: Literal["not_yet"]
    round: int = Field(ge=1)
    reason: Literal["bids", "deadline"]


class BiddingNoSettlement(EventData):
    """The last round ended without settlement: the parties choose how to go on."""

    kind: Literal["no_settlement"]
    round: int = Field(ge=1)
    reason: Literal["bids", "deadline"]
    options: list[Literal["packages", "mediator", "court"]]


class BiddingChoice(EventData):
    """A party's (the actor's) choice after no settlement."""

    kind: Literal["choice"]
    option: Literal["packages", "mediator", "court"]


class BiddingSwitched(EventData):
    """Both parties chose package negotiation (logs before 2026-12-07; since then that switch is
    logged as ``mechanism_switch {kind: switched}``, like the mediator's)."""

    kind: Literal["switched"]
    mechanism: Literal["packages"]


class BiddingCourtChosen(EventData):
    """Both parties chose court after no settlement: the case has failed (the mediation closed
    without agreement), and its mediator may refer it to court."""

    kind: Literal["court_chosen"]


class BiddingSettled(EventData):
    """Settled at ``amount`` (whole tiyn). ``package`` is the agreed value of the case's money
    issue (in currency units) from which the settlement is drafted, like an ``agreement``."""

    version: Version
    round: int = Field(ge=1)
    amount: int = Field(ge=0, description="The settled amount in tiyn.")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    package: Package


Round = Annotated[int, Field(ge=1, description="The improvement offer's number in the case.")]


class ImprovementOffered(EventData):
    """After an agreement, a package at least as good for every party and better for someone.

    Each party reads its own gain with ``GET /api/cases/{id}/improvement`` and answers there;
    nobody's gain or interests are here. Acceptances stay private until the offer ends.
    """

    round: Round
    package: Package
    replaces_version: Version = Field(description="The agreed offer's version.")
    expires_at: AwareDatetime = Field(description="Unanswered by then, the agreement stands.")


class ImprovementAdopted(EventData):
    """Every party accepted: ``package`` replaces the agreement (the settlement is redrafted)."""

    round: Round
    version: Version = Field(description="The agreed offer's version it replaces.")
    package: Package


class ImprovementLapsed(EventData):
    """The offer ended without replacing the agreement, which stands."""

    round: Round
    reason: Literal["declined", "expired", "signed"]


# The mediator's switch of a case's mechanism (odr/cases/switching.py): proposed, each party
# consents or declines, every party taking part consented → switched.

MechanismName = Literal["packages", "bidding", "division"]


class DivisionItem(EventData):
    """An item to share out, as ``cases.items`` stores it (value in whole tiyn)."""

    id: str = Field(pattern=r"^item[1-9][0-9]*$")
    name: str
    value_tiyn: int | None = Field(ge=0)
    note: str | None
    # Absent in proposals logged before intake asked who holds each item.
    held_by: PartyKey | None = Field(
        default=None, description="The party holding the item now; null: not said."
    )


class SwitchProposed(EventData):
    """The mediator (the actor) proposes another mechanism; every party taking part must
    consent. A new proposal replaces one still open."""

    kind: Literal["proposed"]
    current: MechanismName
    to: MechanismName
    items: list[DivisionItem] | None = Field(description="The items to share out (division).")


class SwitchAnswered(EventData):
    """A party (the actor) consented to the open proposal, or declined it (which ends it)."""

    kind: Literal["consented", "declined"]
    proposal_seq: Seq = Field(description="The seq of the ``proposed`` event answered.")


class MechanismSwitched(EventData):
    """Every party taking part consented: the case goes on by ``to``. Consented to the
    mediator's proposal (``proposal_seq``; the last consent, or the withdrawal of the last party
    waited for), or every party chose packages after blind bidding ended without settlement
    (``proposal_seq`` null)."""

    kind: Literal["switched"]
    current: MechanismName = Field(description="The mechanism before the switch.")
    to: MechanismName
    proposal_seq: Seq | None = Field(
        description="The consented proposal; null when the parties chose it after bidding."
    )


EVENT_DATA: dict[str, TypeAdapter[Any]] = {
    "interests_submitted": TypeAdapter(InterestsSubmitted),
    "proposals_ready": TypeAdapter(ProposalsReady),
    "no_agreement_zone": TypeAdapter(NoAgreementZone),
    "offer": TypeAdapter(Offered),
    "counter_offer": TypeAdapter(CounterOffered),
    "accept": TypeAdapter(Answered),
    "reject": TypeAdapter(Rejected),
    "withdraw": TypeAdapter(Answered),
    "party_withdrew": TypeAdapter(PartyWithdrew),
    "message": TypeAdapter(MessagePosted),
    "agreement": TypeAdapter(Agreement),
    "deadline": TypeAdapter(
        Annotated[
            DeadlineReminder | DeadlineExpired | DeadlineExtended, Field(discriminator="kind")
        ]
    ),
    "system": TypeAdapter(Annotated[ProposalsFailed | MediatorChanged, Field(discriminator="key")]),
    "paused": TypeAdapter(Paused),
    "resumed": TypeAdapter(Resumed),
    "closed": TypeAdapter(Closed),
    "referred": TypeAdapter(Referred),
    "attested": TypeAdapter(Attested),
    "mechanism_switch": TypeAdapter(
        Annotated[SwitchProposed | SwitchAnswered | MechanismSwitched, Field(discriminator="kind")]
    ),
    "improvement_offered": TypeAdapter(ImprovementOffered),
    "improvement_adopted": TypeAdapter(ImprovementAdopted),
    "improvement_lapsed": TypeAdapter(ImprovementLapsed),
    "bidding": TypeAdapter(
        Annotated[
            BiddingRulesProposed
            | BiddingRulesAgreed
            | BiddingRoundOpened
            | BiddingRoundMoved
            | BiddingNotYet
            | BiddingNoSettlement
            | BiddingChoice
            | BiddingSwitched
            | BiddingCourtChosen,
            Field(discriminator="kind"),
        ]
    ),
    "bidding_settled": TypeAdapter(BiddingSettled),
    "points_submitted": TypeAdapter(PointsSubmitted),
    "item_photo": TypeAdapter(ItemPhoto),
    "document": TypeAdapter(DocumentLogged),
    "joint_session": TypeAdapter(JOINT_SESSION),
    **PERFORMANCE_EVENTS,
}
"""The ``data`` schema of each event type (``docs/protocol.md`` shows them all)."""


def event_data_problem(event: str, data: dict[str, Any]) -> str | None:
    """What is wrong with ``data`` as the data of an ``event`` event, in words; None if it fits.

    Checked as the JSON a client reads, strictly: a version must be a number, not ``"1"``;
    dates are ISO strings, as JSON has no other form for them.
    """
    try:
        EVENT_DATA[event].validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        tags = (data.get("kind"), data.get("key"))  # a union's tag leads its errors' loc
        problems = []
        for error in exc.errors(include_url=False):
            loc = error["loc"][1:] if error["loc"][:1] and error["loc"][0] in tags else error["loc"]
            problems.append(f"data{'.' if loc else ''}{field_path(loc)}: {error['msg']}")
        return "; ".join(problems)
    return None
