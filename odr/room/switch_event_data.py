"""The data of a mechanism switch's events (``mechanism_switch``; ``odr/cases/switching.py``):
the mediator proposes, each party consents or declines, every party taking part consented →
switched.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from odr.room.event_vocabulary import EventData, PartyKey, Seq

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
