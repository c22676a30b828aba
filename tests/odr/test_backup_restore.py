"""The backup and restore drill (docs/operations.md): back up, keep negotiating, restore.

After the restore a room continues from the restored head without a hole or a repeated seq (a
client claiming more gets ``resync``), a signed settlement still verifies (over HTTP and with
``odr verify``), and the notices that were pending in the backup but sent since are not sent
again (counted on a real SMTP server). ``odr backup`` and ``odr restore`` run as processes, as an
administrator runs them, against SQLite and a real PostgreSQL (``pg_dump``/``pg_restore``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import stat
import tarfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy import select, update
from starlette.applications import Starlette

from odr.app import create_app
from odr.documents.keys import PlatformKey
from odr.notify import enqueue_notice
from odr.notify.sent_ledger import LEDGER_FILE
from odr.persistence.models import CaseEvent, OutboxNotice, User
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.builders.processes import free_port, odr
from tests.builders.room import joined_case
from tests.builders.settlement import signed_case
from tests.conftest import ORIGIN, PG_ADMIN_DSN, Client, FakeClock
from tests.odr.room_client import RoomClient, live_server
from tests.odr.room_processes import Processes, read_log

PACKAGES = [
    {"amount": "400000", "issue2": "сразу"},
    {"amount": "100000", "issue2": "в рассрочку"},
    {"amount": "350000", "issue2": "сразу"},
    {"amount": "150000", "issue2": "в рассрочку"},
    {"amount": "300000", "issue2": "через месяц"},
    {"amount": "200000", "issue2": "через месяц"},
]


@contextlib.asynccontextmanager
async def running(settings: Settings, clock: FakeClock) -> AsyncIterator[Starlette]:
    """One life of the service: start-up to shut-down (what a process restart ends)."""
    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        yield app


@contextlib.asynccontextmanager
async def clients_of(app: Starlette) -> AsyncIterator[Any]:
    made: list[Client] = []

    def make() -> Client:
        made.append(Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN))
        return made[-1]

    try:
        yield make
    finally:
        for client in made:
            await client.aclose()


def run_odr(env: dict[str, str], *args: str) -> Any:
    return odr(*args, data_dir=Path(env["ODR_DATA_DIR"]), **env)


async def offer(client: RoomClient, n: int) -> int:
    ack = await client.command("offer", package=PACKAGES[n])
    assert ack["type"] == "ack", ack
    return int(ack["seq"])


async def pending_notices(app: Starlette) -> list[str]:
    async with services_of(app).sessions() as db:
        return list(
            await db.scalars(select(OutboxNotice.kind).where(OutboxNotice.status == "pending"))
        )


async def stored_log(app: Starlette, case_id: str) -> list[tuple[int, str, str | None]]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
        return [(r.seq, r.type, r.idempotency_key) for r in rows]


def assert_dense(log: list[tuple[int, str, str | None]]) -> None:
    assert [seq for seq, _, _ in log] == list(range(1, len(log) + 1))
    keys = [key for _, _, key in log if key]
    assert len(keys) == len(set(keys)), keys


@pytest.mark.slow
async def test_back_up_keep_negotiating_restore(
    mail_env: dict[str, str], smtp: Smtp, clock: FakeClock, tmp_path: Path
) -> None:
    settings = load_settings(mail_env)
    backup = tmp_path / "kelisim.backup"
    async with running(settings, clock) as app, clients_of(app) as make_client:
        signer, case_id, signed = await signed_case(app, make_client)
        document = await signer.get(f"/api/cases/{case_id}/settlement/pdf")
        assert document.status_code == 200
        settlement_pdf = document.content
        async with live_server(app) as address:
            claimant, respondent, room_case = await joined_case(address, prefix="room-")
            await claimant.join(room_case)
            await respondent.join(room_case)
            assert [await offer(claimant, 0), await offer(respondent, 1)] == [1, 2]
            assert await offer(claimant, 2) == 3
            pending_at_backup = await pending_notices(app)
            assert "settlement_signed" in pending_at_backup

            made = run_odr(mail_env, "backup", "--out", str(backup))  # hot: the service runs
            assert made.returncode == 0, made.stderr
            assert "holds secrets" in made.stdout

            # Keep negotiating: two more offers, and every pending notice is sent.
            assert [await offer(respondent, 3), await offer(claimant, 4)] == [4, 5]
            await claimant.wait_seq(5)
            assert await services_of(app).outbox.flush() == len(pending_at_backup)
            sent_before_restore = len(smtp.inbox.messages)
            assert sent_before_restore == len(pending_at_backup)
            await claimant.disconnect()
            await respondent.disconnect()

    # The backup: one file, for its owner only, a manifest naming what it holds.
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with tarfile.open(backup) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("kelisim-backup.json").read())  # type: ignore[union-attr]
    assert manifest["database"] in names
    assert {"secret_key", "platform-signing-key.pem"} <= names
    assert manifest["counts_at_start"]["case_events"] >= 3

    restored = run_odr(mail_env, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    marked = f"not sent again): {len(pending_at_backup)}"
    assert marked in restored.stdout, restored.stdout

    async with running(settings, clock) as app, clients_of(app) as make_client:
        # Notices: the ones sent after the backup are sent, not pending, and go out no more.
        assert await pending_notices(app) == []
        assert await services_of(app).outbox.flush() == 0
        assert len(smtp.inbox.messages) == sent_before_restore

        # The room: back at the backup's head; a client holding more is told to resync.
        assert [seq for seq, _, _ in await stored_log(app, room_case)] == [1, 2, 3]
        async with live_server(app) as address:
            claimant.address = respondent.address = address
            await claimant.connect()
            told = await claimant.hello(room_case, last_seq=5)
            assert told["type"] == "resync" and told["head_seq"] == 3, told
            claimant.events.clear()
            assert (await claimant.hello(room_case, last_seq=0))["type"] == "welcome"
            await claimant.wait_seq(3)
            respondent.events.clear()
            await respondent.join(room_case)
            await respondent.wait_seq(3)
            assert await offer(respondent, 5) == 4  # continues at the restored head + 1
            await claimant.wait_seq(4)
            assert claimant.violations == [] and respondent.violations == []
            assert [e["seq"] for e in claimant.events] == [1, 2, 3, 4]
            await claimant.disconnect()
            await respondent.disconnect()
        log = await stored_log(app, room_case)
        assert [seq for seq, _, _ in log] == [1, 2, 3, 4]
        assert_dense(log)

        # The settlement: verifies by upload and by code, with the restored platform key.
        anyone = make_client()
        checked = await anyone.post(
            "/api/verify", content=settlement_pdf, headers={"content-type": "application/pdf"}
        )
        assert checked.status_code == 200 and checked.json()["valid"] is True, checked.text
        by_code = await anyone.get(f"/api/verify/{signed['verification_code']}")
        assert by_code.json()["valid"] is True

    pdf_file = tmp_path / "settlement.pdf"
    pdf_file.write_bytes(settlement_pdf)
    offline = run_odr(mail_env, "verify", str(pdf_file))
    assert offline.returncode == 0 and "VALID" in offline.stdout, offline.stdout + offline.stderr


async def test_a_notice_the_ledger_has_is_not_sent_again_but_one_reusing_its_id_is(
    mail_env: dict[str, str], smtp: Smtp, clock: FakeClock
) -> None:
    """The worker's own check, for a database brought back by other means than odr restore."""
    settings = load_settings(mail_env)
    async with running(settings, clock) as app, clients_of(app) as make_client:
        await make_client().signup("aigerim@example.kz")
        services = services_of(app)
        async with services.sessions() as db:
            user_id = await db.scalar(select(User.id).where(User.email == "aigerim@example.kz"))
            assert user_id is not None
            await enqueue_notice(
                db,
                user_id=user_id,
                kind="password_reset",
                params={"minutes": 30},
                secret_params={"link": "https://kelisim.example/reset#token=s3cret"},
                secret_key=settings.secret_key,
                now=clock(),
            )
            await db.commit()
            row = await db.scalar(select(OutboxNotice).where(OutboxNotice.user_id == user_id))
            assert row is not None
            as_queued = (row.id, dict(row.params), row.created_at)
        assert await services.outbox.flush() == 1
        assert "s3cret" in smtp.inbox.messages[0].get_content()
        ledger = (settings.data_dir / LEDGER_FILE).read_text()
        assert len(ledger.splitlines()) == 1 and "s3cret" not in ledger
        assert stat.S_IMODE((settings.data_dir / LEDGER_FILE).stat().st_mode) == 0o600

        # The row as a backup taken before sending holds it: pending, its secret still sealed.
        await _put_back(services, as_queued[0], "pending", as_queued[1])
        assert await services.outbox.flush() == 0
        assert len(smtp.inbox.messages) == 1
        async with services.sessions() as db:
            again = await db.get_one(OutboxNotice, as_queued[0])
            assert again.status == "sent" and "_sealed" not in again.params

        # A new notice that gets the same row id after a restore is another notice: it is sent.
        clock.advance(seconds=5)
        async with services.sessions() as db:
            await db.delete(await db.get_one(OutboxNotice, as_queued[0]))
            await db.flush()
            await enqueue_notice(
                db, user_id=user_id, kind="password_reset", params={"minutes": 30}, now=clock()
            )
            await db.flush()
            await db.execute(
                update(OutboxNotice)
                .where(OutboxNotice.user_id == user_id)
                .values(id=as_queued[0])
                .execution_options(synchronize_session=False)
            )
            await db.commit()
        assert await services.outbox.flush() == 1
        first, second = smtp.inbox.messages
        assert first["Message-ID"] != second["Message-ID"]
        assert first["Message-ID"].startswith(f"<kelisim-notice-{as_queued[0]}.")


