"""Practice against a robot: start a rehearsal, make offers, read the debrief. Stores nothing.

Three endpoints, each rate-limited per client address like the other public ones:

- ``POST /api/practice/start``: anyone, a typical dispute of a category;
- ``POST /api/cases/{case_id}/practice/start``: a party of that case, on the case's issues, with
  that party's *own* stated interests if it has any (never the other party's: the robot's are
  drawn, ``negotiation.practice_sandbox``);
- ``POST /api/practice/offer``: the next move, with the sealed state the last answer carried
  (``odr.practice.state``).

No handler writes to the database, commits, records an event or sends a notice: the case's room
and the other party never learn that a rehearsal happened, and the access log has only the path.
Discrete options of a case travel by position (``"0"``, ``"1"``, …) with their labels in the start
answer, so the sealed state stays small whatever the options' wording.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from negotiation.errors import NegotiationError
from negotiation.messages import Message
from negotiation.model import Issue, Package, PartyPreferences
from negotiation.optimizer import SolverSettings
from negotiation.practice_debrief import Debrief, debrief
from negotiation.practice_robot import ACCEPTED, WALKED_AWAY, Reply, answer, opening
from negotiation.practice_sandbox import Sandbox, case_sandbox, template_sandbox
from odr.cases.mechanism import Mechanism
from odr.cases.service import case_for, role_of
from odr.errors import Conflict, Gone, ValidationFailed
from odr.negotiating.issues import model_issues
from odr.negotiating.schemas import MessageOut
from odr.persistence.models import PartyInterests
from odr.practice import state
from odr.practice.case_issues import by_position, issue_out, keyed_preferences
from odr.practice.schemas import (
    CasePracticeIn,
    DebriefOut,
    PracticeIssueOut,
    PracticeOfferIn,
    PracticeStartIn,
    PracticeStartOut,
    PracticeTurnOut,
    ReplyOut,
)
from odr.web.api import Api, Context
from odr.web.ratelimit import limit_anonymous

api = Api()
DEBRIEF_TIME_LIMIT_S = 3.0


@api.endpoint(
    "POST",
    "/api/practice/start",
    summary="Start a rehearsal of a typical dispute against a robot (nothing is stored)",
    tag="practice",
    body=PracticeStartIn,
    response=PracticeStartOut,
    auth=False,
    errors=(422, 429),
)
async def start_practice(ctx: Context, body: PracticeStartIn) -> PracticeStartOut:
    await _limit(ctx)
    sandbox = template_sandbox(body.category, body.role, _seed(body.seed))
    issues = [issue_out(issue, None) for issue in sandbox.issues]
    return _started(ctx, sandbox, issues, source="template", case_id=None)


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/practice/start",
    summary="Start a rehearsal of my case against a robot, with my own interests (nothing is "
    "stored, nothing reaches the other party)",
    tag="practice",
    body=CasePracticeIn,
    response=PracticeStartOut,
    errors=(401, 404, 409, 422, 429),
)
async def start_case_practice(ctx: Context, body: CasePracticeIn) -> PracticeStartOut:
    await _limit(ctx)
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    if Mechanism(case.mechanism) is Mechanism.DIVISION or not case.issues:
        raise Conflict(
            "this case has no issues to rehearse on (a division shares out items)",
            code="practice_no_issues",
        )
    stored: list[dict[str, Any]] = list(case.issues)
    issues = model_issues(stored)
    mine = await _own_preferences(ctx, case.id, issues)
    keyed = tuple(by_position(issue) for issue in issues)
    sandbox = case_sandbox(
        keyed,
        case.category,
        role_of(case, ctx.user),
        _seed(body.seed),
        labels={item["name"]: item["label"] for item in stored},
        party=keyed_preferences(mine, issues) if mine is not None else None,
    )
    by_name = {item["name"]: item for item in stored}
    out = [issue_out(issue, by_name[issue.name]) for issue in sandbox.issues]
    return _started(ctx, sandbox, out, source="case", case_id=case.id)


@api.endpoint(
    "POST",
    "/api/practice/offer",
    summary="My next move in a rehearsal: an offer, accepting the robot's offer, or stopping",
    tag="practice",
    body=PracticeOfferIn,
    response=PracticeTurnOut,
    auth=False,
    errors=(409, 410, 422, 429),
)
async def practice_offer(ctx: Context, body: PracticeOfferIn) -> PracticeTurnOut:
    await _limit(ctx)
    now = ctx.services.clock()
    rehearsal = _open(ctx, body.state, now)
    if rehearsal.over:
        raise Conflict("this rehearsal is over: start another one", code="practice_over")
    if body.action == "end":
        return await _finish(
            ctx, rehearsal, ReplyOut(kind="ended", package=None, messages=[]), None
        )
    if body.action == "accept":
        agreed = rehearsal.counters[-1]
        reply = ReplyOut(kind="agreed", package=dict(agreed), messages=[])
        return await _finish(ctx, rehearsal, reply, agreed)
    offer = _checked_package(rehearsal.sandbox, body.package)
    robot = answer(rehearsal.sandbox, rehearsal.offers, rehearsal.counters, offer)
    if robot.kind == ACCEPTED:
        return await _finish(ctx, _with(rehearsal, offer, None), _reply(robot), offer)
    if robot.kind == WALKED_AWAY:
        return await _finish(ctx, _with(rehearsal, offer, None), _reply(robot), None)
    assert robot.package is not None
    going_on = _with(rehearsal, offer, robot.package)
    return _turn(ctx, going_on, _reply(robot))


# -- starting ---------------------------------------------------------------------------------


async def _limit(ctx: Context) -> None:
    services = ctx.services
    await limit_anonymous(
        services.rate_limiters,
        services.settings,
        "practice",
        ctx.client_address,
        what="practice requests",
    )


def _seed(given: int | None) -> int:
    return given if given is not None else secrets.randbelow(2**31)


async def _own_preferences(
    ctx: Context, case_id: str, issues: Sequence[Issue]
) -> PartyPreferences | None:
    """The caller's own stated interests on this case (only the caller's row is ever read)."""
    answers = await ctx.db.scalar(
        select(PartyInterests.answers).where(
            PartyInterests.case_id == case_id, PartyInterests.user_id == ctx.user.id
        )
    )
    if answers is None:
        return None
    try:
        return build_preferences("you", issues, parse_answers(issues, answers))
    except NegotiationError:  # stated before the issues changed: rehearse without them
        return None


def _started(
    ctx: Context,
    sandbox: Sandbox,
    issues: list[PracticeIssueOut],
    *,
    source: Literal["template", "case"],
    case_id: str | None,
) -> PracticeStartOut:
    first = opening(sandbox)
    rehearsal = state.Rehearsal(
        sandbox=sandbox,
        offers=(),
        counters=(first,),
        over=False,
        until=ctx.services.clock() + state.LIFETIME,
        case_id=case_id,
    )
    reply = ReplyOut(
        kind="opening", package=dict(first), messages=[_message_out("practice.reply.opening")]
    )
    turn = _turn(ctx, rehearsal, reply)
    return PracticeStartOut(
        **turn.model_dump(),
        source=source,
        category=sandbox.category,
        role=sandbox.role,
        interests_used=sandbox.party_stated,
        issues=issues,
    )


# -- moves ------------------------------------------------------------------------------------


def _open(ctx: Context, text: str, now: datetime) -> state.Rehearsal:
    try:
        return state.open_state(ctx.services.settings.secret_key, text, now)
    except state.Unreadable as exc:
        problem = {"field": "state", "message": str(exc), "code": "practice_state_invalid"}
        raise ValidationFailed(
            f"state: {exc}", code="practice_state_invalid", fields=[problem]
        ) from None
    except state.Expired:
        raise Gone(
            "this rehearsal is more than a day old: start another one", code="practice_expired"
        ) from None


def _checked_package(sandbox: Sandbox, package: Mapping[str, str] | None) -> dict[str, str]:
    """Every issue given one of its options, or a 422 naming each wrong field."""
    if package is None:
        raise ValidationFailed(
            "package: an offer needs a package",
            fields=[
                {"field": "package", "message": "give an option for every issue", "code": "missing"}
            ],
        )
    problems: list[dict[str, Any]] = []
    names = {issue.name for issue in sandbox.issues}
    for key in sorted(set(package) - names):
        problems.append(
            {"field": f"package.{key}", "message": "no such issue", "code": "extra_forbidden"}
        )
    for issue in sandbox.issues:
        field = f"package.{issue.name}"
        if issue.name not in package:
            problems.append({"field": field, "message": "give an option", "code": "missing"})
        elif package[issue.name] not in issue.options:
            problems.append(
                {"field": field, "message": "not one of this issue's options", "code": "enum"}
            )
    if problems:
        said = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        raise ValidationFailed(f"the offer has invalid fields: {said}", fields=problems)
    return {issue.name: package[issue.name] for issue in sandbox.issues}


def _with(r: state.Rehearsal, offer: Package, counter: Package | None) -> state.Rehearsal:
    counters = r.counters if counter is None else (*r.counters, counter)
    return state.Rehearsal(
        sandbox=r.sandbox,
        offers=(*r.offers, offer),
        counters=counters,
        over=counter is None,
        until=r.until,
        case_id=r.case_id,
    )


def _over(r: state.Rehearsal) -> state.Rehearsal:
    return state.Rehearsal(r.sandbox, r.offers, r.counters, True, r.until, r.case_id)


async def _finish(
    ctx: Context, rehearsal: state.Rehearsal, reply: ReplyOut, agreed: Package | None
) -> PracticeTurnOut:
    solver = SolverSettings(
        time_limit_s=min(DEBRIEF_TIME_LIMIT_S, ctx.services.settings.solver_time_limit_s),
        num_workers=1,
        alternatives=0,
    )
    loop = asyncio.get_running_loop()
    lesson = await loop.run_in_executor(
        ctx.services.proposals.pool, debrief, rehearsal.sandbox, agreed, solver
    )
    turn = _turn(ctx, _over(rehearsal), reply)
    return turn.model_copy(update={"debrief": _debrief_out(lesson)})


def _turn(ctx: Context, rehearsal: state.Rehearsal, reply: ReplyOut) -> PracticeTurnOut:
    return PracticeTurnOut(
        state=state.seal(ctx.services.settings.secret_key, rehearsal),
        round=len(rehearsal.offers),
        max_rounds=rehearsal.sandbox.max_rounds,
        over=rehearsal.over,
        reply=reply,
    )


def _reply(robot: Reply) -> ReplyOut:
    return ReplyOut(
        kind=robot.kind,  # type: ignore[arg-type]  # the robot's kinds are among ReplyOut's
        package=dict(robot.package) if robot.package is not None else None,
        messages=[_out(m) for m in robot.messages],
    )


def _debrief_out(lesson: Debrief) -> DebriefOut:
    return DebriefOut(
        agreed=dict(lesson.agreed) if lesson.agreed is not None else None,
        compromise=dict(lesson.compromise) if lesson.compromise is not None else None,
        explanation=[_out(m) for m in lesson.explanation],
        their_priorities=list(lesson.their_priorities),
        tips=[_out(m) for m in lesson.tips],
    )


def _out(message: Message) -> MessageOut:
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in message.params.items()}
    return MessageOut(key=message.key, params=params)


def _message_out(key: str) -> MessageOut:
    return MessageOut(key=key, params={})
