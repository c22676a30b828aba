"""A case as a claimant opens it over HTTP, and the invitation token out of the answer.

Plain data and no imports at run time: ``bench/`` loads ``CASE`` from here without pytest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.conftest import Client

# Two issues: a range of amounts (the 10,000 grid matters to the offers built on it) and options.
CASE: dict[str, Any] = {
    "category": "civil",
    "subject": "Unpaid invoice for furniture",
    "claim": {"amount": 420000.5, "currency": "KZT"},
    "language": "ru",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма",
            "range": {"min": 0, "max": 420000, "step": 10000, "unit": "KZT"},
        },
        {"label": "Срок", "options": ["сразу", "через месяц", "в рассрочку"]},
    ],
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}


def token_of(created: dict[str, Any]) -> str:
    url = created["invitation"]["url"]
    assert "#token=" in url, "the token must travel in the URL fragment, never to a server"
    return str(url.split("#token=", 1)[1])


async def open_case(client: Client, **changes: Any) -> dict[str, Any]:
    response = await client.post("/api/cases", json={**CASE, **changes})
    assert response.status_code == 201, response.text
    return dict(response.json())
