"""Request and response models of the caucus API (``docs/api.md``, section "Private caucus")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from odr.cases.party_schemas import Role as PartyKey
from odr.web.schema import Prose, RequestModel, ResponseModel

CaucusState = Literal["none", "requested", "open", "closed"]
"""``none``: never asked for nor opened; ``requested``: the party asked (only the mediator is
told); ``open``: both may write; ``closed``: the mediator ended it (it may be opened again)."""
PartyRole = PartyKey
"""A party's key in its case (``odr/cases/parties.py``): claimant, respondent, party3 … party10."""
Text = Annotated[str, Prose(4000)]
"""Trimmed; empty or only spaces is refused (``string_too_short``), as is more than 4000."""


class CaucusTextIn(RequestModel):
    text: Text


class MediatorTextIn(RequestModel):
    role: PartyRole = Field(description="The party whose caucus this is.")
    text: Text


class PartyIn(RequestModel):
    role: PartyRole = Field(description="The party whose caucus this is.")


class CaucusMessageOut(ResponseModel):
    id: int
    author: Literal["mediator", "party"]
    name: str = Field(description="The author's display name.")
    text: str
    at: datetime


class PartyCaucusOut(ResponseModel):
    """A party's own caucus with the mediator; nothing of the other party's."""

    available: bool = Field(
        description="Whether a caucus can be asked for or written in now: the case has a "
        "mediator and the mediation is not over."
    )
    state: CaucusState
    requested_at: datetime | None
    messages: list[CaucusMessageOut]


class CaucusThreadOut(ResponseModel):
    role: PartyRole
    name: str = Field(description="The party's display name.")
    state: CaucusState
    requested_at: datetime | None
    messages: list[CaucusMessageOut]


class MediatorCaucusOut(ResponseModel):
    """Every party's caucus of the case, in the parties' order: only the case's mediator."""

    running: bool = Field(description="Whether the mediation runs (caucuses can be written in).")
    caucuses: list[CaucusThreadOut]