async def _put_back(services: Any, notice_id: int, status: str, params: dict[str, Any]) -> None:
    async with services.sessions() as db:
        await db.execute(
            update(OutboxNotice)
            .where(OutboxNotice.id == notice_id)
            .values(status=status, sent_at=None, params=params, attempts=0)
        )
        await db.commit()


@pytest.mark.slow
async def test_restore_refused_while_serving_and_the_restarted_server_continues_the_room(
    env: dict[str, str], tmp_path: Path
) -> None:
    backup = tmp_path / "kelisim.backup"
    async with Processes(tmp_path / "servers") as processes:
        server = processes.odr("a", free_port(), **_server_env(env))
        await server.start()
        claimant, respondent, case_id = await joined_case(server.address)
        await claimant.join(case_id)
        await respondent.join(case_id)
        assert [await offer(claimant, 0), await offer(respondent, 1)] == [1, 2]
        made = run_odr(server.env, "backup", "--out", str(backup))
        assert made.returncode == 0, made.stderr
        assert [await offer(claimant, 2), await offer(respondent, 3)] == [3, 4]
        await claimant.wait_seq(4)

        refused = run_odr(server.env, "restore", str(backup), "--yes")
        assert refused.returncode == 2, refused.stdout
        assert "stop every odr serve" in refused.stderr
        assert [e.seq for e in await read_log(server.env, case_id)] == [1, 2, 3, 4]

        await claimant.disconnect()
        await respondent.disconnect()
        await server.stop()
        restored = run_odr(server.env, "restore", str(backup), "--yes")
        assert restored.returncode == 0, restored.stderr
        await server.start()

        await claimant.connect()
        told = await claimant.hello(case_id)  # last_seq 4, past the restored head
        assert told["type"] == "resync" and told["head_seq"] == 2, told
        claimant.events.clear()
        assert (await claimant.hello(case_id, last_seq=0))["type"] == "welcome"
        await claimant.wait_seq(2)
        respondent.events.clear()
        await respondent.join(case_id)
        assert await offer(claimant, 4) == 3
        await respondent.wait_seq(3)
        assert claimant.violations == [] and respondent.violations == []
        log = await read_log(server.env, case_id)
        assert [e.seq for e in log] == [1, 2, 3]
        assert log[2].data["package"] == PACKAGES[4]
        await claimant.disconnect()
        await respondent.disconnect()


