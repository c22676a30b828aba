"""Where a case stands in its mechanism, as its mediator may know it: folded from the case's
public log and fields only. Pure; no I/O (``dashboard.py`` reads the events).

Every event read here is one both parties see in the room (docs/protocol.md): rule proposals,
round openings and outcomes, "settled at X", who stated points (never the points), the
proposed allocation, improvement offers and their outcome (never a gain or an answer), and the
mediator's switch proposals with each party's consent. Nothing private is ever an input, so
nothing private can come out: no bid, gap, point, gain or improvement answer.

A case may change mechanism (the mediator's switch, or both parties choosing packages after
blind bidding without settlement): only events after the last change describe the current
mechanism; the switch proposal itself is folded over the whole log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from odr.cases.items import items_out
from odr.cases.mechanism import Mechanism
from odr.cases.parties import in_party_order, is_party_role
from odr.cases.status import SETTLED, UNSETTLED_END
from odr.centre.schemas import ImprovementState, MechanismState, SwitchState
from odr.negotiating.bidding import public_state

EVENT_TYPES = (
    "bidding",
    "bidding_settled",
    "points_submitted",
    "proposals_ready",
    "agreement",
    "improvement_offered",
    "improvement_adopted",
    "improvement_lapsed",
    "mechanism_switch",
)
"""The event types the state is folded from (the dashboard reads only these)."""
RUNNING_STAGES = ("negotiating", "agreeing_rules", "round_open", "points", "allocation_proposed")
"""Stages of a mechanism still under way: a case closed without settlement shows ``ended``."""


@dataclass(frozen=True)
class LoggedEvent:
    """One row of the case log: its seq, type, actor role and public data."""

    seq: int
    type: str
    role: str
    data: Mapping[str, Any]


def _changed_mechanism(event: LoggedEvent) -> bool:
    kind = event.data.get("kind")
    return (event.type == "mechanism_switch" and kind == "switched") or (
        event.type == "bidding" and kind == "switched"
    )


def current_events(events: Sequence[LoggedEvent]) -> list[LoggedEvent]:
    """The events since the case last changed mechanism (all of them if it never did)."""
    start = 0
    for n, event in enumerate(events):
        if _changed_mechanism(event):
            start = n + 1
    return list(events[start:])


def switch_state(events: Iterable[LoggedEvent]) -> SwitchState | None:
    """The latest switch proposal: open (with the consents so far), declined or switched."""
    state: SwitchState | None = None
    for event in events:
        if event.type != "mechanism_switch":
            continue
        data = event.data
        kind = data["kind"]
        if kind == "proposed":
            state = SwitchState(
                proposal_seq=event.seq,
                to=data["to"],
                items=items_out(data.get("items")),
                status="open",
                consented=[],
                declined_by=None,
            )
        elif state is None or data.get("proposal_seq") != state.proposal_seq:
            continue  # an answer to a proposal already replaced
        elif kind == "consented" and event.role not in state.consented:
            consented = _parties_of({*state.consented, event.role})
            state = state.model_copy(update={"consented": consented})
        elif kind == "declined":
            state = state.model_copy(update={"status": "declined", "declined_by": event.role})
        elif kind == "switched":
            state = state.model_copy(update={"status": "switched"})
    return state


def improvement_state(events: Iterable[LoggedEvent]) -> ImprovementState | None:
    """The latest improvement offer and its outcome (never who accepted)."""
    state: ImprovementState | None = None
    for event in events:
        data = event.data
        if event.type == "improvement_offered":
            expires = datetime.fromisoformat(data["expires_at"])
            state = ImprovementState(status="offered", reason=None, expires_at=expires)
        elif state is None or event.type not in ("improvement_adopted", "improvement_lapsed"):
            continue
        elif event.type == "improvement_adopted":
            state = state.model_copy(update={"status": "adopted"})
        else:
            state = state.model_copy(update={"status": "lapsed", "reason": data["reason"]})
    return state


def mechanism_state(
    mechanism: str, status: str, currency: str, events: Sequence[LoggedEvent]
) -> MechanismState:
    """The public state of a case whose mechanism is ``mechanism`` and status ``status``, from
    its log (only the ``EVENT_TYPES`` matter), in seq order."""
    now = current_events(events)
    state = MechanismState(
        mechanism=Mechanism(mechanism),
        stage="agreed" if status in SETTLED else "negotiating",
        currency=currency,
        improvement=improvement_state(now),
        switch=switch_state(events),
    )
    if mechanism == "bidding":
        state = _bidding(state, now)
    elif mechanism == "division":
        state = _division(state, now, status)
    if status in UNSETTLED_END and state.stage in RUNNING_STAGES:
        # Failed, expired or referred while a round was open or points awaited: nothing runs.
        state = state.model_copy(update={"stage": "ended", "round_deadline_at": None})
    return state


def _bidding(state: MechanismState, events: Sequence[LoggedEvent]) -> MechanismState:
    folded = public_state([(e.seq, e.type, e.role, e.data) for e in events])
    stage = {
        "agreeing": "agreeing_rules",
        "open": "round_open",
        "settled": "settled",
        "no_settlement": "no_settlement",
    }[folded.status]
    rules = folded.rules
    return state.model_copy(
        update={
            "stage": stage,
            "round": folded.round or None,
            "rounds": int(rules["rounds"]) if rules else None,
            "round_deadline_at": folded.deadline_at if stage == "round_open" else None,
            "settled_amount": folded.settled_amount,
            "choices": dict(folded.choices or {}),
            "rules_proposed": folded.proposed is not None and rules is None,
        }
    )


def _division(state: MechanismState, events: Sequence[LoggedEvent], status: str) -> MechanismState:
    stated = {e.data["role"] for e in events if e.type == "points_submitted"}
    proposed = any(e.type == "proposals_ready" for e in events)
    agreed = status in SETTLED and any(e.type == "agreement" for e in events)
    stage = "agreed" if agreed else "allocation_proposed" if proposed else "points"
    return state.model_copy(update={"stage": stage, "points_stated": _parties_of(stated)})


def _parties_of(roles: Iterable[str]) -> list[str]:
    """The party keys among ``roles``, in party order (claimant, respondent, party3, …)."""
    return in_party_order(r for r in roles if is_party_role(r))
