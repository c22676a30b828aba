"""Opening cases, inviting and joining, and who may see what."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from starlette.applications import Starlette

from odr.persistence.models import Case, CaseParty, Invitation
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.cases import CASE, open_case, token_of
from tests.builders.rows import count
from tests.conftest import Client, FakeClock, MakeClient, assert_error


async def test_claimant_opens_invites_and_respondent_joins(make_client: MakeClient) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    created = await open_case(claimant)
    case = created["case"]
    assert case["status"] == "awaiting_respondent" and case["my_role"] == "claimant"
    assert case["reference"].startswith("KS-")
    assert case["claim"] == {"amount": "420000.50", "currency": "KZT"}
    assert [i["name"] for i in case["issues"]] == ["amount", "issue2"]
    assert case["pending_invitation"]["email"] == "ruslan@example.kz"

    token = token_of(created)
    preview = await respondent.post("/api/invitations/preview", json={"token": token})
    assert preview.status_code == 200
    assert preview.json()["subject"] == CASE["subject"]
    assert preview.json()["claimant_name"] == "aigerim"

    await respondent.signup("ruslan@example.kz")
    joined = await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["my_role"] == "respondent" and joined.json()["status"] == "open"
    assert joined.json()["pending_invitation"] is None

    for client, role in ((claimant, "claimant"), (respondent, "respondent")):
        mine = (await client.get("/api/cases")).json()["cases"]
        assert [(c["id"], c["my_role"]) for c in mine] == [(case["id"], role)]
        one = (await client.get(f"/api/cases/{case['id']}")).json()
        assert [p["role"] for p in one["parties"]] == ["claimant", "respondent"]


async def test_outsider_gets_404_on_every_case_route(
    make_client: MakeClient, app: Starlette
) -> None:
    claimant, outsider = make_client(), make_client()
    await claimant.signup("a@example.kz")
    case_id = (await open_case(claimant))["case"]["id"]
    await outsider.signup("nosy@example.kz")
    case_routes = [e for e in services_of(app).api.endpoints if "{case_id}" in e.path]
    assert case_routes, "there must be case routes to check"
    # A valid body for every route that takes one, so the refusal is about the case, not the body.
    person = {"kind": "person", "full_name": "A B", "iin": "061211600012", "address": "Астана, 1"}
    obligation = {
        "debtor": "respondent",
        "creditor": "claimant",
        "kind": "payment",
        "description": "pays the debt",
        "amount": "1000",
        "currency": "KZT",
        "method": "bank_transfer",
        "due_date": "2027-01-01",
    }
    terms = {
        "version": 1,
        "place": "Астана",
        "kind": "mediation_agreement_out_of_court",
        "legal_basis": "Закон о медиации",
        "document_language": "ru",
        "obligations": [obligation],
        "default_terms": {"acceleration_after_days": 10},
        "costs": {"allocation": "each_own", "state_fee_note": "none"},
        "waiver_of_remaining_claims": True,
        "confidentiality": True,
        "singapore_convention_opt_in": False,
    }
    slot = {"starts_at": "2030-01-01T10:00:00+05:00", "duration_minutes": 60, "place": "Астана"}
    bodies = {
        "InvitationCreate": {"email": "x@example.kz"},
        "InterestsIn": {"answers": {}},
        "ReasonIn": {"reason": "x"},
        "ReferIn": {"reason": "x"},
        "ExtendDeadline": {"days": 1, "reason": "x"},
        "CloseMediation": {"outcome": "failed", "reason": "x"},
        "Attest": {"mediation_contract_date": "2026-01-01"},
        "Reassign": {"mediator_id": "f" * 32, "reason": "x"},
        "SharingIn": {"interests_with_mediator": False, "record_with_court": False},
        "FeedbackIn": {"service": 1, "procedure": 1, "fairness": 1, "ease": 1},
        "PartyDetailsIn": person,
        "SettlementTermsIn": terms,
        "SignIn": {"password": "x", "record_sha256": "0" * 64},
        "SwitchAnswerIn": {"consent": True},
        "CasePracticeIn": {},
        "EdsSignIn": {"token": "t" * 16, "cms": "A" * 16},
        "AttestPrepareIn": {"mediation_contract_date": "2026-01-01"},
        "AttestEdsIn": {
            "mediation_contract_date": "2026-01-01",
            "token": "t" * 16,
            "cms": "A" * 16,
        },
        "MechanismSwitchIn": {"mechanism": "bidding"},
        "RulesIn": {"rounds": 3},
        "AcceptIn": {"proposal_seq": 1},
        "BidIn": {"round": 1, "amount": 100},
        "ChoiceIn": {"option": "packages"},
        "PointsIn": {"points": {"item1": 100}},
        "ImprovementAnswerIn": {"round": 1, "accept": True},
        "CaucusTextIn": {"text": "x"},
        "PartyIn": {"role": "claimant"},
        "MediatorTextIn": {"role": "claimant", "text": "x"},
        "ProposeIn": {"slots": [slot]},
        "ConfirmIn": {},
        "SlotIn": slot,
        "CancelIn": {"reason": "x"},
        "OutcomeIn": {"outcome": "held", "note": "x"},
        "ChooseIn": {"slots": [1]},
        "StepIn": {"kind": "paid"},
        "PenaltyStepIn": {"kind": "paid", "amount_tiyn": 100},
        "WritApplicationIn": {"language": "ru"},
    }
    for endpoint in case_routes:
        assert endpoint.body is None or endpoint.body.__name__ in bodies, (
            f"add a valid {endpoint.body.__name__} body for {endpoint.path} above, so the refusal "
            "is about the case and not about the body"
        )
        path = (
            endpoint.path.replace("{case_id}", case_id)
            .replace("{item_id}", "item1")
            .replace("{document_id}", "d" * 32)
            .replace("{key}", "1")
            .replace("{obligation}", "1")
            .replace("{application_id}", "a" * 32)
        )
        body = bodies.get(endpoint.body.__name__) if endpoint.body else None
        response = await outsider.request(endpoint.method, path, json=body)
        assert_error(response, 404, "case_not_found")
        missing = await outsider.request(
            endpoint.method, path.replace(case_id, "0" * 32), json=body
        )
        assert missing.json() == response.json(), "a foreign case must look like a missing one"


async def test_invitation_is_single_use(make_client: MakeClient) -> None:
    claimant, first, second = make_client(), make_client(), make_client()
    await claimant.signup("a@example.kz")
    token = token_of(await open_case(claimant))
    await first.signup("b@example.kz")
    await second.signup("c@example.kz")
    accept = {"token": token, "consent_to_online_mediation": True}
    assert (await first.post("/api/invitations/accept", json=accept)).status_code == 200
    assert_error(await second.post("/api/invitations/accept", json=accept), 410, "invitation_used")
    assert_error(
        await second.post("/api/invitations/preview", json={"token": token}), 410, "invitation_used"
    )


async def test_concurrent_joins_let_exactly_one_in(make_client: MakeClient, app: Starlette) -> None:
    claimant = make_client()
    await claimant.signup("a@example.kz")
    created = await open_case(claimant)
    token = token_of(created)
    joiners = [make_client() for _ in range(4)]
    for n, joiner in enumerate(joiners):
        await joiner.signup(f"j{n}@example.kz")
    accept = {"token": token, "consent_to_online_mediation": True}
    responses = await asyncio.gather(
        *(j.post("/api/invitations/accept", json=accept) for j in joiners)
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) == 1, [r.text for r in responses]
    assert all(s in (409, 410) for s in statuses if s != 200), statuses
    assert await count(app, CaseParty) == 2


async def test_expired_invitation(
    make_client: MakeClient, clock: FakeClock, settings: Settings
) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("a@example.kz")
    token = token_of(await open_case(claimant))
    clock.advance(hours=settings.invitation_ttl_hours, seconds=1)
    await respondent.signup("b@example.kz")
    response = await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    error = assert_error(response, 410, "invitation_expired")
    assert "new one" in error["message"]


async def test_reissued_invitation_replaces_the_old_link(make_client: MakeClient) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("a@example.kz")
    created = await open_case(claimant)
    old = token_of(created)
    again = await claimant.post(
        f"/api/cases/{created['case']['id']}/invitations", json={"email": "other@example.kz"}
    )
    assert again.status_code == 201
    new = again.json()["url"].split("#token=")[1]
    await respondent.signup("b@example.kz")
    accept = {"consent_to_online_mediation": True}
    assert_error(
        await respondent.post("/api/invitations/accept", json={"token": old, **accept}),
        410,
        "invitation_revoked",
    )
    ok = await respondent.post("/api/invitations/accept", json={"token": new, **accept})
    assert ok.status_code == 200
    late = await claimant.post(
        f"/api/cases/{created['case']['id']}/invitations", json={"email": "x@example.kz"}
    )
    assert_error(late, 409, "respondent_joined")


async def test_respondent_cannot_invite_and_claimant_cannot_join_own_case(
    make_client: MakeClient,
) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("a@example.kz")
    created = await open_case(claimant)
    token = token_of(created)
    own = await claimant.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert_error(own, 409, "already_party")
    await respondent.signup("b@example.kz")
    await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    response = await respondent.post(
        f"/api/cases/{created['case']['id']}/invitations", json={"email": "x@example.kz"}
    )
    assert response.status_code in (403, 409)


async def test_bad_tokens(make_client: MakeClient) -> None:
    client = make_client()
    await client.signup("a@example.kz")
    accept = {"consent_to_online_mediation": True}
    assert_error(
        await client.post("/api/invitations/accept", json={"token": "x" * 43, **accept}),
        404,
        "invitation_not_found",
    )
    assert_error(await client.post("/api/invitations/accept", json={"token": "", **accept}), 422)
    assert_error(await client.post("/api/invitations/accept", json={"token": "x" * 43}), 422)


def invalid_cases() -> list[tuple[dict[str, Any], str]]:
    def changed(path: str, value: Any) -> dict[str, Any]:
        case = copy.deepcopy(CASE)
        target: Any = case
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        if value is KeyError:
            del target[last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
        return case

    return [
        (changed("category", "criminal"), "category"),
        (changed("subject", ""), "subject"),
        (changed("language", "de"), "language"),
        (changed("claim.amount", -5), "claim.amount"),
        (changed("claim.amount", "lots"), "claim.amount"),
        (changed("claim.currency", "tenge"), "claim.currency"),
        (changed("issues", []), "issues"),
        (changed("issues.1.options", ["one"]), "issues[1].options"),
        (changed("issues.1.options", ["a", "a"]), "issues[1]"),
        (changed("issues.0.range.max", -1), "issues[0].range"),
        (changed("issues.0.range.step", 0.001), "issues[0].range"),
        (changed("issues.0.name", "Has Spaces"), "issues[0].name"),
        (changed("issues.1.name", "amount"), ""),
        (changed("issues.1.range", {"min": 0, "max": 5, "step": 1}), "issues[1]"),
        (changed("respondent.email", "nope"), "respondent.email"),
        (changed("consent_to_online_mediation", False), "consent_to_online_mediation"),
        (changed("consent_to_online_mediation", KeyError), "consent_to_online_mediation"),
        (changed("surprise", 1), "surprise"),
        (changed("subject", ["not", "text"]), "subject"),
    ]


async def test_invalid_cases_get_422_naming_the_field_and_store_nothing(
    client: Client, app: Starlette
) -> None:
    await client.signup("a@example.kz")
    for body, field in invalid_cases():
        error = assert_error(await client.post("/api/cases", json=body), 422, "validation_failed")
        fields = [f["field"] for f in error["fields"]]
        assert any(f == field or f.startswith(field) for f in fields), (field, error)
    for model in (Case, CaseParty, Invitation):
        assert await count(app, model) == 0


async def test_malformed_and_oversize_bodies(
    client: Client, app: Starlette, settings: Settings
) -> None:
    await client.signup("a@example.kz")
    assert_error(await client.post("/api/cases", content=b"{nope"), 400, "invalid_json")
    assert_error(await client.post("/api/cases", content=b""), 400, "empty_body")
    assert_error(await client.post("/api/cases", content=b"\xff\xfe{"), 400, "invalid_json")
    assert_error(
        await client.post("/api/cases", content=b"{}", headers={"content-type": "text/plain"}),
        415,
    )
    huge = b'{"subject": "' + b"x" * (settings.max_body_bytes + 10) + b'"}'
    assert_error(await client.post("/api/cases", content=huge), 413, "payload_too_large")

    async def chunks() -> Any:
        for _ in range(settings.max_body_bytes // 1000 + 5):
            yield b"x" * 1000

    assert_error(await client.post("/api/cases", content=chunks()), 413, "payload_too_large")
    assert await count(app, Case) == 0


async def test_staff_accounts_cannot_open_cases(client: Client, app: Starlette) -> None:
    await client.signup("m@example.kz")
    from sqlalchemy import update

    from odr.persistence.models import User

    async with services_of(app).sessions() as db:
        await db.execute(update(User).values(role="mediator"))
        await db.commit()
    assert_error(await client.post("/api/cases", json=CASE), 403, "role_not_allowed")


async def test_not_logged_in(client: Client) -> None:
    assert_error(await client.get("/api/cases"), 401, "not_authenticated")
    assert_error(await client.post("/api/cases", json=CASE), 401)
