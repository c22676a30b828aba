"""``odr backup`` and ``odr restore`` carry the photos of items (#12): they live in the database
(``stored_files``), so the restored case shows exactly the photo it had, byte for byte, and a
photo replaced after the backup is gone again. On SQLite and on a real PostgreSQL."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from odr.app import create_app
from odr.settings import Settings, load_settings
from tests.builders.photos import ITEMS, jpeg_with_location, png
from tests.builders.processes import odr
from tests.conftest import ORIGIN, Client, FakeClock


@contextlib.asynccontextmanager
async def running(settings: Settings, clock: FakeClock) -> AsyncIterator[Starlette]:
    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        yield app


def client_of(app: Starlette) -> Client:
    return Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN)


def run_odr(env: dict[str, str], *args: str) -> Any:
    return odr(*args, data_dir=Path(env["ODR_DATA_DIR"]), **env)


async def login(client: Client) -> None:
    answer = await client.post(
        "/api/auth/login",
        json={"email": "aigerim@example.kz", "password": "correct horse battery"},
    )
    assert answer.status_code == 200, answer.text


async def test_backup_and_restore_keep_the_photos(
    env: dict[str, str], tmp_path: Path, clock: FakeClock
) -> None:
    settings = load_settings(env)
    backup = tmp_path / "kelisim.backup"
    async with running(settings, clock) as app, client_of(app) as claimant:
        await claimant.signup("aigerim@example.kz")
        body = {
            "category": "family",
            "subject": "Раздел имущества",
            "language": "ru",
            "issues": [],
            "items": ITEMS,
            "mechanism": "division",
            "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
            "consent_to_online_mediation": True,
        }
        created = await claimant.post("/api/cases", json=body)
        assert created.status_code == 201, created.text
        case_id = created.json()["case"]["id"]
        path = f"/api/cases/{case_id}/items/item1/photo"
        first = await claimant.post(path, content=jpeg_with_location())
        assert first.status_code == 201, first.text
        photo = first.json()["photo"]
        kept = (await claimant.get(f"/api/files/{photo['id']}")).content

        made = run_odr(env, "backup", "--out", str(backup))
        assert made.returncode == 0, made.stderr
        # After the backup the photo is replaced: the first file is deleted.
        assert (await claimant.post(path, content=png())).status_code == 201
        assert (await claimant.get(f"/api/files/{photo['id']}")).status_code == 404

    restored = run_odr(env, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr

    async with running(settings, clock) as app, client_of(app) as claimant:
        await login(claimant)
        item = (await claimant.get(f"/api/cases/{case_id}")).json()["items"][0]
        assert item["photo"] == photo
        again = await claimant.get(f"/api/files/{photo['id']}")
        assert again.status_code == 200 and again.content == kept
        assert hashlib.sha256(again.content).hexdigest() == photo["sha256"]
        thumb = await claimant.get(f"/api/files/{photo['id']}/thumbnail")
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
