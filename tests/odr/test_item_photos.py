"""Photos of a division's items (#12): attached by a party, checked by content, stripped of their
location, logged by SHA-256, and read only by the case's parties and its mediator."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.status import CaseStatus
from odr.persistence.models import Case, StoredFile
from odr.privacy.purge import purge
from tests.builders.app import services_of
from tests.builders.cases import token_of
from tests.builders.photos import CAMERA, ITEMS, jpeg_with_location, png, webp
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client


async def division_case(
    app: Starlette, make_client: MakeClient
) -> tuple[Client, Client, Client, dict[str, Any]]:
    """A claimant, the respondent it invited (not joined yet), the centre's mediator, the case."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("respondent@example.kz", language="kk")
    created = await open_case(claimant, items=ITEMS, mechanism="division")
    return claimant, respondent, mediator, created


def photo_path(case_id: str, item: str = "item1") -> str:
    return f"/api/cases/{case_id}/items/{item}/photo"


async def upload(client: Client, case_id: str, data: bytes, item: str = "item1", **kw: Any) -> Any:
    headers = {"content-type": kw.pop("content_type", "image/jpeg")}
    return await client.post(photo_path(case_id, item), content=data, headers=headers, **kw)


async def test_a_party_attaches_a_photo_kept_without_location_and_logged_by_hash(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    sent = jpeg_with_location()
    assert CAMERA.encode() in sent

    answer = await upload(claimant, case_id, sent)
    assert answer.status_code == 201, answer.text
    photo = answer.json()["photo"]
    assert photo["media_type"] == "image/jpeg" and len(photo["id"]) == 32

    # The copy kept has no EXIF at all (no GPS, no camera), and its hash is the one logged.
    kept = await claimant.get(f"/api/files/{photo['id']}")
    assert kept.status_code == 200 and kept.headers["content-type"] == "image/jpeg"
    assert kept.headers["x-content-type-options"] == "nosniff"
    assert CAMERA.encode() not in kept.content
    with Image.open(io.BytesIO(kept.content)) as image:
        assert image.size == (640, 480)
        assert not image.getexif() and not image.getexif().get_ifd(0x8825)
    assert hashlib.sha256(kept.content).hexdigest() == photo["sha256"]
    assert photo["bytes"] == len(kept.content)
    [event] = [(role, d) for _s, t, d, role in await _log(app, case_id) if t == "item_photo"]
    assert event == (
        "claimant",
        {
            "item_id": "item1",
            "media_type": "image/jpeg",
            "bytes": photo["bytes"],
            "sha256": photo["sha256"],
        },
    )
    # The item says which photo it has; the thumbnail is a small JPEG.
    item = (await claimant.get(f"/api/cases/{case_id}")).json()["items"][0]
    assert item["photo"] == photo
    thumb = await claimant.get(f"/api/files/{photo['id']}/thumbnail")
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert max(image.size) == 320

    # The invited respondent sees the thumbnail before joining, by the invitation's token only.
    token = token_of(created)
    preview = (await respondent.post("/api/invitations/preview", json={"token": token})).json()
    assert preview["items"][0]["photo"]["id"] == photo["id"]
    shown = await respondent.post(
        "/api/invitations/photo", json={"token": token, "file_id": photo["id"]}
    )
    assert shown.status_code == 200 and shown.content == thumb.content
    assert_error(await respondent.get(f"/api/files/{photo['id']}"), 404, "file_not_found")

    # Once joined, the respondent reads it, and so does the case's mediator.
    await join(respondent, created)
    for reader in (respondent, mediator):
        got = await reader.get(f"/api/files/{photo['id']}")
        assert got.status_code == 200 and got.content == kept.content


async def test_png_and_webp_are_photos_too_and_the_other_party_replaces_one(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, _mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    await join(respondent, created)
    first = (await upload(claimant, case_id, png(), "item2", content_type="image/png")).json()
    assert first["photo"]["media_type"] == "image/png"
    replaced = await upload(respondent, case_id, webp(), "item2", content_type="image/webp")
    assert replaced.status_code == 201, replaced.text
    assert replaced.json()["photo"]["media_type"] == "image/webp"
    # The replaced file is gone: its id names nothing any more.
    assert_error(await claimant.get(f"/api/files/{first['photo']['id']}"), 404, "file_not_found")
    async with services_of(app).sessions() as db:
        assert len((await db.scalars(select(StoredFile))).all()) == 1
    roles = [role for _s, t, _d, role in await _log(app, case_id) if t == "item_photo"]
    assert roles == ["claimant", "respondent"]


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b"<?php system($_GET['c']); ?>", "image/jpeg"),  # a script that says it is a photo
        (b"%PDF-1.7\n" + b"0" * 200, "image/png"),
        (b"GIF89a" + b"\0" * 100, "image/gif"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 300, "image/jpeg"),  # JPEG's signature, then nothing
        (b"\x89PNG\r\n\x1a\n" + b"junk" * 50, "image/png"),
    ],
)
async def test_a_file_that_is_not_a_photo_by_its_content_is_refused(
    app: Starlette, make_client: MakeClient, data: bytes, declared: str
) -> None:
    claimant, _respondent, _mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    refused = await upload(claimant, case_id, data, content_type=declared)
    assert_error(refused, 415, "photo_type_not_allowed")
    await _nothing_stored(app, case_id)


