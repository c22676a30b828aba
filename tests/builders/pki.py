"""A test PKI shaped like НУЦ РК's: root → intermediate → personal and organisational
certificates, signing and authentication keys, expired and revoked ones, a CRL and an in-process
OCSP responder (RFC 6960, HTTP), and CMS signatures made the way NCALayer makes them.

Real НУЦ РК certificates name a person by CN ("SURNAME GIVENNAME"), SURNAME, GIVENNAME (the
patronymic), SERIALNUMBER=IIN<12 digits> and C=KZ; an organisation's certificate adds O and
OU=BIN<12 digits>, the SERIALNUMBER still being its signatory's IIN. A signing certificate has
keyUsage nonRepudiation + digitalSignature; an authentication certificate digitalSignature +
keyEncipherment and extended key usage clientAuth. The builder issues exactly those shapes so the
validator is tested against what it will meet. RSA only: see docs/signatures.md for GOST.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

# asn1crypto.tsp adds signing-certificate-v2 to CMS's attribute names on import; asn1crypto caches
# the name → OID table the first time a name is used, so it must come before ncalayer_cms names
# any attribute, or pyHanko's seal later in the process cannot name its own.
from asn1crypto import algos, cms, tsp  # noqa: F401
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

Usage = Literal["sign", "auth"]

# НУЦ РК's policy/EKU arcs for a person's and an organisation's signing certificate.
INDIVIDUAL_OID = "1.2.398.3.3.4.1.1"
LEGAL_ENTITY_OID = "1.2.398.3.3.4.1.2"
EMAIL_PROTECTION_OID = "1.3.6.1.5.5.7.3.4"

NOW = datetime.now(UTC).replace(microsecond=0)
"""When the test run began: certificates are valid around it unless a test says otherwise."""
_KEYS: dict[int, rsa.RSAPrivateKey] = {}


def _key(slot: int) -> rsa.RSAPrivateKey:
    """RSA keys are slow to make: a handful per process, shared by every PKI the tests build."""
    if slot not in _KEYS:
        _KEYS[slot] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[slot]


@dataclass(frozen=True)
class Issued:
    """A certificate with its private key and the intermediates up to (not including) the root."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(attributes: list[tuple[x509.ObjectIdentifier, str]]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


