"""The data of an improvement's events after an agreement (``improvement_offered``,
``improvement_adopted``, ``improvement_lapsed``; ``odr/negotiating/improvement.py``): the package
offered and what became of it, never a party's gain or interests.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from odr.room.event_vocabulary import EventData, Package, Version

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
