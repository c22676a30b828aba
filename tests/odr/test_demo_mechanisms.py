"""``odr demo --mechanism packages|bidding|division`` as a person runs it: a real process serving
the real app, the simulated parties through its HTTP API and room, a signed settlement written to
a folder that ``odr verify`` accepts, and a record that says what the mechanism settled."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from odr.cases.mechanism import Mechanism
from odr.showcase import WALKS, bidding, division, packages
from tests.builders.processes import odr


@dataclass
class Demo:
    narration: str
    """What the demo printed on stderr, step by step."""
    envelope: dict[str, Any]
    """The signed settlement as written to the output folder (JSON)."""
    text: str
    """The signed PDF's text, as a reader (or a court) reads it."""


def run_demo(folder: Path, mechanism: str) -> Demo:
    """Run the demo; check it exited 0 and that ``odr verify`` accepts its PDF with its key."""
    out = folder / "out"
    result = odr("demo", "--mechanism", mechanism, "--out", str(out), data_dir=folder / "data")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    assert "Traceback" not in result.stderr and "VALID" in result.stderr
    (pdf,) = out.glob("*.pdf")
    verified = odr(
        "verify",
        str(pdf),
        "--key",
        str(out / "platform-public-key.pem"),
        data_dir=folder / "other",
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"{pdf}: VALID" in verified.stdout
    assert "signed by claimant" in verified.stdout and "signed by respondent" in verified.stdout
    (record,) = out.glob("*.json")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return Demo(result.stderr, json.loads(record.read_text(encoding="utf-8")), text)


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Demo]:
    """Each mechanism's demo, run once for the module's tests (a run takes seconds)."""
    done: dict[str, Demo] = {}

    def demo(mechanism: str) -> Demo:
        if mechanism not in done:
            done[mechanism] = run_demo(tmp_path_factory.mktemp(mechanism), mechanism)
        return done[mechanism]

    return demo


def test_every_mechanism_has_a_demo() -> None:
    assert set(WALKS) == set(Mechanism)


@pytest.mark.slow  # a demo process and odr verify: 10-30 s by the machine's load
def test_packages_demo_agrees_on_the_counter_offer(demos: Callable[[str], Demo]) -> None:
    demo = demos("packages")
    narration, record = demo.narration, demo.envelope["record"]
    [offered] = re.findall(r"offers the first \(nash\): refund: (\d+);", narration)
    [countered] = re.findall(r"counter-offered: refund: (\d+);", narration)
    assert int(countered) == int(offered) - 20000  # two steps of the range less
    # The agreed refund is paid by the seller to the buyer; the sofa's fate is an obligation.
    payment = next(o for o in record["obligations"] if o["kind"] == "payment")
    assert (payment["debtor"], payment["creditor"]) == ("respondent", "claimant")
    assert Decimal(payment["amount"]) == Decimal(countered)
    assert record["subject"]["description"] == packages.CASE["subject"]


@pytest.mark.slow  # a demo process and odr verify: 10-30 s by the machine's load
def test_bidding_demo_settles_in_round_two_and_the_settlement_pays_that_amount(
    demos: Callable[[str], Demo],
) -> None:
    demo = demos("bidding")
    narration, record = demo.narration, demo.envelope["record"]
    # The narration says round 1 did not settle and round 2 did, at one amount.
    assert "round 1: not yet" in narration
    [settled] = re.findall(r"settled at ([\d ]+\.\d\d) KZT", narration)
    amount = Decimal(settled.replace(" ", ""))
    # Between round 2's sealed bids, and the one payment of the settlement, in two instalments.
    assert bidding.OFFERS[1] <= amount <= bidding.DEMANDS[1]
    [payment] = record["obligations"]
    assert (payment["kind"], payment["debtor"], payment["creditor"]) == (
        "payment",
        "respondent",
        "claimant",
    )
    assert Decimal(payment["amount"]) == amount and payment["currency"] == "KZT"
    parts = payment["instalments"]
    assert len(parts) == 2 and sum(Decimal(p["amount"]) for p in parts) == amount
    assert parts[-1]["due_date"] == payment["due_date"] > parts[0]["due_date"]
    assert record["agreed_package"] == [
        {
            "issue": "amount",
            "label": "Сумма выплаты",
            "value": f"{amount:,}\u00a0KZT".replace(",", "\u00a0"),
        }
    ]
    # The public document holds the outcome, never a bid (the claim itself is public).
    document = json.dumps(demo.envelope) + demo.text
    for bid in [*bidding.DEMANDS[1:], *bidding.OFFERS]:
        for spelling in (str(bid), str(bid * 100), f"{bid}.00"):
            assert not re.search(rf"(?<![\w.]){re.escape(spelling)}(?![\w])", document), bid


