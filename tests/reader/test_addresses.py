"""Addresses are reversed once per process (``content.addresses``, the ``{% address %}``
tag, pages' ``get_url_parts``), and still follow every change that moves them."""

import django.urls.resolvers
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from wagtail.models import Site

import pytest

from editorial.content.addresses import reversed_address
from editorial.content.models.pages import URL_PARTS
from editorial.models import ArticlePage, SectionPage

from ..factories import ArticleFactory, AuthorFactory, SectionFactory


def render(source, **context):
    return Template("{% load editorial_tags %}" + source).render(Context(context))


@pytest.fixture
def reversals(monkeypatch):
    """Each address Django reverses from here on, by view name, with none kept yet."""
    reversed_address.cache_clear()
    URL_PARTS.clear()
    seen = []
    reverse_with_prefix = django.urls.resolvers.URLResolver._reverse_with_prefix

    def counted(self, lookup_view, *args, **kwargs):
        seen.append(str(lookup_view))
        return reverse_with_prefix(self, lookup_view, *args, **kwargs)

    monkeypatch.setattr(django.urls.resolvers.URLResolver, "_reverse_with_prefix", counted)
    return seen


def test_the_address_tag_gives_what_the_url_tag_gives():
    assert render("{% address 'editorial:feed-rss' %}") == reverse("editorial:feed-rss")
    assert render("{% address 'editorial:tag' slug %}", slug="ü & co") == Template(
        "{% url 'editorial:tag' slug %}"
    ).render(Context({"slug": "ü & co"}))
    assert render("{% address 'editorial:author' slug=slug %}", slug="jo") == "/authors/jo/"


def test_an_address_that_cannot_be_reversed_is_empty_with_as_and_an_error_without():
    assert render("{% address 'editorial:tag' '' as url %}[{{ url }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% address 'editorial:tag' '' %}")


def test_a_second_article_page_reverses_nothing_it_reversed_before(client, section, reversals):
    authors = [AuthorFactory(name=f"Author {n}") for n in range(3)]
    article = ArticleFactory(parent=section, authors=authors, tags=["career", "networks"])
    assert client.get(article.url).status_code == 200
    assert {"author", "tag", "wagtail_serve"} <= set(reversals)

    reversals.clear()
    assert client.get(article.url, {"again": 1}).status_code == 200
    # Only the signed address of the page's "more" fragment, which is its own.
    assert reversals == ["fragment"]


def test_a_renamed_or_moved_page_is_at_its_new_address_at_once(home, section, careers):
    article = ArticleFactory(parent=section, slug="old-name")
    assert article.url == "/networking/old-name/"

    article.slug = "new-name"
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).url == "/networking/new-name/"

    article.move(careers, pos="last-child")
    assert ArticlePage.objects.get(pk=article.pk).url == "/careers/new-name/"

    careers.slug = "jobs"
    careers.save_revision().publish()
    assert SectionPage.objects.get(pk=careers.pk).url == "/jobs/"
    assert ArticlePage.objects.get(pk=article.pk).url == "/jobs/new-name/"


def test_a_page_follows_its_site_and_on_two_sites_the_request_chooses(home, section):
    article = ArticleFactory(parent=section, slug="story")
    assert article.get_url() == "/networking/story/"

    other = Site.objects.create(hostname="networking.example.test", root_page=section)
    article = ArticlePage.objects.get(pk=article.pk)
    requests = RequestFactory()
    on_other = requests.get("/", HTTP_HOST="networking.example.test")
    on_default = requests.get("/", HTTP_HOST="localhost")
    assert article.get_url(on_other) == "/story/"
    assert article.get_url(on_default) == "/networking/story/"

    other.delete()
    home_only = SectionFactory(parent=home, slug="elsewhere")
    Site.objects.filter(is_default_site=True).update(root_page=home_only)
    assert ArticlePage.objects.get(pk=article.pk).get_url() is None
