"""The vocabulary of the room's log shared by the event data and the frames: an issue's name, a
package, a party's key, an event's seq, an offer's version, and ``EventData``, the base of every
event's data model (unknown fields refused).

Its own module so that the frames (``frames.py``), the centre's live frames and every module of
event data import it from one place, and the dependency runs one way: frames → event data.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from odr.cases.parties import ROLE_PATTERN
from odr.web.schema import Line

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
