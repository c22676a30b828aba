"""Documents and evidence of a case (#15): uploaded by the parties and the mediator, typed by
content, capped, hashed into the case log, shared with everyone or the mediator only, downloaded
only by those it is for, withdrawn by their owner."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.status import CaseStatus
from odr.persistence.documents_models import CaseDocument
from odr.persistence.models import AuditEntry, Case, CaseEvent, OutboxNotice, StoredFile
from odr.privacy.purge import purge
from odr.uploads.document_content import safe_name
from tests.builders.app import services_of
from tests.builders.evidence import encrypted_pdf, exe, pdf
from tests.builders.photos import jpeg_with_location, png
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

MAX_DOCUMENT = 200_000
MAX_PER_PERSON = 300_000
CENTRES: dict[Starlette, tuple[Client, str]] = {}
"""The centre admin and the centre of each test's app (a second mediator joins it)."""


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "ODR_MAX_DOCUMENT_BYTES": str(MAX_DOCUMENT),
        "ODR_MAX_CASE_DOCUMENTS_BYTES": str(MAX_PER_PERSON),
    }


async def mediated_case(
    app: Starlette, make_client: MakeClient
) -> tuple[Client, Client, Client, str]:
    """A claimant, the respondent (joined), the case's mediator, and the case's id."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    CENTRES[app] = (admin, centre["id"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("respondent@example.kz", language="kk")
    created = await open_case(claimant)
    await join(respondent, created)
    return claimant, respondent, mediator, created["case"]["id"]


def documents_path(case_id: str) -> str:
    return f"/api/cases/{case_id}/documents"


async def upload(
    client: Client,
    case_id: str,
    data: Any,
    *,
    name: str = "evidence.pdf",
    shared_with: str = "everyone",
    content_type: str = "application/octet-stream",
) -> Any:
    return await client.post(
        documents_path(case_id),
        params={"shared_with": shared_with, "name": name},
        content=data,
        headers={"content-type": content_type},
    )


async def listed(client: Client, case_id: str) -> list[dict[str, Any]]:
    answer = await client.get(documents_path(case_id))
    assert answer.status_code == 200, answer.text
    return list(answer.json()["documents"])


async def document_events(app: Starlette, case_id: str) -> list[tuple[str, dict[str, Any]]]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(CaseEvent.actor_role, CaseEvent.data)
            .where(CaseEvent.case_id == case_id, CaseEvent.type == "document")
            .order_by(CaseEvent.seq)
        )
        return [(role, data) for role, data in rows]


async def head_seq(app: Starlette, case_id: str) -> int:
    async with services_of(app).sessions() as db:
        seqs = await db.scalars(select(CaseEvent.seq).where(CaseEvent.case_id == case_id))
        return max(seqs, default=0)


def file_path(case_id: str, document_id: str, action: str = "file") -> str:
    return f"{documents_path(case_id)}/{document_id}/{action}"


async def test_each_role_uploads_everyone_downloads_and_the_log_has_each_hash(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await mediated_case(app, make_client)
    files = [
        (claimant, "claimant", pdf(pages=2), "Шарт №5.pdf", "application/pdf"),
        (respondent, "respondent", jpeg_with_location(), "IMG_0042.JPG", "image/jpeg"),
        (mediator, "mediator", png(), "схема", "image/png"),
    ]
    ids = []
    for client, role, data, name, media_type in files:
        answer = await upload(client, case_id, data, name=name)
        assert answer.status_code == 201, answer.text
        document = answer.json()
        assert document["media_type"] == media_type and document["bytes"] == len(data)
        assert document["sha256"] == hashlib.sha256(data).hexdigest()
        assert document["uploaded_by"] == {"role": role, "mine": True}
        assert document["shared_with"] == "everyone" and document["withdrawn_at"] is None
        ids.append(document["id"])
    # The name is kept cleaned, with the extension of what the content is.
    names = [d["file_name"] for d in await listed(claimant, case_id)]
    assert names == ["Шарт №5.pdf", "IMG_0042.jpg", "схема.png"]

    # Everyone in the case downloads every one, byte for byte, as an attachment.
    for client in (claimant, respondent, mediator):
        shown = await listed(client, case_id)
        assert [d["id"] for d in shown] == ids
        assert [d["uploaded_by"]["mine"] for d in shown] == [
            client is claimant,
            client is respondent,
            client is mediator,
        ]
        for document_id, (_c, _r, data, _n, media_type) in zip(ids, files, strict=True):
            got = await client.get(file_path(case_id, document_id))
            assert got.status_code == 200, got.text
            assert got.content == data
            assert got.headers["content-type"] == media_type
            assert got.headers["x-content-type-options"] == "nosniff"
            assert got.headers["content-disposition"].startswith("attachment; filename=")
            assert "no-store" in got.headers["cache-control"]
    disposition = (await claimant.get(file_path(case_id, ids[0]))).headers["content-disposition"]
    assert disposition == (
        'attachment; filename="____ _5.pdf"; '
        "filename*=UTF-8''%D0%A8%D0%B0%D1%80%D1%82%20%E2%84%965.pdf"
    )

    # The case log has each file's SHA-256: the hash of the very bytes downloaded.
    events = await document_events(app, case_id)
    assert [(role, logged["kind"]) for role, logged in events] == [
        ("claimant", "added"),
        ("respondent", "added"),
        ("mediator", "added"),
    ]
    for (_role, logged), (_c, _r, sent, _n, media_type) in zip(events, files, strict=True):
        assert logged["sha256"] == hashlib.sha256(sent).hexdigest()
        assert logged["bytes"] == len(sent) and logged["media_type"] == media_type


async def test_a_mediator_only_document_does_not_exist_for_the_other_party(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await mediated_case(app, make_client)
    secret = pdf(pages=3)
    digest = hashlib.sha256(secret).hexdigest()
    name = "Medical-report-Aigerim.pdf"
    seq_before = await head_seq(app, case_id)
    answer = await upload(claimant, case_id, secret, name=name, shared_with="mediator")
    assert answer.status_code == 201, answer.text
    document = answer.json()
    assert document["shared_with"] == "mediator" and document["sha256"] == digest

    # Not in the log at all (no event, no seq), nor in anything the respondent reads.
    assert await head_seq(app, case_id) == seq_before
    assert await document_events(app, case_id) == []
    listing = await respondent.get(documents_path(case_id))
    assert listing.json()["documents"] == [] and listing.json()["my_bytes"] == 0
    for path in (f"/api/cases/{case_id}", "/api/me/export", documents_path(case_id)):
        seen = await respondent.get(path)
        assert seen.status_code == 200, (path, seen.text)
        assert name not in seen.text and digest not in seen.text, path
        assert document["id"] not in seen.text, path
    for action in ("file", "share", "withdraw"):
        method = respondent.get if action == "file" else respondent.post
        refused = await method(file_path(case_id, document["id"], action))
        assert_error(refused, 404, "document_not_found")

    # The owner and the mediator see it and its hash; the mediator downloads it.
    for client in (claimant, mediator):
        [mine] = await listed(client, case_id)
        assert mine["sha256"] == digest and mine["file_name"] == name
    assert (await mediator.get(file_path(case_id, document["id"]))).content == secret
    # Who read or changed which file is in the audit trail: ids and the hash, never the name.
    async with services_of(app).sessions() as db:
        trail = (
            await db.scalars(select(AuditEntry).where(AuditEntry.target == document["id"]))
        ).all()
    assert [e.action for e in trail] == ["document.uploaded", "document.downloaded"]
    assert trail[1].details == {"case_id": case_id, "sha256": digest}
    assert name not in json.dumps([e.details for e in trail])
    # Only its owner widens it; the mediator may not share a party's file for it.
    assert_error(
        await mediator.post(file_path(case_id, document["id"], "share")), 403, "not_document_owner"
    )

    shared = await claimant.post(file_path(case_id, document["id"], "share"))
    assert shared.status_code == 200, shared.text
    assert shared.json()["shared_with"] == "everyone" and shared.json()["shared_at"]
    [(role, data)] = await document_events(app, case_id)
    assert role == "claimant" and data["kind"] == "shared" and data["sha256"] == digest
    assert (await respondent.get(file_path(case_id, document["id"]))).content == secret
    # Never narrowed again; sharing twice is refused.
    assert_error(
        await claimant.post(file_path(case_id, document["id"], "share")),
        409,
        "document_already_shared",
    )


async def test_the_owner_withdraws_a_document_its_hash_stays_its_bytes_go(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await mediated_case(app, make_client)
    data = pdf()
    document = (await upload(respondent, case_id, data)).json()
    assert_error(
        await claimant.post(file_path(case_id, document["id"], "withdraw")),
        403,
        "not_document_owner",
    )
    withdrawn = await respondent.post(file_path(case_id, document["id"], "withdraw"))
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["withdrawn_at"] is not None
    for client in (claimant, respondent, mediator):
        [shown] = await listed(client, case_id)
        assert shown["withdrawn_at"] and shown["sha256"] == hashlib.sha256(data).hexdigest()
        assert_error(
            await client.get(file_path(case_id, document["id"])), 410, "document_withdrawn"
        )
    kinds = [(r, d["kind"], d["sha256"]) for r, d in await document_events(app, case_id)]
    digest = hashlib.sha256(data).hexdigest()
    assert kinds == [("respondent", "added", digest), ("respondent", "withdrawn", digest)]
    async with services_of(app).sessions() as db:
        assert (await db.scalars(select(StoredFile))).all() == []
    assert_error(
        await respondent.post(file_path(case_id, document["id"], "withdraw")),
        409,
        "document_withdrawn",
    )
    # A mediator-only document withdrawn leaves no trace in the log either.
    private = (await upload(claimant, case_id, pdf(2), shared_with="mediator")).json()
    await claimant.post(file_path(case_id, private["id"], "withdraw"))
    assert len(await document_events(app, case_id)) == 2


@pytest.mark.parametrize(
    ("data", "declared", "status", "code"),
    [
        (exe(), "application/pdf", 415, "document_type_not_allowed"),  # setup.exe → "a.pdf"
        (b"<html><script>alert(1)</script></html>", "text/html", 415, "document_type_not_allowed"),
        (b"GIF89a" + b"\0" * 100, "image/gif", 415, "document_type_not_allowed"),
        (png(), "application/pdf", 415, "document_type_mismatch"),
        (pdf(), "image/jpeg", 415, "document_type_mismatch"),
        (pdf(pages=2)[:400], "application/pdf", 422, "document_damaged"),  # cut short
        (b"%PDF-1.7\n" + b"0" * 300 + b"\n%%EOF\n", "application/pdf", 422, "document_damaged"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 300, "image/jpeg", 422, "document_damaged"),
        (encrypted_pdf(), "application/pdf", 422, "document_encrypted"),
        (b"", "application/pdf", 400, "empty_body"),
    ],
)
async def test_a_file_is_judged_by_its_content(
    app: Starlette, make_client: MakeClient, data: bytes, declared: str, status: int, code: str
) -> None:
    claimant, _respondent, _mediator, case_id = await mediated_case(app, make_client)
    refused = await upload(claimant, case_id, data, name="a.pdf", content_type=declared)
    assert_error(refused, status, code)
    async with services_of(app).sessions() as db:
        assert (await db.scalars(select(StoredFile))).all() == []
        assert (await db.scalars(select(CaseDocument))).all() == []
    assert await document_events(app, case_id) == []


async def test_oversize_files_and_a_full_share_of_the_case_are_refused(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, _mediator, case_id = await mediated_case(app, make_client)
    too_big = pdf(padding=MAX_DOCUMENT)
    assert_error(await upload(claimant, case_id, too_big), 413, "document_too_large")

    async def stream() -> Any:  # no length announced: cut off as it arrives
        for i in range(0, len(too_big), 65536):
            yield too_big[i : i + 65536]

    assert_error(await upload(claimant, case_id, stream()), 413, "document_too_large")
    # Each person's documents in a case are capped; withdrawn ones free their space.
    big = pdf(padding=MAX_DOCUMENT - 2000)
    first = (await upload(claimant, case_id, big, shared_with="mediator")).json()
    assert_error(await upload(claimant, case_id, big), 413, "case_documents_full")
    # The other party's space is its own: the claimant's mediator-only file does not fill it.
    assert (await upload(respondent, case_id, big)).status_code == 201
    await claimant.post(file_path(case_id, first["id"], "withdraw"))
    assert (await upload(claimant, case_id, big)).status_code == 201


async def test_nobody_else_names_a_document_and_all_get_the_same_404(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, _mediator, case_id = await mediated_case(app, make_client)
    public = (await upload(claimant, case_id, pdf())).json()
    private = (await upload(claimant, case_id, pdf(2), shared_with="mediator")).json()
    # Another case's party (with its own case's id too), a mediator not assigned, a stranger.
    other = make_client()
    await other.signup("other@example.kz")
    other_case = (await open_case(other))["case"]["id"]
    admin, centre_id = CENTRES.pop(app)
    await add_mediator(app, admin, centre_id, "erlan@centre.kz", name="Erlan")
    unassigned = await login(make_client(), "erlan@centre.kz")
    for outsider in (other, unassigned):
        assert_error(await outsider.get(documents_path(case_id)), 404, "case_not_found")
        assert_error(await upload(outsider, case_id, pdf()), 404, "case_not_found")
        for document in (public, private):
            for case in (case_id, other_case):
                # Outside the case: the 404 of every case route; in its own case: no such file,
                # said exactly as to the other party asking for a mediator-only file.
                member = outsider is other and case == other_case
                for action in ("file", "share", "withdraw"):
                    method = outsider.get if action == "file" else outsider.post
                    answer = await method(file_path(case, document["id"], action))
                    if not member:
                        assert_error(answer, 404, "case_not_found")
                        continue
                    body = assert_error(answer, 404, "document_not_found")
                    expected = await respondent.get(file_path(case_id, private["id"]))
                    assert body == expected.json()["error"]
    for bad_id in ("0" * 32, "nothing", "A" * 32):
        assert_error(await claimant.get(file_path(case_id, bad_id)), 404, "document_not_found")
    assert_error(await make_client().get(file_path(case_id, public["id"])), 401)
    # The bytes' own id never serves a document, not even to its owner.
    async with services_of(app).sessions() as db:
        file_ids = list(await db.scalars(select(StoredFile.id)))
    for file_id in file_ids:
        assert_error(await claimant.get(f"/api/files/{file_id}"), 404, "file_not_found")
    # Not saying who may see it keeps it for the mediator: shown to nobody else by default.
    quiet = await claimant.post(documents_path(case_id), params={"name": "x"}, content=pdf())
    assert quiet.status_code == 201 and quiet.json()["shared_with"] == "mediator"
    assert_error(await upload(claimant, case_id, pdf(), shared_with="court"), 422)


async def test_my_documents_are_in_my_export_and_only_mine(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, _mediator, case_id = await mediated_case(app, make_client)
    mine = (await upload(claimant, case_id, pdf(), name="receipt.pdf")).json()
    theirs = (await upload(respondent, case_id, png(), name="photo.png")).json()
    export = (await claimant.get("/api/me/export")).json()
    [case] = [c for c in export["cases"] if c["id"] == case_id]
    assert [d["sha256"] for d in case["my_documents"]] == [mine["sha256"]]
    assert case["my_documents"][0]["file_name"] == "receipt.pdf"
    assert theirs["id"] not in json.dumps(case["my_documents"])


async def test_purge_deletes_an_anonymised_cases_documents_and_keeps_their_hashes(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    claimant, _respondent, _mediator, case_id = await mediated_case(app, make_client)
    data = pdf()
    document = (await upload(claimant, case_id, data, name="Aigerim-salary.pdf")).json()
    services = services_of(app)
    async with services.sessions() as db:
        case = await db.get_one(Case, case_id)
        case.status, case.updated_at = CaseStatus.FAILED, clock()
        await db.commit()
    clock.advance(days=services.settings.retain_unsettled_cases_days + 1)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    async with services.sessions() as db:
        assert (await db.scalars(select(StoredFile))).all() == []
        row = await db.get_one(CaseDocument, document["id"])
        assert (row.file_name, row.file_id) == ("", None)
        assert row.sha256 == hashlib.sha256(data).hexdigest() == document["sha256"]
        logged = await db.scalars(select(CaseEvent.data).where(CaseEvent.case_id == case_id))
        assert "Aigerim-salary" not in json.dumps(list(logged), ensure_ascii=False)


@pytest.mark.parametrize(
    ("sent", "media_type", "kept"),
    [
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\Aigerim\\Шарт.PDF", "application/pdf", "Шарт.pdf"),
        ("invoice\u202efdp.exe", "application/pdf", "invoicefdp.pdf"),
        ('a"b;c\r\nd.jpg', "image/jpeg", "a b cd.jpg"),
        ("photo.pdf", "image/png", "photo.png"),
        ("...", "image/webp", "document.webp"),
        (None, "application/pdf", "document.pdf"),
        ("я" * 300 + ".pdf", "application/pdf", "я" * 96 + ".pdf"),
    ],
)
def test_a_documents_name_is_kept_safe(sent: str | None, media_type: str, kept: str) -> None:
    assert safe_name(sent, media_type) == kept


async def test_a_document_shown_to_everyone_is_told_to_the_others_a_mediator_only_one_never(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await mediated_case(app, make_client)

    async def told() -> list[tuple[str, str]]:
        await services_of(app).room_letters.flush()
        async with services_of(app).sessions() as db:
            rows = await db.execute(
                select(OutboxNotice.recipient, OutboxNotice.language).where(
                    OutboxNotice.kind == "new_document"
                )
            )
            return sorted((recipient.split("@")[0], language) for recipient, language in rows)

    await upload(claimant, case_id, pdf(), shared_with="mediator")
    assert await told() == []
    await upload(claimant, case_id, pdf(2))
    assert await told() == [("respondent", "kk")]
    listed = (await respondent.get("/api/notifications", params={"language": "kk"})).json()
    assert listed["notifications"][0]["kind"] == "new_document"
    assert "жаңа құжат" in listed["notifications"][0]["subject"]
    # The mediator's document is told to both parties (the respondent once this hour already).
    await upload(mediator, case_id, png())
    assert [who for who, _language in await told()] == ["claimant", "respondent"]
