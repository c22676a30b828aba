"""No word of another language in a Kazakh or Russian text the platform writes: each column of a
signed settlement (every kind, every mechanism's drafted terms), and every e-mail.

A Kazakh-speaking claimant and a Russian-speaking respondent sign a kk+ru settlement; a court
clerk reads the Russian column and must meet no Kazakh word in it (and the other way round).
What a party typed is printed as typed: here each party gives its texts in both languages, as
the settlement page asks them to for a bilingual document, and names and addresses are proper
names. The agreed package's issue labels and options are printed in each column's own language
when the claimant gave them in both (the case's issue ``labels`` and ``option_labels``, as the
intake form asks when the parties read different languages); given once, they are printed as
typed, listed by ``typed_once`` and taken out before reading. The guide before filing and its
strings are held to the same rule.
"""

from __future__ import annotations

import json
import re
import string
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any, Literal

import pikepdf
import pytest
from pypdf import PdfReader
from starlette.applications import Starlette

from odr import resources
from odr.cases.guides import ALL_GUIDES, guide
from odr.documents.compose import Composed, compose
from odr.documents.envelope import SignedSettlement
from odr.documents.example import example_record, example_record_data
from odr.documents.record import SettlementRecord
from odr.notify.templates import TEMPLATES, render
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from odr.settlement.drafting import draft_terms
from tests.builders.app import services_of
from tests.builders.cases import CASE, open_case, token_of
from tests.builders.division import ALLOCATION, ITEMS, make_division
from tests.builders.language import foreign_words
from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    doers_chosen,
    sign,
    signed_by,
    user_of,
)
from tests.conftest import MakeClient

VERIFY_URL = "https://kelisim.kz/verify"
KAZAKH_CASE: dict[str, Any] = {
    **CASE,
    "language": "kk",
    "subject": "Жиһаз үшін төленбеген шот",
    "issues": [
        {
            "name": "amount",
            "label": "Сома",
            "range": {"min": 0, "max": 420000, "step": 10000, "unit": "KZT"},
        },
        {
            "name": "apology",
            "label": "Кешірім",
            "options": ["жазбаша", "жоқ"],
            "labels": {"kk": "Кешірім", "ru": "Извинение"},
            "option_labels": [{"kk": "жазбаша", "ru": "письменное"}, {"kk": "жоқ", "ru": "нет"}],
        },
    ],
}
PACKAGE = {"amount": "150000", "apology": "жазбаша"}
# A party's own texts, in each language of the document (as the settlement page asks for them).
SUBJECT = {"kk": "Жиһаз үшін төленбеген шот", "ru": "Неоплаченный счёт за мебель"}
DESCRIPTIONS = {
    "Сома": {"kk": "Жиһаз үшін берешекті өтеу", "ru": "Погашение долга за мебель"},
    "Кешірім: жазбаша": {"kk": "Жазбаша кешірім сұрау", "ru": "Письменное извинение"},
}
PROPER = [
    CLAIMANT_DETAILS["full_name"],
    CLAIMANT_DETAILS["address"],
    RESPONDENT_DETAILS["full_name"],
    RESPONDENT_DETAILS["address"],
    RESPONDENT_DETAILS["legal_form"],
    RESPONDENT_DETAILS["signatory"]["full_name"],
    "Астана",
    *(item["name"] for item in ITEMS),
]


@pytest.fixture(scope="module")
def signed() -> SignedSettlement:
    """The example settlement signed by both parties: the envelope a drafted record goes into."""
    return signed_by(example_record())


def column_text(composed: Composed) -> str:
    """Everything one language's column says, as the PDF prints it."""
    parts = [composed.title, *composed.preface]
    for s in composed.sections:
        parts += [s.heading, *s.paragraphs, *s.items]
        for clause in s.clauses:
            parts += clause.lines
            if clause.table is not None:
                t = clause.table
                parts += [t.caption, *t.header, *(" ".join(r) for r in t.rows), *t.total]
    return "\n".join(parts)


def typed_once(record: SettlementRecord) -> list[str]:
    """The agreed package's labels and options given once, in the case's language (those given
    in each language of the document are read as every other text)."""
    texts = [text for term in record.agreed_package for text in (term.label, term.value)]
    return [text for text in texts if isinstance(text, str)]


