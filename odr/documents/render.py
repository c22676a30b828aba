"""Signed settlement → HTML (Jinja2, autoescaped) → PDF/A-3b with its data embedded.

The PDF carries two associated files (PDF/A-3 ``/AF``): ``settlement.json`` (the signed
envelope in canonical JSON, relationship ``Source``: the PDF is rendered from it) and
``settlement.akn.xml`` (Akoma Ntoso, relationship ``Alternative``). Fonts come from the files
vendored next to this module, never from the system, so Kazakh letters render and extract the
same on every machine. The PDF's dates come from the platform signature, so the same envelope
always renders to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from odr.documents.compose import Composed, compose
from odr.documents.envelope import SignedSettlement

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "templates"
LANGUAGES = ("kk", "ru", "en", "kk+ru")
PDF_VARIANT = "pdf/a-3b"
# WeasyPrint's own sRGB profile, declared in the stylesheet: the built-in "srgb" output intent
# leaves the profile file open (a ResourceWarning in every render), the @color-profile path
# closes it.
SRGB_PROFILE = Path(str(files("weasyprint.pdf") / "sRGB2014.icc"))


@dataclass(frozen=True)
class EmbeddedFile:
    name: str
    data: bytes
    relationship: str  # PDF/A-3 AFRelationship: Source, Data, Alternative, Supplement
    description: str


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


_ENV = _environment()


def document_languages(signed: SignedSettlement, language: str) -> list[str]:
    """The languages ``language`` asks for; each must be one the agreement is made in."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    wanted = language.split("+")
    missing = [code for code in wanted if code not in signed.record.languages]
    if missing:
        made_in = ", ".join(signed.record.languages)
        raise ValueError(f"the agreement is made in {made_in}, not in {', '.join(missing)}")
    return wanted


def render_html(signed: SignedSettlement, language: str, verification_url: str) -> str:
    """The document as HTML: one column per language (``"kk+ru"`` gives two)."""
    docs: list[Composed] = [
        compose(signed, code, verification_url) for code in document_languages(signed, language)
    ]
    css = (
        (TEMPLATES / "settlement.css")
        .read_text(encoding="utf-8")
        .replace("{regular}", (FONTS / "DejaVuSerif.ttf").as_uri())
        .replace("{bold}", (FONTS / "DejaVuSerif-Bold.ttf").as_uri())
        .replace("{icc}", SRGB_PROFILE.as_uri())
        .replace("{code}", signed.verification_code)
    )
    created = signed.platform_signature.signed_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _ENV.get_template("settlement.html.j2").render(
        docs=docs, css=css, created=created, platform=signed.record.procedure.platform
    )


def render_pdf(
    signed: SignedSettlement,
    language: str,
    verification_url: str,
    attachments: list[EmbeddedFile],
) -> bytes:
    """PDF/A-3b bytes of the document with ``attachments`` as associated files."""
    from weasyprint import HTML, Attachment  # heavy import, only where a PDF is drawn
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(signed, language, verification_url)
    moment = signed.platform_signature.signed_at.astimezone(UTC).replace(tzinfo=None)
    files = [
        Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            relationship=a.relationship,
            created=moment,
            modified=moment,
        )
        for a in attachments
    ]
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(TEMPLATES)).render(font_config=fonts)
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, attachments=files, output_intent="--kelisim-srgb"
    )
    return pdf
