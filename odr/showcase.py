"""``odr demo``: a whole case, from opening to a signed settlement, between two simulated parties.

Everything runs through the real service: the app is served by uvicorn on a loopback port over
a temporary SQLite database, the parties use the HTTP API and the WebSocket room exactly as the
browser does, the optimizer proposes packages, and the settlement is signed and sealed. The
result (PDF, signed JSON, Akoma Ntoso XML) is written to a folder, and checked by the verifier.
It answers "show me what it does" in one command, with no setup.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from websockets.asyncio.client import ClientConnection, connect

from odr.auth import cookies
from odr.settings import load_settings

PASSWORD = "kelisim-demo-2026"
CASE = {
    "category": "consumer",
    "subject": "Возврат денег за диван с дефектом обивки, купленный 2 сентября 2026 года",
    "claim": {"amount": "480000.00", "currency": "KZT"},
    "issues": [
        {
            "name": "refund",
            "label": "Сумма возврата",
            "range": {"min": 0, "max": 480000, "step": 10000, "unit": "KZT"},
        },
        {
            "name": "within",
            "label": "Срок оплаты",
            "range": {"min": 10, "max": 60, "step": 10, "unit": "дней"},
        },
        {
            "name": "sofa",
            "label": "Диван",
            "options": ["продавец забирает за свой счёт", "остаётся у покупателя"],
        },
    ],
    "respondent": {"name": "ТОО «Мебель Плюс»", "email": "ruslan@demo.kelisim.kz"},
    "consent_to_online_mediation": True,
}
INTERESTS = {
    "claimant": {
        "importance": {"ranking": ["refund", "sofa", "within"]},
        "issues": {
            "refund": {"best": 480000, "acceptable": 400000, "limit": 300000},
            "within": {"best": 10, "acceptable": 30, "limit": 60},
            "sofa": {
                "options": {
                    "продавец забирает за свой счёт": "ideal",
                    "остаётся у покупателя": "acceptable",
                }
            },
        },
        "walk_away": "balanced",
    },
    "respondent": {
        "importance": {"points": {"refund": 50, "within": 30, "sofa": 20}},
        "issues": {
            "refund": {"best": 200000, "acceptable": 350000, "limit": 430000},
            "within": {"best": 60, "acceptable": 30, "limit": 10},
            "sofa": {
                "options": {
                    "продавец забирает за свой счёт": "acceptable",
                    "остаётся у покупателя": "ideal",
                }
            },
        },
        "walk_away": "flexible",
    },
}
IDENTITIES = {
    "claimant": {
        "kind": "person",
        "full_name": "Айгерим Серикова",
        "iin": "061211600012",
        "address": "г. Астана, пр. Абая, д. 10, кв. 5",
    },
    "respondent": {
        "kind": "organisation",
        "full_name": "Мебель Плюс",
        "legal_form": "ТОО",
        "bin": "940140000385",
        "address": "г. Алматы, ул. Толе би, д. 55",
        "signatory": {"full_name": "Руслан Ахметов", "position": "директор", "authority": "устав"},
    },
}


class DemoError(Exception):
    """The demo could not finish; the message says at which step."""


@dataclass
class Party:
    """A simulated party: an HTTP client with its own cookies and a WebSocket in the room."""

    role: str
    email: str
    http: httpx.AsyncClient
    say: Callable[[str], None]
    ws: ClientConnection | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    _keys: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        csrf = self.http.cookies.get(cookies.CSRF) or ""  # the demo serves http: no __Host-
        headers = {"x-csrf-token": csrf, **kwargs.pop("headers", {})}
        response = await self.http.request(method, path, headers=headers, **kwargs)
        if response.status_code != expect:
            raise DemoError(
                f"{self.role}: {method} {path} → {response.status_code} {response.text}"
            )
        if response.headers.get("content-type", "").startswith("application/json"):
            return response.json()
        return response.content

    async def enter_room(self, address: str, case_id: str) -> None:
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self.ws = await connect(
            f"ws://{address}/ws",
            origin=f"http://{address}",  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
            compression=None,
        )
        await self.ws.send(json.dumps({"type": "hello", "case_id": case_id, "last_seq": 0}))
        await self.frame(lambda f: f["type"] == "welcome")

    async def frame(self, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        assert self.ws is not None
        async with asyncio.timeout(30):
            while True:
                frame: dict[str, Any] = json.loads(await self.ws.recv())
                if frame["type"] == "event":
                    self.events.append(frame)
                if frame["type"] == "error":
                    raise DemoError(f"{self.role}: the room refused: {frame['message']}")
                if match(frame):
                    return frame

    async def command(self, kind: str, **body: Any) -> None:
        assert self.ws is not None
        key = f"{self.role}-{next(self._keys)}"
        await self.ws.send(json.dumps({"type": kind, "key": key, **body}))
        await self.frame(lambda f: f["type"] == "ack" and f["key"] == key)

    async def until_event(self, kind: str) -> dict[str, Any]:
        for event in self.events:
            if event["event"] == kind:
                return event
        return await self.frame(lambda f: f["type"] == "event" and f["event"] == kind)


async def run_demo(out_dir: Path, language: str, say: Callable[[str], None]) -> dict[str, Path]:
    with tempfile.TemporaryDirectory(prefix="kelisim-demo-") as data_dir:
        settings = load_settings({"ODR_DATA_DIR": data_dir, "ODR_LOG_LEVEL": "WARNING"})
        from odr.app import create_app

        app = create_app(settings)
        async with app.router.lifespan_context(app):
            config = uvicorn.Config(
                app, host="127.0.0.1", port=0, lifespan="off", log_config=None, access_log=False
            )
            server = uvicorn.Server(config)
            server_task = asyncio.create_task(server.serve())
            while not server.started:
                if server_task.done():
                    server_task.result()
                await asyncio.sleep(0.01)
            port = server.servers[0].sockets[0].getsockname()[1]
            address = f"127.0.0.1:{port}"
            try:
                paths = await _negotiate(address, out_dir, language, say)
                # The key lives in the temporary data directory: keep its public half so the
                # document can be checked later with `odr verify FILE --key KEY.pem`.
                from odr.settlement.keys import platform_key

                paths["key"] = out_dir / "platform-public-key.pem"
                paths["key"].write_bytes(platform_key(settings).public_key_pem())
                return paths
            finally:
                server.should_exit = True
                await server_task


async def _negotiate(
    address: str, out_dir: Path, language: str, say: Callable[[str], None]
) -> dict[str, Path]:
    base = f"http://{address}"
    async with (
        httpx.AsyncClient(base_url=base, timeout=60) as a,
        httpx.AsyncClient(base_url=base, timeout=60) as b,
    ):
        claimant = Party("claimant", "aigerim@demo.kelisim.kz", a, say)
        respondent = Party("respondent", "ruslan@demo.kelisim.kz", b, say)
        for party, name in ((claimant, "Айгерим"), (respondent, "Руслан")):
            await party.call(
                "POST",
                "/api/auth/signup",
                201,
                json={
                    "email": party.email,
                    "password": PASSWORD,
                    "display_name": name,
                    "language": language[:2],
                },
            )
        say("1. Two parties signed up: Aigerim (claimant) and Ruslan for Mebel Plus (respondent).")
        created = await claimant.call(
            "POST", "/api/cases", 201, json={**CASE, "language": language[:2]}
        )
        case = created["case"]
        token = created["invitation"]["url"].split("#token=", 1)[1]
        await respondent.call(
            "POST",
            "/api/invitations/accept",
            json={"token": token, "consent_to_online_mediation": True},
        )
        say(f"2. Case {case['reference']} opened; the respondent joined by the invitation link.")
        for party in (claimant, respondent):
            await party.enter_room(address, case["id"])
        for party in (claimant, respondent):
            await party.call(
                "PUT", f"/api/cases/{case['id']}/interests", json={"answers": INTERESTS[party.role]}
            )
        say("3. Each stated its interests privately; neither can see the other's.")
        await claimant.until_event("proposals_ready")
        proposals = await claimant.call("GET", f"/api/cases/{case['id']}/proposals")
        if not proposals["packages"]:
            raise DemoError("the optimizer found no package both sides could accept")
        first = proposals["packages"][0]
        say(
            f"4. The optimizer proposed {len(proposals['packages'])} packages; the claimant "
            f"offers the first ({first['criterion']}): {first['choice']}."
        )
        await claimant.command("offer", package=first["choice"], from_proposal=first["id"])
        offer = await respondent.until_event("offer")
        counter = dict(offer["data"]["package"])
        # The respondent asks for a little less money (two steps of the range) and accepts the rest.
        counter["refund"] = str(max(0, int(float(counter["refund"])) - 20000))
        await respondent.command("offer", package=counter, counter_to=offer["data"]["version"])
        countered = await claimant.until_event("counter_offer")
        say(f"5. The respondent counter-offered: {counter}.")
        await claimant.command("accept", version=countered["data"]["version"])
        await respondent.until_event("agreement")
        say("6. The claimant accepted: agreement reached.")
        url = f"/api/cases/{case['id']}/settlement"
        for party in (claimant, respondent):
            await party.call("PUT", f"{url}/parties/me", json=IDENTITIES[party.role])
        draft = await claimant.call("GET", url)
        terms = dict(draft["terms"])
        terms.update(version=draft["version"], place="Астана", document_language=language)
        settlement = await claimant.call("PUT", f"{url}/terms", json=terms)
        if settlement["missing"] or settlement["problems"]:
            raise DemoError(
                f"settlement incomplete: {settlement['missing']} {settlement['problems']}"
            )
        for party in (claimant, respondent):
            settlement = await party.call(
                "POST",
                f"{url}/signatures",
                201,
                json={"password": PASSWORD, "record_sha256": settlement["record_sha256"]},
            )
        say(
            f"7. Both re-entered their passwords and signed; verification code "
            f"{settlement['verification_code']}."
        )
        pdf = await claimant.call("GET", f"{url}/pdf")
        checked = await claimant.call(
            "POST", "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
        )
        for party in (claimant, respondent):
            if party.ws is not None:
                await party.ws.close()
    verdict = "VALID" if checked["valid"] else f"INVALID {checked['reasons']}"
    say(f"8. The public verifier says: {verdict}.")
    return _write(out_dir, case["reference"], pdf)


def _write(out_dir: Path, reference: str, pdf: bytes) -> dict[str, Path]:
    """The PDF, and the signed JSON and Akoma Ntoso XML as embedded in it."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        attachments = {
            name: spec.get_file().read_bytes() for name, spec in document.attachments.items()
        }
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"settlement-{reference}"
    paths = {"pdf": out_dir / f"{stem}.pdf"}
    paths["pdf"].write_bytes(pdf)
    for name, data in attachments.items():
        suffix = name.split(".", 1)[1] if "." in name else name
        paths[suffix] = out_dir / f"{stem}.{suffix}"
        paths[suffix].write_bytes(data)
    return paths


def main(out_dir: Path, language: str) -> int:
    def say(line: str) -> None:
        print(line, file=sys.stderr)

    paths = asyncio.run(run_demo(out_dir, language, say))
    print(out_dir.resolve())
    for kind, path in paths.items():
        say(f"   {kind}: {path.resolve()}")
    return 0
