"""The ``data`` of the case log's writ events: an application made, the court's acknowledgement.

``odr.room.event_data.EVENT_DATA`` includes ``WRIT_EVENTS``, so the room's frames and
``docs/protocol.md`` know them like every other event. Only what the parties and the mediator
may all know: which application, which obligations, the total claimed, which court and, later,
the court's case number. Never the document's contents, nothing of the negotiation.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from odr.web.schema import HexId, Line

MADE: Final = "writ_application_made"
ACKNOWLEDGED: Final = "writ_application_acknowledged"


class CourtNamed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, Line(40)]
    name: Annotated[str, Line(300)]


class WritApplicationMade(BaseModel):
    """A creditor (the actor) applied for a writ of execution on the signed settlement (``POST
    /api/cases/{id}/settlement/writ-application``): the application's id, the obligations in
    default it covers, the total claimed in whole tiyn (overdue, accelerated and penalty, as its
    sums say) and the court it is addressed to. Logged once: asking again the same day is the
    same application."""

    model_config = ConfigDict(extra="forbid")

    id: HexId
    obligations: list[Annotated[int, Field(ge=1)]] = Field(min_length=1)
    total_tiyn: int = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="The case's currency (the sums').")
    court: CourtNamed


class WritApplicationAcknowledged(BaseModel):
    """The court (the system is the actor) registered the application under its own case number
    (``PUT /api/court/v1/writ-applications/{id}/acknowledgement``); logged once."""

    model_config = ConfigDict(extra="forbid")

    id: HexId
    court_case_number: Annotated[str, Line(100)]


WRIT_EVENTS: Final[dict[str, TypeAdapter[Any]]] = {
    MADE: TypeAdapter(WritApplicationMade),
    ACKNOWLEDGED: TypeAdapter(WritApplicationAcknowledged),
}
"""Event type → data schema, for ``odr.room.event_data.EVENT_DATA``."""
