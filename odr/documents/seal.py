"""The PDF seal: an incremental update that signs every byte before it.

Design (docs/settlement.md, "Seal"): the rendered PDF (``prefix``) gets one appended update
holding a ``/Type /KelisimSeal`` object with an Ed25519 signature over
``b"kelisim-pdf-seal-v1\\n" + SHA-256(prefix)``, then a cross-reference stream for the update
(``/Prev`` pointing at the prefix's) and ``%%EOF``. The update's bytes are a pure function of
(prefix, key id, signature): the verifier rebuilds them and requires the file's tail to be
exactly those bytes, so a change anywhere, before or inside the update, fails verification.
Readers see an ordinary PDF (the seal object is not referenced from the page tree), and the
update keeps the file PDF/A: incremental updates are allowed and the trailer keeps ``/ID``.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from odr.documents.keys import PlatformKey

SEAL_CONTEXT = b"kelisim-pdf-seal-v1\n"
_SEAL_OBJECT = re.compile(
    rb"\n(\d{1,9}) 0 obj\n<< /Type /KelisimSeal /Version 1 /Algorithm /Ed25519 "
    rb"/KeyId \(([0-9a-f]{16})\) /SignedLength (\d{1,12}) /Signature <([0-9a-f]{128})> >>\nendobj\n"
)
_STARTXREF = re.compile(rb"startxref\r?\n(\d{1,12})\r?\n%%EOF\r?\n?\Z")


class SealError(ValueError):
    """The PDF cannot be sealed (it is not a complete PDF file)."""


@dataclass(frozen=True)
class SealFields:
    """What the tail of a sealed file claims: where the signed part ends, which key, what value."""

    signed_length: int
    key_id: str
    signature: bytes


@dataclass(frozen=True)
class PriorTrailer:
    """What the update repeats from the document it extends (all read from the signed part)."""

    startxref: int
    size: int
    root: str
    info: str | None
    ids: tuple[bytes, bytes]


def seal_message(prefix: bytes) -> bytes:
    return SEAL_CONTEXT + hashlib.sha256(prefix).digest()


def seal_pdf(pdf: bytes, key: PlatformKey) -> bytes:
    """``pdf`` with the sealing update appended."""
    prefix = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    signature = key.sign(seal_message(prefix))
    return prefix + update_bytes(prefix, key.key_id, signature)


def read_seal(data: bytes) -> SealFields | None:
    """The seal fields claimed by the last seal object of ``data``, or ``None`` if it has none."""
    tail_start = max(0, len(data) - 4096)
    matches = list(_SEAL_OBJECT.finditer(data, tail_start))
    if not matches:
        return None
    found = matches[-1]
    return SealFields(
        int(found.group(3)), found.group(2).decode(), bytes.fromhex(found.group(4).decode())
    )


def prior_trailer(prefix: bytes) -> PriorTrailer:
    """The trailer of the document ``prefix`` (raises ``SealError`` when it has none usable)."""
    import pikepdf

    found = _STARTXREF.search(prefix[-64:])
    if found is None:
        raise SealError("the PDF does not end with startxref and %%EOF")
    try:
        with pikepdf.open(io.BytesIO(prefix)) as pdf:
            trailer = pdf.trailer
            root = pdf.Root.objgen
            info = trailer.get("/Info")
            ids = trailer.get("/ID")
            if ids is None or len(ids) != 2:
                raise SealError("the PDF trailer has no /ID")
            return PriorTrailer(
                startxref=int(found.group(1)),
                size=int(trailer.Size),
                root=f"{root[0]} {root[1]} R",
                info=f"{info.objgen[0]} {info.objgen[1]} R" if info is not None else None,
                ids=(bytes(ids[0]), bytes(ids[1])),
            )
    except pikepdf.PdfError as exc:
        raise SealError(f"not a readable PDF: {exc}") from None


def update_bytes(prefix: bytes, key_id: str, signature: bytes) -> bytes:
    """The exact bytes of the sealing update for ``prefix`` (sealing and verifying share this)."""
    prior = prior_trailer(prefix)
    seal_number, xref_number = prior.size, prior.size + 1
    seal_offset = len(prefix)
    seal = (
        f"{seal_number} 0 obj\n<< /Type /KelisimSeal /Version 1 /Algorithm /Ed25519 "
        f"/KeyId ({key_id}) /SignedLength {len(prefix)} /Signature <{signature.hex()}> >>\n"
        "endobj\n"
    ).encode("ascii")
    xref_offset = seal_offset + len(seal)
    # Type 1 entries (in use, at offset, generation 0) for the seal and the xref stream itself.
    rows = b"".join(
        b"\x01" + offset.to_bytes(4, "big") + b"\x00" for offset in (seal_offset, xref_offset)
    )
    info = f"/Info {prior.info} " if prior.info else ""
    ids = f"[<{prior.ids[0].hex()}> <{prior.ids[1].hex()}>]"
    xref = (
        f"{xref_number} 0 obj\n<< /Type /XRef /Size {xref_number + 1} /Index [{seal_number} 2] "
        f"/W [1 4 1] /Prev {prior.startxref} /Root {prior.root} {info}/ID {ids} "
        f"/Length {len(rows)} >>\nstream\n"
    ).encode("ascii")
    xref += rows + b"\nendstream\nendobj\n"
    return seal + xref + f"startxref\n{xref_offset}\n%%EOF\n".encode("ascii")
