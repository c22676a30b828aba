"""What a request handler may use: built once per app in ``create_app``, no module globals.

Two layers, because the app's long-lived parts are themselves built from the basic ones:

- ``Core``: settings, the engine and its session factory, the password hasher, the clock, the
  metric families. The room, the outbox worker and the command line (``odr create-user``) are
  given this much.
- ``Services``: the core plus those long-lived parts (the endpoint registry, the room, the
  proposal service, the session-end watch, the deadline scheduler, the outbox worker, the rate
  limiters, the verification gate). A handler gets it as ``ctx.services``; a socket or plain
  route is given it when ``create_app`` builds the routes. The app also keeps it as
  ``app.state.services``, the one thing on ``app.state`` (for tests and tools), and nothing in
  ``odr/`` reads it from there.

The parts' classes are imported only for type checking: their modules import ``Core`` and
``Clock`` from here, so importing them at run time would be a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from odr.auth.passwords import PasswordHasherPool
from odr.metrics.instruments import Metrics
from odr.settings import Settings
from odr.shutdown import Shutdown

if TYPE_CHECKING:
    from odr.auth.session_end import SessionWatch
    from odr.centre.deadlines import DeadlineScheduler
    from odr.negotiating.division_service import DivisionService
    from odr.negotiating.improvement import ImprovementService
    from odr.negotiating.proposals import ProposalService
    from odr.notify.room_letters import RoomLetters
    from odr.notify.worker import OutboxWorker
    from odr.room.room import Room
    from odr.settlement.verification import VerificationGate
    from odr.web.api import Api
    from odr.web.ratelimit import RateLimiters

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Core:
    """The basic resources of one app (or one command-line run), shared by everything in it."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    hasher: PasswordHasherPool
    clock: Clock = utc_now
    metrics: Metrics = field(default_factory=Metrics)
    """This app's metric families (``odr/metrics``), fed by the room, the middleware, …"""


@dataclass(frozen=True, kw_only=True)
class Services(Core):
    """The core and the app's long-lived parts; see the module docstring."""

    api: Api
    room: Room
    proposals: ProposalService
    division: DivisionService
    """Fair division: the allocation once every party stated its points (shares the pool)."""
    improvements: ImprovementService
    """Post-settlement improvement after each package agreement (odr/negotiating/improvement)."""
    session_watch: SessionWatch
    """Closes the sockets of ended sessions on every instance (``odr/auth/session_end.py``)."""
    scheduler: DeadlineScheduler
    outbox: OutboxWorker
    room_letters: RoomLetters
    """Queues the letters room events call for ("a new offer", "your turn"), off their path."""
    rate_limiters: RateLimiters
    """The public endpoints' per-key budgets (``odr/web/ratelimit.py``), empty in every new app."""
    verification_gate: VerificationGate
    """Bounds how many uploaded PDFs are verified at once (``odr/settlement/verification.py``)."""
    shutdown: Shutdown = field(default_factory=Shutdown)
    """Set when the instance stops: sockets hand their clients over (``odr/shutdown.py``)."""
