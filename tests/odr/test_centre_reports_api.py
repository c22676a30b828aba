"""The centre's reports over HTTP, from cases built through the real API while the clock moves:
the JSON, the CSV and the XLSX match what the test did (ages, outcomes and their days, ratings),
the period filters them, and only the centre's administrators read them."""

from __future__ import annotations

import csv
import io
import statistics
from datetime import date, datetime, timedelta
from typing import Any

import openpyxl
from starlette.applications import Starlette

from odr.centre.reports import ASTANA
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from tests.builders.app import services_of
from tests.builders.settlement import PACKAGE, user_of
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

SCORES = ("service", "procedure", "fairness", "ease")
# (case, party, its ratings, its comment, the day it rates)
RATINGS: list[tuple[str, str, tuple[int, int, int, int], str | None, int]] = [
    ("c1", "a", (5, 4, 5, 3), "Рақмет", 3),
    ("c2", "a", (2, 3, 4, 4), None, 5),
    ("c2", "b", (4, 4, 4, 4), "=1+2, и\nвсё", 5),
    ("c3", "a", (3, 5, 2, 1), "Долго", 6),
]


class World:
    """Two centres; centre A's cases in every state, each step at a known day from ``t0``."""

    def __init__(self, app: Starlette, make_client: MakeClient, clock: FakeClock) -> None:
        self.app, self.make_client, self.clock = app, make_client, clock
        self.t0 = clock.now
        self.cases: dict[str, str] = {}
        self.created: dict[str, dict[str, Any]] = {}
        self.centre_a = self.centre_b = ""
        self.parties: dict[str, dict[str, Client]] = {}

    def day(self, n: int) -> date:
        return (self.t0 + timedelta(days=n)).astimezone(ASTANA).date()

    def at(self, n: int) -> None:
        self.clock.now = self.t0 + timedelta(days=n)

    async def staff(self, email: str) -> Client:
        return await login(self.make_client(), email)  # a session lasts a week; days pass here

    async def open(self, name: str, category: str, joined: bool = True) -> None:
        claimant, respondent = self.make_client(), self.make_client()
        await claimant.signup(f"{name}a@example.kz")
        created = await open_case(claimant, category=category)
        if joined:
            await respondent.signup(f"{name}b@example.kz")
            await join(respondent, created)
        self.cases[name] = created["case"]["id"]
        self.created[name] = created
        self.parties[name] = {"a": claimant, "b": respondent}

    async def rate(
        self, name: str, party: str, scores: tuple[int, ...], comment: str | None
    ) -> None:
        client = await login(self.make_client(), f"{name}{party}@example.kz")
        body: dict[str, Any] = dict(zip(SCORES, scores, strict=True))
        if comment:
            body["comment"] = comment
        given = await client.post(f"/api/cases/{self.cases[name]}/feedback", json=body)
        assert given.status_code == 201, given.text

    async def rate_on(self, day: int) -> None:
        for name, party, scores, comment, on in RATINGS:
            if on == day:
                await self.rate(name, party, scores, comment)