def _server_env(env: dict[str, str]) -> dict[str, str]:
    """The server's database: the test's PostgreSQL one, or SQLite in its own data directory."""
    url = env["ODR_DATABASE_URL"]
    return {} if url.startswith("sqlite") else {"ODR_DATABASE_URL": url}


@pytest.mark.slow
async def test_a_new_machine_gets_the_keys_and_the_database_back(
    env: dict[str, str], tmp_path: Path, clock: FakeClock
) -> None:
    """Restored into an empty data directory (and, on PostgreSQL, a new database)."""
    settings = load_settings(env)
    key = PlatformKey.in_directory(settings.data_dir)  # as the first sealed settlement makes it
    async with running(settings, clock) as app, clients_of(app) as make_client:
        await make_client().signup("aigerim@example.kz")
    backup = tmp_path / "kelisim.backup"
    assert run_odr(env, "backup", "--out", str(backup)).returncode == 0

    new_dir = tmp_path / "new-machine"
    async with _new_database(env) as url:
        new_env = {**env, "ODR_DATA_DIR": str(new_dir), "ODR_DATABASE_URL": url}
        if url.startswith("sqlite"):
            new_env["ODR_DATABASE_URL"] = f"sqlite+aiosqlite:///{new_dir / 'kelisim.sqlite3'}"
        restored = run_odr(new_env, "restore", str(backup), "--yes")
        assert restored.returncode == 0, restored.stderr
        assert f"platform signing key {key.key_id}: restored from the backup" in restored.stdout
        assert (new_dir / "secret_key").read_text() == settings.secret_key
        assert PlatformKey.in_directory(new_dir).key_id == key.key_id
        async with running(load_settings(new_env), clock) as app, clients_of(app) as make:
            login = await make().post(
                "/api/auth/login",
                json={"email": "aigerim@example.kz", "password": "correct horse battery"},
            )
            assert login.status_code == 200, login.text


