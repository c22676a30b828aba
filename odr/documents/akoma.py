"""The settlement as Akoma Ntoso 3.0 (OASIS LegalDocML): ``<doc name="settlementAgreement">``.

Case-law systems that speak Akoma Ntoso can import the agreement without parsing our JSON:
FRBR identification (work, expression per language, this XML manifestation), ``references``
for every party (two to ten, each its ``TLCPerson`` or ``TLCOrganization`` and its ``TLCRole``
by its key: claimant, respondent, party3 …), representatives, mediator and platform, the text in the
prevailing language with one ``<clause>`` per obligation, and ``<conclusions>`` with the
signatures. A ``proprietary`` block names the record hash, so a verifier can tell the XML
belongs to the same record as the JSON beside it, and in a settlement of three or more each
party's side (``kelisim:party``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # writing only; reading goes through defusedxml

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from odr.documents.compose import Clause, Composed, Section, compose
from odr.documents.envelope import SignedSettlement
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import OrganisationParty, party_identifier, party_name

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
KELISIM = "https://kelisim.kz/ns/akn/1"
ISO639_2 = {"kk": "kaz", "ru": "rus", "en": "eng"}
ET.register_namespace("", AKN)
ET.register_namespace("kelisim", KELISIM)


def _q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def work_uri(record: SettlementRecord) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", record.case.reference.lower()).strip("-") or "case"
    return f"/akn/kz/doc/settlementAgreement/{record.date.isoformat()}/{slug}"


def akoma_ntoso(signed: SignedSettlement, verification_url: str) -> bytes:
    """UTF-8 XML of the signed settlement (deterministic: same envelope, same bytes)."""
    record = signed.record
    text = compose(signed, record.prevailing_language, verification_url)
    root = ET.Element(_q("akomaNtoso"))
    doc = _sub(root, "doc", name="settlementAgreement")
    _meta(doc, signed)
    _preface(doc, record, text)
    body = _sub(doc, "mainBody")
    sections = {s.key: s for s in text.sections}
    for key in ("procedure", "subject", "package"):
        if key in sections:
            _hcontainer(body, sections[key])
    obligations = sections["obligations"]
    for clause in obligations.clauses:
        _clause(body, record, clause)
    for key in ("default", "costs", "waiver", "statements", "confidentiality", "singapore"):
        if key in sections:
            _hcontainer(body, sections[key])
    _conclusions(doc, signed, sections)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _meta(doc: ET.Element, signed: SignedSettlement) -> None:
    record = signed.record
    meta = _sub(doc, "meta")
    ident = _sub(meta, "identification", source="#kelisim")
    uri, day = work_uri(record), record.date.isoformat()
    work = _sub(ident, "FRBRWork")
    _sub(work, "FRBRthis", value=f"{uri}/!main")
    _sub(work, "FRBRuri", value=uri)
    _sub(work, "FRBRdate", date=day, name="signature")
    for party in record.parties:
        _sub(work, "FRBRauthor", href=f"#{party.role}", as_=f"#{party.role}Role")
    _sub(work, "FRBRcountry", value="kz")
    prevailing = ISO639_2[record.prevailing_language]
    expression = _sub(ident, "FRBRExpression")
    _sub(expression, "FRBRthis", value=f"{uri}/{prevailing}@/!main")
    _sub(expression, "FRBRuri", value=f"{uri}/{prevailing}@")
    _sub(expression, "FRBRdate", date=day, name="signature")
    _sub(expression, "FRBRauthor", href="#kelisim")
    for code in record.languages:
        _sub(expression, "FRBRlanguage", language=ISO639_2[code])
    manifestation = _sub(ident, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{uri}/{prevailing}@/!main.xml")
    _sub(manifestation, "FRBRuri", value=f"{uri}/{prevailing}@.akn")
    signed_day = signed.platform_signature.signed_at.date().isoformat()
    _sub(manifestation, "FRBRdate", date=signed_day, name="generation")
    _sub(manifestation, "FRBRauthor", href="#kelisim")
    _references(meta, record)
    proprietary = _sub(meta, "proprietary", source="#kelisim")
    for tag, value in (
        ("recordSha256", signed.record_sha256),
        ("verificationCode", signed.verification_code),
        ("schema", record.schema_uri),
        ("keyId", signed.platform_signature.key_id),
    ):
        ET.SubElement(proprietary, f"{{{KELISIM}}}{tag}").text = value
    for party in record.parties:  # a settlement of three or more records each party's side
        if party.side is not None:
            attrs = {"refersTo": f"#{party.role}", "side": party.side}
            ET.SubElement(proprietary, f"{{{KELISIM}}}party", attrs)


def _references(meta: ET.Element, record: SettlementRecord) -> None:
    refs = _sub(meta, "references", source="#kelisim")
    platform = record.procedure.platform
    _sub(
        refs,
        "TLCOrganization",
        eId="kelisim",
        href="/ontology/organization/kelisim",
        showAs=platform,
    )
    for party in record.parties:
        tag = "TLCOrganization" if isinstance(party, OrganisationParty) else "TLCPerson"
        kind = "organization" if tag == "TLCOrganization" else "person"
        href = f"/ontology/{kind}/kz/{party_identifier(party)}"
        _sub(refs, tag, eId=party.role, href=href, showAs=party_name(party))
        if party.representative is not None:
            rep = party.representative
            _sub(
                refs,
                "TLCPerson",
                eId=f"{party.role}Representative",
                href=f"/ontology/person/kz/{rep.iin}",
                showAs=rep.full_name,
            )
    if record.mediator is not None:
        m = record.mediator
        href = f"/ontology/person/kz/mediator/{m.certificate_number}"
        _sub(refs, "TLCPerson", eId="mediator", href=href, showAs=m.full_name)
    roles = [p.role for p in record.parties]
    more = [role for role in roles if role not in ("claimant", "respondent")]
    for role in ("claimant", "respondent", *more, "mediator", "representative", "platform"):
        _sub(refs, "TLCRole", eId=f"{role}Role", href=f"/ontology/role/{role}", showAs=role)


def _preface(doc: ET.Element, record: SettlementRecord, text: Composed) -> None:
    preface = _sub(doc, "preface")
    title = _sub(_sub(preface, "longTitle"), "p")
    _sub(title, "docTitle", text.title)
    p = _sub(preface, "p")
    _sub(p, "location", record.place, refersTo="#place")
    _sub(p, "docDate", text.preface[0], date=record.date.isoformat())
    if record.court is not None:
        p = _sub(preface, "p")
        _sub(p, "courtType", record.court.name, refersTo=f"#{record.court.court_id}")
        if record.court.case_number:
            _sub(p, "docNumber", record.court.case_number)
    for party in record.parties:
        p = _sub(preface, "p")
        _sub(p, "party", party_name(party), refersTo=f"#{party.role}", as_=f"#{party.role}Role")


def _hcontainer(body: ET.Element, section: Section) -> None:
    container = _sub(body, "hcontainer", eId=f"hcontainer_{section.key}", name=section.key)
    _sub(container, "heading", section.heading)
    content = _sub(container, "content")
    for paragraph in section.paragraphs:
        _sub(content, "p", paragraph)
    if section.items:
        block = _sub(content, "blockList")
        for item in section.items:
            _sub(_sub(block, "item"), "p", item)
    if not section.paragraphs and not section.items:
        _sub(content, "p")


def _clause(body: ET.Element, record: SettlementRecord, clause: Clause) -> None:
    obligation = record.obligations[clause.number - 1]
    element = _sub(body, "clause", eId=f"clause_{clause.number}")
    _sub(element, "num", f"{clause.number}.")
    content = _sub(element, "content")
    for line in clause.lines:
        _sub(content, "p", line)
    p = _sub(content, "p")
    _sub(
        p,
        "date",
        obligation.due_date.isoformat(),
        date=obligation.due_date.isoformat(),
        refersTo="#dueDate",
    )
    if clause.table is not None:
        table = _sub(content, "table", eId=f"clause_{clause.number}__schedule")
        _sub(table, "caption", clause.table.caption)
        for cells, tag in (
            [(clause.table.header, "th")]
            + [(r, "td") for r in clause.table.rows]
            + [(clause.table.total, "td")]
        ):
            row = _sub(table, "tr")
            for cell in cells:
                _sub(_sub(row, tag), "p", cell)


def _conclusions(doc: ET.Element, signed: SignedSettlement, sections: dict[str, Section]) -> None:
    conclusions = _sub(doc, "conclusions")
    for key in ("language", "annexes"):
        for paragraph in sections[key].paragraphs + sections[key].items:
            _sub(conclusions, "p", paragraph)
    block = _sub(conclusions, "blockContainer", eId="signatures")
    for s in signed.party_signatures:
        who = s.role
        signature = _sub(block, "signature")
        _sub(signature, "person", s.full_name, refersTo=f"#{who}", as_=f"#{who}Role")
        _sub(signature, "role", s.role, refersTo=f"#{who}Role")
        _sub(signature, "date", s.signed_at.isoformat(), date=s.signed_at.date().isoformat())
    platform = _sub(block, "signature")
    _sub(
        platform,
        "organization",
        signed.record.procedure.platform,
        refersTo="#kelisim",
        as_="#platformRole",
    )
    ps = signed.platform_signature
    _sub(platform, "date", ps.signed_at.isoformat(), date=ps.signed_at.date().isoformat())
    for paragraph in sections["platform"].paragraphs:
        _sub(conclusions, "p", paragraph)


def record_hash_of(xml: bytes) -> str | None:
    """The ``kelisim:recordSha256`` an Akoma Ntoso file names, or ``None`` when it names none.

    The XML comes from an uploaded file, so it is parsed with defusedxml and any DTD is refused:
    ours never has one, and a DTD is how entity expansion ("billion laughs", a megabyte entity
    used a thousand times) and external references (local files, URLs) get in.
    """
    try:
        root = defused_fromstring(xml, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException):
        return None
    if root.tag != _q("akomaNtoso"):
        return None
    found = root.find(f"./{_q('doc')}/{_q('meta')}/{_q('proprietary')}/{{{KELISIM}}}recordSha256")
    return found.text if found is not None else None
