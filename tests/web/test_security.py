"""Security headers on every response, CSRF on every unsafe request, no personal data cached."""

from __future__ import annotations

from carerlink.db import Database
from tests.support import PASSWORD, ApiClient, make_user, problem


async def test_security_headers_on_success_and_on_errors(client: ApiClient) -> None:
    for response in (
        await client.get("/healthz"),
        await client.get("/api/v1/me"),
        await client.get("/api/v1/nope"),
    ):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in response.headers["permissions-policy"]
        assert response.headers["x-request-id"]


async def test_api_responses_are_not_cached(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    assert (await client.get("/api/v1/me")).headers["cache-control"] == "no-store"


async def test_no_hsts_over_plain_http(client: ApiClient) -> None:
    assert "strict-transport-security" not in (await client.get("/healthz")).headers


async def test_csrf_cookie_is_set_on_any_response_that_lacks_it(client: ApiClient) -> None:
    response = await client.get("/api/v1/me")  # even a 401
    assert "csrftoken=" in response.headers["set-cookie"]
    again = await client.get("/api/v1/me")
    assert "set-cookie" not in again.headers


async def test_unsafe_request_without_the_csrf_header_is_refused(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    await client.get("/healthz")
    refused = await client.post(
        "/api/v1/auth/login",
        json={"email": "sam@example.org", "password": PASSWORD},
        headers={"X-CSRFToken": ""},
    )
    problem(refused, 403)
    assert "carerlink_session" not in refused.cookies


async def test_a_forged_or_mismatched_csrf_token_is_refused(client: ApiClient) -> None:
    await client.get("/healthz")
    forged = "0" * 32 + ".deadbeef"
    client.cookies.set("csrftoken", forged, domain="testserver.local")
    problem(await client.post("/api/v1/auth/logout", headers={"X-CSRFToken": forged}), 403)


async def test_a_request_from_another_site_is_refused_even_with_the_token(client: ApiClient) -> None:
    await client.get("/healthz")
    token = client.cookies["csrftoken"]
    problem(
        await client.post(
            "/api/v1/auth/logout", headers={"X-CSRFToken": token, "Origin": "https://evil.example"}
        ),
        403,
    )
    problem(
        await client.post(
            "/api/v1/auth/logout", headers={"X-CSRFToken": token, "Sec-Fetch-Site": "cross-site"}
        ),
        403,
    )
    ok = await client.post(
        "/api/v1/auth/logout", headers={"X-CSRFToken": token, "Origin": "http://testserver.local"}
    )
    assert ok.status_code == 204


async def test_https_base_url_makes_cookies_host_only_and_secure(settings, clock, mailbox) -> None:  # type: ignore[no-untyped-def]
    from carerlink.app import create_app

    app = create_app(
        settings.replace(base_url="https://carers.example.org"), clock=clock, mail_transport=mailbox
    )
    database = app.state.database
    await make_user(database, email="sam@example.org")
    client = ApiClient(app)
    client.http.base_url = "https://carers.example.org"  # type: ignore[assignment]
    try:
        first = await client.get("/healthz")
        assert "Secure" in first.headers["set-cookie"]
        assert first.headers["strict-transport-security"].startswith("max-age=")
        response = await client.post(
            "/api/v1/auth/login",
            json={"email": "sam@example.org", "password": PASSWORD},
            headers={"Origin": "https://carers.example.org"},
        )
        assert response.status_code == 200, response.text
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("__Host-carerlink_session=")
        assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    finally:
        await app.state.runtime.close()


def test_client_ip_is_taken_from_forwarded_for_only_behind_a_trusted_proxy() -> None:
    from types import SimpleNamespace

    from carerlink.settings import Settings
    from carerlink.web.deps import provide_client_ip

    def ip(peer: str, forwarded: str, trusted: tuple[str, ...]) -> str:
        request = SimpleNamespace(client=SimpleNamespace(host=peer), headers={"x-forwarded-for": forwarded})
        return provide_client_ip(request, Settings(trusted_proxies=trusted))  # type: ignore[arg-type]

    assert ip("203.0.113.9", "198.51.100.1", ()) == "203.0.113.9"  # nobody trusted: the peer
    assert ip("172.18.0.5", "198.51.100.1", ("172.16.0.0/12",)) == "198.51.100.1"
    # a client cannot hide behind a forged first hop: the last untrusted hop counts
    assert ip("172.18.0.5", "6.6.6.6, 198.51.100.1", ("172.16.0.0/12",)) == "198.51.100.1"
    assert ip("203.0.113.9", "198.51.100.1", ("172.16.0.0/12",)) == "203.0.113.9"  # untrusted peer
