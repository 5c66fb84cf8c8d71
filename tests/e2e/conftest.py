"""Browser fixtures: Playwright driving Debian's Chromium (never a downloaded browser).

Chromium starts once per test session (once per pytest-xdist worker); each test gets its
own browser contexts, so no cookie, storage or cache passes from one test to the next.
"""

import asyncio
import collections
import io
import os
import re
import shutil
import time
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connections

import pytest

from ..tasks import DATABASE_TASKS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The ORM calls that tests make between browser steps are synchronous and safe.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
# Screenshots of failed browser tests, in the git-ignored test-artifacts/.
FAILURES = Path(django_settings.BASE_DIR) / "test-artifacts" / "browser-failures"
# Loads that say nothing about what a test was waiting for.
QUIET_RESOURCES = {"stylesheet", "image", "font", "media", "manifest"}
TIMELINE = pytest.StashKey()


class BrowserSession:
    """Playwright and one Chromium for the whole session, in use only during browser tests.

    Playwright's sync API runs an event loop in this thread, and after each of its calls it
    marks that loop as running. While a loop runs in the thread, Django refuses synchronous
    database access (unless DJANGO_ALLOW_ASYNC_UNSAFE is set) and hands out context-local
    database connections instead of the thread's own. So the loop is marked running only
    while a test uses the browser (``use``) and is set aside after it (``set_aside``): the
    tests that run later in this process get the thread's own connection back, with the
    data that serialized rollback restores.
    """

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.loop = asyncio.get_running_loop()
        os.environ[ASYNC_UNSAFE] = "true"
        try:
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
        except BaseException:
            self.playwright.stop()
            os.environ.pop(ASYNC_UNSAFE, None)
            raise
        self.set_aside()

    def use(self):
        os.environ[ASYNC_UNSAFE] = "true"
        asyncio._set_running_loop(self.loop)
        return self.browser

    def set_aside(self):
        try:
            for context in self.browser.contexts:
                context.close()
            # The connections opened while the loop ran are the context-local ones: close
            # them, or they stay open and keep the test database from being dropped.
            connections.close_all()
        finally:
            asyncio._set_running_loop(None)
            os.environ.pop(ASYNC_UNSAFE, None)

    def stop(self):
        self.use()
        try:
            self.browser.close()
        finally:
            self.playwright.stop()
            asyncio._set_running_loop(None)
            os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture(scope="session")
def chromium():
    """Playwright and Chromium, started once per test session."""
    if not shutil.which(CHROMIUM):
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    session = BrowserSession()
    yield session
    session.stop()


@pytest.fixture
def browser(chromium):
    """The session's Chromium, for this test; contexts it leaves open are closed after it."""
    yield chromium.use()
    chromium.set_aside()


@pytest.fixture
def demo_site(live_server, settings):
    """The demo served to readers, its address. Loaded as ``make demo`` loads it, with tasks
    queued for a worker: no reader's page waits for one, so renditions are made as pages
    show them rather than all of them, every size of every article's, before the test."""
    settings.TASKS = DATABASE_TASKS
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def csp_violations():
    """What the browser reported as blocked by our content security policies."""
    return []


@pytest.fixture
def page(browser, csp_violations, request):
    """A page in a fresh context; the test fails if anything it loads breaks our CSP."""
    context = browser.new_context()
    page = context.new_page()
    # Generous: CI shares two cores between the browser, the server and the other tests.
    page.set_default_timeout(30_000)
    page.expose_function("reportViolation", lambda text: csp_violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " window.reportViolation(`${e.effectiveDirective} ${e.blockedURI}`));"
    )
    page.on("console", lambda message: report_csp_message(message, csp_violations))
    request.node.stash[TIMELINE] = Timeline(page)
    yield page
    context.close()
    assert csp_violations == [], "content security policy violations"


def report_csp_message(message, csp_violations):
    if "Content Security Policy" in message.text:
        csp_violations.append(message.text)


class Timeline:
    """What a test's page did, printed with its failure.

    A browser test that fails mostly fails by a timeout, which does not say whether the page
    reloaded, a request failed, a script threw or a modal never opened; the requests,
    navigations and console messages before it do.
    """

    def __init__(self, page):
        # No "dialog" listener: with one, Playwright stops dismissing dialogs by itself.
        self.page = page
        self.started = time.monotonic()
        self.events = collections.deque(maxlen=400)
        page.on("request", lambda r: self.loaded(r, f"-> {r.method} {r.url}"))
        page.on("response", lambda r: self.loaded(r.request, f"<- {r.status} {r.url}"))
        page.on("requestfailed", lambda r: self.add(f"!! {r.method} {r.url}: {r.failure}"))
        page.on("framenavigated", self.navigated)
        page.on("console", lambda m: self.add(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda error: self.add(f"page error: {error}"))

    def add(self, event):
        self.events.append(f"{time.monotonic() - self.started:7.2f}s {event}")

    def loaded(self, request, event):
        if request.resource_type not in QUIET_RESOURCES:
            self.add(event)

    def navigated(self, frame):
        if frame == self.page.main_frame:
            self.add(f"navigated to {frame.url}")

    def report(self, nodeid):
        """The timeline, ending with where the page stood and its screenshot's path."""
        lines = list(self.events)
        if self.page.is_closed():
            return "\n".join([*lines, "the page was closed"])
        lines.append(f"the page is at {self.page.url}")
        FAILURES.mkdir(parents=True, exist_ok=True)
        shot = FAILURES / (re.sub(r"[^\w.-]+", "_", nodeid) + ".png")
        from playwright.sync_api import Error

        try:
            self.page.screenshot(path=shot, full_page=True)
        except Error as error:
            lines.append(f"no screenshot: {error.message}")
        else:
            lines.append(f"screenshot: {shot}")
        return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    timeline = item.stash.get(TIMELINE, None)
    if timeline is not None and report.when == "call" and report.failed:
        report.sections.append(("browser timeline", timeline.report(item.nodeid)))
    return report
