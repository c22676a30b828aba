"""A case's life, in one place: every module that branches on ``Case.status`` reads it here.

    awaiting_respondent → open ⇄ paused → agreed → signed → filed
                            ↘ expired / failed → referred

``agreed`` is the room's agreement; ``signed`` once every party signed the settlement and the
platform sealed it (``odr.settlement``); ``filed`` once a court acknowledged importing it
(``odr.court``). The mediation is over from ``agreed`` on: a settled case stays settled whether
or not the document has been signed or filed yet.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class CaseStatus(StrEnum):
    """``Case.status``. The database stores the value, so a member compares equal to what is read
    back, and SQL binds it as the plain string."""

    AWAITING_RESPONDENT = "awaiting_respondent"
    """Waiting for the invited parties (the name is older than several parties): until every
    party invited joined, or the claimant started with those who did (``starting.py``)."""
    OPEN = "open"
    PAUSED = "paused"
    AGREED = "agreed"
    SIGNED = "signed"
    FILED = "filed"
    EXPIRED = "expired"
    FAILED = "failed"
    REFERRED = "referred"


NEGOTIATING: Final = (CaseStatus.AWAITING_RESPONDENT, CaseStatus.OPEN)
SETTLED: Final = (CaseStatus.AGREED, CaseStatus.SIGNED, CaseStatus.FILED)
UNSETTLED_END: Final = (CaseStatus.FAILED, CaseStatus.EXPIRED, CaseStatus.REFERRED)
#: Neither agreed nor closed: negotiating, paused by the mediator, or past its deadline (which an
#: extension reopens). A mediator may extend these, or close them as failed.
UNDECIDED: Final = (*NEGOTIATING, CaseStatus.PAUSED, CaseStatus.EXPIRED)
#: The negotiation ended (with or without agreement): feedback opens, analytics count it.
CONCLUDED: Final = SETTLED + UNSETTLED_END
