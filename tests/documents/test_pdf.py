"""The rendered PDF: PDF/A-3 identification, associated files, every checklist item in the text,
Kazakh letters that extract as text, and the Akoma Ntoso attachment."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pikepdf
import pytest
from pypdf import PdfReader

from odr.documents import SignedSettlement
from odr.documents.akoma import AKN, KELISIM
from odr.documents.compose import compose
from odr.documents.render import render_html

from .conftest import VERIFY_URL

NBSP = "\u00a0"


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """One line of text: hyphenated line ends (U+2010) joined, no-break spaces as spaces."""
    return " ".join(text.replace("\u2010\n", "").replace(NBSP, " ").split())


@pytest.fixture(scope="module")
def kk_text(pdf_kk: bytes) -> str:
    return flat(text_of(pdf_kk))


@pytest.fixture(scope="module")
def bilingual_text(pdf_bilingual: bytes) -> str:
    return flat(text_of(pdf_bilingual))


def test_pdf_a3_identification_and_associated_files(pdf_kk: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_kk)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        assert pdf.Root.OutputIntents[0].DestOutputProfile.N == 3
        specs = {str(spec.UF): spec for spec in pdf.Root.AF}
        assert set(specs) == {"settlement.json", "settlement.akn.xml"}
        assert specs["settlement.json"].AFRelationship == "/Source"
        assert specs["settlement.akn.xml"].AFRelationship == "/Alternative"
        assert specs["settlement.json"].EF.F.Subtype == "/application/json"
        for font in _fonts(pdf):
            assert "/FontFile2" in font or "/FontFile3" in font, "every font is embedded"


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found: list[pikepdf.Object] = []
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            for descendant in font.get("/DescendantFonts", [font]):
                found.append(descendant.FontDescriptor)
    return found


KAZAKH = "әғқңөұүһі"


def test_kazakh_letters_extract_as_text(kk_text: str) -> None:
    assert [c for c in KAZAKH if c not in kk_text] == []
    assert "Талапкер: Әлия Серікқызы Нұрланова" in kk_text


def test_every_checklist_item_is_in_the_kazakh_text(kk_text: str, signed: SignedSettlement) -> None:
    r = signed.record
    expected = [
        "Сот талқылауы кезінде дауды медиация тәртібімен реттеу туралы келісім",  # 1 title
        "Жасалған орны: Алматы. Күні: 2025 жылғы 14 наурыз",  # 2 place, date
        "Іс нөмірі: 7599-25-00-2/1234",  # 2 court case number
        "ЖСН 900712400451",  # 3 person with IIN and address
        "Абай даңғылы, 150",
        "«Қазақ Құрылыс Сервис» ЖШС, БСН 150540001233",  # 3 organisation, BIN
        "Жарғы негізінде директор Ерлан Болатұлы Сейітов",  # 3 signatory and authority
        "№ 2025-0311 сенімхат",  # 3 representative with power of attorney
        "кәсіби медиатор",  # 4 mediator, certificate, contract
        "№ MED-0457 куәлік",
        "медиация туралы шарт 2025 жылғы 25 ақпан жасалды",
        r.procedure.event_log_sha256[:20],  # 4 platform attestation with log hash
        "47 оқиға",
        "Талап сомасы: 2 400 000,00 теңге",  # 5 subject, amount, legal basis
        "Азаматтық кодексінің 616",
        "Борышкер: Жауапкер",  # 6 numbered obligations
        "Орындау мерзімі: 2025 жылғы 13 маусым қоса алғанда",
        "KZ86125KZT5004100100",
        "1-міндеттеме бойынша төлем кестесі",  # 7 schedule with total
        "2025 жылғы 14 сәуір 600 000,00 теңге",
        "Барлығы 1 800 000,00 теңге",
        "10 күнтізбелік күннен астам",  # 8 acceleration, penalty, writ
        "0,1% мөлшерінде тұрақсыздық айыбын",
        "атқару парағын береді",
        "Әр тарап өз сот шығындарын өзі көтереді",  # 9 costs and state fee
        "Мемлекеттік баж: төленген мемлекеттік баж заңда белгіленген тәртіппен қайтарылады",
        "талаптарынан бас тартады",  # 10 waiver and what approval means
        "іс жүргізуді тоқтатуға әкелетінін",
        "ерікті түрде",  # 11 statements
        "әрекет қабілеттілігі",
        "құқықтық салдарын түсінеді",
        "үшінші тұлғалардың құқықтары",
        "құпиялылығын сақтауға",  # 12 confidentiality
        "қазақ және орыс тілдерінде",  # 13 languages, prevailing text, copies
        "қазақ тіліндегі мәтін басым",
        "Даналар саны: 3",
        "Қосымшалар",  # 15 annexes
        "Рөлі: Талапкер",  # 14 signature blocks
        "Аты-жөні: Ғалым Өтегенұлы Құдайбергенов",
        "ЖСН/БСН: 781105350675",
        "Қол қойылған уақыты: 2025-03-14 08:05:00 UTC",
        "құпиясөзбен қайта аутентификациялау",
        "Медиатордың қолы",
        f"кілт идентификаторы: {signed.platform_signature.key_id}",
        f"Тексеру коды: {signed.verification_code}",
        f"Құжатты тексеру: {VERIFY_URL}",
    ]
    missing = [phrase for phrase in expected if phrase not in kk_text]
    assert missing == []


def test_bilingual_document_has_both_texts_and_the_prevailing_clause(bilingual_text: str) -> None:
    for phrase in (
        "Сот талқылауы кезінде",
        "Соглашение об урегулировании спора в порядке медиации в ходе судебного разбирательства",
        "Истец: Әлия Серікқызы Нұрланова, ИИН 900712400451",
        "преимущественную силу имеет текст на казахском языке",
        "қазақ тіліндегі мәтін басым күшке ие болады",
        "Сумма требований: 2 400 000,00 тенге",
        "Итого 1 800 000,00 тенге",
    ):
        assert phrase in bilingual_text, phrase


def test_english_and_out_of_court_wording(signed: SignedSettlement) -> None:
    from odr.documents.example import example_record

    record = example_record(
        kind="mediation_agreement_out_of_court",
        court=None,
        languages=["en", "ru"],
        prevailing_language="en",
        singapore_convention_opt_in=True,
        confidentiality=False,
    )
    other = signed.model_copy(update={"record": record})
    text = " ".join(
        " ".join([s.heading, *s.paragraphs, *s.items])
        for s in compose(other, "en", VERIFY_URL).sections
    )
    assert "Singapore, 2018" in text
    assert "no additional confidentiality" in text
    assert "apply to a court for its compulsory enforcement" in text
    assert "KZT\u00a01,800,000.00" in "".join(
        line
        for s in compose(other, "en", VERIFY_URL).sections
        for c in s.clauses
        for line in c.lines
    )


def test_html_escapes_party_text(signed: SignedSettlement) -> None:
    from odr.documents.example import example_record, example_record_data

    data = example_record_data()
    data["parties"][0]["address"] = "<script>alert(1)</script>"
    other = signed.model_copy(update={"record": example_record(parties=data["parties"])})
    html = render_html(other, "ru", VERIFY_URL)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_language_must_be_one_the_agreement_is_made_in(signed: SignedSettlement) -> None:
    with pytest.raises(ValueError, match="not in en"):
        render_html(signed, "en", VERIFY_URL)
    with pytest.raises(ValueError, match="not one of"):
        render_html(signed, "de", VERIFY_URL)


def test_akoma_ntoso_attachment(pdf_kk: bytes, signed: SignedSettlement) -> None:
    with pikepdf.open(io.BytesIO(pdf_kk)) as pdf:
        xml = pdf.attachments["settlement.akn.xml"].get_file().read_bytes()
        embedded_json = pdf.attachments["settlement.json"].get_file().read_bytes()
    assert SignedSettlement.model_validate_json(embedded_json) == signed
    root = ET.fromstring(xml)
    ns = {"a": AKN, "k": KELISIM}
    assert root.tag == f"{{{AKN}}}akomaNtoso"
    doc = root.find("a:doc", ns)
    assert doc is not None and doc.get("name") == "settlementAgreement"
    ident = doc.find("a:meta/a:identification", ns)
    assert ident is not None
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        for part in ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor"):
            assert ident.find(f"a:{level}/a:{part}", ns) is not None, (level, part)
    languages = [e.get("language") for e in ident.findall("a:FRBRExpression/a:FRBRlanguage", ns)]
    assert languages == ["kaz", "rus"]
    refs = doc.find("a:meta/a:references", ns)
    assert refs is not None
    ids = {e.get("eId") for e in refs}
    assert {"claimant", "respondent", "claimantRepresentative", "mediator", "kelisim"} <= ids
    assert {"claimantRole", "respondentRole", "mediatorRole"} <= ids
    clauses = doc.findall("a:mainBody/a:clause", ns)
    assert [c.get("eId") for c in clauses] == ["clause_1", "clause_2"]
    assert clauses[0].find("a:content/a:table", ns) is not None
    assert len(doc.findall("a:conclusions/a:blockContainer/a:signature", ns)) == 3
    found = doc.find("a:meta/a:proprietary/k:recordSha256", ns)
    assert found is not None and found.text == signed.record_sha256
