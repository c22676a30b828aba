"""``odr restore`` right after the last server stopped: connections still closing are waited for.

A server that has just stopped has closed its sockets, but PostgreSQL lists each backend in
``pg_stat_activity`` until its process has exited; on a busy machine the restore saw them and
refused with "other connection(s) to the database" (the clean-clone CI met it twice). A client
that stays connected is still refused, after that short wait.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from odr.backup.commands import check_postgres_idle
from odr.settings import load_settings
from tests.builders.processes import odr


def run_odr(env: dict[str, str], *args: str) -> Any:
    return odr(*args, data_dir=Path(env["ODR_DATA_DIR"]), **env)


def asyncpg_dsn(env: dict[str, str]) -> str:
    return env["ODR_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_connection_that_is_closing_is_waited_for(env: dict[str, str]) -> None:
    """In process, to close the connection right after the restore first looked."""
    closing = await asyncpg.connect(asyncpg_dsn(env))

    async def close_soon() -> None:
        await asyncio.sleep(0.5)
        await closing.close()

    closer = asyncio.create_task(close_soon())
    await check_postgres_idle(load_settings(env))  # no BackupError: it waited
    await closer


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_connection_that_stays_is_refused_after_the_wait(
    env: dict[str, str], tmp_path: Path
) -> None:
    backup = tmp_path / "kelisim.backup"
    made = await asyncio.to_thread(run_odr, env, "backup", "--out", str(backup))
    assert made.returncode == 0, made.stderr
    staying = await asyncpg.connect(asyncpg_dsn(env))
    try:
        refused = await asyncio.to_thread(run_odr, env, "restore", str(backup), "--yes")
    finally:
        await staying.close()
    assert refused.returncode == 2, refused.stdout
    assert "other connection(s) to the database" in refused.stderr