def proper_names(record: SettlementRecord) -> list[str]:
    """Names, addresses and titles the record holds as their owners wrote them."""
    found = [record.place]
    for p in record.parties:
        data = p.model_dump()
        found += [str(data.get(k) or "") for k in ("full_name", "name", "legal_form", "address")]
        if data.get("signatory"):
            found += [str(v) for v in data["signatory"].values()]
        if p.representative is not None:
            found += [p.representative.full_name, p.representative.power_of_attorney.issued_by]
    if record.court is not None:  # a court's name as the court list holds it
        found.append(record.court.name)
    if record.mediator is not None:
        found += [record.mediator.full_name, record.mediator.organisation or ""]
    return found


def repeated(paragraphs: list[str]) -> list[str]:
    """Clauses of a section that say the same thing twice (by their first three words, once a
    label such as "Государственная пошлина:" is taken off)."""
    seen: set[str] = set()
    twice = []
    for clause in re.split(r"[.;]\s*", " ".join(paragraphs)):
        words = clause.rpartition(": ")[2].lower().split()[:3]
        if len(words) == 3:
            key = " ".join(words)
            if key in seen:
                twice.append(key)
            seen.add(key)
    return twice


def assert_pure(signed: SignedSettlement, proper: list[str]) -> None:
    for language in signed.record.languages:
        costs = next(s for s in compose(signed, language, VERIFY_URL).sections if s.key == "costs")
        assert repeated(costs.paragraphs) == [], f"{language}: {costs.paragraphs}"
        if language == "en":
            continue
        text = column_text(compose(signed, language, VERIFY_URL))
        signers = [s.full_name for s in signed.party_signatures]
        typed = [*proper, *proper_names(signed.record), *typed_once(signed.record), *signers]
        found = foreign_words(text, language, typed)
        assert found == [], f"{language} column: {found}\n{text}"


async def agreed(app: Starlette, make_client: MakeClient, mechanism: str) -> tuple[Any, Any, str]:
    """A Kazakh case (packages or division) that both parties agreed through the room."""
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant, **KAZAKH_CASE)
    case_id = created["case"]["id"]
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    package = PACKAGE
    if mechanism == "division":
        await make_division(app, case_id)
        package = ALLOCATION
    room = services_of(app).room
    offer = MakeOffer(type="offer", key="offer-1", package=package)
    await execute(room, await user_of(app, "aigerim@example.kz"), "claimant", case_id, offer)
    accept = Accept(type="accept", key="accept-1", version=1)
    await execute(room, await user_of(app, "ruslan@example.kz"), "respondent", case_id, accept)
    return claimant, respondent, case_id


def in_both_languages(obligation: dict[str, Any]) -> dict[str, Any]:
    """What each party does on the page of a kk+ru document: its own text in both languages,
    and who performs an action whose doer the draft left open (here both, together)."""
    if obligation["debtor"] is None:
        obligation = {**obligation, "debtor": "both", "creditor": None}
    description = obligation["description"]
    if isinstance(description, str):
        label = description.split(" → ")[0]
        given = DESCRIPTIONS.get(description) or {
            "kk": f"{label} мүлкін беру",
            "ru": f"Передача имущества: {label}",
        }
        obligation = {**obligation, "description": given}
    return obligation


@pytest.mark.parametrize("mechanism", ["packages", "division"])
async def test_each_column_of_a_signed_bilingual_settlement_is_in_its_own_language(
    app: Starlette, make_client: MakeClient, mechanism: str
) -> None:
    claimant, respondent, case_id = await agreed(app, make_client, mechanism)
    url = f"/api/cases/{case_id}/settlement"
    assert (await claimant.put(f"{url}/parties/me", json=CLAIMANT_DETAILS)).status_code == 200
    current = (await respondent.put(f"{url}/parties/me", json=RESPONDENT_DETAILS)).json()
    terms = current["terms"]
    body = {
        **terms,
        "version": current["version"],
        "place": "Астана",
        "document_language": "kk+ru",
        "subject_description": SUBJECT,
        "obligations": [in_both_languages(o) for o in terms["obligations"]],
    }
    body.pop("parties", None)
    response = await claimant.put(f"{url}/terms", json=body)
    assert response.status_code == 200, response.text
    settlement = response.json()
    assert settlement["missing"] == [], settlement["missing"]
    for party in (claimant, respondent):
        assert (await sign(party, case_id, settlement["record_sha256"])).status_code == 201
    pdf = await claimant.get(f"{url}/pdf")
    assert pdf.status_code == 200
    with pikepdf.open(BytesIO(pdf.content)) as document:
        embedded = document.attachments["settlement.json"].get_file().read_bytes()
    signed = SignedSettlement.model_validate_json(embedded)
    assert signed.record.languages == ["kk", "ru"]
    assert_pure(signed, PROPER)
    # The issue the claimant labelled in both languages: each column its own words.
    if mechanism == "packages":
        package = {
            code: next(s for s in compose(signed, code, VERIFY_URL).sections if s.key == "package")
            for code in ("kk", "ru")
        }
        assert "Кешірім: жазбаша" in package["kk"].items
        assert "Извинение: письменное" in package["ru"].items
    printed = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "г.." not in printed


