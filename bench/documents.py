"""Benchmark of the settlement document pipeline: record, render, seal, verify.

Run: ``.venv/bin/python bench/documents.py [--runs N]``. For the example settlement (two pages
of obligations, a schedule, a mediator) it times, per stage, the median and p95 over N runs:
building and validating the record with its canonical JSON and hash, rendering the PDF/A-3b in
Kazakh and in the bilingual kk+ru layout (with both attachments), sealing, and verifying. The
baseline, measured in the same run, is WeasyPrint rendering a one-paragraph HTML page to PDF:
the ratio says how much our document costs beyond WeasyPrint's fixed start-up per document.
Targets: a PDF in under 1 s, a verification in under 100 ms.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from odr.documents import (
    PartySignature,
    PlatformKey,
    SettlementRecord,
    canonical_json,
    record_sha256,
    sign_envelope,
    verify_pdf,
)
from odr.documents.example import example_record_data
from odr.documents.produce import embedded_files
from odr.documents.render import render_pdf
from odr.documents.seal import seal_pdf

URL = "https://kelisim.kz/verify"
NOW = datetime(2025, 3, 14, 10, tzinfo=UTC)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def timed(action: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def build_record() -> tuple[SettlementRecord, bytes, str]:
    record = SettlementRecord.model_validate(example_record_data())
    return record, canonical_json(record), record_sha256(record)


def signatures(record: SettlementRecord) -> list[PartySignature]:
    digest = record_sha256(record)
    return [
        PartySignature(
            role=role,
            full_name=name,
            identifier=identifier,
            signed_at=NOW,
            method="password-reauthentication",
            record_sha256=digest,
        )
        for role, name, identifier in (
            ("claimant", "Әлия Серікқызы Нұрланова", "900712400451"),
            ("respondent", "Ерлан Болатұлы Сейітов", "150540001233"),
        )
    ]


def baseline_pdf() -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string="<p>Келісім: one paragraph.</p>").write_pdf()
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="runs per stage (default 20)")
    args = parser.parse_args()
    key = PlatformKey.generate()
    record = SettlementRecord.model_validate(example_record_data())
    signed = sign_envelope(record, signatures(record), key, NOW)
    files = embedded_files(signed, URL)
    baseline_pdf()  # warm WeasyPrint's imports and caches before anything is timed
    render_pdf(signed, "kk", URL, files)

    rows: list[tuple[str, list[float]]] = []
    times, _ = timed(baseline_pdf, args.runs)
    rows.append(("baseline: WeasyPrint, one paragraph", times))
    times, _ = timed(build_record, args.runs)
    rows.append(("record + canonical JSON + SHA-256", times))
    times, _ = timed(lambda: sign_envelope(record, signatures(record), key, NOW), args.runs)
    rows.append(("sign envelope (Ed25519)", times))
    times, _ = timed(lambda: embedded_files(signed, URL), args.runs)
    rows.append(("attachments: JSON + Akoma Ntoso", times))
    times, pdf = timed(lambda: render_pdf(signed, "kk", URL, files), args.runs)
    rows.append(("render PDF/A-3b, kk", times))
    times, _ = timed(lambda: render_pdf(signed, "kk+ru", URL, files), args.runs)
    rows.append(("render PDF/A-3b, kk+ru", times))
    assert isinstance(pdf, bytes)
    times, sealed = timed(lambda: seal_pdf(pdf, key), args.runs)
    rows.append(("seal", times))
    assert isinstance(sealed, bytes)
    trusted = {key.key_id: key.public_key}
    times, verdict = timed(lambda: verify_pdf(sealed, trusted), args.runs)
    rows.append(("verify", times))
    assert getattr(verdict, "valid", False), verdict

    base = statistics.median(rows[0][1])
    print(f"{args.runs} runs per stage; PDF {len(sealed):,} bytes (kk)\n")
    print("| stage | median ms | p95 ms | x baseline |")
    print("|---|---:|---:|---:|")
    for label, values in rows:
        median = statistics.median(values)
        print(f"| {label} | {median:.1f} | {percentile(values, 0.95):.1f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
