"""Every change an editor makes in the admin reaches anonymous readers on their next request.

The page cache is warm (each page a hit) before the change; after it, every page that
showed the changed article, image or tag serves the new state: the article itself, the
home page, its section, its tag and author pages, the feeds, the sitemap, search and
other articles' related lists.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from taggit.models import Tag

from editorial.content.renditions import FIGURE, HERO
from editorial.pagecache.fragments import include

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    alternatives_block,
    figure,
    make_due,
    page_link,
    post_article_edit,
    restrict,
)
from ..workflow import reload

TITLE = "Quietly Leaving"
SITEMAP = "/sitemap.xml"


def related_list(article):
    """The URL of the related list under ``article`` (a fragment of its own)."""
    html = include("related", heading="Related", count=3, **article.related_params())
    return re.search(r'src="([^"]+)"', html).group(1)


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def cache_backend(request):
    """Every change reaches readers on the development cache and on Redis, production's."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")


@dataclass
class World:
    home: object
    section: object
    careers: object
    article: object
    neighbour: object
    writer: object
    alternative: object

    def listings(self):
        """Pages that list the article by its title (and link to it)."""
        return [
            "/",
            self.section.url,
            "/tags/ethics/",
            self.writer.get_url(),
            "/feeds/rss/",
            "/feeds/atom/",
            self.neighbour.url,
        ]


@pytest.fixture
def world(home, section, careers):
    """``TITLE``, ready for publication, and an article in another section whose body shows
    an alternative, a link to ``TITLE`` and a figure, and which lists ``TITLE`` among its
    related ones (they share a tag)."""
    writer = AuthorFactory(name="Amara Bello", photo=ImageFactory(title="Portrait"))
    alternative = AlternativeFactory(title="Engage Actively")
    article = ArticleFactory(
        parent=section, title=TITLE, authors=[writer], tags=["ethics"], ready=True
    )
    neighbour = ArticleFactory(
        parent=careers,
        title="Next Door",
        authors=[AuthorFactory()],
        tags=["ethics"],
        body=[
            alternatives_block([alternative]),
            page_link(article, "Read how to leave quietly"),
            figure(ImageFactory(title="Chart")),
        ],
    )
    return World(home, section, careers, article, neighbour, writer, alternative)


@dataclass
class Seen:
    """What readers must find (``shown``) and no longer find (``gone``) on which URLs, and
    which URLs must be rendered afresh (``fresh``) when the change shows in no text."""

    shown: list = field(default_factory=list)
    gone: list = field(default_factory=list)
    article_status: int | None = None
    fresh: list = field(default_factory=list)


def everywhere(world, text, url):
    """``text`` on every listing, ``url`` in the sitemap and ``text`` in search results."""
    search = f"/search/?q={text.split()[0]}"
    return [(page, text) for page in world.listings()] + [(SITEMAP, url), (search, text)]


def hidden(world, status):
    """Listed nowhere, and its own address answers ``status`` without its text."""
    gone = everywhere(world, TITLE, world.article.full_url)
    return Seen(gone=[*gone, (world.article.url, world.article.standfirst)], article_status=status)


def set_privacy(admin, page, **data):
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    assert admin.post(url, data).status_code == 200


def password_on_article(admin, world):
    set_privacy(admin, world.article, restriction_type="password", password="secret")
    return hidden(world, status=200)


def login_on_section(admin, world):
    set_privacy(admin, world.section, restriction_type="login")
    return hidden(world, status=302)


def groups_on_home(admin, world):
    editors = Group.objects.get(name="Editors")
    set_privacy(admin, world.home, restriction_type="groups", groups=[editors.pk])
    return hidden(world, status=302)


def restricted_section(world):
    restrict(world.section)


def lifting_a_restriction(admin, world):
    set_privacy(admin, world.section, restriction_type=PageViewRestriction.NONE)
    return Seen(shown=everywhere(world, TITLE, world.article.full_url), article_status=200)


def unpublishing(admin, world):
    admin.post(reverse("wagtailadmin_pages:unpublish", args=[world.article.pk]))
    return hidden(world, status=404)


def deleting(admin, world):
    admin.post(reverse("wagtailadmin_pages:delete", args=[world.article.pk]))
    return hidden(world, status=404)


def expiring(admin, world):
    """No admin screen ends a publication now: expiry comes from ``publish_scheduled``."""
    revision = world.article.get_latest_revision()
    world.article.expire_at = timezone.now() - timedelta(seconds=1)
    world.article.save(update_fields=["expire_at"])
    make_due(revision)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return hidden(world, status=404)


