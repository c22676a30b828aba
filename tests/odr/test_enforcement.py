"""The writ application (#18): a creditor of an obligation in default applies in one step; the
PDF/A is sealed like a settlement and verifies; the court named sees it through its API (another
court: 404), fetches its sums and history, acknowledges it once; nothing private from the
negotiation is in the document, its data or the court's answers.

The settlement is ``tests/builders/enforcement.py``'s: 300,000.00 KZT in three instalments due
on days 10, 40 and 70, 10 days' grace, 0.1 % a day. Instalment 1 is paid on day 12 (2 days
late) and confirmed; on day 51 instalment 2 is 11 days late (in default): due then 100,000.00
overdue, 100,000.00 of instalment 3 accelerated, a penalty of 10,000,000 × 0.1 % × 11 = 110,000
tiyn on instalment 2 and 10,000,000 × 0.1 % × 2 = 20,000 on instalment 1 (paid, but late):
130,000 tiyn, 20,130,000 tiyn in all.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cli import main
from odr.documents.writ_contents import WRIT_JSON_NAME
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.models import AuditEntry, CaseEvent
from odr.privacy.purge import purge
from odr.settings import Settings
from odr.settlement.keys import platform_key, platform_seal
from tests.builders.app import services_of
from tests.builders.enforcement import (
    SESSIONS_LAST,
    Followed,
    followed_settlement,
    notices,
    paid_late,
)
from tests.builders.privacy import CLAIMANT_SECRETS, RESPONDENT_SECRETS
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import login

PRIVATE = [*CLAIMANT_SECRETS, *RESPONDENT_SECRETS, "walk_away", "importance", "acceptable"]
SUMS = {
    "obligation": 1,
    "debtor": "respondent",
    "creditor": "claimant",
    "currency": "KZT",
    "overdue_tiyn": 10_000_000,
    "accelerated_tiyn": 10_000_000,
    "penalty_tiyn": 130_000,
    "total_tiyn": 20_130_000,
}


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """Sessions that outlive the months the clock moves through."""
    return {**env, **SESSIONS_LAST}


def court(make_client: MakeClient, token: str) -> Client:
    client = make_client()
    client.headers["authorization"] = f"Bearer {token}"
    return client


async def apply(client: Client, case: Followed, **body: Any) -> Any:
    return await client.post(
        f"/api/cases/{case.case_id}/settlement/writ-application", json={"language": "ru", **body}
    )


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\xa0", " ").split())


def embedded(pdf: bytes) -> dict[str, Any]:
    (data,) = PdfReader(io.BytesIO(pdf)).attachments[WRIT_JSON_NAME]
    return dict(json.loads(data))


async def writ_events(app: Starlette, case_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The case log's writ events: (type, role of the actor, data), in order."""
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type.like("writ_application_%"))
            .order_by(CaseEvent.seq)
        )
        return [(e.type, e.actor_role, dict(e.data)) for e in rows]


def assert_nothing_private(text: str) -> None:
    for marker in PRIVATE:
        assert marker not in text, marker


async def test_a_writ_is_asked_for_only_by_a_creditor_of_an_obligation_in_default(
    app: Starlette, make_client: MakeClient, clock: FakeClock, court_token: dict[str, str]
) -> None:
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    case.at(30)  # instalment 2 is not due yet
    assert_error(await apply(case.claimant, case), 409, "not_in_default")
    case.at(50)  # 10 days late: overdue, still within the grace
    assert_error(await apply(case.claimant, case), 409, "not_in_default")
    case.at(51)
    assert_error(await apply(case.respondent, case), 409, "not_in_default")  # the debtor
    assert_error(await apply(case.claimant, case, obligations=[2]), 409, "not_in_default")
    assert_error(await apply(case.claimant, case, language="en"), 422, "validation_failed")
    unknown = await apply(case.claimant, case, court_code="NOWHERE-9")
    assert_error(unknown, 422, "unknown_court")
    assert_error(await apply(case.mediator, case), 404, "case_not_found")
    # Nothing was stored by any of these.
    listed = await case.claimant.get(f"/api/cases/{case.case_id}/settlement/writ-applications")
    assert listed.json() == {"applications": []}


