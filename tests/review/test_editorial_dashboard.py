"""The admin home shows each person what to do next, in a bounded number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from ..factories import ArticleFactory, UserFactory
from ..workflow import submit

pytestmark = pytest.mark.django_db


def panel(response, name):
    """The text of one dashboard panel, or None when it is not shown."""
    html = response.content.decode()
    start = html.find(f'id="{name}-section"')
    if start == -1:
        return None
    return html[start : html.find("</section>", start)]


def submitted(section, writer, title, **kwargs):
    article = ArticleFactory(parent=section, title=title, writer=writer, live=False, **kwargs)
    submit(article, writer)
    return article


def test_author_sees_own_drafts_with_their_workflow_state(client, section):
    writer, other = UserFactory(role="author"), UserFactory(role="author")
    submitted(section, writer, "Under review")
    ArticleFactory(parent=section, title="Plain draft", owner=writer, live=False)
    ArticleFactory(parent=section, title="Not mine", owner=other, live=False)
    client.force_login(writer)

    response = client.get(reverse("wagtailadmin_home"))

    drafts = panel(response, "editorial_my_drafts")
    assert "Under review" in drafts and "In review: Editor approval" in drafts
    assert "Plain draft" in drafts and "Draft" in drafts
    assert "Not mine" not in drafts
    assert panel(response, "editorial_awaiting_review") is None


def test_editor_sees_review_queue_oldest_first_scheduled_and_published(client, section):
    writer, editor = UserFactory(role="author"), UserFactory(role="editor")
    submitted(section, writer, "Older submission")
    submitted(section, writer, "Newer submission")
    scheduled = ArticleFactory(
        parent=section, title="Tomorrow's story", authors=[writer.author_profile], live=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    ArticleFactory(parent=section, title="Out already", authors=[writer.author_profile])
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    queue = panel(response, "editorial_awaiting_review")
    assert queue.index("Older submission") < queue.index("Newer submission")
    assert "Tomorrow&#x27;s story" in panel(response, "editorial_scheduled")
    assert "Out already" in panel(response, "editorial_recently_published")


def test_dashboard_queries_do_not_grow_with_the_number_of_articles(
    client, section, django_assert_max_num_queries
):
    writer, editor = UserFactory(role="author"), UserFactory(role="editor")
    client.force_login(editor)
    submitted(section, writer, "First")
    client.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("wagtailadmin_home"))
    for n in range(6):
        submitted(section, writer, f"More {n}")
        ArticleFactory(parent=section, title=f"Live {n}", authors=[writer.author_profile])

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("wagtailadmin_home"))


def test_an_editors_panels_keep_their_ids_and_order(client, section):
    editor = UserFactory(role="editor")
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    ids = [
        "editorial_awaiting_review",
        "editorial_scheduled",
        "editorial_my_drafts",
        "editorial_recently_published",
    ]
    positions = [html.find(f'id="{panel_id}') for panel_id in ids]
    assert -1 not in positions, dict(zip(ids, positions, strict=True))
    assert positions == sorted(positions)


def test_review_queue_shows_which_articles_pass_the_checklist(client, section):
    writer, editor = UserFactory(role="author"), UserFactory(role="editor")
    submitted(section, writer, "Complete piece", ready=True, tags=["careers"])
    incomplete = submitted(section, writer, "Thin piece")
    # The queue judges the version under review, the latest revision, not the live one.
    draft = incomplete.get_latest_revision_as_object()
    draft.tags.add("careers")
    draft.save_revision()
    client.force_login(editor)

    queue = panel(client.get(reverse("wagtailadmin_home")), "editorial_awaiting_review")

    thin = queue.index("Thin piece")
    complete_row, thin_row = queue[:thin], queue[thin:]
    assert "Ready" in complete_row and "missing" not in complete_row
    # Thin piece: no hero image, no description, a short body; it has its tag now.
    assert "3 items missing" in thin_row


def test_trending_panel_explains_its_score_and_how_to_steer_it(client, section, settings):
    settings.TRENDING_WINDOW_DAYS, settings.TRENDING_HALF_LIFE_DAYS = 14, 2
    pinned = ArticleFactory(
        parent=section, title="Pinned one", trending_pinned_until=timezone.now() + timedelta(1)
    )
    ArticleFactory(parent=section, title="Left out", exclude_from_trending=True)
    promote = reverse("wagtailadmin_pages:edit", args=[pinned.pk]) + "#tab-promote"

    client.force_login(UserFactory(role="editor"))
    editors = panel(client.get(reverse("wagtailadmin_home")), "trending-now")
    client.force_login(UserFactory(role="author"))
    authors = panel(client.get(reverse("wagtailadmin_home")), "trending-now")

    assert "views of the last 14 days" in editors and "every 2 days back" in editors
    assert "Pinned until" in editors
    assert f'href="{promote}">Pin or exclude' in editors
    excluded = editors[editors.index("Excluded from trending:") :]
    assert "Left out" in excluded and "#tab-promote" in excluded
    assert "views of the last 14 days" in authors and "Pinned until" in authors
    assert "Pin or exclude" not in authors and "Excluded from trending:" not in authors
