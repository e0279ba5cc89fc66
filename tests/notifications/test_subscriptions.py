"""Devices: the VAPID key, subscribing as the browser sends it, validation, listing, removing, a test push."""

from __future__ import annotations

import base64
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from carerlink.actor import Role
from carerlink.app import create_app
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import vapid
from carerlink.runtime import Runtime
from carerlink.settings import Settings
from tests.notifications.push_service import LoopbackPushService, Subscriber
from tests.notifications.support import devices
from tests.support import ApiClient, Mailbox, field_errors, make_org, make_user, problem

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Safari/604.1"
)


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def signed_in(db: Database, client: ApiClient, **kwargs: object) -> uuid.UUID:
    user = await make_user(db, email=f"p{uuid.uuid4().hex[:8]}@example.org", **kwargs)  # type: ignore[arg-type]
    await client.login(user.email)
    return user.id


async def test_the_vapid_public_key_is_the_one_pushes_are_signed_with(
    client: ApiClient, runtime: Runtime, settings: Settings
) -> None:
    body = (await client.get("/api/v1/push/vapid-public-key")).json()

    assert body == {"publicKey": vapid.key_for(runtime).public_key}
    raw = base64.urlsafe_b64decode(body["publicKey"] + "==")
    assert len(raw) == 65
    assert raw[0] == 4
    assert (settings.data_dir / "vapid_private_key.pem").stat().st_mode & 0o777 == 0o600


