"""An RFC 3161 time-stamping authority on a local port, for the platform seal's PAdES-B-T tests.

The answers come from pyHanko's ``DummyTimeStamper`` (a real TimeStampResp signed by a test TSA
certificate with the critical timeStamping extended key usage); the HTTP part is the protocol
of RFC 3161 section 3.4: POST ``application/timestamp-query``, answer
``application/timestamp-reply``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Tsa:
    url: str
    root_pem: bytes
    requests: int = 0


def _certificate() -> tuple[bytes, bytes]:
    """A self-signed TSA certificate (DER) and its key (PKCS#8 DER)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's: RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.DER), key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@contextmanager
def serve_tsa() -> Iterator[Tsa]:
    """A TSA on 127.0.0.1 (a free port) for the duration of the ``with``."""
    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    certificate, key = _certificate()
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate), tsa_key=keys.PrivateKeyInfo.load(key)
    )
    pem = x509.load_der_x509_certificate(certificate).public_bytes(serialization.Encoding.PEM)
    tsa = Tsa("", pem)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            request = tsp.TimeStampReq.load(self.rfile.read(length))
            body = stamper.request_tsa_response(request).dump()
            tsa.requests += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    tsa.url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    try:
        yield tsa
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
