"""A rolling restart under load loses nothing, repeats nothing and shows nobody an error.

Two ``odr serve`` instances (PostgreSQL, their own Redis), several rooms whose two parties sit on
different instances and send offers continuously. Instance A is stopped with SIGTERM and started
again, then B. A client whose socket closes with 1012 reconnects at once to the other instance,
resumes from its last ``seq`` and resends its unacknowledged offers with their keys, as
``static/app/room/connection.js`` does. At the end every acknowledged offer is in the log exactly
once, each client's view is the log, no client saw an error frame, an HTTP error or another close
code, and offers reached the other party in under a second (p99) during the restarts.

While A is down, notices are queued and B leases them all, its SMTP server holding the first
one; when B is stopped it finishes that one and gives the others back, and A sends them within
seconds (a killed instance's leases last 2 minutes). ``--workers 2`` is checked here too: both
processes serve, and a room spanning them works.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from odr.persistence.engine import make_engine, make_sessionmaker
from odr.settings import load_settings
from tests.builders.notices import queue_notices
from tests.builders.processes import free_port
from tests.builders.room import joined_case
from tests.conftest import _truncate_all, run
from tests.odr import frame_check
from tests.odr.room_client import RoomClient
from tests.odr.room_processes import SECRET_KEY, OdrServer, Processes, free_ports, read_log

ROOMS = 4
OFFER_EVERY_S = 0.25  # per party: 8 parties, 32 offers/s in all
NOTICES = 12
GRACE_S = 5
AMOUNTS = [str(step * 10000) for step in range(43)]
TERMS = ["сразу", "через месяц", "в рассрочку"]


def package(n: int) -> dict[str, str]:
    return {"amount": AMOUNTS[n % len(AMOUNTS)], "issue2": TERMS[(n // len(AMOUNTS)) % 3]}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@pytest.fixture
def postgres(postgres_url: str) -> str:
    run(_truncate_all(postgres_url))
    return postgres_url


# -- a party that moves to the other instance on 1012 ------------------------------------------


@dataclass
class Room:
    case_id: str
    sent: int = 0
    pending: dict[int, float] = field(default_factory=dict)  # package number -> send time


@dataclass
class Party:
    name: str
    room: Room
    role: str
    cookies: dict[str, str]
    addresses: list[str]  # where it connects first, then the other
    events: list[dict[str, Any]] = field(default_factory=list)
    unacked: dict[str, str] = field(default_factory=dict)  # key -> frame, in sending order
    acked: dict[str, int] = field(default_factory=dict)
    sent_keys: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # errors, HTTP errors, odd closes, gaps
    close_codes: Counter[int] = field(default_factory=Counter)
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (sent at, took)
    ws: ClientConnection | None = None
    welcomed: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: bool = False
    resends: set[asyncio.Future[None]] = field(default_factory=set)

    @property
    def last_seq(self) -> int:
        return self.events[-1]["seq"] if self.events else 0

    async def keep_connected(self) -> None:
        """Connect, read until the socket closes, move to the other instance on 1012."""
        while not self.stopping:
            address = self.addresses[0]
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            try:
                self.ws = await connect(
                    f"ws://{address}/ws",
                    origin=f"http://{address}",  # type: ignore[arg-type]
                    additional_headers={"cookie": cookie},
                    compression=None,
                )
            except InvalidStatus as exc:
                self.problems.append(f"HTTP {exc.response.status_code} from {address}")
                await asyncio.sleep(0.2)
                continue
            except OSError:  # refused: that instance is not listening now
                self.addresses.reverse()
                await asyncio.sleep(0.05)
                continue
            await self.ws.send(
                json.dumps(
                    {"type": "hello", "case_id": self.room.case_id, "last_seq": self.last_seq}
                )
            )
            try:
                async for raw in self.ws:
                    self._receive(frame_check.room_frame(raw))
            except ConnectionClosed:
                pass
            self.welcomed.clear()
            code = self.ws.close_code or 0
            self.ws = None
            if self.stopping:
                return
            self.close_codes[code] += 1
            if code != 1012:
                self.problems.append(f"closed with {code} by {address}")
            self.addresses.reverse()  # at once, to the other instance

    def _receive(self, frame: dict[str, Any]) -> None:
        now = time.perf_counter()
        kind = frame["type"]
        if kind == "welcome":
            for text in self.unacked.values():  # the same keys: stored once whatever happened
                task = asyncio.ensure_future(self._send_text(text))
                self.resends.add(task)
                task.add_done_callback(self.resends.discard)
            self.welcomed.set()
        elif kind == "event":
            if frame["seq"] <= self.last_seq:
                return
            if frame["seq"] != self.last_seq + 1:
                self.problems.append(f"gap: seq {frame['seq']} after {self.last_seq}")
                return
            self.events.append(frame)
            if frame["event"] == "offer" and frame["actor"]["role"] != self.role:
                number = int(frame["data"]["package"]["amount"]) // 10000
                number += 43 * TERMS.index(frame["data"]["package"]["issue2"])
                sent_at = self.room.pending.pop(number, None)
                if sent_at is not None:
                    self.latencies.append((sent_at, now - sent_at))
        elif kind == "ack":
            self.unacked.pop(frame["key"], None)
            self.acked[frame["key"]] = frame["seq"]
        elif kind == "error":
            self.problems.append(f"error frame {frame}")

    async def _send_text(self, text: str) -> None:
        if self.ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await self.ws.send(text)

    async def offer(self) -> None:
        number = self.room.sent % (43 * 3)
        self.room.sent += 1
        key = f"{self.name}-{len(self.sent_keys)}"
        text = json.dumps({"type": "offer", "key": key, "package": package(number)})
        self.sent_keys.append(key)
        self.unacked[key] = text
        self.room.pending[number] = time.perf_counter()
        if self.welcomed.is_set():
            await self._send_text(text)


async def offer_continuously(party: Party, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await party.offer()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(OFFER_EVERY_S):
                await stop.wait()


async def set_up_rooms(first: OdrServer, second: OdrServer) -> list[Party]:
    parties: list[Party] = []
    for index in range(ROOMS):
        claimant, respondent, case_id = await joined_case(first.address, prefix=f"r{index}-")
        room = Room(case_id)
        for client, role, home in (
            (claimant, "claimant", [first.address, second.address]),
            (respondent, "respondent", [second.address, first.address]),
        ):
            parties.append(Party(f"{role}{index}", room, role, client.cookies, home))
    return parties


# -- an SMTP server that can hold a letter ---------------------------------------------------------


@dataclass
class HoldingInbox:
    """Keeps every letter's Message-ID; while ``hold`` is set, a letter waits before its 250."""

    hold: threading.Event = field(default_factory=threading.Event)
    received: list[tuple[str, float]] = field(default_factory=list)
    """The test's own queued reminders (reference R-n); the room's own letters ("a new offer")
    go to ``others``, checked for duplicates too."""
    others: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        while self.hold.is_set():  # noqa: ASYNC110 (a threading.Event, set from the test's loop)
            await asyncio.sleep(0.02)
        assert isinstance(envelope.content, bytes)
        text = envelope.content.decode(errors="replace")
        for line in text.splitlines():
            if line.lower().startswith("message-id:"):
                message_id = line.split(":", 1)[1].strip()
                if re.search(r"\bR-\d+\b", text):
                    self.received.append((message_id, time.monotonic()))
                else:
                    self.others.append(message_id)
        return "250 OK"


