"""The section page's "Follow: RSS · Atom" links, clicked as a reader does, give the
section's feeds."""

import pytest

from ..factories import ArticleFactory, SectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("link", "root", "content_type"),
    [("RSS", "<rss", "application/rss+xml"), ("Atom", "<feed", "application/atom+xml")],
)
def test_a_section_s_feed_links_lead_to_its_feed(
    page, live_server, section, link, root, content_type
):
    ArticleFactory(parent=section, title="In this section")
    other = SectionFactory(parent=section.get_parent(), title="Elsewhere")
    ArticleFactory(parent=other, title="In another section")
    page.goto(live_server.url + section.url)

    follow = page.locator(".feed-links").get_by_role("link", name=link, exact=True)
    feed_url = f"{live_server.url}/feeds/sections/{section.slug}/{link.lower()}/"
    with page.expect_response(feed_url) as response:
        follow.click()

    assert response.value.status == 200
    assert response.value.headers["content-type"].startswith(content_type)
    feed = response.value.text()
    assert root in feed
    assert "In this section" in feed
    assert "In another section" not in feed
