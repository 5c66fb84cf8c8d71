"""Shareable previews: who may create and revoke links, and what a link's holder gets."""

from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse

import pytest
import time_machine

from editorial.models import ArticlePage, ShareablePreview, ShareablePreviewAccess
from editorial.pagecache.middleware import entry_key
from editorial.previews.models import hash_token, truncated_address

from ..factories import ROLES, ArticleFactory, sign_in

pytestmark = pytest.mark.django_db

MAY_SHARE = {"editor", "admin"}


@pytest.fixture
def article_with_draft(section, users):
    """A live article by "author" whose latest revision is an unpublished draft."""
    writer = users["author"]
    live = ArticleFactory(parent=section, title="Live headline", writer=writer)
    draft = ArticlePage.objects.get(pk=live.pk)
    draft.title = "Draft headline"
    draft.standfirst = "Only the reviewer has read this."
    draft.save_revision(user=writer)
    return ArticlePage.objects.get(pk=live.pk)


def manage_url(article):
    return reverse("editorial_shareable_previews", args=[article.pk])


def preview_url(token):
    return reverse("editorial:shareable-preview", args=[token])


def new_link(article, user, hours=24):
    return ShareablePreview.create(article, user, hours)


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_open_the_sharing_screen(client, users, article_with_draft, role):
    sign_in(client, users[role])
    response = client.get(manage_url(article_with_draft))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    elif role in MAY_SHARE:
        assert response.status_code == 200
        assert b"Create link" in response.content
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_create_links(client, users, article_with_draft, role):
    sign_in(client, users[role])
    response = client.post(manage_url(article_with_draft), {"hours": "24", "note": "Legal, Sam"})
    links = ShareablePreview.objects.filter(page=article_with_draft)
    if role in MAY_SHARE:
        assert response.status_code == 200
        link = links.get()
        assert link.created_by == users[role]
        assert link.note == "Legal, Sam"
        # The address is shown once, and it is the one that works.
        url = response.context["new_url"]
        token = url.rstrip("/").rsplit("/", 1)[-1]
        assert link.token_hash == hash_token(token)
        assert token not in link.token_hash
        assert client.get(url).status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert not links.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_revoke_links(client, users, article_with_draft, role):
    link, token = new_link(article_with_draft, users["editor"])
    sign_in(client, users[role])
    response = client.post(reverse("editorial_shareable_preview_revoke", args=[link.pk]))
    link.refresh_from_db()
    if role in MAY_SHARE:
        assert response.status_code == 302
        assert link.revoked_at is not None
        assert link.revoked_by == users[role]
        assert client.get(preview_url(token)).status_code == 404
    else:
        assert response.status_code in (302, 403)
        assert link.revoked_at is None
        assert client.get(preview_url(token)).status_code == 200


def test_revoking_needs_a_post(client, users, article_with_draft):
    link, _ = new_link(article_with_draft, users["editor"])
    client.force_login(users["editor"])
    response = client.get(reverse("editorial_shareable_preview_revoke", args=[link.pk]))
    assert response.status_code == 405
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize("role", ROLES)
def test_anyone_holding_the_link_reads_the_latest_draft(client, users, article_with_draft, role):
    _, token = new_link(article_with_draft, users["editor"])
    sign_in(client, users[role])
    response = client.get(preview_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft headline" in html
    assert "Only the reviewer has read this." in html
    assert "Preview — not published." in html


def test_the_preview_is_private_unindexed_and_never_cached(client, users, article_with_draft):
    _, token = new_link(article_with_draft, users["editor"])
    url = preview_url(token)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        assert "public" not in cache_control
        html = response.content.decode()
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert 'rel="canonical"' not in html
        assert "editorial/js/views.js" not in html
    stored = entry_key("testserver", url)
    assert cache.get(stored) is None
    # The live article is unchanged for readers, and still cacheable.
    public = client.get(article_with_draft.url)
    assert "Live headline" in public.content.decode()
    assert "Draft headline" not in public.content.decode()


def test_every_opening_is_logged_with_a_truncated_address(client, users, article_with_draft):
    link, token = new_link(article_with_draft, users["editor"])
    client.get(preview_url(token), REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Reviewer/1.0")
    client.get(preview_url(token), REMOTE_ADDR="2001:db8:1234:5678::1")
    accesses = list(link.accesses.order_by("pk"))
    assert [(a.ip_network, a.user_agent) for a in accesses] == [
        ("203.0.113.0", "Reviewer/1.0"),
        ("2001:db8:1234::", ""),
    ]
    assert truncated_address("not an address") is None


def test_expired_revoked_and_unknown_links_give_the_same_404(client, users, article_with_draft):
    link, token = new_link(article_with_draft, users["editor"], hours=1)
    revoked, revoked_token = new_link(article_with_draft, users["editor"])
    revoked.revoke(users["editor"])
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        expired = client.get(preview_url(token))
    unknown = client.get(preview_url("x" * 43))
    overlong = client.get(preview_url("x" * 500))
    responses = [expired, client.get(preview_url(revoked_token)), unknown, overlong]
    assert [r.status_code for r in responses] == [404] * 4
    assert len({r.content for r in responses}) == 1
    assert not ShareablePreviewAccess.objects.exists()
    # Before it expires the same link works.
    assert client.get(preview_url(token)).status_code == 200


def test_a_bad_lifetime_is_a_form_error(client, users, article_with_draft):
    client.force_login(users["editor"])
    response = client.post(manage_url(article_with_draft), {"hours": "99999"})
    assert response.status_code == 400
    assert response.context["form"].errors["hours"]
    assert not ShareablePreview.objects.exists()


def test_the_sharing_screen_lists_links_and_openings(client, users, article_with_draft):
    link, token = new_link(article_with_draft, users["editor"])
    link.note = "Legal, Sam"
    link.save()
    client.get(preview_url(token), HTTP_USER_AGENT="Reviewer/1.0")
    client.force_login(users["admin"])
    html = client.get(manage_url(article_with_draft)).content.decode()
    assert "Legal, Sam" in html
    assert "Reviewer/1.0" in html
    assert "Active" in html
    # The token itself is never shown again.
    assert token not in html


def test_the_article_header_offers_sharing_to_editors_only(client, users, article_with_draft):
    edit_url = reverse("wagtailadmin_pages:edit", args=[article_with_draft.pk])
    client.force_login(users["editor"])
    assert manage_url(article_with_draft) in client.get(edit_url).content.decode()
    client.force_login(users["author"])
    assert manage_url(article_with_draft) not in client.get(edit_url).content.decode()


def test_a_preview_takes_a_bounded_number_of_queries(
    client, users, article_with_draft, django_assert_max_num_queries
):
    _, token = new_link(article_with_draft, users["editor"])
    client.get(preview_url(token))
    with django_assert_max_num_queries(24):
        assert client.get(preview_url(token)).status_code == 200