@pytest.mark.slow  # a demo process and odr verify: 10-30 s by the machine's load
def test_division_demo_transfers_each_moved_item_and_balances_the_values(
    demos: Callable[[str], Demo],
) -> None:
    demo = demos("division")
    narration, record = demo.narration, demo.envelope["record"]
    # The agreed terms name the party receiving each item (the same text in every language).
    role_of = {p.get("full_name") or p["name"]: p["role"] for p in record["parties"]}
    agreed = {entry["label"]: role_of[entry["value"]] for entry in record["agreed_package"]}
    items = {item["name"]: item for item in division.ITEMS}
    assert set(agreed) == set(items)
    # The respondent's counter-offer moved the piano to him, and that was agreed.
    assert agreed["Пианино Yamaha"] == "respondent"
    assert "counter-offered, moving Пианино Yamaha" in narration
    # One transfer per item changing hands: from its holder to the party receiving it.
    transfers = [
        (o["description"], o["debtor"], o["creditor"])
        for o in record["obligations"]
        if o["kind"] == "transfer"
    ]
    expected = [
        (name, item["held_by"], agreed[name])
        for name, item in items.items()
        if item.get("held_by") != agreed[name]
    ]
    assert transfers == expected
    assert transfers == [
        ("Дача в Косшы", "respondent", "claimant"),
        ("Пианино Yamaha", "claimant", "respondent"),
    ]
    # The payment is half the difference of the shares' agreed values, from the richer share.
    shares = {
        role: sum(Decimal(items[name]["value"]) for name, to in agreed.items() if to == role)
        for role in ("claimant", "respondent")
    }
    [payment] = [o for o in record["obligations"] if o["kind"] == "payment"]
    assert (payment["debtor"], payment["creditor"]) == ("claimant", "respondent")
    assert Decimal(payment["amount"]) == (shares["claimant"] - shares["respondent"]) / 2
    assert payment["amount"] == "12600000.00"


@pytest.mark.slow
def test_division_document_says_who_receives_each_item_in_its_language(
    demos: Callable[[str], Demo],
) -> None:
    text = demos("division").text
    terms = text[text.index("Согласованные условия") : text.index("Обязательства сторон")]
    assert "Пианино Yamaha" in terms
    assert not re.search(r"\b(claimant|respondent)\b", terms), terms


@pytest.mark.slow
def test_bidding_document_writes_the_agreed_amount_as_a_reader_expects(
    demos: Callable[[str], Demo],
) -> None:
    text = demos("bidding").text
    terms = text[text.index("Согласованные условия") : text.index("Обязательства сторон")]
    # Digits grouped by thousands, as the obligations and the packages' terms write amounts.
    assert re.search(r"Сумма выплаты: \d{1,3}(\s\d{3})+[.,]\d\d\sKZT", terms), terms


@pytest.mark.parametrize("value", ["auction", "Bidding", ""])
def test_an_unknown_mechanism_is_one_clear_line_and_exit_2(tmp_path: Path, value: str) -> None:
    result = odr("demo", "--mechanism", value, "--out", str(tmp_path / "out"), data_dir=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "argument --mechanism: invalid choice" in result.stderr
    assert "packages" in result.stderr and "bidding" in result.stderr
    assert not (tmp_path / "out").exists()
