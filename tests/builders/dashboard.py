"""A socket on the centre's live dashboard (``/ws/centre``) that keeps every frame it reads."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from tests.odr import frame_check


class DashboardSocket:
    """``async with DashboardSocket(address, cookies) as dashboard``: a staff member's feed.

    ``raw`` keeps each frame's text as received, for checks that no private word is in it.
    """

    ws: ClientConnection

    def __init__(self, address: str, cookies: dict[str, str]) -> None:
        self.address, self.cookies = address, cookies
        self.frames: list[dict[str, Any]] = []
        self.raw: list[str] = []

    async def __aenter__(self) -> DashboardSocket:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await connect(
            f"ws://{self.address}/ws/centre",
            origin=Origin(f"http://{self.address}"),
            additional_headers={"cookie": cookie},
            compression=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def wait(
        self, match: Callable[[dict[str, Any]], bool], within: float = 10
    ) -> dict[str, Any]:
        """The next frame ``match`` accepts (frames read on the way are kept too)."""
        async with asyncio.timeout(within):
            while True:
                raw = str(await self.ws.recv())
                self.raw.append(raw)
                frame = frame_check.centre_frame(raw)  # fits odr/centre/live_frames.py
                self.frames.append(frame)
                if match(frame):
                    return frame
