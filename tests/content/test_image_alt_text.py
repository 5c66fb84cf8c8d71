"""Images carry the alt text written for them: on the hero and in the body."""

import uuid

import pytest

from ..factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def figure(image, alt_text, decorative=False):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": "",
        },
        "id": str(uuid.uuid4()),
    }


def test_body_image_uses_the_alt_text_of_the_block(client, section):
    image = ImageFactory(description="What the library says")
    article = ArticleFactory(
        parent=section,
        body=[figure(image, "Two people shaking hands"), figure(image, "", decorative=True)],
    )

    html = client.get(article.url).content.decode()

    assert 'alt="Two people shaking hands"' in html
    assert 'alt=""' in html
    assert "What the library says" not in html


def test_hero_alt_text_falls_back_to_the_image_description(client, section):
    image = ImageFactory(description="A quiet office at dawn")
    written = ArticleFactory(parent=section, hero_image=image, hero_alt="An empty desk")
    fallback = ArticleFactory(parent=section, hero_image=image)

    assert 'alt="An empty desk"' in client.get(written.url).content.decode()
    assert 'alt="A quiet office at dawn"' in client.get(fallback.url).content.decode()
