"""Files a party might give a case as evidence, and files pretending to be one (#15)."""

from __future__ import annotations

import io

import pikepdf


def pdf(pages: int = 1, padding: int = 0) -> bytes:
    """A real PDF of blank A4 pages; ``padding`` bytes of a stream make it as big as needed."""
    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page(page_size=(595, 842))
    if padding:
        document.Root.Padding = document.make_stream(b"0" * padding)
    out = io.BytesIO()
    document.save(out, compress_streams=False)
    return out.getvalue()


def exe() -> bytes:
    """The start of a Windows program (``MZ``, then its PE header's place)."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def encrypted_pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return out.getvalue()
