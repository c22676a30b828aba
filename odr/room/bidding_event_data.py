"""The data of blind bidding's events (``bidding`` and ``bidding_settled``;
``odr/negotiating/bidding.py``): only rules, rounds and outcomes, never a bid, a gap or who bid
first, since every party of the case reads the log.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from odr.room.event_vocabulary import EventData, Package, Version


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
