"""Room commands on the driver (``odr/room/store/``): the log's rules under races, stale caches,
failures and cancellation, and what they write read back through the ORM.

Commands are called directly (``odr.room.commands.execute``), without sockets, so that many can
race; ``test_room*.py`` cover the same rules end to end over WebSockets.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from negotiation import protocol
from odr.persistence.models import Case, CaseEvent, User
from odr.room import channel, moves, store
from odr.room.commands import execute
from odr.room.errors import CommandRefused
from odr.room.frames import Accept, Command, MakeOffer, SendMessage
from odr.room.log import LoggedEvent, NewEvent
from odr.room.room import Room
from odr.room.state_cache import Known, StateCache, fold
from odr.settings import Settings
from realtime.hub import Listener
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.conftest import Client, FakeClock, MakeClient

keys = itertools.count(1)

TWO_PARTIES = ("claimant", "respondent")


def package(n: int) -> dict[str, str]:
    terms = ["сразу", "через месяц", "в рассрочку"]
    return {"amount": str(10000 * (n % 43)), "issue2": terms[(n // 43) % 3]}


def offer(n: int, key: str | None = None, counter_to: int | None = None) -> MakeOffer:
    return MakeOffer(
        type="offer", key=key or f"k{next(keys)}", package=package(n), counter_to=counter_to
    )


def message(text: str, key: str | None = None) -> SendMessage:
    return SendMessage(type="message", key=key or f"k{next(keys)}", text=text)


def accept(version: int, key: str | None = None) -> Accept:
    return Accept(type="accept", key=key or f"k{next(keys)}", version=version)


class Parties:
    def __init__(self, claimant: User, respondent: User, case_id: str) -> None:
        self.claimant, self.respondent, self.case_id = claimant, respondent, case_id

    async def do(self, room: Room, role: str, command: Command) -> int:
        user = self.claimant if role == "claimant" else self.respondent
        return await execute(room, user, role, self.case_id, command)

    async def refused(self, room: Room, role: str, command: Command) -> str:
        with pytest.raises(CommandRefused) as refused:
            await self.do(room, role, command)
        return refused.value.code


async def parties(app: Starlette, make_client: MakeClient) -> Parties:
    claimant: Client = make_client()
    await claimant.signup("claimant@example.kz")
    created = await open_case(claimant)
    respondent: Client = make_client()
    await respondent.signup("ruslan@example.kz")
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    async with services_of(app).sessions() as db:
        users = {u.email: u for u in await db.scalars(select(User))}
    return Parties(users["claimant@example.kz"], users["ruslan@example.kz"], created["case"]["id"])


async def log_of(app: Starlette, case_id: str) -> list[CaseEvent]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
        return list(rows)


async def case_row(app: Starlette, case_id: str) -> Case:
    async with services_of(app).sessions() as db:
        case: Case | None = await db.get(Case, case_id)
        assert case is not None
        return case


async def set_status(app: Starlette, case_id: str, status: str) -> None:
    """Another writer changes the case behind the room's back (no event logged)."""
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case_id)
        case.status = status
        await db.commit()


def listen(room: Room, case_id: str) -> Listener:
    return room.hub.join(channel.channel_name(case_id))


async def published(listener: Listener, settle: float = 0.2) -> list[int]:
    """Seqs of the events published on the listener's channel so far (waits for quiet)."""
    seqs: list[int] = []
    while True:
        try:
            async with asyncio.timeout(settle):
                message = await listener.get()
        except TimeoutError:
            return seqs
        assert isinstance(message, bytes)
        parsed = channel.read(message)
        if parsed is not None and parsed.kind == "event":
            seqs.append(parsed.seq)


def assert_well_formed(log: list[CaseEvent], case: Case) -> protocol.NegotiationState:
    """Dense seqs from 1, each key once, and a log the protocol folds without complaint."""
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    keyed = Counter((e.actor_user_id, e.idempotency_key) for e in log if e.idempotency_key)
    assert all(n == 1 for n in keyed.values()), keyed
    events = [
        LoggedEvent(e.case_id, e.seq, e.type, e.actor_user_id, e.actor_role, e.data, e.created_at)
        for e in log
    ]
    opened = moves.opening(TWO_PARTIES, case.issues, case.created_at)
    return fold(opened, events, moves.to_protocol_events)


