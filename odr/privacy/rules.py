"""Retention rules, pure: how long each kind of record is kept and what an anonymised row keeps.

A case is personal data of its parties long after it ended: names, e-mails, IIN/BIN, addresses,
what they wrote to each other, what they privately wanted. Kazakhstan's Law "On personal data
and their protection" (kept no longer than its purpose needs) and our users' GDPR-shaped
expectations ask that it go when it is no longer needed. What is needed, and for how long,
differs by kind of record, so each kind has its own period (``ODR_RETAIN_*``, 0 = keep), counted
from the case's end.

Anonymising is not deleting. What stays keeps the case countable (category, status, dates,
mediation outcome, which events happened in which order and by which role) and keeps a signed
settlement checkable: its verification code, record hash, PDF hash and signing time. Nothing of
that names a person. The audit trail is never touched (its hashes chain every entry to the one
before; see docs/operations.md for why that is acceptable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from odr.settings import Settings

ANONYMISED_DOMAIN = "anonymised.invalid"
"""``.invalid`` is reserved (RFC 2606): an anonymised account's address can reach nobody."""
UNUSABLE_PASSWORD_HASH = "!"
"""Not an argon2 hash: ``PasswordHasherPool.verify`` treats it as a mismatch for every password."""
ANONYMISED_SETTLEMENT = "anonymised"
"""A settlement's status once only its hashes are left: no party, court or page serves it."""

FREE_TEXT_KEYS = frozenset({"text", "reason", "mediator"})
"""Event data people wrote or that names a person: a message, a reason given for rejecting,
pausing, closing or extending, the name of a newly assigned mediator. Erased, keys kept."""
CONTENT_KEYS: Mapping[str, Any] = {"package": {}, "packages": []}
"""The terms offered or proposed: their values are the case's own option texts, which can name
people or things. Emptied when the case is anonymised."""
STRUCTURE_KEYS = frozenset(
    {
        "version",
        "role",
        "kind",
        "key",
        "hours",
        "deadline_at",
        "outcome",
        "referral_id",
        "record_shared",
        "contract_date",
        "counter_to",
        "from_proposal",
    }
)
"""Event data that says what happened and when, never who or what about: kept for analytics."""


@dataclass(frozen=True)
class Retention:
    """Each kind's period; ``None`` keeps that kind of record for good."""

    settled_cases: timedelta | None
    unsettled_cases: timedelta | None
    interests: timedelta | None
    explanations: timedelta | None
    messages: timedelta | None
    notices: timedelta | None
    sessions: timedelta | None
    throttle: timedelta | None
    resets: timedelta | None
    accounts: timedelta | None

    @classmethod
    def from_settings(cls, settings: Settings) -> Retention:
        def days(value: int) -> timedelta | None:
            return timedelta(days=value) if value > 0 else None

        throttle = days(settings.retain_throttle_days)
        if throttle is not None:
            # A failure younger than the login window still counts towards a throttle.
            throttle = max(throttle, timedelta(seconds=settings.login_window_s))
        return cls(
            settled_cases=days(settings.retain_settled_cases_days),
            unsettled_cases=days(settings.retain_unsettled_cases_days),
            interests=days(settings.retain_interests_days),
            explanations=days(settings.retain_explanations_days),
            messages=days(settings.retain_messages_days),
            notices=days(settings.retain_notices_days),
            sessions=days(settings.retain_sessions_days),
            throttle=throttle,
            resets=days(settings.retain_resets_days),
            accounts=days(settings.retain_accounts_days),
        )


def cutoff(now: datetime, period: timedelta | None) -> datetime | None:
    """Records that ended before this instant are past ``period``; ``None``: keep them all."""
    return None if period is None else now - period


def anonymised_email(user_id: str) -> str:
    """A unique address that stands for no one (``users.email`` is unique and required)."""
    return f"{user_id}@{ANONYMISED_DOMAIN}"


def without_free_text(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with what people wrote erased; the rest (offers, versions, dates) unchanged."""
    return {k: ("" if k in FREE_TEXT_KEYS else v) for k, v in data.items()}


def anonymised_event_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """What an event keeps once its case is anonymised: its structure, never its content.

    An allow-list: a key not known to be harmless is dropped, so a new event field is private
    until someone decides otherwise. Erased keys keep their type ("" / {} / []) so anything that
    reads an old log still finds the shape it expects.
    """
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if key in STRUCTURE_KEYS:
            kept[key] = value
        elif key in FREE_TEXT_KEYS:
            kept[key] = ""
        elif key in CONTENT_KEYS:
            kept[key] = CONTENT_KEYS[key]
    return kept
