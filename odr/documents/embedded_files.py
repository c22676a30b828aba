"""The files a settlement PDF embeds, read with a bound: ``settlement.json``, its Akoma Ntoso XML,
a writ application's JSON.

Read only from bytes a trusted seal vouched for (``verify.py``), and even then a stream is
inflated up to ``MAX_ATTACHMENT_BYTES`` at most (a larger one counts as missing) and only Flate
or unfiltered streams are read: a leaked or old trusted key must not turn into a deflate bomb.
"""

from __future__ import annotations

import io
import zlib

from odr.documents.writ_contents import WRIT_JSON_NAME

JSON_NAME = "settlement.json"
XML_NAME = "settlement.akn.xml"
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


def attachments(pdf_bytes: bytes) -> dict[str, bytes]:
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