@dataclass
class Authority:
    """One root, one intermediate under it, and whatever end certificates a test asks for.

    ``ocsp_url`` and ``crl_url`` (set before issuing, e.g. by ``serve``) go into every end
    certificate's AIA and CRL distribution point; ``revoke`` marks one revoked for both.
    """

    name: str = "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (TEST)"
    ocsp_url: str | None = None
    crl_url: str | None = None
    root: Issued = field(init=False)
    intermediate: Issued = field(init=False)
    revoked: dict[int, datetime] = field(default_factory=dict)
    _serial: int = 1000
    key_base: int = 0  # another authority (an unknown issuer) takes other keys: 10, 20…

    def __post_init__(self) -> None:
        root_key, inter_key = _key(self.key_base), _key(self.key_base + 1)
        root_name = _name(
            [(NameOID.COMMON_NAME, f"{self.name} ROOT"), (NameOID.COUNTRY_NAME, "KZ")]
        )
        root_cert = self._ca(root_name, root_name, root_key, root_key, path_length=1)
        self.root = Issued(root_key, root_cert, ())
        inter_name = _name([(NameOID.COMMON_NAME, self.name), (NameOID.COUNTRY_NAME, "KZ")])
        inter_cert = self._ca(inter_name, root_name, inter_key, root_key, path_length=0)
        self.intermediate = Issued(inter_key, inter_cert, ())

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def _ca(
        self,
        subject: x509.Name,
        issuer: x509.Name,
        key: rsa.RSAPrivateKey,
        issuer_key: rsa.RSAPrivateKey,
        path_length: int,
    ) -> x509.Certificate:
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(self._next_serial())
            .not_valid_before(NOW - timedelta(days=3650))
            .not_valid_after(NOW + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
            )
            .sign(issuer_key, hashes.SHA256())
        )

    def person(
        self,
        iin: str,
        surname: str = "НҰРЛАНОВА",
        given_name: str = "АЙГЕРІМ",
        patronymic: str = "СЕРІКҚЫЗЫ",
        *,
        usage: Usage = "sign",
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key_slot: int = 2,
    ) -> Issued:
        """A person's certificate: CN, SURNAME, GIVENNAME (patronymic), SERIALNUMBER=IIN…, C=KZ."""
        subject = [
            (NameOID.COMMON_NAME, f"{surname} {given_name}"),
            (NameOID.SURNAME, surname),
            (NameOID.SERIAL_NUMBER, f"IIN{iin}"),
            (NameOID.COUNTRY_NAME, "KZ"),
            (NameOID.GIVEN_NAME, patronymic),
        ]
        return self._end(subject, usage, INDIVIDUAL_OID, not_before, not_after, key_slot)

    def organisation(
        self,
        bin_: str,
        signatory_iin: str,
        organisation: str = 'ТОО "МЕБЕЛЬ ПЛЮС"',
        surname: str = "АХМЕТОВ",
        given_name: str = "РУСЛАН",
        *,
        usage: Usage = "sign",
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key_slot: int = 3,
    ) -> Issued:
        """An organisation's certificate: its signatory's fields plus O and OU=BIN…."""
        subject = [
            (NameOID.COMMON_NAME, f"{surname} {given_name}"),
            (NameOID.SURNAME, surname),
            (NameOID.SERIAL_NUMBER, f"IIN{signatory_iin}"),
            (NameOID.COUNTRY_NAME, "KZ"),
            (NameOID.ORGANIZATION_NAME, organisation),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, f"BIN{bin_}"),
        ]
        return self._end(subject, usage, LEGAL_ENTITY_OID, not_before, not_after, key_slot)

    def _end(
        self,
        subject: list[tuple[x509.ObjectIdentifier, str]],
        usage: Usage,
        policy_oid: str,
        not_before: datetime | None,
        not_after: datetime | None,
        key_slot: int,
    ) -> Issued:
        key = _key(self.key_base + key_slot)
        inter = self.intermediate
        signing = usage == "sign"
        eku = (
            [ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier(policy_oid)]
            if signing
            else [ExtendedKeyUsageOID.CLIENT_AUTH, x509.ObjectIdentifier(policy_oid)]
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(inter.certificate.subject)
            .public_key(key.public_key())
            .serial_number(self._next_serial())
            .not_valid_before(not_before or NOW - timedelta(days=30))
            .not_valid_after(not_after or NOW + timedelta(days=335))
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=signing,
                    key_encipherment=not signing,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage(eku), critical=False)
            .add_extension(
                x509.CertificatePolicies(
                    [x509.PolicyInformation(x509.ObjectIdentifier(policy_oid), None)]
                ),
                critical=False,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(inter.key.public_key()), False
            )
        )
        if self.ocsp_url:
            builder = builder.add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP,
                            x509.UniformResourceIdentifier(self.ocsp_url),
                        )
                    ]
                ),
                critical=False,
            )
        if self.crl_url:
            builder = builder.add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            [x509.UniformResourceIdentifier(self.crl_url)], None, None, None
                        )
                    ]
                ),
                critical=False,
            )
        certificate = builder.sign(inter.key, hashes.SHA256())
        return Issued(key, certificate, (inter.certificate,))

    def revoke(self, issued: Issued, at: datetime | None = None) -> None:
        self.revoked[issued.certificate.serial_number] = at or NOW - timedelta(days=1)

    def crl(self, now: datetime | None = None) -> bytes:
        """The intermediate's CRL (DER), listing every revoked serial."""
        now = now or datetime.now(UTC)
        inter = self.intermediate
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(inter.certificate.subject)
            .last_update(now - timedelta(minutes=5))
            .next_update(now + timedelta(days=1))
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(inter.key.public_key()), False
            )
            .add_extension(x509.CRLNumber(self._next_serial()), False)
        )
        for serial, at in self.revoked.items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(at).build()
            )
        return builder.sign(inter.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def ocsp_response(self, request_der: bytes, now: datetime | None = None) -> bytes:
        """Answer an RFC 6960 request for one certificate, signed by the intermediate itself."""
        now = now or datetime.now(UTC)
        request = ocsp.load_der_ocsp_request(request_der)
        inter = self.intermediate
        serial = request.serial_number
        revoked_at = self.revoked.get(serial)
        # The responder needs the certificate itself only for the CertID it echoes back.
        stand_in = (
            x509.CertificateBuilder()
            .subject_name(inter.certificate.subject)
            .issuer_name(inter.certificate.subject)
            .public_key(inter.key.public_key())
            .serial_number(serial)
            .not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(NOW + timedelta(days=1))
            .sign(inter.key, hashes.SHA256())
        )
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=stand_in,
            issuer=inter.certificate,
            algorithm=hashes.SHA1() if request.hash_algorithm.name == "sha1" else hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD,
            this_update=now - timedelta(minutes=1),
            next_update=now + timedelta(hours=1),
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, inter.certificate)
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        response = builder.sign(inter.key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)

    def anchors_pem(self) -> bytes:
        """What a deployment configures: the root and the intermediate, PEM."""
        return self.root.pem + self.intermediate.pem


@contextmanager
def serve(pki: Authority) -> Iterator[Authority]:
    """Serve ``pki``'s OCSP (POST /ocsp) and CRL (GET /crl) on a free local port, in a thread.

    A thread, not the test's event loop: a validator that asks over blocking HTTP must still be
    answered. Sets ``pki.ocsp_url``/``crl_url`` for the certificates issued afterwards.
    """

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = pki.ocsp_response(self.rfile.read(length))
            self._answer(body, "application/ocsp-response")

        def do_GET(self) -> None:
            self._answer(pki.crl(), "application/pkix-crl")

        def _answer(self, body: bytes, media_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pki.ocsp_url, pki.crl_url = f"{base}/ocsp", f"{base}/crl"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pki
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def ncalayer_cms(
    signer: Issued,
    data: bytes,
    *,
    digested: bool = True,
    signing_time: datetime | None = None,
    include_chain: bool = True,
) -> bytes:
    """A detached CMS SignedData as NCALayer's ``basics.sign`` makes it (format "cms",
    encapsulate false): signed attributes contentType, signingTime, messageDigest; SHA-256 with
    RSA; the signer's certificate (and its chain when asked). ``digested`` means ``data`` is
    already the SHA-256 digest to sign, as with ``signingParams.digested: true``."""
    digest = data if digested else hashlib.sha256(data).digest()
    certificate = asn1_x509.Certificate.load(signer.der)
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute(
                {
                    "type": "signing_time",
                    "values": [cms.Time({"utc_time": signing_time or datetime.now(UTC)})],
                }
            ),
            cms.CMSAttribute({"type": "message_digest", "values": [digest]}),
        ]
    )
    signature = signer.key.sign(attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": certificate.issuer, "serial_number": certificate.serial_number}
                    )
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "rsassa_pkcs1v15"}),
            "signature": signature,
        }
    )
    certificates = [certificate]
    if include_chain:
        certificates += [
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
            for c in signer.chain
        ]
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": certificates,
            "signer_infos": [signer_info],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return bytes(info.dump())


__all__ = ["Authority", "Issued", "ncalayer_cms", "serve"]
