"""Serving the real app for ``odr demo`` and writing what it ends with.

The app is served by uvicorn on a loopback port over a temporary SQLite database (its own data
directory, deleted afterwards), so the simulated parties use the HTTP API and the WebSocket room
exactly as the browser does. The signed PDF, the signed JSON and Akoma Ntoso XML embedded in it,
and the platform's public key are written to the output folder.
"""

from __future__ import annotations

import asyncio
import io
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import uvicorn

from odr.cases.mechanism import Mechanism
from odr.settings import load_settings
from odr.showcase import bidding, division, packages
from odr.showcase.party import DemoError, Party
from odr.showcase.steps import Narrator, Signed

Walk = Callable[[str, Party, Party, str, Narrator], Awaitable[Signed]]
WALKS: dict[Mechanism, Walk] = {
    Mechanism.PACKAGES: packages.walk,
    Mechanism.BIDDING: bidding.walk,
    Mechanism.DIVISION: division.walk,
}
"""How ``odr demo --mechanism`` walks each mechanism's negotiation."""


async def run_demo(
    out_dir: Path,
    language: str,
    say: Callable[[str], None],
    mechanism: Mechanism = Mechanism.PACKAGES,
) -> dict[str, Path]:
    walk = WALKS[mechanism]
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
                base = f"http://{address}"
                async with (
                    httpx.AsyncClient(base_url=base, timeout=60) as a,
                    httpx.AsyncClient(base_url=base, timeout=60) as b,
                ):
                    claimant = Party("claimant", "Aigerim", "aigerim@demo.kelisim.kz", a)
                    respondent = Party("respondent", "Ruslan", "ruslan@demo.kelisim.kz", b)
                    signed = await walk(address, claimant, respondent, language, Narrator(say))
                paths = _write(out_dir, signed.reference, signed.pdf)
                # The keys live in the temporary data directory: keep the public key and the
                # platform CA (the seal's root) so the document can be checked later with
                # `odr verify FILE --key KEY.pem` (the file holds both).
                from odr.settlement.keys import platform_key, platform_seal

                paths["key"] = out_dir / "platform-public-key.pem"
                public = platform_key(settings).public_key_pem()
                paths["key"].write_bytes(public + platform_seal(settings).root_pem())
                if not signed.verdict["valid"]:
                    raise DemoError(f"the signed settlement does not verify: {signed.verdict}")
                return paths
            finally:
                server.should_exit = True
                await server_task


def _write(out_dir: Path, reference: str, pdf: bytes) -> dict[str, Path]:
    """The PDF, and the signed JSON and Akoma Ntoso XML as embedded in it."""
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


def main(out_dir: Path, language: str, mechanism: Mechanism = Mechanism.PACKAGES) -> int:
    def say(line: str) -> None:
        print(line, file=sys.stderr)

    paths = asyncio.run(run_demo(out_dir, language, say, mechanism))
    print(out_dir.resolve())
    for kind, path in paths.items():
        say(f"   {kind}: {path.resolve()}")
    return 0
