"""Browser fixtures: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    """A fresh browser per test.

    While Playwright runs, an event loop is running in this thread, so Django hands out
    context-local database connections; stopping it after each test gives later tests
    back the original connection, with the data that serialized rollback restores.
    """
    if not shutil.which(CHROMIUM):
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # The ORM calls that tests make between browser steps are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def csp_violations():
    """What the browser reported as blocked by our content security policies."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    """A page in a fresh context; the test fails if anything it loads breaks our CSP."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.expose_function("reportViolation", lambda text: csp_violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " window.reportViolation(`${e.effectiveDirective} ${e.blockedURI}`));"
    )
    page.on("console", lambda message: report_csp_message(message, csp_violations))
    yield page
    context.close()
    assert csp_violations == [], "content security policy violations"


def report_csp_message(message, csp_violations):
    if "Content Security Policy" in message.text:
        csp_violations.append(message.text)