async def test_the_browsers_subscription_json_is_taken_as_is_and_upserted_by_endpoint(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    await signed_in(db, client)
    phone = push_service.subscriber()

    created = await client.post(
        "/api/v1/push/subscriptions", json=phone.to_json(), headers={"User-Agent": ANDROID_CHROME}
    )
    again = await client.post(
        "/api/v1/push/subscriptions", json=phone.to_json(), headers={"User-Agent": ANDROID_CHROME}
    )

    assert created.status_code == 201, created.text
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"]
    assert created.json()["label"] == "Chrome on Android"
    assert created.json()["endpoint"] == phone.endpoint
    listed = (await client.get("/api/v1/push/subscriptions")).json()
    assert [d["id"] for d in listed] == [created.json()["id"]]


async def test_a_person_can_have_several_devices_each_named(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    await signed_in(db, client)
    for agent in (ANDROID_CHROME, IPHONE_SAFARI):
        response = await client.post(
            "/api/v1/push/subscriptions",
            json=push_service.subscriber().to_json(),
            headers={"User-Agent": agent},
        )
        assert response.status_code == 201
    named = await client.post(
        "/api/v1/push/subscriptions", json={**push_service.subscriber().to_json(), "label": "Kitchen tablet"}
    )
    assert named.status_code == 201

    labels = [d["label"] for d in (await client.get("/api/v1/push/subscriptions")).json()]
    assert sorted(labels) == ["Chrome on Android", "Kitchen tablet", "Safari on iPhone"]


def _bad_keys() -> list[tuple[dict[str, object], str]]:
    subscriber = LoopbackPushService().subscriber()
    good = subscriber.to_json()
    keys = good["keys"]
    point = base64.urlsafe_b64decode(keys["p256dh"] + "==")
    off_curve = point[:-1] + bytes([point[-1] ^ 1])
    compressed_prefix = b"\x02" + point[1:]
    return [
        ({**good, "keys": {**keys, "p256dh": b64(point[:64])}}, "keys.p256dh"),
        ({**good, "keys": {**keys, "p256dh": b64(off_curve)}}, "keys.p256dh"),
        ({**good, "keys": {**keys, "p256dh": b64(compressed_prefix)}}, "keys.p256dh"),
        ({**good, "keys": {**keys, "p256dh": "%" * 87}}, "keys.p256dh"),
        ({**good, "keys": {**keys, "auth": b64(bytes(15))}}, "keys.auth"),
        ({**good, "keys": {**keys, "auth": b64(bytes(17))}}, "keys.auth"),
        ({**good, "keys": {"p256dh": keys["p256dh"]}}, "keys.auth"),
        ({**good, "endpoint": "ftp://127.0.0.1/push/x"}, "endpoint"),
        ({**good, "endpoint": "https://user:pw@127.0.0.1/push/x"}, "endpoint"),
        ({**good, "expirationTime": 1000.0}, "expirationTime"),
        ({**good, "expirationTime": "soon"}, "expirationTime"),
        ({**good, "unexpected": 1}, "unexpected"),
    ]


@pytest.mark.parametrize(("body", "field"), _bad_keys())
async def test_a_subscription_that_cannot_work_is_refused_naming_the_field(
    db: Database, client: ApiClient, body: dict[str, object], field: str
) -> None:
    await signed_in(db, client)

    response = await client.post("/api/v1/push/subscriptions", json=body)

    assert field_errors(response) == {field}
    assert (await client.get("/api/v1/push/subscriptions")).json() == []


@pytest.mark.parametrize(
    ("endpoint", "accepted"),
    [
        ("https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b", True),
        ("https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB", True),
        ("https://web.push.apple.com/QGq4fz1Cx_", True),
        ("https://wns2-par02p.notify.windows.com/w/?token=BQYAAA", True),
        ("http://fcm.googleapis.com/fcm/send/x", False),
        ("https://fcm.googleapis.com:8443/fcm/send/x", False),
        ("https://evil.example.org/push", False),
        ("https://fcm.googleapis.com.evil.example.org/x", False),
        ("https://127.0.0.1/push", False),
        ("https://[::1]/push", False),
        ("https://localhost/push", False),
        ("https://169.254.169.254/latest/meta-data", False),
    ],
)
async def test_only_the_browsers_push_services_are_accepted_by_default(
    db: Database, settings: Settings, clock: FrozenClock, mailbox: Mailbox, endpoint: str, accepted: bool
) -> None:
    strict_app: Litestar = create_app(
        settings.replace(push_allow_any_endpoint=False), clock=clock, mail_transport=mailbox
    )
    try:
        client = ApiClient(strict_app)
        await signed_in(db, client)
        body = {**LoopbackPushService().subscriber().to_json(), "endpoint": endpoint}

        response = await client.post("/api/v1/push/subscriptions", json=body)

        if accepted:
            assert response.status_code == 201, response.text
        else:
            assert field_errors(response) == {"endpoint"}
    finally:
        await strict_app.state.runtime.close()


async def test_an_endpoint_moves_to_whoever_subscribes_it_last(
    db: Database,
    client: ApiClient,
    new_client,
    push_service: LoopbackPushService,  # type: ignore[no-untyped-def]
) -> None:
    family_tablet = push_service.subscriber()
    alex = await signed_in(db, client)
    await client.post("/api/v1/push/subscriptions", json=family_tablet.to_json())
    sams_browser = new_client()
    sam = await signed_in(db, sams_browser)

    moved = await sams_browser.post("/api/v1/push/subscriptions", json=family_tablet.to_json())

    assert moved.status_code == 200
    assert (await client.get("/api/v1/push/subscriptions")).json() == []
    assert [d["endpoint"] for d in (await sams_browser.get("/api/v1/push/subscriptions")).json()] == [
        family_tablet.endpoint
    ]
    assert alex != sam


async def test_an_eleventh_device_replaces_the_one_unused_longest(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    await signed_in(db, client)
    endpoints = []
    for _ in range(11):
        subscriber = push_service.subscriber()
        endpoints.append(subscriber.endpoint)
        assert (await client.post("/api/v1/push/subscriptions", json=subscriber.to_json())).status_code == 201

    listed = [d["endpoint"] for d in (await client.get("/api/v1/push/subscriptions")).json()]

    assert len(listed) == 10
    assert endpoints[-1] in listed


async def test_turning_notifications_off_on_this_device_removes_it_by_endpoint(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    await signed_in(db, client)
    phone, laptop = push_service.subscriber(), push_service.subscriber()
    for device in (phone, laptop):
        await client.post("/api/v1/push/subscriptions", json=device.to_json())

    response = await client.delete("/api/v1/push/subscriptions", params={"endpoint": phone.endpoint})

    assert response.status_code == 204
    remaining = [d["endpoint"] for d in (await client.get("/api/v1/push/subscriptions")).json()]
    assert remaining == [laptop.endpoint]
    problem(await client.delete("/api/v1/push/subscriptions", params={"endpoint": phone.endpoint}), 404)


async def test_someone_elses_endpoint_cannot_be_removed(
    db: Database,
    client: ApiClient,
    new_client,
    push_service: LoopbackPushService,  # type: ignore[no-untyped-def]
) -> None:
    owner = await make_user(db, email="owner@example.org")
    await client.login("owner@example.org")
    phone = push_service.subscriber()
    await client.post("/api/v1/push/subscriptions", json=phone.to_json())
    stranger = new_client()
    await signed_in(db, stranger)

    problem(await stranger.delete("/api/v1/push/subscriptions", params={"endpoint": phone.endpoint}), 404)

    assert len(await devices(db, owner)) == 1


async def _device_of(
    db: Database, client: ApiClient, subscriber: Subscriber, email: str, **kwargs: object
) -> str:
    await make_user(db, email=email, **kwargs)  # type: ignore[arg-type]
    await client.login(email)
    response = await client.post("/api/v1/push/subscriptions", json=subscriber.to_json())
    assert response.status_code == 201
    device_id: str = response.json()["id"]
    return device_id


async def test_removing_a_device_by_id_works_only_for_its_owner(
    db: Database,
    client: ApiClient,
    new_client,
    push_service: LoopbackPushService,  # type: ignore[no-untyped-def]
) -> None:
    org, other_org = await make_org(db), await make_org(db)
    device_id = await _device_of(
        db, client, push_service.subscriber(), "carer@example.org", organisation=org, roles=(Role.CARER,)
    )
    intruders = {
        "another carer": ("carer2@example.org", org, Role.CARER),
        "the carer's buddy": ("buddy@example.org", org, Role.BUDDY),
        "their coordinator": ("coord@example.org", org, Role.COORDINATOR),
        "a coordinator elsewhere": ("coord2@example.org", other_org, Role.COORDINATOR),
    }
    for email, organisation, role in intruders.values():
        await make_user(db, email=email, organisation=organisation, roles=(role,))
        browser = new_client()
        await browser.login(email)
        problem(await browser.delete(f"/api/v1/push/subscriptions/{device_id}"), 404)
        assert device_id not in [d["id"] for d in (await browser.get("/api/v1/push/subscriptions")).json()]
    problem(await new_client().delete(f"/api/v1/push/subscriptions/{device_id}"), 401)
    assert [d["id"] for d in (await client.get("/api/v1/push/subscriptions")).json()] == [device_id]

    assert (await client.delete(f"/api/v1/push/subscriptions/{device_id}")).status_code == 204
    assert (await client.get("/api/v1/push/subscriptions")).json() == []


async def test_device_routes_need_sign_in(client: ApiClient, push_service: LoopbackPushService) -> None:
    problem(await client.get("/api/v1/push/subscriptions"), 401)
    problem(await client.post("/api/v1/push/subscriptions", json=push_service.subscriber().to_json()), 401)
    problem(await client.post("/api/v1/push/test"), 401)


async def test_the_test_push_says_what_happened_on_each_device(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db, email="alex@example.org")
    await client.login("alex@example.org")
    phone, old_laptop = push_service.subscriber(), push_service.subscriber()
    await client.post(
        "/api/v1/push/subscriptions", json=phone.to_json(), headers={"User-Agent": ANDROID_CHROME}
    )
    await client.post("/api/v1/push/subscriptions", json=old_laptop.to_json())
    push_service.script(old_laptop, 410)

    response = await client.post("/api/v1/push/test")

    assert response.status_code == 200, response.text
    report = response.json()
    assert report["sent"] == 1
    outcomes = {d["label"]: (d["outcome"], d["status"]) for d in report["devices"]}
    assert outcomes == {"Chrome on Android": ("sent", 201), "Browser": ("gone", 410)}
    [received] = push_service.received_by(phone)
    assert received.payload is not None
    assert received.payload["notification"]["title"] == "Notifications are working"
    assert [d.endpoint for d in await devices(db, carer)] == [phone.endpoint]  # the gone one is removed
    listed = (await client.get("/api/v1/push/subscriptions")).json()
    assert listed[0]["last_success_at"] is not None
    assert (await client.get("/api/v1/notifications")).json()["items"] == []  # tests don't fill the inbox


async def test_the_test_push_is_rate_limited(
    db: Database, client: ApiClient, push_service: LoopbackPushService
) -> None:
    await signed_in(db, client)
    await client.post("/api/v1/push/subscriptions", json=push_service.subscriber().to_json())
    for _ in range(10):
        assert (await client.post("/api/v1/push/test")).status_code == 200

    refused = await client.post("/api/v1/push/test")

    problem(refused, 429)
    assert len(push_service.received) == 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "endpoint": st.one_of(st.text(max_size=40), st.just("http://[::1"), st.just("https://a:99999/x")),
            "expirationTime": st.one_of(
                st.none(),
                st.floats(allow_nan=False, allow_infinity=False),
                st.integers(),
                st.text(max_size=3),
            ),
            "keys": st.one_of(
                st.dictionaries(st.sampled_from(["p256dh", "auth", "x"]), st.text(max_size=100)),
                st.integers(),
            ),
            "label": st.one_of(st.text(max_size=70), st.none()),
        },
    )
)
async def test_nothing_a_browser_can_send_makes_a_server_error(
    db: Database, client: ApiClient, body: dict[str, object]
) -> None:
    if client.cookies.get("carerlink_session") is None:
        await signed_in(db, client)

    response = await client.post("/api/v1/push/subscriptions", json=body, headers={"User-Agent": "x" * 3000})

    assert response.status_code in (201, 200, 400, 422), response.text
