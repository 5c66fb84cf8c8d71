"""The Publish button of an incomplete article, in a real browser: the editor is told what
the article misses, the article stays unpublished, and what they typed is kept."""

import pytest

from editorial.models import ArticlePage

from ..factories import ArticleFactory, UserFactory
from ..workflow import submit
from .admin import open_action_menu, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_publish_refuses_an_incomplete_article_in_review_and_says_why(live_server, page, section):
    writer = UserFactory(role="author", username="writer")
    editor = UserFactory(role="editor", username="chief")
    # Complete but for its tags.
    article = ArticleFactory(
        parent=section, writer=writer, title="Half done", ready=True, live=False
    )
    submit(article, writer)

    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_standfirst", "A sharper standfirst from the editor.")
    open_action_menu(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    # Wagtail asks first, since publishing would end the review.
    dialog = page.get_by_role("dialog")
    assert "cancel the current workflow" in dialog.inner_text()
    # The refusal comes back to the same address: wait for the new page itself.
    with page.expect_navigation():
        dialog.get_by_role("button", name="Publish", exact=True).click()

    assert page.url == f"{live_server.url}/admin/pages/{article.pk}/edit/"
    message = page.locator(".messages").inner_text()
    assert "“Half done” is not published" in message
    assert "Add at least one tag." in message
    assert page.input_value("#id_standfirst") == "A sharper standfirst from the editor."
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.workflow_in_progress
