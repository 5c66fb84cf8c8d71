"""Authors see only what is theirs: every admin surface that names pages, opened by a second
author, shows the live, public pages and the drafts they own or co-write, and never
another author's draft headline.

"author" writes SECRET, a draft (in review, with a hero image and an alternative, so the
image, snippet and workflow surfaces name it), and CREDITED, a draft with "other_author" on
its byline. "other_author" owns MINE. PUBLIC is live, and "author" has drafted a new
headline for it, RETITLED, that readers have not seen either. SECRET is saved last, so it
is also the article edited most recently.
"""

from django.urls import reverse

from wagtail.log_actions import log

import pytest

from ..factories import AlternativeFactory, ArticleFactory, alternatives_block, paragraph
from ..workflow import submit

SECRET = "Unannounced merger piece"
RETITLED = "Unannounced new headline"
CREDITED = "Halfway co-written piece"
MINE = "Solo half-written piece"
PUBLIC = "Already public story"


@pytest.fixture
def newsroom_pages(section, users):
    author, second = users["author"], users["other_author"]
    public = ArticleFactory(parent=section, title=PUBLIC, writer=author)
    public.title = RETITLED
    public.save_revision(user=author, log_action=True)
    mine = ArticleFactory(parent=section, title=MINE, writer=second, live=False)
    credited = ArticleFactory(
        parent=section, title=CREDITED, writer=author, authors=[second.author_profile], live=False
    )
    alternative = AlternativeFactory()
    alternative.save_revision().publish()
    secret = ArticleFactory(
        parent=section,
        title=SECRET,
        writer=author,
        live=False,
        ready=True,
        tags=["scoop"],
        body=[paragraph("Merger words."), alternatives_block([alternative])],
    )
    secret = submit(secret, author)
    # "other_author" once edited SECRET too, before being taken off its byline.
    for page, user in ((secret, author), (secret, second), (mine, second), (credited, second)):
        log(instance=page, action="wagtail.edit", user=user)
    return {
        "section": section,
        "secret": secret,
        "credited": credited,
        "mine": mine,
        "public": public,
        "alternative": alternative,
    }


def api_children(p):
    return reverse("wagtailadmin_api:pages:listing") + f"?child_of={p['section'].pk}"


# (name, URL from the pages, titles the second author must see there)
SURFACES = [
    ("explorer", lambda p: f"/admin/pages/{p['section'].pk}/", [PUBLIC, MINE, CREDITED]),
    (
        "explorer search in a section",
        lambda p: f"/admin/pages/{p['section'].pk}/?q=piece",
        [MINE, CREDITED],
    ),
    (
        "explorer search, whole tree",
        lambda p: f"/admin/pages/{p['section'].pk}/?q=piece&search_all=1",
        [MINE, CREDITED],
    ),
    ("explorer filter", lambda p: f"/admin/pages/{p['section'].pk}/?has_child_pages=false", []),
    ("admin search", lambda p: "/admin/pages/search/?q=piece", [MINE, CREDITED]),
    ("admin search results", lambda p: "/admin/pages/search/results/?q=piece", [MINE, CREDITED]),
    ("page chooser", lambda p: f"/admin/choose-page/{p['section'].pk}/", [PUBLIC, MINE, CREDITED]),
    ("page chooser search", lambda p: "/admin/choose-page/search/?q=piece", [MINE, CREDITED]),
    ("page API children", api_children, [PUBLIC, MINE, CREDITED]),
    ("page API explorer", lambda p: api_children(p) + "&for_explorer=1", [PUBLIC, MINE, CREDITED]),
    (
        "page API detail",
        lambda p: reverse("wagtailadmin_api:pages:detail", args=[p["secret"].pk]),
        [],
    ),
    (
        "page API search",
        lambda p: reverse("wagtailadmin_api:pages:listing") + "?search=piece",
        [MINE, CREDITED],
    ),
    ("dashboard", lambda p: "/admin/", [MINE, CREDITED]),
    ("my articles", lambda p: "/admin/my-articles/", [MINE, CREDITED]),
    ("site history", lambda p: "/admin/reports/site-history/", [MINE, CREDITED]),
    ("page types usage", lambda p: "/admin/reports/page-types-usage/", []),
    (
        "pages of a type",
        lambda p: "/admin/pages/usage/editorial/articlepage/",
        [PUBLIC, MINE, CREDITED],
    ),
    ("workflow report", lambda p: "/admin/reports/workflow/", []),
    ("workflow tasks report", lambda p: "/admin/reports/workflow_tasks/", []),
    ("aging pages report", lambda p: "/admin/reports/aging-pages/", []),
    ("locked pages report", lambda p: "/admin/reports/locked/", []),
    ("page history", lambda p: f"/admin/pages/{p['secret'].pk}/history/", []),
    ("page usage", lambda p: f"/admin/pages/{p['secret'].pk}/usage/", []),
    ("workflow history", lambda p: f"/admin/pages/{p['secret'].pk}/workflow_history/", []),
    ("draft view", lambda p: f"/admin/pages/{p['secret'].pk}/view_draft/", []),
    ("image usage", lambda p: f"/admin/images/{p['secret'].hero_image_id}/usage/", []),
    (
        "snippet usage",
        lambda p: reverse(
            "wagtailsnippets_editorial_alternative:usage", args=[p["alternative"].pk]
        ),
        [],
    ),
    (
        "bulk action confirmation",
        lambda p: f"/admin/bulk/wagtailcore/page/delete/?id={p['secret'].pk}&next=/admin/",
        [],
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url", "shown"), SURFACES, ids=[s[0] for s in SURFACES])
def test_second_author_never_sees_another_authors_draft(
    client, users, newsroom_pages, name, url, shown
):
    client.force_login(users["other_author"])

    response = client.get(url(newsroom_pages), follow=True)

    assert response.status_code in (200, 403, 404), name
    content = response.content.decode()
    assert SECRET not in content, name
    assert RETITLED not in content, name
    for title in shown:
        assert title in content, f"{name}: {title}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        lambda p: f"/admin/pages/{p['section'].pk}/",
        lambda p: "/admin/pages/search/?q=piece",
        lambda p: f"/admin/choose-page/{p['section'].pk}/",
        api_children,
        lambda p: "/admin/reports/site-history/",
        lambda p: "/admin/pages/usage/editorial/articlepage/",
    ],
    ids=["explorer", "admin search", "page chooser", "page API", "site history", "pages of a type"],
)
def test_editors_see_every_draft(client, users, newsroom_pages, url):
    client.force_login(users["editor"])

    response = client.get(url(newsroom_pages))

    assert response.status_code == 200
    assert SECRET in response.content.decode()
