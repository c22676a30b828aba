"""Verify a Kelisim settlement PDF offline: seal, embedded envelope, Akoma Ntoso, signers.

Two kinds of document: since #14 the parties' signatures and the platform's seal are PAdES
signatures of the PDF (``_verify_pades``: every signature validated by pyHanko against
``trust_roots``, the platform CA and the НУЦ РК roots, and reported one by one); before, one
Ed25519 seal at the end of the file (``seal.py``) vouched for everything, the steps below.

``verify_pdf`` never raises on any input: a court clerk may feed it anything, and "this is not
a valid document, because …" is the only useful answer to garbage. Anyone may upload a file
(``POST /api/verify`` needs no login), so the order of the checks is also the defence: nothing
in a file is opened, parsed or inflated until a trusted key vouches for those bytes.

1. the seal (``seal.py``), cheapest check first: a seal object in the last 4 KiB (a regular
   expression, no PDF parsing); its key id among the trusted keys; the Ed25519 signature over
   the first ``SignedLength`` bytes (one SHA-256); only then the PDF parser, on the signed part,
   to rebuild the update and compare the file's tail with it byte for byte. The first failure
   is the verdict: an unsealed, untrusted or badly sealed file is NOT VALID with that reason
   and its attachments are never read;
2. the embedded ``settlement.json`` (read from the signed part only): schema, canonical bytes,
   record hash, verification code, signers matching the parties, platform signature;
3. the embedded ``settlement.akn.xml`` names the same record hash (parsed by defusedxml: no
   DTD, no entities, no external references).

Even behind a trusted seal (a leaked key, an old key still trusted) a stream is only inflated
up to ``MAX_ATTACHMENT_BYTES`` (a larger one counts as missing) and only Flate or unfiltered
streams are read.

Each step in a module of its own: the seal (``verify_seal.py``), the embedded files read with
their bound (``embedded_files.py``), the parties' PDF signatures (``verify_signers.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from odr.documents.akoma import record_hash_of
from odr.documents.canonical import canonical_json
from odr.documents.embedded_files import JSON_NAME, XML_NAME, attachments
from odr.documents.envelope import SignedSettlement, envelope_problems
from odr.documents.pades_seal import SEAL_FIELD
from odr.documents.pdf_signatures import SignatureReport, read_signatures
from odr.documents.reasons import Reason
from odr.documents.seal import read_seal
from odr.documents.signatories import recorded_signatory_iin
from odr.documents.verify_seal import check_seal, pades_seal_problem
from odr.documents.verify_signers import Signer, party_signers
from odr.documents.writ_contents import WRIT_JSON_NAME, writ_problems

MAX_PDF_BYTES = 50 * 1024 * 1024


@dataclass
class Verification:
    """The verdict; ``settlement`` and ``signers`` are filled whenever the JSON was readable."""

    valid: bool
    reasons: list[Reason]
    pdf_sha256: str
    settlement: SignedSettlement | None = None
    signers: list[Signer] = field(default_factory=list)
    verification_code: str | None = None
    key_id: str | None = None
    signatures: list[SignatureReport] = field(default_factory=list)
    """Every PDF signature (a PAdES document), as pyHanko validated it, in file order."""
    document: Literal["settlement", "writ_application"] = "settlement"
    """What the seal vouches for: a ``settlement``, or a ``writ_application`` (#18), whose
    ``verification_code`` is the code of the settlement it enforces."""


def verify_pdf(
    data: bytes,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    trust_roots: Sequence[bytes] = (),
) -> Verification:
    """Check ``data`` against ``trusted_keys`` (key id → Ed25519 public key: the envelope, and
    the seal of older documents) and ``trust_roots`` (DER certificates a PDF signature may chain
    to: the platform CA, the НУЦ РК roots). Never raises."""
    try:
        blob = bytes(data)
    except (TypeError, ValueError):
        return Verification(False, [Reason.of("not_a_kelisim_document", "not bytes")], "")
    digest = hashlib.sha256(blob).hexdigest()
    try:
        # A signature dictionary is never in an object stream (its /Contents needs an offset).
        if read_seal(blob) is None and b"/ByteRange" in blob:
            return _verify_pades(blob, digest, trusted_keys, trust_roots)
        return _verify(blob, digest, trusted_keys)
    except Exception as exc:  # a parser bug on hostile input must still yield a verdict
        detail = f"unreadable ({type(exc).__name__})"
        return Verification(False, [Reason.of("not_a_kelisim_document", detail)], digest)


def _verify(data: bytes, digest: str, trusted: Mapping[str, Ed25519PublicKey]) -> Verification:
    if len(data) > MAX_PDF_BYTES:
        reason = Reason.of("not_a_kelisim_document", "larger than 50 MiB")
        return Verification(False, [reason], digest)
    key_id, signed_part, seal_problem = check_seal(data, trusted)
    if signed_part is None:
        assert seal_problem is not None
        return Verification(False, [seal_problem], digest, key_id=key_id)
    result = Verification(False, [], digest, key_id=key_id)
    _check_contents(signed_part, trusted, result)
    result.reasons = _unique(result.reasons)
    result.valid = not result.reasons
    return result


def _check_contents(
    signed_part: bytes, trusted: Mapping[str, Ed25519PublicKey], result: Verification
) -> None:
    """The embedded envelope and Akoma Ntoso of a vouched-for PDF, into ``result``."""
    reasons = result.reasons
    files = attachments(signed_part)
    if WRIT_JSON_NAME in files and JSON_NAME not in files:  # a writ application (#18)
        writ, problems = writ_problems(files[WRIT_JSON_NAME])
        result.document = "writ_application"
        result.verification_code = writ["settlement"]["verification_code"] if writ else None
        reasons.extend(problems)
        return
    raw_json = files.get(JSON_NAME)
    if raw_json is None:
        reasons.append(Reason.of("attachment_missing", JSON_NAME))
    else:
        _check_envelope(raw_json, trusted, result)
    raw_xml = files.get(XML_NAME)
    if raw_xml is None:
        reasons.append(Reason.of("attachment_missing", XML_NAME))
    elif result.settlement is not None:
        named = record_hash_of(raw_xml)
        if named is None:
            reasons.append(Reason.of("akoma_mismatch", "it names no record hash, or is unreadable"))
        elif named != result.settlement.record_sha256:
            reasons.append(Reason.of("akoma_mismatch", "its recordSha256 differs"))


def _verify_pades(
    data: bytes,
    digest: str,
    trusted: Mapping[str, Ed25519PublicKey],
    roots: Sequence[bytes],
) -> Verification:
    """A document signed as a PDF: the seal first, then the contents, then each party."""
    try:
        reports = read_signatures(data, roots)
    except ValueError as exc:
        return Verification(False, [Reason.of("not_a_kelisim_document", str(exc))], digest)
    result = Verification(False, [], digest, signatures=reports)
    seal_problem = pades_seal_problem(data, reports)
    if seal_problem is not None:
        result.reasons = [seal_problem]
        return result
    # The parties signed the first revision; every later one only adds signatures.
    _check_contents(data[: reports[0].signed_length], trusted, result)
    if result.settlement is not None and result.settlement.signed_in_pdf:
        seal = next(r for r in reports if r.field_name == SEAL_FIELD)
        result.signers, problems = party_signers(result.settlement, reports, seal)
        result.reasons.extend(problems)
    elif result.settlement is not None:
        detail = "a document signed as a PDF must embed a signed-settlement/2 envelope"
        result.reasons.append(Reason.of("envelope_invalid", detail))
    result.reasons = _unique(result.reasons)
    result.valid = not result.reasons
    return result


def _check_envelope(
    raw: bytes, trusted: Mapping[str, Ed25519PublicKey], result: Verification
) -> None:
    try:
        signed = SignedSettlement.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        result.reasons.append(Reason.of("envelope_invalid", f"{where}: {first['msg']}"))
        return
    result.settlement = signed
    result.verification_code = signed.verification_code
    result.signers = [
        Signer(
            s.role,
            s.full_name,
            s.identifier,
            s.signed_at,
            s.method,
            signatory_iin=recorded_signatory_iin(signed.record, s.role, s.identifier, s.full_name),
        )
        for s in signed.party_signatures
    ]
    if canonical_json(signed) != raw:
        result.reasons.append(Reason.of("not_canonical"))
    result.reasons.extend(envelope_problems(signed, trusted))


def _unique(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    out = []
    for reason in reasons:
        if (reason.code, reason.message) not in seen:
            seen.add((reason.code, reason.message))
            out.append(reason)
    return out
