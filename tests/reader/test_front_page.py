"""The front page editors compose from blocks, and the lead story of sections."""

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from ..factories import ArticleFactory, ImageFactory
from ..workflow import reload
from .public_pages import listing, publish_with


def block(block_type, **value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def lead_story(article=None):
    return block("lead_story", article=article.pk if article else None)


def section_row(section):
    return block("section_row", section=section.pk)


def lead_html(html):
    return html.split('<article class="lead-story">')[1].split("</article>")[0]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def stories(section, careers):
    """Two sections, three articles each, with images; the newest is "Careers 0"."""
    image = ImageFactory()
    return {
        f"{parent.title} {n}": ArticleFactory(
            parent=parent,
            title=f"{parent.title} {n}",
            standfirst=f"What {parent.title} {n} is about.",
            hero_image=image,
            hero_alt="A desk",
            first_published_at=days_ago(n * 2 + (parent == section)),
        )
        for parent in (section, careers)
        for n in range(3)
    }


@pytest.mark.django_db
def test_lead_story_is_the_newest_article_when_the_editor_picks_none(client, home, stories):
    publish_with(home, body=[lead_story()])

    lead = lead_html(client.get("/").content.decode())

    assert "Careers 0" in lead
    assert "What Careers 0 is about." in lead
    assert '<h2 class="lead-story__title">' in lead
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead


@pytest.mark.django_db
def test_lead_story_is_the_editors_pick_while_it_is_live(client, home, stories):
    pick = stories["Networking 2"]
    publish_with(home, body=[lead_story(pick)])
    assert "Networking 2" in lead_html(client.get("/").content.decode())
    assert client.get("/")["X-Cache"] == "hit"

    pick.unpublish()
    html = client.get("/").content.decode()
    assert "Careers 0" in lead_html(html)
    assert "Networking 2" not in html

    reload(pick).save_revision().publish()
    assert "Networking 2" in lead_html(client.get("/").content.decode())


@pytest.mark.django_db
def test_a_new_article_leads_the_front_page_on_the_next_request(client, home, section, stories):
    publish_with(home, body=[lead_story(), section_row(section)])
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"

    ArticleFactory(parent=section, title="Breaking", standfirst="It just happened.")

    html = client.get("/").content.decode()
    assert "Breaking" in lead_html(html)
    # The row of its section leaves it out: one article is never shown twice.
    assert html.count(">Breaking</a>") == 1


@pytest.mark.django_db
def test_blocks_show_in_the_editors_order_and_only_those_placed(
    client, home, section, careers, stories
):
    publish_with(
        home,
        body=[
            section_row(careers),
            listing("latest_posts", count=2, heading="Just in"),
            lead_story(stories["Networking 1"]),
        ],
    )

    html = client.get("/").content.decode()

    careers_row = html.index(f'id="section-{careers.pk}"')
    latest = html.index("Just in</h2>")
    lead = html.index('<article class="lead-story">')
    assert careers_row < latest < lead
    assert f'id="section-{section.pk}"' not in html


@pytest.mark.django_db
def test_the_lead_story_is_listed_nowhere_else_on_the_front_page(
    client, home, section, careers, stories
):
    pick = stories["Careers 0"]
    publish_with(
        home,
        body=[
            lead_story(pick),
            listing("trending_posts", count=6, heading="Most read"),
            listing("latest_posts", count=6, heading="Just in"),
            section_row(careers),
        ],
    )

    html = client.get("/").content.decode()

    assert html.count(f'href="{pick.url}"') == 1
    assert "Careers 1" in html.split("Most read</h2>")[1].split("</section>")[0]
    assert "Careers 1" in html.split("Just in</h2>")[1].split("</section>")[0]


@pytest.mark.django_db
def test_a_front_page_nobody_composed_leads_with_the_newest_then_every_section(
    client, home, section, careers, stories
):
    html = client.get("/").content.decode()

    assert "Careers 0" in lead_html(html)
    assert html.index('<article class="lead-story">') < html.index(f'id="section-{section.pk}"')
    assert f'id="section-{careers.pk}"' in html


@pytest.mark.django_db
def test_section_page_leads_with_its_newest_article_on_its_first_page_only(client, section):
    image = ImageFactory()
    for n in range(14):
        ArticleFactory(
            parent=section, title=f"Story {n:02d}", hero_image=image, first_published_at=days_ago(n)
        )

    first = client.get(section.url).content.decode()
    second = client.get(section.url, {"page": 2}).content.decode()

    lead = lead_html(first)
    assert "Story 00" in lead and "A short summary of the article." in lead
    assert 'fetchpriority="high"' in lead
    assert first.count('fetchpriority="high"') == 1
    assert '<article class="lead-story">' not in second
    # Further down the page, every image waits until it nears the screen.
    assert second.count('fetchpriority="high"') == 1
    assert second.split('fetchpriority="high"')[1].count('loading="lazy"') >= 1


def front_page_form(home, body):
    return nested_form_data(
        {"title": home.title, "slug": home.slug, "intro": "", "body": streamfield(body)}
    )


@pytest.mark.django_db
def test_editor_composes_the_front_page_in_the_admin(
    admin_client, client, home, section, careers, stories
):
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))
    body = [
        ("lead_story", {"article": stories["Networking 0"].pk}),
        ("section_row", {"section": careers.pk}),
    ]

    response = admin_client.post(url, {**front_page_form(home, body), "action-publish": "1"})

    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Networking 0" in lead_html(html)
    assert f'id="section-{careers.pk}"' in html
    assert f'id="section-{section.pk}"' not in html


@pytest.mark.django_db
def test_a_section_row_needs_a_section(admin_client, home):
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))

    form = front_page_form(home, [("section_row", {"section": ""})])

    response = admin_client.post(url, {**form, "action-publish": "1"})

    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.django_db
def test_a_section_unpublished_leaves_the_front_page(client, home, section, careers, stories):
    publish_with(home, body=[section_row(careers), section_row(section)])
    assert f'id="section-{careers.pk}"' in client.get("/").content.decode()

    careers.unpublish()

    html = client.get("/").content.decode()
    assert f'id="section-{careers.pk}"' not in html
    assert f'id="section-{section.pk}"' in html
