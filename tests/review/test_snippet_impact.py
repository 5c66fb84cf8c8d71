"""An alternative's edit view says which live and scheduled articles will show a change."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from editorial.content.usage import alternative_impact
from editorial.models import ArticlePage

from ..factories import (
    ROLES,
    AlternativeFactory,
    ArticleFactory,
    UserFactory,
    alternatives_block,
    paragraph,
    sign_in,
    user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alternative(db):
    alternative = AlternativeFactory(title="Join groups")
    alternative.save_revision().publish()
    return alternative


def with_alternative(alternative):
    return [paragraph("Before the list."), alternatives_block([alternative])]


def save_draft(article, body):
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.body = body
    return draft.save_revision()


@pytest.fixture
def articles(section, alternative, commit_between_requests):
    other = AlternativeFactory(title="Something else")
    other.save_revision().publish()
    shows = ArticleFactory(
        parent=section, title="Live and showing it", body=with_alternative(alternative)
    )
    # Live with it; a draft drops it, but readers still see it until that is published.
    dropping = ArticleFactory(
        parent=section, title="Live, draft drops it", body=with_alternative(alternative)
    )
    save_draft(dropping, [paragraph("Rewritten without it.")])
    # Only an unpublished draft shows it: nobody reads that.
    ArticleFactory(
        parent=section, title="Draft only", body=with_alternative(alternative), live=False
    )
    adding = ArticleFactory(parent=section, title="Live, draft adds it", body=[paragraph("Plain.")])
    save_draft(adding, with_alternative(alternative))
    ArticleFactory(parent=section, title="Another alternative", body=with_alternative(other))
    # Approved for publication next week, not live yet.
    scheduled = ArticleFactory(
        parent=section, title="Scheduled with it", body=with_alternative(alternative), live=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live
    # The reference index is refreshed once these saves are committed.
    commit_between_requests.commit()
    return {"shows": shows, "dropping": dropping, "scheduled": scheduled}


def test_live_and_scheduled_articles_count_drafts_do_not(alternative, articles):
    impact = alternative_impact(alternative)
    assert [page.title for page in impact.live] == ["Live and showing it", "Live, draft drops it"]
    assert [page.pk for page in impact.scheduled] == [articles["scheduled"].pk]


def test_an_unused_alternative_affects_nothing(db):
    impact = alternative_impact(AlternativeFactory(title="Unused"))
    assert impact.live == [] and impact.scheduled == []


def test_the_count_takes_a_fixed_number_of_queries(
    alternative, articles, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        alternative_impact(alternative)


@pytest.mark.parametrize("role", ROLES)
def test_the_edit_view_shows_the_impact_to_everyone_who_may_edit_it(
    client, alternative, articles, role
):
    sign_in(client, user_in(role))
    url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-live-count="2"' in html
    assert 'data-scheduled-count="1"' in html
    assert "2 live articles and 1 scheduled article" in html
    for page in articles.values():
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "Draft only" not in html


def test_the_create_view_has_no_impact_to_show(client):
    client.force_login(UserFactory(role="editor"))
    response = client.get(reverse("wagtailsnippets_editorial_alternative:add"))
    assert response.status_code == 200
    assert "data-snippet-impact" not in response.content.decode()
