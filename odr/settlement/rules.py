"""What may change in a settlement, and how a change voids the signatures: pure, no I/O.

Every edit before ``signed`` raises ``version``. The record the parties sign carries it, so its
hash changes too: signatures given for the earlier hash stop counting, and the parties see that
they must sign again. A save that changes nothing (a double click, a retried request, a form
saved again as it was) is not an edit: the version, the status and the signatures stay, so
nobody is asked to sign again for nothing. ``odr.settlement.service`` reads and writes around
these rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from odr.cases.parties import in_party_order
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.persistence.models import Settlement
from odr.settlement.obligation_entries import check_obligations
from odr.settlement.parties import unknown_parties

SIGNING_METHOD: Literal["password-reauthentication"] = "password-reauthentication"


def role_required(role: str | None, roles: Sequence[str]) -> str:
    """``role`` when it is one of the settlement's parties (``roles``); a party who withdrew
    before the agreement, or a mediator, is refused."""
    if role is None or role not in roles:
        raise Forbidden("only the parties sign the settlement", code="role_not_allowed")
    return role


def ensure_editable(settlement: Settlement) -> None:
    if settlement.status in ("signed", "filed"):
        raise Conflict(
            "the settlement is signed by every party and can no longer change",
            code="settlement_signed",
        )


def ensure_current(settlement: Settlement, version: int) -> None:
    """Refuse terms edited from an older version: they would undo the other party's edit."""
    ensure_editable(settlement)
    if version != settlement.version:
        raise Conflict(
            f"the terms changed meanwhile (now version {settlement.version}); reload and check "
            "them again",
            code="stale_version",
        )


def number_instalments(terms: dict[str, Any]) -> dict[str, Any]:
    """Instalments are stored numbered by their order, whatever numbers were sent (as drafted)."""
    for obligation in terms["obligations"]:
        for n, instalment in enumerate(obligation["instalments"], 1):
            instalment["number"] = n
    return terms


def replace_terms(
    settlement: Settlement,
    terms: dict[str, Any],
    court_id: str | None,
    currency: str,
    now: datetime,
    roles: Sequence[str] | None = None,
) -> bool:
    """The shared terms, not the parties' identities, become ``terms``; voids signatures.
    Every party they name must be one of ``roles``, the settlement's parties (by default every
    party its draft names).

    Returns False, changing nothing, when the terms and the court are already these.
    """
    if roles is None:
        roles = in_party_order(settlement.terms["parties"])
    strangers = unknown_parties(terms, roles)
    if strangers:
        raise ValidationFailed(
            "; ".join(f"{p['field']}: {p['message']}" for p in strangers[:5]), fields=strangers
        )
    check_obligations(terms["obligations"], currency)
    replaced = {**terms, "parties": settlement.terms["parties"]}
    if replaced == settlement.terms and court_id == settlement.court_id:
        return False
    settlement.court_id = court_id
    settlement.terms = replaced
    _changed(settlement, now)
    return True


def update_party(
    settlement: Settlement, role: str, details: dict[str, Any], email: str, now: datetime
) -> bool:
    """``role``'s identity as the settlement names it; voids signatures.

    Returns False, changing nothing, when the settlement already names ``role`` so.
    """
    ensure_editable(settlement)
    named = {**details, "email": email}
    if settlement.terms["parties"].get(role) == named:
        return False
    parties = dict(settlement.terms["parties"])
    parties[role] = named
    settlement.terms = {**settlement.terms, "parties": parties}
    _changed(settlement, now)
    return True


def _changed(settlement: Settlement, now: datetime) -> None:
    settlement.version += 1
    settlement.status = "drafting"
    settlement.updated_at = now
    settlement.record_sha256 = None
