"""Article cards stored per published revision: built on publication, built again when
what they show changes, and never shown out of date."""

from django.core.files.images import ImageFile
from django.template.loader import render_to_string

from wagtail.images.tests.utils import get_test_image_file

import pytest

from editorial.content.cards import CARD_TEMPLATE
from editorial.content.models import ArticleAuthor, ArticleCard, ArticlePage
from editorial.content.queries import card_data
from editorial.content.renditions import CARD

from ..factories import ArticleFactory, AuthorFactory, ImageFactory


def fresh_render(article):
    """The card as rendering it now, from the live article, gives."""
    article = ArticlePage.objects.prefetch_related(*card_data()).get(pk=article.pk)
    return render_to_string(CARD_TEMPLATE, {"article": article})


def stored(article):
    return ArticleCard.objects.get(article=article)


def cards_on(client, url):
    """The page's main content: its cards, and its lead story if it has one."""
    return client.get(url).content.decode().split('id="main"')[1]


@pytest.mark.django_db
def test_publication_stores_the_card_a_fresh_render_gives(section):
    article = ArticleFactory(parent=section, authors=[AuthorFactory(name="Ada Byline")], ready=True)

    card = stored(article)
    assert card.revision_id == article.live_revision_id
    assert card.html == fresh_render(article)
    assert "Ada Byline" in card.html
    assert '<article class="lead-story">' in card.lead_html and "Ada Byline" in card.lead_html
    assert [author["id"] for author in card.byline] == [
        byline.author_id for byline in article.article_authors.all()
    ]


def retitle_the_article(article, author):
    article.title = "New words"
    article.save_revision().publish()


def rename_the_author(article, author):
    author.name = "New words"
    author.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "replaced"),
    [(retitle_the_article, "Old headline"), (rename_the_author, "Old Name")],
    ids=["republished article", "renamed author published"],
)
def test_a_published_change_rebuilds_the_card(client, section, change, replaced):
    author = AuthorFactory(name="Old Name")
    article = ArticleFactory(parent=section, title="Old headline", authors=[author])
    assert replaced in cards_on(client, section.url)

    change(article, author)
    article.refresh_from_db()

    assert stored(article).revision_id == article.live_revision_id
    assert stored(article).html == fresh_render(article)
    listing = cards_on(client, section.url)
    assert "New words" in listing
    assert replaced not in listing


@pytest.mark.django_db
def test_unpublishing_an_author_takes_them_off_every_card(client, section):
    author = AuthorFactory(name="Gone Author")
    ArticleFactory(parent=section, authors=[author, AuthorFactory(name="Stays Author")])

    author.unpublish()

    listing = cards_on(client, section.url)
    assert "Gone Author" not in listing
    assert "Stays Author" in listing


@pytest.mark.django_db
def test_a_new_hero_image_file_reaches_the_cards(client, section, settings):
    # Image changes do not invalidate cached pages; what is measured here is the card.
    settings.PAGE_CACHE_SECONDS = 0
    image = ImageFactory()
    article = ArticleFactory(parent=section, hero_image=image, hero_alt="A desk", tags=["desk"])
    old_thumbnail = image.get_rendition(CARD.specs[0]).url
    assert old_thumbnail in cards_on(client, "/tags/desk/")

    # What Wagtail's image edit view does when an editor uploads a new file.
    image.file = ImageFile(get_test_image_file(filename="replaced.png"), name="replaced.png")
    image.save()
    image.renditions.all().delete()

    listing = cards_on(client, "/tags/desk/")
    assert old_thumbnail not in listing
    assert image.get_rendition(CARD.specs[0]).url in listing
    assert stored(article).html == fresh_render(article)


@pytest.mark.django_db
def test_lists_build_missing_and_outdated_cards_before_showing_them(client, section):
    missing = ArticleFactory(parent=section, title="Missing card")
    outdated = ArticleFactory(parent=section, title="Outdated card")
    stored(missing).delete()
    ArticleCard.objects.filter(article=outdated).update(revision=None, html="stale")

    listing = cards_on(client, section.url)

    assert "Missing card" in listing
    assert "Outdated card" in listing
    assert "stale" not in listing
    assert stored(missing).html == fresh_render(missing)
    assert stored(outdated).revision_id == outdated.live_revision_id


@pytest.mark.django_db
def test_a_renamed_section_moves_the_links_of_its_cards(client, home, section):
    article = ArticleFactory(parent=section, title="Moving")
    section.slug = "renamed-section"
    section.save_revision().publish()

    assert 'href="/renamed-section/moving/"' in cards_on(client, "/renamed-section/")
    assert 'href="/renamed-section/moving/"' in cards_on(client, "/")
    assert stored(article).url_path.endswith("/renamed-section/moving/")


@pytest.mark.django_db
def test_a_cached_page_showing_a_card_changes_when_its_author_is_renamed(client, section):
    author = AuthorFactory(name="Cached Name")
    ArticleFactory(parent=section, authors=[author])
    assert "Cached Name" in cards_on(client, section.url)
    assert "Cached Name" in cards_on(client, section.url)  # from the page cache

    author.name = "Fresh Name"
    author.save_revision().publish()

    assert "Fresh Name" in cards_on(client, section.url)


@pytest.mark.django_db
def test_the_article_page_takes_byline_and_tags_from_its_card_but_previews_show_the_draft(
    client, section
):
    article = ArticleFactory(
        parent=section, authors=[AuthorFactory(name="Live Author")], tags=["live tag"]
    )
    html = client.get(article.url).content.decode()
    assert "Live Author" in html
    assert "live tag" in html

    draft = ArticlePage.for_serving().get(pk=article.pk)
    draft.article_authors = [ArticleAuthor(author=AuthorFactory(name="Draft Author"))]
    draft.tags.set(["draft tag"])
    preview = draft.make_preview_request().content.decode()

    assert "Draft Author" in preview
    assert "draft tag" in preview
    assert "Live Author" not in preview
    assert "live tag" not in preview


@pytest.mark.django_db
def test_a_renamed_tag_reaches_the_article_page(client, section, settings):
    # Renaming a tag does not invalidate cached pages; what is measured here is the card.
    settings.PAGE_CACHE_SECONDS = 0
    article = ArticleFactory(parent=section, tags=["old topic"])
    assert "old topic" in client.get(article.url).content.decode()

    tag = article.tags.get()
    tag.name = "new topic"
    tag.save()

    html = client.get(article.url).content.decode()
    assert "new topic" in html
    assert "old topic" not in html
