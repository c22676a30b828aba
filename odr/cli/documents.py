"""``odr demo``, ``odr solve`` and ``odr verify``: the commands that work on files, not on the
deployment's database.

``demo`` writes a whole case's signed settlement to a folder (its own app and database; packages,
blind bidding or fair division, as asked), ``solve`` answers a case file with the engine's
packages, ``verify`` checks a sealed settlement PDF offline with the platform's public key.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from odr.cases.mechanism import Mechanism
from odr.cli.arguments import CliError
from odr.settings import Settings, load_settings


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="run a whole negotiation between two simulated parties and write the signed "
        "settlement to a folder",
    )
    demo.add_argument(
        "--out", default="kelisim-demo", help="folder for the PDF and JSON (default kelisim-demo)"
    )
    demo.add_argument(
        "--language",
        default="ru",
        choices=("kk", "ru", "en", "kk+ru"),
        help="the document's language; kk+ru is bilingual, Kazakh prevailing (default ru)",
    )
    demo.add_argument(
        "--mechanism",
        default=Mechanism.PACKAGES.value,
        choices=[m.value for m in Mechanism],
        help="how the simulated parties settle: packages (offers of packages on several issues), "
        "bidding (sealed blind bidding on a money claim), division (fair division of a family's "
        "property); default packages",
    )
    demo.set_defaults(run=run_demo)

    solve = commands.add_parser("solve", help="propose packages for a case file (JSON contract)")
    solve.add_argument("case_file", metavar="CASE.json")
    solve.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    solve.set_defaults(run=run_solve)

    verify = commands.add_parser("verify", help="check a sealed settlement PDF offline")
    verify.add_argument("pdf_file", metavar="FILE.pdf")
    verify.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="PUBLIC.pem",
        help="trust this Ed25519 public key (repeatable; default: the data directory's key); "
        "certificates in the same file are trusted as with --trust",
    )
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CERTS.pem",
        help="trust these certificates for the PDF's signatures (repeatable; default: the data "
        "directory's platform CA and ODR_EDS_TRUST_ANCHORS)",
    )
    verify.set_defaults(run=run_verify)


def run_demo(args: argparse.Namespace) -> int:
    from odr.logs import configure_logging
    from odr.showcase import DemoError, main

    # The demo serves the real app on loopback: its warnings go through the same redacting JSON
    # handler as `odr serve`, never Python's bare fallback handler.
    configure_logging("WARNING")
    try:
        return main(Path(args.out), args.language, Mechanism(args.mechanism))
    except DemoError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write to {args.out}: {exc.strerror}") from None


def run_solve(args: argparse.Namespace) -> int:
    from negotiation.contract import solve_contract
    from negotiation.errors import NegotiationError

    path = Path(args.case_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"{path} is not valid JSON: {exc}") from None
    if args.time_limit <= 0:
        raise CliError("--time-limit must be positive")
    try:
        result = solve_contract(data, time_limit_s=args.time_limit)
    except NegotiationError as exc:
        raise CliError(f"{path}: {exc}") from None
    print(json.dumps(result, ensure_ascii=False))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Exit 0 when the document is valid, 1 when it is not (reasons printed), 2 on usage errors."""
    from odr.documents import PlatformKeyError, load_public_key_pem, stored_public_key, verify_pdf
    from odr.documents.keys import key_id_of

    try:
        keys = [load_public_key_pem(Path(name).read_bytes()) for name in args.key]
        # A --key file may also hold certificates (the platform CA odr demo writes beside it).
        roots = [der for name in [*args.key, *args.trust] for der in _certificates(Path(name))]
        if not args.key:
            settings = load_settings()
            stored = stored_public_key(settings.data_dir)
            if stored is None:
                raise CliError("no platform key in the data directory; give --key PUBLIC.pem")
            keys = [stored]
            roots += _default_roots(settings)
        data = Path(args.pdf_file).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {exc.filename}: {exc.strerror}") from None
    except (PlatformKeyError, ValueError) as exc:
        raise CliError(str(exc)) from None
    result = verify_pdf(data, {key_id_of(key): key for key in keys}, roots)
    print(f"{args.pdf_file}: {'VALID' if result.valid else 'INVALID'}")
    if result.document == "writ_application":  # #18: the code is the enforced settlement's
        print("document: a writ application for the settlement with the verification code below")
    if result.verification_code:
        print(f"verification code: {result.verification_code}")
    for signer in result.signers:
        when = signer.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        who = f"{signer.full_name} ({signer.identifier})"
        if signer.signatory_iin:
            iin = signer.signatory_iin
            who = f"{signer.full_name} (BIN {signer.identifier}, signatory IIN {iin})"
        print(f"signed by {signer.role}: {who}, {when}, {signer.method}")
    for report in result.signatures:
        when = report.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if report.signed_at else "?"
        who = report.signer or "?"
        if report.bin:  # an organisation's certificate: its BIN and its holder's (signatory's) IIN
            who += f", BIN {report.bin}" + (f", signatory IIN {report.iin}" if report.iin else "")
        elif report.iin:
            who += f", IIN {report.iin}"
        verdict = "valid" if report.ok else "NOT VALID: " + ", ".join(report.problems)
        print(
            f"PDF {report.kind} {report.field_name}: {who}; issuer {report.issuer}; {when}; "
            f"{'timestamped; ' if report.timestamped else ''}{verdict}"
        )
    if result.settlement is not None and not result.signatures:
        platform = result.settlement.platform_signature
        print(
            f"platform signature: key {platform.key_id}, "
            f"{platform.signed_at.strftime('%Y-%m-%d %H:%M:%S UTC')}"
        )
    for reason in result.reasons:
        print(f"reason: {reason.code}: {reason.message}")
    print(f"sha256: {result.pdf_sha256}")
    return 0 if result.valid else 1


def _certificates(path: Path) -> list[bytes]:
    """The certificates (DER) of a PEM file; none when it holds only a key."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    data = path.read_bytes()
    if b"-----BEGIN CERTIFICATE-----" not in data:
        return []
    return [c.public_bytes(Encoding.DER) for c in x509.load_pem_x509_certificates(data)]


def _default_roots(settings: Settings) -> list[bytes]:
    """The data directory's platform CA (never created here), the configured seal chain's root
    and the НУЦ РК anchors of the settings."""
    from odr.documents.platform_certificate import SEAL_FILE

    roots: list[bytes] = []
    for path in (settings.data_dir / SEAL_FILE, settings.seal_certificate_file):
        if path is not None and path.is_file():
            roots += _certificates(path)[-1:]
    for path in settings.eds_trust_anchors:
        roots += _certificates(path)
    return roots
