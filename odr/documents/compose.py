"""A signed settlement as text in one language: title, sections, clauses, tables, signatures.

The HTML template and the Akoma Ntoso XML both lay out this one structure, so the PDF text and
the XML say the same thing. Every language yields the same section keys in the same order, which
is what lets the bilingual layout put the Kazakh and Russian texts of a section side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from babel import Locale

from odr.cases.parties import party_number
from odr.documents.envelope import PartySignature, SignedSettlement
from odr.documents.formatting import format_date, format_instant, format_money, format_rate
from odr.documents.record import COURT_KINDS, SettlementRecord
from odr.documents.record_obligations import Obligation
from odr.documents.record_parties import (
    OrganisationParty,
    PersonParty,
    party_identifier,
    party_name,
)
from odr.documents.record_texts import (
    LegalBasisChoice,
    MethodChoice,
    PerLanguage,
    StateFeeChoice,
    TermTexts,
)
from odr.documents.wording import WORDING


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """One numbered obligation: ``number``, label/value lines, the deadline, its schedule."""

    number: int
    lines: tuple[str, ...]
    table: Table | None


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Composed:
    language: str
    title: str
    preface: list[str]
    sections: list[Section]


class Words:
    """The phrases of one language, filled in with ``w("key", name=value)``."""

    def __init__(self, language: str, record: SettlementRecord) -> None:
        self.language = language
        self.table = WORDING[language]
        self.court = record.kind in COURT_KINDS
        self.numbers = party_numbers(record)
        self.several = bool(self.numbers)

    def __call__(self, key: str, **values: object) -> str:
        # A Russian date ends in "г." already; a sentence ending on it takes no second period.
        return self.table[key].format(**values).replace("г..", "г.")

    def count(self, key: str, n: int) -> str:
        """``{n}`` with its noun in the form CLDR's plural rules give the language: "21 событие",
        "22 события", "25 событий" (Kazakh keeps one form after a number)."""
        return self(f"{key}.{Locale.parse(self.language).plural_form(n)}", n=n)

    def text(
        self,
        value: str | PerLanguage | TermTexts | LegalBasisChoice | MethodChoice | StateFeeChoice,
    ) -> str:
        """A field as this language's column prints it: a coded choice in this language's words,
        a party's own text for this language, or one text as typed."""
        if isinstance(value, LegalBasisChoice):
            return self(f"basis.{value.code}")
        if isinstance(value, MethodChoice):
            return self(f"method.{value.code}")
        if isinstance(value, StateFeeChoice):
            return self(f"state_fee.{value.code}")
        if isinstance(value, PerLanguage | TermTexts):
            given = getattr(value, self.language)
            # The record refuses a per-language text lacking a language of the document; a
            # column of a language the document does not have (a preview) takes any given one.
            return str(given or value.ru or value.kk or value.en)
        return value

    def role(self, role: str) -> str:
        """A signer's role: the mediator; a party of two by its role ("Истец"); a party of
        three or more by its place in the document ("Сторона 3"), several sharing a side."""
        if role == "mediator":
            return self("role.mediator")
        if role in self.numbers:
            return self("role.party", n=self.numbers[role])
        return self(f"role.{'court' if self.court else 'out'}.{role}")

    def side(self, side: str) -> str:
        """The heading of a side's parties in a settlement of three or more."""
        if side == "own":
            return self("side.own")
        return self(f"side.{'court' if self.court else 'out'}.{side}")

    def all_of(self, names: list[str]) -> str:
        """ "A, B and C" in this language."""
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + self("language.and") + names[-1]

    def money(self, amount: str | Decimal, currency: str) -> str:
        return format_money(amount, currency, self.language)

    def date(self, day: object) -> str:
        return format_date(day, self.language)  # type: ignore[arg-type]


SIDES = ("claimant", "respondent", "own")
PartyEntry = PersonParty | OrganisationParty


def party_groups(record: SettlementRecord) -> list[tuple[str, list[PartyEntry]]]:
    """A settlement of three or more parties groups them by side (the claimant's, the
    respondent's, then those in their own right), each side in party order; a two-party record
    (no sides recorded) is one group in its own order."""
    if all(p.side is None for p in record.parties):
        return [("", list(record.parties))]
    groups = [(side, [p for p in record.parties if p.side == side]) for side in SIDES]
    return [(side, parties) for side, parties in groups if parties]


def party_numbers(record: SettlementRecord) -> dict[str, int]:
    """Each party's number in a settlement of three or more ("Сторона 3" is ``party3``, the
    claimant "Сторона 1"): the same in every section and on the settlement page, whichever
    side it is grouped under; empty for a two-party record (its parties go by role)."""
    if all(p.side is None for p in record.parties):
        return {}
    return {p.role: party_number(p.role) for p in record.parties}


