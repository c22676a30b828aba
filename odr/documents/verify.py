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
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from odr.documents.akoma import record_hash_of
from odr.documents.canonical import canonical_json
from odr.documents.envelope import SignedSettlement, envelope_problems
from odr.documents.keys import verify_signature
from odr.documents.pades_document import EDS_METHOD, SIMPLE_METHOD, field_for
from odr.documents.pades_seal import SEAL_FIELD
from odr.documents.pdf_signatures import SignatureReport, read_signatures
from odr.documents.reasons import Reason
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import PersonParty, party_identifier
from odr.documents.seal import SealError, read_seal, seal_message, update_bytes
from odr.documents.signatories import recorded_signatory_iin, signatory_matches
from odr.documents.writ_contents import WRIT_JSON_NAME, writ_problems

JSON_NAME = "settlement.json"
XML_NAME = "settlement.akn.xml"
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Signer:
    role: str
    full_name: str
    identifier: str
    signed_at: datetime
    method: str
    issuer: str | None = None  # the certificate's issuer, for a signature in the PDF
    signatory_iin: str | None = None
    """For an organisation signed by its signatory: the signatory's IIN (the EDS certificate's
    SERIALNUMBER, else the record's); ``identifier`` is then the BIN."""


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
    key_id, signed_part, seal_problem = _check_seal(data, trusted)
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
    files = _attachments(signed_part)
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
    seal_problem = _seal_problem(reports) if _ends_at_last_revision(data) else _APPENDED
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


_APPENDED = Reason.of("seal_mismatch", "bytes were added after the file's last revision")
_LAST_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF\s*\Z")


def _ends_at_last_revision(data: bytes) -> bool:
    """Nothing follows the last revision a reader sees: the final ``startxref`` points at an
    xref section followed by that one ``startxref`` alone. Bytes appended after ``%%EOF`` (or
    junk ending in a copied ``startxref … %%EOF``) belong to no revision, so no signature covers
    them and pyHanko does not see them; they are refused here."""
    found = _LAST_STARTXREF.search(data, max(0, len(data) - 1024))
    if found is None:
        return False
    start = int(found.group(1))
    return start < len(data) and data.count(b"startxref", start) == 1


def _seal_problem(reports: Sequence[SignatureReport]) -> Reason | None:
    """Why the platform's seal does not vouch for the whole file, or None when it does."""
    seals = [r for r in reports if r.field_name == SEAL_FIELD]
    if len(seals) != 1:
        return Reason.of("not_a_kelisim_document", "no platform seal (a PDF signature)")
    seal = seals[0]
    after = reports[reports.index(seal) + 1 :]
    if any(r.kind != "timestamp" for r in after):
        return Reason.of("seal_mismatch", "signatures were added after the platform seal")
    if "signature_unreadable" in seal.problems:
        return Reason.of("seal_mismatch", "the seal signature cannot be read")
    if "signature_not_intact" in seal.problems or "signature_invalid" in seal.problems:
        return Reason.of("seal_mismatch", "the seal signature does not match the file")
    if "modified_after_signing" in seal.problems:
        return Reason.of("seal_mismatch", "the file was changed after the platform sealed it")
    if "signer_not_trusted" in seal.problems:
        return Reason.of("unknown_key", f"sealed with a certificate issued by {seal.issuer}")
    for stamp in after:
        if not stamp.ok:
            return Reason.of(
                "seal_mismatch", f"the document timestamp: {', '.join(stamp.problems)}"
            )
    return None


def party_signers(
    signed: SignedSettlement, reports: Sequence[SignatureReport], seal: SignatureReport
) -> tuple[list[Signer], list[Reason]]:
    """Each party's signature in its field ``kelisim-<role>``: who it names and whether it is
    valid, and every reason the parties did not all sign validly.

    A signature made with the platform's own seal certificate is a simple electronic signature
    the platform recorded (``/Name``, ``/ContactInfo``); any other is the signer's EDS, whose
    certificate must name the party's IIN, its representative's IIN or its BIN.
    """
    record = signed.record
    roles = [p.role for p in record.parties] + (["mediator"] if record.mediator else [])
    by_field = {r.field_name: r for r in reports}
    signers: list[Signer] = []
    problems: list[Reason] = []
    for role in roles:
        report = by_field.get(field_for(role))
        if report is None:
            if role != "mediator":
                problems.append(Reason.of("signer_mismatch", f"no signature of the {role}"))
            continue
        attested = report.certificate_sha256 == seal.certificate_sha256
        if attested:
            name, identifier = report.name or "", report.contact_info or ""
            eds = (report.reason or "").startswith("EDS of")
            method = "eds-cms" if eds else SIMPLE_METHOD
            signatory_iin = recorded_signatory_iin(record, role, identifier, name)
        else:
            # An organisation's certificate names the organisation (BIN) and the employee who
            # holds it (IIN): the BIN is the party, the IIN its signatory.
            name = report.signer or ""
            identifier = report.bin or report.iin or ""
            method = EDS_METHOD
            signatory_iin = report.iin if report.bin else None
        if report.signed_at is None:
            problems.append(Reason.of("party_signature_invalid", f"{role}: no signing time"))
            continue
        signers.append(
            Signer(
                role,
                name,
                identifier,
                report.signed_at,
                method,
                issuer=report.issuer,
                signatory_iin=signatory_iin,
            )
        )
        if report.problems:
            detail = f"{role}: {', '.join(report.problems)}"
            problems.append(Reason.of("party_signature_invalid", detail))
        if identifier not in _identifiers(record, role) or (
            attested and not _named(record, role, name)
        ):
            detail = f"{name} ({identifier or 'no IIN or BIN'}) cannot sign as {role}"
            problems.append(Reason.of("signer_mismatch", detail))
        elif not attested and report.bin and not signatory_matches(record, role, report.iin):
            detail = f"{name}: the certificate's IIN is not the {role}'s signatory's IIN"
            problems.append(Reason.of("signer_mismatch", detail))
    return signers, problems


