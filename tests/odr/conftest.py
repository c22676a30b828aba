"""Fixtures more than one module of ``tests/odr/`` asks for by name."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from odr.court.clients import add_court, issue_client
from tests.builders.app import services_of


@pytest.fixture
async def court_token(app: Starlette) -> dict[str, str]:
    """Two courts, each with an API client: court code → its bearer token."""
    services = services_of(app)
    tokens: dict[str, str] = {}
    async with services.sessions() as db:
        for code, name in (("ASTANA-1", "Суд №1 г. Астаны"), ("ALMATY-2", "Суд №2 г. Алматы")):
            await add_court(db, code, name, services.clock())
            tokens[code] = (await issue_client(db, code, f"{code} import", services.clock())).token
        await db.commit()
    return tokens
