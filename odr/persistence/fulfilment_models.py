"""What the parties said about carrying out a signed settlement (#18, ``odr/fulfilment``).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``.

One row per step, append-only: a step is never changed or deleted (a dispute, a second report
are new rows), and each is also a ``performance_*`` event in the case's log. The due it is
about is named by its key in the signed record's schedule (``"1.2"``: obligation 1, instalment
2), which never changes once the settlement is signed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "PenaltyStep", "PerformanceStep"]


class PerformanceStep(Base):
    """A party's statement about one due: ``paid``/``done`` by the debtor, ``received``/
    ``confirmed`` or ``disputed`` by the creditor (``odr.fulfilment.ledger``)."""

    __tablename__ = "performance_steps"
    __table_args__ = (Index("ix_performance_steps_settlement", "settlement_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    settlement_id: Mapped[str] = mapped_column(ForeignKey("settlements.id", ondelete="CASCADE"))
    due_key: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    """The party key of who said it (``claimant``, ``respondent``, ``party3``…)."""
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The payment's reference (a bank's transaction number), as the debtor gave it."""
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    """Why the creditor disputes, or a note to a step."""
    receipt_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("case_documents.id"), nullable=True
    )
    """The receipt, a document of the case shared with everyone (``odr.cases.documents``)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PenaltyStep(Base):
    """A party's statement about the default penalty of one payment obligation: ``paid`` by the
    debtor, ``received``, ``waived`` or ``disputed`` by the creditor
    (``odr.fulfilment.penalty_ledger``). Append-only like ``performance_steps``."""

    __tablename__ = "penalty_steps"
    __table_args__ = (Index("ix_penalty_steps_settlement", "settlement_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    settlement_id: Mapped[str] = mapped_column(ForeignKey("settlements.id", ondelete="CASCADE"))
    obligation: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    amount_tiyn: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """Paid, received or waived, in whole tiyn; null for a dispute."""
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