def _identifiers(record: SettlementRecord, role: str) -> set[str]:
    if role == "mediator":
        return {record.mediator.certificate_number} if record.mediator else set()
    party = record.party(role)
    found = {party.iin if isinstance(party, PersonParty) else party_identifier(party)}
    if party.representative is not None:
        found.add(party.representative.iin)
    return found


def _named(record: SettlementRecord, role: str, name: str) -> bool:
    if role == "mediator":
        return record.mediator is not None and record.mediator.full_name == name
    party = record.party(role)
    names = {party.full_name if isinstance(party, PersonParty) else party.signatory.full_name}
    if party.representative is not None:
        names.add(party.representative.full_name)
    return name in names


def _check_seal(
    data: bytes, trusted: Mapping[str, Ed25519PublicKey]
) -> tuple[str | None, bytes | None, Reason | None]:
    """(key id, the signed part if the seal holds, else why not), cheapest check first.

    Nothing here parses the PDF until the signature over the signed part has verified with a
    trusted key: before that, the bytes are anybody's.
    """
    fields = read_seal(data)
    if fields is None:
        return None, None, Reason.of("not_a_kelisim_document", "no Kelisim seal at the end")
    key_id = fields.key_id
    if not 0 < fields.signed_length < len(data):
        return key_id, None, Reason.of("seal_mismatch", "the signed length is outside the file")
    public_key = trusted.get(key_id)
    if public_key is None:
        return key_id, None, Reason.of("unknown_key", f"sealed with key {key_id}")
    prefix = data[: fields.signed_length]
    if not verify_signature(public_key, fields.signature, seal_message(prefix)):
        detail = "the seal signature does not match the file"
        return key_id, None, Reason.of("seal_mismatch", detail)
    try:
        expected = update_bytes(prefix, key_id, fields.signature)
    except SealError as exc:
        return key_id, None, Reason.of("seal_mismatch", str(exc))
    if data[fields.signed_length :] != expected:
        detail = "bytes after the signed part were changed"
        return key_id, None, Reason.of("seal_mismatch", detail)
    return key_id, prefix, None


def _attachments(pdf_bytes: bytes) -> dict[str, bytes]:
    """Embedded files by name; unreadable ones (or an unreadable PDF) are simply absent."""
    import pikepdf

    found: dict[str, bytes] = {}
    try:
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            for name, spec in pdf.attachments.items():
                if name in (JSON_NAME, XML_NAME, WRIT_JSON_NAME):
                    content = _bounded_stream(spec.obj.EF.F)
                    if content is not None:
                        found[name] = content
    except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError):
        return found
    return found


def _bounded_stream(stream: object) -> bytes | None:
    """A stream's decoded bytes if Flate or plain and at most ``MAX_ATTACHMENT_BYTES``, else None.

    The inflater stops one byte past the cap, so a deflate bomb costs at most the cap in memory
    (and a declared size over the cap is refused before inflating at all).
    """
    import pikepdf

    if not isinstance(stream, pikepdf.Stream):
        return None
    params = stream.get("/Params")
    declared = params.get("/Size") if isinstance(params, pikepdf.Dictionary) else None
    if isinstance(declared, int) and declared > MAX_ATTACHMENT_BYTES:
        return None
    raw = stream.read_raw_bytes()
    filters = stream.get("/Filter")
    if filters is None:
        return raw if len(raw) <= MAX_ATTACHMENT_BYTES else None
    if filters != pikepdf.Name.FlateDecode or stream.get("/DecodeParms") is not None:
        return None
    inflater = zlib.decompressobj()
    try:
        content = inflater.decompress(raw, MAX_ATTACHMENT_BYTES + 1)
    except zlib.error:
        return None
    return content if len(content) <= MAX_ATTACHMENT_BYTES else None


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
