"""Joint sessions: slots, choices, outcome (#15).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``.

A session is proposed as a few slots; each party marks the slots it can attend; the mediator
confirms one, whose time, link and place are then copied onto the session itself, because a
reschedule changes the confirmed time without pretending the parties chose it. ``sequence`` is
the iCalendar SEQUENCE of the invite sent last (0 for the first), and the session's ``id`` is
the invite's UID, so every update and the cancellation replace the same calendar entry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base, new_id
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "JointSession", "SessionChoice", "SessionSlot"]


class JointSession(Base):
    """One joint session of a case. ``status``: proposed → confirmed → done, or cancelled;
    ``outcome`` (held, not_held, postponed) once the mediator records it."""

    __tablename__ = "joint_sessions"
    __table_args__ = (Index("ix_joint_sessions_case_id", "case_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    proposed_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    duration_min: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    meeting_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    reminder_task_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outcome_note: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionSlot(Base):
    """A proposed time, numbered 1, 2, 3… within its session."""

    __tablename__ = "joint_session_slots"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("joint_sessions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(SmallInteger)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_min: Mapped[int] = mapped_column(SmallInteger)
    meeting_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    place: Mapped[str | None] = mapped_column(String(200), nullable=True)


class SessionChoice(Base):
    """A party can attend slot ``number`` of the session (one row per slot it marked)."""

    __tablename__ = "joint_session_choices"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("joint_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(SmallInteger)
