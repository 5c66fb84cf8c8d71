"""Production serving: compressed HTML and images ready before the first reader."""

import io
import re

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from editorial.content import renditions
from editorial.content.renditions import ARTICLE_SPECS, FIGURE

from ..factories import ArticleFactory


def make_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#336699").save(buffer, format="PNG")
    return get_image_model().objects.create(title="Hero", file=ImageFile(buffer, name="hero.png"))


@pytest.mark.django_db
def test_publishing_generates_every_size_of_the_hero_image(section):
    image = make_image()

    ArticleFactory(parent=section, hero_image=image)

    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(ARTICLE_SPECS)


@pytest.mark.django_db
def test_publishing_generates_body_image_renditions(section):
    image = make_image()
    figure = {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""}

    ArticleFactory(parent=section, body=[{"type": "image", "value": figure}])

    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(FIGURE.specs)


@pytest.mark.django_db
def test_draft_does_not_generate_renditions(section):
    image = make_image()

    ArticleFactory(parent=section, hero_image=image, live=False)

    assert not image.renditions.exists()


def test_templates_name_image_sizes_instead_of_spelling_them():
    """A size spelled in a template would escape the pregeneration publishing does."""
    templates = {
        path: path.read_text() for path in (settings.BASE_DIR / "templates").rglob("*.html")
    }

    # Wagtail's own tags take a spec; the project's ``picture`` and ``rendition`` a name.
    spelled = [
        path
        for path, text in templates.items()
        if re.search(r"{% (image|srcset_image) ", text)
        or re.search(r'{% picture \S+ "[^"]*[-|]', text)
    ]
    pictures = {
        size for text in templates.values() for size in re.findall(r'{% picture \S+ "(\w+)"', text)
    }
    single = {
        size
        for text in templates.values()
        for size in re.findall(r'{% rendition \S+ "(\w+)"', text)
    }

    assert spelled == []
    assert pictures and all(
        isinstance(getattr(renditions, size, None), renditions.Responsive) for size in pictures
    )
    assert single and all(isinstance(getattr(renditions, size, None), str) for size in single)


@pytest.mark.django_db
def test_html_is_compressed_for_clients_that_accept_it(client, section):
    article = ArticleFactory(parent=section)

    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
