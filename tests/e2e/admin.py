"""Steps in the Wagtail admin that several browser tests take."""

import re

from playwright.sync_api import expect


def sign_in(page, live_server, user):
    """Through the login form, as people do: ``force_login`` cannot reach the browser."""
    page.goto(live_server.url + "/admin/login/")
    submit_login(page, user)
    page.wait_for_url(live_server.url + "/admin/")


def submit_login(page, user):
    """Fill in and send the admin's login form that ``page`` shows, wherever it led from."""
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")


def open_action_menu(page):
    """Open the editor's menu of actions: Submit, Publish, and the others after Save draft."""
    page.locator("[data-w-dropdown-target=toggle]").last.click()


def add_block(page, label):
    """Add a block of the type named ``label`` at the end of the body."""
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name=label).click()


def choose(page, chooser, name):
    """Choose ``name`` in the chooser whose element has the id ``chooser``, and wait until
    its modal is gone: once its closing transition ends, the modal gives the focus back to
    the chooser's button, and so would take it from a field being typed into by then (a
    tag's text is then made a tag on blur, and the Enter meant for it submits the form)."""
    page.locator(f"#{chooser}").get_by_role("button").first.click()
    page.locator("body > .modal").get_by_role("link", name=name).click()
    expect(page.locator("body > .modal")).to_have_count(0)
    expect(page.locator(f"#{chooser} [data-chooser-title]")).to_have_text(name)


def add_tag(page, tag):
    """Type ``tag`` into the tags field and press Enter, as people do, and wait for it."""
    tags = page.get_by_role("region", name="Tags")
    tags.get_by_role("textbox").fill(tag)
    tags.get_by_role("textbox").press("Enter")
    expect(tags.locator(".tagit-choice", has_text=tag)).to_be_visible()


def start_comment(page, text, field="id_standfirst"):
    """Comment on a field: the new comment takes the focus once the comments panel has
    opened (and holds it until a click elsewhere), then ``text`` is typed into it."""
    page.locator(f"button[data-comment-add][aria-describedby={field}-label]").click()
    box = page.locator("textarea.comment__input")
    expect(box).to_be_focused()
    box.fill(text)
    return box


def send_comment(page, button="Comment"):
    """Send the comment or reply being written from the keyboard: its card still glides
    into place, and a click can land where its button was."""
    page.get_by_role("button", name=button, exact=True).press("Enter")


EDIT_FORM = re.compile(r".*/admin/pages/(add/[\w/]+|\d+/edit/)$")


class HeldAutosaves:
    """Autosaves reach the server at once; their answers reach the page on ``release``."""

    def __init__(self, page):
        self.page = page
        self.answers = []
        self.holding = True
        page.route(EDIT_FORM, self.hold)

    def hold(self, route):
        request = route.request
        autosave = request.method == "POST" and request.headers.get("accept") == "application/json"
        if autosave and self.holding:
            self.answers.append((route, route.fetch()))
        else:
            route.fallback()

    def autosave(self):
        """Autosave now, as Wagtail does when it notices a change, and hold its answer.

        (Its own notice comes from polling the form after taking its first state, which
        it does twice in the first seconds: a change typed in between goes unnoticed.)
        """
        self.page.dispatch_event("[data-edit-form]", "w-unsaved:add")
        for _ in range(150):
            if self.answers:
                return
            self.page.wait_for_timeout(100)
        raise AssertionError("no autosave within 15 seconds")

    def release(self):
        self.holding = False
        for route, response in self.answers:
            route.fulfill(response=response)
        self.answers.clear()


def wait_until(page, expression, seconds=30):
    """Evaluate ``expression`` in the page until it is true.

    Playwright's ``wait_for_function`` polls through ``eval`` in the page, which our
    content security policy refuses: it fails as soon as its first answer is false.
    """
    for _ in range(seconds * 10):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {seconds} s: {expression}")
