"""Hostile uploads to the public verifier (``POST /api/verify``, ``GET /api/verify/{code}``).

Found from outside: a 7 KiB unsealed PDF carrying a valid settlement JSON and an entity-bomb
Akoma Ntoso raised the server's memory by ~460 MB per anonymous request. Here the same kind of
file (and one sealed by a key this server does not trust) is posted, and the peak memory of
the request is measured with tracemalloc (which follows the verifier's worker thread) and
printed (``-s``). A genuinely sealed settlement still verifies.
"""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest

from odr.documents import PlatformKey, SignedSettlement, canonical_json, produce_settlement_pdf
from odr.documents.envelope import sign_envelope
from odr.documents.example import example_record
from odr.documents.seal import seal_pdf
from odr.settings import Settings
from odr.settlement.keys import platform_key
from tests.conftest import MakeClient, assert_error
from tests.documents.conftest import SIGNED_AT, signatures_for
from tests.documents.hostile_pdf import hostile_pdf

PEAK_LIMIT_MB = 30.0
PDF = {"content-type": "application/pdf"}


def signed_by(key: PlatformKey) -> SignedSettlement:
    record = example_record()
    return sign_envelope(record, signatures_for(record), key, SIGNED_AT)


async def post_measured(client: Any, label: str, data: bytes) -> tuple[dict[str, Any], float]:
    tracemalloc.start()
    try:
        response = await client.post("/api/verify", content=data, headers=PDF)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    print(f"\n[POST /api/verify peak] {label} ({len(data)} bytes): {peak:.2f} MB (tracemalloc)")
    assert response.status_code == 200, response.text
    return response.json(), peak


def reason_codes(body: dict[str, Any]) -> set[str]:
    return {reason["code"] for reason in body["reasons"]}


async def test_hostile_uploads_cost_little_and_say_why(
    make_client: MakeClient, settings: Settings
) -> None:
    key = platform_key(settings)
    signed = signed_by(key)
    hostile = hostile_pdf(canonical_json(signed))  # the settlement JSON is genuinely signed
    anyone = make_client()

    body, peak = await post_measured(anyone, "unsealed hostile PDF", hostile)
    assert body["valid"] is False and reason_codes(body) == {"not_a_kelisim_document"}
    assert body["signers"] == [] and body["verification_code"] is None
    assert peak < PEAK_LIMIT_MB

    untrusted = seal_pdf(hostile, PlatformKey.generate())
    body, peak = await post_measured(anyone, "hostile PDF sealed by an untrusted key", untrusted)
    assert body["valid"] is False and reason_codes(body) == {"unknown_key"}
    assert body["signers"] == [] and body["record_sha256"] is None
    assert peak < PEAK_LIMIT_MB

    genuine = produce_settlement_pdf(signed, key, "kk", settings.public_base_url + "/#/verify")
    body, peak = await post_measured(anyone, "genuine sealed settlement", genuine)
    assert body["valid"] is True and body["reasons"] == []
    assert body["verification_code"] == signed.verification_code
    assert {s["role"] for s in body["signers"]} == {"claimant", "respondent"}
    assert peak < PEAK_LIMIT_MB


@pytest.mark.parametrize(
    "code",
    [
        "a%00b",
        "ABCDE-FGHJ%00",
        "%00" * 40,
        "A" * 5000,
        "%F0%9F%92%A9%F0%9F%92%A9",
        "ABCDE-FGHJK%0A",
        "abcde%20fghjk",
        "ABCDE-FGHJU",  # U is not in the alphabet
        "'%20OR%201=1--",
    ],
)
async def test_a_code_that_cannot_be_one_is_a_404_not_a_500(
    make_client: MakeClient, code: str
) -> None:
    response = await make_client().get(f"/api/verify/{code}")
    assert_error(response, 404, "unknown_verification_code")


async def test_a_well_formed_unknown_code_is_a_404(make_client: MakeClient) -> None:
    response = await make_client().get("/api/verify/abcde-fghjk")
    error = assert_error(response, 404, "unknown_verification_code")
    assert "letter by letter" in error["message"]
