"""nginx for tests: the shipped ``deploy/nginx/kelisim.conf`` rendered into a throw-away prefix,
a test certificate authority, and nginx run as a child process (``daemon off``).

Nothing here is committed key material: the certificate and its key are made by each test run.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import os
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.odr.room_processes import _Child

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "kelisim.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")


def placeholders(template: str) -> set[str]:
    """The placeholders the template's directives use (its comments only explain them)."""
    directives = "\n".join(line.split("#", 1)[0] for line in template.splitlines())
    return set(PLACEHOLDER.findall(directives))


def render(template: str, values: dict[str, str]) -> str:
    """The template with every placeholder replaced; a missing or unknown value is an error."""
    wanted = placeholders(template)
    assert wanted == set(values), f"missing {wanted - set(values)}, unknown {set(values) - wanted}"
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


@dataclass(frozen=True)
class ThrowawayCertificate:
    certificate: Path  # the server's chain (leaf, then the authority)
    key: Path
    authority_pem: str  # what clients trust

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cadata=self.authority_pem)


def make_certificate(folder: Path, name: str = "localhost") -> ThrowawayCertificate:
    """A throw-away certificate authority and a server certificate for ``name`` and 127.0.0.1."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kelisim test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    chain = folder / "fullchain.pem"
    chain.write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    key_path = folder / "privkey.pem"
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return ThrowawayCertificate(chain, key_path, ca.public_bytes(pem).decode())


def main_config(prefix: Path, site: Path) -> str:
    """The nginx.conf a distribution would ship, cut down to what a test prefix needs."""
    temp = prefix / "temp"
    lines = [
        "daemon off;",
        "worker_processes 1;",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {prefix / 'error.log'} warn;",
        # Workers would run as nobody, who cannot enter pytest's 0700 temporary folders.
        "user root;" if os.geteuid() == 0 else "",
        "events { worker_connections 512; }",
        "http {",
        *(
            f"    {kind}_temp_path {temp / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
        f"    include {site};",
        "}",
    ]
    return "\n".join(lines) + "\n"


class NginxServer(_Child):
    """nginx on a prefix of its own, in the foreground, stopped by SIGTERM (fast shutdown)."""

    def __init__(self, prefix: Path, site_config: str, https_port: int) -> None:
        super().__init__("nginx", prefix / "nginx.log")
        self.prefix = prefix
        self.https_port = https_port
        (prefix / "temp").mkdir(parents=True, exist_ok=True)
        (prefix / "logs").mkdir(exist_ok=True)
        site = prefix / "kelisim.conf"
        site.write_text(site_config)
        self.config = prefix / "nginx.conf"
        self.config.write_text(main_config(prefix, site))

    def argv(self, *extra: str) -> list[str]:
        return [
            NGINX,
            "-p",
            str(self.prefix),
            "-e",
            str(self.prefix / "error.log"),
            "-c",
            str(self.config),
            *extra,
        ]

    def check_config(self) -> None:
        """``nginx -t``: the rendered configuration is valid, or the test says why."""
        done = subprocess.run(self.argv("-t"), capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr

    async def start(self, within: float = 20) -> None:
        self.check_config()
        self._spawn(self.argv())
        deadline = time.monotonic() + within
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.https_port)
                writer.close()
                await writer.wait_closed()
                return
            except OSError:
                self.check_alive()
                if time.monotonic() > deadline:
                    raise AssertionError(f"nginx not listening:\n{self.log_tail()}") from None
                await asyncio.sleep(0.05)

    def access_log(self) -> str:
        path = self.prefix / "logs" / "kelisim.access.log"
        return path.read_text() if path.exists() else ""

    async def logged(self, text: str, within: float = 5) -> str:
        """The access log's line holding ``text`` (nginx writes it after answering)."""
        return await wait_for_line(self.access_log, text, within)


async def wait_for_line(read: Callable[[], str], text: str, within: float = 5) -> str:
    """The first line of ``read()`` that holds ``text``, waiting for a log to be written."""
    deadline = time.monotonic() + within
    while True:
        for line in read().splitlines():
            if text in line:
                return line
        if time.monotonic() > deadline:
            raise AssertionError(f"no log line with {text!r}")
        await asyncio.sleep(0.02)