async def test_a_russian_document_of_a_kazakh_case_drafts_no_kazakh_word(
    app: Starlette, make_client: MakeClient, signed: SignedSettlement
) -> None:
    """The choices drafted from a Kazakh case (how to pay, the law, the state fee) are codes,
    worded by the document's language: "Способ исполнения: банковский перевод", not "банктік
    аударым". The obligations' descriptions are the case's issue labels, typed once."""
    claimant, respondent, case_id = await agreed(app, make_client, "packages")
    url = f"/api/cases/{case_id}/settlement"
    assert (await claimant.put(f"{url}/parties/me", json=CLAIMANT_DETAILS)).status_code == 200
    current = (await respondent.put(f"{url}/parties/me", json=RESPONDENT_DETAILS)).json()
    body = {**current["terms"], "version": current["version"], "place": "Астана"}
    body.update(document_language="ru")  # the subject stays as filed (typed once, in Kazakh)
    body.update(obligations=doers_chosen(current["terms"]["obligations"], "both"))
    body.pop("parties", None)
    response = await claimant.put(f"{url}/terms", json=body)
    assert response.status_code == 200, response.text
    record = SettlementRecord.model_validate_json(json.dumps(response.json()["record"]))
    # The record's text as the PDF will print it (the envelope only carries it to compose).
    text = column_text(compose(signed.model_copy(update={"record": record}), "ru", VERIFY_URL))
    signers = [s.full_name for s in signed.party_signatures]
    typed = [*proper_names(record), *typed_once(record), *DESCRIPTIONS, "Сома", *signers]
    typed.append(KAZAKH_CASE["subject"])
    found = foreign_words(text, "ru", typed)
    assert found == [], f"{found}\n{text}"
    assert "Способ исполнения: банковский перевод." in text


