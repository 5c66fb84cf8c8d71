"""Every image of the reader's site is a responsive ``<picture>``: a modern format and a
JPEG fallback at several widths, ``sizes`` from the layout, room reserved by width and
height, the first image in view fetched first and the others lazily; and the renditions
lists and the hero show are made at publication, not by the first reader."""

import io
import re
import uuid
from html.parser import HTMLParser

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from editorial.content import renditions
from editorial.content.pregeneration import generate_article_renditions

from ..factories import ArticleFactory, AuthorFactory, paragraph

Rendition = get_image_model().get_rendition_model()
MODERN_TYPE = f"image/{renditions.MODERN_FORMAT}"


class Pictures(HTMLParser):
    """Each ``<picture>`` of a page: its ``<source>`` elements and its ``<img>``, by
    attribute; and every ``<img>`` outside one."""

    def __init__(self, html):
        super().__init__()
        self.pictures, self.loose, self.current = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.current = {"sources": [], "img": None}
        elif tag == "source" and self.current is not None:
            self.current["sources"].append(attrs)
        elif tag == "img":
            if self.current is None:
                self.loose.append(attrs)
            else:
                self.current["img"] = attrs

    def handle_endtag(self, tag):
        if tag == "picture":
            self.pictures.append(self.current)
            self.current = None


def widths(srcset):
    return [int(candidate.split()[1][:-1]) for candidate in srcset.split(", ")]


def assert_responsive(picture, size):
    """``picture`` offers ``size`` (a ``content.renditions.Responsive``) as it should."""
    source, img = picture["sources"][0], picture["img"]
    assert len(picture["sources"]) == 1
    assert source["type"] == MODERN_TYPE
    assert source["sizes"] == img["sizes"] == size.layout
    assert len(widths(source["srcset"])) == len(widths(img["srcset"])) == len(size.sizes)
    assert re.search(rf"\.{renditions.MODERN_FORMAT} \d+w", source["srcset"])
    assert img["src"].endswith(".jpg")
    assert int(img["width"]) > 0 and int(img["height"]) > 0


def image_of(width, height, title="Photo"):
    """An image ``width`` by ``height`` pixels, large enough for the widths under test
    (Wagtail never enlarges an image)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#8b1f5f").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower()}.png")
    )


def figure(image, alt_text):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": False},
            "caption": "",
        },
        "id": str(uuid.uuid4()),
    }


@pytest.fixture
def big_image(db):
    return image_of(1600, 1000)


@pytest.fixture
def article(section, big_image):
    return ArticleFactory(
        parent=section,
        title="Pictured",
        hero_image=big_image,
        hero_alt="A newsroom",
        body=[paragraph("Text."), figure(big_image, "A chart")],
        tags=["photos"],
        authors=[AuthorFactory(photo=image_of(400, 400, "Portrait"))],
    )


@pytest.mark.django_db
def test_article_hero_is_fetched_first_and_its_figures_lazily(client, article):
    pictures = Pictures(client.get(article.url).content.decode())

    hero, body_figure = pictures.pictures
    assert_responsive(hero, renditions.HERO)
    assert hero["img"]["alt"] == "A newsroom"
    assert hero["img"]["fetchpriority"] == "high" and hero["img"]["loading"] == "eager"
    assert widths(hero["img"]["srcset"]) == [800, 480, 1280]
    assert (hero["img"]["width"], hero["img"]["height"]) == ("800", "500")
    assert_responsive(body_figure, renditions.FIGURE)
    assert body_figure["img"]["alt"] == "A chart"
    assert body_figure["img"]["loading"] == "lazy" and "fetchpriority" not in body_figure["img"]


@pytest.mark.django_db
def test_cards_are_responsive_and_only_the_first_in_view_is_fetched_first(
    client, section, big_image
):
    for n in range(3):
        ArticleFactory(parent=section, title=f"Card {n}", hero_image=big_image, tags=["photos"])

    pictures = Pictures(client.get("/tags/photos/").content.decode()).pictures

    assert len(pictures) == 3
    for picture in pictures:
        assert_responsive(picture, renditions.CARD)
        assert picture["img"]["class"] == "card__image"
        assert (picture["img"]["width"], picture["img"]["height"]) == ("640", "360")
    assert [p["img"].get("fetchpriority") for p in pictures] == ["high", None, None]
    assert [p["img"]["loading"] for p in pictures] == ["eager", "lazy", "lazy"]


@pytest.mark.django_db
def test_author_photo_is_responsive_and_fetched_first(client, article):
    author = article.article_authors.get().author

    pictures = Pictures(client.get(author.get_url()).content.decode()).pictures

    photo, card = pictures
    assert_responsive(photo, renditions.AUTHOR_PHOTO)
    assert photo["img"]["fetchpriority"] == "high"
    assert card["img"]["loading"] == "lazy"


@pytest.mark.django_db
def test_no_image_on_the_reader_s_pages_is_a_bare_img(client, home, section, article):
    author = article.article_authors.get().author
    for url in ["/", section.url, article.url, "/tags/photos/", author.get_url()]:
        parsed = Pictures(client.get(url).content.decode())
        assert parsed.pictures, url
        assert parsed.loose == [], url


def specs_made(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


@pytest.mark.django_db
def test_publishing_an_article_makes_what_its_page_and_lists_show(article, big_image):
    assert set(renditions.ARTICLE_SPECS) | set(renditions.FIGURE.specs) <= specs_made(big_image)


@pytest.mark.django_db
def test_readers_after_the_publication_make_no_rendition(client, home, section, article):
    made = Rendition.objects.count()

    for url in ["/", section.url, article.url, "/tags/photos/"]:
        assert client.get(url).status_code == 200

    assert Rendition.objects.count() == made


@pytest.mark.django_db
def test_generating_an_article_s_renditions_makes_the_missing_ones(article, big_image):
    Rendition.objects.filter(image=big_image).delete()

    assert generate_article_renditions(article.pk) == 2

    assert set(renditions.ARTICLE_SPECS) | set(renditions.FIGURE.specs) <= specs_made(big_image)


@pytest.mark.django_db
def test_generating_the_renditions_of_an_article_deleted_meanwhile_does_nothing(article):
    article_id = article.pk
    article.delete()

    assert generate_article_renditions(article_id) == 0
