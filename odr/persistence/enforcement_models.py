"""Writ applications (#18): what a creditor files with the court when a settlement is not kept.

Registered with ``Base.metadata`` by the import at the end of ``models.py``. A row is made once,
when the creditor asks (``odr.enforcement.writ_service``), and its PDF and sums are never changed
afterwards: the court receives exactly what was sealed. Only the court's acknowledgement
(``court_case_number``, ``acknowledged_at``) is filled in later, once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base, new_id
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "WritApplication"]


class WritApplication(Base):
    """The application for a writ of execution on a signed settlement, sealed as a PDF/A.

    ``sums`` is the JSON of the sums due as of the day it was made (whole tiyn, per obligation
    and in total), as the document states them; ``content`` the whole document's data (what the
    PDF embeds as ``writ-application.json``), which the court API serves.
    """

    __tablename__ = "writ_applications"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    settlement_id: Mapped[str] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), index=True
    )
    court_id: Mapped[str] = mapped_column(ForeignKey("courts.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    creditor: Mapped[str] = mapped_column(String(16))
    """The creditor's party key (claimant, respondent, party3…)."""
    obligations: Mapped[list[int]] = mapped_column(JSON)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    sums: Mapped[dict[str, Any]] = mapped_column(JSON)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    court_case_number: Mapped[str | None] = mapped_column(String(100), nullable=True)
