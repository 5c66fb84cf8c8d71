"""Trending, latest and related lists as blocks on the home page, sections and articles."""

from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from ..factories import ArticleFactory, AuthorFactory, SectionFactory, add_views, paragraph
from .public_pages import BUDGET, front_page, listing, publish_with, queries_for


def grow(home, size):
    """Sections full of articles, each with ``size``-dependent authors, tags and views."""
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    authors = [AuthorFactory() for _ in range(size * 2)]
    tags = [f"tag {n}" for n in range(size * 3)]
    sections = [SectionFactory(parent=home) for _ in range(2)]
    articles = []
    for section in sections:
        for n in range(size * 3):
            article = ArticleFactory(
                parent=section, authors=authors, tags=tags, hero_image=image, hero_alt="A hero"
            )
            add_views(article, n + 1)
            articles.append(article)
    return sections, articles


def every_block(section):
    return [
        listing("trending_posts", heading="Most read"),
        listing("trending_posts", section=section.pk),
        listing("latest_posts", heading="New"),
        listing("latest_posts", section=section.pk),
    ]


def build(home, size):
    sections, articles = grow(home, size)
    publish_with(home, body=every_block(sections[0]) + front_page(sections, pick=articles[0].pk))
    publish_with(sections[1], body=every_block(sections[0]))
    article = publish_with(
        articles[-1],
        body=[paragraph("Text."), *every_block(sections[0]), listing("related_posts")],
    )
    return ["/", sections[1].url, article.url]


@pytest.mark.django_db
def test_pages_with_every_listing_block_stay_within_budget_as_content_grows(
    client, home, commit_between_requests
):
    measured = {}
    for size in (1, 3):
        urls = build(home, size)
        for url in urls:
            client.get(url)  # creates the thumbnails, as the first reader does
        cold = [queries_for(client, url, commit_between_requests) for url in urls]
        warm = [queries_for(client, url, commit_between_requests, warm=True) for url in urls]
        measured[size] = (cold, warm)

    (small_cold, small_warm), (large_cold, large_warm) = measured[1], measured[3]
    assert max(small_warm + large_warm) <= BUDGET, measured
    assert small_warm == large_warm, measured
    # Rendering the lists (every minute at most) costs a fixed number of queries too.
    assert small_cold == large_cold, measured


@pytest.mark.django_db
def test_home_page_block_lists_trending_articles_as_cards(client, home):
    sections, articles = grow(home, 1)
    publish_with(home, body=[listing("trending_posts", count=2, heading="Most read")])

    html = client.get("/").content.decode()
    block = html.split("Most read</h2>")[1].split("</section>")[0]

    assert block.count('class="card"') == 2
    most_read = sorted(articles, key=lambda a: a.daily_views.get().views)[-1]
    assert most_read.title in block
    assert most_read.standfirst in block
    assert 'rel="author"' in block
    assert "<time" in block
    assert 'class="card__image"' in block


@pytest.mark.django_db
def test_section_block_lists_latest_of_another_section(client, home):
    sections, articles = grow(home, 1)
    publish_with(sections[1], body=[listing("latest_posts", count=1, section=sections[0].pk)])

    html = client.get(sections[1].url).content.decode()
    block = html.split(">Latest</h2>")[1]

    assert articles[2].title in block
    assert articles[3].title not in block.split("</section>")[0]


@pytest.mark.django_db
def test_related_block_in_article_body_lists_the_editors_pick(client, section):
    pick = ArticleFactory(parent=section, title="Hand picked")
    article = ArticleFactory(
        parent=section,
        related=[pick],
        body=[paragraph("Text."), listing("related_posts", heading="Read next")],
    )

    html = client.get(article.url).content.decode()

    assert "Hand picked" in html.split("Read next</h2>")[1].split("</section>")[0]


@pytest.mark.django_db
def test_new_article_is_in_the_home_latest_list_on_the_next_request(client, home, section):
    publish_with(home, body=[listing("latest_posts", count=3, heading="Just in")])
    ArticleFactory(parent=section, title="Older news")
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"

    ArticleFactory(parent=section, title="Breaking news")

    html = client.get("/").content.decode()
    assert "Breaking news" in html.split("Just in</h2>")[1].split("</section>")[0]


def home_form(body):
    return nested_form_data(
        {"title": "The Working Week", "slug": "home", "intro": "", "body": streamfield(body)}
    )


@pytest.mark.django_db
def test_editor_places_a_trending_block_on_the_home_page(admin_client, client, home, section):
    ArticleFactory(parent=section, title="Read me")
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))
    body = [("trending_posts", {"heading": "Hot now", "count": 2, "section": section.pk})]

    response = admin_client.post(url, {**home_form(body), "action-publish": "publish"})

    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Read me" in html.split("Hot now</h2>")[1]


@pytest.mark.django_db
def test_listing_block_refuses_an_out_of_range_count(admin_client, home):
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))

    response = admin_client.post(url, home_form([("latest_posts", {"count": 500})]))

    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.django_db
def test_previews_never_use_cached_listings(
    admin_client, client, home, section, without_page_cache
):
    ArticleFactory(parent=section, title="Listed")
    publish_with(home, body=[listing("latest_posts", heading="Live heading")])
    client.get("/")
    home.body = [("latest_posts", {"heading": "Draft heading", "count": 3})]
    home.save_revision()

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(home.pk,)))
    public = client.get("/").content.decode()

    assert "Draft heading" in preview.content.decode()
    assert "Live heading" in public and "Draft heading" not in public
