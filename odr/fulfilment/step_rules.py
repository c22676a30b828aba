"""Who may say what about a due, and in which order (pure; the HTTP layer maps the refusals).

- A payment is reported ``paid`` by its debtor; its creditor answers ``received`` or
  ``disputed``. An action or a transfer is reported ``done`` and answered ``confirmed`` or
  ``disputed``. Any other kind for the due is 422 ``step_kind_mismatch``.
- Only the debtor reports (403 ``debtor_only``), only the creditor answers (403
  ``creditor_only``). A joint action (debtor ``both``) is reported by either party and answered
  by another than the one who reported (403 ``own_report``).
- Order: a report needs nothing standing (pending, or disputed: the debtor tries again), else
  409 ``already_reported``; an answer needs a report standing, else 409 ``not_reported``;
  nothing follows a confirmation (409 ``already_confirmed``).
- A dispute says why: 422 ``reason_required`` without a reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.fulfilment.ledger import CONFIRMATIONS, REPORTS, Step, StepKind, performance_of
from odr.fulfilment.schedule import Due


def kinds_for(due: Due) -> tuple[StepKind, StepKind]:
    """The report and the confirmation that fit ``due``: (paid, received) or (done, confirmed)."""
    return ("paid", "received") if due.kind == "payment" else ("done", "confirmed")


def check_step(
    due: Due, steps: Sequence[Step], kind: StepKind, role: str, reason: str | None
) -> None:
    """Raise the refusal for ``role`` saying ``kind`` about ``due`` after its ``steps``."""
    if kind != "disputed" and kind not in kinds_for(due):
        raise ValidationFailed(
            f"a {due.kind} is reported with {' and '.join(kinds_for(due))}, not {kind}",
            code="step_kind_mismatch",
        )
    own = [s for s in steps if s.key == due.key]
    _check_party(due, own, kind, role)
    performance, _ = performance_of(own)
    if performance == "confirmed":
        raise Conflict("this due is already confirmed", code="already_confirmed")
    if kind in REPORTS and performance == "reported":
        raise Conflict(
            "the performance is already reported and waits for the other party's answer",
            code="already_reported",
        )
    if kind not in REPORTS and performance != "reported":
        raise Conflict("the debtor has not reported this due as performed yet", code="not_reported")
    if kind == "disputed" and not (reason and reason.strip()):
        raise ValidationFailed(
            "say why the performance is disputed",
            code="reason_required",
            fields=[{"field": "reason", "message": "required to dispute", "code": "missing"}],
        )


def _check_party(due: Due, own: Sequence[Step], kind: StepKind, role: str) -> None:
    if due.joint:
        if kind not in REPORTS:
            last = next((s for s in reversed(own) if s.kind in REPORTS), None)
            if last is not None and last.role == role:
                raise Forbidden(
                    "the other party answers your own report of a joint action",
                    code="own_report",
                )
        return
    if kind in REPORTS and role != due.debtor:
        raise Forbidden("only the party who owes this due reports it", code="debtor_only")
    if (kind in CONFIRMATIONS or kind == "disputed") and role != due.creditor:
        raise Forbidden("only the party this due is owed to answers it", code="creditor_only")
