"""Article bodies are rendered once per published revision and stored (``content.bodies``):
readers are served the stored HTML while it is current, and never an outdated one."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

import pytest

from editorial.content import bodies
from editorial.content.blocks import FigureBlock
from editorial.models import ArticleBody, ArticleCorrection, ArticlePage
from editorial.pagecache.fragments import signer
from editorial.pagecache.recording import expires_within

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    alternatives_block,
    article_edit_form,
    figure,
    paragraph,
)
from ..reader.public_pages import clear_caches, listing

MARKER = "<p>Served from the stored body.</p>"


@pytest.fixture
def alternative(db):
    return AlternativeFactory(title="Engage Actively")


@pytest.fixture
def article(section, alternative):
    return ArticleFactory(
        parent=section,
        title="Stored",
        body=[paragraph("Words of the first version."), alternatives_block([alternative])],
    )


def stored(article):
    return ArticleBody.objects.filter(article_id=article.pk).first()


def mark(article, **fields):
    """Put ``MARKER`` in place of the stored body, so a page showing it was served from it."""
    ArticleBody.objects.filter(article_id=article.pk).update(html=MARKER, **fields)


def test_publishing_stores_the_body_of_the_live_revision(article, alternative):
    body = stored(article)

    assert body.revision_id == ArticlePage.objects.get(pk=article.pk).live_revision_id
    assert "Words of the first version." in body.html
    assert "Engage Actively" in body.html
    assert body.shows == sorted(
        [f"alternative:{alternative.pk}", f"page:{article.pk}", f"page:{article.get_parent().pk}"]
    )
    assert sorted(body.dependencies.values_list("name", flat=True)) == body.shows


def test_readers_are_served_the_stored_body(client, article):
    mark(article)

    page = client.get(article.url).content.decode()

    assert MARKER in page
    assert "Words of the first version." not in page


def test_a_reader_who_finds_no_body_renders_and_stores_it(client, article):
    ArticleBody.objects.all().delete()

    assert "Words of the first version." in client.get(article.url).content.decode()
    assert "Words of the first version." in stored(article).html


@pytest.mark.parametrize(
    "outdated",
    [
        pytest.param(lambda article: {"revision": None}, id="another revision"),
        pytest.param(lambda article: {"renderer": "older code"}, id="other code or settings"),
        pytest.param(
            lambda article: {"rendered_at": timezone.now() - bodies.BODY_LIFETIME},
            id="older than its lifetime",
        ),
    ],
)
def test_an_outdated_body_is_rendered_again_and_replaced(client, article, outdated):
    mark(article, **outdated(article))

    page = client.get(article.url).content.decode()

    assert MARKER not in page
    assert "Words of the first version." in page
    assert "Words of the first version." in stored(article).html


def test_new_settings_that_shape_a_body_render_it_again(client, article, settings):
    mark(article)
    settings.MEDIA_URL = "/elsewhere/media/"

    assert MARKER not in client.get(article.url).content.decode()
    assert stored(article).renderer == bodies.renderer()


def test_publishing_a_new_version_replaces_the_body(client, article):
    article.body = [paragraph("Words of the second version.")]
    article.save_revision().publish()

    assert "Words of the second version." in client.get(article.url).content.decode()
    assert "Words of the second version." in stored(article).html


def test_a_preview_shows_the_draft_and_leaves_the_stored_body(admin_client, section):
    article = ArticleFactory(parent=section, body=[paragraph("Words of the first version.")])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    draft = article_edit_form(article)
    draft["body-0-value"] = rich_text("<p>Words of a draft.</p>")
    assert admin_client.post(url, draft).json()["is_valid"]

    preview = admin_client.get(url).content.decode()

    assert "Words of a draft." in preview
    assert "Words of the first version." in stored(article).html


def rename_author(article):
    author = article.article_authors.first().author
    author.name = "Ada Renamed"
    author.save_revision().publish()
    return "Ada Renamed"


def rename_tag(article):
    tag = article.tags.first()
    tag.name = "Careers Renamed"
    tag.save()
    return "Careers Renamed"


def correct(article):
    ArticleCorrection.objects.create(
        page=article, kind="correction", note="An earlier version misspelt a name."
    )
    return "An earlier version misspelt a name."


def rename_section(article):
    section = article.get_parent().specific
    section.title = "Section Renamed"
    section.save_revision().publish()
    return "Section Renamed"


def test_a_change_to_what_a_body_shows_drops_it_with_the_change(article, alternative):
    alternative.title = "Engage Thoughtfully"
    alternative.save_revision().publish()

    assert stored(article) is None


@pytest.mark.parametrize("change", [rename_author, rename_tag, correct, rename_section])
def test_a_change_to_what_the_parts_show_drops_them_and_readers_see_it(client, section, change):
    article = ArticleFactory(
        parent=section, title="Stored", authors=[AuthorFactory(name="Ada")], tags=["Careers"]
    )
    assert stored(article) is not None

    shown = change(article)

    assert stored(article) is None
    assert shown in client.get(article.url).content.decode()
    assert shown in str(stored(article).parts)


def test_a_changed_image_in_a_body_drops_it(section):
    chart = ImageFactory(title="Chart")
    article = ArticleFactory(parent=section, body=[figure(chart)])
    assert f"image:{chart.pk}" in stored(article).shows

    chart.title = "Chart, redrawn"
    chart.save()

    assert stored(article) is None


def test_a_body_that_expires_with_time_is_not_stored(client, section, monkeypatch):
    """A block that shows what changes with time (``expires_within``) keeps the page's
    shorter life, which a stored body would lose."""
    get_context = FigureBlock.get_context

    def expiring(self, value, parent_context=None):
        expires_within(60)
        return get_context(self, value, parent_context)

    monkeypatch.setattr(FigureBlock, "get_context", expiring)
    article = ArticleFactory(parent=section, body=[figure(ImageFactory())])

    assert client.get(article.url).status_code == 200
    assert stored(article) is None


def test_a_list_in_a_body_without_a_hero_takes_the_first_image_in_view(section):
    """Its first card's image is the page's first in view, fetched before the others,
    whether the body is rendered or stored; with a hero image above, the hero is."""
    without_hero = ArticleFactory(parent=section, body=[listing("latest_posts")])
    with_hero = ArticleFactory(parent=section, body=[listing("latest_posts")], ready=True)

    def list_is_eager(article):
        token = re.search(r'<esi:include src="/fragments/latest/([^/]+)/"', stored(article).html)
        return signer.unsign_object(token.group(1))["eager"]

    assert stored(without_hero).takes_first_image and stored(with_hero).takes_first_image
    assert list_is_eager(without_hero) and not list_is_eager(with_hero)
    assert 'fetchpriority="high"' in stored(with_hero).parts["hero"]
    assert not stored(without_hero).parts["hero"].strip()
    rendered = bodies.render_body(without_hero, without_hero.around_body())
    assert (rendered[0], rendered[1]) == (stored(without_hero).html, stored(without_hero).parts)


def test_the_parts_around_the_body_are_stored_with_it(article, section):
    article.search_description = "What it is about."
    article.tags.add("Careers")
    article.save_revision().publish()
    parts = stored(article).parts

    assert set(parts) == set(bodies.PARTS)
    assert 'property="og:description" content="What it is about."' in parts["head"]
    assert '"articleSection": "' + section.title + '"' in parts["head"]
    assert "<h1" in parts["header"] and "Stored" in parts["header"]
    assert 'rel="tag">Careers</a>' in parts["footer"]
    assert {f"page:{article.pk}", f"page:{section.pk}"} <= set(stored(article).shows)


def test_readers_are_served_the_stored_parts(client, article):
    ArticleBody.objects.filter(article_id=article.pk).update(
        parts={name: f"<p>Stored {name}.</p>" for name in bodies.PARTS}
    )

    page = client.get(article.url).content.decode()

    assert all(f"<p>Stored {name}.</p>" in page for name in bodies.PARTS)
    assert "<h1" not in page and "og:title" not in page


def test_only_rendering_the_parts_again_reads_the_hero_renditions(client, section):
    """A reader served the stored parts reads none of the hero image's renditions; rendering
    them again reads every size they show in one query."""
    article = ArticleFactory(parent=section, title="Pictured", ready=True)
    first = client.get(article.url).content.decode()

    def renditions_read(url):
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return page, [q for q in captured if "wagtailimages_rendition" in q["sql"]]

    served, read = renditions_read(article.url)
    assert read == []
    ArticleBody.objects.all().delete()
    rendered, read = renditions_read(article.url)
    assert len(read) == 1

    def pictures(page):
        return re.findall(r"<picture.*?</picture>", page, re.DOTALL)

    assert pictures(served) == pictures(rendered) == pictures(first) != []
