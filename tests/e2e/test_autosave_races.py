"""Autosave beside what else an editor does.

An action pressed while autosave is saving waits for the autosave's answer. Sent at once,
it would race the autosave: on a new article the create view refuses it, since the
autosave has just taken its slug; on an edit the autosave may land after it, as a draft
newer than the one submitted. Nor is the editor's own autosave taken for someone else's
save. And an autosave does not wipe out a comment being written.
"""

import re

from wagtail.models import Comment, CommentReply

import pytest
from playwright.sync_api import expect

from editorial.models import ArticlePage

from ..factories import ArticleFactory, UserFactory
from .admin import (
    EDIT_FORM,
    HeldAutosaves,
    add_block,
    open_action_menu,
    send_comment,
    sign_in,
    start_comment,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def article(section):
    """An article in draft, owned by its writer."""
    writer = UserFactory(role="author", username="writer")
    return ArticleFactory(parent=section, writer=writer, live=False, title="A draft")


def edit_with_autosave_held(page, live_server, user, article, standfirst):
    """Open ``article`` in the editor as ``user``, change its standfirst and autosave it:
    the server saves it, its answer is held (``answer``)."""
    sign_in(page, live_server, user)
    held = HeldAutosaves(page)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_standfirst", standfirst)
    held.autosave()
    return held


def answer(page, held):
    """Let the held autosave's answer reach the page, and wait until Wagtail took it in."""
    page.evaluate(AUTOSAVE_OUTCOME)
    held.release()
    page.locator("body[data-autosave=answered]").wait_for(state="attached")


def submit_for_review(page):
    open_action_menu(page)
    page.get_by_role("button", name="Submit to Editorial review").click()
    page.get_by_role("dialog", name="Submit with checklist items missing?").get_by_role(
        "button", name="Submit anyway"
    ).click()


def test_submitting_a_new_article_while_autosave_creates_it(live_server, page, section):
    writer = UserFactory(role="author", username="writer")
    sign_in(page, live_server, writer)
    held = HeldAutosaves(page)
    page.goto(f"{live_server.url}/admin/pages/add/editorial/articlepage/{section.pk}/")
    page.fill("#id_title", "Working the Room")
    page.fill("#id_standfirst", "How to make an event worth it.")
    add_block(page, "Paragraph")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.insert_text("Arrive early and leave with three names.")
    held.autosave()
    assert ArticlePage.objects.filter(title="Working the Room").count() == 1

    submit_for_review(page)
    page.wait_for_timeout(1000)
    assert not ArticlePage.objects.get(title="Working the Room").workflow_in_progress

    held.release()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    (article,) = ArticlePage.objects.filter(title="Working the Room")
    assert article.workflow_in_progress
    assert "has been submitted for moderation" in page.locator(".messages").inner_text()


def test_submitting_an_edit_while_autosave_saves_it(live_server, page, article):
    writer = article.owner
    held = edit_with_autosave_held(page, live_server, writer, article, "Written while it saved.")

    submit_for_review(page)
    page.wait_for_timeout(1000)
    assert not ArticlePage.objects.get(pk=article.pk).workflow_in_progress

    held.release()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert latest_draft(article).standfirst == "Written while it saved."
    messages = page.locator(".messages").inner_text()
    assert "has been submitted for moderation" in messages
    assert "Someone else saved" not in messages


# Marks the page with data-autosave="answered" once Wagtail's autosave has answered, or
# "held" if it was held back before leaving. (A test waits for it with a selector: our
# content security policy forbids the eval that waiting on a script would need.)
AUTOSAVE_OUTCOME = """() => {
    const form = document.querySelector("[data-edit-form]");
    const mark = (outcome) => { document.body.dataset.autosave = outcome; };
    form.addEventListener("w-autosave:save", (event) => setTimeout(() => {
        if (event.defaultPrevented) mark("held");
    }), {once: true});
    for (const type of ["w-autosave:success", "w-autosave:error"]) {
        form.addEventListener(type, () => mark("answered"), {once: true});
    }
}"""


def latest_draft(article):
    return ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()


def autosaved(response):
    request = response.request
    return (
        request.method == "POST"
        and request.headers.get("accept") == "application/json"
        and (EDIT_FORM.match(request.url))
    )


def test_an_autosave_leaves_a_comment_being_written_alone(live_server, page, article):
    sign_in(page, live_server, UserFactory(role="editor", username="chief"))
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    start_comment(page, "Lead with the outcome.")
    page.click("#id_standfirst")
    page.fill("#id_standfirst", "Changed while commenting.")

    page.evaluate(AUTOSAVE_OUTCOME)
    page.dispatch_event("[data-edit-form]", "w-unsaved:add")
    page.locator("body[data-autosave]").wait_for(state="attached")
    assert page.locator("textarea.comment__input").count() == 1
    assert page.input_value("textarea.comment__input") == "Lead with the outcome."

    with page.expect_response(autosaved):
        send_comment(page)
    page.locator(".comment__text", has_text="Lead with the outcome.").wait_for()
    assert Comment.objects.filter(page=article, text="Lead with the outcome.").exists()
    assert latest_draft(article).standfirst == "Changed while commenting."


def test_a_comment_begun_while_an_autosave_is_under_way_outlives_its_answer(
    live_server, page, article
):
    editor = UserFactory(role="editor", username="chief")
    held = edit_with_autosave_held(page, live_server, editor, article, "Changed before commenting.")

    comment = start_comment(page, "Lead with the outcome.")
    answer(page, held)
    expect(comment).to_have_value("Lead with the outcome.")
    expect(comment).to_be_focused()

    with page.expect_response(autosaved):
        send_comment(page)
    page.locator(".comment__text", has_text="Lead with the outcome.").wait_for()
    assert Comment.objects.filter(page=article, text="Lead with the outcome.").count() == 1
    assert latest_draft(article).standfirst == "Changed before commenting."


def test_a_reply_begun_while_an_autosave_is_under_way_outlives_its_answer(
    live_server, page, article
):
    Comment.objects.create(
        page=article,
        user=article.owner,
        text="Is the standfirst long enough?",
        contentpath="standfirst",
        revision_created=article.latest_revision,
    )
    editor = UserFactory(role="editor", username="chief")
    held = edit_with_autosave_held(page, live_server, editor, article, "Changed before replying.")

    # The comment's marker beside the field opens it, with a box for a reply.
    page.locator("button[data-annotation][aria-describedby=id_standfirst-label]").click()
    reply = page.locator("textarea.comment__reply-input")
    reply.fill("It is now.")
    answer(page, held)
    expect(reply).to_have_value("It is now.")

    with page.expect_response(autosaved):
        send_comment(page, "Reply")
    page.locator(".comment-reply .comment__text", has_text="It is now.").wait_for()
    assert CommentReply.objects.filter(comment__page=article, text="It is now.").count() == 1
    assert latest_draft(article).standfirst == "Changed before replying."


def test_a_comment_sent_while_an_autosave_is_under_way_is_saved_once(live_server, page, article):
    editor = UserFactory(role="editor", username="chief")
    held = edit_with_autosave_held(page, live_server, editor, article, "Changed before commenting.")

    start_comment(page, "Looks good.")
    send_comment(page)
    page.locator(".comment__text", has_text="Looks good.").wait_for()
    answer(page, held)
    page.locator(".comment__text", has_text="Looks good.").wait_for()

    for _ in range(2):
        with page.expect_response(autosaved):
            page.dispatch_event("[data-edit-form]", "w-unsaved:add")
    assert Comment.objects.filter(page=article, text="Looks good.").count() == 1
    assert latest_draft(article).standfirst == "Changed before commenting."
