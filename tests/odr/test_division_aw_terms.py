"""Adjusted Winner, from the engine's shares to enforceable settlement terms (pure, no I/O).

The engine may share one item in a fraction; the proposals give it whole to the larger share,
who pays the other the other share of its agreed value, or sell it and divide the proceeds in
the exact ratio. An Adjusted Winner agreement is settled by that alone: no market equalisation
beside it (it would undo the balance in points), so never two payment lines.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from negotiation.adjusted_winner import adjusted_winner
from odr.documents.compose import compose
from odr.documents.envelope import SignedSettlement
from odr.documents.example import example_record_data
from odr.documents.record import SettlementRecord
from odr.negotiating.division import division_case, item_issues
from odr.negotiating.division_aw import (
    CRITERION,
    SALE_CRITERION,
    AgreedAdjustedWinner,
    Split,
    compensation_tiyn,
    explain,
    proposals,
    settle_message,
)
from odr.settlement.division_terms import division_obligations
from tests.builders.division import CLAIMANT_POINTS, ITEMS, RESPONDENT_POINTS
from tests.builders.language import foreign_words
from tests.builders.settlement import signed_by

POINTS = {"claimant": CLAIMANT_POINTS, "respondent": RESPONDENT_POINTS}
DUE = date(2026, 1, 31)
# The claimant gives the car 71 points, the respondent 44: the claimant holds the car and 71 of
# its points against the respondent's flat and piano, 56 of his. Handing 3/23 of the car over
# (3/23 · 115 = 15) makes both 1420/23 ≈ 61.7: the claimant keeps 20 parts of the car, 3 go.
WHOLE = {"car": "claimant", "flat": "respondent", "piano": "respondent"}


def aw_proposals(items: list[dict[str, Any]] = ITEMS) -> list[dict[str, Any]]:
    result = adjusted_winner(division_case(items, POINTS))
    return proposals(result, items, first_id=2)


def test_the_split_item_is_kept_by_the_larger_share_or_sold_in_the_exact_ratio() -> None:
    keep, sale = aw_proposals()
    split = {"item": "car", "keeper": "claimant", "other": "respondent"}
    ratio = {"keeper_parts": 20, "other_parts": 3}
    assert keep == {
        "id": "p2",
        "criterion": CRITERION,
        "choice": WHOLE,
        "split": {**split, **ratio, "settle": "compensation"},
    }
    assert sale == {
        "id": "p3",
        "criterion": SALE_CRITERION,
        "choice": WHOLE,
        "split": {**split, **ratio, "settle": "sale"},
    }
    assert Split.from_json(keep["split"]).percents() == (Decimal("86.96"), Decimal("13.04"))


def test_a_split_item_without_an_agreed_value_can_only_be_sold() -> None:
    items = [{**item, "value_tiyn": None} if item["id"] == "car" else item for item in ITEMS]
    [sale] = aw_proposals(items)
    assert sale["id"] == "p2" and sale["criterion"] == SALE_CRITERION
    assert sale["split"]["settle"] == "sale"


def test_no_split_item_gives_one_proposal_of_whole_items() -> None:
    # 60 + 40 against 40 + 60: each takes the item it values more, 60 each, nothing to split.
    items = [
        {"id": "car", "name": "Car", "value_tiyn": 100, "held_by": None},
        {"id": "flat", "name": "Flat", "value_tiyn": 900, "held_by": None},
    ]
    points = {"claimant": {"car": 60, "flat": 40}, "respondent": {"car": 40, "flat": 60}}
    result = adjusted_winner(division_case(items, points))
    assert proposals(result, items, first_id=2) == [
        {
            "id": "p2",
            "criterion": CRITERION,
            "choice": {"car": "claimant", "flat": "respondent"},
            "split": None,
        }
    ]
    assert settle_message(None, items) is None


def test_an_exact_half_goes_to_the_party_holding_the_item() -> None:
    items = [
        {"id": "car", "name": "Car", "value_tiyn": 1001, "held_by": "respondent"},
        {"id": "flat", "name": "Flat", "value_tiyn": 900, "held_by": None},
    ]
    # Both want only the car: it is shared half and half; the flat, worth nothing to either,
    # goes to the claimant (the engine's tie rule).
    points = {"claimant": {"car": 100, "flat": 0}, "respondent": {"car": 100, "flat": 0}}
    result = adjusted_winner(division_case(items, points))
    keep, _ = proposals(result, items, first_id=2)
    assert keep["choice"] == {"car": "respondent", "flat": "claimant"}
    split = Split.from_json(keep["split"])
    assert (split.keeper, split.keeper_parts, split.other_parts) == ("respondent", 1, 1)
    assert compensation_tiyn(split, 1001) == 500  # half a tiyn is rounded down


def test_each_party_reads_its_own_share_in_its_own_points() -> None:
    result = adjusted_winner(division_case(ITEMS, POINTS))
    for role in POINTS:
        assert explain(role, result) == [
            {"key": "division.aw_own_share", "params": {"points": 61.7, "total": 100}},
            {"key": "division.their_share", "params": {"points": 38.3}},
            {"key": "division.aw_equal", "params": {}},
        ]


def test_the_compensation_is_the_other_share_of_the_agreed_value_rounded_down() -> None:
    keep, sale = aw_proposals()
    message = settle_message(Split.from_json(keep["split"]), ITEMS)
    shares = {"item": "car", "keeper": "claimant", "other": "respondent"}
    percents = {"keeper_percent": "86.96", "other_percent": "13.04"}
    parts = {"keeper_parts": 20, "other_parts": 3}
    # 12 000 000 KZT · 3/23 = 1 565 217,3913… KZT
    assert message == {
        "key": "division.aw_compensation",
        "params": {**shares, **percents, **parts, "tiyn": 156_521_739},
    }
    assert settle_message(Split.from_json(sale["split"]), ITEMS) == {
        "key": "division.aw_sale",
        "params": {**shares, **percents, **parts},
    }


def obligations(agreed: AgreedAdjustedWinner | None, language: str = "ru") -> list[Any]:
    return division_obligations(
        item_issues(ITEMS),
        WHOLE,
        currency="kzt",
        due=DUE,
        language=language,
        adjusted_winner=agreed,
    )


def test_keep_and_pay_settles_by_one_compensation_payment_and_no_equalisation() -> None:
    keep, _ = aw_proposals()
    drafted = obligations(AgreedAdjustedWinner(Split.from_json(keep["split"])))
    brief = [(o["kind"], o["debtor"], o["creditor"], o["amount"]) for o in drafted]
    # The respondent hands the car over to the claimant, who keeps it and pays for 3/23 of it.
    assert brief == [
        ("transfer", "respondent", "claimant", None),
        ("transfer", "claimant", "respondent", None),  # the flat
        ("transfer", "claimant", "respondent", None),  # the piano (its holder is unknown)
        ("payment", "claimant", "respondent", "1565217.39"),
    ]
    payment = drafted[-1]
    assert payment["method"] == {"code": "bank_transfer"} and payment["currency"] == "KZT"
    assert payment["description"] == {
        "kk": "«Toyota Camry 2019» төлеушіде қалады: екінші тараптың ондағы үлесі (13,04 %) "
        "үшін өтемақы",
        "ru": "Компенсация за долю другой стороны (13,04 %) в «Toyota Camry 2019», которое "
        "остаётся у плательщика",
        "en": "Compensation for the other party's share (13.04 %) of «Toyota Camry 2019», "
        "which the payer keeps",
    }
    assert payment["due_date"] == DUE.isoformat()


def test_sell_and_divide_settles_by_the_sale_and_hands_over_nothing_else_of_it() -> None:
    _, sale = aw_proposals()
    drafted = obligations(AgreedAdjustedWinner(Split.from_json(sale["split"])))
    brief = [(o["kind"], o["debtor"], o["creditor"], o["amount"]) for o in drafted]
    # The car is not handed over: the respondent, who holds it, sells it and pays the claimant
    # the claimant's 20 parts of the proceeds. No payment line at all.
    assert brief == [
        ("transfer", "claimant", "respondent", None),
        ("transfer", "claimant", "respondent", None),
        ("action", "respondent", "claimant", None),
    ]
    sale_line = drafted[-1]
    assert sale_line["method"] == {"code": "as_described"}
    assert sale_line["description"] == {
        "kk": "«Toyota Camry 2019» сатып, түскен қаражатты 20 : 3 арақатынасында бөлу: "
        "екінші тарапқа 86,96 %, сатушы тарапқа 13,04 %",
        "ru": "Продать «Toyota Camry 2019» и разделить вырученные средства в соотношении 20 : 3: "
        "другой стороне 86,96 %, продающей стороне 13,04 %",
        "en": "Sell «Toyota Camry 2019» and divide the proceeds in the ratio 20 : 3: 86.96 % to "
        "the other party, 13.04 % to the selling party",
    }


def test_without_a_split_an_adjusted_winner_agreement_has_no_payment() -> None:
    drafted = obligations(AgreedAdjustedWinner(None))
    assert [o["kind"] for o in drafted] == ["transfer", "transfer", "transfer"]


def test_any_other_agreement_keeps_the_equalisation() -> None:
    drafted = obligations(None)
    assert [o["kind"] for o in drafted] == ["transfer", "transfer", "transfer", "payment"]
    assert drafted[-1]["description"]["en"] == "Payment equalising the shares"


@pytest.mark.parametrize("settle", ["compensation", "sale"])
def test_one_payment_line_per_direction_at_most(settle: str) -> None:
    keep, sale = aw_proposals()
    chosen = keep if settle == "compensation" else sale
    drafted = obligations(AgreedAdjustedWinner(Split.from_json(chosen["split"])))
    directions = [(o["debtor"], o["creditor"]) for o in drafted if o["kind"] == "payment"]
    assert len(directions) == len(set(directions)) <= 1


def signed_with(obligations: list[dict[str, Any]]) -> SignedSettlement:
    """The example settlement (kk+ru) with these drafted obligations, signed by both parties."""
    numbered = [
        {
            **o,
            "number": n,
            "due_date": date.fromisoformat(o["due_date"]),
            "amount": None if o["amount"] is None else f"{Decimal(o['amount']):.2f}",
            "description": o["description"]
            if isinstance(o["description"], dict)
            else {"kk": f"{o['description']} беру", "ru": f"Передача: {o['description']}"},
        }
        for n, o in enumerate(obligations, 1)
    ]
    record = SettlementRecord.model_validate(example_record_data(obligations=numbered))
    return signed_by(record, SIGNERS)


SIGNERS: list[tuple[str, str, str]] = [
    ("claimant", "Әлия Серікқызы Нұрланова", "900712400451"),
    ("respondent", "Ерлан Болатұлы Сейітов", "150540001233"),
]


@pytest.mark.parametrize("settle", ["compensation", "sale"])
def test_the_compensation_and_the_sale_read_in_each_language_without_another(settle: str) -> None:
    keep, sale = aw_proposals()
    chosen = keep if settle == "compensation" else sale
    drafted = obligations(AgreedAdjustedWinner(Split.from_json(chosen["split"])))
    signed = signed_with(drafted)
    labels = [str(item["name"]) for item in ITEMS]
    for language in ("kk", "ru"):
        composed = compose(signed, language, "https://kelisim.kz/verify")
        lines = [line for s in composed.sections for c in s.clauses for line in c.lines]
        [line] = [x for x in lines if "Toyota" in x and ("%" in x)]
        assert foreign_words(line, language, labels) == [], line
    english = compose(signed, "en", "https://kelisim.kz/verify")
    text = " ".join(line for s in english.sections for c in s.clauses for line in c.lines)
    assert ("Compensation for" if settle == "compensation" else "Sell «Toyota") in text


THREE = ["claimant", "respondent", "party3"]


def test_among_three_parties_only_a_named_holder_hands_over_and_nothing_is_equalised() -> None:
    """#17: who hands an item over is its holder; nobody is guessed among three, and the
    shares are not evened by a payment the draft would have to invent (the parties add it)."""
    items = [
        {"id": "car", "name": "Car", "value_tiyn": 100_000, "held_by": "respondent"},
        {"id": "flat", "name": "Flat", "value_tiyn": 900_000, "held_by": None},
        {"id": "dacha", "name": "Dacha", "value_tiyn": 300_000, "held_by": "party3"},
    ]
    issues = item_issues(items, THREE)
    due = date(2027, 3, 1)
    package = {"car": "party3", "flat": "claimant", "dacha": "respondent"}
    drafted = division_obligations(issues, package, currency="KZT", due=due, language="ru")
    assert [(o["kind"], o["debtor"], o["creditor"], o["description"]) for o in drafted] == [
        ("transfer", "respondent", "party3", "Car"),
        ("transfer", "party3", "respondent", "Dacha"),
    ]
    # The third party received nothing: still no equalisation between the other two.
    two_only = {"car": "claimant", "flat": "respondent", "dacha": "respondent"}
    drafted = division_obligations(
        issues, two_only, currency="KZT", due=due, language="ru", parties=THREE
    )
    assert [o["kind"] for o in drafted] == ["transfer", "transfer"]
    assert [
        o["kind"]
        for o in division_obligations(issues, two_only, currency="KZT", due=due, language="ru")
    ][-1] == "payment"  # between two parties the equalisation stays
