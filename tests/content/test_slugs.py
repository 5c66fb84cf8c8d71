"""Every tag, author and page has a slug its URL can be made from, whatever its name:
emoji, CJK, accented letters or punctuation alone."""

import importlib

from django.apps import apps
from django.urls import reverse

import pytest
from taggit.models import Tag

from editorial.content.models import ArticlePage, Author

from ..factories import ArticleFactory, AuthorFactory, post_article_edit

pytestmark = pytest.mark.django_db

NAMES = ["🎉", "日本語", "Café", "!?!", "🎉🎉"]


@pytest.fixture
def article(section):
    return ArticleFactory(parent=section, title="Slugs", authors=[AuthorFactory(name="Ada")])


def test_tags_named_in_the_admin_get_slugs_that_route(admin_client, article):
    response = post_article_edit(
        admin_client, article, tags=", ".join(NAMES), **{"action-publish": "1"}
    )
    assert response.status_code == 302

    tags = {tag.name: tag.slug for tag in Tag.objects.filter(name__in=NAMES)}
    assert set(tags) == set(NAMES)
    assert tags["日本語"] == "日本語"
    assert tags["Café"] == "café"
    assert all(tags.values())
    assert len(set(tags.values())) == len(NAMES)
    page = admin_client.get(article.url)
    assert page.status_code == 200
    for slug in tags.values():
        url = reverse("editorial:tag", kwargs={"slug": slug})
        assert url in page.content.decode()
        assert admin_client.get(url).status_code == 200
    assert admin_client.get("/sitemap.xml").status_code == 200


def test_a_derived_tag_slug_is_stable():
    first = Tag.objects.create(name="🚀").slug
    Tag.objects.filter(name="🚀").delete()

    assert first
    assert Tag.objects.create(name="🚀").slug == first


def test_an_author_added_in_the_admin_without_a_slug_gets_one(admin_client):
    for name in NAMES:
        response = admin_client.post(
            reverse("wagtailsnippets_editorial_author:add"),
            {"name": name, "slug": "", "role": "", "bio": "", "action-publish": "1"},
        )
        assert response.status_code == 302, name

    slugs = dict(Author.objects.filter(name__in=NAMES).values_list("name", "slug"))
    assert slugs["Café"] == "café"
    assert all(slugs.values())
    for slug in slugs.values():
        reverse("editorial:author", kwargs={"slug": slug})


def test_a_page_titled_with_emoji_alone_gets_a_slug(section):
    page = ArticleFactory(parent=section, title="🎉", slug="")

    assert page.slug
    assert page.url.endswith(f"/{page.slug}/")


def test_pages_and_the_sitemap_skip_objects_left_without_a_slug(client, article):
    article.tags.add("careers")
    author = article.article_authors.get().author
    Tag.objects.filter(name="careers").update(slug="")
    Author.objects.filter(pk=author.pk).update(slug="")
    article.save_revision().publish()

    page = client.get(article.url)

    assert page.status_code == 200
    assert "Ada" in page.content.decode()
    assert client.get("/sitemap.xml").status_code == 200


def test_the_migration_repairs_empty_slugs(article):
    article.tags.add("🎈")
    Tag.objects.filter(name="🎈").update(slug="")
    Author.objects.filter(name="Ada").update(slug="")
    ArticlePage.objects.filter(pk=article.pk).update(slug="", url_path=article.url_path[:-6] + "/")
    migration = importlib.import_module("editorial.migrations.0013_repair_empty_slugs")

    migration.repair(apps, None)

    assert Tag.objects.get(name="🎈").slug.startswith("tag-")
    assert Author.objects.get(name="Ada").slug == "ada"
    article.refresh_from_db()
    assert article.slug.startswith("page-")
    assert article.url_path.endswith(f"/{article.slug}/")