def publishing_a_new_title(admin, world):
    post_article_edit(admin, world.article, title="Loudly Staying", **{"action-publish": "1"})
    return Seen(
        shown=everywhere(world, "Loudly Staying", world.article.full_url),
        gone=[(page, TITLE) for page in world.listings()],
        article_status=200,
    )


def renaming(admin, world):
    old_url = world.article.url
    post_article_edit(admin, world.article, slug="leaving-quietly", **{"action-publish": "1"})
    new_url = reload(world.article).url
    return Seen(
        shown=[(page, new_url) for page in world.listings()] + [(SITEMAP, new_url)],
        gone=[(page, f'"{old_url}"') for page in world.listings()] + [(SITEMAP, old_url)],
        article_status=301,
    )


def moving(admin, world):
    old_url = world.article.url
    move = reverse("wagtailadmin_pages:move_confirm", args=[world.article.pk, world.careers.pk])
    admin.post(move)
    new_url = reload(world.article).url
    return Seen(
        shown=[(world.careers.url, TITLE), (SITEMAP, new_url), ("/", new_url)]
        + [(world.neighbour.url, new_url)],
        gone=[(world.section.url, TITLE), (SITEMAP, old_url), (world.neighbour.url, old_url)],
        article_status=301,
    )


def copy_form(parent, **data):
    return {
        "new_title": "Copied Away",
        "new_slug": "copied-away",
        "new_parent_page": parent.pk,
        **data,
    }


def copying_and_publishing(admin, world):
    url = reverse("wagtailadmin_pages:copy", args=[world.article.pk])
    admin.post(url, copy_form(world.section, publish_copies="on"))
    copy_url = f"{world.section.full_url}copied-away/"
    return Seen(shown=everywhere(world, "Copied Away", copy_url), article_status=200)


def aliasing(admin, world):
    url = reverse("wagtailadmin_pages:copy", args=[world.article.pk])
    admin.post(url, copy_form(world.careers, alias="on"))
    alias_url = f"{world.careers.url}copied-away/"
    return Seen(
        shown=[(world.careers.url, alias_url), ("/", alias_url), (SITEMAP, alias_url)],
        article_status=200,
    )


def deleting_the_hero_image(admin, world):
    hero = world.article.hero_image
    # Every rendition of the image, whatever its size: cards and lead stories alike.
    renditions = f"/images/{Path(hero.file.name).stem}."
    hero_url = hero.get_rendition(HERO.specs[0]).url
    admin.post(reverse("wagtailimages:delete", args=[hero.pk]))
    return Seen(
        gone=[(world.article.url, hero_url)] + [(page, renditions) for page in world.listings()],
        article_status=200,
    )


def renaming_a_section(admin, world):
    """Every article below moves to a new address, wherever it is linked."""
    old_url = world.article.url
    form = nested_form_data(
        {"title": "Networking", "slug": "meeting-people", "intro": "", "body": streamfield([])}
    )
    edit = reverse("wagtailadmin_pages:edit", args=[world.section.pk])
    assert admin.post(edit, {**form, "action-publish": "publish"}).status_code == 302
    new_url = reload(world.article).url
    listings = ["/", "/tags/ethics/", world.writer.get_url(), world.neighbour.url]
    return Seen(
        shown=[(page, new_url) for page in listings] + [(SITEMAP, new_url)],
        gone=[(page, f'"{old_url}"') for page in listings] + [(SITEMAP, old_url)],
        article_status=301,
    )


def replacing_an_image_file(admin, world):
    hero = world.article.hero_image
    hero_url = hero.get_rendition(HERO.specs[0]).url
    upload = ImageFactory.build(title="Replacement").file
    form = {"title": hero.title, "description": hero.description, "file": upload}
    admin.post(reverse("wagtailimages:edit", args=[hero.pk]), form)
    return Seen(gone=[(world.article.url, hero_url)], shown=[(world.article.url, "replacement")])


def replacing_a_body_image_file(admin, world):
    """The figure in the neighbour's body shows the image's new file."""
    chart = world.neighbour.body[2].value["image"]
    old_url = chart.get_rendition(FIGURE.specs[0]).url
    upload = ImageFactory.build(title="Redrawn").file
    form = {"title": chart.title, "description": chart.description, "file": upload}
    admin.post(reverse("wagtailimages:edit", args=[chart.pk]), form)
    return Seen(gone=[(world.neighbour.url, old_url)], shown=[(world.neighbour.url, "redrawn")])