def in_document_order(roles: list[str], record: SettlementRecord) -> list[str]:
    """Signers in the order the parties' section lists them, the mediator last."""
    order = [p.role for _, parties in party_groups(record) for p in parties]
    return sorted(roles, key=lambda role: order.index(role) if role in order else len(order))


def _sentence(text: str) -> str:
    """Free text placed before a full stop loses its own trailing full stop."""
    return text.rstrip(".")


def compose(signed: SignedSettlement, language: str, verification_url: str) -> Composed:
    record = signed.record
    w = Words(language, record)
    preface = [w("place_date", place=record.place, date=w.date(record.date))]
    if record.court is not None:
        number = record.court.case_number or w("court.no_number")
        preface.append(w("court", name=record.court.name, number=number))
    preface.append(
        w(
            "case",
            reference=record.case.reference,
            category=w(f"category.{record.case.category}"),
            opened=format_instant(record.case.opened_at),
        )
    )
    sections = [
        _parties(record, w),
        _procedure(record, w),
        _subject(record, w),
        *([_package(record, w)] if record.agreed_package else []),
        _obligations(record, w),
        _default(record, w),
        _costs(record, w),
        _waiver(record, w),
        _statements(w),
        _confidentiality(record, w),
        *(
            [Section("singapore", w("h.singapore"), [w("singapore")])]
            if record.singapore_convention_opt_in
            else []
        ),
        _language(record, w),
        _annexes(record, w),
        _signatures(signed, w),
        _platform(signed, w, verification_url),
    ]
    return Composed(language, w(f"title.{record.kind}"), preface, sections)


def _party_text(party: PersonParty | OrganisationParty, w: Words) -> str:
    if isinstance(party, PersonParty):
        return w(
            "person", name=party.full_name, iin=party.iin, address=party.address, email=party.email
        )
    return w(
        "organisation",
        form=party.legal_form,
        name=party.name,
        bin=party.bin,
        address=party.address,
        email=party.email,
        position=party.signatory.position,
        signatory=_signatory(party, w),
        authority=_sentence(party.signatory.authority),
    )


def _signatory(party: OrganisationParty, w: Words) -> str:
    """The signatory's name, with their IIN where the record has it (older records do not)."""
    signatory = party.signatory
    if signatory.iin is None:
        return signatory.full_name
    return w("signatory_iin", name=signatory.full_name, iin=signatory.iin)


def _parties(record: SettlementRecord, w: Words) -> Section:
    section = Section("parties", w("h.parties"))
    for side, parties in party_groups(record):
        if side:
            section.paragraphs.append(w.side(side))
        for party in parties:
            _party_paragraphs(section, party, w)
    return section


def _party_paragraphs(section: Section, party: PersonParty | OrganisationParty, w: Words) -> None:
    section.paragraphs.append(f"{w.role(party.role)}: {_party_text(party, w)}")
    if party.representative is not None:
        rep = party.representative
        poa = rep.power_of_attorney
        section.paragraphs.append(
            w(
                "representative",
                name=rep.full_name,
                iin=rep.iin,
                number=poa.number,
                date=w.date(poa.date),
                issued_by=poa.issued_by,
            )
        )


def _procedure(record: SettlementRecord, w: Words) -> Section:
    section = Section("procedure", w("h.procedure"))
    p = record.procedure
    if record.mediator is not None:
        m = record.mediator
        section.paragraphs.append(
            w(
                "mediator",
                name=m.full_name,
                kind=w(f"mediator.{m.kind}"),
                organisation=f", {m.organisation}" if m.organisation else "",
                certificate=m.certificate_number,
                certificate_date=w.date(m.certificate_date),
                contract_date=w.date(m.mediation_contract_date),
            )
        )
    else:
        section.paragraphs.append(w("no_mediator", platform=p.platform))
    section.paragraphs.append(
        w(
            "attestation",
            platform=p.platform,
            reference=p.case_reference,
            started=format_instant(p.started_at),
            agreed=format_instant(p.agreed_at),
            count=w.count("events", p.event_count),
            hash=p.event_log_sha256,
        )
    )
    return section


def _subject(record: SettlementRecord, w: Words) -> Section:
    s = record.subject
    amount = (
        w("subject.amount", amount=w.money(s.claim_amount, s.currency))
        if s.claim_amount is not None
        else w("subject.no_amount")
    )
    return Section(
        "subject",
        w("h.subject"),
        [
            w("subject.claim", description=_sentence(w.text(s.description))),
            amount,
            w("subject.basis", basis=_sentence(w.text(s.legal_basis))),
        ],
    )


