"""``odr verify FILE.pdf [--key PUBLIC.pem]``: exit 0 valid, 1 invalid, 2 usage errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from odr.cli import main
from odr.documents import PlatformKey, SignedSettlement, produce_settlement_pdf

from .conftest import VERIFY_URL


@pytest.fixture
def files(tmp_path: Path, pdf_kk: bytes, key: PlatformKey) -> tuple[Path, Path]:
    pdf = tmp_path / "settlement.pdf"
    pdf.write_bytes(pdf_kk)
    pem = tmp_path / "platform.pem"
    pem.write_bytes(key.public_key_pem())
    return pdf, pem


def test_valid_document(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pdf, pem = files
    assert main(["verify", str(pdf), "--key", str(pem)]) == 0
    out = capsys.readouterr().out
    assert f"{pdf}: VALID" in out
    assert (
        "signed by claimant: Ғалым Өтегенұлы Құдайбергенов (781105350675), 2025-03-14 08:05:00 UTC"
        in out
    )
    assert "verification code:" in out and "reason:" not in out


def test_tampered_document(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pdf, pem = files
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 1
    pdf.write_bytes(bytes(data))
    assert main(["verify", str(pdf), "--key", str(pem)]) == 1
    out = capsys.readouterr().out
    assert "INVALID" in out and "reason: seal_mismatch" in out


def test_default_key_comes_from_the_data_directory(
    tmp_path: Path, signed: SignedSettlement, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    key = PlatformKey.in_directory(data_dir)
    pdf = tmp_path / "own.pdf"
    pdf.write_bytes(produce_settlement_pdf(signed, key, "ru", VERIFY_URL))
    monkeypatch.setenv("ODR_DATA_DIR", str(data_dir))
    # The envelope was signed by another key: the seal verifies, the envelope signature does not.
    assert main(["verify", str(pdf)]) == 1
    monkeypatch.setenv("ODR_DATA_DIR", str(tmp_path / "empty"))
    assert main(["verify", str(pdf)]) == 2


def test_usage_errors_are_one_line(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, pem = files
    assert main(["verify", str(pdf.with_name("missing.pdf")), "--key", str(pem)]) == 2
    assert main(["verify", str(pdf), "--key", str(pdf)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and err[0].startswith("odr verify: cannot read")
    assert "not a PEM public key" in err[1]


@pytest.mark.skipif(
    shutil.which("verapdf") is None,
    reason="veraPDF is not installed (not on PyPI, Debian or npm; see docs/settlement.md)",
)
def test_verapdf_accepts_the_pdf_a3(files: tuple[Path, Path]) -> None:
    pdf, _ = files
    report = subprocess.run(
        ["verapdf", "--flavour", "3b", "--format", "text", str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.stdout.startswith("PASS"), report.stdout + report.stderr
