"""The centre's analytics as CSV carry what the analytics endpoint says, feedback included, and
match the raw data (the ratings the parties gave)."""

from __future__ import annotations

import csv
import io

from starlette.applications import Starlette

from tests.conftest import MakeClient
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client


async def test_analytics_csv_exports_the_feedback_averages_and_comments(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text
    scores = ("service", "procedure", "fairness", "ease")
    ratings = [
        (claimant, {**dict(zip(scores, (5, 4, 5, 3), strict=True)), "comment": "Рақмет"}),
        # A comment that a spreadsheet would run as a formula, with a comma and a line break.
        (respondent, {**dict(zip(scores, (2, 3, 4, 4), strict=True)), "comment": "=1+2, и\nвсё"}),
    ]
    for party, rating in ratings:
        given = await party.post(f"/api/cases/{case_id}/feedback", json=rating)
        assert given.status_code == 201, given.text

    report = (await admin.get("/api/centre/analytics")).json()
    exported = await admin.get("/api/centre/analytics.csv")
    assert exported.status_code == 200, exported.text
    rows = list(csv.DictReader(io.StringIO(exported.text)))

    feedback = {row["key"]: row["value"] for row in rows if row["dimension"] == "feedback"}
    assert feedback == {
        "responses": "2",
        "service": "3.5",
        "procedure": "3.5",
        "fairness": "4.5",
        "ease": "3.5",
    }
    # The same numbers as the endpoint, which are the means of what the parties gave.
    for key, value in feedback.items():
        assert float(value) == report["feedback"][key]
    comments = [row["value"] for row in rows if row["dimension"] == "comment"]
    assert sorted(comments) == sorted(["Рақмет", "'=1+2, и\nвсё"])
    assert len(comments) == len(report["comments"])
    # The case breakdowns are unchanged beside them.
    overall = next(row for row in rows if row["dimension"] == "overall")
    assert (overall["cases"], overall["concluded"], overall["settled"]) == ("1", "1", "0")
