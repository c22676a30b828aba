"""The writ application as data and as a PDF/A-3b (pure: no database, no clock, no HTTP).

``writ_content`` gathers what the court needs, from the signed record and the parties' steps
only (never the negotiation: no interests, bids, points or offers): the court, every party with
the details the record gives (name, IIN or BIN, address, representative), the settlement's date,
verification code and record hash, the whole schedule with every step each party recorded, the
sums due as of a day (``odr.fulfilment.default_sums``, whole tiyn), the request and its legal
basis, and the creditor. ``render_pdf`` draws it in Kazakh or Russian (the settlement's fonts, so
Kazakh letters render everywhere) as PDF/A-3b with the same data attached as
``writ-application.json`` (canonical JSON, relationship ``Source``); the caller seals it with the
platform's PAdES seal (``writ_service``), so ``POST /api/verify`` checks it like a settlement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from jinja2 import Environment, StrictUndefined

from odr.documents.canonical import canonical_json
from odr.documents.formatting import format_date, format_instant, format_money, format_rate
from odr.documents.render import FONTS, PDF_VARIANT, SRGB_PROFILE
from odr.documents.writ_contents import WRIT_JSON_NAME, WRIT_SCHEMA
from odr.enforcement.writ_words import WORDS
from odr.fulfilment.default_sums import ObligationSums
from odr.fulfilment.ledger import DueState
from odr.fulfilment.schedule import DefaultTerms


def _party(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A party as the court needs it, from the signed record's entry."""
    person = entry["kind"] == "person"
    out: dict[str, Any] = {
        "role": entry["role"],
        "kind": entry["kind"],
        "name": entry["full_name"] if person else f"{entry['legal_form']} «{entry['name']}»",
        "iin": entry["iin"] if person else None,
        "bin": None if person else entry["bin"],
        "address": entry["address"],
        "representative": None,
    }
    if entry.get("representative"):
        r = entry["representative"]
        attorney = r["power_of_attorney"]
        out["representative"] = {
            "full_name": r["full_name"],
            "iin": r["iin"],
            "power_of_attorney": {"number": attorney["number"], "date": attorney["date"]},
        }
    return out


def _due(state: DueState) -> dict[str, Any]:
    due = state.due
    return {
        "key": due.key,
        "obligation": due.obligation,
        "instalment": due.instalment,
        "kind": due.kind,
        "debtor": due.debtor,
        "creditor": due.creditor,
        "due_date": due.due_date.isoformat(),
        "amount_tiyn": due.amount_tiyn,
        "currency": due.currency,
        "state": state.state,
        "days_late": state.days_late,
        "steps": [
            {
                "kind": s.kind,
                "role": s.role,
                "at": s.at.astimezone(UTC).isoformat(),
                "reference": s.reference,
                "reason": s.reason,
            }
            for s in state.steps
        ],
    }


def sums_json(sums: Sequence[ObligationSums], as_of: date) -> dict[str, Any]:
    """The sums due as the application states them: per obligation and in total per currency."""
    totals: dict[str, int] = {}
    for s in sums:
        totals[s.currency] = totals.get(s.currency, 0) + s.total_tiyn
    return {
        "as_of": as_of.isoformat(),
        "obligations": [
            {
                "obligation": s.obligation,
                "debtor": s.debtor,
                "creditor": s.creditor,
                "currency": s.currency,
                "overdue_tiyn": s.overdue_tiyn,
                "accelerated_tiyn": s.accelerated_tiyn,
                "penalty_tiyn": s.penalty_tiyn,
                "total_tiyn": s.total_tiyn,
            }
            for s in sums
        ],
        "total_tiyn": totals,
    }


