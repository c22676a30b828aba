"""nginx on loopback from the shipped ``deploy/nginx/kelisim.conf``: the template rendered with
every placeholder filled, a throw-away certificate authority, and a prefix of its own.

Shared by ``tests/ops/`` (which checks the deployment) and ``bench/realtime.py --via-nginx``
(which measures through it), so both run exactly the file an administrator installs. No pytest
and no process handling here: each caller starts ``argv(prefix)`` its own way.

Nothing here is committed key material: the certificate and its key are made by each run.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import shutil
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "kelisim.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")
MAX_BODY = 1 << 20  # ODR_MAX_BODY_BYTES's default


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


def loopback_site(
    *,
    name: str,
    https_port: int,
    http_port: int,
    certificate: ThrowawayCertificate,
    apps: tuple[str, str],
    static_root: Path,
    log_dir: Path,
    public_base_url: str | None = None,
    max_body: int = MAX_BODY,
) -> str:
    """The shipped template filled in for loopback: nginx on 127.0.0.1's ports in front of the
    two ``host:port`` in ``apps`` (the same address twice for one instance, or one that spreads
    over workers itself)."""
    return render(
        TEMPLATE.read_text(),
        {
            "SERVER_NAME": name,
            "PUBLIC_BASE_URL": public_base_url or f"https://{name}:{https_port}",
            "HTTPS_LISTEN": f"127.0.0.1:{https_port}",
            "HTTP_LISTEN": f"127.0.0.1:{http_port}",
            "CERTIFICATE": str(certificate.certificate),
            "CERTIFICATE_KEY": str(certificate.key),
            "APP_1": apps[0],
            "APP_2": apps[1],
            "STATIC_ROOT": str(static_root),
            "MAX_BODY_BYTES": str(max_body),
            "LOG_DIR": str(log_dir),
        },
    )


def main_config(prefix: Path, site: Path, *, workers: int = 1, connections: int = 512) -> str:
    """The nginx.conf a distribution would ship, cut down to what a loopback prefix needs.

    ``workers`` is ``worker_processes`` (a number, or 0 for ``auto``: one per core);
    ``connections`` is each worker's ``worker_connections`` (a proxied socket holds two).
    """
    temp = prefix / "temp"
    lines = [
        "daemon off;",
        f"worker_processes {workers or 'auto'};",
        f"worker_rlimit_nofile {2 * connections + 64};",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {prefix / 'error.log'} warn;",
        # Workers would run as nobody, who cannot enter pytest's 0700 temporary folders.
        "user root;" if os.geteuid() == 0 else "",
        f"events {{ worker_connections {connections}; }}",
        "http {",
        *(
            f"    {kind}_temp_path {temp / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
        f"    include {site};",
        "}",
    ]
    return "\n".join(lines) + "\n"


def prepare_prefix(
    prefix: Path, site_config: str, *, workers: int = 1, connections: int = 512
) -> Path:
    """Write ``site_config`` and its nginx.conf into ``prefix``; returns the nginx.conf."""
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    (prefix / "logs").mkdir(exist_ok=True)
    site = prefix / "kelisim.conf"
    site.write_text(site_config)
    config = prefix / "nginx.conf"
    config.write_text(main_config(prefix, site, workers=workers, connections=connections))
    return config


def argv(prefix: Path, *extra: str) -> list[str]:
    """nginx on ``prefix`` (after ``prepare_prefix``), in the foreground; ``-t`` checks it."""
    config = prefix / "nginx.conf"
    return [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config), *extra]
