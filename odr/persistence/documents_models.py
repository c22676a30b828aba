"""Documents and evidence of a case (#15).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base, new_id
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "CaseDocument"]


class CaseDocument(Base):
    """A document or a piece of evidence a party or the mediator gave the case (``odr.cases``
    ``documents*.py``).

    The bytes are a ``stored_files`` row (``kind`` ``document``); this row says who gave it, under
    what name, and who may read it. Its hash, size and type are copied here because they outlive
    the bytes: a withdrawn document, or one of an anonymised case, keeps its SHA-256 so the log
    still says which file it was. A document
    only the mediator may see is in no one else's log: its hash is here until its owner shares it.
    """

    __tablename__ = "case_documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    """1, 2, … in the order the case received them, for listing them in that order. Never shown:
    it counts mediator-only documents too."""
    file_id: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"), nullable=True
    )
    """The bytes, until the document is withdrawn or its case anonymised."""
    owner_user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    owner_role: Mapped[str] = mapped_column(String(16))
    """``claimant``, ``respondent`` or ``mediator``: the uploader's place in the case."""
    file_name: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    shared_with: Mapped[str] = mapped_column(String(16))
    """``everyone`` in the case, or the ``mediator`` only (widened by its owner, never narrowed)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """When a mediator-only document was shared with everyone."""
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
