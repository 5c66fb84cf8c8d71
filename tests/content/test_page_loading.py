"""Pages read from the database are made without the constructors that act only on new
pages (``PubliclyCachedPage.from_db``)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from wagtail.models import Page

import pytest
from modelcluster.models import ClusterableModel

from editorial.models import ArticlePage, HomePage, SectionPage

from ..factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_type", [HomePage, SectionPage, ArticlePage])
def test_the_constructors_left_out_are_the_only_ones_above_the_page_type(page_type):
    """A constructor that Wagtail or modelcluster adds one day must be looked at first."""
    constructors = [cls for cls in page_type.__mro__ if "__init__" in vars(cls)]

    assert constructors == [Page, ClusterableModel, models.Model, object]


def test_a_page_read_from_the_database_is_whole_and_a_new_one_still_gets_its_defaults(section):
    writer = AuthorFactory(name="Ada Writer")
    ArticleFactory(parent=section, title="Read", authors=[writer])

    read = ArticlePage.objects.defer("standfirst").get(slug="read")

    assert not read._state.adding and read._state.db == "default"
    assert read.standfirst == "A short summary of the article."
    assert [a.author.name for a in read.article_authors.all()] == ["Ada Writer"]
    new = ArticlePage(title="New")
    assert new.content_type == ContentType.objects.get_for_model(ArticlePage)
    assert new.show_in_menus is False
