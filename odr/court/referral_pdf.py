"""The referral package as a document people read: HTML (Jinja2, autoescaped) → PDF in Kazakh,
Russian or English, with the package itself attached as ``referral.json`` (its canonical JSON,
whose SHA-256 the document prints), so the PDF and the JSON the court API serves are one record.

Drawn from the stored package only, never from the live case: the same package always gives the
same text. The fonts are the settlement document's (``odr/documents/fonts``), so Kazakh letters
render the same on every machine.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment, StrictUndefined

from odr.cases.parties import party_number
from odr.court.referral_words import WORDS
from odr.documents.canonical import canonical_json
from odr.documents.formatting import format_date, format_money
from odr.documents.render import FONTS

LANGUAGES = ("kk", "ru", "en")

_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ w.title }}</title>
<style>
@font-face { font-family: "Kelisim Serif"; src: url("{{ regular }}"); }
@font-face { font-family: "Kelisim Serif"; src: url("{{ bold }}"); font-weight: bold; }
@page { size: A4; margin: 18mm 16mm 20mm 20mm; }
html { font-family: "Kelisim Serif"; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 1.35em; text-align: center; } h2 { font-size: 1.05em; margin: 1em 0 0.3em; }
dl { margin: 0; } dt { font-weight: bold; } dd { margin: 0 0 0.35em 1.2em; }
.hash { font-family: monospace; overflow-wrap: anywhere; }
</style></head><body>
<h1>{{ w.title }}</h1>
<dl>
<dt>{{ w.case }}</dt><dd>{{ p.case_reference }}</dd>
<dt>{{ w.court }}</dt><dd>{{ court }}</dd>
<dt>{{ w.referred_at }}</dt><dd>{{ day(p.mediation.referred_at) }}</dd>
</dl>
<h2>{{ w.parties }}</h2>
<dl>{% for party in p.parties %}
<dt>{{ role(party) }}</dt>
<dd>{{ party.name }}{% if party.get("withdrawn") %} ({{ w.withdrawn }}){% endif %}</dd>{% endfor %}
</dl>
<h2>{{ w.claim }}</h2>
<dl>
<dt>{{ w.category }}</dt><dd>{{ w.get("category." ~ p.claim.category, p.claim.category) }}</dd>
<dt>{{ w.subject }}</dt><dd>{{ p.claim.subject }}</dd>
<dt>{{ w.amount }}</dt><dd>{{ amount }}</dd>
<dt>{{ w.issues }}</dt><dd>{{ p.claim.issues | join("; ") }}</dd>
<dt>{{ w.respondent_named_as }}</dt><dd>{{ p.claim.respondent_named_as }}</dd>
<dt>{{ w.filed_at }}</dt><dd>{{ day(p.claim.filed_at) }}</dd>
</dl>
<h2>{{ w.mediation }}</h2>
<dl>
<dt>{{ w.centre }}</dt><dd>{{ p.mediation.centre }}</dd>
<dt>{{ w.started_at }}</dt><dd>{{ day(p.mediation.started_at) }}</dd>
<dt>{{ w.deadline_at }}</dt><dd>{{ day(p.mediation.deadline_at) }}</dd>
{% if p.mediation.ended_at %}<dt>{{ w.ended_at }}</dt><dd>{{ day(p.mediation.ended_at) }}</dd>
{% endif %}<dt>{{ w.mechanisms }}</dt><dd>{{ mechanisms }}</dd>
<dt>{{ w.outcome }}</dt><dd>{{ w["ended_by." ~ p.mediation.ended_by] }}</dd>
</dl>
<h2>{{ w.shared }}</h2>
<p>{{ shared }}</p>
<h2>{{ w.hash }}</h2>
<p class="hash">{{ sha256 }}</p>
</body></html>
"""
_ENV = Environment(autoescape=True, undefined=StrictUndefined)


def _day(value: str, lang: str) -> str:
    return format_date(datetime.fromisoformat(value).date(), lang)


def party_label(party: dict[str, Any], w: dict[str, str]) -> str:
    """ "Claimant", "Respondent", or "Party 3, on the respondent's side": a party beyond the first
    two is named by its number, and its side unless it stands on its own. A package made before
    several parties (no ``side``) reads as it always did."""
    role = party["role"]
    if role in ("claimant", "respondent"):
        return w[f"role.{role}"]
    label = w["role.party"].format(n=party_number(role))
    side = party.get("side", "own")
    return label if side == "own" else f"{label}, {w[f'side.{side}']}"


def render_html(package: dict[str, Any], sha256: str, lang: str) -> str:
    """The document's HTML; ``lang`` is one of :data:`LANGUAGES`."""
    w = WORDS[lang]
    claim, court = package["claim"], package["court"]
    shared = package["shared"]
    return _ENV.from_string(_TEMPLATE).render(
        lang=lang,
        w=w,
        p=package,
        regular=(FONTS / "DejaVuSerif.ttf").as_uri(),
        bold=(FONTS / "DejaVuSerif-Bold.ttf").as_uri(),
        court=f"{court['name']} ({court['code']})" if court else "—",
        amount=format_money(claim["amount"], claim["currency"], lang)
        if claim["amount"] is not None
        else w["no_amount"],
        mechanisms=", ".join(
            w.get(f"mechanism.{m}", m) for m in package["mediation"]["mechanisms"]
        ),
        shared=w["shared.yes"].format(n=len(shared["events"]))
        if shared["record_shared"]
        else w["shared.no"],
        sha256=sha256,
        day=lambda value: _day(value, lang),
        role=lambda party: party_label(party, w),
    )


def render_pdf(package: dict[str, Any], sha256: str, lang: str) -> bytes:
    """The PDF, with the package's canonical JSON attached (``referral.json``)."""
    from weasyprint import HTML, Attachment  # heavy import, only where a PDF is drawn

    attachment = Attachment(
        string=canonical_json(package),
        name="referral.json",
        description="Referral package (canonical JSON)",
        relationship="Source",
    )
    document = HTML(string=render_html(package, sha256, lang)).render()
    pdf: bytes = document.write_pdf(attachments=[attachment])
    return pdf
