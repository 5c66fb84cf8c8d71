"""The checklist panel follows what the author types and chooses, and submitting with
items missing asks first, listing them."""

import re

import pytest

from editorial.models import ArticlePage

from ..factories import ArticleFactory, UserFactory
from .admin import add_tag, open_action_menu, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_checklist_follows_typing_and_submitting_with_gaps_asks_first(live_server, page, section):
    writer = UserFactory(role="author", username="writer")
    article = ArticleFactory(parent=section, writer=writer, live=False, title="Thin piece")
    sign_in(page, live_server, writer)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    checklist = page.locator("[data-editorial-checklist]")
    assert "✗ At least one tag" in checklist.inner_text()
    assert "The body has 4 words" in checklist.inner_text()

    add_tag(page, "careers")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.press("End")
    page.keyboard.insert_text(" Two more.")

    checklist.get_by_text("✓ At least one tag").wait_for()
    checklist.get_by_text("The body has 6 words").wait_for()

    open_action_menu(page)
    page.get_by_role("button", name="Submit to Editorial review").click()
    dialog = page.get_by_role("dialog", name="Submit with checklist items missing?")
    dialog.get_by_text("Choose a hero image (with alt text).").wait_for()
    assert "Add at least one tag." not in dialog.inner_text()
    dialog.get_by_role("button", name="Keep editing").click()
    assert not ArticlePage.objects.get(pk=article.pk).workflow_in_progress

    open_action_menu(page)
    page.get_by_role("button", name="Submit to Editorial review").click()
    dialog.get_by_role("button", name="Submit anyway").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    assert ArticlePage.objects.get(pk=article.pk).workflow_in_progress