def purging_renditions(admin, world):
    """Renditions are deleted by Wagtail's own command; pages render them afresh."""
    call_command("wagtail_update_image_renditions", purge_only=True, stdout=StringIO())
    return Seen(fresh=[world.article.url, "/", world.section.url, related_list(world.neighbour)])


def deleting_an_author_photo(admin, world):
    admin.post(reverse("wagtailimages:delete", args=[world.writer.photo_id]))
    return Seen(gone=[(world.writer.get_url(), "portrait")])


def publishing_an_author(admin, world):
    writer = world.writer
    form = {"name": "Amara Bello-Stone", "slug": writer.slug, "role": writer.role, "bio": ""}
    edit = reverse("wagtailsnippets_editorial_author:edit", args=[writer.pk])
    admin.post(edit, {**form, "photo": writer.photo_id, "user": "", "action-publish": "1"})
    listings = [world.article.url, "/", world.section.url, "/tags/ethics/", writer.get_url()]
    return Seen(shown=[(page, "Amara Bello-Stone") for page in listings])


def publishing_an_alternative(admin, world):
    form = nested_form_data(
        {
            "title": "Engage Thoughtfully",
            "summary": rich_text("<p>Still useful.</p>"),
            "link_url": "",
            "link_text": "",
            "tags": "",
            "action-publish": "1",
        }
    )
    edit = reverse("wagtailsnippets_editorial_alternative:edit", args=[world.alternative.pk])
    admin.post(edit, form)
    return Seen(
        shown=[(world.neighbour.url, "Engage Thoughtfully")],
        gone=[(world.neighbour.url, "Engage Actively")],
    )


def renaming_a_tag(admin, world):
    """No admin screen renames tags here: taggit's ``Tag`` is saved as its API does."""
    tag = Tag.objects.get(slug="ethics")
    tag.name = "Moral Questions"
    tag.save()
    shown = [(world.article.url, "Moral Questions"), ("/tags/ethics/", "Moral Questions")]
    return Seen(shown=shown)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prepare", "change"),
    [
        pytest.param(None, password_on_article, id="a password on the article hides it"),
        pytest.param(None, login_on_section, id="a login restriction on its section hides it"),
        pytest.param(None, groups_on_home, id="a group restriction on the home page hides it"),
        pytest.param(restricted_section, lifting_a_restriction, id="a lifted restriction"),
        pytest.param(None, unpublishing, id="unpublishing"),
        pytest.param(None, deleting, id="deleting"),
        pytest.param(None, expiring, id="expiry"),
        pytest.param(None, publishing_a_new_title, id="publishing"),
        pytest.param(None, renaming, id="a new slug"),
        pytest.param(None, moving, id="moving"),
        pytest.param(None, copying_and_publishing, id="copying and publishing"),
        pytest.param(None, aliasing, id="an alias"),
        pytest.param(None, deleting_the_hero_image, id="deleting an image"),
        pytest.param(None, renaming_a_section, id="a new slug for the section"),
        pytest.param(None, replacing_an_image_file, id="a new file for an image"),
        pytest.param(None, replacing_a_body_image_file, id="a new file for a body's image"),
        pytest.param(None, purging_renditions, id="deleted renditions"),
        pytest.param(None, deleting_an_author_photo, id="deleting an author's photo"),
        pytest.param(None, renaming_a_tag, id="renaming a tag"),
        pytest.param(None, publishing_an_author, id="publishing an author's profile"),
        pytest.param(None, publishing_an_alternative, id="publishing an alternative"),
    ],
)
def test_the_next_anonymous_request_sees_the_change(client, admin_client, world, prepare, change):
    if prepare:
        prepare(world)
    urls = [world.article.url, SITEMAP, *world.listings()]
    for url in urls:
        if "X-Cache" in client.get(url):
            assert client.get(url)["X-Cache"] == "hit", url

    seen = change(admin_client, world)

    reader = Client()
    for url, text in seen.shown:
        assert text in reader.get(url).content.decode(), (url, text)
    for url, text in seen.gone:
        assert text not in reader.get(url).content.decode(), (url, text)
    for url in seen.fresh:
        assert reader.get(url)["X-Cache"] == "miss", url
    if seen.article_status is not None:
        assert reader.get(world.article.url).status_code == seen.article_status