async def test_a_bilingual_document_asks_for_each_text_in_both_languages(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed(app, make_client, "packages")
    url = f"/api/cases/{case_id}/settlement"
    assert (await claimant.put(f"{url}/parties/me", json=CLAIMANT_DETAILS)).status_code == 200
    current = (await respondent.put(f"{url}/parties/me", json=RESPONDENT_DETAILS)).json()
    body = {**current["terms"], "version": current["version"], "place": "Астана"}
    body.update(document_language="kk+ru")
    body.pop("parties", None)
    settlement = (await claimant.put(f"{url}/terms", json=body)).json()
    # The drafted choices are codes (worded in each language); what a party typed once is not.
    # Who performs the agreed action the draft leaves to the parties.
    assert settlement["missing"] == [
        "obligations.2.debtor",
        "texts.subject_description",
        "texts.obligations.1.description",
        "texts.obligations.2.description",
    ]
    assert settlement["record"] is None
    half = {**body, "version": settlement["version"], "subject_description": {"kk": SUBJECT["kk"]}}
    settlement = (await claimant.put(f"{url}/terms", json=half)).json()
    assert "texts.subject_description" in settlement["missing"]


def drafted_record(
    issues: list[dict[str, Any]], package: dict[str, str], kind: str
) -> SettlementRecord:
    """The example record with the obligations, basis and costs drafted for ``package``."""
    terms = draft_terms(issues, package, currency="KZT", agreed_on=date(2025, 3, 14), language="kk")
    obligations = [
        {
            **in_both_languages(o),
            "number": n,
            "due_date": date.fromisoformat(o["due_date"]),
            "instalments": [
                {
                    **i,
                    "due_date": date.fromisoformat(i["due_date"]),
                    "amount": f"{Decimal(i['amount']):.2f}",
                }
                for i in o["instalments"]
            ],
            "amount": None if o["amount"] is None else f"{Decimal(o['amount']):.2f}",
        }
        for n, o in enumerate(terms["obligations"], 1)
    ]
    data = example_record_data(obligations=obligations, costs=terms["costs"])
    data["subject"] = {**data["subject"], "legal_basis": {"code": "civil_code"}}
    if kind == "mediation_agreement_out_of_court":
        data.update(kind=kind, court=None)
    return SettlementRecord.model_validate(data)


# Blind bidding settles one amount, paid in instalments; drafted by the same rules.
BIDDING_ISSUES = [
    {"name": "amount", "label": "Сома", "range": {"min": 0, "max": 9e5, "unit": "KZT"}},
    {"name": "months", "label": "Бөліп төлеу", "range": {"min": 1, "max": 6, "unit": "ай"}},
]


@pytest.mark.parametrize(
    "kind",
    ["mediation_agreement_out_of_court", "mediation_agreement_in_court", "amicable_settlement"],
)
@pytest.mark.parametrize("mechanism", ["packages", "bidding", "division"])
def test_drafted_settlements_of_each_kind_and_mechanism_read_in_each_language(
    kind: str, mechanism: str, signed: SignedSettlement
) -> None:
    from odr.negotiating.division import item_issues

    issues, package = {
        "packages": (KAZAKH_CASE["issues"], PACKAGE),
        "bidding": (BIDDING_ISSUES, {"amount": "707000", "months": "3"}),
        "division": (item_issues(ITEMS), ALLOCATION),
    }[mechanism]
    record = drafted_record(issues, package, kind)
    assert_pure(signed.model_copy(update={"record": record}), PROPER)


def test_russian_counts_take_their_plural_forms(signed: SignedSettlement) -> None:
    """CLDR's rules (Babel): 21 takes the singular, 22 the "few" form, 25 the "many" form."""
    cases = (
        (21, "21 событие", "21 календарный день"),
        (22, "22 события", "22 календарных дня"),
        (25, "25 событий", "25 календарных дней"),
    )
    for count, events, days in cases:
        data = example_record_data()
        data["procedure"] = {**data["procedure"], "event_count": count}
        data["default_terms"] = {**data["default_terms"], "acceleration_after_days": count}
        record = SettlementRecord.model_validate(data)
        text = column_text(compose(signed.model_copy(update={"record": record}), "ru", VERIFY_URL))
        assert f"журнал процедуры: {events}," in text
        assert f"более чем на {days}, " in text


PARAMS = {
    "reference": "KEL-2026-000123",
    "link": "https://kelisim.kz/#/reset/abc",
    "url": "https://kelisim.kz/#/cases/abc",
    "minutes": 30,
    "deadline": "2026-12-24",
    "outcome": "settled",
}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("outcome", ["settled", "failed"])
def test_every_e_mail_is_in_its_reader_language(kind: str, language: str, outcome: str) -> None:
    subject, body = TEMPLATES[kind].get(language) or TEMPLATES[kind]["ru"]
    names = {n for _, n, _, _ in string.Formatter().parse(subject + body) if n}
    params = {name: PARAMS.get(name, "Айгерім") for name in names} | {"outcome": outcome}
    text = " ".join(render(kind, language, params))
    assert "{" not in text
    found = foreign_words(text, language, ["Айгерім", *re.findall(r"\S+@\S+", text)])
    assert found == [], f"{kind} ({language}): {found}: {text}"


@pytest.mark.parametrize("category", sorted(ALL_GUIDES))
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_guide_before_filing_is_in_its_reader_language(
    category: str, language: Literal["kk", "ru"]
) -> None:
    """Everything the guide says, typical issues and options too, in the reader's language."""
    data = guide(category, language).model_dump()
    texts = [data["title"], data["summary"], *data["can"], *data["cannot"], *data["laws"]]
    for issue in data["issues"]:
        texts += [issue["label"], *(issue["options"] or []), issue["labels"][language]]
    text = "\n".join(texts)
    assert foreign_words(text, language) == [], f"{category} ({language}): {text}"


STRING_LINE = re.compile(r'^\s*"([\w.]+)":\s*(?:\n\s*)?"((?:[^"\\]|\\.)*)"', re.MULTILINE)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_guidance_strings_are_in_their_language(language: str) -> None:
    """The intake's guidance strings (static/app/locales/guidance), with the English catalogue's
    keys: a string missing here would fall back to English on a kk or ru page."""
    folder = resources.folder("static") / "app" / "locales" / "guidance"
    strings = dict(STRING_LINE.findall((folder / f"{language}.js").read_text(encoding="utf-8")))
    english = dict(STRING_LINE.findall((folder / "en.js").read_text(encoding="utf-8")))
    assert set(strings) == set(english)
    text = "\n".join(re.sub(r"\{\w+\}", " ", value) for value in strings.values())
    assert foreign_words(text, language) == [], text