def writ_content(
    *,
    application_id: str,
    language: str,
    created_at: datetime,
    as_of: date,
    court: Mapping[str, str],
    case_reference: str,
    record: Mapping[str, Any],
    verification_code: str,
    record_sha256: str,
    signed_at: datetime,
    creditor: str,
    obligations: Sequence[int],
    states: Sequence[DueState],
    sums: Sequence[ObligationSums],
    terms: DefaultTerms,
) -> dict[str, Any]:
    """The application's data: what the PDF says and embeds, and what the court API serves."""
    rate = terms.penalty_percent_per_day
    return {
        "schema": WRIT_SCHEMA,
        "id": application_id,
        "language": language,
        "created_at": created_at.astimezone(UTC).isoformat(),
        "court": {"code": court["code"], "name": court["name"]},
        "case_reference": case_reference,
        "settlement": {
            "verification_code": verification_code,
            "record_sha256": record_sha256,
            "date": str(record["date"]),
            "place": record["place"],
            "kind": record["kind"],
            "signed_at": signed_at.astimezone(UTC).isoformat(),
        },
        "parties": [_party(p) for p in record["parties"]],
        "creditor": creditor,
        "debtors": sorted({s.due.debtor for s in states if s.due.obligation in obligations}),
        "obligations": list(obligations),
        "default_terms": {
            "acceleration_after_days": terms.acceleration_after_days,
            "penalty_percent_per_day": None if rate is None else str(rate),
        },
        "schedule": [_due(s) for s in states],
        "sums": sums_json(sums, as_of),
        "legal_basis": ["CPC RK Art. 174", "CPC RK Art. 176", "Law RK No. 401-IV Art. 27"],
    }


_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ w.title }}</title>
<style>
@color-profile --kelisim-srgb { src: url("{{ icc }}"); components: r, g, b; }
@font-face { font-family: "Kelisim Serif"; src: url("{{ regular }}"); }
@font-face { font-family: "Kelisim Serif"; src: url("{{ bold }}"); font-weight: bold; }
@page { size: A4; margin: 18mm 16mm 20mm 20mm;
  @bottom-right { content: "{{ c.settlement.verification_code }}"; font: 8pt "Kelisim Serif"; } }
