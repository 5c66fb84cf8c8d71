"""Chromium enforces our content security policies and nothing we serve violates them:
the public pages, and the Wagtail admin's dashboard, page editor and add form.

The ``page`` fixture fails any browser test that causes a violation; these tests visit
the pages on purpose and check that the policy is really enforced."""

import pytest

from ..factories import ArticleFactory, AuthorFactory, UserFactory
from .admin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# What an injected payload would do; resolves with the directive that stopped it.
INJECT_INLINE_SCRIPT = """() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective));
    const script = document.createElement("script");
    script.textContent = "window.injected = true;";
    document.head.append(script);
})"""


def visit(page, url):
    response = page.goto(url)
    assert response.ok, url
    assert response.headers["content-security-policy"], url
    page.wait_for_load_state("load")
    return response


@pytest.fixture
def policy_article(section):
    """Ada's article "Policy", ready for review: hero image, search description, long body."""
    author = AuthorFactory(name="Ada Writer", slug="ada")
    return ArticleFactory(
        parent=section, title="Policy", authors=[author], tags=["careers"], ready=True
    )


def test_public_pages_run_without_violations_and_refuse_inline_script(
    live_server, page, csp_violations, section, policy_article
):
    for path in [
        "/",
        section.url,
        policy_article.url,
        "/tags/careers/",
        "/authors/ada/",
        "/search/?q=p",
    ]:
        visit(page, live_server.url + path)
    assert csp_violations == []

    with page.expect_console_message(lambda message: "inline script" in message.text):
        blocked = page.evaluate(INJECT_INLINE_SCRIPT)

    assert blocked == "script-src-elem"
    assert page.evaluate("window.injected") is None
    # Expected here, so not a failure of the test.
    csp_violations.clear()


def test_admin_runs_without_violations(live_server, page, csp_violations, section, policy_article):
    sign_in(page, live_server, UserFactory(role="editor", username="chief"))
    visit(page, f"{live_server.url}/admin/pages/{policy_article.pk}/edit/")
    page.get_by_role("tab", name="Promote").click()
    # The live preview frames the public template from the admin's own origin.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.get_by_role("heading", level=1).inner_text() == "Policy"
    visit(page, f"{live_server.url}/admin/pages/add/editorial/articlepage/{section.pk}/")
    page.fill("#id_title", "Typed under the policy")
    visit(page, f"{live_server.url}/admin/pages/{section.pk}/")
    # A signed-in editor reads the public page with the userbar, under the strict policy.
    visit(page, live_server.url + policy_article.url)
    page.locator("wagtail-userbar").wait_for(state="attached")

    assert csp_violations == []