async def test_commands_commit_then_publish_and_read_back_through_the_orm(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    listener = listen(room, p.case_id)
    assert await p.do(room, "claimant", message("Сәлем")) == 1
    clock.advance(seconds=1)
    assert await p.do(room, "claimant", offer(5)) == 2
    clock.advance(seconds=1)
    assert await p.do(room, "respondent", offer(7, counter_to=1)) == 3
    clock.advance(seconds=1)
    agreed_at = clock.now
    assert await p.do(room, "claimant", accept(2)) == 4
    assert await published(listener) == [1, 2, 3, 4, 5]
    log = await log_of(app, p.case_id)
    assert [(e.seq, e.type, e.actor_role) for e in log] == [
        (1, "message", "claimant"),
        (2, "offer", "claimant"),
        (3, "counter_offer", "respondent"),
        (4, "accept", "claimant"),
        (5, "agreement", "system"),
    ]
    assert log[0].data == {"text": "Сәлем"}
    assert log[2].data == {"version": 2, "package": package(7), "counter_to": 1}
    assert log[4].data == {"version": 2, "package": package(7)}
    assert log[3].created_at == log[4].created_at == agreed_at  # aware UTC, to the microsecond
    assert log[3].created_at.tzinfo is not None
    case = await case_row(app, p.case_id)
    assert (case.status, case.updated_at) == ("agreed", agreed_at)
    assert assert_well_formed(log, case).status == "agreed"
    assert await p.refused(room, "respondent", message("late")) == "room_closed"
    listener.leave()


async def test_refused_and_rolled_back_commands_store_and_publish_nothing(
    app: Starlette, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    listener = listen(room, p.case_id)
    assert await p.do(room, "claimant", offer(1)) == 1
    assert await p.refused(room, "claimant", accept(1)) == "own_offer"
    # The acceptance is inserted together with the agreement, then the case's status update
    # fails: the whole transaction rolls back.
    monkeypatch.setattr(store.postgres, "PG_STATUS", "UPDATE no_such_table SET x = 1")
    monkeypatch.setattr(store.sqlite, "SQLITE_STATUS", "UPDATE no_such_table SET x = 1")
    with pytest.raises(Exception, match="no_such_table"):
        await p.do(room, "respondent", accept(1, key="acc"))
    monkeypatch.undo()
    assert await published(listener) == [1]
    assert [e.type for e in await log_of(app, p.case_id)] == ["offer"]
    assert (await case_row(app, p.case_id)).status == "open"
    # Nothing of it was remembered either: the retry is decided afresh and commits.
    assert await p.do(room, "respondent", accept(1, key="acc")) == 2
    assert await published(listener) == [2, 3]
    assert (await case_row(app, p.case_id)).status == "agreed"
    listener.leave()


async def test_a_retry_is_answered_with_its_first_ack_even_when_it_would_now_be_refused(
    app: Starlette, make_client: MakeClient
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    assert await p.do(room, "claimant", offer(1, key="o1")) == 1
    assert await p.do(room, "respondent", accept(1, key="a1")) == 2
    # The room is closed now (agreed), and the offer's version is long gone: still the acks.
    assert await p.do(room, "respondent", accept(1, key="a1")) == 2
    assert await p.do(room, "claimant", offer(1, key="o1")) == 1
    room.states.forget(p.case_id)
    assert await p.do(room, "claimant", offer(1, key="o1")) == 1
    assert len(await log_of(app, p.case_id)) == 3


async def test_a_cancelled_caller_leaves_a_command_whole_or_absent(
    app: Starlette, make_client: MakeClient
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    listener = listen(room, p.case_id)
    for n in range(6):
        task = asyncio.create_task(p.do(room, "claimant", message(f"m{n}")))
        await asyncio.sleep(0.001 * n)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0.3)
    assert await published(listener) == [e.seq for e in await log_of(app, p.case_id)]
    assert await p.do(room, "claimant", message("after")) == len(await log_of(app, p.case_id))
    listener.leave()


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_an_instance_with_a_stale_cache_decides_on_the_database(
    app: Starlette, make_client: MakeClient, settings: Settings, clock: FakeClock, backend: str
) -> None:
    p = await parties(app, make_client)
    a: Room = services_of(app).room
    other = create_second(settings, clock)
    async with other.router.lifespan_context(other):
        b: Room = services_of(other).room
        assert await p.do(a, "claimant", offer(1)) == 1  # a knows: v1 is live, head 1
        assert await p.do(b, "respondent", offer(2, counter_to=1)) == 2  # b made v2
        # a still believes v1 is live; the database says it was superseded.
        assert await p.refused(a, "respondent", accept(1)) == "stale_offer"
        assert await p.do(a, "claimant", message("seen")) == 3
        assert await p.do(a, "claimant", offer(3)) == 4
        assert (await log_of(app, p.case_id))[3].data["version"] == 3
        # Paused behind a's back (no event): a's guess of the status is checked at the write.
        await set_status(app, p.case_id, "paused")
        assert await p.refused(a, "claimant", message("paused?")) == "room_closed"
        assert await p.refused(a, "respondent", accept(3)) == "room_closed"
        await set_status(app, p.case_id, "open")
        assert await p.do(b, "respondent", accept(3)) == 5
        assert await p.refused(a, "claimant", message("over")) == "room_closed"
        log = await log_of(app, p.case_id)
        assert [e.type for e in log] == [
            "offer", "counter_offer", "message", "offer", "accept", "agreement",
        ]  # fmt: skip
        assert_well_formed(log, await case_row(app, p.case_id))


def create_second(settings: Settings, clock: FakeClock) -> Starlette:
    from odr.app import create_app

    return create_app(settings, clock=clock)


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_two_instances_racing_on_one_case_never_share_a_seq_or_lose_an_event(
    app: Starlette,
    make_client: MakeClient,
    settings: Settings,
    clock: FakeClock,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p = await parties(app, make_client)
    conflicts = spy_conflicts(monkeypatch)
    other = create_second(settings, clock)
    async with other.router.lifespan_context(other):
        rooms: list[Room] = [services_of(app).room, services_of(other).room]
        listeners = [listen(room, p.case_id) for room in rooms]
        acks: dict[str, list[int]] = {}
        expected: set[str] = set()

        async def command(room: Room, role: str, made: Command) -> None:
            try:
                seq = await p.do(room, role, made)
            except CommandRefused:
                return  # a move that lost its race (stale offer…): refused, never logged
            acks.setdefault(made.key, []).append(seq)

        async def system(room: Room, n: int) -> None:
            async def decide(_db: object) -> list[NewEvent]:
                return [NewEvent("system", {"n": n})]

            await room.record(p.case_id, decide)

        work: list[Awaitable[None]] = []
        for n in range(80):
            room = rooms[n % 2]
            role = ("claimant", "respondent")[(n // 2) % 2]
            made: Command = offer(n) if n % 3 == 0 else message(f"m{n}")
            expected.add(made.key)
            work.append(command(room, role, made))
            if n % 4 == 0:  # the same command, retried on the other instance at once
                work.append(command(rooms[(n + 1) % 2], role, made))
            if n % 10 == 0:  # a writer through an ORM session (proposals, deadlines…)
                work.append(system(rooms[(n + 1) % 2], n))
        await asyncio.gather(*work)
        # Then an acceptance, decided by whichever instance on whatever it knows.
        offers = [e for e in await log_of(app, p.case_id) if e.type == "offer"]
        other_party = "respondent" if offers[-1].actor_role == "claimant" else "claimant"
        await p.do(rooms[1], other_party, accept(len(offers)))

        log = await log_of(app, p.case_id)
        case = await case_row(app, p.case_id)
        state = assert_well_formed(log, case)
        assert (state.status, case.status, log[-1].type) == ("agreed", "agreed", "agreement")
        by_key = {e.idempotency_key: e.seq for e in log if e.idempotency_key}
        assert set(by_key) - expected == {next(iter(set(by_key) - expected))}  # the accept
        assert expected <= set(by_key)  # offers and messages: nothing lost, nothing refused
        for key, seqs in acks.items():
            assert set(seqs) == {by_key[key]}, (key, seqs)  # every ack names its one event
        assert len([e for e in log if e.type == "system"]) == 8
        # Each event was published once, by the instance that committed it, in seq order.
        seen = [await published(listener, settle=0.5) for listener in listeners]
        assert all(s == sorted(s) for s in seen)
        assert sorted(seen[0] + seen[1]) == [e.seq for e in log]
        for listener in listeners:
            listener.leave()
    assert conflicts[0] > 0  # the race was real: writes found the head moved and re-read


def spy_conflicts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts writes that found the case changed since their decision."""
    count = [0]
    write = store.PostgresCommands._write

    async def counted(self: store.PostgresCommands, *args: Any) -> None:
        try:
            await write(self, *args)
        except store.Conflict:
            count[0] += 1
            raise

    monkeypatch.setattr(store.PostgresCommands, "_write", counted)
    return count


def test_sqlite_times_are_stored_as_the_orm_stores_them() -> None:
    moment = datetime(2026, 3, 1, 14, 5, 7, 120, tzinfo=timezone(timedelta(hours=5)))
    assert store.sqlite_time(moment) == "2026-03-01 09:05:07.000120"
    assert store.sqlite_read_time(store.sqlite_time(moment)) == moment


def test_an_event_heard_past_the_cache_only_marks_it_stale() -> None:
    cache = StateCache(moves.to_protocol_events)
    issues = [{"name": "issue1", "options": ["a", "b"]}]
    state = moves.opening(TWO_PARTIES, issues, datetime(2026, 3, 1, tzinfo=UTC))
    cache.put("c", Known(3, "open", state))
    cache.heard_of("c", 3)  # its own event, published after the cache advanced
    cache.heard_of("unknown", 9)
    assert cache.get("c") == Known(3, "open", state)
    cache.heard_of("c", 4)  # another instance wrote: read before deciding, keep the fold
    assert cache.get("c") == Known(3, None, state)
    assert cache.get("unknown") is None


async def delete_events_after(app: Starlette, case_id: str, seq: int) -> None:
    """The log goes back under a running server (a backup restored, say)."""
    async with services_of(app).sessions() as db:
        for event in await db.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.seq > seq)
        ):
            await db.delete(event)
        await db.commit()


async def test_a_log_that_went_back_is_continued_without_a_hole(
    app: Starlette, make_client: MakeClient
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    for n in range(3):
        await p.do(room, ("claimant", "respondent")[n % 2], offer(n))
    await delete_events_after(app, p.case_id, 1)  # the room still believes the head is 3
    # It believes v3 (the claimant's) is live: accepting it would agree, on a log without it.
    assert await p.refused(room, "respondent", accept(3)) == "unknown_offer"
    assert await p.do(room, "claimant", message("still there?")) == 2  # not 4
    assert await p.do(room, "claimant", offer(9)) == 3  # version 2, decided on the real log
    assert await p.do(room, "respondent", accept(2)) == 4
    log = await log_of(app, p.case_id)
    assert [(e.seq, e.type) for e in log] == [
        (1, "offer"), (2, "message"), (3, "offer"), (4, "accept"), (5, "agreement"),
    ]  # fmt: skip
    assert log[2].data["version"] == 2
    assert_well_formed(log, await case_row(app, p.case_id))


async def test_warming_folds_the_case_ahead_of_its_first_move_and_writes_nothing(
    app: Starlette, make_client: MakeClient, settings: Settings
) -> None:
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    assert await p.do(room, "claimant", offer(1)) == 1
    assert await p.do(room, "respondent", message("hm")) == 2
    room.states.forget(p.case_id)
    await room.warm(p.case_id)
    known = room.states.get(p.case_id)
    assert known is not None and (known.seq, known.status, known.mechanism) == (
        2,
        "open",
        "packages",
    )
    assert known.state is not None and known.state.live_offer is not None
    assert (known.state.live_offer.version, set(known.state.accepted_by)) == (1, {"claimant"})
    assert [e.seq for e in await log_of(app, p.case_id)] == [1, 2]
    if not settings.is_sqlite:
        # The first move is decided on it: one guarded INSERT, no read of the case.
        reads: list[str] = []
        store_ = room.store
        assert isinstance(store_, store.PostgresCommands)
        original = store_._read_and_write

        async def read_and_write(*args: Any, **kwargs: Any) -> Any:
            reads.append(args[1])
            return await original(*args, **kwargs)

        store_._read_and_write = read_and_write  # type: ignore[method-assign]
        assert await p.do(room, "respondent", accept(1)) == 3
        assert reads == []
    else:
        assert await p.do(room, "respondent", accept(1)) == 3
    assert (await case_row(app, p.case_id)).status == "agreed"
    # Warming a case it knows is a no-op; a stale guess is corrected by the write.
    await room.warm(p.case_id)
    assert room.states.get(p.case_id) is not None
    assert room.states.get(p.case_id).seq == 4  # type: ignore[union-attr]


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_the_room_pool_opens_all_its_connections_at_once(
    app: Starlette, make_client: MakeClient, backend: str
) -> None:
    """Not one by one under load, where the commands waiting for a new connection waited
    50-170 ms for it to open (bench/realtime.py --profile, "pool acquire")."""
    p = await parties(app, make_client)
    room: Room = services_of(app).room
    assert await p.do(room, "claimant", message("hello")) == 1
    commands = room.store
    assert isinstance(commands, store.PostgresCommands)
    assert commands._pool is not None and commands._pool.get_size() == commands.max_size
    assert commands.pool_use() == (0, commands.max_size)