html { font-family: "Kelisim Serif"; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 1.35em; text-align: center; margin: 0; }
p.subtitle { text-align: center; margin: 0 0 1em; }
h2 { font-size: 1.05em; margin: 1em 0 0.3em; }
dl { margin: 0; } dt { font-weight: bold; } dd { margin: 0 0 0.35em 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 0.5pt solid #000; padding: 1.5pt 3pt; text-align: left; vertical-align: top; }
tfoot td { font-weight: bold; }
p, td { overflow-wrap: anywhere; }
</style></head><body>
<dl>
<dt>{{ w.to_court }}</dt><dd>{{ c.court.name }} ({{ c.court.code }})</dd>
<dt>{{ w.applicant }}</dt><dd>{{ names[c.creditor] }}</dd>
<dt>{{ w.debtor }}</dt><dd>{{ debtors }}</dd>
</dl>
<h1>{{ w.title }}</h1>
<p class="subtitle">{{ w.subtitle }}</p>
<h2>{{ w.parties }}</h2>
<dl>{% for p in c.parties %}
<dt>{{ role(p.role) }}</dt>
<dd>{{ p.name }}, {% if p.iin %}{{ w.iin }} {{ p.iin }}{% else %}{{ w.bin }} {{ p.bin }}{% endif %};
{{ w.address }}: {{ p.address }}{% if p.representative %}; {{ w.representative }}:
{{ p.representative.full_name }}, {{ w.iin }} {{ p.representative.iin }}{% endif %}</dd>{% endfor %}
</dl>
<h2>{{ w.settlement }}</h2>
<p>{{ settlement_text }}</p>
<h2>{{ w.schedule }}</h2>
<table><thead><tr><th>{{ w["col.due"] }}</th><th>{{ w["col.date"] }}</th>
<th>{{ w["col.amount"] }}</th><th>{{ w["col.parties"] }}</th><th>{{ w["col.state"] }}</th>
<th>{{ w["col.history"] }}</th></tr></thead><tbody>{% for d in c.schedule %}
<tr><td>{{ d.key }}</td><td>{{ day(d.due_date) }}</td>
<td>{{ money(d.amount_tiyn, d.currency) }}</td>
<td>{{ role(d.debtor) }} → {{ role(d.creditor) }}</td>
<td>{{ w["state." ~ d.state] }}
{%- if d.days_late %}, {{ w.days_late.format(days=d.days_late) }}{% endif %}</td>
<td>{% for s in d.steps %}{{ instant(s.at) }}: {{ role(s.role) }} {{ w["step." ~ s.kind] }}
{%- if s.reference %} ({{ w["step.reference"] }}: {{ s.reference }}){% endif %}
{%- if s.reason %} ({{ w["step.reason"] }}: {{ s.reason }}){% endif %}<br>
{% else %}{{ w.no_steps }}{% endfor %}</td></tr>{% endfor %}
</tbody></table>
<h2>{{ sums_heading }}</h2>
<p>{{ sums_text }}</p>
<table><thead><tr><th>{{ w["col.obligation"] }}</th><th>{{ w["col.principal"] }}</th>
<th>{{ w["col.accelerated"] }}</th><th>{{ w["col.penalty"] }}</th><th>{{ w["col.total"] }}</th>
</tr></thead><tbody>{% for s in c.sums.obligations %}
<tr><td>{{ s.obligation }}</td><td>{{ money(s.overdue_tiyn, s.currency) }}</td>
<td>{{ money(s.accelerated_tiyn, s.currency) }}</td><td>{{ money(s.penalty_tiyn, s.currency) }}</td>
<td>{{ money(s.total_tiyn, s.currency) }}</td></tr>{% endfor %}</tbody>
<tfoot><tr><td colspan="4">{{ w.total }}</td><td>{{ total }}</td></tr></tfoot></table>
<h2>{{ w.request }}</h2>
<p>{{ request_text }}</p>
<h2>{{ w.basis }}</h2>
<p>{{ w.basis_text }}</p>
<p>{{ w.signature }}: {{ names[c.creditor] }}</p>
<p>{{ made }}</p>
</body></html>
"""
_ENV = Environment(autoescape=True, undefined=StrictUndefined)


def _money(tiyn: int | None, currency: str, lang: str) -> str:
    return "—" if tiyn is None else format_money(Decimal(tiyn) / 100, currency, lang)


def render_html(content: Mapping[str, Any]) -> str:
    """The application's HTML in its language (``content["language"]``: kk or ru)."""
    lang = content["language"]
    w = WORDS[lang]
    names = {p["role"]: p["name"] for p in content["parties"]}
    settlement = content["settlement"]
    sums = content["sums"]

    def day(value: str) -> str:
        return format_date(date.fromisoformat(value), lang)

    total = "; ".join(
        _money(amount, currency, lang) for currency, amount in sorted(sums["total_tiyn"].items())
    )
    rate = content["default_terms"]["penalty_percent_per_day"]
    return _ENV.from_string(_TEMPLATE).render(
        lang=lang,
        w=w,
        c=content,
        names=names,
        icc=SRGB_PROFILE.as_uri(),
        regular=(FONTS / "DejaVuSerif.ttf").as_uri(),
        bold=(FONTS / "DejaVuSerif-Bold.ttf").as_uri(),
        debtors=", ".join(names.get(d, d) for d in content["debtors"]),
        role=lambda key: w.get(f"role.{key}", w["role.other"]) if key else "—",
        day=day,
        instant=lambda value: format_instant(datetime.fromisoformat(value)),
        money=lambda tiyn, currency: _money(tiyn, currency, lang),
        total=total,
        settlement_text=w["settlement_text"].format(
            date=day(settlement["date"]),
            code=settlement["verification_code"],
            reference=content["case_reference"],
            record_sha256=settlement["record_sha256"],
        ),
        sums_heading=w["sums"].format(as_of=day(sums["as_of"])),
        sums_text=w["sums_text"].format(
            grace=content["default_terms"]["acceleration_after_days"],
            penalty=w["no_penalty"] if rate is None else f"{format_rate(rate, lang)}%",
        ),
        request_text=w["request_text"].format(
            date=day(settlement["date"]),
            code=settlement["verification_code"],
            obligations=", ".join(str(n) for n in content["obligations"]),
            debtor=", ".join(names.get(d, d) for d in content["debtors"]),
            creditor=names[content["creditor"]],
            total=total,
        ),
        made=w["made"].format(at=format_instant(datetime.fromisoformat(content["created_at"]))),
    )


def render_pdf(content: Mapping[str, Any]) -> bytes:
    """PDF/A-3b of the application with its data attached as ``writ-application.json``; the
    same content always gives the same bytes (its dates are the application's own)."""
    from weasyprint import HTML, Attachment  # heavy import, only where a PDF is drawn
    from weasyprint.text.fonts import FontConfiguration

    moment = datetime.fromisoformat(content["created_at"]).astimezone(UTC).replace(tzinfo=None)
    attachment = Attachment(
        string=canonical_json(dict(content)),
        name=WRIT_JSON_NAME,
        description="Writ application (canonical JSON)",
        relationship="Source",
        created=moment,
        modified=moment,
    )
    fonts = FontConfiguration()
    document = HTML(string=render_html(content)).render(font_config=fonts)
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, attachments=[attachment], output_intent="--kelisim-srgb"
    )
    return pdf