async def test_the_writ_application_is_sealed_verified_and_reaches_its_court_only(
    app: Starlette, make_client: MakeClient, clock: FakeClock, court_token: dict[str, str]
) -> None:
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    case.at(51)
    made = await apply(case.claimant, case)
    assert made.status_code == 201, made.text
    application = made.json()
    assert application["court"]["code"] == "ASTANA-1" and application["obligations"] == [1]
    assert application["sums"] == {
        "as_of": (case.signed_on.fromordinal(case.signed_on.toordinal() + 51)).isoformat(),
        "obligations": [SUMS],
        "total_tiyn": {"KZT": 20_130_000},
    }
    again = await apply(case.claimant, case)  # a double click: the same application
    assert again.status_code == 201 and again.json()["id"] == application["id"]
    made_event = {
        "id": application["id"],
        "obligations": [1],
        "total_tiyn": 20_130_000,
        "currency": "KZT",
        "court": {"code": "ASTANA-1", "name": "Суд №1 г. Астаны"},
    }
    assert await writ_events(app, case.case_id) == [
        ("writ_application_made", "claimant", made_event)
    ]

    pdf = (await case.claimant.get(application["links"]["pdf"])).content
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == application["pdf_sha256"]
    other_party = await case.respondent.get(application["links"]["pdf"])
    assert_error(other_party, 404, "writ_application_not_found")

    # Verified like a settlement: the platform's seal over a writ application naming the code.
    settlement = (await case.claimant.get(f"/api/cases/{case.case_id}/settlement")).json()
    anyone = make_client()
    verdict = (
        await anyone.post("/api/verify", content=pdf, headers={"content-type": "application/pdf"})
    ).json()
    assert verdict["valid"] is True, verdict["reasons"]
    assert verdict["document"] == "writ_application"
    assert verdict["verification_code"] == settlement["verification_code"]
    assert [s["method"] for s in verdict["signatures"]] == ["seal"]
    tampered = bytearray(pdf)
    tampered[len(pdf) // 3] ^= 0x01
    broken = await anyone.post(
        "/api/verify", content=bytes(tampered), headers={"content-type": "application/pdf"}
    )
    assert broken.json()["valid"] is False

    # What the document says: the court, the parties, the code, the history, the sums, the law.
    text = pdf_text(pdf)
    for words in (
        "Заявление о выдаче исполнительного листа",
        "Суд №1 г. Астаны",
        "Айгерім Серікқызы Нұрланова",
        "061211600012",
        "ТОО «Мебель Плюс»",
        "940140000385",
        settlement["verification_code"],
        "подтвердил получение",
        "201 300,00 тенге",
        "1 300,00 тенге",
        "статья 27 Закона Республики Казахстан",
    ):
        assert words in text, words
    data = embedded(pdf)
    assert data["id"] == application["id"] and data["sums"] == application["sums"]
    history = {d["key"]: [s["kind"] for s in d["steps"]] for d in data["schedule"]}
    assert history == {"1.1": ["paid", "received"], "1.2": [], "1.3": []}
    assert [d["state"] for d in data["schedule"]] == ["confirmed", "in_default", "pending"]
    assert_nothing_private(text)
    assert_nothing_private(json.dumps(data, ensure_ascii=False))

    # The court named sees it; the other court's client finds nothing.
    astana = court(make_client, court_token["ASTANA-1"])
    almaty = court(make_client, court_token["ALMATY-2"])
    base = "/api/court/v1/writ-applications"
    assert (await almaty.get(base)).json() == {"writ_applications": [], "next_cursor": None}
    for suffix in ("", "/pdf"):
        found = await almaty.get(f"{base}/{application['id']}{suffix}")
        assert_error(found, 404, "writ_application_not_found")
    number = {"court_case_number": "2-1234/27"}
    refused = await almaty.put(f"{base}/{application['id']}/acknowledgement", json=number)
    assert_error(refused, 404, "writ_application_not_found")
    listed = (await astana.get(base)).json()
    (item,) = listed["writ_applications"]
    assert item["id"] == application["id"] and item["court_case_number"] is None
    assert item["verification_code"] == settlement["verification_code"]
    fetched = await astana.get(item["links"]["json"])
    assert fetched.status_code == 200
    body = fetched.json()
    assert body["sums"] == application["sums"] and body["application"] == data
    assert body["schedule"] == data["schedule"]
    assert_nothing_private(fetched.text)
    assert (await astana.get(item["links"]["pdf"])).content == pdf

    # Acknowledged once: the same number again is the same answer, another one a conflict.
    url = f"{base}/{application['id']}/acknowledgement"
    first = await astana.put(url, json=number)
    assert first.status_code == 200, first.text
    case.at(52)
    repeat = await astana.put(url, json=number)
    assert repeat.json() == first.json()
    assert_error(await astana.put(url, json={"court_case_number": "2-9999/27"}), 409)
    acknowledged = {"id": application["id"], "court_case_number": "2-1234/27"}
    assert await writ_events(app, case.case_id) == [
        ("writ_application_made", "claimant", made_event),
        ("writ_application_acknowledged", "system", acknowledged),
    ]
    assert_nothing_private(json.dumps(await writ_events(app, case.case_id), ensure_ascii=False))
    told = await notices(app, "writ_acknowledged")
    assert [(n.recipient, n.params["number"]) for n in told] == [
        ("aigerim@example.kz", "2-1234/27")
    ]
    assert told[0].params["court"] == "Суд №1 г. Астаны"
    mine = await case.claimant.get(f"/api/cases/{case.case_id}/settlement/writ-applications")
    (seen,) = mine.json()["applications"]
    assert seen["court_case_number"] == "2-1234/27"
    async with services_of(app).sessions() as db:
        actions = set(await db.scalars(select(AuditEntry.action)))
    assert {"court.fetch_writ", "court.writ_refused", "court.acknowledge_writ"} <= actions


async def test_a_settlement_naming_no_court_is_enforced_where_the_creditor_says_in_kazakh(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    court_token: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = await paid_late(app, make_client, clock)
    case.at(51)
    assert_error(await apply(case.claimant, case), 409, "no_court")
    body = {"language": "kk", "court_code": "ALMATY-2", "obligations": [1]}
    made, twin = await asyncio.gather(
        apply(case.claimant, case, **body), apply(case.claimant, case, **body)
    )
    assert made.status_code == twin.status_code == 201, made.text
    assert made.json()["id"] == twin.json()["id"], "two at once make one application"
    logged = [(kind, data["id"]) for kind, _, data in await writ_events(app, case.case_id)]
    assert logged == [("writ_application_made", made.json()["id"])], "and log it once"
    pdf = (await case.claimant.get(made.json()["links"]["pdf"])).content
    text = pdf_text(pdf)
    assert "Атқару парағын беру туралы өтініш" in text and "201 300,00 теңге" in text
    # Offline too: odr verify with the platform's public key and its CA.
    settings = services_of(app).settings
    files = {"writ.pdf": pdf, "platform.pem": platform_key(settings).public_key_pem()}
    files["ca.pem"] = platform_seal(settings).root_pem()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    key, ca = str(tmp_path / "platform.pem"), str(tmp_path / "ca.pem")
    assert main(["verify", str(tmp_path / "writ.pdf"), "--key", key, "--trust", ca]) == 0
    printed = capsys.readouterr().out
    assert "VALID" in printed and "a writ application" in printed
    assert_nothing_private(text)
    almaty = court(make_client, court_token["ALMATY-2"])
    (item,) = (await almaty.get("/api/court/v1/writ-applications")).json()["writ_applications"]
    assert item["id"] == made.json()["id"]


async def test_analytics_count_dues_on_time_days_late_and_settlements_needing_a_writ(
    app: Starlette, make_client: MakeClient, clock: FakeClock, court_token: dict[str, str]
) -> None:
    """Instalment 1 paid on day 8 (on time), 2 paid on day 43 (3 days late), 3 unpaid: on day
    81 it is 11 days late and the creditor applies for a writ. Three dues past their date, one on
    time; days late 3 and 11: mean and median 7; one settlement of one with a writ."""
    case = await followed_settlement(app, make_client, clock, court_code="ASTANA-1")
    for day, key in ((8, "1.1"), (43, "1.2")):
        case.at(day)
        await case.step(key, "paid")
        case.at(day + 1)
        await case.step(key, "received")
    admin = await login(make_client(), "admin@centre.kz")
    case.at(80)
    before = (await admin.get("/api/centre/analytics")).json()["performance"]
    assert before["overall"] | {"key": "all"} == {
        "key": "all",
        "settlements": 1,
        "dues_past_date": 3,
        "on_time": 1,
        "on_time_rate": 0.3333,
        "mean_days_late": 6.5,  # 3 and 10 so far
        "median_days_late": 6.5,
        "with_writ_application": 0,
        "writ_application_share": 0.0,
    }
    case.at(81)
    assert (await apply(case.claimant, case)).status_code == 201
    report = (await admin.get("/api/centre/analytics")).json()["performance"]
    overall = report["overall"]
    assert (overall["mean_days_late"], overall["median_days_late"]) == (7.0, 7.0)
    assert (overall["with_writ_application"], overall["writ_application_share"]) == (1, 1.0)
    (by_mechanism,) = report["by_mechanism"]
    (by_category,) = report["by_category"]
    assert by_mechanism["key"] == "packages"
    assert by_mechanism | {"key": "all"} == overall == by_category | {"key": "all"}
    csv = (await admin.get("/api/centre/analytics.csv")).text.splitlines()
    rows = {line.split(",")[1]: line.split(",")[-1] for line in csv if line.startswith("perf")}
    assert rows["all.on_time_rate"] == "0.3333" and rows["all.mean_days_late"] == "7.0"
    assert rows["mechanism.packages.writ_application_share"] == "1.0"
    assert rows[f"category.{by_category['key']}.dues_past_date"] == "3"


async def test_past_its_retention_a_writ_application_keeps_its_hash_and_sums_only(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    court_token: dict[str, str],
    settings: Settings,
) -> None:
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    case.at(51)
    application = (await apply(case.claimant, case)).json()
    case.at(51 + 6 * 366)  # past the settled cases' retention (five years and a day)
    await purge(services_of(app).sessions, settings, clock())
    astana = court(make_client, court_token["ASTANA-1"])
    base = f"/api/court/v1/writ-applications/{application['id']}"
    kept = (await astana.get(base)).json()
    assert kept["application"] == {} and kept["schedule"] == []
    assert kept["sums"] == application["sums"] and kept["pdf_sha256"] == application["pdf_sha256"]
    assert kept["verification_code"]
    assert_error(await astana.get(f"{base}/pdf"), 404, "writ_application_not_found")
    async with services_of(app).sessions() as db:
        row = await db.get_one(WritApplication, application["id"])
        assert (row.pdf, row.content) == (b"", {})