async def build(app: Starlette, make_client: MakeClient, clock: FakeClock) -> World:
    w = World(app, make_client, clock)
    root = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre_a = await new_centre(root, "Astana centre", languages=["ru"], deadline_days=45)
    centre_b = await new_centre(root, "Shymkent centre", languages=["kk"], deadline_days=45)
    await add_mediator(app, root, centre_a["id"], "dana@a.kz", categories=["civil"], name="Dana")
    await add_mediator(app, root, centre_a["id"], "arman@a.kz", categories=["family"], name="Arman")
    await add_mediator(
        app, root, centre_b["id"], "bek@b.kz", languages=["kk"], categories=["labour"]
    )
    for email, centre in (("chief@a.kz", centre_a), ("chief@b.kz", centre_b)):
        await staff_client(app, make_client, email, "clerk")
        added = await root.post(f"/api/centres/{centre['id']}/admins", json={"email": email})
        assert added.status_code == 204, added.text
    w.centre_a, w.centre_b = centre_a["id"], centre_b["id"]
    await w.open("c1", "civil")  # settled on day 3
    await w.open("c2", "family")  # closed as failed on day 5
    await w.open("c3", "civil")  # failed and referred on day 6
    await w.open("c4", "civil", joined=False)  # expires on day 45, unanswered
    await w.open("c6", "civil", joined=False)  # joined on day 6, open, 50 days old on day 50
    room = services_of(app).room
    w.at(3)
    claimant, respondent = (
        await user_of(app, "c1a@example.kz"),
        await user_of(app, "c1b@example.kz"),
    )
    offer = MakeOffer(type="offer", key="offer-1", package=PACKAGE)
    await execute(room, claimant, "claimant", w.cases["c1"], offer)
    accept = Accept(type="accept", key="accept-1", version=1)
    await execute(room, respondent, "respondent", w.cases["c1"], accept)
    await w.rate_on(3)
    w.at(5)
    arman = await w.staff("arman@a.kz")
    closed = await arman.post(
        f"/api/centre/cases/{w.cases['c2']}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text
    await w.rate_on(5)
    w.at(6)
    dana = await w.staff("dana@a.kz")
    case3 = w.cases["c3"]
    closed = await dana.post(
        f"/api/centre/cases/{case3}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text
    referred = await dana.post(f"/api/centre/cases/{case3}/refer", json={"reason": "to court"})
    assert referred.status_code in (200, 201), referred.text
    await w.rate_on(6)
    late = w.make_client()  # on day 6, within the invitation's week
    await late.signup("c6b@example.kz")
    await join(late, w.created["c6"])
    w.at(30)
    await w.open("c7", "civil")  # 20 days old on day 50
    w.at(45)
    await w.open("c5", "family")  # 5 days old on day 50
    w.at(46)
    scheduler = services_of(app).scheduler
    while await scheduler.tick():  # c4's deadline (day 45) passes: it expires
        pass
    w.at(50)
    return w


def averages(ratings: list[tuple[int, int, int, int]]) -> dict[str, float]:
    return {s: round(statistics.fmean(r[i] for r in ratings), 2) for i, s in enumerate(SCORES)}


async def test_reports_match_the_raw_data_and_the_period_filters_them(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    w = await build(app, make_client, clock)
    chief = await w.staff("chief@a.kz")
    whole = {"from": str(w.day(0)), "to": str(w.day(50))}
    answer = await chief.get("/api/centre/reports", params=whole)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["period"] == {"start": whole["from"], "end": whole["to"]}
    lines = {line["mediator"]: line for line in report["caseload"]}
    assert set(lines) == {"Dana", "Arman"}  # centre B's mediator is not centre A's
    assert {k: v for k, v in lines["Dana"].items() if k != "mediator_id"} == {
        "mediator": "Dana",
        "open": 2,  # c6 (50 days) and c7 (20 days)
        "under_7": 0,
        "from_7_to_30": 1,
        "from_30_to_60": 1,
        "over_60": 0,
        "past_deadline": 1,  # c4, expired and not closed
        "closed_in_period": 3,  # c1, c3, c4
    }
    assert (lines["Arman"]["open"], lines["Arman"]["under_7"]) == (1, 1)  # c5
    assert lines["Arman"]["closed_in_period"] == 1  # c2
    # Outcomes: settled on day 3, failed on day 5, referred (closed) on day 6, expired on day 45.
    total = report["outcomes"]
    counts = ("concluded", "settled", "not_settled", "referred", "expired")
    assert [total[k] for k in counts] == [4, 1, 1, 1, 1]
    assert total["settled_rate"] == 0.25
    assert total["median_days_to_outcome"] == statistics.median([3, 5, 6, 45])
    by_category = {line["key"]: line for line in report["outcomes_by_category"]}
    assert [by_category["civil"][k] for k in counts] == [3, 1, 0, 1, 1]
    assert by_category["civil"]["median_days_to_outcome"] == 6
    assert [by_category["family"][k] for k in counts] == [1, 0, 1, 0, 0]
    assert [line["key"] for line in report["outcomes_by_mechanism"]] == ["packages"]
    feedback = report["feedback"]
    assert feedback["responses"] == len(RATINGS) and not feedback["suppressed"]
    assert {s: feedback[s] for s in SCORES} == averages([r[2] for r in RATINGS])
    assert feedback["comments"] == [r[3] for r in RATINGS if r[3]]
    # No party's name or address anywhere. A name is looked for as a whole JSON string: "c1a" may
    # well occur inside a hex id.
    assert "@example.kz" not in answer.text and "Ruslan" not in answer.text
    for key in ("c1", "c2"):
        assert f'"{key}a"' not in answer.text and f'"{key}b"' not in answer.text

    later = (await chief.get("/api/centre/reports", params={**whole, "from": str(w.day(4))})).json()
    assert [later["outcomes"][k] for k in counts] == [3, 0, 1, 1, 1]
    assert later["feedback"]["responses"] == 3
    assert {s: later["feedback"][s] for s in SCORES} == averages([r[2] for r in RATINGS[1:]])
    one_day = {"from": str(w.day(5)), "to": str(w.day(5))}
    few = (await chief.get("/api/centre/reports", params=one_day)).json()
    assert few["feedback"]["responses"] == 2 and few["feedback"]["suppressed"]
    assert few["feedback"]["service"] is None and few["feedback"]["comments"] == []
    assert few["outcomes"]["concluded"] == few["outcomes"]["not_settled"] == 1

    # The platform's administrator reads the same of centre A; centre B's only its own.
    root = await w.staff("root@kelisim.kz")
    as_root = await root.get("/api/centre/reports", params={**whole, "centre_id": w.centre_a})
    assert as_root.json()["caseload"] == report["caseload"]
    other = await w.staff("chief@b.kz")
    own = (await other.get("/api/centre/reports", params=whole)).json()
    assert own["outcomes"]["concluded"] == 0 and own["feedback"]["responses"] == 0
    assert [line["open"] for line in own["caseload"]] == [0]

    await files_hold_the_same_numbers(chief, whole, report)


async def files_hold_the_same_numbers(
    chief: Client, period: dict[str, str], report: dict[str, Any]
) -> None:
    got = await chief.get("/api/centre/reports.xlsx", params={**period, "lang": "ru"})
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert (
        f"centre-reports-{period['from']}-{period['to']}.xlsx" in got.headers["content-disposition"]
    )
    book = openpyxl.load_workbook(io.BytesIO(got.content))
    assert book.sheetnames == ["Период", "Нагрузка", "Итоги", "Отзывы", "Комментарии"]
    dates = book["Период"]
    assert dates["B2"].value == datetime.fromisoformat(period["from"])  # a date cell, not text
    assert dates["B2"].is_date and dates["B3"].is_date
    load = book["Нагрузка"]
    assert load.freeze_panes == "A2" and load["A1"].font.bold
    assert [c.value for c in load[1]][:3] == ["Медиатор", "Открытые дела", "Менее 7 дней"]
    assert load.column_dimensions["A"].width >= len("Медиатор")
    sheet_rows = {row[0]: row[1:] for row in load.iter_rows(min_row=2, values_only=True)}
    for line in report["caseload"]:
        assert sheet_rows[line["mediator"]] == (
            line["open"],
            line["under_7"],
            line["from_7_to_30"],
            line["from_30_to_60"],
            line["over_60"],
            line["past_deadline"],
            line["closed_in_period"],
        )
    outcomes = list(book["Итоги"].iter_rows(min_row=2, values_only=True))
    total = report["outcomes"]
    assert outcomes[0][:7] == ("Всего", "Всего", 4, 1, 1, 1, 1)
    assert outcomes[0][7] == total["settled_rate"] and isinstance(outcomes[0][7], float)
    assert outcomes[0][11] == total["median_days_to_outcome"]
    assert book["Итоги"]["H2"].number_format == "0.0%"
    scores = list(book["Отзывы"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in scores] == [report["feedback"][s] for s in SCORES]
    comments = [row[1] for row in book["Комментарии"].iter_rows(min_row=2, values_only=True)]
    assert comments == report["feedback"]["comments"]
    assert book["Комментарии"]["B3"].data_type == "s"  # "=1+2, …" stays text

    got = await chief.get("/api/centre/reports.csv", params={**period, "report": "outcomes"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0][:3] == ["Группировка", "Группа", "Завершено"]  # the chief reads Russian
    assert rows[1][2:7] == ["4", "1", "1", "1", "1"] and float(rows[1][7]) == 0.25
    by_category = {row[1]: row for row in rows if row[0] == "Категория"}
    assert by_category["Гражданский"][2] == "3"
    got = await chief.get(
        "/api/centre/reports.csv", params={**period, "report": "comments", "lang": "kk"}
    )
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0] == ["№", "Түсініктеме"]
    assert [row[1] for row in rows[1:]] == ["Рақмет", "'=1+2, и\nвсё", "Долго"]
    got = await chief.get(
        "/api/centre/reports.csv", params={**period, "report": "caseload", "lang": "en"}
    )
    lines = list(csv.DictReader(io.StringIO(got.text)))
    assert {r["Mediator"]: int(r["Open cases"]) for r in lines} == {
        line["mediator"]: line["open"] for line in report["caseload"]
    }


async def test_only_the_centres_administrators_read_its_reports(
    app: Starlette, make_client: MakeClient
) -> None:
    root = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre_a = await new_centre(root, "Astana centre", languages=["ru"])
    centre_b = await new_centre(root, "Shymkent centre", languages=["kk"])
    await add_mediator(app, root, centre_a["id"], "dana@a.kz")
    other = await staff_client(app, make_client, "chief@b.kz", "clerk")
    added = await root.post(f"/api/centres/{centre_b['id']}/admins", json={"email": "chief@b.kz"})
    assert added.status_code == 204, added.text
    dana = await login(make_client(), "dana@a.kz")
    party = make_client()
    await party.signup("aigerim@example.kz")
    await open_case(party)
    a = {"centre_id": centre_a["id"]}
    for path in ("/api/centre/reports", "/api/centre/reports.xlsx"):
        assert_error(await other.get(path, params=a), 403, "not_centre_admin")
        assert_error(await dana.get(path, params=a), 403, "not_centre_admin")
        assert_error(await dana.get(path), 403, "not_centre_admin")
        assert_error(await party.get(path, params=a), 403, "not_centre_admin")
        assert_error(await make_client().get(path, params=a), 401)
    csv_params = {**a, "report": "caseload"}
    assert_error(await other.get("/api/centre/reports.csv", params=csv_params), 403)
    # A centre another administrator cannot name differs in nothing from one that exists.
    missing = {"centre_id": "0" * 32}
    assert_error(await other.get("/api/centre/reports", params=missing), 403, "not_centre_admin")
    assert_error(await root.get("/api/centre/reports", params=missing), 404, "centre_not_found")

    for params, field, code in (
        ({"from": "2026-13-01"}, "from", "bad_date"),
        ({"to": "07.12.2026"}, "to", "bad_date"),
        ({"from": "1900-01-01"}, "from", "bad_date"),
        ({"from": "2026-12-07", "to": "2026-12-01"}, "to", "bad_period"),
    ):
        error = assert_error(await root.get("/api/centre/reports", params=params), 422)
        assert [(f["field"], f["code"]) for f in error["fields"]] == [(field, code)], error
    error = assert_error(
        await root.get("/api/centre/reports.csv", params={"report": "parties"}), 422
    )
    assert error["fields"][0]["code"] == "report_unknown"
    error = assert_error(await root.get("/api/centre/reports.xlsx", params={"lang": "de"}), 422)
    assert error["fields"][0]["code"] == "language_invalid"
