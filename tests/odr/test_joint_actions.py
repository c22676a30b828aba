"""Who performs an agreed action (issue #13): the draft invents no doer; the parties choose one
party or both, and a joint action is worded as the parties' together in every language.

"Sell the flat and split the money" was drafted as the respondent's obligation to the claimant.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette

from odr.cli import main
from odr.documents import produce_settlement_pdf
from odr.documents.akoma import akoma_ntoso, record_hash_of
from odr.documents.canonical import canonical_json
from odr.documents.compose import compose
from odr.documents.envelope import SignedSettlement
from odr.documents.example import example_record, example_record_data
from odr.documents.keys import PlatformKey
from odr.documents.record import SettlementRecord
from odr.settlement.drafting import draft_terms, redraft
from tests.builders.language import foreign_words
from tests.builders.settlement import agreed_case, complete, doers_chosen, sign, signed_by
from tests.conftest import Client, MakeClient, assert_error

FLAT = {
    "name": "flat",
    "label": "Квартира",
    "options": ["продать и разделить деньги поровну", "остаётся истцу"],
}
AMOUNT = {
    "name": "amount",
    "label": "Сумма",
    "range": {"min": 0, "max": 500000, "step": 1000, "unit": "KZT"},
}
VERIFY_URL = "https://kelisim.kz/verify"


def test_the_draft_gives_a_joint_action_to_nobody_and_the_money_to_the_respondent() -> None:
    terms = draft_terms(
        [AMOUNT, FLAT],
        {"amount": "100000", "flat": "продать и разделить деньги поровну"},
        currency="KZT",
        agreed_on=date(2026, 12, 7),
    )
    payment, sale = terms["obligations"]
    assert (payment["debtor"], payment["creditor"]) == ("respondent", "claimant")
    assert sale["kind"] == "action"
    assert sale["description"] == "Квартира: продать и разделить деньги поровну"
    assert (sale["debtor"], sale["creditor"]) == (None, None), "the parties choose who acts"


def test_a_redraft_keeps_the_doer_chosen_for_an_action_the_new_package_still_has() -> None:
    """An adopted improvement redrafts the terms: a changed amount does not undo who sells."""
    agreed = {"amount": "100000", "flat": "продать и разделить деньги поровну"}
    first = draft_terms([AMOUNT, FLAT], agreed, currency="KZT", agreed_on=date(2026, 12, 7))
    first["obligations"][1].update(debtor="both", creditor=None)
    better = {**agreed, "amount": "120000"}
    again = redraft(first, [AMOUNT, FLAT], better, currency="KZT", agreed_on=date(2026, 12, 8))
    payment, sale = again["obligations"]
    assert payment["amount"] == "120000" and (sale["debtor"], sale["creditor"]) == ("both", None)
    other = redraft(
        first, [AMOUNT, FLAT], {**agreed, "flat": "остаётся истцу"}, currency="KZT",
        agreed_on=date(2026, 12, 8),
    )  # fmt: skip
    assert other["obligations"][1]["debtor"] is None, "another option: chosen anew"


def _obligation(**changes: Any) -> dict[str, Any]:
    joint: dict[str, Any] = {
        "number": 1,
        "debtor": "both",
        "creditor": None,
        "kind": "action",
        "description": {"kk": "Пәтерді сату", "ru": "Продать квартиру"},
        "amount": None,
        "currency": "KZT",
        "method": {"code": "as_described"},
        "account": None,
        "due_date": date(2025, 6, 1),
        "instalments": [],
    }
    return {**joint, **changes}


def test_a_joint_action_is_a_valid_record_and_other_joint_shapes_are_not() -> None:
    record = SettlementRecord.model_validate(example_record_data(obligations=[_obligation()]))
    assert record.obligations[0].joint and record.obligations[0].creditor is None
    refused = [
        _obligation(creditor="claimant"),  # both parties, yet one is owed it?
        _obligation(kind="payment", amount="1000.00"),  # who pays whom?
        _obligation(amount="1000.00"),
        _obligation(debtor="respondent"),  # one party's obligation names its creditor
    ]
    for obligation in refused:
        with pytest.raises(ValidationError):
            SettlementRecord.model_validate(example_record_data(obligations=[obligation]))


def test_a_record_of_one_party_obligations_reads_as_before() -> None:
    """Old records: the same fields, so the same canonical bytes and hash."""
    record = example_record()
    dumped = record.model_dump(mode="json", by_alias=True)
    assert all(set(o) == set(_obligation()) for o in dumped["obligations"])
    again = SettlementRecord.model_validate_json(canonical_json(record))
    assert canonical_json(again) == canonical_json(record)


def _signed(record: SettlementRecord, key: PlatformKey | None = None) -> SignedSettlement:
    return signed_by(record, key=key)


def test_odr_verify_checks_a_bilingual_pdf_with_a_joint_obligation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = PlatformKey.generate()
    signed = _signed(
        SettlementRecord.model_validate(example_record_data(obligations=[_obligation()])), key
    )
    pdf, pem = tmp_path / "settlement.pdf", tmp_path / "platform.pem"
    pdf.write_bytes(produce_settlement_pdf(signed, key, "kk+ru", VERIFY_URL))
    pem.write_bytes(key.public_key_pem())
    assert main(["verify", str(pdf), "--key", str(pem)]) == 0, capsys.readouterr()


JOINT_WORDS = {
    "kk": "Тараптар бірлесіп орындайды: Талапкер (",
    "ru": "Стороны совместно исполняют: Истец (",
    "en": "The parties jointly perform: Claimant (",
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_joint_obligation_is_worded_as_both_parties_together(language: str) -> None:
    data = example_record_data(obligations=[_obligation()])
    if language == "en":
        data.update(languages=["en"], prevailing_language="en")
        data["obligations"][0]["description"] = {"en": "Sell the flat"}
    signed = _signed(SettlementRecord.model_validate(data))
    section = next(
        s for s in compose(signed, language, VERIFY_URL).sections if s.key == "obligations"
    )
    (clause,) = section.clauses
    who = clause.lines[0]
    assert who.startswith(JOINT_WORDS[language]), who
    names = [p.full_name if p.kind == "person" else p.name for p in signed.record.parties]
    assert all(name in who for name in names), who
    assert not any(line.startswith(("Борышкер", "Должник", "Debtor")) for line in clause.lines)
    assert not any(
        line.startswith(("Несие беруші", "Кредитор", "Creditor")) for line in clause.lines
    )
    if language != "en":
        proper = [*names, "Пәтерді сату", "Продать квартиру"]
        proper += [
            f"{p.legal_form} «{p.name}»" for p in signed.record.parties if p.kind != "person"
        ]
        assert foreign_words("\n".join(clause.lines), language, proper) == []
    if language == data["prevailing_language"]:  # the Akoma Ntoso text is the prevailing one
        xml = akoma_ntoso(signed, VERIFY_URL).decode()
        assert JOINT_WORDS[language] in xml and record_hash_of(xml.encode()) == signed.record_sha256


async def _joint_terms(
    claimant: Client, respondent: Client, case_id: str, **terms: Any
) -> dict[str, Any]:
    """The parties complete the terms, choosing that both perform the agreed action together."""
    url = f"/api/cases/{case_id}/settlement"
    draft = (await claimant.get(url)).json()
    action = draft["terms"]["obligations"][1]
    assert action["kind"] == "action" and (action["debtor"], action["creditor"]) == (None, None)
    obligations = doers_chosen(draft["terms"]["obligations"], "both")
    return await complete(claimant, respondent, case_id, obligations=obligations, **terms)


async def test_the_court_imports_a_joint_obligation_as_json_and_akoma_ntoso(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await _joint_terms(
        claimant, respondent, case_id, kind="amicable_settlement", court_code="ASTANA-1"
    )
    for party in (claimant, respondent):
        assert (await sign(party, case_id, settlement["record_sha256"])).status_code == 201
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    (item,) = (await court.get("/api/court/v1/settlements")).json()["settlements"]
    imported = (await court.get(item["links"]["json"])).json()
    joint = imported["record"]["obligations"][1]
    assert (joint["debtor"], joint["creditor"]) == ("both", None)
    xml = (await court.get(item["links"]["xml"])).content.decode()
    assert "Стороны совместно исполняют: Истец (" in xml


async def test_an_open_doer_is_missing_until_the_parties_choose_both_then_it_signs_and_verifies(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    url = f"/api/cases/{case_id}/settlement"
    draft = (await claimant.get(url)).json()
    assert "obligations.2.debtor" in draft["missing"]
    # Saved as drafted: accepted, but still missing the doer, so nothing to sign.
    kept = await complete(claimant, respondent, case_id, obligations=draft["terms"]["obligations"])
    assert kept["missing"] == ["obligations.2.debtor"] and kept["record"] is None

    settlement = await _joint_terms(claimant, respondent, case_id)
    assert settlement["missing"] == [], settlement["missing"]
    joint = settlement["record"]["obligations"][1]
    assert (joint["debtor"], joint["creditor"], joint["kind"]) == ("both", None, "action")
    assert (await sign(claimant, case_id, settlement["record_sha256"])).status_code == 201
    signed = await sign(respondent, case_id, settlement["record_sha256"])
    assert signed.status_code == 201, signed.text
    assert signed.json()["status"] == "signed"

    pdf = await claimant.get(f"{url}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    checked = await claimant.post(
        "/api/verify", content=pdf.content, headers={"content-type": "application/pdf"}
    )
    assert checked.status_code == 200 and checked.json()["valid"] is True, checked.text


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"kind": "payment", "debtor": "both", "creditor": None}, "kind", "debtor_needed"),
        ({"debtor": "both", "creditor": "claimant"}, "creditor", "joint_no_creditor"),
        ({"debtor": None, "creditor": "claimant"}, "creditor", "joint_no_creditor"),
        ({"debtor": "respondent", "creditor": None}, "creditor", "creditor_needed"),
        ({"debtor": "both", "creditor": None, "amount": "5000"}, "amount", "joint_no_amount"),
    ],
)
async def test_a_doer_that_does_not_fit_is_refused_at_its_field(
    app: Starlette, make_client: MakeClient, change: dict[str, Any], field: str, code: str
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    body = {k: v for k, v in settlement["terms"].items() if k != "parties"}
    body["version"] = settlement["version"]
    body["subject_description"] = None
    body["obligations"][1] = {**body["obligations"][1], **change}
    refused = assert_error(
        await claimant.put(f"/api/cases/{case_id}/settlement/terms", json=body), 422
    )
    assert (f"obligations[1].{field}", code) in [(f["field"], f["code"]) for f in refused["fields"]]
    after = (await claimant.get(f"/api/cases/{case_id}/settlement")).json()
    assert after["version"] == settlement["version"], "a refused edit stores nothing"
