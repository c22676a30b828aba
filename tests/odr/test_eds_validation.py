"""An NCALayer CMS signature validated against the test PKI: each failure its own reason."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from odr.signing import reasons
from odr.signing.certificate import Expected
from odr.signing.reasons import EdsRefused, Reason
from odr.signing.validation import RevocationPolicy, TrustAnchors, Verified, validate
from tests.builders.pki import NOW, Authority, Issued, ncalayer_cms, serve

IIN = "061211600012"
BIN = "940140000385"
SIGNATORY_IIN = "800101300123"
DIGEST = hashlib.sha256(b"settlement record, version 3").digest()
PERSON = Expected(iin=IIN)
ORGANISATION = Expected(bin=BIN, signatory_iin=SIGNATORY_IIN)


@pytest.fixture(scope="module")
def pki() -> Iterator[Authority]:
    with serve(Authority()) as served:
        yield served


@pytest.fixture
def anchors(pki: Authority) -> TrustAnchors:
    return TrustAnchors.from_pem(pki.anchors_pem())


async def check(
    signer: Issued,
    anchors: TrustAnchors,
    expected: Expected = PERSON,
    *,
    digest: bytes = DIGEST,
    policy: RevocationPolicy = RevocationPolicy.REQUIRE,
    cms: bytes | None = None,
) -> Verified:
    der = cms if cms is not None else ncalayer_cms(signer, digest)
    return await validate(der, DIGEST, expected, anchors, policy, datetime.now(UTC))


async def refusal(*args: object, **kwargs: object) -> Reason:
    with pytest.raises(EdsRefused) as refused:
        await check(*args, **kwargs)  # type: ignore[arg-type]
    return refused.value.reason


async def test_a_person_s_signing_key_is_accepted_and_its_revocation_checked_by_ocsp(
    pki: Authority, anchors: TrustAnchors
) -> None:
    verified = await check(pki.person(IIN), anchors)
    assert verified.holder.iin == IIN
    assert verified.holder.common_name == "НҰРЛАНОВА АЙГЕРІМ"
    assert verified.revocation.method == "ocsp"
    assert verified.revocation.status == "good"


async def test_an_organisation_s_key_is_accepted_for_its_bin_and_signatory(
    pki: Authority, anchors: TrustAnchors
) -> None:
    verified = await check(pki.organisation(BIN, SIGNATORY_IIN), anchors, ORGANISATION)
    assert (verified.holder.bin, verified.holder.iin) == (BIN, SIGNATORY_IIN)
    assert verified.holder.organisation == 'ТОО "МЕБЕЛЬ ПЛЮС"'


async def test_another_person_s_iin_is_refused(pki: Authority, anchors: TrustAnchors) -> None:
    assert await refusal(pki.person("990101300111"), anchors) == Reason.WRONG_IIN


async def test_another_organisation_or_signatory_or_a_personal_key_is_refused(
    pki: Authority, anchors: TrustAnchors
) -> None:
    other_bin = pki.organisation("000740001307", SIGNATORY_IIN)
    assert await refusal(other_bin, anchors, ORGANISATION) == Reason.WRONG_BIN
    other_signatory = pki.organisation(BIN, "990101300111")
    assert await refusal(other_signatory, anchors, ORGANISATION) == Reason.WRONG_SIGNATORY_IIN
    personal = pki.person(SIGNATORY_IIN)
    assert await refusal(personal, anchors, ORGANISATION) == Reason.PERSON_FOR_ORGANISATION


async def test_an_authentication_key_is_refused(pki: Authority, anchors: TrustAnchors) -> None:
    assert await refusal(pki.person(IIN, usage="auth"), anchors) == Reason.AUTHENTICATION_KEY


async def test_an_expired_or_not_yet_valid_certificate_is_refused(
    pki: Authority, anchors: TrustAnchors
) -> None:
    expired = pki.person(IIN, not_before=NOW - timedelta(days=800), not_after=NOW - timedelta(1))
    assert await refusal(expired, anchors) == Reason.EXPIRED
    later = datetime.now(UTC) + timedelta(days=30)
    early = pki.person(IIN, not_before=later, not_after=later + timedelta(days=365))
    assert await refusal(early, anchors) == Reason.NOT_YET_VALID


async def test_a_revoked_certificate_is_refused_by_ocsp(
    pki: Authority, anchors: TrustAnchors
) -> None:
    revoked = pki.person(IIN, key_slot=4)
    pki.revoke(revoked)
    assert await refusal(revoked, anchors) == Reason.REVOKED


async def test_a_revoked_certificate_is_refused_by_the_crl_when_there_is_no_ocsp() -> None:
    pki = Authority()
    with serve(pki):
        pki.ocsp_url = None
        revoked = pki.person(IIN, key_slot=4)
        pki.revoke(revoked)
        anchors = TrustAnchors.from_pem(pki.anchors_pem())
        assert await refusal(revoked, anchors) == Reason.REVOKED
        good = await check(pki.person(IIN), anchors)
        assert good.revocation.method == "crl"


async def test_revocation_that_nobody_answers_refuses_under_require_and_passes_under_prefer() -> (
    None
):
    pki = Authority()  # never served: its OCSP and CRL addresses do not answer
    pki.ocsp_url, pki.crl_url = "http://127.0.0.1:9/ocsp", "http://127.0.0.1:9/crl"
    signer = pki.person(IIN)
    anchors = TrustAnchors.from_pem(pki.anchors_pem())
    assert await refusal(signer, anchors) == Reason.REVOCATION_UNKNOWN
    preferred = await check(signer, anchors, policy=RevocationPolicy.PREFER)
    assert (preferred.revocation.method, preferred.revocation.status) == ("none", "unknown")
    off = await check(signer, anchors, policy=RevocationPolicy.OFF)
    assert off.revocation.status == "unknown"


async def test_a_certificate_of_an_unknown_issuer_is_refused(anchors: TrustAnchors) -> None:
    stranger = Authority(name="БӨТЕН ОРТАЛЫҚ", key_base=10)
    assert await refusal(stranger.person(IIN), anchors) == Reason.UNKNOWN_ISSUER
    assert await refusal(stranger.person(IIN), TrustAnchors()) == Reason.UNKNOWN_ISSUER


async def test_a_signature_over_another_version_is_refused(
    pki: Authority, anchors: TrustAnchors
) -> None:
    older = hashlib.sha256(b"settlement record, version 2").digest()
    assert await refusal(pki.person(IIN), anchors, digest=older) == Reason.OLDER_VERSION


async def test_garbage_or_a_forged_signature_is_refused(
    pki: Authority, anchors: TrustAnchors
) -> None:
    for garbage in (b"", b"not a cms", b"\x30\x03\x02\x01\x01", b"0" * 100_000):
        assert await refusal(pki.person(IIN), anchors, cms=garbage) == Reason.CMS_MALFORMED
    good = bytearray(ncalayer_cms(pki.person(IIN), DIGEST))
    # The RSA signature is the SignerInfo's last field: flip a byte of it.
    good[-5] ^= 0xFF
    assert await refusal(pki.person(IIN), anchors, cms=bytes(good)) == Reason.SIGNATURE_INVALID


def test_every_reason_is_said_in_kazakh_russian_and_english() -> None:
    for reason in Reason:
        texts = reasons.TEXTS[reason]
        assert set(texts) == {"kk", "ru", "en"}
        assert texts["kk"] != texts["ru"] != texts["en"]
    assert reasons.text(Reason.REVOKED, "kk") == "Сертификат кері қайтарылған."
    assert reasons.text(Reason.REVOKED, "de") == "The certificate has been revoked."


async def test_a_certificate_corrupted_inside_the_cms_is_refused_not_a_crash(
    pki: Authority, anchors: TrustAnchors
) -> None:
    signer = pki.person(IIN)
    good = ncalayer_cms(signer, DIGEST)
    # A byte of the certificate's own signature: the CMS still parses, the certificate does not
    # chain (its issuer's signature over it fails).
    at = good.index(signer.der) + len(signer.der) - 3
    bad = good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1 :]
    reason = await refusal(signer, anchors, cms=bad)
    assert reason in (Reason.CERTIFICATE_INVALID, Reason.UNKNOWN_ISSUER)


async def test_a_gost_key_is_refused_as_not_supported_yet(
    pki: Authority, anchors: TrustAnchors
) -> None:
    signer = pki.person(IIN)
    good = ncalayer_cms(signer, DIGEST)
    rsa_oid = bytes.fromhex("06092a864886f70d010101")  # rsaEncryption: the key's algorithm
    gost_oid = bytes.fromhex("06092a8503070101010102")  # GOST R 34.10-2012, the same length
    # The signer certificate's own key algorithm (the CMS names rsaEncryption elsewhere too).
    at = good.index(rsa_oid, good.index(signer.der))
    gost = good[:at] + gost_oid + good[at + len(rsa_oid) :]
    assert await refusal(signer, anchors, cms=gost) == Reason.UNSUPPORTED_ALGORITHM