async def test_a_photo_over_the_limit_is_refused_before_it_is_read(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, _respondent, _mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    limit = services_of(app).settings.max_upload_bytes
    big = jpeg_with_location() + b"\0" * limit  # a JPEG with junk after it, over the limit
    assert_error(await upload(claimant, case_id, big), 413, "photo_too_large")
    # Sent in pieces without a length, it is cut off as it arrives.
    chunks = (big[i : i + 65536] for i in range(0, len(big), 65536))

    async def stream() -> Any:
        for chunk in chunks:
            yield chunk

    assert_error(await upload(claimant, case_id, stream()), 413, "photo_too_large")
    # Over 1 MB (the other endpoints' limit) and under the photo limit is fine.
    fine = jpeg_with_location((2000, 1500))
    padded = fine + b"\0" * (1_100_000 - len(fine))
    assert (await upload(claimant, case_id, padded)).status_code == 201
    # A tiny file claiming a gigantic picture (a decompression bomb) is refused undecoded.
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, "PNG")
    assert_error(await upload(claimant, case_id, bomb.getvalue()), 413, "photo_too_large")


async def test_nobody_outside_the_case_attaches_or_reads_a_photo(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, _mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    photo = (await upload(claimant, case_id, png(), content_type="image/png")).json()["photo"]
    # A party of another case, and a stranger with no case at all.
    other = make_client()
    await other.signup("other@example.kz")
    other_case = (await open_case(other, items=ITEMS, mechanism="division"))["case"]
    stranger = make_client()
    await stranger.signup("stranger@example.kz")
    for outsider in (other, stranger, respondent):  # the respondent has not joined yet
        assert_error(await upload(outsider, case_id, png()), 404, "case_not_found")
        for path in (f"/api/files/{photo['id']}", f"/api/files/{photo['id']}/thumbnail"):
            assert_error(await outsider.get(path), 404, "file_not_found")
    # Another case's invitation opens none of this case's thumbnails.
    other_token = token_of(await open_case(other, items=ITEMS, mechanism="division"))
    assert_error(
        await stranger.post(
            "/api/invitations/photo", json={"token": other_token, "file_id": photo["id"]}
        ),
        404,
        "file_not_found",
    )
    # Logged out: 401; an id of the wrong shape or naming nothing: 404.
    assert_error(await make_client().get(f"/api/files/{photo['id']}"), 401)
    assert_error(await claimant.get("/api/files/nothing"), 404, "file_not_found")
    assert_error(await claimant.get(f"/api/files/{'0' * 32}"), 404, "file_not_found")
    # The claimant's own other case has no item "item9", and a photo needs an item of the case.
    assert_error(await upload(claimant, case_id, png(), "item9"), 404, "item_not_found")
    assert_error(await upload(other, other_case["id"], b""), 400, "empty_body")


async def _log(app: Starlette, case_id: str) -> list[tuple[int, str, dict[str, Any], str]]:
    from odr.persistence.models import CaseEvent

    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(CaseEvent.seq, CaseEvent.type, CaseEvent.data, CaseEvent.actor_role)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.seq)
        )
        return [(s, t, d, r) for s, t, d, r in rows]


async def _nothing_stored(app: Starlette, case_id: str) -> None:
    async with services_of(app).sessions() as db:
        assert (await db.scalars(select(StoredFile))).all() == []
    assert not [t for _s, t, _d, _r in await _log(app, case_id) if t == "item_photo"]


async def test_purge_deletes_the_photos_of_an_anonymised_case(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    """A photo of a family's flat names and quotes people as much as its subject does: when the
    retention period of an ended case passes, ``odr purge`` deletes its files with the rest."""
    claimant, _respondent, _mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    photo = (await upload(claimant, case_id, png(), content_type="image/png")).json()["photo"]
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case_id)
        case.status, case.updated_at = CaseStatus.FAILED, clock()
        await db.commit()
    services = services_of(app)
    clock.advance(days=services.settings.retain_unsettled_cases_days + 1)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    async with services.sessions() as db:
        assert await db.get(StoredFile, photo["id"]) is None


async def test_a_switch_that_replaces_the_items_deletes_their_photos(
    app: Starlette, make_client: MakeClient
) -> None:
    """The mediator's switch (both consenting) drops the items, or brings new ones: the old
    items' photos show nothing any more, so their files go with them."""
    claimant, respondent, mediator, created = await division_case(app, make_client)
    case_id = created["case"]["id"]
    await join(respondent, created)
    photo = (await upload(claimant, case_id, png(), content_type="image/png")).json()["photo"]
    proposed = await mediator.post(
        f"/api/centre/cases/{case_id}/mechanism", json={"mechanism": "packages"}
    )
    assert proposed.status_code == 200, proposed.text
    for party in (claimant, respondent):
        answer = await party.post(f"/api/cases/{case_id}/mechanism-switch", json={"consent": True})
        assert answer.status_code == 200, answer.text
    assert answer.json()["mechanism"] == "packages" and answer.json()["items"] is None
    assert_error(await claimant.get(f"/api/files/{photo['id']}"), 404, "file_not_found")
    async with services_of(app).sessions() as db:
        assert (await db.scalars(select(StoredFile))).all() == []
