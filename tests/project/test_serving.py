"""Production serving: compressed HTML and images ready before the first reader."""

import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from editorial.renditions import ARTICLE_SPECS

from ..factories import ArticleFactory


def make_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#336699").save(buffer, format="PNG")
    return get_image_model().objects.create(title="Hero", file=ImageFile(buffer, name="hero.png"))


@pytest.mark.django_db
def test_publishing_generates_hero_and_thumbnail_renditions(section):
    image = make_image()

    ArticleFactory(parent=section, hero_image=image)

    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(ARTICLE_SPECS)


@pytest.mark.django_db
def test_draft_does_not_generate_renditions(section):
    image = make_image()

    ArticleFactory(parent=section, hero_image=image, live=False)

    assert not image.renditions.exists()


@pytest.mark.django_db
def test_html_is_compressed_for_clients_that_accept_it(client, section):
    article = ArticleFactory(parent=section)

    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
