"""The page tree is constrained: sections under home, articles under sections."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from editorial.models import ArticlePage, HomePage, SectionPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_sections_only_under_home(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})

    def test_articles_only_under_sections(self):
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})

    def test_home_holds_only_sections_and_articles_hold_nothing(self):
        self.assertAllowedSubpageTypes(HomePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_article_cannot_be_created_under_home_or_root(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(Page, ArticlePage)


@pytest.mark.django_db
def test_fresh_database_serves_home_page_as_site_root(client):
    response = client.get("/")

    assert response.status_code == 200
    assert isinstance(response.context["page"], HomePage)


@pytest.mark.django_db
def test_only_one_home_page_can_exist(home):
    assert HomePage.can_create_at(Page.get_first_root_node()) is False
