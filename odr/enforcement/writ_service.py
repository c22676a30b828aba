"""A creditor's application for a writ of execution, made in one step and stored once.

Who may: a party of the case that is the creditor of an obligation *in default* (a due more
days late than the settlement's grace, not confirmed: ``odr.fulfilment.ledger``); anyone else
gets the 404 of a case not theirs (not a party) or 409 ``not_in_default`` (a party, but no
obligation of the request is in default and owed to it). Which court: the one the body names by
code, else the settlement's own; neither is 409 ``no_court``.

What is made: the application's data (``writ_document.writ_content``: the signed record's
parties, the schedule with every step, the sums due today), drawn as a PDF/A-3b and sealed with
the platform's PAdES seal, the seal that closes a settlement (so ``POST /api/verify`` checks it);
stored with its SHA-256 and sums and never changed. The court of the application sees it through
its API (``odr.court.writ_routes``). The same creditor asking again the same day for the same
obligations, court and language gets the application made first (a double click makes one:
the insert is decided under the case's lock, by the room). Making it is a
``writ_application_made`` event of the case's log, written with the row in one transaction:
its id, obligations, total and court, nothing of the document (``writ_event_data``).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.service import case_for, role_of
from odr.court.referral_package import court_named
from odr.documents.pades_seal import seal_pades
from odr.enforcement.writ_document import render_pdf, writ_content
from odr.enforcement.writ_event_data import MADE
from odr.errors import Conflict, NotFound
from odr.fulfilment.default_sums import ObligationSums
from odr.fulfilment.ledger import KAZAKHSTAN, today_of
from odr.fulfilment.penalty_steps import sums_now
from odr.fulfilment.settled_record import signed_settlement_of
from odr.fulfilment.standing import standing
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.models import Case, Court, User, new_id
from odr.room.log import NewEvent
from odr.services import Services
from odr.settlement.keys import platform_seal, trust_roots

NO_APPLICATION = "there is no such writ application among yours"


async def apply_for_writ(
    db: AsyncSession,
    services: Services,
    user: User,
    case_id: str,
    language: str,
    obligations: Sequence[int] | None,
    court_code: str | None,
) -> WritApplication:
    """The application ``user`` asks for (made now, or the same one made earlier today)."""
    case = await case_for(db, user, case_id)
    role = role_of(case, user)
    found = await signed_settlement_of(db, case_id)
    if found is None:
        raise Conflict("the settlement is not signed yet", code="not_signed")
    settlement, record = found
    now = services.clock()
    today = today_of(now)
    terms, states = await standing(db, settlement, record, today)
    in_default = sorted(
        {s.due.obligation for s in states if s.state == "in_default" and s.due.creditor == role}
    )
    wanted = sorted(set(obligations)) if obligations else in_default
    if not wanted or any(number not in in_default for number in wanted):
        raise Conflict(
            "no obligation of the request is in default and owed to you; a writ can be asked "
            "for once a due is more days late than the settlement's grace period",
            code="not_in_default",
        )
    court = await _court(db, court_code, settlement.court_id)
    earlier = await _made_today(db, settlement.id, role, wanted, court.id, language, now)
    if earlier is not None:
        return earlier
    application_id = new_id()
    sums = [s for s in await sums_now(db, settlement.id, states, terms) if s.obligation in wanted]
    content = writ_content(
        application_id=application_id,
        language=language,
        created_at=now,
        as_of=today,
        court={"code": court.code, "name": court.name},
        case_reference=case.reference,
        record=record,
        verification_code=settlement.verification_code or "",
        record_sha256=settlement.record_sha256 or "",
        signed_at=settlement.signed_at or now,
        creditor=role,
        obligations=wanted,
        states=states,
        sums=sums,
        terms=terms,
    )
    settings = services.settings
    document = await asyncio.to_thread(render_pdf, content)
    pdf = await asyncio.to_thread(
        seal_pades,
        document,
        platform_seal(settings),
        tsa_url=settings.tsa_url,
        trust_roots=trust_roots(settings),
    )
    application = WritApplication(
        id=application_id,
        case_id=case.id,
        settlement_id=settlement.id,
        court_id=court.id,
        language=language,
        creditor=role,
        obligations=wanted,
        content=content,
        sums=content["sums"],
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=user.id,
        created_at=now,
    )
    await db.commit()  # decided in the room's own transaction, under the case's lock
    made: list[WritApplication] = []

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        # Of two requests at once, the second finds the first's and logs nothing.
        twin = await _made_today(locked, settlement.id, role, wanted, court.id, language, now)
        if twin is not None:
            made.append(twin)
            return []
        locked.add(application)
        made.append(application)
        return [made_event(application, court, sums, case.currency, user.id, role)]

    await services.room.record(case.id, decide, actor_user_id=user.id)
    return made[0]


def made_event(
    application: WritApplication,
    court: Court,
    sums: Sequence[ObligationSums],
    currency: str,
    user_id: str,
    role: str,
) -> NewEvent:
    """The log's ``writ_application_made``: what the parties and the mediator may all see."""
    data = {
        "id": application.id,
        "obligations": list(application.obligations),
        "total_tiyn": sum(s.total_tiyn for s in sums),
        "currency": currency,
        "court": {"code": court.code, "name": court.name},
    }
    return NewEvent(MADE, data, user_id, role)


async def _court(db: AsyncSession, code: str | None, settlement_court: str | None) -> Court:
    named = await court_named(db, code)  # 422 unknown_court for a code no court has
    if named is not None:
        return named
    if settlement_court is None:
        raise Conflict(
            "the settlement names no court: say which court to apply to (court_code)",
            code="no_court",
        )
    return await db.get_one(Court, settlement_court)


async def _made_today(
    db: AsyncSession,
    settlement_id: str,
    creditor: str,
    obligations: list[int],
    court_id: str,
    language: str,
    now: datetime,
) -> WritApplication | None:
    start = datetime.combine(today_of(now), datetime.min.time(), KAZAKHSTAN)
    rows = await db.scalars(
        select(WritApplication).where(
            WritApplication.settlement_id == settlement_id,
            WritApplication.creditor == creditor,
            WritApplication.court_id == court_id,
            WritApplication.language == language,
            WritApplication.created_at >= start,
            WritApplication.created_at < start + timedelta(days=1),
        )
    )
    return next((row for row in rows if list(row.obligations) == obligations), None)


async def own_applications(db: AsyncSession, user: User, case_id: str) -> list[WritApplication]:
    """The writ applications ``user`` made in the case (404 unless a party), oldest first."""
    await case_for(db, user, case_id)
    rows = await db.scalars(
        select(WritApplication)
        .where(WritApplication.case_id == case_id, WritApplication.created_by == user.id)
        .order_by(WritApplication.created_at, WritApplication.id)
    )
    return list(rows)


async def own_application(
    db: AsyncSession, user: User, case_id: str, application_id: str
) -> tuple[Case, WritApplication]:
    """One application ``user`` made in the case; anything else is one 404."""
    case = await case_for(db, user, case_id)
    application = await db.scalar(
        select(WritApplication).where(
            WritApplication.id == application_id,
            WritApplication.case_id == case_id,
            WritApplication.created_by == user.id,
        )
    )
    if application is None or not application.pdf:  # the PDF is gone past its retention
        raise NotFound(NO_APPLICATION, code="writ_application_not_found")
    return case, application
