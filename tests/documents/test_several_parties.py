"""A settlement record of three or more parties (#17): every party in party order with its
side, obligations and costs naming any of them, "both" meaning all; the text, the envelope and
the Akoma Ntoso XML carry every party. A two-party record reads and hashes as before."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from odr.cli import main
from odr.documents import produce_settlement_pdf
from odr.documents.akoma import akoma_ntoso
from odr.documents.canonical import canonical_json
from odr.documents.compose import compose
from odr.documents.envelope import (
    SignedSettlement,
    signer_problems,
)
from odr.documents.example import example_record, example_record_data
from odr.documents.keys import PlatformKey
from odr.documents.record import SettlementRecord
from tests.builders.settlement import EXAMPLE_SIGNERS, iin, signed_by

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
URL = "https://kelisim.kz/verify"
HEIR = {
    "role": "party3",
    "side": "own",
    "kind": "person",
    "full_name": "Дана Болатқызы Сейітова",
    "iin": iin(3),
    "address": "Астана, ул. Кенесары, 3",
    "email": "dana@example.kz",
}


def _three(**changes: Any) -> dict[str, Any]:
    """The example with a third party on its own side, a joint action and a payment to it."""
    data = copy.deepcopy(example_record_data())
    data["parties"][0]["side"] = "claimant"
    data["parties"][1]["side"] = "respondent"
    data["parties"].append(dict(HEIR))
    data["copies"] = 4
    joint = {**data["obligations"][1], "number": 3, "debtor": "both", "creditor": None}
    to_heir = {**data["obligations"][1], "number": 2, "debtor": "respondent", "creditor": "party3"}
    data["obligations"] = [data["obligations"][0], to_heir, joint]
    data["costs"] = {**data["costs"], "allocation": "party3"}
    data.update(changes)
    return data


def _signed_by_all(record: SettlementRecord) -> SignedSettlement:
    return signed_by(record, [*EXAMPLE_SIGNERS, ("party3", HEIR["full_name"], HEIR["iin"])])


def test_a_two_party_record_has_no_side_and_hashes_as_before() -> None:
    record = example_record()
    assert b'"side"' not in canonical_json(record)
    assert [p.side for p in record.parties] == [None, None]


def test_three_parties_with_their_sides_make_a_valid_record() -> None:
    record = SettlementRecord.model_validate(_three())
    assert [(p.role, p.side) for p in record.parties] == [
        ("claimant", "claimant"),
        ("respondent", "respondent"),
        ("party3", "own"),
    ]
    assert record.obligations[2].joint and record.costs.allocation == "party3"


def _moved(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("obligations", 1, "creditor"), "party7", "creditor party7 is not a party"),
        (("obligations", 1, "debtor"), "party4", "debtor party4 is not a party"),
        (("obligations", 1, "debtor"), "party11", "pattern"),
        (("costs", "allocation"), "party9", "costs.allocation: party9 is not a party"),
        (("parties", 2, "role"), "respondent", "distinct and in party order"),
        (("parties", 2, "side"), None, "each party has its side"),
        (("parties", 2, "side"), "neutral", "Input should be"),
    ],
)
def test_a_record_names_only_its_own_parties(
    path: tuple[Any, ...], value: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        SettlementRecord.model_validate(_moved(_three(), path, value))


def test_parties_out_of_order_are_refused() -> None:
    data = _three()
    data["parties"] = [data["parties"][2], *data["parties"][:2]]
    with pytest.raises(ValidationError, match="party order"):
        SettlementRecord.model_validate(data)


def test_the_envelope_needs_every_party_s_signature() -> None:
    record = SettlementRecord.model_validate(_three())
    signed = _signed_by_all(record)
    signatures = signed.party_signatures
    assert signer_problems(record, signed.record_sha256, signatures) == []
    missing = signer_problems(record, signed.record_sha256, signatures[:2])
    assert [(p.code, p.message.endswith("0 party3 signatures")) for p in missing] == [
        ("signer_mismatch", True)
    ]


WORDS: dict[str, dict[str, Any]] = {
    "ru": {
        "groups": [
            "На стороне истца:",
            "На стороне ответчика:",
            "Стороны, выступающие самостоятельно:",
        ],
        "third": "Сторона 3: Дана Болатқызы Сейітова",
        "joint": "Стороны совместно исполняют: Сторона 1 (Әлия Серікқызы Нұрланова), Сторона 2 "
        "(ЖШС «Қазақ Құрылыс Сервис») и Сторона 3 (Дана Болатқызы Сейітова).",
        "creditor": "Кредитор: Сторона 3 (Дана Болатқызы Сейітова).",
        "costs": "Судебные расходы всех сторон несёт: сторона 3.",
        "waiver": "Стороны отказываются от требований друг к другу",
    },
    "kk": {
        "groups": ["Талапкер тарапында:", "Жауапкер тарапында:", "Өз атынан қатысатын тараптар:"],
        "third": "3-тарап: Дана Болатқызы Сейітова",
        "joint": "Тараптар бірлесіп орындайды: 1-тарап (Әлия Серікқызы Нұрланова), 2-тарап "
        "(ЖШС «Қазақ Құрылыс Сервис») және 3-тарап (Дана Болатқызы Сейітова).",
        "creditor": "Несие беруші: 3-тарап (Дана Болатқызы Сейітова).",
        "costs": "Барлық тараптардың сот шығындарын 3-тарап көтереді.",
        "waiver": "Тараптар осы келісіммен қамтылмаған бөлігіндегі бір-біріне",
    },
    "en": {
        "groups": [
            "On the claimant's side:",
            "On the respondent's side:",
            "Parties in their own right:",
        ],
        "third": "Party 3: Дана Болатқызы Сейітова",
        "joint": "The parties jointly perform: Party 1 (Әлия Серікқызы Нұрланова), Party 2 "
        "(ЖШС «Қазақ Құрылыс Сервис») and Party 3 (Дана Болатқызы Сейітова).",
        "creditor": "Creditor: Party 3 (Дана Болатқызы Сейітова).",
        "costs": "The costs of all the parties are borne by: party 3.",
        "waiver": "The parties waive their claims against each other",
    },
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_text_groups_numbers_and_names_every_party(language: str) -> None:
    record = SettlementRecord.model_validate(_three())
    signed = _signed_by_all(record)
    sections = {s.key: s for s in compose(signed, language, URL).sections}
    words = WORDS[language]
    parties = sections["parties"].paragraphs
    assert [p for p in parties if p in words["groups"]] == words["groups"]
    assert any(p.startswith(words["third"]) for p in parties), parties
    clauses = sections["obligations"].clauses
    assert words["creditor"] in clauses[1].lines
    assert clauses[2].lines[0] == words["joint"]
    assert sections["costs"].paragraphs[0] == words["costs"]
    assert sections["waiver"].paragraphs[0].startswith(words["waiver"])
    signatures = sections["signatures"].items
    assert len(signatures) == 4  # three parties and the mediator's blank
    assert HEIR["full_name"] in signatures[2]


def test_the_akoma_ntoso_xml_carries_every_party_and_signature() -> None:
    record = SettlementRecord.model_validate(_three())
    signed = _signed_by_all(record)
    root = ET.fromstring(akoma_ntoso(signed, URL))
    refs = root.find(f"./{AKN}doc/{AKN}meta/{AKN}references")
    assert refs is not None
    people = [e.get("eId") for e in refs if e.tag in (f"{AKN}TLCPerson", f"{AKN}TLCOrganization")]
    assert {"claimant", "respondent", "party3"} <= set(people)
    assert "party3Role" in [e.get("eId") for e in refs if e.tag == f"{AKN}TLCRole"]
    authors = root.findall(f".//{AKN}FRBRWork/{AKN}FRBRauthor")
    assert [a.get("href") for a in authors] == ["#claimant", "#respondent", "#party3"]
    sides = root.findall(".//{https://kelisim.kz/ns/akn/1}party")
    assert [(s.get("refersTo"), s.get("side")) for s in sides] == [
        ("#claimant", "claimant"),
        ("#respondent", "respondent"),
        ("#party3", "own"),
    ]
    signers = root.findall(f".//{AKN}conclusions/{AKN}blockContainer/{AKN}signature/{AKN}person")
    assert [s.get("refersTo") for s in signers] == ["#claimant", "#respondent", "#party3"]


def test_a_bilingual_pdf_of_three_parties_names_them_in_both_columns_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = PlatformKey.generate()
    signed = signed_by(
        SettlementRecord.model_validate(_three()),
        [*EXAMPLE_SIGNERS, ("party3", HEIR["full_name"], HEIR["iin"])],
        key,
    )
    pdf, pem = tmp_path / "settlement.pdf", tmp_path / "platform.pem"
    pdf.write_bytes(produce_settlement_pdf(signed, key, "kk+ru", URL))
    pem.write_bytes(key.public_key_pem())
    assert main(["verify", str(pdf), "--key", str(pem)]) == 0, capsys.readouterr()
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", " ")
    for words in ("3-тарап:", "Сторона 3:", "Өз атынан қатысатын тараптар:", HEIR["full_name"]):
        assert words in text, words
