"""The guide before filing, the wording hints and issue labels in both languages (#13).

Over HTTP on SQLite and PostgreSQL (the ``app`` fixture): a claimant reads the family guide,
opens a case with its issues (labels in kk and ru), and each reader finds both labels; a Kazakh
claimant's "Маған қалады" gets a neutral form naming the party.
"""

from __future__ import annotations

from typing import Any

import pytest

from odr.cases.guides import ALL_GUIDES
from odr.cases.neutral_wording import neutral_hint
from odr.cases.schemas import CATEGORIES
from tests.builders.cases import CASE, open_case, token_of
from tests.conftest import MakeClient, assert_error


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_category_has_a_guide_in_every_language(
    make_client: MakeClient, category: str, language: str
) -> None:
    response = await make_client().get(f"/api/guides/{category}?language={language}")
    assert response.status_code == 200, response.text
    guide = response.json()
    assert guide["category"] == category and guide["language"] == language
    assert guide["title"] and guide["summary"] and guide["can"] and guide["cannot"]
    assert guide["laws"] and len(guide["issues"]) >= 2
    for issue in guide["issues"]:
        assert issue["label"] == issue["labels"][language]
        assert (issue["options"] is None) != (issue["range"] is None)
        if issue["options"]:
            assert issue["options"] == [o[language] for o in issue["option_labels"]]


async def test_the_family_guide_names_the_code_and_pre_fills_neutral_options(
    make_client: MakeClient,
) -> None:
    client = make_client()
    kk = (await client.get("/api/guides/family?language=kk")).json()
    ru = (await client.get("/api/guides/family?language=ru")).json()
    assert (
        "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының Кодексі"
        in (kk["laws"])
    )
    assert "Кодекс Республики Казахстан «О браке (супружестве) и семье»" in ru["laws"]
    assert "Закон Республики Казахстан «О медиации»" in ru["laws"]
    flat = kk["issues"][0]
    assert flat["label"] == "Пәтер" and flat["labels"]["ru"] == "Квартира"
    assert flat["options"][0] == "Пәтер талапкерге қалады"
    assert flat["option_labels"][0]["ru"] == "Квартира остаётся у заявителя"
    # Without a language: Kazakh, the platform's first language.
    assert (await client.get("/api/guides/family")).json()["title"] == kk["title"]


@pytest.mark.parametrize("category", sorted(ALL_GUIDES))
def test_every_option_a_guide_suggests_is_neutral(category: str) -> None:
    for issue in ALL_GUIDES[category]["issues"]:
        for option in issue.get("options", []):
            for language, text in option.items():
                assert neutral_hint(text) is None, f"{category} {language}: {text}"


async def test_an_unknown_category_or_language_is_refused(make_client: MakeClient) -> None:
    client = make_client()
    assert_error(await client.get("/api/guides/debts"), 404, "guide_not_found")
    refused = await client.get("/api/guides/family?language=de")
    assert_error(refused, 422, "validation_failed")
    assert refused.json()["error"]["fields"][0]["code"] == "language_invalid"


async def test_wording_hints_name_the_party_and_need_a_session(make_client: MakeClient) -> None:
    body = {"label": "Пәтер", "options": ["Маған қалады", "Пәтер сатылады", "Сізге қалады"]}
    assert_error(await make_client().post("/api/cases/wording-hints", json=body), 401)
    client = make_client()
    await client.signup("aigerim@example.kz")
    response = await client.post("/api/cases/wording-hints", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["hints"] == [
        {
            "option": "Маған қалады",
            "words": ["Маған"],
            "suggestion": "Пәтер талапкерге қалады",
            "language": "kk",
        },
        {
            "option": "Сізге қалады",
            "words": ["Сізге"],
            "suggestion": "Пәтер жауапкерге қалады",
            "language": "kk",
        },
    ]
    refused = await client.post("/api/cases/wording-hints", json={"options": ["a\x00"]})
    assert_error(refused, 422, "validation_failed")


def guide_issue(issue: dict[str, Any]) -> dict[str, Any]:
    """A guide's issue as the intake form sends it: Kazakh typed, Russian beside it."""
    body: dict[str, Any] = {
        "label": issue["label"],
        "labels": {"kk": issue["labels"]["kk"], "ru": issue["labels"]["ru"]},
    }
    if issue["options"]:
        body["options"] = issue["options"]
        body["option_labels"] = [{"kk": o["kk"], "ru": o["ru"]} for o in issue["option_labels"]]
    else:
        body["range"] = issue["range"]
    return body


async def test_a_case_keeps_its_labels_in_both_languages_for_both_readers(
    make_client: MakeClient,
) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    guide = (await claimant.get("/api/guides/family?language=kk")).json()
    issues = [guide_issue(issue) for issue in guide["issues"]]
    created = await open_case(
        claimant,
        category="family",
        language="kk",
        subject="Ортақ мүлікті бөлу",
        issues=issues,
        respondent={**CASE["respondent"], "language": "ru"},
    )
    flat = created["case"]["issues"][0]
    assert flat["label"] == "Пәтер"
    assert flat["labels"] == {"kk": "Пәтер", "ru": "Квартира"}
    assert flat["option_labels"][0] == {
        "kk": "Пәтер талапкерге қалады",
        "ru": "Квартира остаётся у заявителя",
    }
    assert "option_labels" not in created["case"]["issues"][1]  # a range: its label only
    # The respondent reads them before joining, and after.
    token = token_of(created)
    preview = (await respondent.post("/api/invitations/preview", json={"token": token})).json()
    assert preview["issues"] == created["case"]["issues"]
    joined = await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert joined.json()["issues"][0]["labels"]["ru"] == "Квартира"


async def test_an_issue_without_other_labels_is_stored_as_before(make_client: MakeClient) -> None:
    client = make_client()
    await client.signup("aigerim@example.kz")
    plain = {"label": "Срок", "options": ["сразу", "через месяц"], "labels": {}}
    issue = (await open_case(client, issues=[plain]))["case"]["issues"][0]
    assert issue == {"name": "issue1", "label": "Срок", "options": ["сразу", "через месяц"]}


async def test_option_labels_must_match_the_options_one_by_one(make_client: MakeClient) -> None:
    client = make_client()
    await client.signup("aigerim@example.kz")
    issue = {"label": "Срок", "options": ["сразу", "через месяц"], "option_labels": [{"kk": "x"}]}
    refused = await client.post("/api/cases", json={**CASE, "issues": [issue]})
    assert_error(refused, 422, "validation_failed")
    assert refused.json()["error"]["fields"][0]["code"] == "option_labels_mismatch"
    bad = {"label": "Срок", "options": ["сразу", "позже"], "labels": {"de": "Frist"}}
    assert_error(await client.post("/api/cases", json={**CASE, "issues": [bad]}), 422)
    assert (await client.get("/api/cases")).json()["cases"] == []