def _package(record: SettlementRecord, w: Words) -> Section:
    # Each column its own label and option when the case has them in its language (TermTexts).
    items = [f"{w.text(term.label)}: {w.text(term.value)}" for term in record.agreed_package]
    return Section("package", w("h.package"), items=items)


def _obligations(record: SettlementRecord, w: Words) -> Section:
    section = Section("obligations", w("h.obligations"))
    for o in record.obligations:
        section.clauses.append(_clause(record, o, w))
    return section


def _who(record: SettlementRecord, o: Obligation, w: Words) -> list[str]:
    """Who performs for whom: "Debtor: …", "Creditor: …"; a joint action instead names both
    parties as performing it together, and that each may require the other's part (no
    creditor: neither is owed the whole act by the other alone)."""

    def named(role: str) -> str:
        return f"{w.role(role)} ({party_name(record.party(role))})"

    if o.creditor is None:  # debtor "both": the record allows no other case
        if w.several:  # every party of the settlement together
            everyone = [named(role) for role in in_document_order(_roles(record), record)]
            return [w("ob.joint.all", parties=w.all_of(everyone)), w("ob.joint.each.all")]
        return [
            w("ob.joint", claimant=named("claimant"), respondent=named("respondent")),
            w("ob.joint.each"),
        ]
    return [f"{w('ob.debtor')}: {named(o.debtor)}.", f"{w('ob.creditor')}: {named(o.creditor)}."]


def _clause(record: SettlementRecord, o: Obligation, w: Words) -> Clause:
    lines = [
        *_who(record, o, w),
        f"{w('ob.kind')}: {w(f'ob.kind.{o.kind}')}.",
        f"{w('ob.description')}: {_sentence(w.text(o.description))}.",
    ]
    if o.amount is not None:
        lines.append(f"{w('ob.amount')}: {w.money(o.amount, o.currency)}.")
    lines.append(f"{w('ob.method')}: {_sentence(w.text(o.method))}.")
    if o.account is not None:
        lines.append(f"{w('ob.account')}: {_sentence(o.account)}.")
    lines.append(w("ob.due", date=w.date(o.due_date)))
    table = None
    if o.instalments and o.creditor is not None:  # a joint action has none (the record)
        payer, payee = party_name(record.party(o.debtor)), party_name(record.party(o.creditor))
        rows = tuple(
            (str(i.number), w.date(i.due_date), w.money(i.amount, o.currency), payer, payee)
            for i in o.instalments
        )
        total = sum((Decimal(i.amount) for i in o.instalments), Decimal(0))
        table = Table(
            w("schedule", number=o.number),
            tuple(w(f"col.{c}") for c in ("number", "due", "amount", "payer", "payee")),
            rows,
            (w("total"), "", w.money(total, o.currency), "", ""),
        )
    return Clause(o.number, tuple(lines), table)


def _default(record: SettlementRecord, w: Words) -> Section:
    terms = record.default_terms
    penalty = (
        w("penalty", rate=format_rate(terms.penalty_percent_per_day, w.language))
        if terms.penalty_percent_per_day is not None
        else w("penalty.none")
    )
    writ = w("writ.court") if w.court else w("writ.out")
    return Section(
        "default",
        w("h.default"),
        [
            w("acceleration", days=w.count("calendar_days", terms.acceleration_after_days)),
            penalty,
            writ,
        ],
    )


def _costs(record: SettlementRecord, w: Words) -> Section:
    allocation = record.costs.allocation
    if allocation not in ("each_own", "split"):  # one party's key: it bears them all
        key = "costs.party.all" if w.several else "costs.party"
        first = w(key, role=w.role(allocation).lower())
    else:
        first = w(f"costs.{allocation}")
    note = w("state_fee", note=_sentence(w.text(record.costs.state_fee_note)))
    return Section("costs", w("h.costs"), [first, note])


def _waiver(record: SettlementRecord, w: Words) -> Section:
    if not record.waiver_of_remaining_claims:
        waiver = w("waiver.no")
    elif w.several:  # claims may run between any of them
        waiver = w("waiver.all")
    else:
        waiver = w("waiver.yes", role=w.role("claimant"))
    approval = w("approval.court") if w.court else w("approval.out")
    return Section("waiver", w("h.waiver"), [waiver, approval])


def _statements(w: Words) -> Section:
    keys = ("free_will", "capacity", "understanding", "no_third_party_effect")
    return Section(
        "statements",
        w("h.statements"),
        [w("statements")],
        items=[w(f"statement.{key}") for key in keys],
    )


