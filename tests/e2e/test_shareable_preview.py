"""An editor shares a draft from the admin; a reviewer without an account reads it in a
fresh browser until the editor revokes the link."""

import re

import pytest

from editorial.models import ArticlePage, ShareablePreviewAccess
from tests.factories import ArticleFactory, UserFactory

from .admin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_shares_a_draft_and_revokes_the_link(live_server, browser, page, section, settings):
    # The link is made from the site's public address, here the test server's.
    settings.BASE_URL = live_server.url
    editor = UserFactory(role="editor", username="chief")
    article = ArticleFactory(parent=section, title="Live headline")
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "Draft headline"
    draft.save_revision(user=editor)

    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Share preview").click()
    page.wait_for_url(re.compile(r".*/admin/editorial/pages/\d+/previews/$"))
    page.get_by_label("Valid for").select_option(label="1 day")
    page.get_by_label("For whom").fill("Legal, Sam")
    page.get_by_role("button", name="Create link").click()
    link = page.locator("#new-preview-url").input_value()
    assert link.startswith(f"{live_server.url}/preview/")

    reviewer = browser.new_context()
    try:
        preview = reviewer.new_page()
        response = preview.goto(link)
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        preview.get_by_role("heading", name="Draft headline").wait_for()
        assert "Preview — not published." in preview.locator(".preview-banner").inner_text()
    finally:
        reviewer.close()
    assert ShareablePreviewAccess.objects.filter(preview__page=article).count() == 1

    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("The link is revoked").wait_for()

    reviewer = browser.new_context()
    try:
        response = reviewer.new_page().goto(link)
        assert response.status == 404
    finally:
        reviewer.close()