@contextlib.asynccontextmanager
async def _new_database(env: dict[str, str]) -> AsyncIterator[str]:
    url = env["ODR_DATABASE_URL"]
    if url.startswith("sqlite"):
        yield url
        return
    name = f"{url.rsplit('/', 1)[1]}_restored"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{url.rsplit('/', 1)[0]}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.mark.slow
def test_refusals_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    env = {"ODR_DATA_DIR": str(tmp_path / "data")}
    assert run_odr(env, "migrate").returncode == 0
    backup = tmp_path / "kelisim.backup"
    assert run_odr(env, "backup", "--out", str(backup)).returncode == 0

    again = run_odr(env, "backup", "--out", str(backup))
    assert (again.returncode, again.stderr.count("\n")) == (2, 1)
    assert "already exists" in again.stderr

    unasked = run_odr(env, "restore", str(backup))  # stdin is not a terminal: no silent yes
    assert unasked.returncode == 2 and "--yes" in unasked.stderr

    garbage = tmp_path / "garbage.backup"
    garbage.write_bytes(b"not a backup")
    refused = run_odr(env, "restore", str(garbage), "--yes")
    assert (refused.returncode, refused.stderr.count("\n")) == (2, 1)
    assert "cannot be read as a Kelisim backup" in refused.stderr

    # A damaged member: refused before the database is touched.
    damaged = tmp_path / "damaged.backup"
    with tarfile.open(backup) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "secret_key":
                data = b"x" * len(data)
            target.addfile(member, io.BytesIO(data))
    database = tmp_path / "data" / "kelisim.sqlite3"
    before = database.read_bytes()
    refused = run_odr(env, "restore", str(damaged), "--yes")
    assert refused.returncode == 2 and "secret_key is damaged" in refused.stderr
    assert database.read_bytes() == before

    elsewhere = run_odr({**env, "ODR_DATABASE_URL": PG_ADMIN_DSN}, "restore", str(backup), "--yes")
    assert elsewhere.returncode == 2 and "backup of a sqlite database" in elsewhere.stderr


@pytest.mark.slow
@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_dump_that_breaks_off_commits_nothing(
    env: dict[str, str], tmp_path: Path, backend: str
) -> None:
    """pg_restore failing half-way: psql got half a script, and must not commit it."""
    assert run_odr(env, "migrate").returncode == 0
    backup = tmp_path / "kelisim.backup"
    assert run_odr(env, "backup", "--out", str(backup)).returncode == 0
    cut = tmp_path / "cut.backup"
    with tarfile.open(backup) as source, tarfile.open(cut, "w:gz") as target:
        files = {m.name: source.extractfile(m).read() for m in source.getmembers()}  # type: ignore[union-attr]
        dump = files["database.pgdump"][: len(files["database.pgdump"]) // 2]
        manifest = json.loads(files["kelisim-backup.json"])
        manifest["members"]["database.pgdump"] = hashlib.sha256(dump).hexdigest()
        files.update(
            {"database.pgdump": dump, "kelisim-backup.json": json.dumps(manifest).encode()}
        )
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    asyncio.run(_execute(env["ODR_DATABASE_URL"], "CREATE TABLE made_after_the_backup (a int)"))
    refused = run_odr(env, "restore", str(cut), "--yes")
    assert refused.returncode == 2 and "nothing was committed" in refused.stderr
    tables = "SELECT count(*) FROM pg_tables WHERE tablename = 'made_after_the_backup'"
    assert asyncio.run(_execute(env["ODR_DATABASE_URL"], tables)) == 1
    assert run_odr(env, "restore", str(backup), "--yes").returncode == 0
    assert asyncio.run(_execute(env["ODR_DATABASE_URL"], tables)) == 0


async def _execute(url: str, sql: str) -> Any:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()
