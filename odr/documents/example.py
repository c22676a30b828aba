"""A complete example settlement: the fixture of the tests, the benchmark and the docs.

Every optional part is filled in (court, organisation with signatory, representative, mediator,
instalments, penalty), so a test that looks for each checklist item in the rendered text sees
all of them. Identifiers are made-up numbers that pass their check digits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from odr.documents.record import SettlementRecord


def example_record_data(**changes: Any) -> dict[str, Any]:
    """The example as plain data in Python types (dates as ``date``); ``changes`` replace keys."""
    data: dict[str, Any] = {
        "schema": "https://kelisim.kz/schemas/settlement/1",
        "kind": "mediation_agreement_in_court",
        "place": "Алматы",
        "date": date(2025, 3, 14),
        "court": {
            "court_id": "ALM-SMAS-02",
            "name": "Специализированный межрайонный экономический суд г. Алматы",
            "case_number": "7599-25-00-2/1234",
        },
        "case": {
            "reference": "KEL-2025-000123",
            "category": "commercial",
            "opened_at": datetime(2025, 2, 20, 9, 30, tzinfo=UTC),
            "language": "kk",
        },
        "languages": ["kk", "ru"],
        "prevailing_language": "kk",
        "copies": 3,
        "parties": [
            {
                "role": "claimant",
                "kind": "person",
                "full_name": "Әлия Серікқызы Нұрланова",
                "iin": "900712400451",
                "address": "Алматы қ., Әуезов ауданы, Абай даңғылы, 150, 12 пәтер",
                "email": "aliya@example.kz",
                "representative": {
                    "full_name": "Ғалым Өтегенұлы Құдайбергенов",
                    "iin": "781105350675",
                    "power_of_attorney": {
                        "number": "2025-0311",
                        "date": date(2025, 2, 18),
                        "issued_by": "Алматы қаласының нотариусы Гауһар Іскакова",
                        "settlement_authority": True,
                    },
                },
            },
            {
                "role": "respondent",
                "kind": "organisation",
                "legal_form": "ЖШС",
                "name": "Қазақ Құрылыс Сервис",
                "bin": "150540001233",
                "address": "Алматы қ., Достық даңғылы, 89",
                "signatory": {
                    "full_name": "Ерлан Болатұлы Сейітов",
                    "position": "директор",
                    "authority": "Жарғы",
                    "iin": "780412300457",
                },
                "email": "office@kqs.example.kz",
                "representative": None,
            },
        ],
        "mediator": {
            "full_name": "Динара Маратқызы Жұмабаева",
            "kind": "professional",
            "organisation": "Алматы медиаторлар палатасы",
            "certificate_number": "MED-0457",
            "certificate_date": date(2021, 6, 1),
            "mediation_contract_date": date(2025, 2, 25),
        },
        "procedure": {
            "platform": "Kelisim",
            "case_reference": "KEL-2025-000123",
            "started_at": datetime(2025, 2, 25, 10, 0, tzinfo=UTC),
            "agreed_at": datetime(2025, 3, 13, 15, 42, tzinfo=UTC),
            "event_log_sha256": "3f" * 32,
            "event_count": 47,
            "live_mediator": True,
        },
        "subject": {
            "description": {
                "kk": "Мердігерлік шарт бойынша орындалған жұмыстар үшін берешекті өндіру",
                "ru": "Взыскание долга за работы, выполненные по договору подряда",
                "en": "Recovery of the debt for work performed under a construction contract",
            },
            "claim_amount": "2400000.00",
            "currency": "KZT",
            "legal_basis": {
                "kk": "ҚР Азаматтық кодексінің 616, 272-баптары",
                "ru": "статьи 616, 272 Гражданского кодекса РК",
                "en": "Articles 616 and 272 of the Civil Code of Kazakhstan",
            },
        },
        "agreed_package": [
            {"issue": "amount", "label": "Төленетін сома", "value": "1 800 000 теңге"},
            {"issue": "schedule", "label": "Төлем мерзімі", "value": "3 ай"},
        ],
        "obligations": [
            {
                "number": 1,
                "debtor": "respondent",
                "creditor": "claimant",
                "kind": "payment",
                "description": {
                    "kk": "Берешекті талапкердің банк шотына аудару арқылы өтеу",
                    "ru": "Погашение долга переводом на банковский счёт истца",
                    "en": "Repayment of the debt by transfer to the claimant's bank account",
                },
                "amount": "1800000.00",
                "currency": "KZT",
                "method": {"code": "bank_transfer"},
                "account": "KZ86125KZT5004100100, АҚ «Халық Банкі», БСК HSBKKZKX",
                "due_date": date(2025, 6, 13),
                "instalments": [
                    {"number": 1, "due_date": date(2025, 4, 14), "amount": "600000.00"},
                    {"number": 2, "due_date": date(2025, 5, 13), "amount": "600000.00"},
                    {"number": 3, "due_date": date(2025, 6, 13), "amount": "600000.00"},
                ],
            },
            {
                "number": 2,
                "debtor": "claimant",
                "creditor": "respondent",
                "kind": "action",
                "description": {
                    "kk": "Орындалған жұмыстардың актісіне қол қою және оны жауапкерге беру",
                    "ru": "Подписание акта выполненных работ и передача его ответчику",
                    "en": "Signing the certificate of work done and giving it to the respondent",
                },
                "amount": None,
                "currency": "KZT",
                "method": {
                    "kk": "қолма-қол, жауапкердің кеңсесінде",
                    "ru": "лично, в офисе ответчика",
                    "en": "in person, at the respondent's office",
                },
                "account": None,
                "due_date": date(2025, 3, 31),
                "instalments": [],
            },
        ],
        "default_terms": {
            "acceleration_after_days": 10,
            "penalty_percent_per_day": "0.1",
            "enforcement_writ": True,
        },
        "costs": {
            "allocation": "each_own",
            "state_fee_note": {"code": "refund_by_law"},
        },
        "waiver_of_remaining_claims": True,
        "statements": {
            "free_will": True,
            "capacity": True,
            "understanding": True,
            "no_third_party_effect": True,
        },
        "confidentiality": True,
        "singapore_convention_opt_in": False,
    }
    data.update(changes)
    return data


def example_record(**changes: Any) -> SettlementRecord:
    return SettlementRecord.model_validate(example_record_data(**changes))
