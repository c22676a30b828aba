"""Builders of hostile uploads for the verifier: small PDFs whose attachments explode when read.

- an XML entity expansion: one 4.8 MB entity used 200 times (about 5 kB deflated, about 1 GB
  once a parser that allows DTDs expands it);
- a classic "billion laughs" (nested entities, a few hundred bytes);
- a deflate bomb: 256 MiB of zeros deflated to about 250 kB (under the 1 MiB body limit).

The PDFs are written with pikepdf without recompressing streams, so building them never
inflates the bombs in the test process either.
"""

from __future__ import annotations

import functools
import io
import zlib
from collections.abc import Iterable

import pikepdf

from odr.documents.akoma import AKN

MiB = 1024 * 1024


def deflate(chunks: Iterable[bytes]) -> bytes:
    compressor = zlib.compressobj(9)
    out = [compressor.compress(chunk) for chunk in chunks]
    out.append(compressor.flush())
    return b"".join(out)


def entity_bomb_xml(entity_bytes: int = 4_800_000, uses: int = 200) -> bytes:
    """Akoma Ntoso-looking XML whose one internal entity expands to ``entity_bytes * uses``."""
    head = (
        b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY big "'
        + b"A" * entity_bytes
        + b'">]>\n<akomaNtoso xmlns="'
        + AKN.encode()
        + b'">'
    )
    return head + b"&big;" * uses + b"</akomaNtoso>\n"


def billion_laughs() -> bytes:
    """Ten levels of ten references each: 10^9 ``lol``s from under 1 kB."""
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        lines.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">')
    dtd = "\n".join(lines)
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n{dtd}\n]>\n'
        f'<akomaNtoso xmlns="{AKN}">&lol9;</akomaNtoso>\n'
    ).encode()


def external_entity_xml() -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        f'<akomaNtoso xmlns="{AKN}">&x;</akomaNtoso>\n'
    ).encode()


@functools.cache
def deflate_bomb(size: int = 256 * MiB) -> bytes:
    """``size`` zero bytes, deflated (cached: compressing 256 MiB takes about a second)."""
    chunk = bytes(MiB)
    return deflate(chunk for _ in range(size // MiB))


def pdf_with_attachments(deflated: dict[str, bytes]) -> bytes:
    """An unsealed one-page PDF embedding each (name → already deflated bytes) as a file."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    names: list[object] = []
    for name, raw in deflated.items():
        stream = pikepdf.Stream(pdf, raw)
        stream.Filter = pikepdf.Name.FlateDecode
        stream.Type = pikepdf.Name.EmbeddedFile
        spec = pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec,
            F=pikepdf.String(name),
            UF=pikepdf.String(name),
            EF=pikepdf.Dictionary(F=stream, UF=stream),
        )
        names += [pikepdf.String(name), pdf.make_indirect(spec)]
    pdf.Root.Names = pikepdf.Dictionary(
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array(names))
    )
    out = io.BytesIO()
    # Keep the streams as they are: decoding them here would inflate the bombs in the test.
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def hostile_pdf(settlement_json: bytes, *, xml: bytes | None = None) -> bytes:
    """A valid settlement JSON, the entity-bomb XML (or ``xml``) and a deflate bomb beside them."""
    return pdf_with_attachments(
        {
            "settlement.json": deflate([settlement_json]),
            "settlement.akn.xml": deflate([xml if xml is not None else entity_bomb_xml()]),
            "bomb.bin": deflate_bomb(),
        }
    )
