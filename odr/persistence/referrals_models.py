"""Referral packages for the court (#15).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``. A ``court_referrals`` row (``models.py``) is the mediator's referral as the centre
keeps it (with the mediator's reason); the package here is what the court receives, built once in
the referral's transaction and never changed, so its SHA-256 names it for good."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from odr.persistence.models import Base
from odr.persistence.types import UTCDateTime

__all__ = ["Base", "ReferralAcknowledgement", "ReferralPackage"]


class ReferralPackage(Base):
    """What the court the case is referred to receives (``odr.court.referral_package``).

    ``court_id`` is the court the mediator addressed it to; None when the referral named no
    court (referrals made before #15, or without a court code): then no court's client sees it.
    """

    __tablename__ = "referral_packages"

    referral_id: Mapped[str] = mapped_column(
        ForeignKey("court_referrals.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    court_id: Mapped[str | None] = mapped_column(ForeignKey("courts.id"), nullable=True, index=True)
    package: Mapped[dict[str, Any]] = mapped_column(JSON)
    package_sha256: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the package's canonical JSON (``odr.documents.canonical``)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ReferralAcknowledgement(Base):
    """The court's acknowledgement of a referral under its own case number; one per referral."""

    __tablename__ = "referral_acknowledgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    referral_id: Mapped[str] = mapped_column(
        ForeignKey("referral_packages.referral_id", ondelete="CASCADE"), unique=True
    )
    court_id: Mapped[str] = mapped_column(ForeignKey("courts.id"))
    court_case_number: Mapped[str] = mapped_column(String(100))
    client_id: Mapped[str] = mapped_column(ForeignKey("court_clients.id"))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime())
