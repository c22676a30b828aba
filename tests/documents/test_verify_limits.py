"""Hostile uploads: the verifier checks the seal first and reads nothing an untrusted seal covers.

A file that is not sealed by a trusted key is answered NOT VALID without opening a single
attachment, so entity expansions and deflate bombs inside it cost nothing. Behind a trusted seal
(defence in depth: a leaked key, an old key still trusted) XML is parsed without DTDs and
streams are inflated to at most ``MAX_ATTACHMENT_BYTES``. Peaks are measured (tracemalloc in
this process, and the RSS of a separate process, which also sees qpdf's and zlib's C heaps) and
printed; run with ``-s`` to see them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from odr.documents import (
    PlatformKey,
    SignedSettlement,
    Verification,
    canonical_json,
    embedded_files,
    verify_pdf,
)
from odr.documents import verify as verify_module
from odr.documents.akoma import record_hash_of
from odr.documents.seal import seal_pdf

from .conftest import TrustedKeys
from .hostile_pdf import (
    billion_laughs,
    deflate,
    deflate_bomb,
    entity_bomb_xml,
    external_entity_xml,
    hostile_pdf,
    pdf_with_attachments,
)

ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 30.0
T = TypeVar("T")


def codes(result: Verification) -> set[str]:
    return {reason.code for reason in result.reasons}


def measured(label: str, call: Callable[[], T]) -> tuple[T, float]:
    """``call()`` and the peak of memory it allocated (tracemalloc, all threads), in MB."""
    tracemalloc.start()
    try:
        result = call()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    print(f"\n[verify peak] {label}: {peak:.2f} MB (tracemalloc)")
    return result, peak


@pytest.fixture
def attachment_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the verifier's attachment reads (it must make none for an untrusted file)."""
    calls: list[int] = []
    original = embedded_files.attachments

    def counting(pdf_bytes: bytes) -> dict[str, bytes]:
        calls.append(len(pdf_bytes))
        return original(pdf_bytes)

    monkeypatch.setattr(verify_module, "attachments", counting)
    return calls


def forged_seal_claiming(pdf: bytes, key_id: str) -> bytes:
    """``pdf`` sealed by a forger's key, then its seal edited to name the trusted ``key_id``."""
    forger = PlatformKey.generate()
    sealed = seal_pdf(pdf, forger)
    tail_start = len(sealed) - 4096
    tail = sealed[tail_start:].replace(
        f"/KeyId ({forger.key_id})".encode(), f"/KeyId ({key_id})".encode()
    )
    return sealed[:tail_start] + tail


def test_unsealed_hostile_file_is_refused_without_reading_attachments(
    signed: SignedSettlement, trusted: TrustedKeys, attachment_reads: list[int]
) -> None:
    data = hostile_pdf(canonical_json(signed))
    assert len(data) < 1024 * 1024, "small enough for the default body limit"
    result, peak = measured("unsealed hostile PDF", lambda: verify_pdf(data, trusted))
    assert not result.valid and codes(result) == {"not_a_kelisim_document"}
    assert result.settlement is None and result.signers == []
    assert attachment_reads == []
    assert peak < PEAK_LIMIT_MB


def test_hostile_file_sealed_with_an_untrusted_key(
    signed: SignedSettlement, trusted: TrustedKeys, attachment_reads: list[int]
) -> None:
    data = seal_pdf(hostile_pdf(canonical_json(signed)), PlatformKey.generate())
    result, peak = measured("untrusted-key hostile PDF", lambda: verify_pdf(data, trusted))
    assert not result.valid and codes(result) == {"unknown_key"}
    assert result.settlement is None and result.key_id is not None
    assert attachment_reads == []
    assert peak < PEAK_LIMIT_MB


def test_forged_seal_naming_the_trusted_key(
    signed: SignedSettlement, key: PlatformKey, trusted: TrustedKeys, attachment_reads: list[int]
) -> None:
    data = forged_seal_claiming(hostile_pdf(canonical_json(signed)), key.key_id)
    result, peak = measured("forged-seal hostile PDF", lambda: verify_pdf(data, trusted))
    assert not result.valid and codes(result) == {"seal_mismatch"}
    assert result.settlement is None and attachment_reads == []
    assert peak < PEAK_LIMIT_MB


def test_changed_after_sealing_is_refused_before_reading(
    pdf_kk: bytes, trusted: TrustedKeys, attachment_reads: list[int]
) -> None:
    """Bytes appended after a good seal: the tail check fails and nothing is read."""
    result = verify_pdf(pdf_kk + b"% appended\n", trusted)
    assert not result.valid and codes(result) <= {"seal_mismatch", "not_a_kelisim_document"}
    assert attachment_reads == []


