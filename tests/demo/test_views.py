"""The demo comes with a month of reader views, and the seed article is trending."""

import os

from django.core.management import call_command
from django.utils import timezone

import pytest

from editorial.content.queries import trending_ids
from editorial.models import ArticleDailyViews, ArticlePage


def load_demo():
    call_command("load_demo", "--no-users", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_demo_has_a_month_of_views_and_the_seed_article_trends(client, demo):
    seed = ArticlePage.objects.get(slug="is-buying-linkedin-connections-ethical")
    days = ArticleDailyViews.objects.values_list("day", flat=True)

    assert ArticleDailyViews.objects.values("article").distinct().count() == (
        ArticlePage.objects.live().count()
    )
    assert (timezone.localdate() - min(days)).days == 29
    assert seed.pk in trending_ids()
    assert "badge--trending" in client.get(seed.url).content.decode()


@pytest.mark.django_db
def test_loading_the_demo_again_adds_no_views(client, demo):
    before = list(ArticleDailyViews.objects.order_by("pk").values_list("article", "day", "views"))

    load_demo()

    assert (
        list(ArticleDailyViews.objects.order_by("pk").values_list("article", "day", "views"))
        == before
    )
