"""Factories for the content model; pages are added to the tree and published like editors do."""

import uuid

from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import factory
from factory.django import DjangoModelFactory

from editorial.models import Alternative, ArticleAuthor, ArticlePage, Author, SectionPage


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def alternatives_block(alternatives, intro=""):
    return {
        "type": "alternatives",
        "value": {
            "heading": "",
            "intro": intro,
            "alternatives": list_items(alt.pk for alt in alternatives),
        },
        "id": str(uuid.uuid4()),
    }


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Staff writer"
    bio = "Writes about work."

    class Meta:
        model = Author


class AlternativeFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Alternative {n}")
    summary = "<p>Do the useful thing instead.</p>"

    class Meta:
        model = Alternative


class PageFactory(factory.Factory):
    """Adds the page under ``parent`` and, unless ``live=False``, publishes a revision."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, parent, live=True, **kwargs):
        return cls.add_to_tree(model_class(live=False, **kwargs), parent, live)

    @staticmethod
    def add_to_tree(page, parent, live):
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page


class SectionFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    class Meta:
        model = SectionPage


class ArticleFactory(PageFactory):
    """``authors`` and ``tags`` are lists; byline order follows the list."""

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = "A short summary of the article."
    body = factory.LazyFunction(lambda: [paragraph("Some words about work.")])
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ArticlePage

    @classmethod
    def _create(cls, model_class, parent, authors=(), tags=(), live=True, **kwargs):
        page = model_class(live=False, **kwargs)
        page.article_authors = [ArticleAuthor(author=author) for author in authors]
        page.tags.add(*tags)
        return cls.add_to_tree(page, parent, live)


class ImageFactory(DjangoModelFactory):
    """A small generated PNG: enough for renditions, previews and alt text."""

    title = factory.Sequence(lambda n: f"Image {n}")
    description = "A plain test picture"
    file = factory.LazyFunction(get_test_image_file)

    class Meta:
        model = get_image_model()
