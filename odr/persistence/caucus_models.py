"""The mediator's private caucus with one party (#15).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``.

Why tables of their own and not events in ``case_events``: the room's log is read by every party
(its rows, its seq numbers, their count and timing); a caucus must leave no trace there. One row
per (case, party role) says where that party's caucus stands; its messages are kept apart.
Nothing here is ever published on the room's channel (``odr/caucus/``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "Caucus", "CaucusMessage"]


class Caucus(Base):
    """Where one party's caucus with the case's mediator stands: ``requested`` (the party asked,
    only the mediator is told), ``open`` (both may write) or ``closed``."""

    __tablename__ = "caucuses"
    __table_args__ = (UniqueConstraint("case_id", "party_role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    party_role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """When the party last asked for a caucus that is not open yet; None once it is opened."""
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaucusMessage(Base):
    """One message of a caucus, written by the mediator or by the party."""

    __tablename__ = "caucus_messages"
    __table_args__ = (Index("ix_caucus_messages_thread", "case_id", "party_role", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    party_role: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(16))
    """``mediator`` or ``party``."""
    author_user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
