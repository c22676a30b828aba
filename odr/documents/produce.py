"""One call from a signed envelope to the sealed, court-ready PDF."""

from __future__ import annotations

from odr.documents.akoma import akoma_ntoso
from odr.documents.canonical import canonical_json
from odr.documents.envelope import SignedSettlement
from odr.documents.keys import PlatformKey
from odr.documents.render import EmbeddedFile, render_pdf
from odr.documents.seal import seal_pdf


def embedded_files(signed: SignedSettlement, verification_url: str) -> list[EmbeddedFile]:
    return [
        EmbeddedFile(
            "settlement.json",
            canonical_json(signed),
            "Source",
            "Signed settlement (Kelisim schema settlement/1), canonical JSON",
        ),
        EmbeddedFile(
            "settlement.akn.xml",
            akoma_ntoso(signed, verification_url),
            "Alternative",
            "The settlement as Akoma Ntoso 3.0",
        ),
    ]


def produce_settlement_pdf(
    signed: SignedSettlement, key: PlatformKey, language: str, verification_url: str
) -> bytes:
    """The sealed PDF/A-3b of ``signed`` in ``language`` (``kk``, ``ru``, ``en`` or ``kk+ru``).

    Raises ``ValueError`` when the agreement is not made in the requested language(s).
    """
    pdf = render_pdf(signed, language, verification_url, embedded_files(signed, verification_url))
    return seal_pdf(pdf, key)
