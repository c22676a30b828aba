"""The ``data`` of each event type of the case log, as pydantic models (``EVENT_DATA``).

Kept apart from the frames (``odr.room.frames``) because they are the log's content, not the
protocol's envelope, and they grow with every mechanism (bidding, fair division, improvement, the
mediator's switch). An ``event`` frame carries one of these as its ``data``; the writers
(``odr.negotiating``, ``odr.cases``, ``odr.centre``…) log them as plain dicts, and the tests check
each event's ``data`` against its model (``event_data_problem``, which the ``event`` frame's
validator calls). ``docs/protocol.md`` shows every schema (``odr.room.protocol_doc``).

The vocabulary both share (a package, an offer version, an event seq) is defined in
``event_vocabulary.py`` and used by the frames, so the dependency runs one way: frames → event
data. The events of a mechanism each in a module of their own: blind bidding
(``bidding_event_data.py``), an improvement after agreement (``improvement_event_data.py``), the
mediator's switch of mechanism (``switch_event_data.py``), a joint session
(``session_event_data.py``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, TypeAdapter, ValidationError

from odr.enforcement.writ_event_data import WRIT_EVENTS
from odr.fulfilment.event_data import PERFORMANCE_EVENTS
from odr.room.bidding_event_data import (
    BiddingChoice,
    BiddingCourtChosen,
    BiddingNoSettlement,
    BiddingNotYet,
    BiddingRoundMoved,
    BiddingRoundOpened,
    BiddingRulesAgreed,
    BiddingRulesProposed,
    BiddingSettled,
    BiddingSwitched,
)
from odr.room.event_vocabulary import EventData, Package, PartyKey, Version
from odr.room.improvement_event_data import (
    ImprovementAdopted,
    ImprovementLapsed,
    ImprovementOffered,
)
from odr.room.session_event_data import JOINT_SESSION
from odr.room.switch_event_data import MechanismSwitched, SwitchAnswered, SwitchProposed
from odr.web.schema import HexId, Line, Prose
from odr.web.validation import field_path


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
    **WRIT_EVENTS,
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
