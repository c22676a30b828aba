"""The ``data`` of the case log's ``performance_*`` and ``penalty_*`` events: one per step a
party took on a due, or on an obligation's default penalty.

``odr.room.event_data.EVENT_DATA`` includes ``PERFORMANCE_EVENTS``, so the room's frames and
``docs/protocol.md`` know them like every other event. The data names the due and says what the
party said, never anything from the negotiation; a receipt is named by its SHA-256 (the same
hash its ``document`` event logged), not by its file name.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from odr.fulfilment.ledger import STEP_KINDS
from odr.fulfilment.penalty_ledger import PENALTY_KINDS
from odr.fulfilment.schedule import KEY_PATTERN
from odr.web.schema import Line, Prose

REFERENCE_LENGTH: Final = 200
REASON_LENGTH: Final = 2000


class PerformanceStepLogged(BaseModel):
    """A party's step about one due of the signed settlement (``POST
    /api/cases/{id}/settlement/schedule/{key}/steps``): the debtor reported it ``paid`` or
    ``done``, the creditor ``received``/``confirmed`` it or ``disputed`` it with a reason. The
    actor is the party who said it."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=f"^{KEY_PATTERN}$", description='The due: "2", or "1.3" (1st, 3rd).')
    obligation: int = Field(ge=1)
    instalment: int | None = Field(ge=1)
    reference: Annotated[str, Line(REFERENCE_LENGTH)] | None = Field(
        description="The payment's reference as the debtor gave it."
    )
    reason: Annotated[str, Prose(REASON_LENGTH)] | None = Field(
        description="Why the creditor disputes (always given with disputed)."
    )
    receipt_sha256: str | None = Field(
        pattern=r"^[0-9a-f]{64}$", description="The receipt document's SHA-256, if one was given."
    )


class PenaltyStepLogged(BaseModel):
    """A party's step about the default penalty of one payment obligation (``POST
    /api/cases/{id}/settlement/schedule/penalties/{obligation}/steps``): the debtor reported it
    ``paid``, the creditor ``received`` it (a reported payment, or one it records itself),
    ``waived`` some of it, or ``disputed`` a reported payment with a reason. The actor is the
    party who said it."""

    model_config = ConfigDict(extra="forbid")

    obligation: int = Field(ge=1)
    amount_tiyn: int | None = Field(ge=1, description="Whole tiyn; null for disputed.")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    reference: Annotated[str, Line(REFERENCE_LENGTH)] | None = Field(
        description="The payment's reference as the debtor gave it."
    )
    reason: Annotated[str, Prose(REASON_LENGTH)] | None = Field(
        description="Why the creditor disputes, or a note to a waiver."
    )


PERFORMANCE_EVENTS: Final[dict[str, TypeAdapter[Any]]] = {
    **{f"performance_{kind}": TypeAdapter(PerformanceStepLogged) for kind in STEP_KINDS},
    **{f"penalty_{kind}": TypeAdapter(PenaltyStepLogged) for kind in PENALTY_KINDS},
}
"""Event type → data schema, for ``odr.room.event_data.EVENT_DATA``."""