def test_trusted_seal_over_an_entity_bomb_is_still_bounded(
    signed: SignedSettlement, key: PlatformKey, trusted: TrustedKeys
) -> None:
    """Defence in depth: even behind a trusted seal the XML's DTD is refused, not expanded."""
    data = seal_pdf(hostile_pdf(canonical_json(signed)), key)
    result, peak = measured("trusted-seal entity bomb", lambda: verify_pdf(data, trusted))
    assert not result.valid and codes(result) == {"akoma_mismatch"}
    assert result.settlement == signed
    assert peak < PEAK_LIMIT_MB


def test_trusted_seal_over_a_deflate_bomb_is_still_bounded(
    signed: SignedSettlement, key: PlatformKey, trusted: TrustedKeys
) -> None:
    files = {"settlement.json": deflate_bomb(), "settlement.akn.xml": deflate([billion_laughs()])}
    data = seal_pdf(pdf_with_attachments(files), key)
    result, peak = measured("trusted-seal deflate bomb", lambda: verify_pdf(data, trusted))
    assert not result.valid and codes(result) == {"attachment_missing"}
    assert "settlement.json" in result.reasons[0].message
    assert peak < PEAK_LIMIT_MB


def test_sealed_settlement_still_verifies_and_its_peak_is_small(
    pdf_kk: bytes, trusted: TrustedKeys, signed: SignedSettlement
) -> None:
    result, peak = measured("genuine sealed settlement", lambda: verify_pdf(pdf_kk, trusted))
    assert result.valid and result.settlement == signed
    assert peak < PEAK_LIMIT_MB


@pytest.mark.parametrize(
    "xml", [billion_laughs(), external_entity_xml(), entity_bomb_xml(entity_bytes=1000, uses=10)]
)
def test_akoma_reader_refuses_dtds_and_entities(xml: bytes) -> None:
    assert record_hash_of(xml) is None


def test_akoma_reader_still_reads_our_own_xml(signed: SignedSettlement) -> None:
    from odr.documents.akoma import akoma_ntoso

    assert record_hash_of(akoma_ntoso(signed, "https://kelisim.kz/verify")) == signed.record_sha256


def test_no_xml_parsing_in_odr_outside_defusedxml() -> None:
    """Every XML parse in ``odr/`` goes through defusedxml (no DTDs, entities, external refs)."""
    unsafe = re.compile(
        r"\bET\.(fromstring|parse|iterparse|XMLParser|XMLPullParser|XML)\(|"
        r"^\s*(import|from)\s+(lxml|xml\.sax|xml\.dom|xml\.parsers)",
        re.MULTILINE,
    )
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in (ROOT / "odr").rglob("*.py")
        for match in unsafe.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_resident_memory_of_a_verifier_process_stays_bounded(
    tmp_path: Path, signed: SignedSettlement, key: PlatformKey, pdf_kk: bytes
) -> None:
    """RSS, which sees the C heaps (qpdf, zlib, expat) tracemalloc does not.

    One fresh process per file, warmed up on the genuine PDF; the kernel's peak RSS of the
    process (``VmHWM``) is reset just before the hostile file is verified.
    """
    hostile = hostile_pdf(canonical_json(signed))
    samples = {
        "unsealed": hostile,
        "untrusted": seal_pdf(hostile, PlatformKey.generate()),
        "trusted": seal_pdf(hostile, key),
    }
    (tmp_path / "genuine.pdf").write_bytes(pdf_kk)
    (tmp_path / "key.pem").write_bytes(key.public_key_pem())
    growth: dict[str, float] = {}
    for name, data in samples.items():
        (tmp_path / f"{name}.pdf").write_bytes(data)
        done = subprocess.run(
            [sys.executable, "-c", RSS_SCRIPT, str(tmp_path), name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        growth[name] = float(done.stdout.strip())
        print(f"\n[verify RSS growth] {name}: {growth[name]:.1f} MiB (fresh process)")
    assert max(growth.values()) < PEAK_LIMIT_MB


RSS_SCRIPT = textwrap.dedent(
    """
    import re, sys
    from pathlib import Path
    from odr.documents import load_public_key_pem, verify_pdf
    from odr.documents.keys import key_id_of

    def status_kib(field):
        return int(re.search(field + r":\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1])

    folder, name = Path(sys.argv[1]), sys.argv[2]
    public = load_public_key_pem((folder / "key.pem").read_bytes())
    trusted = {key_id_of(public): public}
    # Warm up (imports, pikepdf, pydantic's validators) on the genuine file, then measure.
    assert verify_pdf((folder / "genuine.pdf").read_bytes(), trusted).valid
    data = (folder / (name + ".pdf")).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS (Linux >= 4.0)
    before = status_kib("VmRSS")
    assert not verify_pdf(data, trusted).valid
    print((status_kib("VmHWM") - before) / 1024)
    """
)
