"""A stand-in for NCALayer, test code only: the desktop application cannot be installed in CI.

It speaks NCALayer's documented WebSocket messages (``kz.gov.pki.knca.basics`` ``sign``, answers
``{status, body: {result}}``, the greeting on connect) and signs with a test PKI key in place of
the key the person would choose in NCALayer's dialog. It listens on plain ``ws://`` on a free
loopback port; the app is pointed at it with ``ODR_NCALAYER_URL`` (the real one is ``wss://``
with its own certificate). ``down`` makes it refuse connections like a stopped NCALayer, and
``cancel`` answers as when the person closes the dialog.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from tests.builders.pki import Issued, ncalayer_cms


@dataclass
class NcaLayerStandIn:
    url: str = ""
    signer: Issued | None = None  # the key the person "chose"
    cancel: bool = False
    down: bool = False
    requests: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        if request.get("module") != "kz.gov.pki.knca.basics" or request.get("method") != "sign":
            return {"status": False, "code": "INVOCATION_ERROR", "message": "unknown method"}
        self.requests.append(request)
        args = request["args"]
        if self.cancel or self.signer is None:
            return {"status": True, "body": {}}
        params = args["signingParams"]
        if args["format"] != "cms" or params["encapsulate"] or not params["decode"]:
            return {"status": False, "code": "INVALID_SIGNING_PARAMS", "message": str(params)}
        data = base64.b64decode(args["data"])
        cms = ncalayer_cms(self.signer, data, digested=bool(params["digested"]))
        return {"status": True, "body": {"result": [base64.b64encode(cms).decode()]}}


@asynccontextmanager
async def ncalayer_stand_in() -> AsyncIterator[NcaLayerStandIn]:
    stand_in = NcaLayerStandIn()

    def refuse_when_down(_: ServerConnection, __: Request) -> Response | None:
        if stand_in.down:
            return Response(HTTPStatus.SERVICE_UNAVAILABLE.value, "stopped", Headers())
        return None

    async def session(socket: ServerConnection) -> None:
        await socket.send(json.dumps({"result": {"version": "1.4"}}))
        async for message in socket:
            await socket.send(json.dumps(stand_in.answer(json.loads(message))))

    async with serve(session, "127.0.0.1", 0, process_request=refuse_when_down) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        stand_in.url = f"ws://127.0.0.1:{port}"
        yield stand_in
