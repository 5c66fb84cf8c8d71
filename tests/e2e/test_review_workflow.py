"""The whole review in a real browser: write, submit, comment and reject, fix and
resubmit, approve and publish, then read it as an anonymous visitor."""

import re

from django.core import mail

from wagtail.models import Comment

import pytest

from editorial.models import ArticlePage

from ..factories import AlternativeFactory, AuthorFactory, ImageFactory, UserFactory, long_text
from .admin import (
    add_block,
    add_tag,
    choose,
    open_action_menu,
    send_comment,
    sign_in,
    start_comment,
    wait_until,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# The comments are ready, Wagtail's "unsaved" controller has taken the form's first state
# and no autosave is under way.
SETTLED = """(() => {
    const form = document.querySelector("[data-edit-form]");
    const app = window.wagtail.app;
    const controller = (name) => app.getControllerForElementAndIdentifier(form, name);
    const autosave = controller("w-autosave");
    return Boolean(window.comments && window.comments.commentApp)
        && controller("w-unsaved").initialFormData !== undefined
        && (!autosave || autosave.submitPromise === null);
})()"""


def sign_out(page):
    page.context.clear_cookies()


def write_article(page, live_server, section):
    page.goto(f"{live_server.url}/admin/pages/add/editorial/articlepage/{section.pk}/")
    page.fill("#id_title", "Working the Room")
    page.fill("#id_standfirst", "How to make an event worth it.")
    # The writer's own profile is already first on the byline; add a co-author.
    page.click("#id_article_authors-ADD")
    choose(page, "id_article_authors-1-author-chooser", "Second Writer")
    choose(page, "id_hero_image-chooser", "Desk photo")
    page.fill("#id_hero_alt", "A desk by a window")
    for tag in ("careers", "events"):
        add_tag(page, tag)
    add_block(page, "Paragraph")
    page.locator("[contenteditable=true]").nth(0).click()
    page.keyboard.insert_text(long_text())
    add_block(page, "Key points")
    page.fill("#body-1-value-points-0-value-title", "Prepare")
    page.locator("[contenteditable=true]").nth(1).click()
    page.keyboard.insert_text("Read the guest list.")
    add_block(page, "Alternatives")
    page.fill("#body-2-value-heading", "Try instead")
    choose(page, "body-2-value-alternatives-0-value-chooser", "Join Groups")
    page.get_by_role("tab", name="Promote").click()
    page.fill("#id_search_description", "Make a networking event worth the evening.")


def test_article_goes_from_draft_through_review_to_readers(live_server, page, section):
    writer = UserFactory(role="author", username="writer")
    editor = UserFactory(role="editor", username="chief")
    AuthorFactory(name="Second Writer")
    AlternativeFactory(title="Join Groups").save_revision().publish()
    ImageFactory(title="Desk photo")

    sign_in(page, live_server, writer)
    write_article(page, live_server, section)
    open_action_menu(page)
    page.get_by_role("button", name="Submit to Editorial review").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article = ArticlePage.objects.get(slug="working-the-room")
    assert article.workflow_in_progress
    assert [a.name for a in article.get_latest_revision_as_object().authors] == [
        writer.author_profile.name,
        "Second Writer",
    ]
    sign_out(page)

    sign_in(page, live_server, editor)
    page.get_by_role("link", name="Working the Room").first.click()
    page.wait_for_url(f"**/admin/pages/{article.pk}/edit/")
    # The comment starts once the editor has settled, as a reader of the draft would:
    # the comments are ready and no autosave is under way (test_autosave_races.py covers
    # a comment begun during one).
    wait_until(page, SETTLED)
    start_comment(page, "Lead with the outcome for the reader.")
    send_comment(page)
    # As the editor sees it: the comment shown as written, no longer in its text box.
    page.locator(".comment__text", has_text="Lead with the outcome").wait_for()
    open_action_menu(page)
    page.get_by_role("button", name="Request changes").click()
    page.locator("[role=dialog] textarea").fill("Please tighten the standfirst.")
    page.locator("[role=dialog]").get_by_role("button", name="Request changes").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article.refresh_from_db()
    assert article.current_workflow_state.status == "needs_changes"
    assert Comment.objects.filter(page=article, text__contains="outcome").exists()
    assert any("Please tighten the standfirst." in m.body for m in mail.outbox)
    sign_out(page)

    sign_in(page, live_server, writer)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_standfirst", "Three people, one question each, and a follow-up.")
    open_action_menu(page)
    page.get_by_role("button", name=re.compile("Resubmit")).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article.refresh_from_db()
    assert article.current_workflow_state.status == "in_progress"
    sign_out(page)

    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    open_action_menu(page)
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article.refresh_from_db()
    assert article.live
    sign_out(page)

    page.goto(live_server.url + "/networking/working-the-room/")
    assert page.get_by_role("heading", level=1).inner_text() == "Working the Room"
    assert "Three people, one question each" in page.content()
    assert page.locator(".key-points__item").count() == 1
    assert page.locator(".alternatives__item").count() == 1
