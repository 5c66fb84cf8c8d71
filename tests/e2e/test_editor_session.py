"""No typed word is lost when the session ends mid-edit: the editor says so, the author
signs in again without leaving the page and the changes are saved; a copy kept in the
browser is offered back when the page is opened again."""

from django.contrib.sessions.models import Session
from django.utils import timezone

import pytest

from editorial.models import ArticlePage

from ..factories import ArticleFactory, UserFactory
from .admin import HeldAutosaves, sign_in, submit_login, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIGNED_OUT = "You are signed out; sign in again to save."
KEPT = "Object.keys(localStorage).filter((key) => key.startsWith('editorial:unsaved:'))"


@pytest.fixture
def writer():
    return UserFactory(role="author", username="writer")


@pytest.fixture
def article(section, writer):
    return ArticleFactory(parent=section, writer=writer, live=False, title="A draft")


def open_editor(page, live_server, article):
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    # The editor's script takes the form's first state once its widgets have settled.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(3000)


def type_into_body(page, words):
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.press("End")
    page.keyboard.insert_text(words)


def sign_in_again(page, password):
    """Through the editor's own sign-in dialog, offered once the session has ended."""
    page.get_by_role("alert").filter(has_text=SIGNED_OUT).wait_for()
    page.get_by_role("button", name="Sign in again").click()
    page.fill("#editorial-sign-in-password", password)
    page.get_by_role("button", name="Sign in and save").click()


def latest(article):
    return ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()


def test_signed_out_mid_edit_signs_in_again_and_every_word_is_saved(
    live_server, page, article, writer
):
    sign_in(page, live_server, writer)
    open_editor(page, live_server, article)

    Session.objects.all().delete()
    page.fill("#id_standfirst", "Typed after the session ended.")
    type_into_body(page, " Then a whole new sentence.")

    sign_in_again(page, "pw")
    page.get_by_text("Signed in again: your changes are saved.").wait_for()

    draft = latest(article)
    assert draft.standfirst == "Typed after the session ended."
    assert "Some words about work. Then a whole new sentence." in draft.body_text()
    assert page.url.endswith(f"/admin/pages/{article.pk}/edit/")
    wait_until(page, f"{KEPT}.length === 0")


def test_signed_out_in_another_tab_the_editor_says_so_and_saves_after_signing_in(
    live_server, page, article, writer
):
    sign_in(page, live_server, writer)
    open_editor(page, live_server, article)

    other = page.context.new_page()
    other.goto(f"{live_server.url}/admin/")
    # What the sidebar's "Log out" does: a POST with the admin's CSRF token.
    with other.expect_navigation():
        other.evaluate(
            """() => {
                const form = Object.assign(document.createElement("form"),
                    {method: "post", action: "/admin/logout/"});
                form.append(Object.assign(document.createElement("input"),
                    {type: "hidden", name: "csrfmiddlewaretoken",
                     value: window.wagtailConfig.CSRF_TOKEN}));
                document.body.append(form);
                form.submit();
            }"""
        )
    other.get_by_text("You have been successfully logged out.").wait_for()
    page.bring_to_front()
    page.fill("#id_standfirst", "Written after signing out elsewhere.")

    sign_in_again(page, "pw")
    page.get_by_text("Signed in again: your changes are saved.").wait_for()
    assert latest(article).standfirst == "Written after signing out elsewhere."


def test_an_autosave_sent_before_signing_in_again_is_not_taken_for_the_save_after(
    live_server, page, article, writer
):
    sign_in(page, live_server, writer)
    held = HeldAutosaves(page)
    open_editor(page, live_server, article)
    Session.objects.all().delete()
    page.fill("#id_standfirst", "Typed as the session ended.")
    held.autosave()

    sign_in_again(page, "pw")
    page.wait_for_timeout(1000)
    held.release()

    page.get_by_text("Signed in again: your changes are saved.").wait_for()
    assert latest(article).standfirst == "Typed as the session ended."


def test_a_wrong_password_is_refused_and_the_form_kept(live_server, page, article, writer):
    sign_in(page, live_server, writer)
    open_editor(page, live_server, article)

    Session.objects.all().delete()
    page.fill("#id_standfirst", "Still here.")
    sign_in_again(page, "wrong")

    page.get_by_text("Sign-in failed").wait_for()
    assert page.input_value("#id_standfirst") == "Still here."
    assert latest(article).standfirst == "A short summary of the article."


def test_typing_kept_in_the_browser_is_offered_back_when_the_page_opens_again(
    live_server, page, article, writer
):
    sign_in(page, live_server, writer)
    open_editor(page, live_server, article)
    Session.objects.all().delete()
    page.fill("#id_standfirst", "Kept by the browser.")
    page.get_by_role("alert").filter(has_text=SIGNED_OUT).wait_for()
    wait_until(page, f"{KEPT}.length === 1")

    # The author gives up on this tab and opens the article again in another.
    again = page.context.new_page()
    page.close()
    again.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    submit_login(again, writer)
    again.wait_for_url(f"**/admin/pages/{article.pk}/edit/")
    again.get_by_text("This browser kept changes to this page that were not saved").wait_for()
    with again.expect_navigation():
        again.get_by_role("button", name="Restore them as a draft").click()
    again.wait_for_load_state("networkidle")

    assert latest(article).standfirst == "Kept by the browser."
    assert again.input_value("#id_standfirst") == "Kept by the browser."
    wait_until(again, f"{KEPT}.length === 0")
    assert again.get_by_text("This browser kept changes").count() == 0


def test_typing_keeps_the_session_alive(live_server, page, article, writer, settings):
    settings.SESSION_COOKIE_AGE = 30
    sign_in(page, live_server, writer)
    open_editor(page, live_server, article)

    # Longer than a session lasts untouched: the typing renews it.
    for n in range(8):
        page.locator("#id_standfirst").press_sequentially(f" {n}")
        page.wait_for_timeout(5000)

    assert page.get_by_role("alert").filter(has_text=SIGNED_OUT).count() == 0
    assert Session.objects.filter(expire_date__gt=timezone.now()).exists()
    assert "5 6 7" in latest(article).standfirst