def _confidentiality(record: SettlementRecord, w: Words) -> Section:
    text = w("confidentiality.yes") if record.confidentiality else w("confidentiality.no")
    return Section("confidentiality", w("h.confidentiality"), [text])


def _language(record: SettlementRecord, w: Words) -> Section:
    names = w("language.and").join(w(f"lang.{code}") for code in record.languages)
    if len(record.languages) == 1:
        clause = w("language.one", languages=names)
    else:
        clause = w(
            "language.many", languages=names, prevailing=w(f"lang.{record.prevailing_language}")
        )
    return Section("language", w("h.language"), [clause, w("copies", copies=record.copies)])


def _annexes(record: SettlementRecord, w: Words) -> Section:
    items = []
    if any(o.instalments for o in record.obligations):
        items.append(w("annex.schedule"))
    if any(o.account for o in record.obligations):
        items.append(w("annex.bank"))
    for party in record.parties:
        if party.representative is not None:
            poa = party.representative.power_of_attorney
            name = party.representative.full_name
            items.append(w("annex.poa", number=poa.number, date=w.date(poa.date), name=name))
    items.append(w("annex.files"))
    return Section("annexes", w("h.annexes"), items=items)


def _signature_lines(signed: SignedSettlement, s: PartySignature, w: Words) -> list[str]:
    record = signed.record
    id_label = w("sig.certificate") if s.role == "mediator" else w("sig.identifier")
    role = w.role(s.role)
    if s.role != "mediator":
        role += ", " + w("sig.on_behalf", party=party_name(record.party(s.role)))
    method = w(f"sig.method.{s.method}", platform=record.procedure.platform)
    lines = [
        f"{w('sig.role')}: {role}",
        f"{w('sig.name')}: {s.full_name}",
        f"{id_label}: {s.identifier}",
        f"{w('sig.signed_at')}: {format_instant(s.signed_at)}",
        f"{w('sig.method')}: {method}",
    ]
    if s.external is not None and s.external.certificate is not None:
        c = s.external.certificate
        lines.append(w("sig.cms", subject=c.subject, issuer=c.issuer, serial=c.serial_number))
    return lines


def _pades_lines(
    signed: SignedSettlement, party: PersonParty | OrganisationParty, w: Words
) -> list[str]:
    """Who signs for ``party`` in a document signed as a PDF: the signature is in the file."""
    record = signed.record
    if party.representative is not None:
        name, identifier = party.representative.full_name, party.representative.iin
    elif isinstance(party, PersonParty):
        name, identifier = party.full_name, party.iin
    else:
        name, identifier = _signatory(party, w), party_identifier(party)
    role = w.role(party.role) + ", " + w("sig.on_behalf", party=party_name(party))
    return [
        f"{w('sig.role')}: {role}",
        f"{w('sig.name')}: {name}",
        f"{w('sig.identifier')}: {identifier}",
        w("sig.pades", platform=record.procedure.platform),
    ]


def _signatures(signed: SignedSettlement, w: Words) -> Section:
    section = Section("signatures", w("h.signatures"))
    record = signed.record
    if signed.signed_in_pdf:
        for role in in_document_order(_roles(record), record):
            section.items.append("\n".join(_pades_lines(signed, record.party(role), w)))
    order = in_document_order([s.role for s in signed.party_signatures], record)
    for s in sorted(signed.party_signatures, key=lambda s: order.index(s.role)):
        section.items.append("\n".join(_signature_lines(signed, s, w)))
    mediator = signed.record.mediator
    if mediator is not None and not any(s.role == "mediator" for s in signed.party_signatures):
        lines = [
            f"{w('sig.role')}: {w.role('mediator')}",
            f"{w('sig.name')}: {mediator.full_name}",
            f"{w('sig.certificate')}: {mediator.certificate_number}",
            w("sig.mediator_blank"),
        ]
        section.items.append("\n".join(lines))
    return section


def _roles(record: SettlementRecord) -> list[str]:
    return [p.role for p in record.parties]


def _platform(signed: SignedSettlement, w: Words, verification_url: str) -> Section:
    ps = signed.platform_signature
    at = format_instant(ps.signed_at)
    in_pdf = signed.signed_in_pdf
    return Section(
        "platform",
        w("h.platform"),
        [
            w("platform.prepared" if in_pdf else "platform.signature", key_id=ps.key_id, at=at),
            w("platform.code", code=signed.verification_code),
            w("platform.url", url=verification_url),
            w("platform.hash", hash=signed.record_sha256),
            w("platform.pades" if in_pdf else "platform.seal"),
        ],
    )