@contextlib.asynccontextmanager
async def smtp_server(inbox: HoldingInbox) -> AsyncIterator[int]:
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


async def queue_reminders(env: dict[str, str], email: str, count: int) -> None:
    settings = load_settings({"ODR_SECRET_KEY": SECRET_KEY, **env})
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as db, db.begin():
            await queue_notices(
                db,
                email,
                count,
                "deadline_reminder",
                lambda n: {"reference": f"R-{n}", "subject": "s", "deadline": "d", "hours": 1},
            )
    finally:
        await engine.dispose()


async def until(check: Callable[[], bool], within: float = 20) -> None:
    """Wait for ``check()``, changed by other tasks and threads (sockets, the SMTP server)."""
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110 (set from readers and another thread)
            await asyncio.sleep(0.05)


async def stop_within(server: OdrServer, bound: float) -> float:
    """SIGTERM; the seconds it took to exit, which must be under ``bound``."""
    assert server.process is not None
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    while server.process.poll() is None:
        assert time.monotonic() - started < bound, f"{server.name} still running after {bound} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


@pytest.mark.slow
@pytest.mark.postgres
async def test_rolling_restart_under_load_loses_repeats_and_shows_nothing(
    tmp_path: Path, postgres: str
) -> None:
    inbox = HoldingInbox()
    redis_port, port_a, port_b = free_ports(3)
    async with smtp_server(inbox) as smtp_port, Processes(tmp_path) as processes:
        redis = processes.redis(redis_port)
        await redis.start()
        env = {
            "ODR_DATABASE_URL": postgres,
            "ODR_REDIS_URL": redis.url,
            "ODR_SECRET_KEY": SECRET_KEY,
            "ODR_SHUTDOWN_GRACE_S": str(GRACE_S),
            "ODR_SCHEDULER_INTERVAL_S": "0.3",
            "ODR_SMTP_HOST": "127.0.0.1",
            "ODR_SMTP_PORT": str(smtp_port),
            "ODR_ALLOWED_ORIGINS": f"http://127.0.0.1:{port_a},http://127.0.0.1:{port_b}",
        }
        a = processes.odr("a", port_a, **env)
        b = processes.odr("b", port_b, **env)
        await asyncio.gather(a.start(), b.start())
        parties = await set_up_rooms(a, b)
        readers = [asyncio.create_task(p.keep_connected()) for p in parties]
        async with asyncio.timeout(20):
            await asyncio.gather(*(p.welcomed.wait() for p in parties))
        stop = asyncio.Event()
        senders = [asyncio.create_task(offer_continuously(p, stop)) for p in parties]
        try:
            await asyncio.sleep(2)
            restart_began = time.perf_counter()

            took_a = await stop_within(a, GRACE_S + 3)
            # While A is down B leases every notice, and its SMTP server holds the first one.
            inbox.hold.set()
            await queue_reminders(env, "r0-claimant@example.kz", NOTICES)
            await a.start()
            await asyncio.sleep(1.5)  # A serves again; B still holds every notice's lease

            stopping_b = time.monotonic()
            b_stopped = asyncio.create_task(stop_within(b, GRACE_S + 3))
            await asyncio.sleep(0.3)
            inbox.hold.clear()  # B finishes the letter in hand and gives the rest back
            took_b = await b_stopped
            await b.start()
            await asyncio.sleep(2)
            restart_ended = time.perf_counter()
        finally:
            stop.set()
            await asyncio.gather(*senders, return_exceptions=True)

        # Everything sent is acknowledged and delivered, then the clients leave.
        await until(lambda: not any(p.unacked or p.room.pending for p in parties))
        heads = {p.room.case_id: 0 for p in parties}
        for party in parties:
            heads[party.room.case_id] = max([heads[party.room.case_id], *party.acked.values()])
        await until(lambda: all(p.last_seq >= heads[p.room.case_id] for p in parties))
        for party in parties:
            party.stopping = True
            if party.ws is not None:
                await party.ws.close()
        await asyncio.gather(*readers, return_exceptions=True)

        await until(lambda: len(inbox.received) >= NOTICES)
        letters_done = max(at for _, at in inbox.received)
        await asyncio.sleep(1)  # nothing may come twice, even late

        for case_id in {p.room.case_id for p in parties}:
            log = await read_log(env, case_id)
            assert [e.seq for e in log] == list(range(1, len(log) + 1))
            keys = Counter(e.key for e in log)
            sent = [k for p in parties if p.room.case_id == case_id for k in p.sent_keys]
            assert keys == Counter(sent), f"twice: {[k for k, n in keys.items() if n > 1]}"
            by_seq = {e.seq: e for e in log}
            for party in (p for p in parties if p.room.case_id == case_id):
                assert party.problems == [], party.problems
                assert [e["seq"] for e in party.events] == [e.seq for e in log]
                assert [(e["event"], e["data"]) for e in party.events] == [
                    (e.type, e.data) for e in log
                ]
                for key, seq in party.acked.items():
                    assert by_seq[seq].key == key

        during = [
            t for p in parties for at, t in p.latencies if restart_began <= at <= restart_ended
        ]
        everything = [t for p in parties for _, t in p.latencies]
        ids = Counter(message_id for message_id, _ in inbox.received)
        moved = sum(p.close_codes[1012] for p in parties)
        print(
            f"\nrolling restart: {sum(len(p.sent_keys) for p in parties)} offers, {moved} sockets "
            f"moved on 1012; A stopped in {took_a:.2f} s, B in {took_b:.2f} s; offer -> other "
            f"party during the restarts: p50 {1000 * percentile(during, 0.5):.0f} ms, "
            f"p99 {1000 * percentile(during, 0.99):.0f} ms, max {1000 * max(during):.0f} ms "
            f"({len(during)} offers; all: p99 {1000 * percentile(everything, 0.99):.0f} ms); "
            f"the notices B gave back were all sent {letters_done - stopping_b:.1f} s after "
            "its SIGTERM"
        )
        assert moved >= len(parties), "every socket should have moved at least once"
        assert percentile(during, 0.99) < 1.0
        assert len(ids) == NOTICES and set(ids.values()) == {1}, ids
        assert set(Counter(inbox.others).values()) <= {1}, inbox.others  # none twice either
        assert letters_done - stopping_b < 10, "a released lease is taken over at once"


