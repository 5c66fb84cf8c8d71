"""Every response carries the security headers; readers get the strict content security
policy, the Wagtail admin its own, and the 500 page's inline styles are allowed by hash."""

import base64
import hashlib
import re

from django.test import Client

import pytest

from ..factories import ArticleFactory, AuthorFactory, article_edit_form

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "img-src": "'self' data:",
    "frame-src": "https:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(response):
    header = response.headers["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(pairs)


@pytest.fixture
def headers_article(section):
    """Ada's article "Headers", tagged "careers"."""
    author = AuthorFactory(name="Ada Writer", slug="ada")
    return ArticleFactory(parent=section, title="Headers", authors=[author], tags=["careers"])


@pytest.fixture
def public_urls(home, section, headers_article):
    return [
        "/",
        section.url,
        headers_article.url,
        "/tags/careers/",
        "/authors/ada/",
        "/search/?q=headers",
        "/feeds/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/no/such/page/",
    ]


def test_public_responses_carry_the_strict_policy_and_security_headers(client, public_urls):
    for url in public_urls:
        # Twice: the second answer may come from the page cache and must keep its headers.
        for _ in range(2):
            response = client.get(url)
            policy = directives(response)

            assert response.status_code in (200, 404), url
            assert {k: v for k, v in policy.items() if k != "style-src"} == PUBLIC_POLICY, url
            assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/]+=*'", policy["style-src"]), url
            assert "unsafe" not in response.headers["Content-Security-Policy"], url
            assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
            assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["X-Frame-Options"] == "DENY", url


def test_public_pages_have_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()

        for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL):
            attributes, content = script
            # JSON-LD is data: browsers never execute it, so script-src does not apply.
            assert 'src="' in attributes or 'type="application/ld+json"' in attributes, url
            assert 'src="' not in attributes or not content.strip(), url
        assert "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"\sstyle=", html), url


def test_admin_gets_the_admin_policy(admin_client, headers_article):
    for url in ["/admin/", f"/admin/pages/{headers_article.pk}/edit/", "/admin/login/"]:
        response = admin_client.get(url)
        policy = directives(response)

        assert response.status_code in (200, 302), url
        assert policy["script-src"] == "'self' 'unsafe-inline'", url
        assert policy["object-src"] == "'none'", url
        assert policy["frame-ancestors"] == "'self'", url
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_preview_in_the_admin_gets_the_admin_policy_so_the_editor_may_frame_it(
    admin_client, headers_article
):
    url = f"/admin/pages/{headers_article.pk}/edit/preview/"
    assert admin_client.post(url, article_edit_form(headers_article)).json()["is_valid"]

    response = admin_client.get(url)

    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>Headers</h1>", response.content.decode())
    assert directives(response)["frame-ancestors"] == "'self'"
    assert directives(response)["script-src"] == "'self' 'unsafe-inline'"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_admin_pages_other_than_previews_may_not_be_framed(admin_client, headers_article):
    for url in [
        "/admin/",
        f"/admin/pages/{headers_article.pk}/edit/",
        "/admin/snippets/editorial/alternative/",
        "/admin/login/",
    ]:
        response = admin_client.get(url)

        assert response.headers["X-Frame-Options"] == "DENY", url


def test_public_page_for_signed_in_editor_keeps_the_strict_policy(admin_client, headers_article):
    response = admin_client.get(headers_article.url)

    assert "wagtail-userbar" in response.content.decode()
    assert directives(response)["script-src"] == "'self'"


@pytest.mark.urls("tests.broken_urls")
def test_the_500_page_styles_are_allowed_by_their_hash(home):
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert directives(response)["style-src"] == f"'self' 'sha256-{digest}'"
