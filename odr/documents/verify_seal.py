"""Whether the platform's seal vouches for a file: the PAdES seal of a document signed as a PDF,
or the Ed25519 seal at the end of an older one (``seal.py``).

The first step of ``verify.py`` and its defence: nothing in a file is parsed until the seal
holds, cheapest check first, and the first failure is the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from odr.documents.keys import verify_signature
from odr.documents.pades_seal import SEAL_FIELD
from odr.documents.pdf_signatures import SignatureReport
from odr.documents.reasons import Reason
from odr.documents.seal import SealError, read_seal, seal_message, update_bytes


def pades_seal_problem(data: bytes, reports: Sequence[SignatureReport]) -> Reason | None:
    """Why the platform's PAdES seal does not vouch for the whole of ``data``, or None."""
    return _pades_seal_problem(reports) if _ends_at_last_revision(data) else _APPENDED


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


def _pades_seal_problem(reports: Sequence[SignatureReport]) -> Reason | None:
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


def check_seal(
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