@pytest.mark.slow
@pytest.mark.postgres
async def test_two_workers_both_serve_and_a_room_spans_them(tmp_path: Path, postgres: str) -> None:
    redis_port, port = free_ports(2)
    async with Processes(tmp_path) as processes:
        redis = processes.redis(redis_port)
        await redis.start()
        plain = processes.odr("workers", port, ODR_DATABASE_URL=postgres, ODR_REDIS_URL=redis.url)
        server = WorkersServer(
            plain.name, {**plain.env, "ODR_SECRET_KEY": SECRET_KEY}, port, plain.log_path
        )
        processes.children.append(server)
        await server.start()
        claimant, respondent, case_id = await joined_case(server.address)
        # A socket lands on whichever worker accepts it first, so one may take a run of them:
        # open sockets (claimant, respondent, …) until both workers hold some, 40 at most.
        clients: list[RoomClient] = []
        pids: set[int] = set()
        for n in range(40):
            party = (claimant, respondent)[n % 2]
            client = RoomClient(server.address, party.cookies, party.csrf)
            await client.join(case_id)
            clients.append(client)
            if n >= 7:
                pids = serving_pids(server, clients)
                if len(pids) == 2:
                    break
        assert len(pids) == 2, f"both workers serve: {pids} after {len(clients)} sockets"
        ack = await clients[0].command("offer", package=package(3))
        assert ack["type"] == "ack", ack
        ack = await clients[1].command("message", text="seen everywhere")
        assert ack["type"] == "ack", ack
        for client in clients:
            await client.wait_seq(ack["seq"])
            assert [e["event"] for e in client.events] == ["offer", "message"]
        for client in clients:
            await client.disconnect()
        took = await stop_within(server, 15)
        print(f"\n--workers 2: sockets on workers {sorted(pids)}; stopped in {took:.2f} s")


class WorkersServer(OdrServer):
    """``odr serve --workers 2``."""

    def _spawn(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        super()._spawn([*argv, "--workers", "2"], env)


def serving_pids(server: OdrServer, clients: list[RoomClient]) -> set[int]:
    """The worker processes holding the clients' sockets (their peers on the server's port)."""
    assert server.process is not None
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    pids = {int(pid) for pid in children.read_text().split()}
    ours = set()
    for client in clients:
        assert client.ws is not None
        local = client.ws.local_address[1]
        for pid in pids:
            if _has_connection(pid, server.port, local):
                ours.add(pid)
    return ours


def _has_connection(pid: int, port: int, peer_port: int) -> bool:
    """Whether process ``pid`` has the TCP connection from ``peer_port`` to ``port`` open."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if (
            inode in inodes
            and int(local.split(":")[1], 16) == port
            and int(remote.split(":")[1], 16) == peer_port
        ):
            return True
    return False
