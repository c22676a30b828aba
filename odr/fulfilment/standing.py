"""Where a signed settlement stands on a day: its default clause and every due's state, from
the signed record and the steps stored so far (what the reminders and the writ application
decide on; the schedule's endpoint folds the same, ``view.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from odr.fulfilment.ledger import DueState, states_of
from odr.fulfilment.schedule import DefaultTerms, default_terms_of, schedule_of
from odr.fulfilment.steps import step_of, step_rows
from odr.persistence.models import Settlement


async def standing(
    db: AsyncSession, settlement: Settlement, record: Mapping[str, Any], today: date
) -> tuple[DefaultTerms, list[DueState]]:
    """The record's default terms and each due's state on ``today``."""
    terms = default_terms_of(record)
    steps = [step_of(row) for row in await step_rows(db, settlement.id)]
    return terms, states_of(schedule_of(record), steps, today, terms)
